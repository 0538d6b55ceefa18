"""Unit tests of the pure ``corridor`` package; the layout mirrors ``corridor/``."""

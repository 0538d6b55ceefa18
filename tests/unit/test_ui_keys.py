"""ui.keys: every widget and session key is a distinct string (two widgets with one key stop the page)."""

from __future__ import annotations

from ui import keys


def test_every_key_is_a_distinct_non_empty_string() -> None:
    values = [value for name, value in vars(keys).items() if name.isupper()]
    assert all(isinstance(value, str) and value for value in values)
    assert len(values) == len(set(values)), sorted(v for v in values if values.count(v) > 1)

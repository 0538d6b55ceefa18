"""The corridor domain: records, loading and validation, and the time model.

Pure Python: nothing in this package imports Streamlit (tests/unit/test_architecture.py checks it).
"""

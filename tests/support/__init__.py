"""Helpers shared by every kind of test (no fixtures here; see ``tests/conftest.py``)."""

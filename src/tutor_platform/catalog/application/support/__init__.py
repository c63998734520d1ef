"""Helpers of the catalog's use cases (not use cases themselves)."""

"""Helpers of assessment's use cases (not use cases themselves)."""

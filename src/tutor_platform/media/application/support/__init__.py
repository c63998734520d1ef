"""Helpers of media's use cases (not use cases themselves)."""

"""Helpers of progress's use cases (not use cases themselves)."""

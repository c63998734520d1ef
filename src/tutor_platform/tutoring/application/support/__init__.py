"""Helpers of tutoring's use cases (not use cases themselves)."""

"""Helpers of identity's use cases (not use cases themselves)."""

"""Helpers of learning's use cases (not use cases themselves)."""

"""Helpers of ai's use cases (not use cases themselves)."""

"""Assessment's use cases, one per module."""

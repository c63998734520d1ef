"""Identity's use cases, one per module."""

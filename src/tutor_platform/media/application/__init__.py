"""Media's use cases: one per module."""

"""Tutoring's use cases, one per module; each owns its transaction."""

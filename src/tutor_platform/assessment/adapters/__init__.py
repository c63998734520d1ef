"""Adapters of the assessment context."""

"""Outbound adapters of the assessment context."""

"""Inbound adapters of the assessment context."""

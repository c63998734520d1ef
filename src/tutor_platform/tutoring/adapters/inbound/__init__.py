"""Tutoring's inbound adapters."""

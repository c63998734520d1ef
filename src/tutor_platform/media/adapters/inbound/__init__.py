"""Inbound adapters: HTTP."""

"""Adapters of the media context."""

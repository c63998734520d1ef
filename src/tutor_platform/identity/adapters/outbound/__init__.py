"""Implementations of identity's ports."""

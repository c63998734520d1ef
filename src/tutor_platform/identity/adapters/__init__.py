"""Adapters of the identity context."""

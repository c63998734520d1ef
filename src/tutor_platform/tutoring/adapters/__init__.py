"""Tutoring's adapters: HTTP in, AI providers and persistence out."""

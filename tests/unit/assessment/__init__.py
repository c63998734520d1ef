"""Unit tests of the assessment context: domain rules and use cases over in-memory adapters."""

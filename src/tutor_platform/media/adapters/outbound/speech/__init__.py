"""Text-to-speech adapters."""

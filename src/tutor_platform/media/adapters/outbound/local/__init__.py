"""File storage in a local directory."""

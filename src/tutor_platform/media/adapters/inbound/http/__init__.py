"""The HTTP API of files."""

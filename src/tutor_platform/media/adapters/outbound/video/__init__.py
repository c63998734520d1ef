"""Video rendering adapters."""

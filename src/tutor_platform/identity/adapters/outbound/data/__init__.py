"""Data files shipped with identity, and their loaders."""

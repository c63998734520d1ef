"""The external AI-Core HTTP service."""

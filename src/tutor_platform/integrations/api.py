"""Integrations' public face: what other contexts may use (nothing yet: the MCP endpoint and
the Drive routes are wired by the composition root)."""

__all__: list[str] = []

"""Integrations: Google Drive import and the MCP server (SPEC 6)."""

"""The MCP server at ``/mcp``: tools that act with the calling user's own rights."""

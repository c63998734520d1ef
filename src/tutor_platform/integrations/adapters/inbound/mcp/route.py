"""``/mcp`` as a plain Litestar ASGI route (a mount would rewrite the path the SDK routes on)."""

from litestar import asgi
from litestar.types import Receive, Scope, Send

from tutor_platform.integrations.adapters.inbound.mcp.server import MCP_PATH, McpEndpoint


@asgi(MCP_PATH, copy_scope=True)
async def mcp_route(scope: Scope, receive: Receive, send: Send) -> None:
    """The MCP endpoint of this app (``app.state.mcp``, built by ``create_app``)."""
    endpoint: McpEndpoint = scope["litestar_app"].state.mcp
    await endpoint(scope, receive, send)

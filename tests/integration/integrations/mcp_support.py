"""Drive the app's ``/mcp`` endpoint with the MCP SDK's own client, in process.

The test client serves the app on its own event loop (a portal), where the app's engine and
the SDK's session manager live, so the MCP client runs there too, over ``httpx2``'s ASGI
transport.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx2
from litestar import Litestar
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult

from tests.integration.accounts import Account, in_app_loop
from tests.integration.accounts import Client as TestClient

T = TypeVar("T")
BASE = "http://testserver"


async def with_mcp(
    app: Litestar, token: str | None, work: Callable[[Client], Awaitable[T]], base: str = BASE
) -> T:
    """Run ``work`` with an MCP client of ``app`` sending ``token`` as its bearer token."""
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    transport = httpx2.ASGITransport(app=app)
    http = httpx2.AsyncClient(transport=transport, base_url=base, headers=headers)
    async with http, Client(streamable_http_client(f"{base}/mcp", http_client=http)) as mcp:
        return await work(mcp)


def mcp_session(
    client: TestClient, account: Account | None, work: Callable[[Client], Awaitable[T]]
) -> T:
    """``work`` run on the app's loop with an MCP client acting as ``account``."""
    app: Litestar = client.app  # type: ignore[assignment]
    token = None if account is None else account.access_token
    return in_app_loop(client, lambda: with_mcp(app, token, work))


def call_tool(
    client: TestClient, account: Account | None, name: str, arguments: dict[str, Any]
) -> CallToolResult:
    """One ``tools/call`` as ``account``."""

    async def work(mcp: Client) -> CallToolResult:
        return await mcp.call_tool(name, arguments)

    return mcp_session(client, account, work)


def structured(result: CallToolResult) -> dict[str, Any]:
    """The structured content of a successful tool result."""
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return dict(result.structured_content)


def tool_error(result: CallToolResult, code: str) -> dict[str, Any]:
    """The structured body of a tool error with ``code``."""
    assert result.is_error, result.structured_content
    assert result.structured_content is not None
    body = dict(result.structured_content)
    assert body["error_code"] == code, body
    return body

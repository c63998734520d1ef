"""The MCP endpoint: the SDK's ``MCPServer`` over streamable HTTP, stateless with JSON
responses (any API process can answer any request), behind the platform's bearer tokens.

``create_app`` builds one endpoint per app; its lifespan runs the SDK's session manager.
The manager runs once only, so every lifespan run builds a new Starlette app (and manager)
over the same server: an app whose lifespan runs again (as in the tests) keeps working.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.types import Message, Send

from tutor_platform.integrations.adapters.inbound.mcp.auth import PlatformTokenVerifier
from tutor_platform.integrations.adapters.inbound.mcp.tools import (
    LearningTools,
    ToolDependencies,
    register_learning_tools,
)
from tutor_platform.shared.auth import Authenticator
from tutor_platform.shared.errors import ErrorCode, Unavailable
from tutor_platform.shared.http.errors import ERROR_BODY_HEADER, error_body

MCP_PATH = "/mcp"
INSTRUCTIONS = (
    "Tutor Platform: search courses, read lessons, track progress, take quizzes and ask the "
    "course tutors, with the rights of the user whose token you hold."
)
# Refusals of the SDK's transport (before any JSON-RPC), answered in the common error body.
_REFUSALS: dict[int, tuple[ErrorCode, str]] = {
    401: ("UNAUTHENTICATED", "A valid bearer access token is required."),
    403: ("FORBIDDEN", "This origin may not use the MCP endpoint."),
    413: ("PAYLOAD_TOO_LARGE", "The request body is too large."),
    421: ("BAD_REQUEST", "This host name is not served here."),
}


def transport_security(
    allowed_hosts: Sequence[str], allowed_origins: Sequence[str]
) -> TransportSecuritySettings:
    """The SDK's DNS-rebinding protection from ALLOWED_HOSTS and CORS_ORIGINS.

    Its host list has no wildcards but ``host:*`` (any port): with a ``*`` anywhere in
    ALLOWED_HOSTS, the app's own allowed-hosts check (which has them) is the only one, and
    Origin is not checked (every MCP request needs a bearer token, which a browser page
    cannot send by itself).
    """
    if any("*" in host for host in allowed_hosts):
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    hosts = [pattern for host in allowed_hosts for pattern in (host, f"{host}:*")]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=hosts,
        allowed_origins=list(allowed_origins),
    )


def build_mcp_server(
    deps: ToolDependencies, authenticator: Callable[[], Authenticator], issuer_url: str
) -> MCPServer:
    """The server with every tool, authenticating with the platform's access tokens."""
    server: MCPServer = MCPServer(
        "tutor-platform",
        instructions=INSTRUCTIONS,
        token_verifier=PlatformTokenVerifier(authenticator),
        auth=AuthSettings(issuer_url=issuer_url, resource_server_url=None),  # type: ignore[arg-type]
        log_level="WARNING",
    )
    register_learning_tools(server, LearningTools(deps))
    return server


class McpEndpoint:
    """The ASGI app behind ``/mcp`` and the lifespan that runs it."""

    def __init__(
        self, server: MCPServer, security: TransportSecuritySettings, max_body_bytes: int
    ) -> None:
        self.server = server
        self._security = security
        self._max_body_bytes = max_body_bytes
        self._http_app: Starlette | None = None

    @asynccontextmanager
    async def lifespan(self, _app: Any = None) -> AsyncIterator[None]:
        """Run the SDK's session manager for one lifespan of the app."""
        http_app = self.server.streamable_http_app(
            streamable_http_path=MCP_PATH,
            stateless_http=True,
            json_response=True,
            transport_security=self._security,
            max_request_body_size=self._max_body_bytes,
        )
        async with self.server.session_manager.run():
            self._http_app = http_app
            try:
                yield
            finally:
                self._http_app = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """An ASGI app (typed loosely: Litestar and Starlette spell the ASGI types apart)."""
        if self._http_app is None:
            raise Unavailable("The MCP endpoint is not running.")
        await self._http_app(scope, receive, _common_refusals(send))


_MARK = (ERROR_BODY_HEADER.encode(), b"1")


def _common_refusals(send: Send) -> Send:
    """Rewrite the transport's own refusals (401, 403, 413, 421) into the common error body,
    keeping their headers (``WWW-Authenticate``) but the length and type. Other errors are
    JSON-RPC answers that MCP clients read: they are marked to pass the app's error rewriting
    untouched."""
    refused: dict[str, Any] = {}

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] >= 400:
            if message["status"] in _REFUSALS:
                refused["start"] = message
                return
            message = {**message, "headers": [*message.get("headers", []), _MARK]}
        if "start" not in refused:
            await send(message)
            return
        if message["type"] != "http.response.body" or message.get("more_body", False):
            return
        start = refused["start"]
        code, detail = _REFUSALS[start["status"]]
        body = msgspec.json.encode(error_body(code, detail))
        headers = [
            (name, value)
            for name, value in start.get("headers", [])
            if name.lower() not in (b"content-length", b"content-type")
        ]
        headers += [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            _MARK,
        ]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return wrapped


def build_mcp_endpoint(
    *,
    deps: ToolDependencies,
    authenticator: Callable[[], Authenticator],
    issuer_url: str,
    allowed_hosts: Sequence[str],
    allowed_origins: Sequence[str],
    max_body_bytes: int,
) -> McpEndpoint:
    """A new endpoint (one per app: the SDK's session manager runs once per lifespan)."""
    server = build_mcp_server(deps, authenticator, issuer_url)
    return McpEndpoint(server, transport_security(allowed_hosts, allowed_origins), max_body_bytes)

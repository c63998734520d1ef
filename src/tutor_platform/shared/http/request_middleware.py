"""The outermost ASGI layer: request id, structured access log and metrics for every request.

It wraps the whole Litestar handler (router included), so unknown routes get it too.
"""

import time
from typing import Any

import structlog
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.http.request_context import (
    accept_request_id,
    request_id_var,
    user_id_var,
)

access_logger = structlog.get_logger("tutor_platform.access")

_QUIET_PATHS = frozenset({"/health/live", "/health/ready", "/metrics"})


class RequestContextMiddleware:
    """Assigns ``X-Request-ID``, binds it to logs, logs one access line, records metrics."""

    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        raw = headers.get(b"x-request-id")
        request_id = accept_request_id(raw.decode("latin-1") if raw else None)
        rid_token = request_id_var.set(request_id)
        uid_token = user_id_var.set(None)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        started = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            self._record(scope, status, elapsed)
            structlog.contextvars.unbind_contextvars("request_id")
            request_id_var.reset(rid_token)
            user_id_var.reset(uid_token)

    def _record(self, scope: Scope, status: int, elapsed: float) -> None:
        method: str = scope.get("method", "")
        path: str = scope.get("path", "")
        route: Any = scope.get("path_template") or "unmatched"
        self.metrics.observe(method, str(route), status, elapsed)
        if path in _QUIET_PATHS:
            return
        access_logger.info(
            "request",
            method=method,
            path=path,
            status=status,
            duration_ms=round(elapsed * 1000, 2),
            user_id=user_id_var.get(),
        )

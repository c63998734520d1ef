"""HTTP middleware: request id, access log and metrics (outermost); body media type checks.

``RequestContextMiddleware`` wraps the whole Litestar handler (router included), so unknown
routes get it too. ``BodyMediaTypeMiddleware`` runs per route, where the handler is known.
"""

import time
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import msgspec
import structlog
from litestar.datastructures import Headers
from litestar.enums import RequestEncodingType, ScopeType
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.params import BodyKwarg
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from tutor_platform.shared.errors import UnsupportedMediaType
from tutor_platform.shared.http.errors import (
    ERROR_BODY_HEADER,
    OUTAGE_HEADERS,
    code_for_status,
    error_body,
)
from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.http.request_context import (
    accept_request_id,
    request_id_var,
    user_id_var,
)
from tutor_platform.shared.outage import is_outage

access_logger = structlog.get_logger("tutor_platform.access")
logger = structlog.get_logger("tutor_platform.errors")

_QUIET_PATHS = frozenset({"/health/live", "/health/ready", "/metrics"})


class RequestContextMiddleware:
    """Assigns ``X-Request-ID``, binds it to logs, logs one access line, records metrics.

    It is also the last line of the error body: an error response not built by
    :func:`error_response` (Litestar's allowed-hosts and CORS answers, an exception that
    escaped every handler) leaves in the common body with the same status and headers.
    """

    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        raw = headers.get(b"x-request-id")
        request_id = accept_request_id(raw.decode("latin-1") if raw else None)
        rid_token = request_id_var.set(request_id)
        uid_token = user_id_var.set(None)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        sender = _ResponseSender(send, request_id, rewrite_errors=scope.get("method") != "HEAD")
        started = time.perf_counter()
        try:
            await self.app(scope, receive, sender)
        except Exception as exc:
            outage = is_outage(exc)
            if outage:
                logger.warning("dependency_unavailable", error=repr(exc)[:300])
            else:
                logger.exception("unhandled_exception", exc_info=exc, path=scope.get("path", ""))
            if sender.status is not None:
                raise
            if outage:
                await sender.send_error(503, headers=list(OUTAGE_HEADERS.items()))
            else:
                await sender.send_error(500)
        finally:
            elapsed = time.perf_counter() - started
            self._record(scope, sender.status or 500, elapsed)
            structlog.contextvars.unbind_contextvars("request_id")
            request_id_var.reset(rid_token)
            user_id_var.reset(uid_token)

    def _record(self, scope: Scope, status: int, elapsed: float) -> None:
        method = str(scope.get("method", ""))
        path = str(scope.get("path", ""))
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
            user_id=user_id_var.get() or _principal_id(scope),
        )


def _principal_id(scope: Scope) -> str | None:
    """The authenticated caller cached on the request state (dependencies resolved in a task
    group set the context variable in a child task, where this layer cannot see it)."""
    principal = scope.get("state", {}).get("principal")
    user_id = getattr(principal, "user_id", None)
    return None if user_id is None else str(user_id)


_REPLACED_HEADERS = frozenset(
    {b"content-type", b"content-length", b"content-encoding", ERROR_BODY_HEADER.encode()}
)


class _ResponseSender:
    """The ``send`` of one request: adds ``X-Request-ID``, puts unmarked errors in the body."""

    def __init__(self, send: Send, request_id: str, *, rewrite_errors: bool) -> None:
        self._send = send
        self._request_id = request_id.encode("latin-1")
        self._rewrite_errors = rewrite_errors
        self._held: list[tuple[bytes, bytes]] | None = None
        self._held_body = b""
        self.status: int | None = None

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            headers = list(message.get("headers", []))
            marked = any(name.lower() == ERROR_BODY_HEADER.encode() for name, _ in headers)
            if self.status >= 400 and not marked and self._rewrite_errors:
                self._held = headers
                return
            message["headers"] = [
                *(h for h in headers if h[0].lower() != ERROR_BODY_HEADER.encode()),
                (b"x-request-id", self._request_id),
            ]
        elif message["type"] == "http.response.body" and self._held is not None:
            self._held_body += message.get("body", b"")
            if not message.get("more_body", False):
                await self.send_error(self.status or 500, _detail_of(self._held_body))
            return
        await self._send(message)

    async def send_error(
        self, status: int, detail: str | None = None, headers: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Send a whole response in the common body (keeping held headers such as ``Allow``)."""
        self.status = status
        code = code_for_status(status)
        if detail is None or status >= 500:
            detail = HTTPStatus(status).phrase
        body = msgspec.json.encode(error_body(code, detail))
        kept = [h for h in self._held or [] if h[0].lower() not in _REPLACED_HEADERS]
        self._held = None
        await self._send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    *kept,
                    *((name.lower().encode(), value.encode()) for name, value in headers),
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", self._request_id),
                ],
            }
        )
        await self._send({"type": "http.response.body", "body": body, "more_body": False})


def _detail_of(body: bytes) -> str | None:
    """The human text of an error body that was not ours (plain text or a JSON message)."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        decoded = msgspec.json.decode(text) if text else None
    except msgspec.DecodeError:
        decoded = text
    if isinstance(decoded, dict):
        decoded = decoded.get("detail") or decoded.get("message")
    if isinstance(decoded, str) and 0 < len(decoded) <= 200 and "<" not in decoded:
        return decoded
    return None


_BODY_MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    RequestEncodingType.JSON.value: ("application/json", "+json"),
    RequestEncodingType.URL_ENCODED.value: ("application/x-www-form-urlencoded",),
    RequestEncodingType.MULTI_PART.value: ("multipart/form-data",),
    RequestEncodingType.MESSAGEPACK.value: ("application/x-msgpack", "application/vnd.msgpack"),
}


def expected_body_media_type(handler: HTTPRouteHandler) -> str | None:
    """The media type a handler parses its ``data`` body as, or ``None`` without a body."""
    field = handler.parsed_fn_signature.parameters.get("data")
    if field is None:
        return None
    kwarg = field.kwarg_definition
    media_type = kwarg.media_type if isinstance(kwarg, BodyKwarg) else RequestEncodingType.JSON
    return media_type.value if isinstance(media_type, RequestEncodingType) else media_type


def _has_body(headers: Headers) -> bool:
    length = headers.get("content-length", "").strip()
    return (length not in ("", "0")) or "transfer-encoding" in headers


class BodyMediaTypeMiddleware(ASGIMiddleware):
    """415 when a request sends a body in another media type than its route parses.

    A JSON route takes ``application/json`` or any ``+json`` type; an empty body passes
    (the route then says whether a body is required).
    """

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        handler = scope.get("route_handler")
        expected = (
            expected_body_media_type(handler) if isinstance(handler, HTTPRouteHandler) else None
        )
        if expected is not None:
            headers = Headers.from_scope(scope)
            if _has_body(headers):
                sent = headers.get("content-type", "").split(";", 1)[0].strip().lower()
                accepted = _BODY_MEDIA_TYPES.get(expected, (expected,))
                if not sent or not any(
                    sent == kind or (kind.startswith("+") and sent.endswith(kind))
                    for kind in accepted
                ):
                    raise UnsupportedMediaType(f"Send the request body as {accepted[0]}.")
        await next_app(scope, receive, send)

"""The HTTP side of rate limiting: routes opt in with ``opt={"rate_limit": "<group>"}``.

Routes without that option (health, metrics, schema, ...) are never limited. A denied request
gets 429 ``RATE_LIMITED`` with ``Retry-After``; every limited route answers with the
``RateLimit-Limit``, ``RateLimit-Remaining`` and ``RateLimit-Reset`` headers.
"""

from collections.abc import Collection
from typing import Any

import structlog
from litestar import Litestar, Request
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from tutor_platform.shared.auth import Authenticator
from tutor_platform.shared.http.auth import bearer_token
from tutor_platform.shared.http.errors import error_response
from tutor_platform.shared.outage import OutageLog
from tutor_platform.shared.ratelimit.limiter import (
    RateLimitDecision,
    RateLimiter,
    UnknownRateLimitGroup,
)
from tutor_platform.shared.ratelimit.policy import RATE_LIMIT_OPT, RouteGroup

logger = structlog.get_logger("tutor_platform.rate_limit")


def rate_limit_headers(decision: RateLimitDecision) -> dict[str, str]:
    """The ``RateLimit-*`` headers describing a decision."""
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_after),
    }


class RateLimitMiddleware(ASGIMiddleware):
    """Counts requests to routes that name a rate-limit group; answers 429 over the limit.

    If the counter store fails (Redis down), the request is let through: rate limiting never
    takes the API down with it. The outage and the recovery are logged once each (``outage``).
    """

    scopes = (ScopeType.HTTP,)

    def __init__(self, limiter: RateLimiter, outage: OutageLog | None = None) -> None:
        self.limiter = limiter
        self.outage = outage or OutageLog("rate limit store")

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        group_name = scope["route_handler"].opt.get(RATE_LIMIT_OPT)
        if not group_name:
            await next_app(scope, receive, send)
            return
        request: Request[Any, Any, Any] = Request(scope)
        group = self.limiter.group(group_name)
        identity = _identity(request, group)
        if identity is None:
            await next_app(scope, receive, send)
            return
        try:
            decision = await self.limiter.check(group.name, identity)
        except Exception as exc:
            self.outage.failed(exc)
            await next_app(scope, receive, send)
            return
        self.outage.succeeded()
        headers = rate_limit_headers(decision)
        if not decision.allowed:
            response = error_response(
                429,
                "RATE_LIMITED",
                "Too many requests; try again later.",
                headers={"Retry-After": str(decision.reset_after), **headers},
            )
            await response.to_asgi_response(None, request)(scope, receive, send)
            return
        await next_app(scope, receive, _send_with_headers(send, headers))


def _identity(request: Request[Any, Any, Any], group: RouteGroup) -> str | None:
    """Whom to count: ``user:<subject>`` (per-user groups, valid token) or ``ip:<address>``.

    ``None`` for a signed-in caller of an anonymous-only group; an invalid token counts as
    anonymous, so sending a made-up ``Authorization`` header does not escape the limit.
    """
    if group.per == "user" or group.anonymous_only:
        subject = _verified_subject(request)
        if subject and group.anonymous_only:
            return None
        if subject:
            return f"user:{subject}"
    client = request.client
    return f"ip:{client.host if client else 'unknown'}"


def _verified_subject(request: Request[Any, Any, Any]) -> str | None:
    token = bearer_token(request)
    authenticator: Authenticator | None = getattr(request.app.state, "authenticator", None)
    if token is None or authenticator is None:
        return None
    return authenticator.peek_subject(token)


def _send_with_headers(send: Send, headers: dict[str, str]) -> Send:
    async def send_wrapper(message: Message) -> None:
        if message["type"] == "http.response.start":
            message.setdefault("headers", [])
            response_headers = MutableScopeHeaders(message)
            for key, value in headers.items():
                response_headers[key] = value
        await send(message)

    return send_wrapper


def check_route_groups(app: Litestar, group_names: Collection[str]) -> None:
    """Fail at build time if a route names a rate-limit group that does not exist."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            name = handler.opt.get(RATE_LIMIT_OPT)
            if name and name not in group_names:
                raise UnknownRateLimitGroup(
                    f"route {route.path} names unknown rate-limit group {name!r}"
                )

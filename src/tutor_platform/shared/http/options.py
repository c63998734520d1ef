"""``OPTIONS`` answers with every method of the path, for anyone.

Litestar 2 builds the automatic ``OPTIONS`` handler of a path when the path's first handlers
are registered, so its ``Allow`` header misses the methods of handlers added later
(litestar-org/litestar#4169, fixed in v3), and it sits behind the guards of the path's
controller (401 for an anonymous ``OPTIONS``). This middleware answers an ``OPTIONS`` request
routed to that automatic handler itself, with the methods of the whole route. CORS preflights
never get here: the CORS middleware answers them first.
"""

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Receive, Scope, Send

_AUTOMATIC_HANDLER = "options_handler"


def allowed_methods(app: Litestar) -> dict[str, str]:
    """The ``Allow`` value of every HTTP route, by its path template."""
    return {
        route.path_format: ", ".join(sorted({*route.methods, "OPTIONS"}))
        for route in app.routes
        if isinstance(route, HTTPRoute)
    }


class AllowedMethodsMiddleware(ASGIMiddleware):
    """Answers ``OPTIONS`` with 204 and ``Allow`` listing every method of the route."""

    scopes = (ScopeType.HTTP,)

    def __init__(self) -> None:
        self._allow: dict[str, str] | None = None

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        handler = scope["route_handler"]
        if scope.get("method") != "OPTIONS" or handler.handler_name != _AUTOMATIC_HANDLER:
            await next_app(scope, receive, send)
            return
        if self._allow is None:
            self._allow = allowed_methods(scope["litestar_app"])
        allow = self._allow.get(scope["path_template"], "OPTIONS")
        headers = [(b"allow", allow.encode())]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b"", "more_body": False})

"""The refresh-token cookie for browser clients."""

from typing import Any

from litestar import Request, Response
from litestar.datastructures import Cookie

REFRESH_COOKIE = "refresh_token"
REFRESH_COOKIE_PATH = "/api/v1/auth"
_INSECURE_ENVIRONMENTS = frozenset({"development", "test"})


def _cookie(request: Request[Any, Any, Any], value: str, max_age: int) -> Cookie:
    settings = request.app.state.settings
    return Cookie(
        key=REFRESH_COOKIE,
        value=value,
        max_age=max_age,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=settings.environment not in _INSECURE_ENVIRONMENTS,
        samesite="strict",
    )


def set_refresh_cookie(
    request: Request[Any, Any, Any], response: Response[Any], token: str
) -> None:
    """HttpOnly, SameSite=Strict, limited to the auth routes; Secure outside development."""
    max_age = request.app.state.settings.refresh_token_ttl_seconds
    response.set_cookie(_cookie(request, token, max_age))


def clear_refresh_cookie(request: Request[Any, Any, Any], response: Response[Any]) -> None:
    response.set_cookie(_cookie(request, "", 0))

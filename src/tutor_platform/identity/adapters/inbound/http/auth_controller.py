"""/auth: register, log in (JSON and OAuth2 form), refresh, log out."""

from typing import Annotated, Any

from litestar import Controller, Request, Response, post
from litestar.di import NamedDependency
from litestar.params import CookieParameter, JSONBody, URLEncodedBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from tutor_platform.identity.adapters.inbound.http.cookies import (
    REFRESH_COOKIE,
    clear_refresh_cookie,
    set_refresh_cookie,
)
from tutor_platform.identity.adapters.inbound.http.schemas import (
    LoginRequest,
    RefreshRequest,
    RegisterRequest,
    TokenForm,
    TokenResponse,
    UserResponse,
)
from tutor_platform.identity.application.log_in import LogIn
from tutor_platform.identity.application.log_out import LogOut
from tutor_platform.identity.application.log_out_everywhere import LogOutEverywhere
from tutor_platform.identity.application.refresh_session import RefreshSession
from tutor_platform.identity.application.register_user import RegisterUser
from tutor_platform.identity.application.support.views import TokenPair
from tutor_platform.identity.domain.errors import InvalidRefreshToken
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.responses import convert

AUTH_RATE_LIMIT = {"rate_limit": "auth"}
RefreshCookie = Annotated[
    str | None,
    CookieParameter(name=REFRESH_COOKIE, description="Used when the body has no refresh_token."),
]
AnyRequest = Request[Any, Any, Any]


def _tokens(request: AnyRequest, pair: TokenPair) -> Response[TokenResponse]:
    response = Response(convert(pair, TokenResponse), status_code=HTTP_200_OK)
    set_refresh_cookie(request, response, pair.refresh_token)
    return response


def _refresh_token(data: RefreshRequest | None, cookie: str | None) -> str | None:
    """The refresh token of the body, else of the cookie."""
    return (data.refresh_token if data else None) or cookie or None


class AuthController(Controller):
    path = "/auth"

    @post("/register", opt=AUTH_RATE_LIMIT, responses=error_responses(409, 422, 429))
    async def register(
        self,
        data: JSONBody[RegisterRequest],
        register_user: Provided[RegisterUser],
    ) -> UserResponse:
        """Create an account: a student on the free plan."""
        view = await register_user.execute(data.email, data.username, data.password, data.full_name)
        return convert(view, UserResponse)

    @post(
        "/login",
        status_code=HTTP_200_OK,
        opt=AUTH_RATE_LIMIT,
        responses=error_responses(401, 403, 422, 429),
    )
    async def login(
        self,
        request: AnyRequest,
        data: JSONBody[LoginRequest],
        log_in: Provided[LogIn],
    ) -> Response[TokenResponse]:
        """Log in with email (any case) or username; also sets the refresh-token cookie."""
        return _tokens(request, await log_in.execute(data.login, data.password))

    @post(
        "/token",
        operation_id="issueToken",
        status_code=HTTP_200_OK,
        opt=AUTH_RATE_LIMIT,
        responses=error_responses(401, 403, 422, 429),
    )
    async def token(
        self,
        request: AnyRequest,
        data: URLEncodedBody[TokenForm],
        log_in: Provided[LogIn],
    ) -> Response[TokenResponse]:
        """OAuth2 password grant (form encoded), for the OpenAPI page's Authorize button."""
        if data.grant_type not in (None, "password"):
            raise ValidationFailed(errors=[FieldError("grant_type", 'must be "password"')])
        return _tokens(request, await log_in.execute(data.username, data.password))

    @post(
        "/refresh",
        operation_id="refreshTokens",
        status_code=HTTP_200_OK,
        responses=error_responses(401),
    )
    async def refresh(
        self,
        request: AnyRequest,
        refresh_session: Provided[RefreshSession],
        refresh_cookie: RefreshCookie = None,
        data: JSONBody[RefreshRequest | None] = None,
    ) -> Response[TokenResponse]:
        """A new token pair for a refresh token (single use; reuse ends the session)."""
        token = _refresh_token(data, refresh_cookie)
        if token is None:
            raise InvalidRefreshToken("A refresh token is required, in the body or the cookie.")
        return _tokens(request, await refresh_session.execute(token))

    @post("/logout", status_code=HTTP_204_NO_CONTENT)
    async def logout(
        self,
        request: AnyRequest,
        log_out: Provided[LogOut],
        refresh_cookie: RefreshCookie = None,
        data: JSONBody[RefreshRequest | None] = None,
    ) -> Response[None]:
        """End the session of a refresh token (if any is given) and clear the cookie."""
        token = _refresh_token(data, refresh_cookie)
        if token is not None:
            await log_out.execute(token)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_refresh_cookie(request, response)
        return response

    @post(
        "/logout-all",
        status_code=HTTP_204_NO_CONTENT,
        security=BEARER_SECURITY,
        responses=error_responses(401),
    )
    async def logout_all(
        self,
        request: AnyRequest,
        principal: NamedDependency[Principal],
        log_out_everywhere: Provided[LogOutEverywhere],
    ) -> Response[None]:
        """End every session of the caller, access tokens included."""
        await log_out_everywhere.execute(principal.user_id)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_refresh_cookie(request, response)
        return response

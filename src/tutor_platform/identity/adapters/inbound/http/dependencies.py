"""The ``current_user`` dependency of identity's ``/users/me`` routes."""

from typing import Any

from litestar import Request
from litestar.di import Provide

from tutor_platform.identity.application.authenticate_access_token import (
    AuthenticateAccessToken,
)
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.shared.errors import Unauthenticated
from tutor_platform.shared.http.auth import bearer_token
from tutor_platform.shared.http.request_context import user_id_var


async def provide_current_user(request: Request[Any, Any, Any]) -> UserView:
    """The caller's own user record, from the same single lookup that authenticates them.

    Like the shared ``principal`` dependency, it caches the principal on the request state.
    """
    token = bearer_token(request)
    if token is None:
        raise Unauthenticated("A bearer access token is required.")
    authenticator: AuthenticateAccessToken = request.app.state.authenticator
    authenticated = await authenticator.execute(token)
    request.scope.setdefault("state", {})["principal"] = authenticated.principal
    user_id_var.set(str(authenticated.principal.user_id))
    return authenticated.user


CURRENT_USER = {"current_user": Provide(provide_current_user)}

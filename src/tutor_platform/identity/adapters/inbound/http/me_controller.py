"""/users/me: the caller's own profile, password and subscription."""

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, SkipValidation
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.identity.adapters.inbound.http.dependencies import CURRENT_USER
from tutor_platform.identity.adapters.inbound.http.schemas import (
    PasswordChangeRequest,
    ProfilePatch,
    SubscriptionResponse,
    UserResponse,
)
from tutor_platform.identity.application.change_password import ChangePassword
from tutor_platform.identity.application.get_subscription import GetSubscription
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.application.update_profile import ProfileChanges, UpdateProfile
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.requests import given
from tutor_platform.shared.http.responses import convert


class MeController(Controller):
    path = "/users/me"
    security = BEARER_SECURITY
    dependencies = dict(CURRENT_USER)

    @get("/", operation_id="getMe", responses=error_responses(401))
    async def me(self, current_user: NamedDependency[SkipValidation[UserView]]) -> UserResponse:
        """The caller's profile; ``plan`` is the plan in force now."""
        return convert(current_user, UserResponse)

    @patch("/", responses=error_responses(401, 409, 422))
    async def update_me(
        self,
        data: JSONBody[ProfilePatch],
        principal: NamedDependency[Principal],
        update_profile: Provided[UpdateProfile],
    ) -> UserResponse:
        """Change name, username or preferences (merged as a JSON merge patch)."""
        changes = ProfileChanges(
            full_name=given(data.full_name),
            username=given(data.username),
            preferences=given(data.preferences),
        )
        return convert(await update_profile.execute(principal.user_id, changes), UserResponse)

    @post("/password", status_code=HTTP_204_NO_CONTENT, responses=error_responses(401, 403, 422))
    async def change_password(
        self,
        data: JSONBody[PasswordChangeRequest],
        principal: NamedDependency[Principal],
        change_password: Provided[ChangePassword],
    ) -> None:
        """Change the password (403 when the current one is wrong); every session ends."""
        await change_password.execute(principal.user_id, data.current_password, data.new_password)

    @get("/subscription", operation_id="getMySubscription", responses=error_responses(401))
    async def subscription(
        self,
        principal: NamedDependency[Principal],
        get_subscription: Provided[GetSubscription],
    ) -> SubscriptionResponse:
        """The caller's subscription and whether it runs now."""
        return convert(await get_subscription.execute(principal.user_id), SubscriptionResponse)

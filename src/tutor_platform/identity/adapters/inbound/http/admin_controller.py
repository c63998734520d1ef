"""/users (administrators): list, read, create, change, deactivate, set subscriptions."""

from datetime import UTC
from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.identity.adapters.inbound.http.schemas import (
    CreateUserRequest,
    SubscriptionRequest,
    SubscriptionResponse,
    UserListResponse,
    UserPatch,
    UserResponse,
)
from tutor_platform.identity.application.create_user import CreateUser, NewUser
from tutor_platform.identity.application.deactivate_user import DeactivateUser
from tutor_platform.identity.application.get_user import GetUser
from tutor_platform.identity.application.list_users import MAX_QUERY_LENGTH, ListUsers
from tutor_platform.identity.application.set_subscription import SetSubscription
from tutor_platform.identity.application.update_user import UpdateUser, UserChanges
from tutor_platform.identity.domain.validation import PRINTABLE_REGEX
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.auth import Principal, Role
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.http.auth import BEARER_SECURITY, require_admin
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.requests import given
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

Query = Annotated[
    str | None,
    QueryParameter(
        max_length=MAX_QUERY_LENGTH,
        pattern=f"^{PRINTABLE_REGEX}$",
        description="Part of the email, username or full name (any case).",
    ),
]


class AdminUsersController(Controller):
    path = "/users"
    guards = [require_admin]
    security = BEARER_SECURITY

    @get("/", responses=error_responses(401, 403, 422))
    async def list_users(
        self,
        list_users: Provided[ListUsers],
        role: Annotated[Role | None, QueryParameter()] = None,
        is_active: Annotated[bool | None, QueryParameter()] = None,
        q: Query = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> UserListResponse:
        """Users, oldest first, filtered by role, activity and a search text."""
        page = await list_users.execute(
            UserQuery(role=role, is_active=is_active, q=q), PageRequest(limit, offset)
        )
        return PageResponse.of(page, UserResponse)

    @post("/", responses=error_responses(401, 403, 409, 422))
    async def create_user(
        self,
        data: JSONBody[CreateUserRequest],
        create_user: Provided[CreateUser],
    ) -> UserResponse:
        """Create a user with any role and plan."""
        command = NewUser(
            data.email, data.username, data.password, data.full_name, data.role, data.plan
        )
        return convert(await create_user.execute(command), UserResponse)

    @get("/{user_id:uuid}", responses=error_responses(401, 403, 404))
    async def get_user(self, user_id: FromPath[UUID], get_user: Provided[GetUser]) -> UserResponse:
        """One user."""
        return convert(await get_user.execute(user_id), UserResponse)

    @patch("/{user_id:uuid}", responses=error_responses(401, 403, 404, 409, 422))
    async def update_user(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[UserPatch],
        principal: NamedDependency[Principal],
        update_user: Provided[UpdateUser],
    ) -> UserResponse:
        """Change role, activity or plan (409 when an admin would lock themselves out)."""
        changes = UserChanges(
            role=given(data.role), is_active=given(data.is_active), plan=given(data.plan)
        )
        return convert(await update_user.execute(principal.user_id, user_id, changes), UserResponse)

    @delete(
        "/{user_id:uuid}",
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(401, 403, 404, 409),
    )
    async def deactivate_user(
        self,
        user_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        deactivate_user: Provided[DeactivateUser],
    ) -> None:
        """Deactivate the user (data kept); their tokens stop working at once."""
        await deactivate_user.execute(principal.user_id, user_id)

    @put("/{user_id:uuid}/subscription", responses=error_responses(401, 403, 404, 422))
    async def set_subscription(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[SubscriptionRequest],
        set_subscription: Provided[SetSubscription],
    ) -> SubscriptionResponse:
        """Set the plan and, optionally, its end (no ``ends_at``: no end)."""
        try:
            ends_at = None if data.ends_at is None else data.ends_at.astimezone(UTC)
        except (OverflowError, ValueError):
            raise ValidationFailed(errors=[FieldError("ends_at", "is out of range")]) from None
        return convert(
            await set_subscription.execute(user_id, data.plan, ends_at), SubscriptionResponse
        )

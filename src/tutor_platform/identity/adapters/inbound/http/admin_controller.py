"""/users (administrators): list, read, create, change, deactivate, set subscriptions."""

from datetime import UTC
from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter, SkipValidation
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.identity.adapters.inbound.http.dependencies import use_cases
from tutor_platform.identity.adapters.inbound.http.schemas import (
    CreateUserRequest,
    SubscriptionRequest,
    SubscriptionResponse,
    UserListResponse,
    UserPatch,
    UserResponse,
    given,
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
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageRequest

MAX_OFFSET = 2**31 - 1
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip.")]
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
    dependencies = use_cases(
        "list_users",
        "get_user",
        "create_user",
        "update_user",
        "deactivate_user",
        "set_subscription",
    )

    @get("/", responses=error_responses(401, 403, 422))
    async def list_users(
        self,
        list_users: NamedDependency[SkipValidation[ListUsers]],
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
        items = [UserResponse.of(view) for view in page.items]
        return UserListResponse(items, page.total, page.limit, page.offset)

    @post("/", responses=error_responses(401, 403, 409, 422))
    async def create_user(
        self,
        data: JSONBody[CreateUserRequest],
        create_user: NamedDependency[SkipValidation[CreateUser]],
    ) -> UserResponse:
        """Create a user with any role and plan."""
        command = NewUser(
            data.email, data.username, data.password, data.full_name, data.role, data.plan
        )
        return UserResponse.of(await create_user.execute(command))

    @get("/{user_id:uuid}", responses=error_responses(401, 403, 404))
    async def get_user(
        self, user_id: FromPath[UUID], get_user: NamedDependency[SkipValidation[GetUser]]
    ) -> UserResponse:
        """One user."""
        return UserResponse.of(await get_user.execute(user_id))

    @patch("/{user_id:uuid}", responses=error_responses(401, 403, 404, 409, 422))
    async def update_user(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[UserPatch],
        principal: NamedDependency[Principal],
        update_user: NamedDependency[SkipValidation[UpdateUser]],
    ) -> UserResponse:
        """Change role, activity or plan (409 when an admin would lock themselves out)."""
        changes = UserChanges(
            role=given(data.role), is_active=given(data.is_active), plan=given(data.plan)
        )
        return UserResponse.of(await update_user.execute(principal.user_id, user_id, changes))

    @delete(
        "/{user_id:uuid}",
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(401, 403, 404, 409),
    )
    async def deactivate_user(
        self,
        user_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        deactivate_user: NamedDependency[SkipValidation[DeactivateUser]],
    ) -> None:
        """Deactivate the user (data kept); their tokens stop working at once."""
        await deactivate_user.execute(principal.user_id, user_id)

    @put("/{user_id:uuid}/subscription", responses=error_responses(401, 403, 404, 422))
    async def set_subscription(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[SubscriptionRequest],
        set_subscription: NamedDependency[SkipValidation[SetSubscription]],
    ) -> SubscriptionResponse:
        """Set the plan and, optionally, its end (no ``ends_at``: no end)."""
        try:
            ends_at = None if data.ends_at is None else data.ends_at.astimezone(UTC)
        except (OverflowError, ValueError):
            raise ValidationFailed(errors=[FieldError("ends_at", "is out of range")]) from None
        return SubscriptionResponse.of(await set_subscription.execute(user_id, data.plan, ends_at))

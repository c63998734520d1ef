"""What use cases return: plain read models, never the password hash."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tutor_platform.identity.domain.user import User
from tutor_platform.shared.auth import Plan, Principal, Role


@dataclass(frozen=True, slots=True)
class UserView:
    """A user as shown to clients; ``plan`` is the plan in force now."""

    id: UUID
    email: str
    username: str
    full_name: str
    role: Role
    is_active: bool
    preferences: dict[str, Any]
    plan: Plan
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User, now: datetime) -> "UserView":
        return cls(
            id=user.id,
            email=user.email,
            username=user.username,
            full_name=user.full_name,
            role=user.role,
            is_active=user.is_active,
            preferences=dict(user.preferences),
            plan=user.subscription.effective_plan(now),
            created_at=user.created_at,
            updated_at=user.updated_at,
        )


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    plan: Plan
    started_at: datetime
    ends_at: datetime | None
    is_active: bool

    @classmethod
    def of(cls, user: User, now: datetime) -> "SubscriptionView":
        subscription = user.subscription
        return cls(
            plan=subscription.plan,
            started_at=subscription.started_at,
            ends_at=subscription.ends_at,
            is_active=subscription.is_active(now),
        )


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type)


@dataclass(frozen=True, slots=True)
class AuthenticatedUser:
    """The principal of a valid access token together with the user it was loaded from."""

    principal: Principal
    user: UserView

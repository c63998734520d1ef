"""Builders of identity entities for tests."""

from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any
from uuid import UUID

from tutor_platform.identity.domain.refresh_token import RefreshToken, hash_refresh_secret
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.identity.domain.user import User
from tutor_platform.shared.auth import Plan, Role
from tutor_platform.shared.ids import new_id

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
_numbers = count(1)


def make_user(**fields: Any) -> User:
    """A valid user; every field can be overridden. Emails and usernames are unique."""
    n = next(_numbers)
    at = fields.pop("at", T0)
    values: dict[str, Any] = {
        "id": new_id(),
        "email": f"user{n}@example.com",
        "username": f"user{n}",
        "password_hash": "fake$1$secret",
        "subscription": Subscription(plan=fields.pop("plan", Plan.FREE), started_at=at),
        "created_at": at,
        "updated_at": at,
        "role": Role.STUDENT,
    }
    values.update(fields)
    return User(**values)


def make_refresh_token(
    user_id: UUID, *, secret: str | None = None, family_id: UUID | None = None, **fields: Any
) -> RefreshToken:
    created_at = fields.pop("created_at", T0)
    values: dict[str, Any] = {
        "id": new_id(),
        "user_id": user_id,
        "family_id": family_id or new_id(),
        "token_hash": hash_refresh_secret(secret or str(new_id())),
        "created_at": created_at,
        "expires_at": created_at + timedelta(days=30),
    }
    values.update(fields)
    return RefreshToken(**values)

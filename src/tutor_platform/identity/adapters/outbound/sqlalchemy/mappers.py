"""Rows to domain entities and back."""

from typing import Any

from sqlalchemy import Row

from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import RefreshTokenRow, UserRow
from tutor_platform.identity.domain.refresh_token import RefreshToken
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.identity.domain.user import User
from tutor_platform.shared.auth import Plan, Role


def user_from_row(row: UserRow | Row[Any]) -> User:
    """A user from an ORM row or a Core row of the users table (same attribute names)."""
    return User(
        id=row.id,
        email=row.email,
        username=row.username,
        password_hash=row.password_hash,
        subscription=Subscription(
            plan=Plan(row.plan), started_at=row.plan_started_at, ends_at=row.plan_ends_at
        ),
        created_at=row.created_at,
        updated_at=row.updated_at,
        full_name=row.full_name,
        role=Role(row.role),
        is_active=row.is_active,
        preferences=dict(row.preferences or {}),
        token_version=row.token_version,
    )


def copy_user_to_row(user: User, row: UserRow) -> UserRow:
    """Write every field of ``user`` onto ``row`` (a new or a loaded one)."""
    row.id = user.id
    row.email = user.email
    row.email_normalized = user.email_normalized
    row.username = user.username
    row.full_name = user.full_name
    row.password_hash = user.password_hash
    row.role = user.role
    row.is_active = user.is_active
    row.preferences = dict(user.preferences)
    row.plan = user.subscription.plan
    row.plan_started_at = user.subscription.started_at
    row.plan_ends_at = user.subscription.ends_at
    row.token_version = user.token_version
    row.created_at = user.created_at
    row.updated_at = user.updated_at
    return row


def refresh_token_from_row(row: RefreshTokenRow) -> RefreshToken:
    return RefreshToken(
        id=row.id,
        user_id=row.user_id,
        family_id=row.family_id,
        token_hash=row.token_hash,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
        revoked_at=row.revoked_at,
    )


def refresh_token_to_row(token: RefreshToken) -> RefreshTokenRow:
    return RefreshTokenRow(
        id=token.id,
        user_id=token.user_id,
        family_id=token.family_id,
        token_hash=token.token_hash,
        created_at=token.created_at,
        updated_at=token.created_at,
        expires_at=token.expires_at,
        used_at=token.used_at,
        revoked_at=token.revoked_at,
    )

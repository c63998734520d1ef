"""The ``users`` and ``refresh_tokens`` tables."""

from datetime import datetime
from typing import Any
from uuid import UUID

from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.base import UUIDv7AuditBase


class UserRow(UUIDv7AuditBase):
    """A user; ``email_normalized`` (lower-case) carries the case-insensitive uniqueness."""

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("email_normalized", name="uq_users_email_normalized"),
        UniqueConstraint("username", name="uq_users_username"),
    )

    email: Mapped[str] = mapped_column(String(320))
    email_normalized: Mapped[str] = mapped_column(String(320))
    username: Mapped[str] = mapped_column(String(32))
    full_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="student", index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    preferences: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    plan: Mapped[str] = mapped_column(String(16), default="free")
    plan_started_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    plan_ends_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    token_version: Mapped[int] = mapped_column(Integer, default=0)


class RefreshTokenRow(UUIDv7AuditBase):
    """One refresh token: only the SHA-256 of its secret is stored."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[UUID] = mapped_column(index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

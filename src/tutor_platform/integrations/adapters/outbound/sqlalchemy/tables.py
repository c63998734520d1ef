"""The ``drive_connections``, ``drive_authorization_states`` and ``drive_imports`` tables.

Tokens and PKCE verifiers are stored encrypted (Fernet); the state is stored as its SHA-256.
``user_id`` columns hold identity's user ids without a foreign key.
"""

from datetime import datetime
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.base import UUIDv7AuditBase


class DriveConnectionRow(DefaultBase):
    __tablename__ = "drive_connections"

    user_id: Mapped[UUID] = mapped_column(GUID(length=16), primary_key=True)
    access_token_encrypted: Mapped[str] = mapped_column(Text)
    refresh_token_encrypted: Mapped[str | None] = mapped_column(Text, default=None)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    scope: Mapped[str] = mapped_column(String(1024))
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    connected_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class DriveAuthorizationStateRow(DefaultBase):
    __tablename__ = "drive_authorization_states"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[UUID] = mapped_column(GUID(length=16), index=True)
    code_verifier_encrypted: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)


class DriveImportRow(UUIDv7AuditBase):
    """One import of a version of a Drive file as a file or into a section (``target``)."""

    __tablename__ = "drive_imports"
    __table_args__ = (UniqueConstraint("user_id", "drive_file_id", "version", "target"),)

    user_id: Mapped[UUID] = mapped_column(GUID(length=16))
    drive_file_id: Mapped[str] = mapped_column(String(128))
    version: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(64))
    modified_time: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    name: Mapped[str] = mapped_column(String(1024))
    mime_type: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    section_id: Mapped[UUID | None] = mapped_column(GUID(length=16), default=None)
    job_id: Mapped[UUID | None] = mapped_column(GUID(length=16), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    file_id: Mapped[UUID | None] = mapped_column(GUID(length=16), default=None)
    lesson_id: Mapped[UUID | None] = mapped_column(GUID(length=16), default=None)

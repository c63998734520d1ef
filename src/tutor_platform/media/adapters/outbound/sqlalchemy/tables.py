"""The ``files``, ``file_uploads`` and ``file_quota_locks`` tables.

``owner_id`` columns hold identity's user ids without a foreign key: contexts keep their own
tables and refer to each other by id.
"""

from datetime import datetime
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.base import UUIDv7AuditBase


class FileRow(UUIDv7AuditBase):
    """A file's metadata; ``filename_key`` is the case-folded name that ``q`` searches."""

    __tablename__ = "files"
    __table_args__ = (
        Index("ix_files_owner_created", "owner_id", "created_at"),
        Index("ix_files_created", "created_at"),
    )

    owner_id: Mapped[UUID] = mapped_column(GUID(length=16))
    filename: Mapped[str] = mapped_column(String(255))
    filename_key: Mapped[str] = mapped_column(String(1024))
    content_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    checksum_sha256: Mapped[str] = mapped_column(String(64))
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    duration_ms: Mapped[int | None] = mapped_column(Integer, default=None)
    storage_key: Mapped[str] = mapped_column(String(255))
    deleted_at: Mapped[datetime | None] = mapped_column(
        DateTimeUTC(timezone=True), default=None, index=True
    )


class FileUploadRow(UUIDv7AuditBase):
    """Bytes reserved by an upload in progress; ``id`` is the id its file will get."""

    __tablename__ = "file_uploads"

    owner_id: Mapped[UUID] = mapped_column(GUID(length=16), index=True)
    reserved_bytes: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)


class FileQuotaLockRow(DefaultBase):
    """One row per owner, written first in a quota decision so that decisions of one owner
    queue behind each other (a row lock on PostgreSQL, the write lock on SQLite)."""

    __tablename__ = "file_quota_locks"

    owner_id: Mapped[UUID] = mapped_column(GUID(length=16), primary_key=True)
    locked_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))

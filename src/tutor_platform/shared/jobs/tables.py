"""The ``jobs`` table: one row per enqueued job, the source of truth for its status."""

from datetime import datetime
from typing import Any
from uuid import UUID

from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.base import UUIDv7AuditBase


class JobRow(UUIDv7AuditBase):
    """A job as stored: kind, owner, status and outcome."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_owner_created", "owner_id", "created_at"),)

    kind: Mapped[str] = mapped_column(String(100))
    owner_id: Mapped[UUID | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    progress: Mapped[float | None] = mapped_column(default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column(JsonB, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

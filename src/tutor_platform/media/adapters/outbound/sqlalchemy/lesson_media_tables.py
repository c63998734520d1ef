"""The ``lesson_summaries`` and ``lesson_drafts`` tables.

Lesson, course and user ids refer to other contexts' rows without foreign keys; a summary's
``file_id`` is a file of this context. ``job_id`` is unique: one summary or draft per job.
"""

from datetime import datetime
from uuid import UUID

from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.base import UUIDv7AuditBase


class LessonSummaryRow(UUIDv7AuditBase):
    __tablename__ = "lesson_summaries"
    __table_args__ = (Index("ix_lesson_summaries_lesson_created", "lesson_id", "created_at"),)

    lesson_id: Mapped[UUID] = mapped_column(GUID(length=16))
    kind: Mapped[str] = mapped_column(String(8))
    file_id: Mapped[UUID] = mapped_column(GUID(length=16), index=True)
    job_id: Mapped[UUID] = mapped_column(GUID(length=16), unique=True)
    script: Mapped[str] = mapped_column(Text)
    created_by: Mapped[UUID] = mapped_column(GUID(length=16))


class LessonDraftRow(UUIDv7AuditBase):
    __tablename__ = "lesson_drafts"
    __table_args__ = (Index("ix_lesson_drafts_lesson_created", "lesson_id", "created_at"),)

    lesson_id: Mapped[UUID] = mapped_column(GUID(length=16))
    course_id: Mapped[UUID] = mapped_column(GUID(length=16))
    job_id: Mapped[UUID] = mapped_column(GUID(length=16), unique=True)
    content: Mapped[str] = mapped_column(Text)
    instructions: Mapped[str | None] = mapped_column(Text, default=None)
    model_id: Mapped[str] = mapped_column(String(100))
    provider: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[UUID] = mapped_column(GUID(length=16))
    applied_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

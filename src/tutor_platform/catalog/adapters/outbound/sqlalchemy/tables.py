"""The catalog's tables: ``courses`` → ``sections`` → ``lessons``, and ``projects``.

Positions are unique within their parent (a unique constraint, so a racing renumbering can
never leave duplicates); moves renumber through negative positions to stay within it.
"""

from typing import Any
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, JsonB
from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.base import UUIDv7AuditBase


class CourseRow(UUIDv7AuditBase):
    """A course; ``instructor_id`` is the owning user (identity's id, no cross-context FK)."""

    __tablename__ = "courses"
    __table_args__ = (UniqueConstraint("slug", name="uq_courses_slug"),)

    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(220))
    description: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(String(80), default="", index=True)
    difficulty: Mapped[str] = mapped_column(String(16), default="beginner", index=True)
    prerequisites: Mapped[list[Any]] = mapped_column(JsonB, default=list)
    is_published: Mapped[bool] = mapped_column(default=False, index=True)
    instructor_id: Mapped[UUID] = mapped_column(index=True)
    cover_file_id: Mapped[UUID | None] = mapped_column(default=None)


class SectionRow(UUIDv7AuditBase):
    """A section of a course at a dense 1-based position."""

    __tablename__ = "sections"
    __table_args__ = (
        UniqueConstraint("course_id", "position", name="uq_sections_course_id_position"),
    )

    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)


class LessonRow(UUIDv7AuditBase):
    """A lesson of a section; ``course_id`` is denormalised for course-wide reads and search."""

    __tablename__ = "lessons"
    __table_args__ = (
        UniqueConstraint("section_id", "position", name="uq_lessons_section_id_position"),
        Index("ix_lessons_course_id", "course_id"),
    )

    section_id: Mapped[UUID] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer)
    estimated_minutes: Mapped[int] = mapped_column(Integer, default=10)
    is_premium: Mapped[bool] = mapped_column(default=False)


class ProjectRow(UUIDv7AuditBase):
    """A portfolio project, optionally attached to a course."""

    __tablename__ = "projects"

    course_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("courses.id", ondelete="SET NULL"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    tech_stack: Mapped[list[Any]] = mapped_column(JsonB, default=list)
    content: Mapped[str] = mapped_column(Text, default="")
    thumbnail_file_id: Mapped[UUID | None] = mapped_column(default=None)
    is_published: Mapped[bool] = mapped_column(default=False, index=True)
    created_by: Mapped[UUID] = mapped_column(index=True)


class LessonPassageRow(UUIDv7AuditBase):
    """A passage of a lesson (migration 0010): its Markdown, plain text, code-aware search text
    and embedding (float32 bytes of ``embedder``). The full-text index over ``search_text``
    (PostgreSQL ``search_vector``, SQLite ``lesson_passages_fts``) is not mapped: the database
    keeps it current."""

    __tablename__ = "lesson_passages"
    __table_args__ = (
        UniqueConstraint("lesson_id", "position", name="uq_lesson_passages_lesson_id_position"),
        Index("ix_lesson_passages_course_id", "course_id"),
    )

    lesson_id: Mapped[UUID] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(Text, default=None)
    markdown: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    embedder: Mapped[str] = mapped_column(String(120))


class PassageIndexVersionRow(DefaultBase):
    """A course's passage index version (migration 0017): every index job that writes or
    removes passages of the course bumps it in the same transaction, so a process that keeps
    the course's vectors knows with one key lookup whether they are still current."""

    __tablename__ = "passage_index_versions"

    course_id: Mapped[UUID] = mapped_column(
        GUID(length=16), ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger)

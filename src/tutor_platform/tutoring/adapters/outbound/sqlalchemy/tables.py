"""Tutoring's tables: ``tutors`` → ``chat_sessions`` → ``chat_messages`` → ``message_feedback``.

Deleting a tutor deletes its sessions, a session its messages, a message its feedback (and a
user message the answer to it). ``course_id``, ``created_by``, ``user_id`` and attachment ids
belong to other contexts (no foreign key). Messages are read by (session_id, created_at, id),
the keyset of their paging, and the current branch by (session_id, is_current, created_at, id),
so that a page of the history costs the same however long or branched the conversation;
``parent_id`` links the message tree; (session_id, client_message_id) is unique, which makes retried
sends idempotent even when they race.
"""

from datetime import datetime
from typing import Any
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql import text

from tutor_platform.shared.persistence.base import UUIDv7AuditBase
from tutor_platform.shared.persistence.figures import daily_figures_table, figure_events_table


class TutorRow(UUIDv7AuditBase):
    """A tutor; ``rating``/``total_feedbacks`` are recomputed from its feedback."""

    __tablename__ = "tutors"

    course_id: Mapped[UUID | None] = mapped_column(default=None, index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    provider: Mapped[str] = mapped_column(String(16))
    model_id: Mapped[str] = mapped_column(String(100))
    knowledge_base_id: Mapped[str | None] = mapped_column(String(200), default=None)
    system_prompt: Mapped[str] = mapped_column(Text, default="")
    temperature: Mapped[float] = mapped_column(Float)
    rating: Mapped[float | None] = mapped_column(Float, default=None)
    total_feedbacks: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_by: Mapped[UUID] = mapped_column(index=True)


class ChatSessionRow(UUIDv7AuditBase):
    """A user's conversation with a tutor."""

    __tablename__ = "chat_sessions"

    user_id: Mapped[UUID] = mapped_column(index=True)
    tutor_id: Mapped[UUID] = mapped_column(ForeignKey("tutors.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    last_message_at: Mapped[datetime | None] = mapped_column(
        DateTimeUTC(timezone=True), default=None
    )
    message_count: Mapped[int] = mapped_column(Integer, default=0)


class ChatMessageRow(UUIDv7AuditBase):
    """A message; ``meta`` is the SPEC's ``metadata`` of an assistant message."""

    __tablename__ = "chat_messages"
    __table_args__ = (
        UniqueConstraint(
            "session_id", "client_message_id", name="uq_chat_messages_session_id_client_message_id"
        ),
        Index("ix_chat_messages_session_id_created_at_id", "session_id", "created_at", "id"),
        Index(
            "ix_chat_messages_session_id_is_current_created_at_id",
            "session_id",
            "is_current",
            "created_at",
            "id",
        ),
    )

    session_id: Mapped[UUID] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(JsonB, default=list)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JsonB, default=None)
    citations: Mapped[list[Any]] = mapped_column(JsonB, default=list, server_default=text("'[]'"))
    client_message_id: Mapped[str | None] = mapped_column(String(64), default=None)
    reply_to_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), default=None, index=True
    )
    reply_state: Mapped[str | None] = mapped_column(String(16), default=None)
    reply_claimed_at: Mapped[datetime | None] = mapped_column(
        DateTimeUTC(timezone=True), default=None
    )
    parent_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="SET NULL"), default=None, index=True
    )
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


class MessageFeedbackRow(UUIDv7AuditBase):
    """One user's feedback on one assistant message."""

    __tablename__ = "message_feedback"
    __table_args__ = (
        UniqueConstraint("user_id", "message_id", name="uq_message_feedback_user_id_message_id"),
        Index("ix_message_feedback_tutor_id_feedback_type", "tutor_id", "feedback_type"),
    )

    message_id: Mapped[UUID] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[UUID] = mapped_column(
        ForeignKey("chat_sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[UUID] = mapped_column()
    tutor_id: Mapped[UUID] = mapped_column(ForeignKey("tutors.id", ondelete="CASCADE"))
    feedback_type: Mapped[str] = mapped_column(String(16))
    rating: Mapped[int | None] = mapped_column(Integer, default=None)
    positive_text: Mapped[str | None] = mapped_column(Text, default=None)
    improvement_text: Mapped[str | None] = mapped_column(Text, default=None)
    quick_reaction: Mapped[str | None] = mapped_column(String(16), default=None)
    allow_training: Mapped[bool] = mapped_column(Boolean, default=False)
    processed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


tutoring_daily_figures = daily_figures_table("tutoring_daily_figures")
tutoring_figure_events = figure_events_table("tutoring_figure_events")


class GapGroupRow(DefaultBase):
    """A content gap of a course: uncited questions alike enough; ``words`` are the content
    words of its first question (``sample``), which later questions are compared with."""

    __tablename__ = "tutoring_gap_groups"
    __table_args__ = (Index("ix_tutoring_gap_groups_course_id", "course_id"),)

    id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    course_id: Mapped[UUID] = mapped_column(GUID)
    words: Mapped[str] = mapped_column(Text)
    sample: Mapped[str] = mapped_column(Text)
    first_asked_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    last_asked_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    dismissed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    dismissed_by: Mapped[UUID | None] = mapped_column(GUID, default=None)


class GapQuestionRow(DefaultBase):
    """A learner's question whose answer cited nothing (kept when the conversation goes)."""

    __tablename__ = "tutoring_gap_questions"
    __table_args__ = (Index("ix_tutoring_gap_questions_group_id", "group_id"),)

    message_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    group_id: Mapped[UUID] = mapped_column(GUID)
    course_id: Mapped[UUID] = mapped_column(GUID)
    tutor_id: Mapped[UUID] = mapped_column(GUID)
    asked_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))

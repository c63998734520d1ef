"""Assessment's tables: ``quizzes`` → ``quiz_questions`` and ``quiz_attempts``; mastery
``mastery_evidence``, ``lesson_mastery`` and a course's ``course_mastery_parameters``; spaced
review ``review_cards``; premium ``premium_usage`` and ``premium_quota_counters``.

A quiz references its course and lesson in the catalog: deleting the course deletes its
quizzes (with their questions and attempts), deleting the lesson detaches the quiz.
``user_id`` belongs to identity (no foreign key). Usage keeps ``course_id`` as a plain
reference, so the cost history survives a deleted course. Exact decimals (scores, points,
costs) are stored as integers of a fixed scale (``ScaledDecimal``), the same on SQLite and
PostgreSQL. (quiz_id, user_id, number) is unique: the guard of ``max_attempts``.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.assessment.adapters.outbound.sqlalchemy.types import ScaledDecimal
from tutor_platform.shared.persistence.base import UUIDv7AuditBase, UUIDv7Base
from tutor_platform.shared.persistence.figures import daily_figures_table, figure_events_table

SCORE_SCALE = 4
POINTS_SCALE = 2
COST_SCALE = 4


class QuizRow(UUIDv7AuditBase):
    __tablename__ = "quizzes"
    __table_args__ = (Index("ix_quizzes_course_id_created_at", "course_id", "created_at"),)

    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    lesson_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("lessons.id", ondelete="SET NULL"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    passing_score: Mapped[Decimal] = mapped_column(ScaledDecimal(SCORE_SCALE))
    is_premium: Mapped[bool] = mapped_column(Boolean, default=False)
    max_attempts: Mapped[int | None] = mapped_column(Integer, default=None)
    created_by: Mapped[UUID] = mapped_column(GUID)


class QuizQuestionRow(UUIDv7Base):
    """A question; the answer fields of other kinds are empty (JSON ``[]`` / null)."""

    __tablename__ = "quiz_questions"
    __table_args__ = (
        UniqueConstraint("quiz_id", "position", name="uq_quiz_questions_quiz_id_position"),
    )

    quiz_id: Mapped[UUID] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    points: Mapped[int] = mapped_column(Integer)
    lesson_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("lessons.id", ondelete="SET NULL"), default=None, index=True
    )
    explanation: Mapped[str | None] = mapped_column(Text, default=None)
    options: Mapped[list[Any]] = mapped_column(JsonB, default=list)
    correct_option_ids: Mapped[list[Any]] = mapped_column(JsonB, default=list)
    correct: Mapped[bool | None] = mapped_column(Boolean, default=None)
    accepted_answers: Mapped[list[Any]] = mapped_column(JsonB, default=list)
    rubric: Mapped[dict[str, Any] | None] = mapped_column(JsonB, default=None)


class QuizAttemptRow(UUIDv7AuditBase):
    """An attempt with its answers and graded results as they were at submission."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint(
            "quiz_id", "user_id", "number", name="uq_quiz_attempts_quiz_id_user_id_number"
        ),
        Index("ix_quiz_attempts_quiz_id_completed_at", "quiz_id", "completed_at"),
        Index("ix_quiz_attempts_user_id_quiz_id_score", "user_id", "quiz_id", "score"),
        Index("ix_quiz_attempts_quiz_id_status", "quiz_id", "status"),
    )

    quiz_id: Mapped[UUID] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    user_id: Mapped[UUID] = mapped_column(GUID)
    number: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JsonB)
    results: Mapped[list[Any]] = mapped_column(JsonB)
    points: Mapped[Decimal] = mapped_column(ScaledDecimal(POINTS_SCALE))
    max_points: Mapped[int] = mapped_column(Integer)
    score: Mapped[Decimal] = mapped_column(ScaledDecimal(SCORE_SCALE))
    passed: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16), default="graded", server_default="graded")
    completed_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class PremiumUsageRow(UUIDv7AuditBase):
    """One successful premium call; ``month`` (``2026-11``, UTC) is what usage is summed by."""

    __tablename__ = "premium_usage"
    __table_args__ = (Index("ix_premium_usage_user_id_month", "user_id", "month"),)

    user_id: Mapped[UUID] = mapped_column(GUID)
    feature: Mapped[str] = mapped_column(String(32))
    cost_usd: Mapped[Decimal] = mapped_column(ScaledDecimal(COST_SCALE))
    course_id: Mapped[UUID | None] = mapped_column(GUID, default=None)
    used_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    month: Mapped[str] = mapped_column(String(7))


class PremiumQuotaCounterRow(DefaultBase):
    """Calls of a feature counted against a user's quota on one UTC day."""

    __tablename__ = "premium_quota_counters"
    __table_args__ = (CheckConstraint("used >= 0", name="used_not_negative"),)

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    feature: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    used: Mapped[int] = mapped_column(Integer)


class MasteryEvidenceRow(UUIDv7Base):
    """One answer that counts for a lesson's mastery. ``first_key`` is the question of an
    attempt's answer (null for reviews): unique per user, it keeps the first attempt only."""

    __tablename__ = "mastery_evidence"
    __table_args__ = (
        UniqueConstraint("user_id", "first_key", name="uq_mastery_evidence_user_id_first_key"),
        Index("ix_mastery_evidence_user_id_lesson_id", "user_id", "lesson_id"),
        Index("ix_mastery_evidence_source_id", "source_id"),
    )

    user_id: Mapped[UUID] = mapped_column(GUID)
    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    lesson_id: Mapped[UUID] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    question_id: Mapped[UUID] = mapped_column(GUID)
    source: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[UUID] = mapped_column(GUID)
    correct: Mapped[bool] = mapped_column(Boolean)
    observed_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    first_key: Mapped[UUID | None] = mapped_column(GUID, default=None)


class LessonMasteryRow(DefaultBase):
    """A learner's traced mastery of a lesson (kept with the evidence it is folded from)."""

    __tablename__ = "lesson_mastery"
    __table_args__ = (
        Index("ix_lesson_mastery_user_id_course_id", "user_id", "course_id"),
        Index(
            "ix_lesson_mastery_course_id_user_id_last_evidence_at",
            "course_id",
            "user_id",
            "last_evidence_at",
        ),
    )

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    lesson_id: Mapped[UUID] = mapped_column(
        ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    p_mastery: Mapped[float] = mapped_column(Float)
    evidence: Mapped[int] = mapped_column(Integer)
    last_evidence_at: Mapped[datetime | None] = mapped_column(
        DateTimeUTC(timezone=True), default=None
    )
    parameters_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CourseMasteryParametersRow(DefaultBase):
    """The BKT parameters a course's instructor set (none: OATutor's); ``version`` counts the
    changes, and each mastery row keeps the version it was traced with."""

    __tablename__ = "course_mastery_parameters"

    course_id: Mapped[UUID] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    p_init: Mapped[float] = mapped_column(Float)
    p_transit: Mapped[float] = mapped_column(Float)
    p_slip: Mapped[float] = mapped_column(Float)
    p_guess: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[UUID] = mapped_column(GUID)
    updated_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class ReviewCardRow(UUIDv7AuditBase):
    """A learner's card of one question; ``schedule`` is the FSRS state of the card."""

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id", name="uq_review_cards_user_id_question_id"),
        Index("ix_review_cards_user_id_due_at", "user_id", "due_at"),
        Index("ix_review_cards_user_id_course_id_due_at", "user_id", "course_id", "due_at"),
    )

    user_id: Mapped[UUID] = mapped_column(GUID)
    course_id: Mapped[UUID] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    quiz_id: Mapped[UUID] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    question_id: Mapped[UUID] = mapped_column(GUID)
    lesson_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("lessons.id", ondelete="SET NULL"), default=None
    )
    schedule: Mapped[dict[str, Any]] = mapped_column(JsonB)
    due_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    last_reviewed_at: Mapped[datetime | None] = mapped_column(
        DateTimeUTC(timezone=True), default=None
    )
    reviews: Mapped[int] = mapped_column(Integer)


assessment_daily_figures = daily_figures_table("assessment_daily_figures")
assessment_figure_events = figure_events_table("assessment_figure_events")

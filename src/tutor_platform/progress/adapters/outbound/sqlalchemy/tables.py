"""The progress tables: completions, started courses, quiz scores, activity, streaks and
study time. ``user_id`` and ``tutor_id`` belong to other contexts (no foreign key); course
and lesson ids reference the catalog, so deleting a course or lesson deletes its progress."""

from datetime import datetime
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column


class LessonCompletionRow(DefaultBase):
    """A lesson a learner completed; ``course_id`` is the lesson's course, for course reads."""

    __tablename__ = "lesson_completions"
    __table_args__ = (Index("ix_lesson_completions_user_id_course_id", "user_id", "course_id"),)

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    lesson_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    course_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("courses.id", ondelete="CASCADE"), index=True
    )
    completed_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class CourseProgressRow(DefaultBase):
    """A course a learner started; ``last_accessed_at`` is their last lesson opened or
    completed in it (none when the course was started by a quiz score or study time)."""

    __tablename__ = "course_progress"
    __table_args__ = (Index("ix_course_progress_course_id_started_at", "course_id", "started_at"),)

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    course_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    started_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    last_accessed_at: Mapped[datetime | None] = mapped_column(
        DateTimeUTC(timezone=True), default=None
    )


class QuizScoreRow(DefaultBase):
    """A learner's best score in a quiz (assessment's id; no foreign key)."""

    __tablename__ = "quiz_best_scores"
    __table_args__ = (
        CheckConstraint("best_score >= 0 AND best_score <= 1", name="best_score_range"),
        Index("ix_quiz_best_scores_user_id_course_id", "user_id", "course_id"),
    )

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    quiz_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    course_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("courses.id", ondelete="CASCADE"), index=True
    )
    best_score: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class LearningActivityRow(DefaultBase):
    """Activity of a learner, once per 15-minute UTC bucket, with its latest instant."""

    __tablename__ = "learning_activity"

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    bucket: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), primary_key=True)
    last_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class StreakRow(DefaultBase):
    """A learner's last streak reset and the longest streak recorded."""

    __tablename__ = "learning_streaks"
    __table_args__ = (CheckConstraint("longest_days >= 0", name="longest_days_not_negative"),)

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    reset_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    longest_days: Mapped[int] = mapped_column(Integer, default=0)


class StudyTimeRow(DefaultBase):
    """A learner's minutes with a tutor; ``course_id`` is the tutor's course when known."""

    __tablename__ = "study_time"
    __table_args__ = (
        CheckConstraint("total_minutes >= 0", name="total_minutes_not_negative"),
        Index("ix_study_time_user_id_course_id", "user_id", "course_id"),
    )

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    tutor_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    course_id: Mapped[UUID | None] = mapped_column(
        GUID, ForeignKey("courses.id", ondelete="SET NULL"), default=None, index=True
    )
    total_minutes: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))

"""Progress's analytics tables (``learning_*`` in the schema): its daily figures and the facts
they are rebuilt from that no other table keeps (the day a learner was active in a course,
the first opening of a lesson, the first time a learner had every lesson of a course
completed)."""

from datetime import date, datetime
from uuid import UUID

from advanced_alchemy.base import DefaultBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import Date, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from tutor_platform.shared.persistence.figures import daily_figures_table, figure_events_table

learning_daily_figures = daily_figures_table("learning_daily_figures")
learning_figure_events = figure_events_table("learning_figure_events")


class ActiveDayRow(DefaultBase):
    """A learner was active in a course on a UTC day (opened or completed a lesson, studied)."""

    __tablename__ = "learning_active_days"

    course_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)


class LessonVisitRow(DefaultBase):
    """The first time a learner opened a lesson (for the minutes it took to complete it)."""

    __tablename__ = "learning_lesson_visits"

    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    lesson_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[UUID] = mapped_column(GUID, ForeignKey("courses.id", ondelete="CASCADE"))
    first_opened_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class CourseCompletionRow(DefaultBase):
    """The first time a learner had every lesson of a course completed."""

    __tablename__ = "learning_course_completions"
    __table_args__ = (
        Index("ix_learning_course_completions_course_id_completed_at", "course_id", "completed_at"),
    )

    course_id: Mapped[UUID] = mapped_column(
        GUID, ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[UUID] = mapped_column(GUID, primary_key=True)
    completed_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))

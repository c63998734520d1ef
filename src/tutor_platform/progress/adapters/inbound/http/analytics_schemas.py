"""Bodies of progress's analytics."""

from uuid import UUID

import msgspec

from tutor_platform.progress.application.get_course_analytics import (
    CourseAnalytics,
)
from tutor_platform.shared.http.analytics import CsvTable, RangeResponse
from tutor_platform.shared.http.responses import convert


class LearnerCounts(msgspec.Struct, kw_only=True):
    started: int
    """Learners who started the course in the range."""
    active: int
    """Learners who opened or completed one of its lessons, or studied with its tutors."""
    completed: int
    """Learners who had completed every lesson of the course for the first time."""


class LessonAnalyticsResponse(msgspec.Struct, kw_only=True):
    lesson_id: UUID
    title: str
    position: int
    """The lesson's place in the course, across sections (1..n)."""
    completed: int
    """Learners who completed the lesson in the range."""
    median_minutes: float | None
    """From a learner's first opening of the lesson to its completion (capped at 180)."""
    drop_off: float | None
    """The share (0-1) of the previous lesson's completions this one does not reach."""


class CourseAnalyticsResponse(RangeResponse, kw_only=True):
    course_id: UUID
    learners: LearnerCounts
    lessons: list[LessonAnalyticsResponse]
    """Every lesson of the course, in course order."""

    @classmethod
    def of(cls, figures: CourseAnalytics) -> "CourseAnalyticsResponse":
        return cls(
            **cls.fields(figures.days),
            course_id=figures.course_id,
            learners=LearnerCounts(
                started=figures.started, active=figures.active, completed=figures.completed
            ),
            lessons=[convert(lesson, LessonAnalyticsResponse) for lesson in figures.lessons],
        )


LESSON_CSV_HEADER = ("lesson_id", "position", "title", "completed", "median_minutes", "drop_off")


def lesson_table(figures: CourseAnalytics) -> CsvTable:
    """One row per lesson, in course order."""
    rows = [
        (
            lesson.lesson_id,
            lesson.position,
            lesson.title,
            lesson.completed,
            lesson.median_minutes,
            lesson.drop_off,
        )
        for lesson in figures.lessons
    ]
    return CsvTable("course-lessons.csv", LESSON_CSV_HEADER, rows)

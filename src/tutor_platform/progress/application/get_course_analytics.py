"""A course's learning figures over a range of days, for its instructor and admins."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.api import CourseNotFound, can_view_course, ensure_can_edit_course
from tutor_platform.progress.ports.courses import Courses
from tutor_platform.progress.ports.figures import CourseFiguresReader, LessonFigures
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange, median_of


@dataclass(frozen=True, slots=True)
class LessonAnalytics:
    lesson_id: UUID
    title: str
    position: int
    completed: int
    median_minutes: float | None
    drop_off: float | None
    """The share (0-1) of the previous lesson's completions this lesson does not reach; None
    for the first lesson or when the previous one has none."""


@dataclass(frozen=True, slots=True)
class CourseAnalytics:
    course_id: UUID
    days: DateRange
    started: int
    active: int
    completed: int
    lessons: list[LessonAnalytics]


class GetCourseAnalytics:
    """404 for a course the caller cannot see, 403 unless they are its instructor or an
    admin; then its figures of ``days``, lessons in course order."""

    def __init__(self, courses: Courses, figures: CourseFiguresReader) -> None:
        self._courses = courses
        self._figures = figures

    async def execute(
        self, principal: Principal, course_id: UUID, days: DateRange
    ) -> CourseAnalytics:
        course = await self._courses.get_course(course_id)
        if course is None or not can_view_course(principal, course):
            raise CourseNotFound()
        ensure_can_edit_course(principal, course)
        lessons = await self._courses.ordered_lessons(course_id)
        figures = await self._figures.course_figures(course_id, days)
        rows: list[LessonAnalytics] = []
        previous: int | None = None
        for position, lesson in enumerate(lessons, start=1):
            found = figures.lessons.get(lesson.id, LessonFigures(0, {}))
            drop_off = None
            if previous:
                drop_off = round(max(previous - found.completed, 0) / previous, 4)
            rows.append(
                LessonAnalytics(
                    lesson_id=lesson.id,
                    title=lesson.title,
                    position=position,
                    completed=found.completed,
                    median_minutes=median_of(found.minutes),
                    drop_off=drop_off,
                )
            )
            previous = found.completed
        return CourseAnalytics(
            course_id=course_id,
            days=days,
            started=figures.started,
            active=figures.active,
            completed=figures.completed,
            lessons=rows,
        )

"""Lessons and courses as far as the caller may see them, for the progress use cases."""

from uuid import UUID

from tutor_platform.catalog.api import CourseNotFound, LessonNotFound, can_view_course
from tutor_platform.progress.ports.progress import CourseStanding, TrackedLesson
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWork
from tutor_platform.shared.auth import Principal


async def visible_lesson(
    uow: ProgressUnitOfWork, principal: Principal, lesson_id: UUID
) -> TrackedLesson:
    """The lesson; ``LessonNotFound`` when unknown or in a course hidden from the caller."""
    lesson = await uow.progress.lesson(lesson_id)
    if lesson is None or not can_view_course(principal, lesson.course):
        raise LessonNotFound()
    return lesson


async def visible_standing(
    uow: ProgressUnitOfWork, principal: Principal, course_id: UUID
) -> CourseStanding:
    """The course with the caller's standing in it; ``CourseNotFound`` when unknown or hidden
    from the caller."""
    standing = await uow.progress.course_standing(principal.user_id, course_id)
    if standing is None or not can_view_course(principal, standing.course):
        raise CourseNotFound()
    return standing

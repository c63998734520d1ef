"""The course study time counts in, shared by the study-time use cases."""

from uuid import UUID

from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWork


async def known_course(uow: ProgressUnitOfWork, course_id: UUID | None) -> UUID | None:
    """The tutor's course when it is one of ours (a course deleted since counts as none)."""
    if course_id is None or await uow.progress.course(course_id) is None:
        return None
    return course_id

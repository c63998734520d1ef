"""Tutors as study time needs them, shared by the study-time use cases."""

from uuid import UUID

from tutor_platform.learning.domain.study_time import TutorNotFound
from tutor_platform.learning.ports.progress_unit_of_work import ProgressUnitOfWork
from tutor_platform.learning.ports.tutor_directory import TutorDirectory
from tutor_platform.shared.auth import Principal


async def ensure_tutor_visible(
    tutors: TutorDirectory, principal: Principal, tutor_id: UUID
) -> None:
    """``TutorNotFound`` unless the tutor exists and the caller may see it (the same answer
    for both, so that study time tells nothing about tutors the caller may not see)."""
    if not await tutors.visible_to(principal, tutor_id):
        raise TutorNotFound()


async def known_course_of(
    tutors: TutorDirectory, uow: ProgressUnitOfWork, tutor_id: UUID
) -> UUID | None:
    """The tutor's course when it is one of ours (a course deleted since counts as none)."""
    course_id = await tutors.course_of(tutor_id)
    if course_id is None or await uow.progress.course(course_id) is None:
        return None
    return course_id

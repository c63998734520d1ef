"""Tutors as study time needs them, shared by the study-time use cases."""

from uuid import UUID

from tutor_platform.learning.domain.study_time import TutorNotFound
from tutor_platform.learning.ports.progress_unit_of_work import ProgressUnitOfWork
from tutor_platform.learning.ports.tutor_directory import TutorDirectory


async def ensure_tutor_exists(tutors: TutorDirectory, tutor_id: UUID) -> None:
    if not await tutors.exists(tutor_id):
        raise TutorNotFound()


async def known_course_of(
    tutors: TutorDirectory, uow: ProgressUnitOfWork, tutor_id: UUID
) -> UUID | None:
    """The tutor's course when it is one of ours (a course deleted since counts as none)."""
    course_id = await tutors.course_of(tutor_id)
    if course_id is None or await uow.progress.course(course_id) is None:
        return None
    return course_id

"""Tutoring's public face: what other contexts (learning) may use."""

from uuid import UUID

from tutor_platform.tutoring.application.find_tutor import FindTutor
from tutor_platform.tutoring.domain.errors import TutorNotFound

__all__ = ["TutorNotFound", "TutoringFacade"]


class TutoringFacade:
    """Tutors for other contexts."""

    def __init__(self, *, find_tutor: FindTutor) -> None:
        self._find_tutor = find_tutor

    async def tutor_exists(self, tutor_id: UUID) -> bool:
        return await self._find_tutor.execute(tutor_id) is not None

    async def tutor_course(self, tutor_id: UUID) -> UUID | None:
        """The course the tutor teaches (None: no course); ``TutorNotFound`` when unknown."""
        tutor = await self._find_tutor.execute(tutor_id)
        if tutor is None:
            raise TutorNotFound()
        return tutor.course_id

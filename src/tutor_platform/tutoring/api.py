"""Tutoring's public face: what other contexts (learning) may use."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.find_tutor import FindTutor
from tutor_platform.tutoring.application.tutor_access import TutorAccess
from tutor_platform.tutoring.domain.errors import TutorNotFound

__all__ = ["TutorNotFound", "TutoringFacade"]


class TutoringFacade:
    """Tutors for other contexts."""

    def __init__(self, *, find_tutor: FindTutor, access: TutorAccess) -> None:
        self._find_tutor = find_tutor
        self._access = access

    async def tutor_exists(self, tutor_id: UUID) -> bool:
        return await self._find_tutor.execute(tutor_id) is not None

    async def tutor_visible(self, principal: Principal, tutor_id: UUID) -> bool:
        """Whether the tutor exists and the caller may see it (the rule of
        ``GET /tutors/{id}``)."""
        tutor = await self._find_tutor.execute(tutor_id)
        return tutor is not None and await self._access.can_view(principal, tutor)

    async def tutor_course(self, tutor_id: UUID) -> UUID | None:
        """The course the tutor teaches (None: no course); ``TutorNotFound`` when unknown."""
        tutor = await self._find_tutor.execute(tutor_id)
        if tutor is None:
            raise TutorNotFound()
        return tutor.course_id

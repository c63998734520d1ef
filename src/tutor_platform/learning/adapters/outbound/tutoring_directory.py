"""Tutors as learning sees them: an adapter over the tutoring context's facade."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.api import TutoringFacade, TutorNotFound


class TutoringTutorDirectory:
    """Implements ``TutorDirectory``: a tutor is visible by tutoring's rule; its course is the
    one tutoring records (None for a tutor without a course or an unknown one)."""

    def __init__(self, tutoring: TutoringFacade) -> None:
        self._tutoring = tutoring

    async def visible_to(self, principal: Principal, tutor_id: UUID) -> bool:
        return await self._tutoring.tutor_visible(principal, tutor_id)

    async def course_of(self, tutor_id: UUID) -> UUID | None:
        try:
            return await self._tutoring.tutor_course(tutor_id)
        except TutorNotFound:
            return None

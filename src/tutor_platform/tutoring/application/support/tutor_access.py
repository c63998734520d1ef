"""Who may see and change a tutor, asking the learning context about its course."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.domain.errors import NotCourseEditor, NotTutorEditor, TutorNotFound
from tutor_platform.tutoring.domain.tutor import Tutor, can_edit_tutor, is_listed
from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.course_context import CourseContext


class TutorAccess:
    """The tutor rules of ``domain.tutor`` with the course facts they need."""

    def __init__(self, courses: CourseContext) -> None:
        self._courses = courses

    async def can_edit(self, principal: Principal | None, tutor: Tutor) -> bool:
        """The creator, an admin, or the instructor of the tutor's course."""
        if principal is None or can_edit_tutor(principal, tutor, edits_course=False):
            return principal is not None
        return tutor.course_id is not None and await self._courses.can_edit(
            principal, tutor.course_id
        )

    async def can_use(self, principal: Principal | None, tutor: Tutor) -> bool:
        """Whether the tutor is active and its course (if any) visible to the caller."""
        if not tutor.is_active:
            return False
        course_visible = tutor.course_id is None or await self._courses.can_view(
            principal, tutor.course_id
        )
        return is_listed(tutor, course_visible)

    async def can_view(self, principal: Principal | None, tutor: Tutor) -> bool:
        """Usable tutors, and every tutor to those who may change it."""
        return await self.can_use(principal, tutor) or await self.can_edit(principal, tutor)

    async def ensure_can_view(self, principal: Principal | None, tutor: Tutor | None) -> Tutor:
        if tutor is None or not await self.can_view(principal, tutor):
            raise TutorNotFound()
        return tutor

    async def ensure_can_edit(self, principal: Principal, tutor: Tutor | None) -> Tutor:
        if tutor is None:
            raise TutorNotFound()
        if not await self.can_edit(principal, tutor):
            raise NotTutorEditor()
        return tutor

    async def ensure_can_attach(self, principal: Principal, course_id: UUID) -> None:
        """422 on ``course_id`` unless the caller sees the course; 403 unless they may change
        it."""
        if not await self._courses.can_view(principal, course_id):
            raise fail("course_id", "must be an existing course you can see")
        if not await self._courses.can_edit(principal, course_id):
            raise NotCourseEditor()

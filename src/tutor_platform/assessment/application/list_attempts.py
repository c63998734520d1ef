"""Attempts at a quiz: a learner sees their own; the course's instructor and admins see
everyone's, optionally of one user."""

from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


class ListAttempts:
    """404 when the quiz's course is hidden from the caller. A learner who asks for another
    user's attempts gets an empty page (they only ever see their own). No unit of work is
    open while learning is asked who may see the quiz."""

    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(
        self, principal: Principal, quiz_id: UUID, user_id: UUID | None, page: PageRequest
    ) -> Page[Attempt]:
        async with self._uow_factory() as uow:
            found = await uow.quizzes.get(quiz_id)
        quiz = await self._access.visible(principal, found)
        if not await self._access.edits_course(principal, quiz.course_id):
            if user_id not in (None, principal.user_id):
                return Page([], 0, page.limit, page.offset)
            user_id = principal.user_id
        async with self._uow_factory() as uow:
            attempts, total = await uow.attempts.search(quiz.id, user_id, page)
        return Page(attempts, total, page.limit, page.offset)

"""A quiz with its answers, rubrics and explanations, for those who write it."""

from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


class GetQuizForAuthoring:
    """404 when the course is hidden from the caller, 403 unless they edit it."""

    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(self, principal: Principal, quiz_id: UUID) -> Quiz:
        async with self._uow_factory() as uow:
            quiz = await uow.quizzes.get(quiz_id)
        return await self._access.authoring_view(principal, quiz)

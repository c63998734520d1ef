"""The course's instructor or an admin deletes a quiz with its attempts (scores already
recorded in learners' progress stay there)."""

from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


class DeleteQuiz:
    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(self, principal: Principal, quiz_id: UUID) -> None:
        async with self._uow_factory() as uow:
            found = await uow.quizzes.get(quiz_id)
        quiz = await self._access.editable(principal, found)
        async with self._uow_factory() as uow:
            await uow.quizzes.delete(quiz.id)
            await uow.commit()

"""The in-memory unit of work: repositories work on a copy of the committed state, which a
commit publishes; leaving without commit drops the copy (a rollback)."""

from tutor_platform.assessment.adapters.outbound.memory.repositories import (
    InMemoryAssessmentFigures,
    InMemoryAttemptRepository,
    InMemoryCardRepository,
    InMemoryMasteryRepository,
    InMemoryQuizRepository,
    InMemoryUsageRepository,
)
from tutor_platform.assessment.adapters.outbound.memory.store import InMemoryAssessmentStore
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryAssessmentUnitOfWork(InMemoryUnitOfWork[InMemoryAssessmentStore]):
    async def _commit(self) -> None:
        self.store.committed = self._state
        await super()._commit()
        self._bind()

    def _bind(self) -> None:
        self._state = state = self.store.committed.copy()
        self.quizzes = InMemoryQuizRepository(state)
        self.attempts = InMemoryAttemptRepository(state)
        self.usage = InMemoryUsageRepository(state)
        self.mastery = InMemoryMasteryRepository(state)
        self.cards = InMemoryCardRepository(state)
        self.figures = InMemoryAssessmentFigures(state)

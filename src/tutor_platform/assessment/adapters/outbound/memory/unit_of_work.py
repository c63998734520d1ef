"""The in-memory unit of work: repositories work on a copy of the committed state, which a
commit publishes; leaving without commit drops the copy (a rollback)."""

from types import TracebackType
from typing import Self

from tutor_platform.assessment.adapters.outbound.memory.repositories import (
    InMemoryAssessmentFigures,
    InMemoryAttemptRepository,
    InMemoryCardRepository,
    InMemoryMasteryRepository,
    InMemoryQuizRepository,
    InMemoryUsageRepository,
)
from tutor_platform.assessment.adapters.outbound.memory.store import (
    AssessmentState,
    InMemoryAssessmentStore,
)


class InMemoryAssessmentUnitOfWork:
    quizzes: InMemoryQuizRepository
    attempts: InMemoryAttemptRepository
    usage: InMemoryUsageRepository
    mastery: InMemoryMasteryRepository
    cards: InMemoryCardRepository
    figures: InMemoryAssessmentFigures

    def __init__(self, store: InMemoryAssessmentStore) -> None:
        self.store = store

    async def __aenter__(self) -> Self:
        self._bind(self.store.committed.copy())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.store.committed = self._state
        self.store.commits += 1
        self._bind(self._state.copy())

    def _bind(self, state: AssessmentState) -> None:
        self._state = state
        self.quizzes = InMemoryQuizRepository(state)
        self.attempts = InMemoryAttemptRepository(state)
        self.usage = InMemoryUsageRepository(state)
        self.mastery = InMemoryMasteryRepository(state)
        self.cards = InMemoryCardRepository(state)
        self.figures = InMemoryAssessmentFigures(state)

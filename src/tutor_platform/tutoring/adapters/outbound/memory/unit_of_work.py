"""The in-memory unit of work: repositories work on a copy of the committed state, which a
commit publishes; leaving without commit drops the copy (a rollback)."""

from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork
from tutor_platform.tutoring.adapters.outbound.memory.repositories import (
    InMemoryFeedbackRepository,
    InMemoryMessageRepository,
    InMemorySessionRepository,
    InMemoryTutoringFigures,
    InMemoryTutorRepository,
)
from tutor_platform.tutoring.adapters.outbound.memory.store import InMemoryTutoringStore


class InMemoryTutoringUnitOfWork(InMemoryUnitOfWork[InMemoryTutoringStore]):
    async def _commit(self) -> None:
        self.store.committed = self._state
        await super()._commit()
        self._bind()

    def _bind(self) -> None:
        self._state = state = self.store.committed.copy()
        self.tutors = InMemoryTutorRepository(state)
        self.sessions = InMemorySessionRepository(state)
        self.messages = InMemoryMessageRepository(state)
        self.feedback = InMemoryFeedbackRepository(state)
        self.figures = InMemoryTutoringFigures(state)

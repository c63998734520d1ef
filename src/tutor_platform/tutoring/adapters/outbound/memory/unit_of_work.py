"""The in-memory unit of work: repositories work on a copy of the committed state, which a
commit publishes; leaving without commit drops the copy (a rollback)."""

from types import TracebackType
from typing import Self

from tutor_platform.tutoring.adapters.outbound.memory.repositories import (
    InMemoryFeedbackRepository,
    InMemoryMessageRepository,
    InMemorySessionRepository,
    InMemoryTutoringFigures,
    InMemoryTutorRepository,
)
from tutor_platform.tutoring.adapters.outbound.memory.store import InMemoryTutoringStore


class InMemoryTutoringUnitOfWork:
    tutors: InMemoryTutorRepository
    sessions: InMemorySessionRepository
    messages: InMemoryMessageRepository
    feedback: InMemoryFeedbackRepository
    figures: InMemoryTutoringFigures

    def __init__(self, store: InMemoryTutoringStore) -> None:
        self.store = store

    async def __aenter__(self) -> Self:
        self._state = self.store.committed.copy()
        self.tutors = InMemoryTutorRepository(self._state)
        self.sessions = InMemorySessionRepository(self._state)
        self.messages = InMemoryMessageRepository(self._state)
        self.feedback = InMemoryFeedbackRepository(self._state)
        self.figures = InMemoryTutoringFigures(self._state)
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
        self._state = self._state.copy()
        self.store.commits += 1
        self.tutors = InMemoryTutorRepository(self._state)
        self.sessions = InMemorySessionRepository(self._state)
        self.messages = InMemoryMessageRepository(self._state)
        self.feedback = InMemoryFeedbackRepository(self._state)

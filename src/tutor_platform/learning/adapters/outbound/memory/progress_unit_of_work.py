"""The in-memory progress unit of work: writes land in the store at once; commits are
counted (``store.commits``), and nothing is rolled back."""

from types import TracebackType
from typing import Self

from tutor_platform.learning.adapters.outbound.memory.progress_repositories import (
    InMemoryActivityRepository,
    InMemoryLearningFigures,
    InMemoryProgressRepository,
    InMemoryStudyTimeRepository,
)
from tutor_platform.learning.adapters.outbound.memory.progress_store import InMemoryProgressStore


class InMemoryProgressUnitOfWork:
    def __init__(self, store: InMemoryProgressStore) -> None:
        self.store = store
        self.progress = InMemoryProgressRepository(store)
        self.activity = InMemoryActivityRepository(store)
        self.study_time = InMemoryStudyTimeRepository(store)
        self.figures = InMemoryLearningFigures(store)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.store.commits += 1

"""The in-memory progress unit of work: writes land in the store at once; commits are
counted (``store.commits``), and nothing is rolled back."""

from tutor_platform.progress.adapters.outbound.memory.repositories import (
    InMemoryActivityRepository,
    InMemoryProgressFigures,
    InMemoryProgressRepository,
    InMemoryStudyTimeRepository,
)
from tutor_platform.progress.adapters.outbound.memory.store import InMemoryProgressStore
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryProgressUnitOfWork(InMemoryUnitOfWork[InMemoryProgressStore]):
    def _bind(self) -> None:
        self.progress = InMemoryProgressRepository(self.store)
        self.activity = InMemoryActivityRepository(self.store)
        self.study_time = InMemoryStudyTimeRepository(self.store)
        self.figures = InMemoryProgressFigures(self.store)

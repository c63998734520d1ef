"""The in-memory unit of work: writes land in the store at once; commits are counted."""

from tutor_platform.media.adapters.outbound.memory.repositories import (
    InMemoryFileRepository,
    InMemoryUploadReservations,
)
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryMediaUnitOfWork(InMemoryUnitOfWork[InMemoryMediaStore]):
    """No isolation and no rollback: use cases validate before they write, so tests of
    their outcomes stay honest; ``store.commits`` tells whether a use case committed."""

    def _bind(self) -> None:
        self.files = InMemoryFileRepository(self.store)
        self.uploads = InMemoryUploadReservations(self.store)

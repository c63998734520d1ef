"""The in-memory unit of work: writes land in the store at once; commits are counted."""

from types import TracebackType
from typing import Self

from tutor_platform.media.adapters.outbound.memory.repositories import (
    InMemoryFileRepository,
    InMemoryUploadReservations,
)
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore


class InMemoryMediaUnitOfWork:
    """No isolation and no rollback: use cases validate before they write, so tests of
    their outcomes stay honest; ``store.commits`` tells whether a use case committed."""

    def __init__(self, store: InMemoryMediaStore) -> None:
        self.store = store
        self.files = InMemoryFileRepository(store)
        self.uploads = InMemoryUploadReservations(store)

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

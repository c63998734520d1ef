"""Media's repositories over an ``InMemoryMediaStore``."""

from datetime import datetime
from uuid import UUID

from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.filenames import search_key
from tutor_platform.media.domain.quota import UploadReservation
from tutor_platform.media.ports.repositories import FileQuery
from tutor_platform.shared.in_memory import InMemoryRepository
from tutor_platform.shared.pagination import PageRequest


class InMemoryFileRepository(InMemoryRepository[StoredFile]):
    not_found = FileNotFound

    def __init__(self, store: InMemoryMediaStore) -> None:
        super().__init__(store.files)

    async def remove(self, file_id: UUID) -> None:
        await self.delete(file_id)

    async def search(self, query: FileQuery, page: PageRequest) -> tuple[list[StoredFile], int]:
        def matches(file: StoredFile) -> bool:
            return (
                file.is_deleted == query.deleted
                and query.owner_id in (None, file.owner_id)
                and query.kind in (None, file.kind)
                and (not query.q or query.q in search_key(file.filename))
            )

        return self._page(matches, page, key=lambda f: (f.created_at, f.id), reverse=True)

    async def bytes_used(self, owner_id: UUID) -> int:
        return sum(file.size for file in self._rows.values() if file.owner_id == owner_id)


class InMemoryUploadReservations:
    """No real lock (one event loop, no await between the checks); locks are recorded."""

    def __init__(self, store: InMemoryMediaStore) -> None:
        self._store = store

    async def lock_owner(self, owner_id: UUID, now: datetime) -> None:
        self._store.locked_owners.append(owner_id)

    async def add(self, reservation: UploadReservation) -> None:
        self._store.reservations[reservation.id] = reservation

    async def remove(self, reservation_id: UUID) -> None:
        self._store.reservations.pop(reservation_id, None)

    async def bytes_reserved(self, owner_id: UUID, now: datetime) -> int:
        return sum(r.size for r in self._owned(owner_id) if r.expires_at > now)

    async def take_expired(self, owner_id: UUID, now: datetime) -> list[UploadReservation]:
        expired = [r for r in self._owned(owner_id) if r.expires_at <= now]
        for reservation in expired:
            del self._store.reservations[reservation.id]
        return expired

    def _owned(self, owner_id: UUID) -> list[UploadReservation]:
        return [r for r in self._store.reservations.values() if r.owner_id == owner_id]

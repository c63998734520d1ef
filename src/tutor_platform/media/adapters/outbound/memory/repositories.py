"""Media's repositories over an ``InMemoryMediaStore``."""

from dataclasses import replace
from datetime import datetime
from uuid import UUID

from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.filenames import search_key
from tutor_platform.media.domain.quota import UploadReservation
from tutor_platform.media.ports.repositories import FileQuery
from tutor_platform.shared.pagination import PageRequest


class InMemoryFileRepository:
    """Hands out copies, like a database would, so changes count only once stored."""

    def __init__(self, store: InMemoryMediaStore) -> None:
        self._store = store

    async def get(self, file_id: UUID) -> StoredFile | None:
        file = self._store.files.get(file_id)
        return None if file is None else replace(file)

    async def add(self, file: StoredFile) -> None:
        self._store.files[file.id] = replace(file)

    async def update(self, file: StoredFile) -> None:
        if file.id not in self._store.files:
            raise FileNotFound()
        self._store.files[file.id] = replace(file)

    async def remove(self, file_id: UUID) -> None:
        self._store.files.pop(file_id, None)

    async def search(self, query: FileQuery, page: PageRequest) -> tuple[list[StoredFile], int]:
        found = [
            file
            for file in self._store.files.values()
            if file.is_deleted == query.deleted
            and query.owner_id in (None, file.owner_id)
            and query.kind in (None, file.kind)
            and (not query.q or query.q in search_key(file.filename))
        ]
        found.sort(key=lambda file: (file.created_at, file.id), reverse=True)
        window = found[page.offset : page.offset + page.limit]
        return [replace(file) for file in window], len(found)

    async def bytes_used(self, owner_id: UUID) -> int:
        return sum(file.size for file in self._store.files.values() if file.owner_id == owner_id)


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

"""Storage of file metadata and upload reservations. Repositories never commit."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.quota import UploadReservation
from tutor_platform.shared.pagination import PageRequest


@dataclass(frozen=True, slots=True)
class FileQuery:
    """Filters of a file list; ``q`` is a case-folded part of the file name."""

    owner_id: UUID | None = None
    kind: str | None = None
    deleted: bool = False
    q: str | None = None


class FileRepository(Protocol):
    async def get(self, file_id: UUID) -> StoredFile | None: ...

    async def add(self, file: StoredFile) -> None: ...

    async def update(self, file: StoredFile) -> None:
        """Store the changed file; ``FileNotFound`` when it is gone."""
        ...

    async def remove(self, file_id: UUID) -> None: ...

    async def search(self, query: FileQuery, page: PageRequest) -> tuple[list[StoredFile], int]:
        """One page of matching files, newest first, and how many match in all."""
        ...

    async def bytes_used(self, owner_id: UUID) -> int:
        """The total size of the owner's files, soft-deleted ones included."""
        ...


class UploadReservations(Protocol):
    async def lock_owner(self, owner_id: UUID, now: datetime) -> None:
        """Hold the owner's quota until the transaction ends, so that concurrent uploads of
        one owner decide one after the other."""
        ...

    async def add(self, reservation: UploadReservation) -> None: ...

    async def remove(self, reservation_id: UUID) -> None: ...

    async def bytes_reserved(self, owner_id: UUID, now: datetime) -> int:
        """The bytes the owner's unexpired reservations hold."""
        ...

    async def take_expired(self, owner_id: UUID, now: datetime) -> list[UploadReservation]:
        """Remove the owner's expired reservations and return them."""
        ...

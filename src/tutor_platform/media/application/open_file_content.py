"""Download a file's bytes: its owner, admins, or anyone when it is public; never while deleted."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.domain.access import can_download
from tutor_platform.media.domain.errors import (
    FileNotFound,
    StorageUnavailable,
    StoredObjectNotFound,
)
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class FileContent:
    """A readable file: its metadata, and its bytes on demand (a range, or all of them)."""

    file: FileInfo
    storage_key: str
    storage: FileStorage

    async def read(self, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """Bytes ``start`` to ``end`` (exclusive); ``StorageUnavailable`` if they are lost."""
        try:
            return await self.storage.open(self.storage_key, start, end)
        except StoredObjectNotFound:
            raise StorageUnavailable("The file's content is missing from the storage.") from None


class OpenFileContent:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory, storage: FileStorage) -> None:
        self._uow_factory = uow_factory
        self._storage = storage

    async def execute(
        self, principal: Principal | None, file_id: UUID, *, trusted: bool = False
    ) -> FileContent:
        """``trusted`` (other contexts' jobs) skips the caller check, not the deleted check."""
        async with self._uow_factory() as uow:
            file = await uow.files.get(file_id)
        if file is None or file.is_deleted or not (trusted or can_download(file, principal)):
            raise FileNotFound()
        return FileContent(FileInfo.of(file), file.storage_key, self._storage)

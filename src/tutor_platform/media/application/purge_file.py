"""Delete a file permanently (administrators): its bytes first, then its record."""

from uuid import UUID

from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Forbidden


class PurgeFile:
    """If the storage fails, nothing changes and the call can be repeated; the record goes
    only once the bytes are gone. The freed bytes leave the owner's quota."""

    def __init__(self, uow_factory: MediaUnitOfWorkFactory, storage: FileStorage) -> None:
        self._uow_factory = uow_factory
        self._storage = storage

    async def execute(self, principal: Principal, file_id: UUID) -> None:
        if not principal.is_admin:
            raise Forbidden("Administrators only.")
        async with self._uow_factory() as uow:
            file = await uow.files.get(file_id)
            if file is None:
                raise FileNotFound()
            await self._storage.delete(file.storage_key)
            await uow.files.remove(file.id)
            await uow.commit()

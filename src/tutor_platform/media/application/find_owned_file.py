"""For other contexts: a live file of a given owner, or nothing."""

from uuid import UUID

from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory


class FindOwnedFile:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, owner_id: UUID, file_id: UUID) -> FileInfo | None:
        """None when the file is unknown, someone else's or deleted."""
        async with self._uow_factory() as uow:
            file = await uow.files.get(file_id)
        if file is None or file.owner_id != owner_id or file.is_deleted:
            return None
        return FileInfo.of(file)

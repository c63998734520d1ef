"""Restore a soft-deleted file (its owner or an admin)."""

from uuid import UUID

from tutor_platform.media.application.support.lookup import managed_file
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class RestoreFile:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, file_id: UUID) -> FileInfo:
        """Restoring a live file changes nothing. No quota check: a deleted file still counts."""
        async with self._uow_factory() as uow:
            file = await managed_file(uow, file_id, principal)
            if file.is_deleted:
                file.restore(self._clock.now())
                await uow.files.update(file)
                await uow.commit()
        return FileInfo.of(file)

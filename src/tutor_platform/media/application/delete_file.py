"""Soft-delete a file (its owner or an admin): metadata and bytes stay until a permanent delete."""

from uuid import UUID

from tutor_platform.media.application.support.lookup import managed_file
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class DeleteFile:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, file_id: UUID) -> None:
        """Deleting a deleted file changes nothing."""
        async with self._uow_factory() as uow:
            file = await managed_file(uow, file_id, principal)
            if not file.is_deleted:
                file.soft_delete(self._clock.now())
                await uow.files.update(file)
                await uow.commit()

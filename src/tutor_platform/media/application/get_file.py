"""Read a file's metadata: its owner and admins (deleted or not), anyone for a public one."""

from uuid import UUID

from tutor_platform.media.application.support.lookup import visible_file
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


class GetFile:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal | None, file_id: UUID) -> FileInfo:
        async with self._uow_factory() as uow:
            return FileInfo.of(await visible_file(uow, file_id, principal))

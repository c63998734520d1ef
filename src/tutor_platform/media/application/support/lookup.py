"""Loading a file the way its caller may see it: 404 for what they may not see."""

from uuid import UUID

from tutor_platform.media.domain.access import can_view, is_owner_or_admin
from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWork
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Forbidden


async def visible_file(
    uow: MediaUnitOfWork, file_id: UUID, principal: Principal | None
) -> StoredFile:
    """The file if the caller may see it; ``FileNotFound`` otherwise (no existence leak)."""
    file = await uow.files.get(file_id)
    if file is None or not can_view(file, principal):
        raise FileNotFound()
    return file


async def managed_file(uow: MediaUnitOfWork, file_id: UUID, principal: Principal) -> StoredFile:
    """The file if the caller owns it or is an admin; a public file of someone else they can
    see but not change (``Forbidden``); anything else is ``FileNotFound``."""
    file = await visible_file(uow, file_id, principal)
    if not is_owner_or_admin(file, principal):
        raise Forbidden("Only the owner of the file or an administrator may change it.")
    return file

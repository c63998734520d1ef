"""``FileAttachments`` over the media context's facade."""

from uuid import UUID

from tutor_platform.media.api import MediaFacade
from tutor_platform.tutoring.ports.attachments import AttachedFile


class MediaFileAttachments:
    def __init__(self, media: MediaFacade) -> None:
        self._media = media

    async def owned(self, user_id: UUID, file_id: UUID) -> AttachedFile | None:
        info = await self._media.get_file_for_owner(user_id, file_id)
        if info is None:
            return None
        return AttachedFile(info.id, info.content_type, info.size, info.filename)

    async def read(self, file_id: UUID) -> bytes:
        chunks = [chunk async for chunk in await self._media.open_content(file_id)]
        return b"".join(chunks)

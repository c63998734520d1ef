"""Media's public face: what other contexts, the worker and the composition root may use."""

from collections.abc import AsyncIterable, AsyncIterator, Mapping
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.media.application.find_owned_file import FindOwnedFile
from tutor_platform.media.application.open_file_content import OpenFileContent
from tutor_platform.media.application.store_generated_file import GeneratedFile, StoreGeneratedFile
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.application.upload_file import UploadFile
from tutor_platform.media.domain.content_types import DEFAULT_ALLOWED_TYPES, allowed_types_problem
from tutor_platform.media.domain.file import Visibility

__all__ = ["DEFAULT_ALLOWED_TYPES", "FileInfo", "MediaFacade", "allowed_types_problem"]


class MediaFacade:
    """Files for other contexts: look one up, read its bytes, store one a job made."""

    def __init__(
        self,
        *,
        find_owned_file: FindOwnedFile,
        open_file_content: OpenFileContent,
        store_generated_file: StoreGeneratedFile,
        upload_file: UploadFile,
    ) -> None:
        self._find_owned_file = find_owned_file
        self._open_file_content = open_file_content
        self._store_generated_file = store_generated_file
        self._upload_file = upload_file

    async def get_file_for_owner(self, user_id: UUID, file_id: UUID) -> FileInfo | None:
        """The file if ``user_id`` owns it and it is not deleted, else None."""
        return await self._find_owned_file.execute(user_id, file_id)

    async def open_content(self, file_id: UUID) -> AsyncIterator[bytes]:
        """A live file's bytes, streamed (``NotFound`` when unknown or deleted; no caller check)."""
        content = await self._open_file_content.execute(None, file_id, trusted=True)
        return await content.read()

    async def store_generated_file(
        self,
        owner_id: UUID,
        filename: str,
        content_type: str,
        data: bytes | AsyncIterable[bytes],
        visibility: Visibility = Visibility.PRIVATE,
    ) -> FileInfo:
        """Store a file made by a job; ``content_type`` must be a supported one (422 otherwise).

        It counts toward the owner's quota but is never refused for it.
        """
        command = GeneratedFile(owner_id, filename, content_type, data, visibility)
        return await self._store_generated_file.execute(command)

    async def store_upload(
        self,
        owner_id: UUID,
        filename: str,
        chunks: AsyncIterator[bytes],
        declared_size: int | None = None,
        file_id: UUID | None = None,
    ) -> FileInfo:
        """Store a file a user brings from elsewhere (a Google Drive import) under the rules of
        ``POST /files``: type from the bytes (415), size cap (413), quota; nothing is kept
        when a rule refuses it. Private. With ``file_id``, a file of that id stored earlier is
        the answer (its chunks are not read) instead of a second copy."""
        return await self._upload_file.execute(
            owner_id, _StreamedUpload(filename, declared_size, chunks), file_id
        )


@dataclass(frozen=True, slots=True)
class _StreamedUpload:
    """An ``UploadSource`` over chunks from another context (no form fields)."""

    filename: str
    declared_size: int | None
    _chunks: AsyncIterator[bytes]

    def chunks(self) -> AsyncIterator[bytes]:
        return self._chunks

    async def fields(self) -> Mapping[str, str]:
        return {}

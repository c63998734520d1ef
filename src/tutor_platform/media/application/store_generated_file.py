"""A job stores a file it made (a narration, a video): streamed like an upload, typed by the job."""

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.media.application.support.content_writer import ContentWriter
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.domain.content_types import SUPPORTED_CONTENT_TYPES
from tutor_platform.media.domain.file import Visibility, storage_key_for, visibility_problem
from tutor_platform.media.domain.filenames import clean_filename
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.ids import new_id

CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """``data`` is the whole content or its chunks."""

    owner_id: UUID
    filename: str
    content_type: str
    data: bytes | AsyncIterable[bytes]
    visibility: Visibility = Visibility.PRIVATE


class StoreGeneratedFile:
    """The file counts toward its owner's quota but is never refused for it: the work that
    made it is already done. Its type is the one the job names (a supported one)."""

    def __init__(
        self,
        uow_factory: MediaUnitOfWorkFactory,
        writer: ContentWriter,
        storage: FileStorage,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._writer = writer
        self._storage = storage
        self._clock = clock

    async def execute(self, command: GeneratedFile) -> FileInfo:
        _check(command)
        file_id = new_id()
        key = storage_key_for(file_id)
        written = await self._writer.write_generated(
            key, _chunks(command.data), command.content_type
        )
        file = written.as_file(
            file_id,
            command.owner_id,
            clean_filename(command.filename),
            command.visibility,
            self._clock.now(),
        )
        try:
            async with self._uow_factory() as uow:
                await uow.files.add(file)
                await uow.commit()
        except BaseException:
            await self._storage.delete(key)
            raise
        return FileInfo.of(file)


def _check(command: GeneratedFile) -> None:
    errors = []
    if command.content_type not in SUPPORTED_CONTENT_TYPES:
        supported = ", ".join(sorted(SUPPORTED_CONTENT_TYPES))
        errors.append(FieldError("content_type", f"must be one of {supported}"))
    if (problem := visibility_problem(command.visibility)) is not None:
        errors.append(FieldError("visibility", problem))
    if errors:
        raise ValidationFailed(errors=errors)


async def _chunks(data: bytes | AsyncIterable[bytes]) -> AsyncIterator[bytes]:
    if isinstance(data, bytes):
        view = memoryview(data)
        for start in range(0, len(view), CHUNK_SIZE):
            yield bytes(view[start : start + CHUNK_SIZE])
        return
    async for chunk in data:
        yield chunk

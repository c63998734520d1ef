"""What other contexts get: owned-file lookups, content, and files made by jobs."""

from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from tests.unit.media import samples
from tests.unit.media.conftest import QUOTA_BYTES
from tests.unit.media.fakes import FakeUpload
from tutor_platform.media.adapters.outbound.memory.storage import InMemoryFileStorage
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.api import MediaFacade
from tutor_platform.media.container import MediaContainer
from tutor_platform.media.domain.errors import FileNotFound, StorageQuotaExceeded
from tutor_platform.media.domain.file import storage_key_for
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id

OWNER = new_id()


@pytest.fixture
def facade(media: MediaContainer) -> MediaFacade:
    facade: MediaFacade = media.facade()
    return facade


async def read(facade: MediaFacade, file_id: UUID) -> bytes:
    return b"".join([chunk async for chunk in await facade.open_content(file_id)])


async def test_get_file_for_owner_only_for_live_owned_files(
    media: MediaContainer, facade: MediaFacade
) -> None:
    info = await media.upload_file().execute(OWNER, FakeUpload(b"hello"))
    assert await facade.get_file_for_owner(OWNER, info.id) == info
    assert await facade.get_file_for_owner(new_id(), info.id) is None
    assert await facade.get_file_for_owner(OWNER, new_id()) is None
    await media.delete_file().execute(Principal(OWNER, "student", "free"), info.id)
    assert await facade.get_file_for_owner(OWNER, info.id) is None
    with pytest.raises(FileNotFound):
        await facade.open_content(info.id)


async def test_generated_files_from_bytes_or_chunks(
    facade: MediaFacade, storage: InMemoryFileStorage
) -> None:
    audio = samples.wav(milliseconds=50)
    info = await facade.store_generated_file(OWNER, "summary.wav", "audio/wav", audio)
    assert (info.kind, info.visibility, info.size, info.duration_ms) == (
        "audio",
        "private",
        len(audio),
        len(audio),
    )
    assert await read(facade, info.id) == audio

    async def pieces() -> AsyncIterator[bytes]:
        yield b"# Summary\n"
        yield b"Short."

    doc = await facade.store_generated_file(
        OWNER, "dir/summary.md", "text/markdown", pieces(), visibility="public"
    )
    assert (doc.filename, doc.kind, doc.visibility) == ("summary.md", "document", "public")
    assert storage.objects[storage_key_for(doc.id)] == b"# Summary\nShort."


async def test_generated_files_count_but_are_not_refused_for_quota(
    media: MediaContainer, facade: MediaFacade, store: InMemoryMediaStore
) -> None:
    big = samples.text(QUOTA_BYTES + 1)
    info = await facade.store_generated_file(OWNER, "long.txt", "text/plain", big)
    assert info.size > QUOTA_BYTES
    with pytest.raises(StorageQuotaExceeded):
        await media.upload_file().execute(OWNER, FakeUpload(b"x", declared_size=1))
    assert len(store.files) == 1


async def test_generated_files_need_a_supported_type(
    facade: MediaFacade, store: InMemoryMediaStore
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await facade.store_generated_file(OWNER, "a.svg", "image/svg+xml", b"<svg/>", "shared")
    assert {e.field for e in raised.value.errors} == {"content_type", "visibility"}
    assert store.files == {}

"""Uploading: bytes streamed to storage, checked and measured, under the cap and the quota."""

import asyncio
import hashlib

import pytest

from tests.unit.media import samples
from tests.unit.media.conftest import FIRST_RESERVATION, MAX_BYTES, QUOTA_BYTES
from tests.unit.media.fakes import FakeDurationProbe, FakeUpload
from tutor_platform.media.adapters.outbound.memory.storage import InMemoryFileStorage
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.container import MediaContainer
from tutor_platform.media.domain.errors import (
    FileTooLarge,
    FileTypeNotAllowed,
    StorageQuotaExceeded,
)
from tutor_platform.media.domain.file import storage_key_for
from tutor_platform.media.domain.quota import RESERVATION_TTL, UploadReservation
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import Conflict, ValidationFailed
from tutor_platform.shared.ids import new_id

OWNER = new_id()


def assert_nothing_left(store: InMemoryMediaStore, storage: InMemoryFileStorage) -> None:
    assert store.files == {}
    assert store.reservations == {}
    assert storage.objects == {}


async def test_upload_stores_bytes_and_metadata(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    data = samples.text(2500)
    info = await media.upload_file().execute(
        OWNER, FakeUpload(data, "../lesson notes.md", {"visibility": "public"})
    )
    assert (info.owner_id, info.filename, info.content_type, info.kind) == (
        OWNER,
        "lesson notes.md",
        "text/markdown",
        "document",
    )
    assert (info.size, info.visibility, info.duration_ms) == (len(data), "public", None)
    assert info.checksum_sha256 == hashlib.sha256(data).hexdigest()
    assert storage.objects == {storage_key_for(info.id): data}
    assert store.reservations == {}


async def test_visibility_defaults_to_private(media: MediaContainer) -> None:
    info = await media.upload_file().execute(OWNER, FakeUpload(samples.png(), "a.png"))
    assert (info.visibility, info.content_type, info.kind) == ("private", "image/png", "image")


async def test_audio_gets_a_duration(media: MediaContainer, probe: FakeDurationProbe) -> None:
    data = samples.wav(milliseconds=100)
    info = await media.upload_file().execute(OWNER, FakeUpload(data, "a.wav"))
    assert (info.kind, info.duration_ms) == ("audio", len(data))
    assert (probe.started, probe.discarded) == (1, 1)


async def test_too_large_leaves_nothing(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    with pytest.raises(FileTooLarge, match=str(MAX_BYTES)):
        await media.upload_file().execute(OWNER, FakeUpload(samples.text(MAX_BYTES + 1)))
    assert_nothing_left(store, storage)


async def test_declared_size_bounds_the_upload(media: MediaContainer) -> None:
    upload = FakeUpload(samples.text(3000), declared_size=2000)
    with pytest.raises(FileTooLarge):
        await media.upload_file().execute(OWNER, upload)


async def test_refused_type_leaves_nothing(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    with pytest.raises(FileTypeNotAllowed):
        await media.upload_file().execute(OWNER, FakeUpload(samples.exe(), "setup.exe"))
    with pytest.raises(FileTypeNotAllowed):
        await media.upload_file().execute(OWNER, FakeUpload(samples.text(), "photo.png"))
    assert_nothing_left(store, storage)


async def test_text_that_turns_binary_late_is_refused_and_removed(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    data = samples.text(9000) + b"\x00binary tail"
    with pytest.raises(FileTypeNotAllowed, match="UTF-8"):
        await media.upload_file().execute(OWNER, FakeUpload(data, "notes.txt"))
    assert_nothing_left(store, storage)


async def test_bad_visibility_after_the_file_removes_it(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await media.upload_file().execute(
            OWNER, FakeUpload(samples.text(), form={"visibility": "everyone"})
        )
    assert [e.field for e in raised.value.errors] == ["visibility"]
    assert_nothing_left(store, storage)


async def test_quota_counts_stored_and_deleted_files(
    media: MediaContainer, store: InMemoryMediaStore
) -> None:
    files = [
        await media.upload_file().execute(OWNER, FakeUpload(samples.text(9000))) for _ in range(3)
    ]
    used = sum(file.size for file in files)
    store.files[files[0].id].soft_delete(files[0].created_at)
    with pytest.raises(StorageQuotaExceeded, match=str(QUOTA_BYTES)):
        await media.upload_file().execute(
            OWNER, FakeUpload(b"x", declared_size=QUOTA_BYTES - used + 1)
        )
    await media.upload_file().execute(OWNER, FakeUpload(b"x", declared_size=QUOTA_BYTES - used))
    other = await media.upload_file().execute(new_id(), FakeUpload(samples.text(9000)))
    assert other.size > 0


async def test_an_upload_without_a_size_reserves_as_its_bytes_arrive(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    for _ in range(3):
        await media.upload_file().execute(OWNER, FakeUpload(samples.text(7000)))
    used = sum(file.size for file in store.files.values())
    assert used + MAX_BYTES > QUOTA_BYTES
    pause = asyncio.Event()
    small = FakeUpload(b"tiny", pause=pause)
    running = asyncio.create_task(media.upload_file().execute(OWNER, small))
    await small.started.wait()
    assert [r.size for r in store.reservations.values()] == [FIRST_RESERVATION]
    pause.set()
    assert (await running).size == 4
    assert store.reservations == {}

    used += 4
    grows = b"x" * (QUOTA_BYTES - used + 1)
    assert FIRST_RESERVATION < len(grows) < MAX_BYTES
    with pytest.raises(StorageQuotaExceeded):
        await media.upload_file().execute(OWNER, FakeUpload(grows))
    assert store.reservations == {}
    assert len(storage.objects) == len(store.files) == 4
    fits = await media.upload_file().execute(OWNER, FakeUpload(grows[:-1]))
    assert fits.size == QUOTA_BYTES - used


async def test_an_upload_of_unknown_size_is_still_capped(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    with pytest.raises(FileTooLarge, match=str(MAX_BYTES)):
        await media.upload_file().execute(OWNER, FakeUpload(samples.text(MAX_BYTES + 1)))
    assert_nothing_left(store, storage)


async def test_an_upload_under_a_given_id_is_stored_once(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    file_id = new_id()
    first = await media.upload_file().execute(OWNER, FakeUpload(samples.text(3000)), file_id)
    again = FakeUpload(samples.text(5000), "other.txt")
    assert await media.upload_file().execute(OWNER, again, file_id) == first
    assert not again.started.is_set()
    assert list(storage.objects) == [storage_key_for(file_id)]
    assert list(store.files) == [file_id]
    with pytest.raises(Conflict):
        await media.upload_file().execute(new_id(), FakeUpload(b"x"), file_id)


async def test_an_upload_under_a_given_id_replaces_what_a_dead_run_left(
    media: MediaContainer,
    store: InMemoryMediaStore,
    storage: InMemoryFileStorage,
    clock: FixedClock,
) -> None:
    file_id = new_id()
    store.reservations[file_id] = UploadReservation.start(file_id, OWNER, 9000, clock.now())
    storage.objects[storage_key_for(file_id)] = b"partial"
    data = samples.text(3000)
    info = await media.upload_file().execute(OWNER, FakeUpload(data), file_id)
    assert info.id == file_id
    assert storage.objects == {storage_key_for(file_id): data}
    assert store.reservations == {}


async def test_running_uploads_hold_their_reservation(
    media: MediaContainer, store: InMemoryMediaStore
) -> None:
    for _ in range(2):
        await media.upload_file().execute(OWNER, FakeUpload(samples.text(9000)))
    used = sum(file.size for file in store.files.values())
    pause = asyncio.Event()
    slow = FakeUpload(samples.text(9000), declared_size=9500, pause=pause)
    running = asyncio.create_task(media.upload_file().execute(OWNER, slow))
    await slow.started.wait()
    assert [r.size for r in store.reservations.values()] == [9500]
    left = QUOTA_BYTES - used - 9500
    with pytest.raises(StorageQuotaExceeded):
        await media.upload_file().execute(OWNER, FakeUpload(b"x", declared_size=left + 1))
    pause.set()
    info = await running
    assert store.reservations == {}
    left = QUOTA_BYTES - used - info.size
    await media.upload_file().execute(OWNER, FakeUpload(b"x", declared_size=left))


async def test_lapsed_reservations_stop_counting_and_lose_their_bytes(
    media: MediaContainer,
    store: InMemoryMediaStore,
    storage: InMemoryFileStorage,
    clock: FixedClock,
) -> None:
    dead = UploadReservation.start(new_id(), OWNER, QUOTA_BYTES, clock.now())
    store.reservations[dead.id] = dead
    storage.objects[storage_key_for(dead.id)] = b"partial"
    with pytest.raises(StorageQuotaExceeded):
        await media.upload_file().execute(OWNER, FakeUpload(b"x", declared_size=10))
    clock.advance(seconds=RESERVATION_TTL.total_seconds() + 1)
    info = await media.upload_file().execute(OWNER, FakeUpload(b"x", declared_size=10))
    assert list(store.reservations) == []
    assert list(storage.objects) == [storage_key_for(info.id)]


async def test_quota_decisions_take_the_owner_lock(
    media: MediaContainer, store: InMemoryMediaStore
) -> None:
    await media.upload_file().execute(OWNER, FakeUpload(b"x"))
    assert store.locked_owners == [OWNER]

"""The FileRepository and UploadReservations contracts, for SQLAlchemy and the fakes."""

from dataclasses import replace
from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from tests.contract.media_repository.conftest import Media
from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.quota import UploadReservation
from tutor_platform.media.ports.repositories import FileQuery
from tutor_platform.shared.clock import SystemClock
from tutor_platform.shared.pagination import PageRequest

NOW = SystemClock().now()


def a_file(
    owner_id: UUID, name: str = "Notes.txt", seconds: int = 0, content_type: str = "text/plain"
) -> StoredFile:
    at = NOW + timedelta(seconds=seconds)
    file_id = uuid4()
    return StoredFile(
        file_id,
        owner_id,
        name,
        content_type,
        10 + seconds,
        "0" * 64,
        "private",
        f"files/{file_id}",
        at,
        at,
    )


async def add(media: Media, *files: StoredFile) -> None:
    async with media.files() as uow:
        for file in files:
            await uow.files.add(file)
        await uow.commit()


async def test_a_file_round_trips_with_every_field(media: Media) -> None:
    file = replace(a_file(uuid4()), visibility="public", duration_ms=1500)
    await add(media, file)
    async with media.files() as uow:
        assert await uow.files.get(file.id) == file
        assert await uow.files.get(uuid4()) is None


async def test_update_stores_the_change_and_a_missing_file_is_not_found(media: Media) -> None:
    file = a_file(uuid4())
    await add(media, file)
    file.soft_delete(NOW + timedelta(seconds=1))
    async with media.files() as uow:
        await uow.files.update(file)
        with pytest.raises(FileNotFound):
            await uow.files.update(a_file(uuid4()))
        await uow.commit()
    async with media.files() as uow:
        assert await uow.files.get(file.id) == file


async def test_search_filters_pages_newest_first_and_counts(media: Media) -> None:
    owner = uuid4()
    files = [a_file(owner, f"Part {n}.txt", n) for n in range(3)]
    image = a_file(owner, "Photo.png", 5, "image/png")
    deleted = a_file(owner, "Old.txt", 6)
    deleted.soft_delete(NOW)
    await add(media, *files, image, deleted, a_file(uuid4(), "Part 9.txt"))
    async with media.files() as uow:
        page, total = await uow.files.search(FileQuery(owner_id=owner), PageRequest(2, 1))
        parts, parts_total = await uow.files.search(FileQuery(q="part"), PageRequest())
        documents, _ = await uow.files.search(
            FileQuery(owner_id=owner, kind=files[0].kind), PageRequest()
        )
        binned, _ = await uow.files.search(FileQuery(deleted=True), PageRequest())
        used = await uow.files.bytes_used(owner)

    assert (total, page) == (4, [files[2], files[1]])
    assert parts_total == 4
    assert {file.filename for file in parts} >= {"Part 0.txt", "Part 9.txt"}
    assert documents == [files[2], files[1], files[0]]
    assert binned == [deleted]
    assert used == sum(file.size for file in (*files, image, deleted))


async def test_remove_deletes_the_file(media: Media) -> None:
    file = a_file(uuid4())
    await add(media, file)
    async with media.files() as uow:
        await uow.files.remove(file.id)
        await uow.commit()
    async with media.files() as uow:
        assert await uow.files.get(file.id) is None


async def test_reservations_count_until_they_expire_then_are_taken(media: Media) -> None:
    owner = uuid4()
    live = UploadReservation.start(uuid4(), owner, 100, NOW)
    expired = UploadReservation(
        uuid4(), owner, 7, NOW - timedelta(hours=3), NOW - timedelta(hours=1)
    )
    removed = UploadReservation.start(uuid4(), owner, 50, NOW)
    async with media.files() as uow:
        await uow.uploads.lock_owner(owner, NOW)
        for reservation in (
            live,
            expired,
            removed,
            UploadReservation.start(uuid4(), uuid4(), 9, NOW),
        ):
            await uow.uploads.add(reservation)
        await uow.uploads.remove(removed.id)
        await uow.commit()
    async with media.files() as uow:
        reserved = await uow.uploads.bytes_reserved(owner, NOW)
        taken = await uow.uploads.take_expired(owner, NOW)
        again = await uow.uploads.take_expired(owner, NOW)
        await uow.commit()

    assert reserved == 100
    assert taken == [expired]
    assert again == []

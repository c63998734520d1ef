"""The ``FileStorage`` contract, for every adapter.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again."""

import hashlib
import os
from collections.abc import AsyncIterator, Iterable

import pytest

from tutor_platform.media.domain.errors import StoredObjectNotFound
from tutor_platform.media.ports.storage import FileStorage

MiB = 1024 * 1024
KEY = "files/0192aa57-1b1c-7000-8000-000000000001"


class Interrupted(Exception):
    """Raised by a chunk source midway."""


async def chunks_of(pieces: Iterable[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def read(storage: FileStorage, key: str, start: int = 0, end: int | None = None) -> bytes:
    return b"".join([chunk async for chunk in await storage.open(key, start, end)])


def pieces_of(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


async def test_put_then_read_back(storage: FileStorage) -> None:
    data = os.urandom(200_000)
    size = await storage.put(KEY, chunks_of([b"", *pieces_of(data, 7_000), b""]))
    assert size == len(data)
    assert await read(storage, KEY) == data
    assert await storage.size(KEY) == len(data)
    assert await storage.exists(KEY)


async def test_empty_object(storage: FileStorage) -> None:
    assert await storage.put(KEY, chunks_of([])) == 0
    assert await read(storage, KEY) == b""
    assert await storage.size(KEY) == 0


async def test_large_object_in_many_chunks(storage: FileStorage) -> None:
    piece = os.urandom(256 * 1024)
    count = 46
    expected = hashlib.sha256(piece * count).hexdigest()
    assert await storage.put(KEY, chunks_of(piece for _ in range(count))) == 46 * 256 * 1024
    digest = hashlib.sha256()
    async for chunk in await storage.open(KEY):
        digest.update(chunk)
    assert digest.hexdigest() == expected
    assert (
        await read(storage, KEY, 5 * MiB - 10, 5 * MiB + 10)
        == (piece * 21)[5 * MiB - 10 : 5 * MiB + 10]
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 1), (0, 100), (10, 20), (99_990, None), (99_990, 100_000), (50_000, 10**9)],
)
async def test_ranges(storage: FileStorage, start: int, end: int | None) -> None:
    data = os.urandom(100_000)
    await storage.put(KEY, chunks_of(pieces_of(data, 30_000)))
    assert await read(storage, KEY, start, end) == data[start:end]


@pytest.mark.parametrize(("start", "end"), [(100_000, None), (200_000, 300_000), (10, 10), (10, 5)])
async def test_ranges_outside_the_object_are_empty(
    storage: FileStorage, start: int, end: int | None
) -> None:
    await storage.put(KEY, chunks_of([os.urandom(100_000)]))
    assert await read(storage, KEY, start, end) == b""


async def test_put_replaces(storage: FileStorage) -> None:
    await storage.put(KEY, chunks_of([b"first version, longer"]))
    await storage.put(KEY, chunks_of([b"second"]))
    assert await read(storage, KEY) == b"second"


async def test_a_failed_put_leaves_nothing_and_the_old_object_intact(storage: FileStorage) -> None:
    other = KEY + "-new"
    await storage.put(KEY, chunks_of([b"old"]))

    async def failing() -> AsyncIterator[bytes]:
        for _ in range(24):
            yield os.urandom(256 * 1024)
        raise Interrupted

    for key in (KEY, other):
        with pytest.raises(Interrupted):
            await storage.put(key, failing())
    assert await read(storage, KEY) == b"old"
    assert not await storage.exists(other)


async def test_an_object_is_invisible_until_complete(storage: FileStorage) -> None:
    seen: list[bool] = []

    async def watching() -> AsyncIterator[bytes]:
        yield b"first half"
        seen.append(await storage.exists(KEY))
        yield b"second half"

    await storage.put(KEY, watching())
    assert seen == [False]
    assert await storage.exists(KEY)


async def test_missing_objects(storage: FileStorage) -> None:
    assert not await storage.exists(KEY)
    with pytest.raises(StoredObjectNotFound):
        await storage.open(KEY)
    with pytest.raises(StoredObjectNotFound):
        await storage.open(KEY, 10, 20)
    with pytest.raises(StoredObjectNotFound):
        await storage.size(KEY)
    await storage.delete(KEY)


async def test_delete(storage: FileStorage) -> None:
    await storage.put(KEY, chunks_of([b"bytes"]))
    await storage.put(KEY + "-kept", chunks_of([b"kept"]))
    await storage.delete(KEY)
    assert not await storage.exists(KEY)
    with pytest.raises(StoredObjectNotFound):
        await storage.open(KEY)
    assert await read(storage, KEY + "-kept") == b"kept"


async def test_reading_can_stop_early(storage: FileStorage) -> None:
    await storage.put(KEY, chunks_of([os.urandom(MiB)]))
    stream = await storage.open(KEY)
    first = await anext(stream)
    assert first
    await stream.aclose()  # type: ignore[attr-defined]
    assert await storage.size(KEY) == MiB

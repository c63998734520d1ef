"""Where file bytes live: a local directory, an S3-compatible bucket, or memory in tests."""

from collections.abc import AsyncIterable, AsyncIterator
from typing import Protocol


class FileStorage(Protocol):
    """Bytes kept under keys such as ``files/<id>``.

    Every adapter streams: no method holds a whole object in memory (S3 buffers one part).
    Failures of the storage itself raise ``StorageUnavailable``; a missing object raises
    ``StoredObjectNotFound``. An error raised by the chunks given to :meth:`put` propagates
    unchanged.
    """

    async def put(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        """Store the chunks under ``key`` (replacing any object there) and return the size.

        The object appears whole or not at all: it is invisible until every chunk is
        stored, and nothing is left behind when the chunks or the storage fail.
        """
        ...

    async def open(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """The bytes ``start`` (inclusive) to ``end`` (exclusive, ``None`` = to the end),
        clipped to the object's size.

        A missing object is reported here, before any byte is read.
        """
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; a missing one is not an error."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def size(self, key: str) -> int:
        """The object's size in bytes; ``StoredObjectNotFound`` when missing."""
        ...

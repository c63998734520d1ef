"""``FileStorage`` in a dict: for unit tests and throwaway runs (objects are held in memory)."""

from collections.abc import AsyncIterable, AsyncIterator

from tutor_platform.media.domain.errors import StoredObjectNotFound


class InMemoryFileStorage:
    """An object becomes visible only once all its chunks arrived, as with real adapters."""

    def __init__(self, chunk_size: int = 64 * 1024) -> None:
        self.objects: dict[str, bytes] = {}
        self._chunk_size = chunk_size

    async def put(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        data = bytearray()
        async for chunk in chunks:
            data += chunk
        self.objects[key] = bytes(data)
        return len(data)

    async def open(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        data = self._get(key)[max(0, start) : end]
        return self._iterate(data)

    async def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    async def exists(self, key: str) -> bool:
        return key in self.objects

    async def size(self, key: str) -> int:
        return len(self._get(key))

    async def aclose(self) -> None:
        """Nothing to release."""

    def _get(self, key: str) -> bytes:
        try:
            return self.objects[key]
        except KeyError:
            raise StoredObjectNotFound(key) from None

    async def _iterate(self, data: bytes) -> AsyncIterator[bytes]:
        for start in range(0, len(data), self._chunk_size):
            yield data[start : start + self._chunk_size]

"""``FileStorage`` in a local directory: one file per key, written to a temporary file in the
same directory and renamed into place once complete (atomic on POSIX file systems).

File I/O runs in worker threads, so the event loop never blocks. Incoming chunks are gathered
into writes of about ``WRITE_SIZE`` bytes: a small chunk (a network read is often 16-64 KiB)
no longer costs a thread hand-off of its own.
"""

import asyncio
import contextlib
import os
import re
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Callable
from pathlib import Path
from typing import IO, Final, ParamSpec, TypeVar

from tutor_platform.media.domain.errors import StorageUnavailable, StoredObjectNotFound

CHUNK_SIZE: Final = 64 * 1024
WRITE_SIZE: Final = 1024 * 1024
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_TEMP_SUFFIX = ".part"
P = ParamSpec("P")
T = TypeVar("T")


class LocalDirectoryStorage:
    """Objects under ``root``; a key is a ``/``-separated path of plain segments (letters,
    digits, ``.``, ``_``, ``-``; no ``..``, no leading dot), so it cannot leave ``root``."""

    def __init__(self, root: str | Path, chunk_size: int = CHUNK_SIZE) -> None:
        self._root = Path(root).resolve()
        self._chunk_size = chunk_size

    async def put(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        path = self._path(key)
        temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}{_TEMP_SUFFIX}")
        size = 0
        try:
            file = await _io(_create, temp)
            try:
                pending: list[bytes] = []
                gathered = 0
                async for chunk in chunks:
                    pending.append(chunk)
                    gathered += len(chunk)
                    size += len(chunk)
                    if gathered >= WRITE_SIZE:
                        await _io(file.writelines, pending)
                        pending, gathered = [], 0
                await _io(_flush_after, file, pending)
            finally:
                await _io(file.close)
            await _io(os.replace, temp, path)
        except BaseException:
            await asyncio.shield(asyncio.to_thread(_discard, temp))
            raise
        return size

    async def open(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise StoredObjectNotFound(key) from None
        except OSError as exc:
            raise StorageUnavailable() from exc
        return self._read(file, start, end)

    async def delete(self, key: str) -> None:
        await _io(self._path(key).unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        return bool(await _io(self._path(key).is_file))

    async def size(self, key: str) -> int:
        try:
            stat = await asyncio.to_thread(self._path(key).stat)
        except FileNotFoundError:
            raise StoredObjectNotFound(key) from None
        except OSError as exc:
            raise StorageUnavailable() from exc
        return stat.st_size

    async def aclose(self) -> None:
        """Nothing to release."""

    async def _read(self, file: IO[bytes], start: int, end: int | None) -> AsyncIterator[bytes]:
        try:
            await _io(file.seek, max(0, start))
            remaining = None if end is None else max(0, end - max(0, start))
            while remaining is None or remaining > 0:
                wanted = self._chunk_size if remaining is None else min(self._chunk_size, remaining)
                chunk = await _io(file.read, wanted)
                if not chunk:
                    break
                if remaining is not None:
                    remaining -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(file.close)

    def _path(self, key: str) -> Path:
        segments = key.split("/")
        if not all(_SEGMENT.fullmatch(segment) for segment in segments):
            raise ValueError(f"not a valid storage key: {key!r}")
        path = self._root.joinpath(*segments)
        if not path.is_relative_to(self._root):
            raise ValueError(f"not a valid storage key: {key!r}")
        return path


def _create(path: Path) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("xb")


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _flush_after(file: IO[bytes], pending: list[bytes]) -> None:
    """Write what is left, then make it durable."""
    file.writelines(pending)
    file.flush()
    os.fsync(file.fileno())


async def _io(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run blocking file I/O in a thread; operating-system errors become ``StorageUnavailable``."""
    try:
        return await asyncio.to_thread(function, *args, **kwargs)
    except OSError as exc:
        raise StorageUnavailable() from exc

"""Streams a file's bytes into storage, checking and measuring them on the way."""

import hashlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.media.domain.content_types import (
    TEXT_TYPES,
    TextCheck,
    decide_content_type,
)
from tutor_platform.media.domain.errors import FileTooLarge, FileTypeNotAllowed
from tutor_platform.media.domain.file import StoredFile, Visibility
from tutor_platform.media.domain.quota import UploadPolicy
from tutor_platform.media.ports.inspection import ContentSniffer, DurationProbe
from tutor_platform.media.ports.storage import FileStorage

SNIFF_BYTES: Final = 8192
Grow = Callable[[int], Awaitable[int]]
"""Called with the bytes an upload needs beyond its limit; returns the new limit (or raises)."""


@dataclass(frozen=True, slots=True)
class WrittenContent:
    """What was stored under ``key`` and what was learnt from the bytes."""

    key: str
    size: int
    checksum_sha256: str
    content_type: str
    duration_ms: int | None

    def as_file(
        self, file_id: UUID, owner_id: UUID, filename: str, visibility: Visibility, now: datetime
    ) -> StoredFile:
        """The record of a new file holding these bytes."""
        return StoredFile(
            id=file_id,
            owner_id=owner_id,
            filename=filename,
            content_type=self.content_type,
            size=self.size,
            checksum_sha256=self.checksum_sha256,
            visibility=visibility,
            storage_key=self.key,
            created_at=now,
            updated_at=now,
            duration_ms=self.duration_ms,
        )


class ContentWriter:
    """Writes chunks to storage while counting them against a limit, hashing them (SHA-256),
    checking that text stays UTF-8 and measuring the duration of audio and video.

    It holds one chunk at a time (and the first bytes while the type is decided). When a
    check fails midway, the storage drops the partial object and the error propagates.
    """

    def __init__(self, storage: FileStorage, sniffer: ContentSniffer, probe: DurationProbe) -> None:
        self._storage = storage
        self._sniffer = sniffer
        self._probe = probe

    async def write_upload(
        self,
        key: str,
        chunks: AsyncIterator[bytes],
        *,
        filename: str,
        policy: UploadPolicy,
        limit: int,
        grow: Grow | None = None,
    ) -> WrittenContent:
        """Store an upload whose type is decided from its bytes: at most ``limit`` bytes, or
        more through ``grow`` (never past the cap)."""
        head, complete = await _read_head(chunks)
        content_type = decide_content_type(
            self._sniffer.sniff(head),
            head,
            complete=complete,
            filename=filename,
            allowed=policy.allowed_types,
        )
        stream = _prepend(head, chunks)
        return await self._write(key, stream, content_type, limit, policy.max_bytes, grow)

    async def write_generated(
        self, key: str, chunks: AsyncIterator[bytes], content_type: str
    ) -> WrittenContent:
        """Store a file a job made, of the type the job says, with no size limit."""
        return await self._write(key, chunks, content_type)

    async def _write(
        self,
        key: str,
        chunks: AsyncIterator[bytes],
        content_type: str,
        limit: int | None = None,
        max_bytes: int = 0,
        grow: Grow | None = None,
    ) -> WrittenContent:
        """``limit`` is what this write may take (``grow`` extends it up to ``max_bytes``, the
        cap named on refusal)."""
        hasher = hashlib.sha256()
        size = 0
        text = TextCheck() if content_type in TEXT_TYPES else None
        measurement = self._probe.start(content_type)

        async def checked() -> AsyncGenerator[bytes, None]:
            nonlocal size, limit
            async for chunk in chunks:
                size += len(chunk)
                if limit is not None and size > limit:
                    if grow is None or size > max_bytes:
                        raise FileTooLarge(max_bytes)
                    limit = await grow(size)
                if text is not None and not text.feed(chunk):
                    raise FileTypeNotAllowed("The file is not UTF-8 text without NUL characters.")
                hasher.update(chunk)
                if measurement is not None:
                    await measurement.feed(chunk)
                yield chunk
            if text is not None and not text.finish():
                raise FileTypeNotAllowed("The file ends in the middle of a UTF-8 character.")

        try:
            async with aclosing(checked()) as stream:
                await self._storage.put(key, stream)
            duration_ms = await measurement.result() if measurement is not None else None
        finally:
            if measurement is not None:
                await measurement.discard()
        return WrittenContent(key, size, hasher.hexdigest(), content_type, duration_ms)


async def _read_head(chunks: AsyncIterator[bytes]) -> tuple[bytes, bool]:
    """At least ``SNIFF_BYTES`` first bytes (fewer if the file is shorter) and whether that
    is the whole file."""
    parts: list[bytes] = []
    read = 0
    while read < SNIFF_BYTES:
        try:
            chunk = await anext(chunks)
        except StopAsyncIteration:
            return b"".join(parts), True
        parts.append(chunk)
        read += len(chunk)
    return b"".join(parts), False


async def _prepend(head: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    if head:
        yield head
    async for chunk in rest:
        yield chunk

"""Fakes for media's use case tests: an upload source and a duration probe."""

import asyncio
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field

from tutor_platform.media.domain.content_types import has_duration


@dataclass
class FakeUpload:
    """An upload of ``data`` in ``chunk_size`` pieces; ``pause`` (when given) holds the
    stream after its first chunk until it is set."""

    data: bytes
    filename: str = "notes.txt"
    form: dict[str, str] = field(default_factory=dict)
    declared_size: int | None = None
    chunk_size: int = 1000
    pause: asyncio.Event | None = None
    started: asyncio.Event = field(default_factory=asyncio.Event)

    async def chunks(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.data), self.chunk_size):
            yield self.data[start : start + self.chunk_size]
            self.started.set()
            if self.pause is not None:
                await self.pause.wait()

    async def fields(self) -> Mapping[str, str]:
        return self.form


@dataclass
class FakeMeasurement:
    probe: "FakeDurationProbe"
    seen: int = 0

    async def feed(self, chunk: bytes) -> None:
        self.seen += len(chunk)

    async def result(self) -> int | None:
        return self.seen

    async def discard(self) -> None:
        self.probe.discarded += 1


@dataclass
class FakeDurationProbe:
    """Says an audio or video file lasts one millisecond per byte."""

    started: int = 0
    discarded: int = 0

    def start(self, content_type: str) -> FakeMeasurement | None:
        if not has_duration(content_type):
            return None
        self.started += 1
        return FakeMeasurement(self)

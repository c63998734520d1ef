"""The stream log in this process's memory (the embedded default: one API process)."""

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.tutoring.ports.stream_log import LoggedEvent


@dataclass
class _Log:
    owner_id: UUID
    expires: float
    entries: list[LoggedEvent] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)


MAX_LOGS = 1_000
"""Logs held at most: past it the oldest started one is dropped (its answer cannot resume)."""


class InMemoryStreamLog:
    """Logs expire ``ttl_seconds`` after their last entry (swept when a log starts); at most
    ``max_logs`` are held."""

    def __init__(self, ttl_seconds: float, max_logs: int = MAX_LOGS) -> None:
        self._ttl = ttl_seconds
        self._max_logs = max_logs
        self._logs: dict[UUID, _Log] = {}

    async def start(self, stream_id: UUID, owner_id: UUID) -> None:
        now = time.monotonic()
        for expired in [key for key, log in self._logs.items() if log.expires <= now]:
            del self._logs[expired]
        if stream_id not in self._logs:
            while len(self._logs) >= self._max_logs:
                del self._logs[next(iter(self._logs))]
        self._logs.setdefault(stream_id, _Log(owner_id, now + self._ttl))

    async def append(self, stream_id: UUID, event: LoggedEvent) -> None:
        log = self._logs.get(stream_id)
        if log is None:
            return
        log.entries.append(event)
        log.expires = time.monotonic() + self._ttl
        log.changed.set()
        log.changed = asyncio.Event()

    async def owner(self, stream_id: UUID) -> UUID | None:
        log = self._live(stream_id)
        return None if log is None else log.owner_id

    async def last_seq(self, stream_id: UUID) -> int:
        log = self._live(stream_id)
        return log.entries[-1].seq if log and log.entries else 0

    async def follow(
        self, stream_id: UUID, after: int, idle_seconds: float
    ) -> AsyncIterator[LoggedEvent]:
        log = self._live(stream_id)
        if log is None:
            return
        position = next((i for i, e in enumerate(log.entries) if e.seq > after), len(log.entries))
        while True:
            while position < len(log.entries):
                event = log.entries[position]
                position += 1
                yield event
                if event.final:
                    return
            try:
                await asyncio.wait_for(log.changed.wait(), idle_seconds)
            except TimeoutError:
                return

    def _live(self, stream_id: UUID) -> _Log | None:
        log = self._logs.get(stream_id)
        return log if log is not None and log.expires > time.monotonic() else None

"""The events of streamed answers, kept for a while so that a client that lost the connection
can resume (``GET /messages/{id}/stream`` with ``Last-Event-ID``).

One log per assistant message, keyed by its id, owned by the user who asked. Entries are
numbered from 1 in the order they were sent; the last one is ``final`` (``done`` or
``error``, or the internal ``closed`` when the producer stopped without either). A log expires
``ttl`` after its last entry. Adapters: in memory (one process) and Redis Streams (every API
process), held to one contract.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Final, Protocol
from uuid import UUID

CLOSED: Final = "closed"
"""The internal final entry of a log whose producer stopped before ``done`` or ``error``."""


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One sent event: its number in the stream, its name and its encoded ``data``."""

    seq: int
    event: str
    data: str
    final: bool = False


class StreamLog(Protocol):
    async def start(self, stream_id: UUID, owner_id: UUID) -> None:
        """Begin the log of ``stream_id`` (idempotent), remembering whose answer it is."""
        ...

    async def append(self, stream_id: UUID, event: LoggedEvent) -> None: ...

    async def owner(self, stream_id: UUID) -> UUID | None:
        """Whose stream it is; None when there is no log (never was, or expired)."""
        ...

    async def last_seq(self, stream_id: UUID) -> int:
        """The number of the last entry so far (0 when none)."""
        ...

    def follow(
        self, stream_id: UUID, after: int, idle_seconds: float
    ) -> AsyncIterator[LoggedEvent]:
        """The entries numbered above ``after``, then the new ones as they come, until a
        ``final`` one, or until none came for ``idle_seconds``."""
        ...

"""A client that lost a streamed answer resumes it: ``GET /messages/{id}/stream`` with the
``Last-Event-ID`` it last received.

Event ids are ``{assistant_message_id}.{n}`` (``n`` counts the events of that stream from 1).
Without ``Last-Event-ID`` the whole stream comes again; with one of this stream, the events
after it, then the rest as they are generated. An id that is malformed, of another message,
or of an event not sent yet is 400 ``BAD_REQUEST``. When the log is gone (expired, or the
answer came from another way) but the answer is stored, ``done`` comes at once; when the
producer stopped without ``done`` (the server shut down), the stored part of the answer
comes as ``done`` once it is saved. Someone else's answer (unless the caller is an admin,
who may read for audit), or one never streamed nor stored, is 404.
"""

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import BadRequest
from tutor_platform.tutoring.application.stream_message import Audience
from tutor_platform.tutoring.application.support.alternatives import with_alternatives
from tutor_platform.tutoring.application.support.detached import DetachedTasks
from tutor_platform.tutoring.domain.errors import MessageNotFound, SessionNotFound
from tutor_platform.tutoring.domain.message import Message, MessageRole
from tutor_platform.tutoring.domain.session import ensure_can_read
from tutor_platform.tutoring.ports.stream_log import CLOSED, LoggedEvent, StreamLog
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory

SETTLE_POLLS: Final = 50
SETTLE_INTERVAL: Final = 0.1
"""How long a resumed stream whose producer stopped waits for the part it saved (5 s)."""


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """The answer as stored: sent as ``done`` (numbered ``seq``)."""

    message: Message
    seq: int


@dataclass(frozen=True, slots=True)
class Interrupted:
    """The producer stopped and nothing of the answer was stored."""

    seq: int


Resumed = LoggedEvent | StoredAnswer | Interrupted


def event_id(stream_id: UUID, seq: int) -> str:
    return f"{stream_id}.{seq}"


def parse_event_id(stream_id: UUID, value: str) -> int:
    """The event number of ``value``; 400 unless an id of this stream's events."""
    head, dot, tail = value.strip().rpartition(".")
    try:
        same = dot == "." and UUID(head) == stream_id and tail.isdigit()
    except ValueError:
        same = False
    if not same:
        raise BadRequest(
            f"Last-Event-ID must be the id of an event of this answer's stream ({stream_id}.<n>)."
        )
    return int(tail)


class ResumeStream:
    def __init__(
        self, uow_factory: TutoringUnitOfWorkFactory, log: StreamLog, idle_seconds: float
    ) -> None:
        self._uow_factory = uow_factory
        self._log = log
        self._idle = idle_seconds

    async def execute(
        self, principal: Principal, answer_id: UUID, last_event_id: str | None
    ) -> AsyncGenerator[Resumed, None]:
        owner = await self._log.owner(answer_id)
        if owner is None:
            stored = await self._stored(principal, answer_id)
            if stored is None:
                raise MessageNotFound()
            if last_event_id is not None:
                parse_event_id(answer_id, last_event_id)
            return _once(StoredAnswer(stored, 1))
        if owner != principal.user_id and not principal.is_admin:
            raise MessageNotFound()
        after = 0 if last_event_id is None else parse_event_id(answer_id, last_event_id)
        if after > await self._log.last_seq(answer_id):
            raise BadRequest("Last-Event-ID names an event of this answer that was not sent.")
        return self._follow(principal, answer_id, after)

    async def _follow(
        self, principal: Principal, answer_id: UUID, after: int
    ) -> AsyncGenerator[Resumed, None]:
        async for event in self._log.follow(answer_id, after, self._idle):
            if event.event != CLOSED:
                yield event
                continue
            for _ in range(SETTLE_POLLS):
                stored = await self._stored(principal, answer_id)
                if stored is not None:
                    yield StoredAnswer(stored, event.seq)
                    return
                await asyncio.sleep(SETTLE_INTERVAL)
            yield Interrupted(event.seq)

    async def _stored(self, principal: Principal, answer_id: UUID) -> Message | None:
        """The stored answer with this id if the caller may read it (theirs, or an admin's
        audit), or None."""
        async with self._uow_factory() as uow:
            message = await uow.messages.get(answer_id)
            if message is None or message.role != MessageRole.ASSISTANT:
                return None
            try:
                ensure_can_read(principal, await uow.sessions.get(message.session_id))
            except SessionNotFound:
                return None
            return (await with_alternatives(uow, [message]))[0]


async def _once(item: Resumed) -> AsyncGenerator[Resumed, None]:
    yield item


class StreamRecorder:
    """Numbers the events of a streamed answer and logs them as they are produced, by a task
    of its own: a client that leaves does not stop the answer, whose events keep being logged
    for a resume."""

    def __init__(self, log: StreamLog, detached: DetachedTasks) -> None:
        self._log = log
        self._detached = detached

    def record(
        self,
        owner_id: UUID,
        stream_id: UUID,
        events: AsyncGenerator[tuple[str, str, bool], None],
        audience: Audience,
        *,
        log: bool = True,
    ) -> AsyncGenerator[LoggedEvent, None]:
        """Each ``(event, data, final)`` numbered from 1 and logged before it is passed on;
        a consumer that stops early makes the ``audience`` leave, and the events run on. A
        replay of a stored answer (``log`` False) is numbered but not logged again."""
        if not log:
            return _numbered(events)
        return self._detached.relay(self._logged(owner_id, stream_id, events), audience.leave)

    async def _logged(
        self, owner_id: UUID, stream_id: UUID, events: AsyncGenerator[tuple[str, str, bool], None]
    ) -> AsyncGenerator[LoggedEvent, None]:
        """The numbered events, each logged; stopped before a final one (shutdown), the log
        ends with ``closed``."""
        await self._log.start(stream_id, owner_id)
        final = False
        seq = 0
        try:
            async with aclosing(events):
                async for name, data, final in events:
                    seq += 1
                    logged = LoggedEvent(seq, name, data, final)
                    await self._log.append(stream_id, logged)
                    yield logged
        finally:
            if not final:
                closing = self._log.append(stream_id, LoggedEvent(seq + 1, CLOSED, "", True))
                await asyncio.shield(closing)


async def _numbered(
    events: AsyncGenerator[tuple[str, str, bool], None],
) -> AsyncGenerator[LoggedEvent, None]:
    async with aclosing(events):
        seq = 0
        async for name, data, final in events:
            seq += 1
            yield LoggedEvent(seq, name, data, final)

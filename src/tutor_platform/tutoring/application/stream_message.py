"""A user sends a message and gets the tutor's answer as it is generated (see
``conversation``).

``execute`` stores the user message (errors before that are ordinary errors), then returns
the events: ``Delta`` pieces whose concatenation is the answer (markers citing passages that
were not sent are filtered out as the text arrives), then ``Done`` with the stored answer,
or ``Failed`` (the provider failed: the user message stays unanswered, the partial text is
not stored, a retry with the same ``client_message_id`` asks again). The stream's
``audience`` says whether the client is still reading: a client that left does not stop the
answer (the HTTP edge keeps producing the events, so that a resume gets them), which is stored
whole with finish reason ``client_disconnected``. When the events are closed early (shutdown),
the text generated so far is stored by a detached task, with the same finish reason.
"""

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass, field, replace
from uuid import UUID

from tutor_platform.ai.api import StreamItem, TextDelta, TutorModels
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import DomainError, UpstreamFailed
from tutor_platform.shared.outage import failure_of
from tutor_platform.tutoring.application.send_message import elapsed_ms
from tutor_platform.tutoring.application.support.conversation import Briefing, Conversation, Turn
from tutor_platform.tutoring.application.support.detached import DetachedTasks
from tutor_platform.tutoring.domain.citations import MarkerFilter
from tutor_platform.tutoring.domain.message import CLIENT_DISCONNECTED, Message, NewMessage

logger = logging.getLogger("tutor_platform.tutoring")


@dataclass(frozen=True, slots=True)
class Delta:
    text: str


@dataclass(frozen=True, slots=True)
class Done:
    message: Message


@dataclass(frozen=True, slots=True)
class Failed:
    error_code: str
    detail: str


StreamEvent = Delta | Done | Failed


@dataclass(slots=True)
class Audience:
    """Whether the client that asked is still reading the answer's events."""

    present: bool = True

    def leave(self) -> None:
        self.present = False


@dataclass(frozen=True, slots=True)
class MessageStream:
    """The stored user message and the events of its answer."""

    user_message: Message
    events: AsyncGenerator[StreamEvent, None]
    replayed: bool = False
    assistant_message_id: UUID | None = None
    audience: Audience = field(default_factory=Audience)


class StreamMessage:
    def __init__(
        self, conversation: Conversation, models: TutorModels, detached: DetachedTasks
    ) -> None:
        self._conversation = conversation
        self._models = models
        self._detached = detached

    async def execute(
        self, principal: Principal, session_id: UUID, new: NewMessage
    ) -> MessageStream:
        turn = await self._conversation.open(principal, session_id, new)
        return self.of_turn(turn)

    def of_turn(self, turn: Turn) -> MessageStream:
        """The events answering the turn's question (a replay when it was answered)."""
        if turn.answer is not None:
            return MessageStream(turn.question, _replay(turn.answer), True, turn.answer.id)
        audience = Audience()
        events = self._generate(turn, audience)
        return MessageStream(turn.question, events, False, turn.answer_id, audience)

    async def _generate(self, turn: Turn, audience: Audience) -> AsyncGenerator[StreamEvent, None]:
        """The events of a new answer; the last is ``Done`` or ``Failed`` whatever fails
        (unless the consumer left), and an answer not stored leaves the question unanswered."""
        started = time.perf_counter()
        pieces: list[str] = []
        briefing: Briefing | None = None
        stream: AsyncIterator[StreamItem] | None = None
        settled = False
        try:
            briefing = await self._conversation.brief(turn)
            markers = MarkerFilter(len(briefing.sources))
            stream = self._models.get(turn.tutor.provider).stream(briefing.prompt)
            async for item in stream:
                text = markers.feed(item.text) if isinstance(item, TextDelta) else markers.flush()
                if text:
                    pieces.append(text)
                    yield Delta(text)
                if isinstance(item, TextDelta):
                    continue
                reply = replace(item, content="".join(pieces))
                latency = elapsed_ms(started)
                left = None if audience.present else CLIENT_DISCONNECTED
                stored = self._conversation.answer(turn, reply, latency, briefing.sources, left)
                answer = await self._detached.shield(stored)
                settled = True
                yield Done(answer)
                return
            raise UpstreamFailed("The provider's stream ended without an answer.")
        except DomainError as exc:
            if not settled:
                settled = True
                await self._leave_unanswered(turn)
            yield Failed(exc.code, exc.detail)
        except (asyncio.CancelledError, GeneratorExit):
            if not settled:
                settled = True
                text = "".join(pieces)
                saved = self._conversation.interrupted(turn, briefing, text, elapsed_ms(started))
                self._detached.start(saved)
            raise
        except Exception as exc:
            logger.exception("stream_failed", exc_info=exc)
            if not settled:
                settled = True
                await self._leave_unanswered(turn)
            yield Failed(*failure_of(exc))
        finally:
            await _close(stream)

    async def _leave_unanswered(self, turn: Turn) -> None:
        """Record that no answer came (a retry may ask again); if even that fails (the
        database is down), the claim on the question expires on its own."""
        try:
            await self._detached.shield(self._conversation.unanswered(turn))
        except Exception as exc:
            logger.warning("unanswered_not_recorded", exc_info=exc)


async def _replay(answer: Message) -> AsyncGenerator[StreamEvent, None]:
    yield Delta(answer.content)
    yield Done(answer)


async def _close(stream: AsyncIterator[StreamItem] | None) -> None:
    """Close the provider's stream (ending its request) if it is a generator left open."""
    aclose = getattr(stream, "aclose", None)
    if aclose is not None:
        await aclose()

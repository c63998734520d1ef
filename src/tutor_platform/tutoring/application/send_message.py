"""A user sends a message and waits for the tutor's whole answer (see ``conversation``).

When the provider fails (after its retries), ``UpstreamFailed`` (502) leaves the user message
stored and unanswered; no answer is invented. So does any failure to store the answer, so that
a retry with the same ``client_message_id`` asks again instead of meeting 409. The same
``client_message_id`` sent again after an answer returns the first exchange (``replayed``)
without asking the AI again.
"""

import time
from contextlib import suppress
from uuid import UUID

from tutor_platform.ai.api import TutorModels
from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.support.conversation import Conversation, Turn
from tutor_platform.tutoring.application.support.views import Exchange
from tutor_platform.tutoring.domain.message import Message, NewMessage


def elapsed_ms(started: float) -> int:
    """Milliseconds since ``started`` (a ``time.perf_counter()`` value)."""
    return round((time.perf_counter() - started) * 1000)


class SendMessage:
    def __init__(self, conversation: Conversation, models: TutorModels) -> None:
        self._conversation = conversation
        self._models = models

    async def execute(self, principal: Principal, session_id: UUID, new: NewMessage) -> Exchange:
        turn = await self._conversation.open(principal, session_id, new)
        if turn.answer is not None:
            return Exchange(turn.question, turn.answer, replayed=True)
        return Exchange(turn.question, await self.complete(turn))

    async def complete(self, turn: Turn) -> Message:
        """Ask the AI to answer the turn's question and store the answer."""
        started = time.perf_counter()
        try:
            briefing = await self._conversation.brief(turn)
            reply = await self._models.get(turn.tutor.provider).reply(briefing.prompt)
            latency = elapsed_ms(started)
            answer = await self._conversation.answer(turn, reply, latency, briefing.sources)
        except Exception:
            with suppress(Exception):
                await self._conversation.unanswered(turn)
            raise
        return answer

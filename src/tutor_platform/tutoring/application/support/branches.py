"""Branches of a conversation: regenerate an answer, edit a question, select a branch.

Messages form a tree (``parent_id``); the history shows the current branch. Regenerating an
answer makes its question the end of the current branch and asks the AI again: the new
answer is a sibling of the old one (which stays, as an alternative). Editing a question
stores the new text as a sibling of the old question (same parent, same attachments) and
asks the AI to answer it: a new branch from that point. Selecting a message makes the branch
through it current again, down to its newest descendants. When the provider fails on a
regeneration, the branch that was current comes back.
"""

from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.application.send_message import SendMessage
from tutor_platform.tutoring.application.stream_message import (
    Failed,
    MessageStream,
    StreamEvent,
    StreamMessage,
)
from tutor_platform.tutoring.application.support.alternatives import with_alternatives
from tutor_platform.tutoring.application.support.conversation import Conversation, Turn
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.application.support.views import Exchange
from tutor_platform.tutoring.domain.errors import MessageNotFound, SessionNotFound, TutorUnavailable
from tutor_platform.tutoring.domain.message import (
    Message,
    MessageRole,
    NewMessage,
    ReplyState,
    validate_new_message,
)
from tutor_platform.tutoring.domain.session import ChatSession, ensure_owner
from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWork, TutoringUnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Rerun:
    """A turn asked anew, and the answer to bring back as current if it fails."""

    turn: Turn
    previous: Message | None = None


class Branches:
    def __init__(
        self,
        uow_factory: TutoringUnitOfWorkFactory,
        access: TutorAccess,
        conversation: Conversation,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._conversation = conversation
        self._clock = clock

    async def regenerate(self, principal: Principal, message_id: UUID) -> Rerun:
        """422 unless an answer of the tutor; 404 unless in the caller's own session."""
        async with self._uow_factory() as uow:
            message, session = await self._own(uow, principal, message_id)
            if message.role != MessageRole.ASSISTANT or message.reply_to_id is None:
                raise fail("message_id", "must be an answer of the tutor (not your message)")
            question = await uow.messages.get(message.reply_to_id)
            if question is None:
                raise MessageNotFound()
            tutor = await uow.tutors.get(session.tutor_id)
        turn = await self._turn(principal, session, tutor, question)
        async with self._uow_factory() as uow:
            await uow.messages.make_current(session.id, question)
            await uow.commit()
        return Rerun(turn, message)

    async def edit(self, principal: Principal, message_id: UUID, content: str) -> Rerun:
        """422 on ``content`` as for a new message, and unless a message of the caller."""
        validate_new_message(NewMessage(content))
        async with self._uow_factory() as uow:
            message, session = await self._own(uow, principal, message_id)
            if message.role != MessageRole.USER:
                raise fail("message_id", "must be your own message (not an answer of the tutor)")
            parent = (
                None if message.parent_id is None else await uow.messages.get(message.parent_id)
            )
            tutor = await uow.tutors.get(session.tutor_id)
        now = self._clock.now()
        question = Message(
            id=new_id(),
            session_id=session.id,
            role=MessageRole.USER,
            content=content,
            created_at=now,
            attachments=message.attachments,
            reply_state=ReplyState.PENDING,
            reply_claimed_at=now,
            parent_id=None if parent is None else parent.id,
        )
        turn = await self._turn(principal, session, tutor, question)
        async with self._uow_factory() as uow:
            await uow.messages.make_current(session.id, parent)
            await uow.messages.add(question)
            await uow.figures.message_stored(session.tutor_id, question)
            await uow.sessions.record_messages(session.id, 1, now)
            await uow.commit()
        return Rerun(turn)

    async def select(self, principal: Principal, message_id: UUID) -> Message:
        """Make the branch through the message current (down to its newest descendants)."""
        async with self._uow_factory() as uow:
            message, session = await self._own(uow, principal, message_id)
            if not message.is_current:
                await uow.messages.make_current(session.id, message, descend=True)
                await uow.commit()
                message = await uow.messages.get(message_id) or message
            return (await with_alternatives(uow, [message]))[0]

    async def restore(self, rerun: Rerun) -> None:
        """The AI failed on a regeneration: the answer that was current is again."""
        if rerun.previous is None:
            return
        async with self._uow_factory() as uow:
            await uow.messages.make_current(rerun.turn.session.id, rerun.previous)
            await uow.messages.set_reply_state(rerun.turn.question.id, ReplyState.ANSWERED)
            await uow.commit()

    async def exchange(self, question: Message, answer: Message) -> Exchange:
        async with self._uow_factory() as uow:
            user_message, assistant_message = await with_alternatives(uow, [question, answer])
        return Exchange(user_message, assistant_message)

    async def _own(
        self, uow: TutoringUnitOfWork, principal: Principal, message_id: UUID
    ) -> tuple[Message, ChatSession]:
        message = await uow.messages.get(message_id)
        if message is None:
            raise MessageNotFound()
        try:
            session = ensure_owner(principal, await uow.sessions.get(message.session_id))
        except SessionNotFound:
            raise MessageNotFound() from None
        return message, session

    async def _turn(
        self, principal: Principal, session: ChatSession, tutor: Tutor | None, question: Message
    ) -> Turn:
        if tutor is None or not await self._access.can_use(principal, tutor):
            raise TutorUnavailable()
        return await self._conversation.again(principal, session, tutor, question)


class RerunMessage:
    """Regenerate an answer or edit a question, answered as JSON (201 with both messages)."""

    def __init__(self, branches: Branches, send: SendMessage) -> None:
        self._branches = branches
        self._send = send

    async def regenerate(self, principal: Principal, message_id: UUID) -> Message:
        rerun = await self._branches.regenerate(principal, message_id)
        return (await self._complete(rerun)).assistant_message

    async def edit(self, principal: Principal, message_id: UUID, content: str) -> Exchange:
        return await self._complete(await self._branches.edit(principal, message_id, content))

    async def _complete(self, rerun: Rerun) -> Exchange:
        try:
            answer = await self._send.complete(rerun.turn)
        except Exception:
            await self._branches.restore(rerun)
            raise
        return await self._branches.exchange(rerun.turn.question, answer)


class RerunStream:
    """Regenerate an answer or edit a question, answered as Server-Sent Events."""

    def __init__(self, branches: Branches, stream: StreamMessage) -> None:
        self._branches = branches
        self._stream = stream

    async def regenerate(self, principal: Principal, message_id: UUID) -> MessageStream:
        rerun = await self._branches.regenerate(principal, message_id)
        streamed = self._stream.of_turn(rerun.turn)
        return MessageStream(
            streamed.user_message,
            self._restoring(rerun, streamed.events),
            assistant_message_id=streamed.assistant_message_id,
            audience=streamed.audience,
        )

    async def _restoring(
        self, rerun: Rerun, events: AsyncGenerator[StreamEvent, None]
    ) -> AsyncGenerator[StreamEvent, None]:
        async with aclosing(events):
            async for event in events:
                if isinstance(event, Failed):
                    await self._branches.restore(rerun)
                yield event

"""Tutoring's repositories over an in-memory state (one unit of work's working copy)."""

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import UUID

from tutor_platform.shared.in_memory import page_of
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.adapters.outbound.memory.store import TutoringState
from tutor_platform.tutoring.domain.feedback import Feedback, FeedbackType
from tutor_platform.tutoring.domain.message import Message, ReplyState, sibling_ids
from tutor_platform.tutoring.domain.session import ChatSession
from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.ports.repositories import (
    DuplicateClientMessage,
    ExportedFeedback,
    FeedbackQuery,
    MessagePage,
    SessionQuery,
    TutorQuery,
)


class InMemoryTutorRepository:
    def __init__(self, state: TutoringState) -> None:
        self._state = state

    async def get(self, tutor_id: UUID) -> Tutor | None:
        return self._state.tutors.get(tutor_id)

    async def lock(self, tutor_id: UUID) -> Tutor | None:
        return self._state.tutors.get(tutor_id)

    async def add(self, tutor: Tutor) -> None:
        tutor.rating, tutor.total_feedbacks = None, 0
        self._state.tutors[tutor.id] = tutor

    async def update(self, tutor: Tutor) -> None:
        stored = self._state.tutors.get(tutor.id)
        if stored is not None:
            tutor.rating, tutor.total_feedbacks = stored.rating, stored.total_feedbacks
            self._state.tutors[tutor.id] = tutor

    async def delete(self, tutor_id: UUID) -> None:
        self._state.tutors.pop(tutor_id, None)
        for session in [s for s in self._state.sessions.values() if s.tutor_id == tutor_id]:
            delete_session(self._state, session.id)

    async def listed_course_ids(self) -> set[UUID]:
        return {t.course_id for t in self._state.tutors.values() if t.is_active and t.course_id}

    async def search(self, query: TutorQuery, page: PageRequest) -> tuple[list[Tutor], int]:
        found = [
            tutor
            for tutor in self._state.tutors.values()
            if tutor.is_active
            and (query.course_id is None or tutor.course_id == query.course_id)
            and tutor.course_id not in query.hidden_courses
        ]
        return page_of(found, page, key=lambda t: (t.created_at, t.id))

    async def refresh_rating(self, tutor_id: UUID) -> None:
        tutor = self._state.tutors.get(tutor_id)
        if tutor is None:
            return
        ratings = [
            f.rating
            for f in self._state.feedback.values()
            if f.tutor_id == tutor_id
            and f.feedback_type == FeedbackType.DETAILED
            and f.rating is not None
        ]
        tutor.total_feedbacks = len(ratings)
        tutor.rating = sum(ratings) / len(ratings) if ratings else None


def delete_session(state: TutoringState, session_id: UUID) -> None:
    state.sessions.pop(session_id, None)
    for message in [m for m in state.messages.values() if m.session_id == session_id]:
        delete_message(state, message.id)


def delete_message(state: TutoringState, message_id: UUID) -> int:
    """Delete a message, the answer to it and their feedback; how many messages went."""
    doomed = [m.id for m in state.messages.values() if message_id in (m.id, m.reply_to_id)]
    parent_id = state.messages[message_id].parent_id if message_id in state.messages else None
    for follower in state.messages.values():
        if follower.parent_id in doomed and follower.id not in doomed:
            follower.parent_id = parent_id
    for doomed_id in doomed:
        del state.messages[doomed_id]
    for feedback in [f for f in state.feedback.values() if f.message_id in doomed]:
        del state.feedback[feedback.id]
    return len(doomed)


class InMemorySessionRepository:
    def __init__(self, state: TutoringState) -> None:
        self._state = state

    async def get(self, session_id: UUID) -> ChatSession | None:
        return self._state.sessions.get(session_id)

    async def add(self, session: ChatSession) -> None:
        self._state.sessions[session.id] = session

    async def rename(self, session_id: UUID, title: str, now: datetime) -> None:
        session = self._state.sessions.get(session_id)
        if session is not None:
            session.title, session.updated_at = title, now

    async def delete(self, session_id: UUID) -> None:
        delete_session(self._state, session_id)

    async def search(self, query: SessionQuery, page: PageRequest) -> tuple[list[ChatSession], int]:
        needle = (query.q or "").casefold()

        def matches(session: ChatSession) -> bool:
            if not needle or needle in session.title.casefold():
                return True
            return any(
                m.session_id == session.id and needle in m.content.casefold()
                for m in self._state.messages.values()
            )

        found = [
            s
            for s in self._state.sessions.values()
            if s.user_id == query.user_id
            and (query.tutor_id is None or s.tutor_id == query.tutor_id)
            and matches(s)
        ]
        return page_of(
            found, page, key=lambda s: (s.last_message_at or s.created_at, s.id), reverse=True
        )

    async def record_messages(self, session_id: UUID, added: int, at: datetime) -> None:
        session = self._state.sessions.get(session_id)
        if session is None:
            return
        session.message_count += added
        if session.last_message_at is None or session.last_message_at < at:
            session.last_message_at = at

    async def forget_messages(self, session_id: UUID, removed: int) -> None:
        session = self._state.sessions.get(session_id)
        if session is None:
            return
        session.message_count = max(0, session.message_count - removed)
        times = [m.created_at for m in self._state.messages.values() if m.session_id == session_id]
        session.last_message_at = max(times, default=None)


class InMemoryMessageRepository:
    def __init__(self, state: TutoringState) -> None:
        self._state = state

    async def get(self, message_id: UUID) -> Message | None:
        return self._state.messages.get(message_id)

    async def add(self, message: Message) -> None:
        if message.client_message_id is not None and await self.by_client_id(
            message.session_id, message.client_message_id
        ):
            raise DuplicateClientMessage()
        self._state.messages[message.id] = message

    async def by_client_id(self, session_id: UUID, client_message_id: str) -> Message | None:
        return next(
            (
                m
                for m in self._state.messages.values()
                if m.session_id == session_id and m.client_message_id == client_message_id
            ),
            None,
        )

    async def reply_to(self, message_id: UUID) -> Message | None:
        replies = [m for m in self._state.messages.values() if m.reply_to_id == message_id]
        return max(replies, key=lambda m: (m.is_current, m.created_at, m.id), default=None)

    async def current_leaf(self, session_id: UUID) -> Message | None:
        page = await self.page(session_id, None, 1)
        return page.items[-1] if page.items else None

    async def alternatives(self, messages: Sequence[Message]) -> dict[UUID, tuple[UUID, ...]]:
        ordered = sorted(self._state.messages.values(), key=lambda m: (m.created_at, m.id))
        return sibling_ids(messages, [(m.id, m.parent_id, m.session_id) for m in ordered])

    async def make_current(
        self, session_id: UUID, message: Message | None, *, descend: bool = False
    ) -> None:
        messages = self._state.messages
        fork = None if message is None else messages.get(message.id)
        path = []
        while fork is not None and not fork.is_current:
            path.append(fork)
            fork = None if fork.parent_id is None else messages.get(fork.parent_id)
        for m in messages.values():
            below = fork is None or (m.created_at, m.id) > (fork.created_at, fork.id)
            if m.session_id == session_id and m.is_current and below:
                m.is_current = False
        for m in path:
            m.is_current = True
        node = None if message is None else messages.get(message.id)
        while descend and node is not None:
            children = [m for m in messages.values() if m.parent_id == node.id]
            node = max(children, key=lambda m: (m.created_at, m.id), default=None)
            if node is not None:
                node.is_current = True

    async def page(self, session_id: UUID, before: Message | None, limit: int) -> MessagePage:
        found = [
            m
            for m in self._state.messages.values()
            if m.session_id == session_id
            and m.is_current
            and (before is None or (m.created_at, m.id) < (before.created_at, before.id))
        ]
        found.sort(key=lambda m: (m.created_at, m.id))
        return MessagePage(items=found[-limit:] if limit else [], has_more=len(found) > limit)

    async def claim_reply(self, message_id: UUID, now: datetime, stale_before: datetime) -> bool:
        message = self._state.messages.get(message_id)
        if message is None:
            return False
        stale = (
            message.reply_state == ReplyState.PENDING
            and message.reply_claimed_at is not None
            and message.reply_claimed_at <= stale_before
        )
        if message.reply_state != ReplyState.UNANSWERED and not stale:
            return False
        message.reply_state, message.reply_claimed_at = ReplyState.PENDING, now
        return True

    async def set_reply_state(self, message_id: UUID, state: ReplyState) -> bool:
        message = self._state.messages.get(message_id)
        if message is None:
            return False
        message.reply_state = state
        return True

    async def delete_with_reply(self, message_id: UUID) -> int:
        return delete_message(self._state, message_id)

    async def delete_all(self, session_id: UUID) -> int:
        doomed = [m.id for m in self._state.messages.values() if m.session_id == session_id]
        return sum(delete_message(self._state, m) for m in doomed if m in self._state.messages)


class InMemoryFeedbackRepository:
    def __init__(self, state: TutoringState) -> None:
        self._state = state

    async def of_user(self, user_id: UUID, message_id: UUID) -> Feedback | None:
        return next(
            (
                f
                for f in self._state.feedback.values()
                if f.user_id == user_id and f.message_id == message_id
            ),
            None,
        )

    async def add(self, feedback: Feedback) -> None:
        self._state.feedback[feedback.id] = feedback

    async def update(self, feedback: Feedback) -> None:
        self._state.feedback[feedback.id] = feedback

    def _matching(self, query: FeedbackQuery) -> list[Feedback]:
        found = [
            f
            for f in self._state.feedback.values()
            if (query.processed is None or f.processed == query.processed)
            and (query.allow_training is None or f.allow_training == query.allow_training)
        ]
        return sorted(found, key=lambda f: f.id)

    async def search(self, query: FeedbackQuery, page: PageRequest) -> tuple[list[Feedback], int]:
        return page_of(self._matching(query), page, key=lambda f: f.id)

    async def export_batch(
        self, query: FeedbackQuery, after_id: UUID | None, limit: int
    ) -> list[ExportedFeedback]:
        found = [f for f in self._matching(query) if after_id is None or f.id > after_id]
        exported = []
        for feedback in found[:limit]:
            answer = self._state.messages[feedback.message_id]
            question = (
                None if answer.reply_to_id is None else self._state.messages.get(answer.reply_to_id)
            )
            exported.append(
                ExportedFeedback(feedback, answer.content, question.content if question else None)
            )
        return exported

    async def mark_processed(self, ids: Collection[UUID]) -> int:
        found = [self._state.feedback[i] for i in ids if i in self._state.feedback]
        for feedback in found:
            feedback.processed = True
        return len(found)


class InMemoryTutoringFigures:
    """Records which facts were reported (the figures themselves are SQL's business)."""

    def __init__(self, state: TutoringState) -> None:
        self._state = state

    async def session_started(self, tutor_id: UUID, session_id: UUID, at: datetime) -> None:
        self._state.figure_events.append(f"session:{session_id}")

    async def message_stored(
        self, tutor_id: UUID, message: Message, question: Message | None = None
    ) -> None:
        self._state.figure_events.append(f"message:{message.id}")

    async def feedback_given(self, before: Feedback | None, after: Feedback) -> None:
        self._state.figure_events.append(f"feedback:{after.id}:{after.updated_at.isoformat()}")

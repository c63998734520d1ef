"""Storage of tutors, sessions, messages and feedback, in one transaction owned by a use case.

Counters are kept with SQL arithmetic (or its equivalent), never read-modify-write: a
session's ``message_count``/``last_message_at`` by :meth:`SessionRepository.record_messages`
and :meth:`SessionRepository.forget_messages`, a tutor's ``rating``/``total_feedbacks`` by
:meth:`TutorRepository.refresh_rating` under the tutor's row lock.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.domain.message import Message, ReplyState
from tutor_platform.tutoring.domain.session import ChatSession
from tutor_platform.tutoring.domain.tutor import Tutor


@dataclass(frozen=True, slots=True)
class TutorQuery:
    """Active tutors, optionally of one course, leaving out the tutors of ``hidden_courses``."""

    course_id: UUID | None = None
    hidden_courses: frozenset[UUID] = field(default_factory=frozenset)


class TutorRepository(Protocol):
    async def get(self, tutor_id: UUID) -> Tutor | None: ...

    async def lock(self, tutor_id: UUID) -> Tutor | None:
        """The tutor, locked against concurrent changes until the transaction ends."""
        ...

    async def add(self, tutor: Tutor) -> None: ...

    async def update(self, tutor: Tutor) -> None:
        """Store the tutor's fields (not ``rating`` nor ``total_feedbacks``)."""
        ...

    async def delete(self, tutor_id: UUID) -> None:
        """Delete the tutor with its sessions, their messages and feedback."""
        ...

    async def listed_course_ids(self) -> set[UUID]:
        """The courses that have at least one active tutor."""
        ...

    async def search(self, query: TutorQuery, page: PageRequest) -> tuple[list[Tutor], int]:
        """One page of matching tutors, oldest first, and how many match in all."""
        ...

    async def refresh_rating(self, tutor_id: UUID) -> None:
        """Recompute ``rating`` (mean of the detailed ratings) and ``total_feedbacks`` (their
        count) from the tutor's current feedback. Lock the tutor first."""
        ...


@dataclass(frozen=True, slots=True)
class SessionQuery:
    """The sessions of ``user_id``, of one tutor if given; ``q`` matches part of the title or
    of any message's text, in any case."""

    user_id: UUID
    tutor_id: UUID | None = None
    q: str | None = None


class SessionRepository(Protocol):
    async def get(self, session_id: UUID) -> ChatSession | None: ...

    async def add(self, session: ChatSession) -> None: ...

    async def rename(self, session_id: UUID, title: str, now: datetime) -> None: ...

    async def delete(self, session_id: UUID) -> None:
        """Delete the session with its messages and their feedback."""
        ...

    async def search(self, query: SessionQuery, page: PageRequest) -> tuple[list[ChatSession], int]:
        """One page of matching sessions, newest activity (last message, else creation)
        first, and how many match in all."""
        ...

    async def record_messages(self, session_id: UUID, added: int, at: datetime) -> None:
        """Count ``added`` new messages and move ``last_message_at`` forward to ``at``."""
        ...

    async def forget_messages(self, session_id: UUID, removed: int) -> None:
        """Count ``removed`` fewer messages; ``last_message_at`` becomes the time of the
        newest message left (None when none is)."""
        ...


@dataclass(frozen=True, slots=True)
class MessagePage:
    """Messages oldest first; ``has_more`` tells whether older ones exist."""

    items: Sequence[Message]
    has_more: bool


class MessageRepository(Protocol):
    async def get(self, message_id: UUID) -> Message | None: ...

    async def add(self, message: Message) -> None:
        """Store a new message; ``DuplicateClientMessage`` when its ``client_message_id`` is
        already used in the session (the transaction must then be rolled back)."""
        ...

    async def by_client_id(self, session_id: UUID, client_message_id: str) -> Message | None: ...

    async def reply_to(self, message_id: UUID) -> Message | None:
        """The assistant message that answers the user message ``message_id`` (the current
        one, else the newest, when it was regenerated)."""
        ...

    async def page(self, session_id: UUID, before: Message | None, limit: int) -> MessagePage:
        """Up to ``limit`` messages of the current branch just older than ``before`` (None:
        the newest ones). Keyset paging on (created_at, id): the cost does not grow with the
        conversation nor with its other branches."""
        ...

    async def current_leaf(self, session_id: UUID) -> Message | None:
        """The newest message of the session's current branch (what a new message follows)."""
        ...

    async def alternatives(self, messages: Sequence[Message]) -> dict[UUID, tuple[UUID, ...]]:
        """For each message, the ids of the messages sharing its parent (itself included; the
        roots of its session when it has no parent), oldest first. One query per call."""
        ...

    async def make_current(
        self, session_id: UUID, message: Message | None, *, descend: bool = False
    ) -> None:
        """Make the branch through ``message`` the session's current one: its ancestors and
        itself current, the rest of the former branch below the fork not; with ``descend``
        also its newest child, that one's newest child, and so on. ``message`` None clears the
        current branch (a new root follows)."""
        ...

    async def claim_reply(self, message_id: UUID, now: datetime, stale_before: datetime) -> bool:
        """Atomically mark an unanswered user message (or one pending since before
        ``stale_before``) as pending since ``now``; False when another request holds it."""
        ...

    async def set_reply_state(self, message_id: UUID, state: ReplyState) -> bool:
        """Set a user message's ``reply_state``; False when the message does not exist."""
        ...

    async def delete_with_reply(self, message_id: UUID) -> int:
        """Delete the message and the answers to it, if any; what followed them follows the
        message's parent instead. How many were deleted."""
        ...

    async def delete_all(self, session_id: UUID) -> int:
        """Delete every message of the session; how many were deleted."""
        ...


class DuplicateClientMessage(Exception):
    """A message with this ``client_message_id`` already exists in the session."""


@dataclass(frozen=True, slots=True)
class FeedbackQuery:
    processed: bool | None = None
    allow_training: bool | None = None


@dataclass(frozen=True, slots=True)
class ExportedFeedback:
    """A feedback with the answer it is about and the question that answer replied to."""

    feedback: Feedback
    answer: str
    question: str | None


class FeedbackRepository(Protocol):
    async def of_user(self, user_id: UUID, message_id: UUID) -> Feedback | None: ...

    async def add(self, feedback: Feedback) -> None: ...

    async def update(self, feedback: Feedback) -> None: ...

    async def search(self, query: FeedbackQuery, page: PageRequest) -> tuple[list[Feedback], int]:
        """One page of matching feedback, oldest first, and how many match in all."""
        ...

    async def export_batch(
        self, query: FeedbackQuery, after_id: UUID | None, limit: int
    ) -> list[ExportedFeedback]:
        """Up to ``limit`` matching feedback with an id above ``after_id``, by id (keyset)."""
        ...

    async def mark_processed(self, ids: Collection[UUID]) -> int:
        """Mark these feedback processed; how many exist (processed before or not)."""
        ...

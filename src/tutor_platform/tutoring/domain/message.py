"""Messages of a session, and the rules of a new message.

A user message remembers whether it got its answer (``reply_state``): ``pending`` while a
request is asking the AI (since ``reply_claimed_at``), ``answered`` once the answer is stored
(the assistant message's ``reply_to_id`` points back at it), ``unanswered`` when the provider
failed or the client left before any text arrived. A request that finds a ``pending`` claim
older than :data:`STALE_CLAIM` (its process died) may take it over.

Messages form a tree: ``parent_id`` is the message a message follows (an answer's question,
a question's preceding message), so a regenerated answer or an edited question is a sibling
of the one it replaces (``alternatives``: the ids of all messages sharing its parent, itself
included, oldest first). ``is_current`` marks the messages of the branch the history shows,
a path from a root to a leaf.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final
from uuid import UUID

from tutor_platform.shared.citations import Citation
from tutor_platform.shared.validation import FieldChecks

CLIENT_DISCONNECTED: Final = "client_disconnected"
MAX_CONTENT_LENGTH: Final = 8000
MAX_CLIENT_MESSAGE_ID_LENGTH: Final = 64
MAX_ATTACHMENTS: Final = 10
STALE_CLAIM: Final = timedelta(minutes=10)


class MessageRole(StrEnum):
    """Who wrote a message: the learner or the tutor."""

    USER = "user"
    ASSISTANT = "assistant"


class ReplyState(StrEnum):
    """Whether a user message got its answer (see the module's description)."""

    PENDING = "pending"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"


@dataclass(frozen=True, slots=True)
class MessageMetadata:
    """How an assistant message was made; ``extra`` holds provider-specific fields."""

    model_id: str
    provider: str
    tokens_in: int
    tokens_out: int
    latency_ms: int
    finish_reason: str
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Message:
    id: UUID
    session_id: UUID
    role: MessageRole
    content: str
    created_at: datetime
    attachments: tuple[UUID, ...] = ()
    metadata: MessageMetadata | None = None
    citations: tuple[Citation, ...] = ()
    client_message_id: str | None = None
    reply_to_id: UUID | None = None
    reply_state: ReplyState | None = None
    reply_claimed_at: datetime | None = None
    parent_id: UUID | None = None
    is_current: bool = True
    alternatives: tuple[UUID, ...] = ()

    def same_request(self, content: str, attachments: Sequence[UUID]) -> bool:
        """Whether a retry with this message's ``client_message_id`` asks the same thing."""
        return self.content == content and self.attachments == tuple(attachments)

    def may_claim_reply(self, now: datetime) -> bool:
        """Whether a request may (again) ask the AI to answer this user message."""
        if self.reply_state == ReplyState.UNANSWERED:
            return True
        if self.reply_state != ReplyState.PENDING:
            return False
        claimed = self.reply_claimed_at or self.created_at
        return claimed <= now - STALE_CLAIM


@dataclass(frozen=True, slots=True)
class NewMessage:
    """What a user sends: text, their own uploaded files, and an optional retry key."""

    content: str
    attachments: tuple[UUID, ...] = ()
    client_message_id: str | None = None


def validate_new_message(message: NewMessage) -> None:
    """422 naming every bad field: ``content`` 1-8000 characters and not blank, at most 10
    distinct ``attachments``, ``client_message_id`` 1-64 characters."""
    checks = FieldChecks()
    if not message.content.strip():
        checks.check("content", "must not be empty")
    elif len(message.content) > MAX_CONTENT_LENGTH:
        checks.check("content", f"must be at most {MAX_CONTENT_LENGTH} characters")
    if len(message.attachments) > MAX_ATTACHMENTS:
        checks.check("attachments", f"must have at most {MAX_ATTACHMENTS} files")
    elif len(set(message.attachments)) != len(message.attachments):
        checks.check("attachments", "must not name a file twice")
    key = message.client_message_id
    if key is not None and not 1 <= len(key) <= MAX_CLIENT_MESSAGE_ID_LENGTH:
        checks.check("client_message_id", f"must be 1 to {MAX_CLIENT_MESSAGE_ID_LENGTH} characters")
    checks.raise_if_failed()


def sibling_ids(
    messages: Sequence[Message], family: Sequence[tuple[UUID, UUID | None, UUID]]
) -> dict[UUID, tuple[UUID, ...]]:
    """Each message's alternatives: the ids among ``family`` (``(id, parent_id,
    session_id)``, oldest first) sharing its parent (the roots of its session when it has
    none)."""
    groups: dict[tuple[UUID | None, UUID | None], list[UUID]] = {}
    for member_id, parent_id, session_id in family:
        key = (parent_id, None) if parent_id is not None else (None, session_id)
        groups.setdefault(key, []).append(member_id)
    found = {}
    for message in messages:
        key = (message.parent_id, None) if message.parent_id else (None, message.session_id)
        found[message.id] = tuple(groups.get(key, [message.id]))
    return found

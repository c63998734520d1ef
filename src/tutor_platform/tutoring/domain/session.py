"""Sessions: a user's conversation with one tutor, and who may read and change it.

Only the owner sees a session; everyone else is told it does not exist (404). Admins may
read any session and its messages (audit), but changing someone else's session is 403.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.domain.errors import ReadOnlyAudit, SessionNotFound
from tutor_platform.tutoring.domain.validation import fail, name_problem

MAX_TITLE_LENGTH: Final = 200


@dataclass(slots=True)
class ChatSession:
    """A conversation; ``message_count`` and ``last_message_at`` are kept by the storage."""

    id: UUID
    user_id: UUID
    tutor_id: UUID
    title: str
    created_at: datetime
    updated_at: datetime
    last_message_at: datetime | None = None
    message_count: int = 0


def clean_title(raw: str) -> str:
    """The title trimmed; 422 on ``title`` when it is empty, too long or not one line."""
    title = raw.strip()
    problem = name_problem(title, MAX_TITLE_LENGTH)
    if problem is not None:
        raise fail("title", problem)
    return title


def default_title(tutor_name: str) -> str:
    return f"Chat with {tutor_name}"[:MAX_TITLE_LENGTH]


def ensure_can_read(principal: Principal, session: ChatSession | None) -> ChatSession:
    """The session if the caller owns it or is an admin, else ``SessionNotFound``."""
    if session is None or not (session.user_id == principal.user_id or principal.is_admin):
        raise SessionNotFound()
    return session


def ensure_owner(principal: Principal, session: ChatSession | None) -> ChatSession:
    """The session if the caller owns it; ``ReadOnlyAudit`` (403) for another user's admin,
    ``SessionNotFound`` for anyone else."""
    session = ensure_can_read(principal, session)
    if session.user_id != principal.user_id:
        raise ReadOnlyAudit()
    return session

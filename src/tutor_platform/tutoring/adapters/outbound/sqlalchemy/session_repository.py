"""Sessions on SQLAlchemy; their counters move with SQL arithmetic."""

from datetime import datetime
from typing import cast
from uuid import UUID

from sqlalchemy import Table, case, exists, func, literal, or_, select, update

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.repository import Repository
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    ChatMessageRow,
    ChatSessionRow,
)
from tutor_platform.tutoring.domain.session import ChatSession
from tutor_platform.tutoring.ports.repositories import SessionQuery

_SESSIONS = cast(Table, ChatSessionRow.__table__)
_MESSAGES = cast(Table, ChatMessageRow.__table__)


def like_pattern(text: str) -> str:
    """A ``LIKE ... ESCAPE '\\'`` pattern matching ``text`` anywhere, wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SqlAlchemySessionRepository(Repository[ChatSession]):
    table = _SESSIONS
    entity = ChatSession

    async def rename(self, session_id: UUID, title: str, now: datetime) -> None:
        await self._session.execute(
            update(_SESSIONS)
            .where(_SESSIONS.c.id == session_id)
            .values(title=title, updated_at=now)
        )

    async def search(self, query: SessionQuery, page: PageRequest) -> tuple[list[ChatSession], int]:
        conditions = [_SESSIONS.c.user_id == query.user_id]
        if query.tutor_id is not None:
            conditions.append(_SESSIONS.c.tutor_id == query.tutor_id)
        if query.q:
            pattern = like_pattern(query.q)
            in_messages = exists().where(
                _MESSAGES.c.session_id == _SESSIONS.c.id,
                _MESSAGES.c.content.ilike(pattern, escape="\\"),
            )
            conditions.append(or_(_SESSIONS.c.title.ilike(pattern, escape="\\"), in_messages))
        activity = func.coalesce(_SESSIONS.c.last_message_at, _SESSIONS.c.created_at)
        return await self.page(page, *conditions, order_by=(activity.desc(), _SESSIONS.c.id.desc()))

    async def record_messages(self, session_id: UUID, added: int, at: datetime) -> None:
        moment = literal(at, type_=_SESSIONS.c.last_message_at.type)
        later = or_(_SESSIONS.c.last_message_at.is_(None), _SESSIONS.c.last_message_at < moment)
        await self._session.execute(
            update(_SESSIONS)
            .where(_SESSIONS.c.id == session_id)
            .values(
                message_count=_SESSIONS.c.message_count + added,
                last_message_at=case((later, moment), else_=_SESSIONS.c.last_message_at),
                updated_at=_SESSIONS.c.updated_at,
            )
        )

    async def forget_messages(self, session_id: UUID, removed: int) -> None:
        newest = (
            select(func.max(_MESSAGES.c.created_at))
            .where(_MESSAGES.c.session_id == _SESSIONS.c.id)
            .scalar_subquery()
        )
        remaining = _SESSIONS.c.message_count - removed
        await self._session.execute(
            update(_SESSIONS)
            .where(_SESSIONS.c.id == session_id)
            .values(
                message_count=case((remaining < 0, 0), else_=remaining),
                last_message_at=newest,
                updated_at=_SESSIONS.c.updated_at,
            )
        )

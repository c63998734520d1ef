"""Messages on SQLAlchemy, paged by keyset on (created_at, id) with a row-value comparison
that the (session_id, is_current, created_at, id) index answers directly: a page of the
current branch reads only its own rows, however long or branched the conversation."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, and_, delete, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from tutor_platform.shared.citations import Citation
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import CoreRepository
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import ChatMessageRow
from tutor_platform.tutoring.domain.message import Message, MessageMetadata, ReplyState, sibling_ids
from tutor_platform.tutoring.ports.repositories import DuplicateClientMessage, MessagePage

_MESSAGES = cast(Table, ChatMessageRow.__table__)
_METADATA_FIELDS = (
    "model_id",
    "provider",
    "tokens_in",
    "tokens_out",
    "latency_ms",
    "finish_reason",
)


def metadata_to_json(metadata: MessageMetadata | None) -> dict[str, Any] | None:
    if metadata is None:
        return None
    data: dict[str, Any] = {name: getattr(metadata, name) for name in _METADATA_FIELDS}
    data["extra"] = dict(metadata.extra)
    return data


def metadata_from_json(data: Mapping[str, Any] | None) -> MessageMetadata | None:
    if data is None:
        return None
    return MessageMetadata(
        model_id=str(data["model_id"]),
        provider=str(data["provider"]),
        tokens_in=int(data["tokens_in"]),
        tokens_out=int(data["tokens_out"]),
        latency_ms=int(data["latency_ms"]),
        finish_reason=str(data["finish_reason"]),
        extra=dict(data.get("extra") or {}),
    )


def citations_to_json(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [
        {
            "index": c.index,
            "lesson_id": None if c.lesson_id is None else str(c.lesson_id),
            "course_id": None if c.course_id is None else str(c.course_id),
            "title": c.title,
            "heading": c.heading,
            "snippet": c.snippet,
        }
        for c in citations
    ]


def citations_from_json(data: Sequence[Mapping[str, Any]] | None) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            index=int(item["index"]),
            lesson_id=_uuid(item.get("lesson_id")),
            course_id=_uuid(item.get("course_id")),
            title=str(item["title"]),
            heading=item.get("heading"),
            snippet=str(item["snippet"]),
        )
        for item in data or ()
    )


def _uuid(value: object) -> UUID | None:
    return None if value is None else UUID(str(value))


def message_from_row(row: Any) -> Message:
    """A message; its metadata (the ``meta`` column) and citations are JSON."""
    return to_entity(
        row,
        Message,
        metadata=metadata_from_json(row.meta),
        citations=citations_from_json(row.citations),
    )


def page_statement(session_id: UUID, before: Message | None, limit: int) -> Any:
    """The newest ``limit + 1`` messages of the session's current branch older than
    ``before``, newest first."""
    conditions = [_MESSAGES.c.session_id == session_id, _MESSAGES.c.is_current.is_(True)]
    if before is not None:
        conditions.append(
            tuple_(_MESSAGES.c.created_at, _MESSAGES.c.id) < (before.created_at, before.id)
        )
    return (
        select(_MESSAGES)
        .where(*conditions)
        .order_by(_MESSAGES.c.created_at.desc(), _MESSAGES.c.id.desc())
        .limit(limit + 1)
    )


class SqlAlchemyMessageRepository(CoreRepository):
    async def get(self, message_id: UUID) -> Message | None:
        return await self._one(_MESSAGES.c.id == message_id)

    async def add(self, message: Message) -> None:
        values = to_values(
            message,
            _MESSAGES,
            attachments=[str(file_id) for file_id in message.attachments],
            meta=metadata_to_json(message.metadata),
            citations=citations_to_json(message.citations),
            updated_at=message.created_at,
        )
        statement = _MESSAGES.insert().values(values)
        try:
            await self._session.execute(statement)
        except IntegrityError as exc:
            if message.client_message_id is not None:
                raise DuplicateClientMessage() from exc
            raise

    async def by_client_id(self, session_id: UUID, client_message_id: str) -> Message | None:
        return await self._one(
            _MESSAGES.c.session_id == session_id,
            _MESSAGES.c.client_message_id == client_message_id,
        )

    async def reply_to(self, message_id: UUID) -> Message | None:
        row = (
            await self._session.execute(
                select(_MESSAGES)
                .where(_MESSAGES.c.reply_to_id == message_id)
                .order_by(
                    _MESSAGES.c.is_current.desc(),
                    _MESSAGES.c.created_at.desc(),
                    _MESSAGES.c.id.desc(),
                )
                .limit(1)
            )
        ).first()
        return None if row is None else message_from_row(row)

    async def current_leaf(self, session_id: UUID) -> Message | None:
        rows = (await self._session.execute(page_statement(session_id, None, 0))).all()
        return message_from_row(rows[0]) if rows else None

    async def alternatives(self, messages: Sequence[Message]) -> dict[UUID, tuple[UUID, ...]]:
        if not messages:
            return {}
        parents = {m.parent_id for m in messages if m.parent_id is not None}
        sessions = {m.session_id for m in messages if m.parent_id is None}
        rows = (
            await self._session.execute(
                select(_MESSAGES.c.id, _MESSAGES.c.parent_id, _MESSAGES.c.session_id)
                .where(
                    or_(
                        _MESSAGES.c.parent_id.in_(parents),
                        and_(
                            _MESSAGES.c.session_id.in_(sessions),
                            _MESSAGES.c.parent_id.is_(None),
                        ),
                    )
                )
                .order_by(_MESSAGES.c.created_at, _MESSAGES.c.id)
            )
        ).all()
        return sibling_ids(messages, [(row.id, row.parent_id, row.session_id) for row in rows])

    async def make_current(
        self, session_id: UUID, message: Message | None, *, descend: bool = False
    ) -> None:
        path: list[Message] = []
        message = None if message is None else await self.get(message.id)
        fork = message
        while fork is not None and not fork.is_current:
            path.append(fork)
            fork = None if fork.parent_id is None else await self.get(fork.parent_id)
        cleared = [_MESSAGES.c.session_id == session_id, _MESSAGES.c.is_current.is_(True)]
        if fork is not None:
            cleared.append(
                tuple_(_MESSAGES.c.created_at, _MESSAGES.c.id) > (fork.created_at, fork.id)
            )
        await self._session.execute(update(_MESSAGES).where(*cleared).values(is_current=False))
        lit = [m.id for m in path]
        node = message
        while descend and node is not None:
            node = await self._newest_child(node.id)
            if node is not None:
                lit.append(node.id)
        if lit:
            await self._session.execute(
                update(_MESSAGES).where(_MESSAGES.c.id.in_(lit)).values(is_current=True)
            )

    async def _newest_child(self, message_id: UUID) -> Message | None:
        row = (
            await self._session.execute(
                select(_MESSAGES)
                .where(_MESSAGES.c.parent_id == message_id)
                .order_by(_MESSAGES.c.created_at.desc(), _MESSAGES.c.id.desc())
                .limit(1)
            )
        ).first()
        return None if row is None else message_from_row(row)

    async def page(self, session_id: UUID, before: Message | None, limit: int) -> MessagePage:
        rows = (await self._session.execute(page_statement(session_id, before, limit))).all()
        items = [message_from_row(row) for row in rows[:limit]]
        items.reverse()
        return MessagePage(items=items, has_more=len(rows) > limit)

    async def claim_reply(self, message_id: UUID, now: datetime, stale_before: datetime) -> bool:
        result = await self._session.execute(
            update(_MESSAGES)
            .where(
                _MESSAGES.c.id == message_id,
                or_(
                    _MESSAGES.c.reply_state == ReplyState.UNANSWERED,
                    and_(
                        _MESSAGES.c.reply_state == ReplyState.PENDING,
                        _MESSAGES.c.reply_claimed_at <= stale_before,
                    ),
                ),
            )
            .values(reply_state=ReplyState.PENDING, reply_claimed_at=now, updated_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_reply_state(self, message_id: UUID, state: ReplyState) -> bool:
        result = await self._session.execute(
            update(_MESSAGES)
            .where(_MESSAGES.c.id == message_id)
            .values(reply_state=state, updated_at=_MESSAGES.c.updated_at)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete_with_reply(self, message_id: UUID) -> int:
        """The answers first: a cascade would delete them uncounted. What followed the
        deleted messages follows the deleted message's parent instead."""
        message = await self.get(message_id)
        if message is None:
            return 0
        answers = select(_MESSAGES.c.id).where(_MESSAGES.c.reply_to_id == message_id)
        doomed = [message_id, *(await self._session.execute(answers)).scalars()]
        await self._session.execute(
            update(_MESSAGES)
            .where(_MESSAGES.c.parent_id.in_(doomed), _MESSAGES.c.id.not_in(doomed))
            .values(parent_id=message.parent_id)
        )
        return await self._delete(
            _MESSAGES.c.reply_to_id == message_id, _MESSAGES.c.id == message_id
        )

    async def delete_all(self, session_id: UUID) -> int:
        """Answers first, then the rest, so that no row goes by cascade uncounted."""
        of_session = _MESSAGES.c.session_id == session_id
        return await self._delete(
            and_(of_session, _MESSAGES.c.reply_to_id.is_not(None)), of_session
        )

    async def _delete(self, *conditions: Any) -> int:
        deleted = 0
        for condition in conditions:
            result = await self._session.execute(delete(_MESSAGES).where(condition))
            deleted += int(getattr(result, "rowcount", 0))
        return deleted

    async def _one(self, *conditions: Any) -> Message | None:
        row = (await self._session.execute(select(_MESSAGES).where(*conditions))).first()
        return None if row is None else message_from_row(row)

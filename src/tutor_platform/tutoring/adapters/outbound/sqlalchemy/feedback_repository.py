"""Feedback on SQLAlchemy."""

from collections.abc import Collection
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Row, Table, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    ChatMessageRow,
    MessageFeedbackRow,
)
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.ports.repositories import ExportedFeedback, FeedbackQuery

_FEEDBACK = cast(Table, MessageFeedbackRow.__table__)
_MESSAGES = cast(Table, ChatMessageRow.__table__)
_CONTENT_FIELDS = (
    "feedback_type",
    "rating",
    "positive_text",
    "improvement_text",
    "quick_reaction",
    "allow_training",
    "processed",
    "updated_at",
)


def feedback_from_row(row: Row[Any]) -> Feedback:
    return Feedback(
        id=row.id,
        message_id=row.message_id,
        session_id=row.session_id,
        user_id=row.user_id,
        tutor_id=row.tutor_id,
        feedback_type=row.feedback_type,
        created_at=row.created_at,
        updated_at=row.updated_at,
        rating=row.rating,
        positive_text=row.positive_text,
        improvement_text=row.improvement_text,
        quick_reaction=row.quick_reaction,
        allow_training=row.allow_training,
        processed=row.processed,
    )


def _conditions(query: FeedbackQuery) -> list[Any]:
    conditions = []
    if query.processed is not None:
        conditions.append(_FEEDBACK.c.processed.is_(query.processed))
    if query.allow_training is not None:
        conditions.append(_FEEDBACK.c.allow_training.is_(query.allow_training))
    return conditions


class SqlAlchemyFeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def of_user(self, user_id: UUID, message_id: UUID) -> Feedback | None:
        row = (
            await self._session.execute(
                select(_FEEDBACK).where(
                    _FEEDBACK.c.user_id == user_id, _FEEDBACK.c.message_id == message_id
                )
            )
        ).first()
        return None if row is None else feedback_from_row(row)

    async def add(self, feedback: Feedback) -> None:
        await self._session.execute(
            _FEEDBACK.insert().values(
                id=feedback.id,
                message_id=feedback.message_id,
                session_id=feedback.session_id,
                user_id=feedback.user_id,
                tutor_id=feedback.tutor_id,
                created_at=feedback.created_at,
                **{name: getattr(feedback, name) for name in _CONTENT_FIELDS},
            )
        )

    async def update(self, feedback: Feedback) -> None:
        await self._session.execute(
            update(_FEEDBACK)
            .where(_FEEDBACK.c.id == feedback.id)
            .values(**{name: getattr(feedback, name) for name in _CONTENT_FIELDS})
        )

    async def search(self, query: FeedbackQuery, page: PageRequest) -> tuple[list[Feedback], int]:
        conditions = _conditions(query)
        total = await self._session.scalar(
            select(func.count()).select_from(_FEEDBACK).where(*conditions)
        )
        rows = await self._session.execute(
            select(_FEEDBACK)
            .where(*conditions)
            .order_by(_FEEDBACK.c.id)
            .limit(page.limit)
            .offset(page.offset)
        )
        return [feedback_from_row(row) for row in rows], int(total or 0)

    async def export_batch(
        self, query: FeedbackQuery, after_id: UUID | None, limit: int
    ) -> list[ExportedFeedback]:
        answer = _MESSAGES.alias("answer")
        question = _MESSAGES.alias("question")
        conditions = _conditions(query)
        if after_id is not None:
            conditions.append(_FEEDBACK.c.id > after_id)
        rows = await self._session.execute(
            select(
                _FEEDBACK,
                answer.c.content.label("answer_content"),
                question.c.content.label("question_content"),
            )
            .join(answer, answer.c.id == _FEEDBACK.c.message_id)
            .outerjoin(question, question.c.id == answer.c.reply_to_id)
            .where(*conditions)
            .order_by(_FEEDBACK.c.id)
            .limit(limit)
        )
        return [
            ExportedFeedback(feedback_from_row(row), row.answer_content, row.question_content)
            for row in rows
        ]

    async def mark_processed(self, ids: Collection[UUID]) -> int:
        result = await self._session.execute(
            update(_FEEDBACK).where(_FEEDBACK.c.id.in_(list(ids))).values(processed=True)
        )
        return int(getattr(result, "rowcount", 0))

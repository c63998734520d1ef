"""Feedback on SQLAlchemy."""

from collections.abc import Collection
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, select, update

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity
from tutor_platform.shared.persistence.repository import Repository
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    ChatMessageRow,
    MessageFeedbackRow,
)
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.ports.repositories import ExportedFeedback, FeedbackQuery

_FEEDBACK = cast(Table, MessageFeedbackRow.__table__)
_MESSAGES = cast(Table, ChatMessageRow.__table__)


def feedback_from_row(row: Any) -> Feedback:
    return to_entity(row, Feedback)


def _conditions(query: FeedbackQuery) -> list[Any]:
    conditions = []
    if query.processed is not None:
        conditions.append(_FEEDBACK.c.processed.is_(query.processed))
    if query.allow_training is not None:
        conditions.append(_FEEDBACK.c.allow_training.is_(query.allow_training))
    return conditions


class SqlAlchemyFeedbackRepository(Repository[Feedback]):
    table = _FEEDBACK
    entity = Feedback

    async def of_user(self, user_id: UUID, message_id: UUID) -> Feedback | None:
        return await self.first(
            _FEEDBACK.c.user_id == user_id, _FEEDBACK.c.message_id == message_id
        )

    async def search(self, query: FeedbackQuery, page: PageRequest) -> tuple[list[Feedback], int]:
        return await self.page(page, *_conditions(query), order_by=(_FEEDBACK.c.id,))

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
        return await self._write(
            update(_FEEDBACK).where(_FEEDBACK.c.id.in_(list(ids))).values(processed=True)
        )

"""Review cards: one per learner and question, with its FSRS schedule as JSON."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast
from uuid import UUID

import msgspec
from sqlalchemy import Table, func, select, update

from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories.quizzes import QUESTIONS
from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import ReviewCardRow
from tutor_platform.assessment.domain.cards import ReviewCard
from tutor_platform.assessment.domain.quiz import Question
from tutor_platform.shared.persistence.mapping import to_values
from tutor_platform.shared.persistence.repository import Repository
from tutor_platform.shared.persistence.upsert import Upsert

_CARDS = cast(Table, ReviewCardRow.__table__)
_ADD_NEW = Upsert(
    _CARDS,
    lambda insert: insert.on_conflict_do_nothing(index_elements=["user_id", "question_id"]),
)
_QUESTION_PREFIX = "joined_question__"
_QUESTION_COLUMNS = tuple(
    column.label(f"{_QUESTION_PREFIX}{column.name}") for column in QUESTIONS.c
)


def _joined_question(row: Any) -> Question | None:
    """The question columns of a joined row (None when the card's question is gone)."""
    values = row._mapping
    if values[f"{_QUESTION_PREFIX}id"] is None:
        return None
    start = len(_QUESTION_PREFIX)
    named = {key[start:]: value for key, value in values.items() if key[:start] == _QUESTION_PREFIX}
    return msgspec.convert(named, Question)


class SqlAlchemyCardRepository(Repository[ReviewCard]):
    table = _CARDS
    entity = ReviewCard

    def _values(self, entity: ReviewCard) -> dict[str, Any]:
        updated_at = entity.last_reviewed_at or entity.created_at
        return to_values(entity, _CARDS, updated_at=updated_at)

    async def add_new(self, cards: Sequence[ReviewCard]) -> None:
        if cards:
            rows = [self._values(card) for card in cards]
            await self._session.execute(_ADD_NEW.on(self._session), rows)

    async def lock(self, card_id: UUID) -> ReviewCard | None:
        await self._session.execute(
            update(_CARDS).where(_CARDS.c.id == card_id).values(reviews=_CARDS.c.reviews)
        )
        return await self.get(card_id)

    async def due_per_lesson(
        self, user_id: UUID, until: datetime, course_id: UUID
    ) -> dict[UUID, int]:
        rows = await self._session.execute(
            select(_CARDS.c.lesson_id, func.count().label("due"))
            .where(
                _CARDS.c.user_id == user_id,
                _CARDS.c.course_id == course_id,
                _CARDS.c.due_at < until,
                _CARDS.c.lesson_id.is_not(None),
            )
            .group_by(_CARDS.c.lesson_id)
        )
        return {row.lesson_id: int(row.due) for row in rows}

    async def due(
        self, user_id: UUID, until: datetime, course_id: UUID | None, limit: int
    ) -> tuple[list[tuple[ReviewCard, Question | None]], int]:
        # One statement: the page joined with its questions, and the count of every due card
        # (an index-only count on (user_id[, course_id], due_at)) on each row.
        conditions = [_CARDS.c.user_id == user_id, _CARDS.c.due_at < until]
        if course_id is not None:
            conditions.append(_CARDS.c.course_id == course_id)
        total = select(func.count()).select_from(_CARDS).where(*conditions).scalar_subquery()
        joined = _CARDS.outerjoin(
            QUESTIONS,
            (QUESTIONS.c.id == _CARDS.c.question_id) & (QUESTIONS.c.quiz_id == _CARDS.c.quiz_id),
        )
        rows = (
            await self._session.execute(
                select(_CARDS, *_QUESTION_COLUMNS, total.label("total"))
                .select_from(joined)
                .where(*conditions)
                .order_by(_CARDS.c.due_at, _CARDS.c.id)
                .limit(limit)
            )
        ).all()
        found = [(self._entity(row), _joined_question(row)) for row in rows]
        return found, int(rows[0].total) if rows else 0

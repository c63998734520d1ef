"""Attempts: one row each, its answers and graded results as JSON; (quiz, user, number) is
unique, the guard of ``max_attempts``."""

from collections.abc import Collection
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, func, select, update

from tutor_platform.assessment.adapters.outbound.sqlalchemy.answers_json import (
    answers_from_json,
    answers_json,
    results_from_json,
    results_json,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import QuizAttemptRow
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.grading import AttemptStatus
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository
from tutor_platform.shared.persistence.upsert import Upsert

_ATTEMPTS = cast(Table, QuizAttemptRow.__table__)
_GRADES = ("results", "points", "score", "passed", "status")
_ADD_NUMBERED = Upsert(
    _ATTEMPTS,
    lambda insert: insert.on_conflict_do_nothing(
        index_elements=["quiz_id", "user_id", "number"]
    ).returning(_ATTEMPTS.c.id),
)


def attempt_from_row(row: Any) -> Attempt:
    """An attempt; its answers and results are JSON."""
    answers, results = answers_from_json(row.answers), results_from_json(row.results)
    return to_entity(row, Attempt, answers=answers, results=results)


def attempt_values(attempt: Attempt) -> dict[str, Any]:
    at = attempt.completed_at
    return to_values(
        attempt,
        _ATTEMPTS,
        answers=answers_json(attempt.answers),
        results=results_json(attempt.results),
        status=attempt.status,
        created_at=at,
        updated_at=at,
    )


class SqlAlchemyAttemptRepository(Repository[Attempt]):
    table = _ATTEMPTS
    entity = Attempt

    def _entity(self, row: Any) -> Attempt:
        return attempt_from_row(row)

    def _values(self, entity: Attempt) -> dict[str, Any]:
        return attempt_values(entity)

    async def add_numbered(self, attempt: Attempt) -> bool:
        statement = _ADD_NUMBERED.on(self._session)
        return (await self._session.execute(statement, self._values(attempt))).first() is not None

    async def last_number(self, quiz_id: UUID, user_id: UUID) -> int:
        number = await self._session.scalar(
            select(func.max(_ATTEMPTS.c.number)).where(
                _ATTEMPTS.c.quiz_id == quiz_id, _ATTEMPTS.c.user_id == user_id
            )
        )
        return int(number or 0)

    async def best_scores(self, user_id: UUID, quiz_ids: Collection[UUID]) -> dict[UUID, Decimal]:
        if not quiz_ids:
            return {}
        best = func.max(_ATTEMPTS.c.score).label("best")
        rows = await self._session.execute(
            select(_ATTEMPTS.c.quiz_id, best)
            .where(_ATTEMPTS.c.user_id == user_id, _ATTEMPTS.c.quiz_id.in_(quiz_ids))
            .group_by(_ATTEMPTS.c.quiz_id)
        )
        return {row.quiz_id: row.best for row in rows}

    async def latest(self, user_id: UUID, quiz_ids: Collection[UUID]) -> list[Attempt]:
        if not quiz_ids:
            return []
        last = (
            select(_ATTEMPTS.c.quiz_id, func.max(_ATTEMPTS.c.number).label("number"))
            .where(_ATTEMPTS.c.user_id == user_id, _ATTEMPTS.c.quiz_id.in_(quiz_ids))
            .group_by(_ATTEMPTS.c.quiz_id)
            .subquery()
        )
        rows = await self._session.execute(
            select(_ATTEMPTS)
            .join(
                last,
                (_ATTEMPTS.c.quiz_id == last.c.quiz_id) & (_ATTEMPTS.c.number == last.c.number),
            )
            .where(_ATTEMPTS.c.user_id == user_id)
        )
        return self._entities(rows)

    async def standings(
        self, user_id: UUID, quiz_ids: Collection[UUID]
    ) -> dict[UUID, tuple[int, Decimal]]:
        if not quiz_ids:
            return {}
        rows = await self._session.execute(
            select(
                _ATTEMPTS.c.quiz_id,
                func.count().label("used"),
                func.max(_ATTEMPTS.c.score).label("best"),
            )
            .where(_ATTEMPTS.c.user_id == user_id, _ATTEMPTS.c.quiz_id.in_(quiz_ids))
            .group_by(_ATTEMPTS.c.quiz_id)
        )
        return {row.quiz_id: (int(row.used), row.best) for row in rows}

    async def search(
        self, quiz_id: UUID, user_id: UUID | None, page: PageRequest
    ) -> tuple[list[Attempt], int]:
        conditions = [_ATTEMPTS.c.quiz_id == quiz_id]
        if user_id is not None:
            conditions.append(_ATTEMPTS.c.user_id == user_id)
        newest_first = [_ATTEMPTS.c.completed_at.desc(), _ATTEMPTS.c.id.desc()]
        return await self.page(page, *conditions, order_by=newest_first)

    async def lock(self, attempt_id: UUID) -> Attempt | None:
        # A write first: PostgreSQL locks the row, SQLite takes its write lock before it reads,
        # so the read that follows sees what a concurrent change committed.
        await self._session.execute(
            update(_ATTEMPTS)
            .where(_ATTEMPTS.c.id == attempt_id)
            .values(updated_at=_ATTEMPTS.c.updated_at)
        )
        return await self.get(attempt_id)

    async def update_grades(self, attempt: Attempt) -> None:
        values = self._values(attempt)
        await self._session.execute(
            update(_ATTEMPTS)
            .where(_ATTEMPTS.c.id == attempt.id)
            .values({name: values[name] for name in _GRADES})
        )

    async def awaiting_review(self, quiz_id: UUID) -> list[Attempt]:
        return await self.all(
            _ATTEMPTS.c.quiz_id == quiz_id,
            _ATTEMPTS.c.status == AttemptStatus.NEEDS_REVIEW,
            order_by=[_ATTEMPTS.c.completed_at, _ATTEMPTS.c.id],
        )

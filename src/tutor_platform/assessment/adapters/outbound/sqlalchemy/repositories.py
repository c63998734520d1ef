"""Quizzes, attempts and premium usage on SQLAlchemy (SQLite or PostgreSQL)."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

import msgspec
from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.assessment.adapters.outbound.sqlalchemy.answers_json import (
    answers_from_json,
    answers_json,
    results_from_json,
    results_json,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import (
    LessonMasteryRow,
    MasteryEvidenceRow,
    PremiumUsageRow,
    QuizAttemptRow,
    QuizQuestionRow,
    QuizRow,
    ReviewCardRow,
)
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.cards import ReviewCard
from tutor_platform.assessment.domain.grading import AttemptStatus
from tutor_platform.assessment.domain.mastery import Evidence, EvidenceSource, LessonMastery
from tutor_platform.assessment.domain.premium import MonthlyTotal, UsageRecord
from tutor_platform.assessment.domain.quiz import Question, Quiz
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository, insert

_QUIZZES = cast(Table, QuizRow.__table__)
_QUESTIONS = cast(Table, QuizQuestionRow.__table__)
_ATTEMPTS = cast(Table, QuizAttemptRow.__table__)
_USAGE = cast(Table, PremiumUsageRow.__table__)
_EVIDENCE = cast(Table, MasteryEvidenceRow.__table__)
_MASTERY = cast(Table, LessonMasteryRow.__table__)
_CARDS = cast(Table, ReviewCardRow.__table__)


def question_values(quiz_id: UUID, position: int, question: Question) -> dict[str, Any]:
    """A question's columns; its options and rubric are JSON."""
    return to_values(
        question,
        _QUESTIONS,
        quiz_id=quiz_id,
        position=position,
        options=msgspec.to_builtins(question.options),
        rubric=msgspec.to_builtins(question.rubric),
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


class SqlAlchemyQuizRepository(Repository[Quiz]):
    """A quiz is a row of ``quizzes`` and its questions' rows, by position."""

    table = _QUIZZES
    entity = Quiz

    async def get(self, entity_id: UUID) -> Quiz | None:
        return next(
            iter(await self._with_questions(await self._rows(_QUIZZES.c.id == entity_id))), None
        )

    async def add(self, entity: Quiz) -> None:
        await super().add(entity)
        await self._insert_questions(entity)

    async def update(self, entity: Quiz) -> None:
        await super().update(entity)
        current = await self._questions([entity.id])
        if [q.id for q in current[entity.id]] != [q.id for q in entity.questions]:
            await self._session.execute(delete(_QUESTIONS).where(_QUESTIONS.c.quiz_id == entity.id))
            await self._insert_questions(entity)

    async def delete(self, quiz_id: UUID) -> None:
        await self._session.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.quiz_id == quiz_id))
        await self._session.execute(delete(_QUESTIONS).where(_QUESTIONS.c.quiz_id == quiz_id))
        await self._session.execute(delete(_QUIZZES).where(_QUIZZES.c.id == quiz_id))

    async def of_course(self, course_id: UUID, page: PageRequest) -> tuple[list[Quiz], int]:
        condition = _QUIZZES.c.course_id == course_id
        total = await self.count(condition)
        rows = await self._rows(condition, page=page)
        return await self._with_questions(rows), total

    async def all_of_course(self, course_id: UUID) -> list[Quiz]:
        return await self._with_questions(await self._rows(_QUIZZES.c.course_id == course_id))

    async def get_many(self, quiz_ids: Collection[UUID]) -> dict[UUID, Quiz]:
        """The quizzes of ``quiz_ids`` that exist, by id (the figures' rebuild)."""
        if not quiz_ids:
            return {}
        rows = await self._rows(_QUIZZES.c.id.in_(quiz_ids))
        return {quiz.id: quiz for quiz in await self._with_questions(rows)}

    async def _rows(self, condition: Any, page: PageRequest | None = None) -> Sequence[Any]:
        query = select(_QUIZZES).where(condition).order_by(_QUIZZES.c.created_at, _QUIZZES.c.id)
        if page is not None:
            query = query.limit(page.limit).offset(page.offset)
        return (await self._session.execute(query)).all()

    async def _with_questions(self, rows: Sequence[Any]) -> list[Quiz]:
        questions = await self._questions([row.id for row in rows])
        return [to_entity(row, Quiz, questions=questions[row.id]) for row in rows]

    async def _questions(self, quiz_ids: Collection[UUID]) -> dict[UUID, list[Question]]:
        found: dict[UUID, list[Question]] = defaultdict(list)
        if quiz_ids:
            rows = await self._session.execute(
                select(_QUESTIONS)
                .where(_QUESTIONS.c.quiz_id.in_(quiz_ids))
                .order_by(_QUESTIONS.c.quiz_id, _QUESTIONS.c.position)
            )
            for row in rows:
                found[row.quiz_id].append(to_entity(row, Question))
        return found

    async def _insert_questions(self, quiz: Quiz) -> None:
        await self._session.execute(
            _QUESTIONS.insert(),
            [
                question_values(quiz.id, position, question)
                for position, question in enumerate(quiz.questions, start=1)
            ],
        )


class SqlAlchemyAttemptRepository:
    """Not on the repository base: ``add`` answers whether the attempt's number was free."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, attempt: Attempt) -> bool:
        statement = (
            insert(self._session, _ATTEMPTS)
            .values(**attempt_values(attempt))
            .on_conflict_do_nothing(index_elements=["quiz_id", "user_id", "number"])
            .returning(_ATTEMPTS.c.id)
        )
        return (await self._session.execute(statement)).first() is not None

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
        return [attempt_from_row(row) for row in rows]

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
        total = await self._session.scalar(
            select(func.count()).select_from(_ATTEMPTS).where(*conditions)
        )
        rows = await self._session.execute(
            select(_ATTEMPTS)
            .where(*conditions)
            .order_by(_ATTEMPTS.c.completed_at.desc(), _ATTEMPTS.c.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return [attempt_from_row(row) for row in rows], int(total or 0)

    async def get(self, attempt_id: UUID) -> Attempt | None:
        row = (
            await self._session.execute(select(_ATTEMPTS).where(_ATTEMPTS.c.id == attempt_id))
        ).first()
        return None if row is None else attempt_from_row(row)

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
        values = attempt_values(attempt)
        await self._session.execute(
            update(_ATTEMPTS)
            .where(_ATTEMPTS.c.id == attempt.id)
            .values(
                {name: values[name] for name in ("results", "points", "score", "passed", "status")}
            )
        )

    async def awaiting_review(self, quiz_id: UUID) -> list[Attempt]:
        rows = await self._session.execute(
            select(_ATTEMPTS)
            .where(_ATTEMPTS.c.quiz_id == quiz_id, _ATTEMPTS.c.status == AttemptStatus.NEEDS_REVIEW)
            .order_by(_ATTEMPTS.c.completed_at, _ATTEMPTS.c.id)
        )
        return [attempt_from_row(row) for row in rows]


class SqlAlchemyUsageRepository(Repository[UsageRecord]):
    table = _USAGE
    entity = UsageRecord

    def _values(self, entity: UsageRecord) -> dict[str, Any]:
        at = entity.used_at
        return to_values(entity, _USAGE, month=entity.month, created_at=at, updated_at=at)

    async def monthly_totals(self, user_id: UUID, months: Collection[str]) -> list[MonthlyTotal]:
        if not months:
            return []
        rows = await self._session.execute(
            select(
                _USAGE.c.month,
                _USAGE.c.feature,
                func.count().label("calls"),
                func.sum(_USAGE.c.cost_usd).label("cost"),
            )
            .where(_USAGE.c.user_id == user_id, _USAGE.c.month.in_(months))
            .group_by(_USAGE.c.month, _USAGE.c.feature)
        )
        return [MonthlyTotal(row.month, row.feature, int(row.calls), row.cost) for row in rows]


class SqlAlchemyMasteryRepository:
    """Rows are written with one statement per call (``executemany``, its SQL compiled once
    and cached), whatever their number."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(
        self, user_id: UUID, course_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, LessonMastery]:
        # One upsert, rows in one order (no deadlock): PostgreSQL locks each row until the
        # end of the transaction; SQLite holds its write lock already.
        if not lesson_ids:
            return {}
        upsert = insert(self._session, _MASTERY).on_conflict_do_update(
            index_elements=["user_id", "lesson_id"], set_={"evidence": _MASTERY.c.evidence}
        )
        rows = await self._session.execute(
            upsert.returning(*_MASTERY.c),
            [
                {
                    "user_id": user_id,
                    "lesson_id": lesson_id,
                    "course_id": course_id,
                    "p_mastery": 0.0,
                    "evidence": 0,
                    "last_evidence_at": None,
                }
                for lesson_id in sorted(lesson_ids)
            ],
        )
        return {row.lesson_id: to_entity(row, LessonMastery) for row in rows}

    async def add_evidence(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        if not evidence:
            return []
        statement = (
            insert(self._session, _EVIDENCE)
            .on_conflict_do_nothing(index_elements=["user_id", "first_key"])
            .returning(_EVIDENCE.c.id)
        )
        rows = [
            to_values(
                item,
                _EVIDENCE,
                first_key=item.question_id if item.source == EvidenceSource.ATTEMPT else None,
            )
            for item in evidence
        ]
        inserted = set((await self._session.execute(statement, rows)).scalars())
        return [item for item in evidence if item.id in inserted]

    async def regrade(self, source_id: UUID, question_id: UUID, correct: bool) -> Evidence | None:
        condition = (_EVIDENCE.c.source_id == source_id) & (_EVIDENCE.c.question_id == question_id)
        await self._session.execute(update(_EVIDENCE).where(condition).values(correct=correct))
        row = (await self._session.execute(select(_EVIDENCE).where(condition))).first()
        return None if row is None else to_entity(row, Evidence)

    async def evidence(
        self, user_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, list[Evidence]]:
        if not lesson_ids:
            return {}
        rows = await self._session.execute(
            select(_EVIDENCE)
            .where(_EVIDENCE.c.user_id == user_id, _EVIDENCE.c.lesson_id.in_(lesson_ids))
            .order_by(_EVIDENCE.c.observed_at, _EVIDENCE.c.id)
        )
        found: dict[UUID, list[Evidence]] = defaultdict(list)
        for row in rows:
            found[row.lesson_id].append(to_entity(row, Evidence))
        return dict(found)

    async def save(self, masteries: Sequence[LessonMastery]) -> None:
        if not masteries:
            return
        statement = insert(self._session, _MASTERY)
        changed = ("course_id", "p_mastery", "evidence", "last_evidence_at")
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "lesson_id"],
            set_={name: statement.excluded[name] for name in changed},
        )
        await self._session.execute(
            statement,
            [to_values(mastery, _MASTERY) for mastery in masteries],
        )

    async def right_in_review(
        self, user_id: UUID, question_ids: Collection[UUID]
    ) -> dict[UUID, datetime]:
        if not question_ids:
            return {}
        rows = await self._session.execute(
            select(_EVIDENCE.c.question_id, func.max(_EVIDENCE.c.observed_at).label("at"))
            .where(
                _EVIDENCE.c.user_id == user_id,
                _EVIDENCE.c.source == EvidenceSource.REVIEW,
                _EVIDENCE.c.correct.is_(True),
                _EVIDENCE.c.question_id.in_(question_ids),
            )
            .group_by(_EVIDENCE.c.question_id)
        )
        return {row.question_id: row.at for row in rows}

    async def of_course(self, user_id: UUID, course_id: UUID) -> list[LessonMastery]:
        rows = await self._session.execute(
            select(_MASTERY).where(
                _MASTERY.c.user_id == user_id,
                _MASTERY.c.course_id == course_id,
                _MASTERY.c.evidence > 0,
            )
        )
        return [to_entity(row, LessonMastery) for row in rows]


class SqlAlchemyCardRepository(Repository[ReviewCard]):
    table = _CARDS
    entity = ReviewCard

    def _values(self, entity: ReviewCard) -> dict[str, Any]:
        updated_at = entity.last_reviewed_at or entity.created_at
        return to_values(entity, _CARDS, updated_at=updated_at)

    async def add_new(self, cards: Sequence[ReviewCard]) -> None:
        if not cards:
            return
        statement = insert(self._session, _CARDS).on_conflict_do_nothing(
            index_elements=["user_id", "question_id"]
        )
        await self._session.execute(statement, [self._values(card) for card in cards])

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
            _QUESTIONS,
            (_QUESTIONS.c.id == _CARDS.c.question_id) & (_QUESTIONS.c.quiz_id == _CARDS.c.quiz_id),
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


_QUESTION_PREFIX = "joined_question__"
_QUESTION_COLUMNS = tuple(
    column.label(f"{_QUESTION_PREFIX}{column.name}") for column in _QUESTIONS.c
)


def _joined_question(row: Any) -> Question | None:
    """The question columns of a joined row (None when the card's question is gone)."""
    values = row._mapping
    if values[f"{_QUESTION_PREFIX}id"] is None:
        return None
    start = len(_QUESTION_PREFIX)
    named = {key[start:]: value for key, value in values.items() if key[:start] == _QUESTION_PREFIX}
    return msgspec.convert(named, Question)

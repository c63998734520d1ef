"""Quizzes, attempts and premium usage on SQLAlchemy (SQLite or PostgreSQL)."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.assessment.adapters.outbound.sqlalchemy.mappers import (
    attempt_from_row,
    attempt_values,
    question_from_row,
    question_values,
    quiz_from_row,
    quiz_values,
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

_QUIZZES = cast(Table, QuizRow.__table__)
_QUESTIONS = cast(Table, QuizQuestionRow.__table__)
_ATTEMPTS = cast(Table, QuizAttemptRow.__table__)
_USAGE = cast(Table, PremiumUsageRow.__table__)
_EVIDENCE = cast(Table, MasteryEvidenceRow.__table__)
_MASTERY = cast(Table, LessonMasteryRow.__table__)
_CARDS = cast(Table, ReviewCardRow.__table__)


def dialect_insert(dialect: str, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An ``INSERT`` that takes ``ON CONFLICT`` clauses on the database ``dialect``."""
    if dialect == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


class SqlAlchemyQuizRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, quiz_id: UUID) -> Quiz | None:
        row = (
            await self._session.execute(select(_QUIZZES).where(_QUIZZES.c.id == quiz_id))
        ).first()
        if row is None:
            return None
        questions = await self._questions([quiz_id])
        return quiz_from_row(row, questions[quiz_id])

    async def add(self, quiz: Quiz) -> None:
        await self._session.execute(_QUIZZES.insert().values(id=quiz.id, **quiz_values(quiz)))
        await self._insert_questions(quiz)

    async def update(self, quiz: Quiz) -> None:
        await self._session.execute(
            update(_QUIZZES).where(_QUIZZES.c.id == quiz.id).values(**quiz_values(quiz))
        )
        current = await self._questions([quiz.id])
        if [q.id for q in current[quiz.id]] != [q.id for q in quiz.questions]:
            await self._session.execute(delete(_QUESTIONS).where(_QUESTIONS.c.quiz_id == quiz.id))
            await self._insert_questions(quiz)

    async def delete(self, quiz_id: UUID) -> None:
        await self._session.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.quiz_id == quiz_id))
        await self._session.execute(delete(_QUESTIONS).where(_QUESTIONS.c.quiz_id == quiz_id))
        await self._session.execute(delete(_QUIZZES).where(_QUIZZES.c.id == quiz_id))

    async def of_course(self, course_id: UUID, page: PageRequest) -> tuple[list[Quiz], int]:
        condition = _QUIZZES.c.course_id == course_id
        total = await self._session.scalar(
            select(func.count()).select_from(_QUIZZES).where(condition)
        )
        rows = (
            await self._session.execute(
                select(_QUIZZES)
                .where(condition)
                .order_by(_QUIZZES.c.created_at, _QUIZZES.c.id)
                .limit(page.limit)
                .offset(page.offset)
            )
        ).all()
        return await self._with_questions(rows), int(total or 0)

    async def all_of_course(self, course_id: UUID) -> list[Quiz]:
        rows = (
            await self._session.execute(
                select(_QUIZZES)
                .where(_QUIZZES.c.course_id == course_id)
                .order_by(_QUIZZES.c.created_at, _QUIZZES.c.id)
            )
        ).all()
        return await self._with_questions(rows)

    async def get_many(self, quiz_ids: Collection[UUID]) -> dict[UUID, Quiz]:
        """The quizzes of ``quiz_ids`` that exist, by id (the figures' rebuild)."""
        if not quiz_ids:
            return {}
        rows = (
            await self._session.execute(select(_QUIZZES).where(_QUIZZES.c.id.in_(quiz_ids)))
        ).all()
        return {quiz.id: quiz for quiz in await self._with_questions(rows)}

    async def _with_questions(self, rows: Sequence[Any]) -> list[Quiz]:
        questions = await self._questions([row.id for row in rows])
        return [quiz_from_row(row, questions[row.id]) for row in rows]

    async def _questions(self, quiz_ids: Collection[UUID]) -> dict[UUID, list[Question]]:
        found: dict[UUID, list[Question]] = defaultdict(list)
        if quiz_ids:
            rows = await self._session.execute(
                select(_QUESTIONS)
                .where(_QUESTIONS.c.quiz_id.in_(quiz_ids))
                .order_by(_QUESTIONS.c.quiz_id, _QUESTIONS.c.position)
            )
            for row in rows:
                found[row.quiz_id].append(question_from_row(row))
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
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, attempt: Attempt) -> bool:
        statement = (
            dialect_insert(_dialect(self._session), _ATTEMPTS)
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


class SqlAlchemyUsageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: UsageRecord) -> None:
        await self._session.execute(
            _USAGE.insert().values(
                id=record.id,
                user_id=record.user_id,
                feature=record.feature,
                cost_usd=record.cost_usd,
                course_id=record.course_id,
                used_at=record.used_at,
                month=record.month,
                created_at=record.used_at,
                updated_at=record.used_at,
            )
        )

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
        upsert = dialect_insert(_dialect(self._session), _MASTERY).on_conflict_do_update(
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
        return {row.lesson_id: _mastery(row) for row in rows}

    async def add_evidence(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        if not evidence:
            return []
        statement = (
            dialect_insert(_dialect(self._session), _EVIDENCE)
            .on_conflict_do_nothing(index_elements=["user_id", "first_key"])
            .returning(_EVIDENCE.c.id)
        )
        rows = [
            {
                "id": item.id,
                "user_id": item.user_id,
                "course_id": item.course_id,
                "lesson_id": item.lesson_id,
                "question_id": item.question_id,
                "source": item.source,
                "source_id": item.source_id,
                "correct": item.correct,
                "observed_at": item.observed_at,
                "first_key": item.question_id if item.source == EvidenceSource.ATTEMPT else None,
            }
            for item in evidence
        ]
        inserted = set((await self._session.execute(statement, rows)).scalars())
        return [item for item in evidence if item.id in inserted]

    async def regrade(self, source_id: UUID, question_id: UUID, correct: bool) -> Evidence | None:
        condition = (_EVIDENCE.c.source_id == source_id) & (_EVIDENCE.c.question_id == question_id)
        await self._session.execute(update(_EVIDENCE).where(condition).values(correct=correct))
        row = (await self._session.execute(select(_EVIDENCE).where(condition))).first()
        return None if row is None else _evidence(row)

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
            found[row.lesson_id].append(_evidence(row))
        return dict(found)

    async def save(self, masteries: Sequence[LessonMastery]) -> None:
        if not masteries:
            return
        statement = dialect_insert(_dialect(self._session), _MASTERY)
        changed = ("course_id", "p_mastery", "evidence", "last_evidence_at")
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "lesson_id"],
            set_={name: statement.excluded[name] for name in changed},
        )
        await self._session.execute(
            statement,
            [
                {
                    "user_id": mastery.user_id,
                    "lesson_id": mastery.lesson_id,
                    "course_id": mastery.course_id,
                    "p_mastery": mastery.p_mastery,
                    "evidence": mastery.evidence,
                    "last_evidence_at": mastery.last_evidence_at,
                }
                for mastery in masteries
            ],
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
        return [_mastery(row) for row in rows]


def _mastery(row: Any) -> LessonMastery:
    return LessonMastery(
        user_id=row.user_id,
        course_id=row.course_id,
        lesson_id=row.lesson_id,
        p_mastery=row.p_mastery,
        evidence=row.evidence,
        last_evidence_at=row.last_evidence_at,
    )


def _evidence(row: Any) -> Evidence:
    return Evidence(
        id=row.id,
        user_id=row.user_id,
        course_id=row.course_id,
        lesson_id=row.lesson_id,
        question_id=row.question_id,
        source=row.source,
        source_id=row.source_id,
        correct=row.correct,
        observed_at=row.observed_at,
    )


class SqlAlchemyCardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_new(self, cards: Sequence[ReviewCard]) -> None:
        if not cards:
            return
        statement = dialect_insert(_dialect(self._session), _CARDS).on_conflict_do_nothing(
            index_elements=["user_id", "question_id"]
        )
        await self._session.execute(statement, [_card_values(card) for card in cards])

    async def get(self, card_id: UUID) -> ReviewCard | None:
        row = (await self._session.execute(select(_CARDS).where(_CARDS.c.id == card_id))).first()
        return None if row is None else _card(row)

    async def lock(self, card_id: UUID) -> ReviewCard | None:
        await self._session.execute(
            update(_CARDS).where(_CARDS.c.id == card_id).values(reviews=_CARDS.c.reviews)
        )
        return await self.get(card_id)

    async def update(self, card: ReviewCard) -> None:
        await self._session.execute(
            update(_CARDS)
            .where(_CARDS.c.id == card.id)
            .values(
                schedule=card.schedule,
                due_at=card.due_at,
                last_reviewed_at=card.last_reviewed_at,
                reviews=card.reviews,
                updated_at=card.last_reviewed_at or card.created_at,
            )
        )

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
        found = [(_card(row), _joined_question(row)) for row in rows]
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
    named = {column.name: values[f"{_QUESTION_PREFIX}{column.name}"] for column in _QUESTIONS.c}
    return question_from_row(SimpleNamespace(**named))


def _card_values(card: ReviewCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "user_id": card.user_id,
        "course_id": card.course_id,
        "quiz_id": card.quiz_id,
        "question_id": card.question_id,
        "lesson_id": card.lesson_id,
        "schedule": card.schedule,
        "due_at": card.due_at,
        "last_reviewed_at": card.last_reviewed_at,
        "reviews": card.reviews,
        "created_at": card.created_at,
        "updated_at": card.created_at,
    }


def _card(row: Any) -> ReviewCard:
    return ReviewCard(
        id=row.id,
        user_id=row.user_id,
        course_id=row.course_id,
        quiz_id=row.quiz_id,
        question_id=row.question_id,
        lesson_id=row.lesson_id,
        schedule=dict(row.schedule),
        due_at=row.due_at,
        last_reviewed_at=row.last_reviewed_at,
        reviews=row.reviews,
        created_at=row.created_at,
    )

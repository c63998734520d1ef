"""Assessment's figures on SQLAlchemy: kept in the attempt's transaction, read per course."""

from collections import defaultdict
from collections.abc import AsyncIterator, Collection, Sequence
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories import (
    SqlAlchemyQuizRepository,
    SqlAlchemyUsageRepository,
    attempt_from_row,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import (
    LessonMasteryRow,
    QuizAttemptRow,
    assessment_daily_figures,
    assessment_figure_events,
)
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.figures import (
    LEARNER_ATTEMPTS,
    attempt_figures,
    premium_figures,
)
from tutor_platform.assessment.domain.premium import UsageRecord
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.assessment.ports.figures import (
    LearnerMastery,
    MasteryCell,
    MatrixRow,
    StuckLearner,
    UsageSum,
)
from tutor_platform.shared.figures import DateRange, FigureDelta, FigureKey, negated
from tutor_platform.shared.persistence.figures import add_event, replace_figures, sum_figures

_MASTERY = cast(Table, LessonMasteryRow.__table__)
_FIGURES = assessment_daily_figures
MATRIX_BATCH = 1000


class SqlAlchemyAssessmentFigures:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _add(self, event_id: str, deltas: list[FigureDelta]) -> None:
        await add_event(self._session, _FIGURES, assessment_figure_events, event_id, deltas)

    async def attempt_stored(self, quiz: Quiz, attempt: Attempt) -> None:
        await self._add(f"attempt:{attempt.id}", attempt_figures(quiz, attempt))

    async def attempt_regraded(
        self, quiz: Quiz, before: Attempt, after: Attempt, at: datetime
    ) -> None:
        deltas = negated(attempt_figures(quiz, before)) + attempt_figures(quiz, after)
        await self._add(f"regraded:{after.id}:{at.isoformat()}", deltas)

    async def premium_used(self, record: UsageRecord) -> None:
        await self._add(f"premium:{record.id}", premium_figures(record))


def _learners_in(course_id: UUID, days: DateRange) -> Any:
    last = func.max(_MASTERY.c.last_evidence_at)
    return (
        select(_MASTERY.c.user_id)
        .where(_MASTERY.c.course_id == course_id)
        .group_by(_MASTERY.c.user_id)
        .having(last >= days.since, last < days.until)
    )


def _cell(row: Any) -> MasteryCell:
    return MasteryCell(row.lesson_id, float(row.p_mastery), int(row.evidence))


class SqlAlchemyAssessmentFiguresReader:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def sums(
        self, course_id: UUID, metrics: Collection[str], days: DateRange | None
    ) -> dict[FigureKey, int]:
        async with self._session_factory() as session:
            return await sum_figures(session, _FIGURES, course_id, metrics, days)

    async def usage_sums(self, metrics: Collection[str], days: DateRange) -> list[UsageSum]:
        query = (
            select(
                _FIGURES.c.day,
                _FIGURES.c.course_id,
                _FIGURES.c.metric,
                _FIGURES.c.detail,
                func.sum(_FIGURES.c.value),
            )
            .where(
                _FIGURES.c.metric.in_(list(metrics)),
                _FIGURES.c.day >= days.start,
                _FIGURES.c.day <= days.end,
            )
            .group_by(_FIGURES.c.day, _FIGURES.c.course_id, _FIGURES.c.metric, _FIGURES.c.detail)
        )
        async with self._session_factory() as session:
            rows = (await session.execute(query)).all()
        return [UsageSum(str(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]

    async def mastery_learners(
        self, course_id: UUID, days: DateRange, limit: int | None, offset: int
    ) -> tuple[list[UUID], int]:
        # The page and the count in one index-only read (the count is a window over groups).
        learners = _learners_in(course_id, days)
        page = learners.add_columns(func.count().over()).order_by(_MASTERY.c.user_id)
        page = page.offset(offset) if limit is None else page.offset(offset).limit(limit)
        async with self._session_factory() as session:
            rows = (await session.execute(page)).all()
            if rows or not offset:
                return [row[0] for row in rows], int(rows[0][1]) if rows else 0
            total = await session.scalar(select(func.count()).select_from(learners.subquery()))
        return [], int(total or 0)

    async def mastery_of(self, course_id: UUID, user_ids: Sequence[UUID]) -> list[LearnerMastery]:
        if not user_ids:
            return []
        async with self._session_factory() as session:
            rows = await session.execute(
                select(_MASTERY).where(
                    _MASTERY.c.course_id == course_id, _MASTERY.c.user_id.in_(list(user_ids))
                )
            )
            cells: dict[UUID, list[MasteryCell]] = defaultdict(list)
            for row in rows:
                cells[row.user_id].append(_cell(row))
        return [LearnerMastery(user_id, tuple(cells.get(user_id, ()))) for user_id in user_ids]

    async def mastery_matrix(
        self, course_id: UUID, days: DateRange, lesson_ids: Sequence[UUID]
    ) -> AsyncIterator[MatrixRow]:
        # One grouped read of the course's covering index: a row per learner, a column per
        # lesson, so neither the rows of cells nor their lesson ids cross the wire.
        m = _MASTERY.c
        columns = [func.max(case((m.lesson_id == lesson, m.p_mastery))) for lesson in lesson_ids]
        query = (
            _learners_in(course_id, days)
            .add_columns(*columns)
            .order_by(m.user_id)
            .execution_options(yield_per=MATRIX_BATCH)
        )
        async with self._session_factory() as session:
            result = await session.stream(query)
            async for rows in result.partitions():
                for user_id, *cells in rows:
                    yield user_id, [None if p is None else round(p, 4) for p in cells]

    async def stuck_learners(
        self, course_id: UUID, days: DateRange, min_attempts: int, below: float, limit: int
    ) -> tuple[list[StuckLearner], int]:
        f, m = _FIGURES.c, _MASTERY.c
        attempts = (
            select(f.item_id.label("user_id"), func.sum(f.value).label("attempts"))
            .where(
                f.course_id == course_id,
                f.metric == LEARNER_ATTEMPTS,
                f.day >= days.start,
                f.day <= days.end,
            )
            .group_by(f.item_id)
            .having(func.sum(f.value) >= min_attempts)
            .subquery()
        )
        mean = func.avg(m.p_mastery)
        query = (
            select(attempts.c.user_id, attempts.c.attempts, mean, func.count().over())
            .join_from(attempts, _MASTERY, m.user_id == attempts.c.user_id)
            .where(m.course_id == course_id)
            .group_by(attempts.c.user_id, attempts.c.attempts)
            .having(mean < below)
            .order_by(attempts.c.attempts.desc(), mean, attempts.c.user_id)
            .limit(limit)
        )
        async with self._session_factory() as session:
            rows = (await session.execute(query)).all()
        stuck = [StuckLearner(user, int(n), round(float(p), 4)) for user, n, p, _ in rows]
        return stuck, int(rows[0][3]) if rows else 0

    async def rebuild(self) -> int:
        deltas: list[FigureDelta] = []
        async with self._session_factory() as session:
            quiz_ids = (await session.scalars(select(QuizAttemptRow.quiz_id).distinct())).all()
            known = await SqlAlchemyQuizRepository(session).get_many(quiz_ids)
            result = await session.stream(
                select(QuizAttemptRow.__table__).execution_options(yield_per=2000)
            )
            async for row in result:
                attempt = attempt_from_row(row)
                quiz = known.get(attempt.quiz_id)
                if quiz is not None:
                    deltas.extend(attempt_figures(quiz, attempt))
            for record in await SqlAlchemyUsageRepository(session).all():
                deltas.extend(premium_figures(record))
            await replace_figures(session, _FIGURES, deltas)
            await session.commit()
        return len(deltas)

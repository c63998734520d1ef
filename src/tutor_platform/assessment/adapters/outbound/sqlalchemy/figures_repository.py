"""Assessment's figures on SQLAlchemy: kept in the attempt's transaction, read per course."""

from collections import defaultdict
from collections.abc import AsyncIterator, Collection, Sequence
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, func, select
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
from tutor_platform.assessment.domain.figures import attempt_figures, premium_figures
from tutor_platform.assessment.domain.premium import UsageRecord
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.assessment.ports.figures import (
    LearnerMastery,
    MasteryCell,
    UsageSum,
)
from tutor_platform.shared.figures import DateRange, FigureDelta, FigureKey, negated
from tutor_platform.shared.persistence.figures import add_event, replace_figures, sum_figures

_MASTERY = cast(Table, LessonMasteryRow.__table__)
_FIGURES = assessment_daily_figures


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
        learners = _learners_in(course_id, days)
        async with self._session_factory() as session:
            total = await session.scalar(select(func.count()).select_from(learners.subquery()))
            page = learners.order_by(_MASTERY.c.user_id).offset(offset)
            if limit is not None:
                page = page.limit(limit)
            ids = list((await session.scalars(page)).all())
        return ids, int(total or 0)

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

    async def mastery_rows(self, course_id: UUID, days: DateRange) -> AsyncIterator[LearnerMastery]:
        # One ordered scan of the course's rows, each with its learner's latest evidence.
        m = _MASTERY.c
        latest = func.max(m.last_evidence_at).over(partition_by=m.user_id)
        query = (
            select(m.user_id, m.lesson_id, m.p_mastery, m.evidence, latest)
            .where(m.course_id == course_id)
            .order_by(m.user_id)
            .execution_options(yield_per=5000)
        )
        since, until = days.since, days.until
        async with self._session_factory() as session:
            result = await session.stream(query)
            current: UUID | None = None
            cells: list[MasteryCell] = []
            async for rows in result.partitions():
                for user_id, lesson_id, p_mastery, evidence, last in rows:
                    if last is None or not since <= last < until:
                        continue
                    if user_id != current:
                        if current is not None:
                            yield LearnerMastery(current, tuple(cells))
                        current, cells = user_id, []
                    cells.append(MasteryCell(lesson_id, float(p_mastery), int(evidence)))
            if current is not None:
                yield LearnerMastery(current, tuple(cells))

    async def mean_mastery(self, course_id: UUID, user_ids: Collection[UUID]) -> dict[UUID, float]:
        if not user_ids:
            return {}
        async with self._session_factory() as session:
            rows = await session.execute(
                select(_MASTERY.c.user_id, func.avg(_MASTERY.c.p_mastery))
                .where(_MASTERY.c.course_id == course_id, _MASTERY.c.user_id.in_(list(user_ids)))
                .group_by(_MASTERY.c.user_id)
            )
            return {user_id: float(mean) for user_id, mean in rows.all()}

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

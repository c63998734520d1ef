"""Progress's figures on SQLAlchemy: kept in the progress transaction, read per course."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Row, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.progress.adapters.outbound.sqlalchemy.figures_tables import (
    ActiveDayRow,
    CourseCompletionRow,
    LessonVisitRow,
    learning_daily_figures,
    learning_figure_events,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import (
    CourseProgressRow,
    LessonCompletionRow,
)
from tutor_platform.progress.domain.figures import (
    LESSON_COMPLETIONS,
    LESSON_MINUTES,
    completion_figures,
)
from tutor_platform.progress.ports.figures import CourseFigures, LessonFigures
from tutor_platform.shared.figures import DateRange, FigureDelta, negated, utc_day
from tutor_platform.shared.persistence.figures import (
    add_event,
    replace_figures,
    sum_figures,
)
from tutor_platform.shared.persistence.repository import CoreRepository, insert

_ACTIVE = cast(Table, ActiveDayRow.__table__)
_VISITS = cast(Table, LessonVisitRow.__table__)
_COURSE_DONE = cast(Table, CourseCompletionRow.__table__)
_COMPLETIONS = cast(Table, LessonCompletionRow.__table__)
_STARTED = cast(Table, CourseProgressRow.__table__)


class SqlAlchemyProgressFigures(CoreRepository):
    async def _active(self, user_id: UUID, course_id: UUID, at: datetime) -> None:
        values = {"course_id": course_id, "day": utc_day(at), "user_id": user_id}
        statement = insert(self._session, _ACTIVE).values(values)
        await self._session.execute(statement.on_conflict_do_nothing())

    async def _opened_at(self, user_id: UUID, lesson_id: UUID) -> datetime | None:
        c = _VISITS.c
        opened: datetime | None = await self._session.scalar(
            select(c.first_opened_at).where(c.user_id == user_id, c.lesson_id == lesson_id)
        )
        return opened

    async def lesson_opened(
        self, user_id: UUID, course_id: UUID, lesson_id: UUID, at: datetime
    ) -> None:
        values = {
            "user_id": user_id,
            "lesson_id": lesson_id,
            "course_id": course_id,
            "first_opened_at": at,
        }
        statement = insert(self._session, _VISITS).values(values)
        await self._session.execute(statement.on_conflict_do_nothing())
        await self._active(user_id, course_id, at)

    async def lesson_completed(
        self, user_id: UUID, course_id: UUID, lesson_id: UUID, at: datetime
    ) -> None:
        deltas = completion_figures(
            course_id, lesson_id, at, await self._opened_at(user_id, lesson_id)
        )
        event_id = f"lesson_completed:{user_id}:{lesson_id}:{at.isoformat()}"
        await self._add(event_id, deltas)
        await self._active(user_id, course_id, at)

    async def lesson_uncompleting(self, user_id: UUID, lesson_id: UUID) -> None:
        c = _COMPLETIONS.c
        query = select(c.course_id, c.completed_at).where(
            c.user_id == user_id, c.lesson_id == lesson_id
        )
        found = (await self._session.execute(query)).first()
        if found is None:
            return
        course_id, completed_at = found
        deltas = completion_figures(
            course_id, lesson_id, completed_at, await self._opened_at(user_id, lesson_id)
        )
        event_id = f"lesson_uncompleted:{user_id}:{lesson_id}:{completed_at.isoformat()}"
        await self._add(event_id, negated(deltas))

    async def course_completed(self, user_id: UUID, course_id: UUID, at: datetime) -> None:
        values = {"course_id": course_id, "user_id": user_id, "completed_at": at}
        statement = insert(self._session, _COURSE_DONE).values(values)
        await self._session.execute(statement.on_conflict_do_nothing())

    async def studied(self, user_id: UUID, course_id: UUID, at: datetime) -> None:
        await self._active(user_id, course_id, at)

    async def _add(self, event_id: str, deltas: list[FigureDelta]) -> None:
        await add_event(
            self._session, learning_daily_figures, learning_figure_events, event_id, deltas
        )


class SqlAlchemyCourseFiguresReader:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def course_figures(self, course_id: UUID, days: DateRange) -> CourseFigures:
        started, active, done = _STARTED.c, _ACTIVE.c, _COURSE_DONE.c
        async with self._session_factory() as session:
            started_count = await session.scalar(
                select(func.count()).where(
                    started.course_id == course_id,
                    started.started_at >= days.since,
                    started.started_at < days.until,
                )
            )
            active_count = await session.scalar(
                select(func.count(func.distinct(active.user_id))).where(
                    active.course_id == course_id,
                    active.day >= days.start,
                    active.day <= days.end,
                )
            )
            completed = await session.scalar(
                select(func.count()).where(
                    done.course_id == course_id,
                    done.completed_at >= days.since,
                    done.completed_at < days.until,
                )
            )
            sums = await sum_figures(
                session,
                learning_daily_figures,
                course_id,
                (LESSON_COMPLETIONS, LESSON_MINUTES),
                days,
            )
        counts: dict[UUID, int] = defaultdict(int)
        minutes: dict[UUID, dict[int, int]] = defaultdict(dict)
        for (metric, lesson_id, detail), value in sums.items():
            if metric == LESSON_COMPLETIONS:
                counts[lesson_id] += value
            else:
                minutes[lesson_id][int(detail)] = value
        lessons = {
            lesson_id: LessonFigures(counts.get(lesson_id, 0), minutes.get(lesson_id, {}))
            for lesson_id in counts.keys() | minutes.keys()
        }
        return CourseFigures(started_count or 0, active_count or 0, completed or 0, lessons)

    async def rebuild(self) -> int:
        done, visits = _COMPLETIONS.c, _VISITS.c
        async with self._session_factory() as session:
            result = await session.stream(
                select(done.course_id, done.lesson_id, done.completed_at, visits.first_opened_at)
                .select_from(_COMPLETIONS)
                .outerjoin(
                    _VISITS,
                    (visits.user_id == done.user_id) & (visits.lesson_id == done.lesson_id),
                )
                .execution_options(yield_per=5000)
            )
            deltas = [delta async for row in result for delta in _completion(row)]
            await replace_figures(session, learning_daily_figures, deltas)
            await session.commit()
        return len(deltas)


def _completion(row: Row[Any]) -> Iterator[FigureDelta]:
    yield from completion_figures(row[0], row[1], row[2], row[3])

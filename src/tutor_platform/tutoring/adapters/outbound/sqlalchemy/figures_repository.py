"""Tutoring's figures and content gaps on SQLAlchemy."""

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, func, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.shared.figures import NO_ITEM, DateRange, FigureDelta, FigureKey, negated
from tutor_platform.shared.persistence.figures import (
    add_event,
    replace_figures,
    sum_figures,
)
from tutor_platform.shared.persistence.repository import CoreRepository, insert
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.feedback_repository import (
    feedback_from_row,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.message_repository import (
    message_from_row,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    ChatMessageRow,
    ChatSessionRow,
    GapGroupRow,
    GapQuestionRow,
    MessageFeedbackRow,
    TutorRow,
    tutoring_daily_figures,
    tutoring_figure_events,
)
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.domain.figures import (
    AI_CALLS,
    AI_TOKENS_IN,
    AI_TOKENS_OUT,
    USAGE_METRICS,
    closest_gap,
    feedback_figures,
    gap_figures,
    gap_words,
    message_figures,
    new_gap_id,
    session_figures,
)
from tutor_platform.tutoring.domain.message import Message, MessageRole
from tutor_platform.tutoring.ports.figures import CourseTutor, GapGroup, UsageLine

_FIGURES = tutoring_daily_figures
_TUTORS = cast(Table, TutorRow.__table__)
_SESSIONS = cast(Table, ChatSessionRow.__table__)
_MESSAGES = cast(Table, ChatMessageRow.__table__)
_FEEDBACK = cast(Table, MessageFeedbackRow.__table__)
_GROUPS = cast(Table, GapGroupRow.__table__)
_GAPS = cast(Table, GapQuestionRow.__table__)
MAX_SAMPLE_CHARS = 500


class SqlAlchemyTutoringFigures(CoreRepository):
    async def _course_of(self, tutor_id: UUID) -> UUID:
        course = await self._session.scalar(
            select(_TUTORS.c.course_id).where(_TUTORS.c.id == tutor_id)
        )
        return cast(UUID | None, course) or NO_ITEM

    async def _add(self, event_id: str, deltas: list[FigureDelta]) -> bool:
        return await add_event(self._session, _FIGURES, tutoring_figure_events, event_id, deltas)

    async def session_started(self, tutor_id: UUID, session_id: UUID, at: datetime) -> None:
        course = await self._course_of(tutor_id)
        await self._add(f"session:{session_id}", session_figures(course, tutor_id, at))

    async def message_stored(
        self, tutor_id: UUID, message: Message, question: Message | None = None
    ) -> None:
        course = await self._course_of(tutor_id)
        added = await self._add(f"message:{message.id}", message_figures(course, tutor_id, message))
        uncited = message.role == MessageRole.ASSISTANT and not message.citations
        if added and uncited and question is not None and course != NO_ITEM:
            await self._gap(course, tutor_id, question)

    async def feedback_given(self, before: Feedback | None, after: Feedback) -> None:
        course = await self._course_of(after.tutor_id)
        deltas = feedback_figures(course, after)
        if before is not None:
            deltas = negated(feedback_figures(course, before)) + deltas
        await self._add(f"feedback:{after.id}:{after.updated_at.isoformat()}", deltas)

    async def _gap(self, course_id: UUID, tutor_id: UUID, question: Message) -> None:
        words = gap_words(question.content)
        if not words:
            return
        rows = await self._session.execute(
            select(_GROUPS.c.id, _GROUPS.c.words).where(_GROUPS.c.course_id == course_id)
        )
        groups = {row.id: frozenset(row.words.split()) for row in rows}
        group_id = closest_gap(words, groups)
        asked = question.created_at
        if group_id is None:
            group_id = new_gap_id(course_id, question.id)
            await self._session.execute(
                insert(self._session, _GROUPS)
                .values(
                    id=group_id,
                    course_id=course_id,
                    words=" ".join(sorted(words)),
                    sample=question.content.strip()[:MAX_SAMPLE_CHARS],
                    first_asked_at=asked,
                    last_asked_at=asked,
                )
                .on_conflict_do_nothing()
            )
        else:
            await self._session.execute(
                update(_GROUPS)
                .where(_GROUPS.c.id == group_id, _GROUPS.c.last_asked_at < asked)
                .values(last_asked_at=asked)
            )
        await self._session.execute(
            insert(self._session, _GAPS)
            .values(
                message_id=question.id,
                group_id=group_id,
                course_id=course_id,
                tutor_id=tutor_id,
                asked_at=asked,
            )
            .on_conflict_do_nothing()
        )
        await self._add(f"gap:{question.id}", gap_figures(course_id, group_id, asked))


def _usage_sums() -> list[Any]:
    f = _FIGURES.c
    return [
        func.coalesce(func.sum(f.value).filter(f.metric == metric), 0)
        for metric in (AI_CALLS, AI_TOKENS_IN, AI_TOKENS_OUT)
    ]


def _group(row: Any) -> GapGroup:
    return GapGroup(
        id=row.id,
        course_id=row.course_id,
        sample=row.sample,
        first_asked_at=row.first_asked_at,
        last_asked_at=row.last_asked_at,
        dismissed_at=row.dismissed_at,
        dismissed_by=row.dismissed_by,
    )


class SqlAlchemyTutoringFiguresReader:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def course_tutors(self, course_id: UUID) -> list[CourseTutor]:
        async with self._session_factory() as session:
            rows = await session.execute(
                select(_TUTORS.c.id, _TUTORS.c.name)
                .where(_TUTORS.c.course_id == course_id)
                .order_by(_TUTORS.c.created_at, _TUTORS.c.id)
            )
            return [CourseTutor(row.id, row.name) for row in rows]

    async def sums(
        self, course_id: UUID, metrics: Collection[str], days: DateRange | None
    ) -> dict[FigureKey, int]:
        async with self._session_factory() as session:
            return await sum_figures(session, _FIGURES, course_id, metrics, days)

    async def groups(self, course_id: UUID, group_ids: Collection[UUID]) -> list[GapGroup]:
        if not group_ids:
            return []
        async with self._session_factory() as session:
            rows = await session.execute(
                select(_GROUPS).where(
                    _GROUPS.c.course_id == course_id, _GROUPS.c.id.in_(list(group_ids))
                )
            )
            return [_group(row) for row in rows]

    async def group_tutors(self, group_ids: Collection[UUID]) -> dict[UUID, tuple[UUID, ...]]:
        if not group_ids:
            return {}
        async with self._session_factory() as session:
            rows = await session.execute(
                select(_GAPS.c.group_id, _GAPS.c.tutor_id)
                .where(_GAPS.c.group_id.in_(list(group_ids)))
                .distinct()
            )
            found: dict[UUID, list[UUID]] = defaultdict(list)
            for group_id, tutor_id in rows.all():
                found[group_id].append(tutor_id)
        return {group: tuple(sorted(tutors, key=str)) for group, tutors in found.items()}

    async def dismiss(self, group_id: UUID, by: UUID, at: datetime) -> None:
        async with self._session_factory() as session:
            await session.execute(
                update(_GROUPS)
                .where(_GROUPS.c.id == group_id)
                .values(dismissed_at=at, dismissed_by=by)
            )
            await session.commit()

    async def usage_rows(
        self, days: DateRange, limit: int | None = None, offset: int = 0
    ) -> list[UsageLine]:
        f = _FIGURES.c
        in_days = (f.day >= days.start, f.day <= days.end)
        order = (f.day.desc(), f.course_id.desc(), f.detail.desc())
        if limit is None:
            every = (
                select(f.day, f.course_id, f.detail, *_usage_sums())
                .where(f.metric.in_(USAGE_METRICS), *in_days)
                .group_by(f.day, f.course_id, f.detail)
                .order_by(*order)
            )
            async with self._session_factory() as session:
                rows = (await session.execute(every)).all()
            return [UsageLine(str(r[0]), r[1], r[2], *map(int, r[3:])) for r in rows]
        # A page: the calls' rows in index order, then the tokens of just those lines.
        page = (
            select(f.day, f.course_id, f.detail, f.value)
            .where(f.metric == AI_CALLS, *in_days)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        async with self._session_factory() as session:
            calls = (await session.execute(page)).all()
            keys = [(r[0], r[1], r[2]) for r in calls]
            tokens: dict[tuple[Any, ...], int] = {}
            if keys:
                found = await session.execute(
                    select(f.day, f.course_id, f.detail, f.metric, f.value).where(
                        f.metric.in_((AI_TOKENS_IN, AI_TOKENS_OUT)),
                        tuple_(f.day, f.course_id, f.detail).in_(keys),
                    )
                )
                tokens = {(r[0], r[1], r[2], r[3]): int(r[4]) for r in found}
        return [
            UsageLine(
                str(day),
                course,
                model,
                int(value),
                tokens.get((day, course, model, AI_TOKENS_IN), 0),
                tokens.get((day, course, model, AI_TOKENS_OUT), 0),
            )
            for day, course, model, value in calls
        ]

    async def usage_totals(self, days: DateRange) -> tuple[int, list[UsageLine]]:
        f = _FIGURES.c
        in_days = (f.day >= days.start, f.day <= days.end)
        totals = (
            select(f.detail, *_usage_sums())
            .where(f.metric.in_(USAGE_METRICS), *in_days)
            .group_by(f.detail)
        )
        async with self._session_factory() as session:
            count = await session.scalar(select(func.count()).where(f.metric == AI_CALLS, *in_days))
            rows = (await session.execute(totals)).all()
        return int(count or 0), [
            UsageLine("", NO_ITEM, r[0], int(r[1]), int(r[2]), int(r[3])) for r in rows
        ]

    async def rebuild(self) -> int:
        """Recompute the daily figures from the sessions, messages, feedback and content
        gaps still stored (a deleted conversation no longer counts)."""
        deltas: list[FigureDelta] = []
        async with self._session_factory() as session:
            courses = {
                row.id: row.course_id or NO_ITEM
                for row in await session.execute(select(_TUTORS.c.id, _TUTORS.c.course_id))
            }
            for row in await session.execute(select(_SESSIONS.c.tutor_id, _SESSIONS.c.created_at)):
                deltas += session_figures(courses[row.tutor_id], row.tutor_id, row.created_at)
            messages = await session.stream(
                select(_MESSAGES, _SESSIONS.c.tutor_id)
                .join(_SESSIONS, _SESSIONS.c.id == _MESSAGES.c.session_id)
                .execution_options(yield_per=5000)
            )
            async for row in messages:
                tutor = row.tutor_id
                deltas += message_figures(courses[tutor], tutor, message_from_row(row))
            for row in await session.execute(select(_FEEDBACK)):
                feedback = feedback_from_row(row)
                deltas += feedback_figures(courses[feedback.tutor_id], feedback)
            for row in await session.execute(select(_GAPS)):
                deltas += gap_figures(row.course_id, row.group_id, row.asked_at)
            await replace_figures(session, _FIGURES, deltas)
            await session.commit()
        return len(deltas)

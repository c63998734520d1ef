"""The AI calls' usage as daily figures (``ai_daily_figures``, the shared figure tables):
per course, UTC day and ``feature:provider/model`` (the detail), calls and tokens."""

from typing import Final
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.ai.ports.usage import AiCall, MeteredLine
from tutor_platform.shared.figures import NO_ITEM, DateRange, FigureDelta, utc_day
from tutor_platform.shared.persistence.figures import (
    add_event,
    daily_figures_table,
    figure_events_table,
)

ai_daily_figures = daily_figures_table("ai_daily_figures")
ai_figure_events = figure_events_table("ai_figure_events")
CALLS: Final = "ai_calls"
TOKENS_IN: Final = "ai_tokens_in"
TOKENS_OUT: Final = "ai_tokens_out"


def call_figures(call: AiCall) -> list[FigureDelta]:
    course, day = call.course_id or NO_ITEM, utc_day(call.at)
    detail = f"{call.feature}:{call.provider}/{call.model_id}"[:64]
    return [
        FigureDelta(course, day, CALLS, NO_ITEM, detail),
        FigureDelta(course, day, TOKENS_IN, NO_ITEM, detail, call.tokens_in),
        FigureDelta(course, day, TOKENS_OUT, NO_ITEM, detail, call.tokens_out),
    ]


class SqlAlchemyUsageLedger:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def record(self, call: AiCall) -> bool:
        async with self._session_factory() as session, session.begin():
            return await add_event(
                session, ai_daily_figures, ai_figure_events, call.event_id, call_figures(call)
            )

    async def lines(self, days: DateRange) -> list[MeteredLine]:
        f = ai_daily_figures.c
        query = (
            select(f.day, f.course_id, f.detail, f.metric, func.sum(f.value))
            .where(f.metric.in_((CALLS, TOKENS_IN, TOKENS_OUT)))
            .where(f.day >= days.start, f.day <= days.end)
            .group_by(f.day, f.course_id, f.detail, f.metric)
        )
        async with self._session_factory() as session:
            rows = (await session.execute(query)).all()
        sums: dict[tuple[str, UUID, str], dict[str, int]] = {}
        for day, course, detail, metric, value in rows:
            sums.setdefault((str(day), course, str(detail)), {})[metric] = int(value)
        lines = []
        for (day, course, detail), values in sums.items():
            feature, _, model = detail.partition(":")
            provider, _, model_id = model.partition("/")
            lines.append(
                MeteredLine(
                    day,
                    None if course == NO_ITEM else course,
                    feature,
                    provider,
                    model_id,
                    values.get(CALLS, 0),
                    values.get(TOKENS_IN, 0),
                    values.get(TOKENS_OUT, 0),
                )
            )
        return lines

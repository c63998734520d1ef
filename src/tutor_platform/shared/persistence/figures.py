"""The tables and SQL of daily figures, the same for every context (see ``shared.figures``).

``<context>_daily_figures`` holds the sums; ``<context>_figure_events`` the ids of the
changes already added, so a replayed event adds nothing.
"""

from collections.abc import Collection, Iterable
from typing import Any

from advanced_alchemy.types import GUID
from sqlalchemy import BigInteger, Column, Date, Index, String, Table, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.figures import DateRange, FigureDelta, FigureKey, combined
from tutor_platform.shared.persistence.base import metadata
from tutor_platform.shared.persistence.repository import insert
from tutor_platform.shared.persistence.upsert import Insert, Statement, Upsert

_KEY = ["course_id", "day", "metric", "item_id", "detail"]
_ADDERS: dict[Table, Upsert] = {}
_CLAIMS: dict[Table, Upsert] = {}


def daily_figures_table(name: str) -> Table:
    """A context's daily figures; the key leads with (course, day) for a course's range, and
    (metric, day) covers the reads across courses (usage) without visiting the table."""
    return Table(
        name,
        metadata,
        Column("course_id", GUID, primary_key=True),
        Column("day", Date, primary_key=True),
        Column("metric", String(32), primary_key=True),
        Column("item_id", GUID, primary_key=True),
        Column("detail", String(64), primary_key=True),
        Column("value", BigInteger, nullable=False),
        Index(f"ix_{name}_metric_day", "metric", "day", "course_id", "detail", "value"),
    )


def figure_events_table(name: str) -> Table:
    """The ids of the events a context has added to its figures."""
    return Table(name, metadata, Column("event_id", String(200), primary_key=True))


def _rows(deltas: Iterable[FigureDelta]) -> list[dict[str, Any]]:
    return [
        {
            "course_id": d.course_id,
            "day": d.day,
            "metric": d.metric,
            "item_id": d.item_id,
            "detail": d.detail,
            "value": d.value,
        }
        for d in combined(deltas)
    ]


def _adder(figures: Table) -> Upsert:
    def build(statement: Insert) -> Statement:
        return statement.on_conflict_do_update(
            index_elements=_KEY, set_={"value": figures.c.value + statement.excluded.value}
        )

    if figures not in _ADDERS:
        _ADDERS[figures] = Upsert(figures, build)
    return _ADDERS[figures]


def _claim(events: Table) -> Upsert:
    def build(statement: Insert) -> Statement:
        return statement.on_conflict_do_nothing().returning(events.c.event_id)

    if events not in _CLAIMS:
        _CLAIMS[events] = Upsert(events, build)
    return _CLAIMS[events]


async def add_figures(session: AsyncSession, figures: Table, deltas: Iterable[FigureDelta]) -> None:
    """Add ``deltas`` to the figures (one upsert, its rows as parameters: compiled once)."""
    rows = _rows(deltas)
    if rows:
        await session.execute(_adder(figures).on(session), rows)


async def claim_event(session: AsyncSession, events: Table, event_id: str) -> bool:
    """Record ``event_id``; False when it was recorded before (its figures were added)."""
    result = await session.execute(_claim(events).on(session), {"event_id": event_id})
    return result.first() is not None


async def add_event(
    session: AsyncSession,
    figures: Table,
    events: Table,
    event_id: str,
    deltas: Iterable[FigureDelta],
) -> bool:
    """Add the deltas of an event once: a replayed ``event_id`` adds nothing (False)."""
    if not await claim_event(session, events, event_id):
        return False
    await add_figures(session, figures, deltas)
    return True


async def sum_figures(
    session: AsyncSession,
    figures: Table,
    course_id: Any,
    metrics: Collection[str],
    days: DateRange | None,
) -> dict[FigureKey, int]:
    """The course's figures of ``metrics`` summed over ``days`` (None: every day)."""
    query = (
        select(figures.c.metric, figures.c.item_id, figures.c.detail, func.sum(figures.c.value))
        .where(figures.c.course_id == course_id, figures.c.metric.in_(list(metrics)))
        .group_by(figures.c.metric, figures.c.item_id, figures.c.detail)
    )
    if days is not None:
        query = query.where(figures.c.day >= days.start, figures.c.day <= days.end)
    result = await session.execute(query)
    return {(metric, item, detail): int(total) for metric, item, detail, total in result.all()}


async def replace_figures(
    session: AsyncSession, figures: Table, deltas: Iterable[FigureDelta]
) -> None:
    """Delete every figure and write ``deltas`` instead (a rebuild), in batches."""
    await session.execute(delete(figures))
    rows = _rows(deltas)
    for start in range(0, len(rows), 5000):
        await session.execute(insert(session, figures), rows[start : start + 5000])

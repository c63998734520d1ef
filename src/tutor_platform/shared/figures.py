"""Daily figures: what a fact adds to its context's analytics, and the arithmetic over them.

A context turns each fact into :class:`FigureDelta` rows (course, UTC day, metric, item,
detail → value) with one pure function per fact kind; its unit of work adds them in the
transaction that stores the fact, under an event id that makes a replay add nothing.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Final
from uuid import UUID

NO_ITEM: Final = UUID(int=0)
"""The item (or course) of a figure that has none."""

MAX_RANGE_DAYS: Final = 366
DEFAULT_RANGE_DAYS: Final = 30


@dataclass(frozen=True, slots=True)
class FigureDelta:
    course_id: UUID
    day: date
    metric: str
    item_id: UUID = NO_ITEM
    detail: str = ""
    value: int = 1


FigureKey = tuple[str, UUID, str]
"""(metric, item, detail): a figure summed over a range of days."""


def utc_day(instant: datetime) -> date:
    return instant.astimezone(UTC).date()


def negated(deltas: Iterable[FigureDelta]) -> list[FigureDelta]:
    """The deltas that take ``deltas`` back (a fact changed or removed)."""
    return [replace(delta, value=-delta.value) for delta in deltas]


def combined(deltas: Iterable[FigureDelta]) -> list[FigureDelta]:
    """The deltas summed per row, rows that add nothing left out."""
    totals: dict[tuple[UUID, date, str, UUID, str], int] = {}
    for d in deltas:
        key = (d.course_id, d.day, d.metric, d.item_id, d.detail)
        totals[key] = totals.get(key, 0) + d.value
    return [FigureDelta(*key, value=value) for key, value in totals.items() if value]


@dataclass(frozen=True, slots=True)
class DateRange:
    """UTC days ``start``..``end``, both included."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time(), UTC)

    @property
    def until(self) -> datetime:
        """The first instant after the range."""
        return datetime.combine(self.end + timedelta(days=1), datetime.min.time(), UTC)

    @classmethod
    def last_days(cls, today: date, days: int = DEFAULT_RANGE_DAYS) -> "DateRange":
        return cls(today - timedelta(days=days - 1), today)


def median_of(histogram: Mapping[int, int]) -> float | None:
    """The median of values counted in ``histogram`` (value → how often); None when empty."""
    total = sum(count for count in histogram.values() if count > 0)
    if total == 0:
        return None
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        if count <= 0:
            continue
        while len(found) < 2 and middle[len(found)] < seen + count:
            found.append(value)
        seen += count
    return (found[0] + found[1]) / 2

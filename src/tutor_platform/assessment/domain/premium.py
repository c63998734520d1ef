"""The premium features, what a call costs, the daily quota's day, and the usage summary.

A day is a UTC calendar day: quotas start over at 00:00 UTC, and a refused call is told to
retry then (``Retry-After``). Costs are exact decimal dollars. A call is counted against the
quota from the moment its slot is reserved (before the AI is asked) until it fails, and only
a call that succeeded is recorded in the usage with its cost.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID


class PremiumFeature(StrEnum):
    """A premium AI feature, metered and limited per month."""

    ADAPTIVE_LEARNING = "adaptive_learning"
    LLM_ASSESSMENT = "llm_assessment"
    SYNTHESIS = "synthesis"
    MENTOR_SESSION = "mentor_session"


FEATURE_COSTS: Final[dict[str, Decimal]] = {
    PremiumFeature.ADAPTIVE_LEARNING: Decimal("0.018"),
    PremiumFeature.LLM_ASSESSMENT: Decimal("0.014"),
    PremiumFeature.SYNTHESIS: Decimal("0.027"),
    PremiumFeature.MENTOR_SESSION: Decimal("0.090"),
}
FEATURES: Final = tuple(FEATURE_COSTS)
USAGE_MONTHS: Final = 12


def utc_day(now: datetime) -> date:
    return now.astimezone(UTC).date()


def next_utc_midnight(now: datetime) -> datetime:
    day = utc_day(now) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def seconds_until_next_day(now: datetime) -> int:
    """Whole seconds until the quotas start over (at least 1)."""
    remaining = next_utc_midnight(now) - now.astimezone(UTC)
    return max(1, math.ceil(remaining.total_seconds()))


def month_of(moment: datetime) -> str:
    """``"2026-11"``: the UTC month of an instant."""
    return moment.astimezone(UTC).strftime("%Y-%m")


def months_back(now: datetime, count: int) -> list[str]:
    """The ``count`` UTC months ending with the current one, newest first."""
    year, month = now.astimezone(UTC).year, now.astimezone(UTC).month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


@dataclass(frozen=True, slots=True, kw_only=True)
class UsageRecord:
    """One successful call of a premium feature."""

    id: UUID
    user_id: UUID
    feature: str
    cost_usd: Decimal
    used_at: datetime
    course_id: UUID | None = None

    @property
    def month(self) -> str:
        return month_of(self.used_at)


@dataclass(frozen=True, slots=True)
class MonthlyTotal:
    """Calls of one feature in one month, and what they cost."""

    month: str
    feature: str
    calls: int
    cost_usd: Decimal


@dataclass(frozen=True, slots=True)
class FeatureUsage:
    calls: int = 0
    cost_usd: Decimal = Decimal("0.000")


@dataclass(frozen=True, slots=True)
class MonthUsage:
    month: str
    features: dict[str, FeatureUsage]
    total_cost_usd: Decimal


@dataclass(frozen=True, slots=True)
class DailyAllowance:
    """Calls counted today against a feature's daily ``limit``."""

    calls: int
    limit: int


@dataclass(frozen=True, slots=True)
class UsageSummary:
    user_id: UUID
    months: list[MonthUsage]
    today: dict[str, DailyAllowance] = field(default_factory=dict)


def usage_months(totals: Iterable[MonthlyTotal], months: list[str]) -> list[MonthUsage]:
    """Each of ``months`` (newest first) with every feature, zeros included."""
    by_month: dict[str, dict[str, FeatureUsage]] = {
        month: dict.fromkeys(FEATURES, FeatureUsage()) for month in months
    }
    for total in totals:
        if total.month in by_month and total.feature in FEATURE_COSTS:
            by_month[total.month][total.feature] = FeatureUsage(total.calls, total.cost_usd)
    return [
        MonthUsage(
            month,
            features,
            sum((usage.cost_usd for usage in features.values()), Decimal("0.000")),
        )
        for month, features in by_month.items()
    ]

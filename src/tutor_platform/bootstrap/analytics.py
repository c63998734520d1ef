"""``GET /analytics/usage`` (admins) and ``tutor-platform analytics rebuild``: what spans the
contexts' figures, so it sits in the composition root.

AI calls and tokens: tutors' answers are recorded by tutoring with their messages (feature
``tutoring``), every other call by the AI facade's meter (``grading``, ``lesson_draft``,
``summary_script``, ...); premium calls by assessment (feature and cost). Cost of tokens is
priced here with ``AI_PRICES`` (the ``local`` provider costs 0, a model without a price has
no cost).
"""

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

import msgspec
from litestar import Request, Response
from litestar.di import NamedDependency
from litestar.params import SkipValidation

from tutor_platform.ai.api import MeteredLine, ModelPrices, parse_prices
from tutor_platform.assessment.domain.figures import MICRO_USD, PREMIUM_CALLS, PREMIUM_COST
from tutor_platform.shared.figures import NO_ITEM, DateRange
from tutor_platform.shared.http.analytics import (
    CsvTable,
    FiguresController,
    RangeResponse,
    figures_answer,
    figures_get,
)
from tutor_platform.shared.http.auth import require_admin
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.ports.figures import UsageLine

TUTORING_FEATURE = "tutoring"


class UsageAnalyticsRow(msgspec.Struct, kw_only=True):
    day: str
    """The UTC day (YYYY-MM-DD)."""
    provider: str
    model_id: str
    feature: str
    course_id: UUID | None
    calls: int
    tokens_in: int
    tokens_out: int
    cost_usd: float | None
    """USD from `AI_PRICES`; 0 for the local provider; null for a model without a price."""


class PremiumFeatureUsage(msgspec.Struct, kw_only=True):
    feature: str
    calls: int
    cost_usd: float


class UsageAnalyticsTotals(msgspec.Struct, kw_only=True):
    calls: int
    tokens_in: int
    tokens_out: int
    cost_usd: float
    """The priced calls' cost (calls of models without a price add nothing)."""


class UsageAnalyticsResponse(RangeResponse, kw_only=True):
    items: list[UsageAnalyticsRow]
    """Per day, course, feature and provider/model (newest day first)."""
    total: int
    limit: int
    offset: int
    totals: UsageAnalyticsTotals
    premium: list[PremiumFeatureUsage]
    """Premium features' successful calls and their cost in the range."""


USAGE_CSV_HEADER = (
    "day",
    "provider",
    "model_id",
    "feature",
    "course_id",
    "calls",
    "tokens_in",
    "tokens_out",
    "cost_usd",
)


def usage_table(rows: list[UsageAnalyticsRow]) -> CsvTable:
    """One row per day, course, feature and provider/model."""
    lines = [
        (
            r.day,
            r.provider,
            r.model_id,
            r.feature,
            r.course_id,
            r.calls,
            r.tokens_in,
            r.tokens_out,
            r.cost_usd,
        )
        for r in rows
    ]
    return CsvTable("usage.csv", USAGE_CSV_HEADER, lines)


@dataclass(frozen=True, slots=True)
class UsageReport:
    rows: list[UsageAnalyticsRow]
    total: int
    totals: UsageAnalyticsTotals
    premium: list[PremiumFeatureUsage]


def _usd(cost: Decimal | None) -> float | None:
    return None if cost is None else float(cost)


def _row(line: UsageLine, prices: ModelPrices) -> UsageAnalyticsRow:
    provider, _, model_id = line.model.partition("/")
    return UsageAnalyticsRow(
        day=line.day,
        provider=provider,
        model_id=model_id,
        feature=TUTORING_FEATURE,
        course_id=None if line.course_id == NO_ITEM else line.course_id,
        calls=line.calls,
        tokens_in=line.tokens_in,
        tokens_out=line.tokens_out,
        cost_usd=_usd(prices.cost(provider, model_id, line.tokens_in, line.tokens_out)),
    )


def _metered_row(line: MeteredLine, prices: ModelPrices) -> UsageAnalyticsRow:
    cost = prices.cost(line.provider, line.model_id, line.tokens_in, line.tokens_out)
    return UsageAnalyticsRow(
        day=line.day,
        provider=line.provider,
        model_id=line.model_id,
        feature=line.feature,
        course_id=line.course_id,
        calls=line.calls,
        tokens_in=line.tokens_in,
        tokens_out=line.tokens_out,
        cost_usd=_usd(cost),
    )


def _newest_first(row: UsageAnalyticsRow) -> tuple[str, str, str, str]:
    return (row.day, str(row.course_id or NO_ITEM), row.provider + "/" + row.model_id, row.feature)


Fetch = Callable[[int | None, int], Awaitable[list[UsageAnalyticsRow]]]


async def merged_page(
    fetch: Fetch, metered: list[UsageAnalyticsRow], limit: int | None, offset: int
) -> list[UsageAnalyticsRow]:
    """A slice of tutoring's rows (``fetch(limit, offset)``, newest first) merged with the
    meter's rows (few, all in hand), reading at most ``limit`` + the meter's rows + 1.

    Tutoring's first ``skip`` rows all come before ``offset``: at most ``len(metered)`` of
    the rows before it are the meter's. The row before those fetched marks which of the
    meter's rows come earlier."""
    if limit is None:
        return sorted(await fetch(None, 0) + metered, key=_newest_first, reverse=True)[offset:]
    skip = max(0, offset - len(metered))
    start = max(0, skip - 1)
    fetched = await fetch(offset + limit - start, start)
    later, before = metered, 0
    if skip:
        if not fetched:
            return []
        boundary = _newest_first(fetched[0])
        fetched = fetched[1:]
        later = [row for row in metered if _newest_first(row) < boundary]
        before = skip + len(metered) - len(later)
    window = sorted(fetched + later, key=_newest_first, reverse=True)
    return window[offset - before : offset - before + limit]


async def usage_report(
    container: Any, days: DateRange, limit: int | None, offset: int
) -> UsageReport:
    """A slice of the usage rows (``limit`` None: all), with the totals of every row."""
    prices = ModelPrices(parse_prices(container.settings().ai_prices))
    tutoring = container.tutoring.figures()
    metered = [_metered_row(line, prices) for line in await container.ai.usage_ledger().lines(days)]

    async def fetch(size: int | None, skipped: int) -> list[UsageAnalyticsRow]:
        return [_row(line, prices) for line in await tutoring.usage_rows(days, size, skipped)]

    rows = await merged_page(fetch, metered, limit, offset)
    total, per_model = await tutoring.usage_totals(days)
    total += len(metered)
    priced = [_row(line, prices) for line in per_model] + metered
    premium: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for found in await container.assessment.figures().usage_sums(
        (PREMIUM_CALLS, PREMIUM_COST), days
    ):
        premium[found.detail][0 if found.metric == PREMIUM_CALLS else 1] += found.value
    return UsageReport(
        rows=rows,
        total=total,
        totals=UsageAnalyticsTotals(
            calls=sum(r.calls for r in priced),
            tokens_in=sum(r.tokens_in for r in priced),
            tokens_out=sum(r.tokens_out for r in priced),
            cost_usd=round(sum(r.cost_usd or 0.0 for r in priced), 6),
        ),
        premium=[
            PremiumFeatureUsage(feature=f, calls=c, cost_usd=float(Decimal(cost) / MICRO_USD))
            for f, (c, cost) in sorted(premium.items())
        ],
    )


class UsageController(FiguresController):
    path = "/analytics/usage"
    guards = [require_admin]

    @figures_get("/", 401, 403, 406, 422)
    async def get_usage_analytics(
        self,
        request: Request[Any, Any, Any],
        days: NamedDependency[SkipValidation[DateRange]],
        page: NamedDependency[SkipValidation[PageRequest]],
    ) -> Response[UsageAnalyticsResponse]:
        """AI calls, tokens and cost per day, provider, model, feature and course, and the
        premium features' calls and cost (admins). With `Accept: text/csv`: every row."""
        container = request.app.state.container

        async def json() -> UsageAnalyticsResponse:
            report = await usage_report(container, days, page.limit, page.offset)
            return UsageAnalyticsResponse(
                **RangeResponse.fields(days),
                items=report.rows,
                total=report.total,
                limit=page.limit,
                offset=page.offset,
                totals=report.totals,
                premium=report.premium,
            )

        async def csv() -> CsvTable:
            return usage_table((await usage_report(container, days, None, 0)).rows)

        return await figures_answer(request, json, csv)


async def rebuild_analytics(container: Any) -> dict[str, int]:
    """Recompute every context's daily figures from its facts (the deltas written each)."""
    return {
        "learning": await container.progress.course_figures().rebuild(),
        "assessment": await container.assessment.figures().rebuild(),
        "tutoring": await container.tutoring.figures().rebuild(),
    }

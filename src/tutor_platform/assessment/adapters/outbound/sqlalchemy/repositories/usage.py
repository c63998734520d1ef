"""Premium usage: one row per successful premium call, summed per month."""

from collections.abc import Collection
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, func, select

from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import PremiumUsageRow
from tutor_platform.assessment.domain.premium import MonthlyTotal, UsageRecord
from tutor_platform.shared.persistence.mapping import to_values
from tutor_platform.shared.persistence.repository import Repository

_USAGE = cast(Table, PremiumUsageRow.__table__)


class SqlAlchemyUsageRepository(Repository[UsageRecord]):
    table = _USAGE
    entity = UsageRecord

    def _values(self, entity: UsageRecord) -> dict[str, Any]:
        at = entity.used_at
        return to_values(entity, _USAGE, month=entity.month, created_at=at, updated_at=at)

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

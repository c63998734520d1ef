"""Premium usage: calls and exact costs summed per month and feature."""

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from tests.contract.assessment_repository.conftest import Backend
from tutor_platform.assessment.domain.premium import (
    FEATURE_COSTS,
    MonthlyTotal,
    PremiumFeature,
    UsageRecord,
)
from tutor_platform.shared.ids import new_id


async def _use(backend: Backend, user: UUID, feature: str, when: datetime) -> None:
    async with backend.uow_factory() as uow:
        await uow.usage.add(
            UsageRecord(
                id=new_id(),
                user_id=user,
                feature=feature,
                cost_usd=FEATURE_COSTS[feature],
                used_at=when,
                course_id=new_id() if feature == PremiumFeature.ADAPTIVE_LEARNING else None,
            )
        )
        await uow.commit()


async def test_usage_is_summed_exactly_per_month_and_feature(backend: Backend) -> None:
    ann, bob = new_id(), new_id()
    november = datetime(2026, 11, 30, 23, 59, tzinfo=UTC)
    december = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    for _ in range(3):
        await _use(backend, ann, PremiumFeature.ADAPTIVE_LEARNING, november)
    await _use(backend, ann, PremiumFeature.MENTOR_SESSION, november)
    await _use(backend, ann, PremiumFeature.MENTOR_SESSION, december)
    await _use(backend, bob, PremiumFeature.MENTOR_SESSION, november)
    await _use(backend, ann, PremiumFeature.MENTOR_SESSION, datetime(2025, 11, 5, tzinfo=UTC))

    async with backend.uow_factory() as uow:
        totals = await uow.usage.monthly_totals(ann, ["2026-12", "2026-11"])
        nothing = await uow.usage.monthly_totals(ann, [])

    assert sorted(totals, key=lambda t: (t.month, t.feature)) == [
        MonthlyTotal("2026-11", PremiumFeature.ADAPTIVE_LEARNING, 3, Decimal("0.054")),
        MonthlyTotal("2026-11", PremiumFeature.MENTOR_SESSION, 1, Decimal("0.090")),
        MonthlyTotal("2026-12", PremiumFeature.MENTOR_SESSION, 1, Decimal("0.090")),
    ]
    assert nothing == []

"""The door to every premium feature: the plan, the daily quota, and the usage record.

``run`` reserves a slot of the caller's daily quota before the feature's work (the AI call)
starts, so concurrent calls can never exceed the quota, and gives the slot back when the work
fails. Only a call whose work succeeded is recorded in the usage, with its cost. Callers check
the plan (``ensure_allowed``) and validate their input before ``run``, so refused calls (403,
4xx) never touch the quota; a refused reservation is 429 ``QUOTA_EXCEEDED`` with the seconds
until the next UTC midnight.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar
from uuid import UUID

from tutor_platform.assessment.domain.access import ensure_may_use_premium_features
from tutor_platform.assessment.domain.premium import (
    FEATURE_COSTS,
    UsageRecord,
    seconds_until_next_day,
    utc_day,
)
from tutor_platform.assessment.ports.quota import QuotaCounter
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import QuotaExceeded
from tutor_platform.shared.ids import new_id

T = TypeVar("T")


class PremiumGate:
    """``limits`` maps each feature to its daily quota per user."""

    def __init__(
        self,
        counter: QuotaCounter,
        uow_factory: AssessmentUnitOfWorkFactory,
        clock: Clock,
        limits: Mapping[str, int],
    ) -> None:
        self._counter = counter
        self._uow_factory = uow_factory
        self._clock = clock
        self._limits = dict(limits)

    @property
    def limits(self) -> Mapping[str, int]:
        return self._limits

    def ensure_allowed(self, principal: Principal) -> None:
        """403 PREMIUM_REQUIRED unless the caller may use premium features."""
        ensure_may_use_premium_features(principal)

    async def run(
        self,
        principal: Principal,
        feature: str,
        work: Callable[[], Awaitable[T]],
        course_id: UUID | None = None,
    ) -> T:
        """Do ``work`` within the caller's quota of ``feature`` and record its usage."""
        self.ensure_allowed(principal)
        now = self._clock.now()
        day = utc_day(now)
        user_id = principal.user_id
        if not await self._counter.reserve(user_id, feature, day, self._limits[feature]):
            raise QuotaExceeded(
                seconds_until_next_day(now),
                f"The daily quota of {feature} is used up; it starts over at 00:00 UTC.",
            )
        try:
            result = await work()
            record = UsageRecord(
                id=new_id(),
                user_id=user_id,
                feature=feature,
                cost_usd=FEATURE_COSTS[feature],
                used_at=self._clock.now(),
                course_id=course_id,
            )
            async with self._uow_factory() as uow:
                await uow.usage.add(record)
                await uow.figures.premium_used(record)
                await uow.commit()
        except BaseException:
            await self._counter.release(user_id, feature, day)
            raise
        return result

"""A user's premium usage: calls and costs per feature and month (the last 12 UTC months,
newest first, zeros included), and today's calls against each daily quota."""

from collections.abc import Mapping
from uuid import UUID

from tutor_platform.assessment.domain.errors import UserNotFound
from tutor_platform.assessment.domain.premium import (
    FEATURES,
    USAGE_MONTHS,
    DailyAllowance,
    UsageSummary,
    months_back,
    usage_months,
    utc_day,
)
from tutor_platform.assessment.ports.accounts import UserDirectory
from tutor_platform.assessment.ports.quota import QuotaCounter
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import Forbidden


class GetUsage:
    """Anyone reads their own usage; admins anyone's (404 for an unknown user)."""

    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        counter: QuotaCounter,
        users: UserDirectory,
        clock: Clock,
        limits: Mapping[str, int],
    ) -> None:
        self._uow_factory = uow_factory
        self._counter = counter
        self._users = users
        self._clock = clock
        self._limits = limits

    async def execute(self, principal: Principal, user_id: UUID) -> UsageSummary:
        if user_id != principal.user_id:
            if not principal.is_admin:
                raise Forbidden("Administrators only.")
            if not await self._users.exists(user_id):
                raise UserNotFound()
        now = self._clock.now()
        months = months_back(now, USAGE_MONTHS)
        async with self._uow_factory() as uow:
            totals = await uow.usage.monthly_totals(user_id, months)
        counts = await self._counter.counts(user_id, FEATURES, utc_day(now))
        today = {
            feature: DailyAllowance(counts.get(feature, 0), self._limits[feature])
            for feature in FEATURES
        }
        return UsageSummary(user_id, usage_months(totals, months), today)

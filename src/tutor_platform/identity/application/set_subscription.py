"""Administrators set a user's plan and, optionally, when it ends."""

from datetime import datetime
from uuid import UUID

from tutor_platform.identity.application.support.views import SubscriptionView
from tutor_platform.identity.domain.errors import UserNotFound
from tutor_platform.identity.domain.subscription import change_plan
from tutor_platform.identity.domain.validation import FieldChecks, plan_problem
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.auth import Plan
from tutor_platform.shared.clock import Clock


class SetSubscription:
    """``ends_at=None`` means no end; an end in the past records an expired subscription."""

    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, user_id: UUID, plan: Plan, ends_at: datetime | None = None
    ) -> SubscriptionView:
        checks = FieldChecks()
        checks.check("plan", plan_problem(plan))
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            now = self._clock.now()
            user.subscription = change_plan(user.subscription, plan, ends_at, now)
            user.updated_at = now
            await uow.users.update(user)
            await uow.commit()
        return SubscriptionView.of(user, now)

"""A user's subscription: plan, period and whether it runs now."""

from uuid import UUID

from tutor_platform.identity.application.support.views import SubscriptionView
from tutor_platform.identity.domain.errors import UserNotFound
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class GetSubscription:
    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, user_id: UUID) -> SubscriptionView:
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise UserNotFound()
        return SubscriptionView.of(user, self._clock.now())

"""Administrators change a user's role, activity or plan."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.identity.application.support.sessions import end_all_sessions
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.errors import UserNotFound
from tutor_platform.identity.domain.subscription import change_plan
from tutor_platform.identity.domain.user import guard_own_access
from tutor_platform.identity.domain.validation import FieldChecks, plan_problem, role_problem
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.auth import Plan, Role
from tutor_platform.shared.clock import Clock


@dataclass(frozen=True, slots=True)
class UserChanges:
    """``None`` leaves a field as it is. A new plan starts now and has no end."""

    role: Role | None = None
    is_active: bool | None = None
    plan: Plan | None = None


class UpdateUser:
    """Deactivating a user also ends their sessions at once."""

    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, actor_id: UUID, user_id: UUID, changes: UserChanges) -> UserView:
        checks = FieldChecks()
        if changes.role is not None:
            checks.check("role", role_problem(changes.role))
        if changes.plan is not None:
            checks.check("plan", plan_problem(changes.plan))
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            guard_own_access(actor_id, user, role=changes.role, is_active=changes.is_active)
            now = self._clock.now()
            user.role = changes.role or user.role
            if changes.plan is not None and changes.plan != user.subscription.effective_plan(now):
                user.subscription = change_plan(user.subscription, changes.plan, None, now)
            user.updated_at = now
            if changes.is_active is True:
                user.is_active = True
            if changes.is_active is False and user.is_active:
                user.deactivate(now)
                await end_all_sessions(uow, user, now)
            await uow.users.update(user)
            await uow.commit()
        return UserView.of(user, now)

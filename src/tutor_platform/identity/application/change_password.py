"""A user changes their password; every session ends (they log in again)."""

from uuid import UUID

from tutor_platform.identity.application.support.sessions import end_all_sessions
from tutor_platform.identity.domain.errors import UserNotFound, WrongCurrentPassword
from tutor_platform.identity.domain.password_policy import PasswordPolicy
from tutor_platform.identity.domain.validation import FieldChecks
from tutor_platform.identity.ports.security import PasswordHasher
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class ChangePassword:
    def __init__(
        self,
        uow_factory: IdentityUnitOfWorkFactory,
        hasher: PasswordHasher,
        policy: PasswordPolicy,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._policy = policy
        self._clock = clock

    async def execute(self, user_id: UUID, current_password: str, new_password: str) -> None:
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            if not await self._hasher.verify(user.password_hash, current_password):
                raise WrongCurrentPassword()
            checks = FieldChecks()
            for problem in self._policy.problems(
                new_password, email=user.email, username=user.username
            ):
                checks.check("new_password", problem)
            if new_password == current_password:
                checks.check("new_password", "must differ from the current password")
            checks.raise_if_failed()
            user.password_hash = await self._hasher.hash(new_password)
            await end_all_sessions(uow, user, self._clock.now())
            await uow.commit()

"""At start-up: make sure an administrator exists, from FIRST_ADMIN_EMAIL / _PASSWORD."""

from tutor_platform.identity.application.create_admin import CreateAdmin
from tutor_platform.identity.application.support.sessions import end_all_sessions
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken
from tutor_platform.identity.domain.password_policy import PasswordPolicy
from tutor_platform.identity.domain.validation import FieldChecks
from tutor_platform.identity.ports.security import PasswordHasher
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.auth import Role
from tutor_platform.shared.clock import Clock


class EnsureFirstAdmin:
    """Idempotent: nothing happens when an admin exists or the settings are empty.

    When the email already belongs to a user, that user becomes the admin with the configured
    password (and loses their sessions): the operator's settings win over a squatter.
    """

    def __init__(
        self,
        create_admin: CreateAdmin,
        uow_factory: IdentityUnitOfWorkFactory,
        hasher: PasswordHasher,
        policy: PasswordPolicy,
        clock: Clock,
    ) -> None:
        self._create_admin = create_admin
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._policy = policy
        self._clock = clock

    async def execute(self, email: str, password: str) -> UserView | None:
        if not email.strip() or not password:
            return None
        async with self._uow_factory() as uow:
            if await uow.users.admin_exists():
                return None
            existing = await uow.users.get_by_email(email.strip())
            if existing is not None:
                checks = FieldChecks()
                for problem in self._policy.problems(
                    password, email=existing.email, username=existing.username
                ):
                    checks.check("password", problem)
                checks.raise_if_failed()
                now = self._clock.now()
                existing.password_hash = await self._hasher.hash(password)
                existing.role, existing.is_active = Role.ADMIN, True
                await end_all_sessions(uow, existing, now)
                await uow.commit()
                return UserView.of(existing, now)
        try:
            return await self._create_admin.execute(email, password)
        except (EmailTaken, UsernameTaken):
            return None

"""Create an account with any role and plan (administrators, the CLI, registration)."""

from dataclasses import dataclass

from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.password_policy import PasswordPolicy
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.identity.domain.user import User
from tutor_platform.identity.domain.validation import (
    FieldChecks,
    clean_name,
    clean_username,
    email_problem,
    full_name_problem,
    plan_problem,
    role_problem,
    username_problem,
)
from tutor_platform.identity.ports.security import PasswordHasher
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.auth import Plan, Role
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id


@dataclass(frozen=True, slots=True)
class NewUser:
    email: str
    username: str
    password: str
    full_name: str = ""
    role: Role = Role.STUDENT
    plan: Plan = Plan.FREE


class CreateUser:
    """Validate every field and the password policy, hash, store; 409 on a taken email/username."""

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

    async def execute(self, cmd: NewUser) -> UserView:
        email, username = cmd.email.strip(), clean_username(cmd.username)
        full_name = clean_name(cmd.full_name)
        checks = FieldChecks()
        checks.check("email", email_problem(email))
        checks.check("username", username_problem(username))
        checks.check("full_name", full_name_problem(full_name))
        checks.check("role", role_problem(cmd.role))
        checks.check("plan", plan_problem(cmd.plan))
        for problem in self._policy.problems(cmd.password, email=email, username=username):
            checks.check("password", problem)
        checks.raise_if_failed()
        password_hash = await self._hasher.hash(cmd.password)
        now = self._clock.now()
        user = User(
            id=new_id(),
            email=email,
            username=username,
            password_hash=password_hash,
            subscription=Subscription(plan=cmd.plan, started_at=now),
            created_at=now,
            updated_at=now,
            full_name=full_name,
            role=cmd.role,
        )
        async with self._uow_factory() as uow:
            await uow.users.add(user)
            await uow.commit()
        return UserView.of(user, now)

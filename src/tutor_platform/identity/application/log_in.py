"""Log in with email or username and password: a new session (token pair)."""

from tutor_platform.identity.application.support.sessions import SessionTokens
from tutor_platform.identity.application.support.views import TokenPair
from tutor_platform.identity.domain.errors import AccountInactive, InvalidCredentials
from tutor_platform.identity.domain.user import User
from tutor_platform.identity.domain.validation import (
    MAX_EMAIL_LENGTH,
    clean_username,
    has_control_characters,
)
from tutor_platform.identity.ports.repositories import UserRepository
from tutor_platform.identity.ports.security import PasswordHasher
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class LogIn:
    """An unknown login costs one hash verification too, so both failures look the same."""

    def __init__(
        self,
        uow_factory: IdentityUnitOfWorkFactory,
        hasher: PasswordHasher,
        sessions: SessionTokens,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._sessions = sessions
        self._clock = clock

    async def execute(self, login: str, password: str) -> TokenPair:
        async with self._uow_factory() as uow:
            user = await _find(uow.users, login.strip())
            password_hash = user.password_hash if user else await self._hasher.dummy_hash()
            matches = await self._hasher.verify(password_hash, password)
            if user is None or not matches:
                raise InvalidCredentials()
            if not user.is_active:
                raise AccountInactive()
            now = self._clock.now()
            if self._hasher.needs_rehash(user.password_hash):
                user.password_hash = await self._hasher.hash(password)
                await uow.users.update(user)
            pair = await self._sessions.issue(uow, user, now)
            await uow.commit()
        return pair


async def _find(users: UserRepository, login: str) -> User | None:
    if not login or len(login) > MAX_EMAIL_LENGTH or has_control_characters(login):
        return None
    if "@" in login:
        return await users.get_by_email(login)
    return await users.get_by_username(clean_username(login))

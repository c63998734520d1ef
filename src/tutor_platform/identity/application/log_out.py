"""Log out: revoke the family of a refresh token (idempotent)."""

from tutor_platform.identity.domain.refresh_token import hash_refresh_secret
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class LogOut:
    """An unknown or already revoked token is not an error: the session is over either way."""

    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, refresh_token: str) -> None:
        async with self._uow_factory() as uow:
            token = await uow.refresh_tokens.get_by_hash(hash_refresh_secret(refresh_token))
            if token is not None:
                await uow.refresh_tokens.revoke_family(token.family_id, self._clock.now())
                await uow.commit()

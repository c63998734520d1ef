"""``UserDirectory`` over the identity context's facade."""

from uuid import UUID

from tutor_platform.identity.api import IdentityFacade
from tutor_platform.shared.errors import NotFound


class IdentityUserDirectory:
    def __init__(self, identity: IdentityFacade) -> None:
        self._identity = identity

    async def timezone_of(self, user_id: UUID) -> str | None:
        try:
            user = await self._identity.get_user(user_id)
        except NotFound:
            return None
        zone = user.preferences.get("timezone")
        return zone if isinstance(zone, str) else None

    async def exists(self, user_id: UUID) -> bool:
        try:
            await self._identity.get_user(user_id)
        except NotFound:
            return False
        return True

"""Learner profiles read from the identity context, through its facade."""

from uuid import UUID

from tutor_platform.identity.api import IdentityFacade
from tutor_platform.shared.errors import NotFound

DEFAULT_TIMEZONE = "UTC"


class IdentityLearnerProfiles:
    """``preferences.timezone`` of the user; ``"UTC"`` when unset, not a string, or the
    user is unknown (progress then counts days in UTC)."""

    def __init__(self, identity: IdentityFacade) -> None:
        self._identity = identity

    async def timezone_of(self, user_id: UUID) -> str:
        try:
            user = await self._identity.get_user(user_id)
        except NotFound:
            return DEFAULT_TIMEZONE
        timezone = user.preferences.get("timezone")
        return timezone if isinstance(timezone, str) else DEFAULT_TIMEZONE

"""Administrators deactivate a user: data kept, sessions and tokens dead at once."""

from uuid import UUID

from tutor_platform.identity.application.update_user import UpdateUser, UserChanges


class DeactivateUser:
    def __init__(self, update_user: UpdateUser) -> None:
        self._update_user = update_user

    async def execute(self, actor_id: UUID, user_id: UUID) -> None:
        await self._update_user.execute(actor_id, user_id, UserChanges(is_active=False))

"""Read one user."""

from uuid import UUID

from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.errors import UserNotFound
from tutor_platform.identity.ports.repositories import UserReader
from tutor_platform.shared.clock import Clock


class GetUser:
    """Through the authentication lookup (``UserReader``): the user the caller's request has
    just been authenticated with is read without a query, and every committed change of a
    user invalidates it as it does for authentication."""

    def __init__(self, users: UserReader, clock: Clock) -> None:
        self._users = users
        self._clock = clock

    async def execute(self, user_id: UUID) -> UserView:
        user = await self._users.get(user_id)
        if user is None:
            raise UserNotFound()
        return UserView.of(user, self._clock.now())

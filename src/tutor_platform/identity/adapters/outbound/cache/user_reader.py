"""A short-lived cache in front of the authentication lookup, invalidated by user changes."""

from uuid import UUID

from tutor_platform.identity.domain.events import UsersChanged
from tutor_platform.identity.domain.user import User
from tutor_platform.identity.ports.repositories import UserReader
from tutor_platform.shared.cache.ttl_cache import Invalidator, TtlCache


def user_tag(user_id: UUID) -> str:
    return f"user:{user_id}"


class CachingUserReader:
    """Reads users for authentication through a ``TtlCache``.

    Every committed change of a user invalidates it (see :class:`UserCacheInvalidation`), so
    deactivation, role and plan changes and ended sessions take effect on the next request;
    the TTL only bounds how long a copy may live if an invalidation were lost.
    """

    def __init__(self, inner: UserReader, cache: TtlCache[UUID, User | None]) -> None:
        self._inner = inner
        self._cache = cache

    async def get(self, user_id: UUID) -> User | None:
        return await self._cache.get_or_load(
            user_id, lambda: self._inner.get(user_id), lambda _: (user_tag(user_id),)
        )


class UserCacheInvalidation:
    """Handles ``UsersChanged``: invalidates the changed users (in every process when the
    invalidator is shared through Redis)."""

    def __init__(self, invalidator: Invalidator) -> None:
        self._invalidator = invalidator

    async def users_changed(self, event: UsersChanged) -> None:
        await self._invalidator.invalidate([user_tag(user_id) for user_id in event.user_ids])

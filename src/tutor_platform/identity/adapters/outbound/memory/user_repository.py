"""Users in a dict, with the same uniqueness rules as the database."""

import copy
from collections.abc import Callable
from uuid import UUID

from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken, UserNotFound
from tutor_platform.identity.domain.user import User, normalize_email
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.auth import Role
from tutor_platform.shared.pagination import PageRequest


class InMemoryUserRepository:
    """Stores copies, so a changed entity is only saved by ``update``."""

    def __init__(self, store: InMemoryIdentityStore) -> None:
        self._users = store.users

    async def get(self, user_id: UUID) -> User | None:
        user = self._users.get(user_id)
        return copy.deepcopy(user)

    async def get_by_email(self, email: str) -> User | None:
        wanted = normalize_email(email)
        return self._first(lambda user: user.email_normalized == wanted)

    async def get_by_username(self, username: str) -> User | None:
        return self._first(lambda user: user.username == username)

    async def add(self, user: User) -> None:
        self._check_unique(user)
        self._users[user.id] = copy.deepcopy(user)

    async def update(self, user: User) -> None:
        if user.id not in self._users:
            raise UserNotFound()
        self._check_unique(user)
        self._users[user.id] = copy.deepcopy(user)

    async def search(self, query: UserQuery, page: PageRequest) -> tuple[list[User], int]:
        text = (query.q or "").lower()
        found = [
            user
            for user in sorted(self._users.values(), key=lambda u: (u.created_at, u.id))
            if (query.role is None or user.role == query.role)
            and (query.is_active is None or user.is_active == query.is_active)
            and (
                not text
                or text in user.email_normalized
                or text in user.username
                or text in user.full_name.lower()
            )
        ]
        selected = found[page.offset : page.offset + page.limit]
        return [copy.deepcopy(user) for user in selected], len(found)

    async def admin_exists(self) -> bool:
        return any(user.role == Role.ADMIN for user in self._users.values())

    def _first(self, matches: Callable[[User], bool]) -> User | None:
        return next((copy.deepcopy(u) for u in self._users.values() if matches(u)), None)

    def _check_unique(self, user: User) -> None:
        for other in self._users.values():
            if other.id == user.id:
                continue
            if other.email_normalized == user.email_normalized:
                raise EmailTaken()
            if other.username == user.username:
                raise UsernameTaken()

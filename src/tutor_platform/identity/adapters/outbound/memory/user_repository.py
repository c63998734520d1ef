"""Users in a dict, with the same uniqueness rules as the database."""

from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken, UserNotFound
from tutor_platform.identity.domain.user import User, normalize_email
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.auth import Role
from tutor_platform.shared.in_memory import InMemoryRepository
from tutor_platform.shared.pagination import PageRequest


class InMemoryUserRepository(InMemoryRepository[User]):
    def __init__(self, store: InMemoryIdentityStore) -> None:
        super().__init__(store.users)

    async def get_by_email(self, email: str) -> User | None:
        wanted = normalize_email(email)
        return self._first(lambda user: user.email_normalized == wanted)

    async def get_by_username(self, username: str) -> User | None:
        return self._first(lambda user: user.username == username)

    async def add(self, user: User) -> None:
        self._check_unique(user)
        await super().add(user)

    async def update(self, user: User) -> None:
        if user.id not in self._rows:
            raise UserNotFound()
        self._check_unique(user)
        await super().update(user)

    async def search(self, query: UserQuery, page: PageRequest) -> tuple[list[User], int]:
        text = (query.q or "").lower()

        def matches(user: User) -> bool:
            return (
                (query.role is None or user.role == query.role)
                and (query.is_active is None or user.is_active == query.is_active)
                and (
                    not text
                    or text in user.email_normalized
                    or text in user.username
                    or text in user.full_name.lower()
                )
            )

        return self._page(matches, page, key=lambda u: (u.created_at, u.id))

    async def admin_exists(self) -> bool:
        return any(user.role == Role.ADMIN for user in self._rows.values())

    def _check_unique(self, user: User) -> None:
        for other in self._rows.values():
            if other.id == user.id:
                continue
            if other.email_normalized == user.email_normalized:
                raise EmailTaken()
            if other.username == user.username:
                raise UsernameTaken()

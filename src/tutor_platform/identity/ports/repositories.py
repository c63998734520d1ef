"""Storage of users and refresh tokens. Repositories never commit: the unit of work does."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.identity.domain.refresh_token import RefreshToken
from tutor_platform.identity.domain.user import User
from tutor_platform.shared.pagination import PageRequest


@dataclass(frozen=True, slots=True)
class UserQuery:
    """Filters of the admin user list; ``q`` matches part of email, username or full name."""

    role: str | None = None
    is_active: bool | None = None
    q: str | None = None


class UserReader(Protocol):
    """Reads one user outside any unit of work: the per-request authentication lookup."""

    async def get(self, user_id: UUID) -> User | None: ...


class UserRepository(Protocol):
    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None:
        """The user with this email, compared case-insensitively."""
        ...

    async def get_by_username(self, username: str) -> User | None: ...

    async def add(self, user: User) -> None:
        """Store a new user; ``EmailTaken`` / ``UsernameTaken`` when either is in use."""
        ...

    async def update(self, user: User) -> None:
        """Store the changed user; ``UserNotFound``, ``EmailTaken``, ``UsernameTaken``."""
        ...

    async def search(self, query: UserQuery, page: PageRequest) -> tuple[list[User], int]:
        """One page of matching users, oldest first, and how many match in all."""
        ...

    async def admin_exists(self) -> bool: ...


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshToken) -> None: ...

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None: ...

    async def consume(self, token_id: UUID, now: datetime) -> bool:
        """Mark an active token used, atomically: true for exactly one concurrent caller."""
        ...

    async def revoke_family(self, family_id: UUID, now: datetime) -> int:
        """Revoke every not yet revoked token of a family; returns how many."""
        ...

    async def revoke_all_for_user(self, user_id: UUID, now: datetime) -> int: ...

    async def delete_expired(self, now: datetime) -> int:
        """Delete tokens whose expiry has passed; returns how many."""
        ...

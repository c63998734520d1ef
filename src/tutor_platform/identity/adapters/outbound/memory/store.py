"""The shared state behind the in-memory repositories (one per fake "database")."""

from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.identity.domain.refresh_token import RefreshToken
from tutor_platform.identity.domain.user import User


@dataclass
class InMemoryIdentityStore:
    users: dict[UUID, User] = field(default_factory=dict)
    refresh_tokens: dict[UUID, RefreshToken] = field(default_factory=dict)
    commits: int = 0

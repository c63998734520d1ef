"""Who is calling: the authenticated principal every context can reason about."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

ADMIN = "admin"
INSTRUCTOR = "instructor"
STUDENT = "student"
PREMIUM = "premium"


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of a request, as established from a valid access token."""

    user_id: UUID
    role: str
    plan: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def is_instructor(self) -> bool:
        return self.role in (INSTRUCTOR, ADMIN)

    @property
    def is_premium(self) -> bool:
        return self.plan == PREMIUM


class Authenticator(Protocol):
    """Turns a bearer access token into a principal, or raises an ``Unauthenticated`` error."""

    async def authenticate(self, token: str) -> Principal: ...

    def peek_subject(self, token: str) -> str | None:
        """The verified subject of a token without touching storage (for rate-limit keys)."""
        ...

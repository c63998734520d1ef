"""Who is calling: the authenticated principal every context can reason about."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol
from uuid import UUID


class Role(StrEnum):
    """What a user may do: learn, also author courses, also administer the platform."""

    STUDENT = "student"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


class Plan(StrEnum):
    """A subscription plan; premium unlocks the premium lessons and AI features."""

    FREE = "free"
    PREMIUM = "premium"


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of a request, as established from a valid access token."""

    user_id: UUID
    role: Role
    plan: Plan

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_instructor(self) -> bool:
        return self.role in (Role.INSTRUCTOR, Role.ADMIN)

    @property
    def is_premium(self) -> bool:
        return self.plan == Plan.PREMIUM


class Authenticator(Protocol):
    """Turns a bearer access token into a principal, or raises an ``Unauthenticated`` error."""

    async def authenticate(self, token: str) -> Principal: ...

    def peek_subject(self, token: str) -> str | None:
        """The verified subject of a token without touching storage (for rate-limit keys)."""
        ...

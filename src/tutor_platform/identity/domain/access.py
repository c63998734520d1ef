"""What an access token says about its holder."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tutor_platform.shared.auth import Plan, Role


@dataclass(frozen=True, slots=True)
class AccessGrant:
    """What to put in a new access token."""

    user_id: UUID
    role: Role
    plan: Plan
    token_version: int


@dataclass(frozen=True, slots=True)
class IssuedAccessToken:
    token: str
    expires_in: int


@dataclass(frozen=True, slots=True)
class AccessClaims:
    """The verified content of an access token."""

    user_id: UUID
    role: Role
    plan: Plan
    token_version: int
    issued_at: datetime
    expires_at: datetime
    token_id: str

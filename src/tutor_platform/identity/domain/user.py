"""The user entity."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from tutor_platform.identity.domain.errors import OwnAccessChange
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.shared.auth import Role


@dataclass(slots=True)
class User:
    """A person with an account.

    ``token_version`` grows whenever every session must end (password change, logout
    everywhere, deactivation): access tokens carry it and stop working once it moves on.
    """

    id: UUID
    email: str
    username: str
    password_hash: str
    subscription: Subscription
    created_at: datetime
    updated_at: datetime
    full_name: str = ""
    role: Role = Role.STUDENT
    is_active: bool = True
    preferences: dict[str, Any] = field(default_factory=dict)
    token_version: int = 0

    @property
    def email_normalized(self) -> str:
        return normalize_email(self.email)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def end_sessions(self, now: datetime) -> None:
        """Invalidate every access token issued so far."""
        self.token_version += 1
        self.updated_at = now

    def deactivate(self, now: datetime) -> None:
        """Mark the account inactive; its sessions must be ended as well."""
        self.is_active = False
        self.updated_at = now


def guard_own_access(
    actor_id: UUID, target: User, *, role: Role | None = None, is_active: bool | None = None
) -> None:
    """An administrator may not demote or deactivate themselves (and lock everyone out)."""
    if actor_id == target.id and ((role is not None and role != Role.ADMIN) or is_active is False):
        raise OwnAccessChange()


def normalize_email(email: str) -> str:
    """The form under which emails are compared: trimmed and lower-case."""
    return email.strip().lower()

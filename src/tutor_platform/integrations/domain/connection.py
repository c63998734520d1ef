"""A user's connection to Google Drive, and the one-use state of a connection under way."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final
from uuid import UUID

STATE_TTL: Final = timedelta(minutes=10)
REFRESH_LEEWAY: Final = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class TokenSet:
    """What Google's token endpoint answered; ``refresh_token`` may be absent on refresh."""

    access_token: str
    expires_at: datetime
    refresh_token: str | None = None
    scope: str = ""


@dataclass(frozen=True, slots=True)
class DriveConnection:
    """The user's tokens (plain here; encrypted at rest by the adapter that stores them)."""

    user_id: UUID
    access_token: str
    refresh_token: str | None
    expires_at: datetime
    scope: str
    connected_at: datetime
    email: str | None = None

    def needs_refresh(self, now: datetime) -> bool:
        """Refreshed a minute before it expires, so no request goes out with a dying token."""
        return self.refresh_token is not None and now >= self.expires_at - REFRESH_LEEWAY

    def refreshed(self, tokens: TokenSet) -> "DriveConnection":
        """Google sends a new refresh token only sometimes: keep the old one otherwise."""
        return replace(
            self,
            access_token=tokens.access_token,
            expires_at=tokens.expires_at,
            refresh_token=tokens.refresh_token or self.refresh_token,
            scope=tokens.scope or self.scope,
        )


@dataclass(frozen=True, slots=True)
class AuthorizationState:
    """One authorization under way: bound to its user, used once, 10 minutes at most.
    ``state_hash`` is the SHA-256 of the ``state`` sent to Google."""

    state_hash: str
    user_id: UUID
    code_verifier: str
    expires_at: datetime

    @classmethod
    def start(
        cls, state_hash: str, user_id: UUID, code_verifier: str, now: datetime
    ) -> "AuthorizationState":
        return cls(state_hash, user_id, code_verifier, now + STATE_TTL)

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at

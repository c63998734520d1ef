"""Refresh tokens: opaque, stored hashed, single use, grouped in a family per login."""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from uuid import UUID


class RefreshTokenState(Enum):
    ACTIVE = "active"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"


@dataclass(slots=True)
class RefreshToken:
    """One refresh token as stored: only the hash of the secret the client holds."""

    id: UUID
    user_id: UUID
    family_id: UUID
    token_hash: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    def state(self, now: datetime) -> RefreshTokenState:
        """Revoked wins over used, used over expired: a spent token presented again is a
        reuse (its family gets revoked) even after it expired."""
        if self.revoked_at is not None:
            return RefreshTokenState.REVOKED
        if self.used_at is not None:
            return RefreshTokenState.USED
        if now >= self.expires_at:
            return RefreshTokenState.EXPIRED
        return RefreshTokenState.ACTIVE


def new_refresh_secret() -> str:
    """The opaque value handed to the client (256 bits of randomness)."""
    return secrets.token_urlsafe(32)


def hash_refresh_secret(secret: str) -> str:
    """What is stored and looked up: the SHA-256 of the secret, in hex."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def successor_secret(key: str, secret: str) -> str:
    """The secret that rotating ``secret`` hands out: derived (HMAC-SHA256 under the server's
    key), so that a second refresh of the same token within the reuse grace period can be
    given the same new token without storing any secret."""
    digest = hmac.new(key.encode(), b"rotate:" + secret.encode("utf-8", "surrogatepass"), "sha256")
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()

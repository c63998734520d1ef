"""Fakes of identity's security ports: readable, instant and countable."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID

from tutor_platform.identity.domain.access import AccessClaims, AccessGrant, IssuedAccessToken
from tutor_platform.identity.domain.errors import InvalidAccessToken
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import TokenExpired


@dataclass
class CountingPasswordHasher:
    """Hashes are ``fake$<version>$<password>``; ``version`` stands for the parameters."""

    version: int = 1
    hashed: int = 0
    verified: list[str] = field(default_factory=list)

    async def hash(self, password: str) -> str:
        self.hashed += 1
        return f"fake${self.version}${password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        self.verified.append(password_hash)
        return password_hash.split("$", 2)[-1] == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"fake${self.version}$")

    async def dummy_hash(self) -> str:
        return f"fake${self.version}$<dummy>"


class FakeTokenIssuer:
    """Tokens are ``access|<user id>|<role>|<plan>|<version>|<expiry timestamp>``."""

    def __init__(self, clock: Clock, ttl_seconds: int = 900) -> None:
        self._clock = clock
        self.ttl_seconds = ttl_seconds

    def issue(self, grant: AccessGrant) -> IssuedAccessToken:
        expires = int(self._clock.now().timestamp()) + self.ttl_seconds
        parts = ["access", grant.user_id, grant.role, grant.plan, grant.token_version, expires]
        return IssuedAccessToken(token="|".join(map(str, parts)), expires_in=self.ttl_seconds)

    def verify(self, token: str) -> AccessClaims:
        parts = token.split("|")
        if len(parts) != 6 or parts[0] != "access":
            raise InvalidAccessToken()
        expires_at = datetime.fromtimestamp(int(parts[5]), UTC)
        if expires_at <= self._clock.now():
            raise TokenExpired()
        return AccessClaims(
            user_id=UUID(parts[1]),
            role=parts[2],
            plan=parts[3],
            token_version=int(parts[4]),
            issued_at=expires_at - timedelta(seconds=self.ttl_seconds),
            expires_at=expires_at,
            token_id=token,
        )

"""Password hashing and access tokens."""

from typing import Protocol

from tutor_platform.identity.domain.access import AccessClaims, AccessGrant, IssuedAccessToken


class PasswordHasher(Protocol):
    """Slow, salted password hashing; the async methods keep the event loop free."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches; false on a mismatch or an unreadable hash."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """Whether the hash was made with other parameters than the current ones."""
        ...

    async def dummy_hash(self) -> str:
        """A valid hash of no one's password, to verify against when the user is unknown."""
        ...


class TokenIssuer(Protocol):
    """Signs and verifies access tokens."""

    def issue(self, grant: AccessGrant) -> IssuedAccessToken: ...

    def verify(self, token: str) -> AccessClaims:
        """The claims of a valid access token; ``TokenExpired`` or ``InvalidAccessToken``."""
        ...

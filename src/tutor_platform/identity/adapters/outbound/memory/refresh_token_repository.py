"""Refresh tokens in a dict; each method runs without awaiting, hence atomically."""

from datetime import datetime
from uuid import UUID

from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.domain.refresh_token import RefreshToken
from tutor_platform.shared.in_memory import InMemoryRepository


class InMemoryRefreshTokenRepository(InMemoryRepository[RefreshToken]):
    def __init__(self, store: InMemoryIdentityStore) -> None:
        super().__init__(store.refresh_tokens)

    async def add(self, token: RefreshToken) -> None:
        if any(other.token_hash == token.token_hash for other in self._rows.values()):
            raise ValueError("duplicate refresh token hash")
        await super().add(token)

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        return self._first(lambda token: token.token_hash == token_hash)

    async def consume(self, token_id: UUID, now: datetime) -> bool:
        token = self._rows.get(token_id)
        if token is None or token.used_at or token.revoked_at or token.expires_at <= now:
            return False
        token.used_at = now
        return True

    async def revoke_family(self, family_id: UUID, now: datetime) -> int:
        return self._revoke([t for t in self._rows.values() if t.family_id == family_id], now)

    async def revoke_all_for_user(self, user_id: UUID, now: datetime) -> int:
        return self._revoke([t for t in self._rows.values() if t.user_id == user_id], now)

    async def delete_expired(self, now: datetime) -> int:
        expired = [key for key, token in self._rows.items() if token.expires_at <= now]
        for key in expired:
            del self._rows[key]
        return len(expired)

    @staticmethod
    def _revoke(tokens: list[RefreshToken], now: datetime) -> int:
        active = [token for token in tokens if token.revoked_at is None]
        for token in active:
            token.revoked_at = now
        return len(active)

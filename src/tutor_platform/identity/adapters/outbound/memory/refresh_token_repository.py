"""Refresh tokens in a dict; each method runs without awaiting, hence atomically."""

import copy
from datetime import datetime
from uuid import UUID

from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.domain.refresh_token import RefreshToken


class InMemoryRefreshTokenRepository:
    def __init__(self, store: InMemoryIdentityStore) -> None:
        self._tokens = store.refresh_tokens

    async def add(self, token: RefreshToken) -> None:
        if any(other.token_hash == token.token_hash for other in self._tokens.values()):
            raise ValueError("duplicate refresh token hash")
        self._tokens[token.id] = copy.copy(token)

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        found = (t for t in self._tokens.values() if t.token_hash == token_hash)
        return copy.copy(next(found, None))

    async def consume(self, token_id: UUID, now: datetime) -> bool:
        token = self._tokens.get(token_id)
        if token is None or token.used_at or token.revoked_at or token.expires_at <= now:
            return False
        token.used_at = now
        return True

    async def revoke_family(self, family_id: UUID, now: datetime) -> int:
        return self._revoke([t for t in self._tokens.values() if t.family_id == family_id], now)

    async def revoke_all_for_user(self, user_id: UUID, now: datetime) -> int:
        return self._revoke([t for t in self._tokens.values() if t.user_id == user_id], now)

    async def delete_expired(self, now: datetime) -> int:
        expired = [key for key, token in self._tokens.items() if token.expires_at <= now]
        for key in expired:
            del self._tokens[key]
        return len(expired)

    @staticmethod
    def _revoke(tokens: list[RefreshToken], now: datetime) -> int:
        active = [token for token in tokens if token.revoked_at is None]
        for token in active:
            token.revoked_at = now
        return len(active)

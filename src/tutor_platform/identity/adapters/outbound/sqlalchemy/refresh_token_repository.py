"""Refresh tokens on SQLAlchemy; consuming one is a single conditional UPDATE."""

from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Table, delete, update

from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import RefreshTokenRow
from tutor_platform.identity.domain.refresh_token import RefreshToken
from tutor_platform.shared.persistence.mapping import to_values
from tutor_platform.shared.persistence.repository import Repository

_TOKENS = cast(Table, RefreshTokenRow.__table__)
_C = _TOKENS.c


class SqlAlchemyRefreshTokenRepository(Repository[RefreshToken]):
    table = _TOKENS
    entity = RefreshToken

    def _values(self, entity: RefreshToken) -> dict[str, Any]:
        return to_values(entity, _TOKENS, updated_at=entity.created_at)

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        """The token as stored now."""
        return await self.first(_C.token_hash == token_hash)

    async def consume(self, token_id: UUID, now: datetime) -> bool:
        """``UPDATE ... WHERE used_at IS NULL AND revoked_at IS NULL``: the row count decides."""
        consumed = await self._set(
            {"used_at": now},
            now,
            _C.id == token_id,
            _C.used_at.is_(None),
            _C.revoked_at.is_(None),
            _C.expires_at > now,
        )
        return consumed == 1

    async def revoke_family(self, family_id: UUID, now: datetime) -> int:
        return await self._set(
            {"revoked_at": now}, now, _C.family_id == family_id, _C.revoked_at.is_(None)
        )

    async def revoke_all_for_user(self, user_id: UUID, now: datetime) -> int:
        return await self._set(
            {"revoked_at": now}, now, _C.user_id == user_id, _C.revoked_at.is_(None)
        )

    async def delete_expired(self, now: datetime) -> int:
        return await self._write(delete(_TOKENS).where(_C.expires_at <= now))

    async def _set(
        self, values: dict[str, datetime], now: datetime, *conditions: ColumnElement[bool]
    ) -> int:
        return await self._write(
            update(_TOKENS).where(*conditions).values(**values, updated_at=now)
        )

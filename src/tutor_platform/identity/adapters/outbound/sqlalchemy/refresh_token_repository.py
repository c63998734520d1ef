"""Refresh tokens on SQLAlchemy; consuming one is a single conditional UPDATE."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, CursorResult, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.identity.adapters.outbound.sqlalchemy.mappers import (
    refresh_token_from_row,
    refresh_token_to_row,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import RefreshTokenRow
from tutor_platform.identity.domain.refresh_token import RefreshToken

_T = RefreshTokenRow


class SqlAlchemyRefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: RefreshToken) -> None:
        self._session.add(refresh_token_to_row(token))
        await self._session.flush()

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        """The token as stored now (a row loaded earlier in the session is read again)."""
        query = select(_T).where(_T.token_hash == token_hash)
        row = await self._session.scalar(query.execution_options(populate_existing=True))
        return None if row is None else refresh_token_from_row(row)

    async def consume(self, token_id: UUID, now: datetime) -> bool:
        """``UPDATE ... WHERE used_at IS NULL AND revoked_at IS NULL``: the row count decides."""
        consumed = await self._set(
            {"used_at": now},
            now,
            _T.id == token_id,
            _T.used_at.is_(None),
            _T.revoked_at.is_(None),
            _T.expires_at > now,
        )
        return consumed == 1

    async def revoke_family(self, family_id: UUID, now: datetime) -> int:
        return await self._set(
            {"revoked_at": now}, now, _T.family_id == family_id, _T.revoked_at.is_(None)
        )

    async def revoke_all_for_user(self, user_id: UUID, now: datetime) -> int:
        return await self._set(
            {"revoked_at": now}, now, _T.user_id == user_id, _T.revoked_at.is_(None)
        )

    async def delete_expired(self, now: datetime) -> int:
        result = await self._session.execute(
            delete(_T).where(_T.expires_at <= now),
            execution_options={"synchronize_session": False},
        )
        return _rowcount(result)

    async def _set(
        self, values: dict[str, datetime], now: datetime, *conditions: ColumnElement[bool]
    ) -> int:
        result = await self._session.execute(
            update(_T).where(*conditions).values(**values, updated_at=now),
            execution_options={"synchronize_session": False},
        )
        return _rowcount(result)


def _rowcount(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0

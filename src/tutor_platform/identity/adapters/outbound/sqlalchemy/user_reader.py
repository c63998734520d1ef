"""The authentication lookup: one primary-key SELECT on an autocommit connection.

No ORM session and no transaction (no BEGIN/ROLLBACK round trips): this runs on every
authenticated request.
"""

from uuid import UUID

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.identity.adapters.outbound.sqlalchemy.user_repository import (
    USERS,
    user_from_row,
)
from tutor_platform.identity.domain.user import User

_BY_ID = select(USERS).where(USERS.c.id == bindparam("user_id"))


class SqlAlchemyUserReader:
    """Implements ``UserReader`` with a Core query on a pooled autocommit connection."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def get(self, user_id: UUID) -> User | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(_BY_ID, {"user_id": user_id})).first()
        return None if row is None else user_from_row(row)

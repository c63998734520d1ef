"""Google tokens at rest: encrypted with the newest TOKEN_ENCRYPTION_KEYS key, readable with
any configured key, and re-encrypted with the newest one when used (key rotation).

Marked ``both_databases``: it reads and writes the stored rows."""

from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.clock import T0, fixed_clock
from tutor_platform.integrations.adapters.outbound.fernet_cipher import FernetTokenCipher
from tutor_platform.integrations.adapters.outbound.sqlalchemy.tables import DriveConnectionRow
from tutor_platform.integrations.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIntegrationsUnitOfWork,
)
from tutor_platform.integrations.application.support.drive_session import DriveSession
from tutor_platform.integrations.domain.connection import DriveConnection, TokenSet
from tutor_platform.shared.persistence.engine import create_session_factory

pytestmark = pytest.mark.both_databases
USER = UUID("0190c0de-0000-7000-8000-000000000001")
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


class NoRefresh:
    """An OAuth client that must not be asked anything."""

    def authorization_url(self, state: str, code_verifier: str) -> str:
        raise AssertionError("not used")

    async def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        raise AssertionError("not used")

    async def refresh(self, refresh_token: str) -> TokenSet:
        raise AssertionError("the token is still fresh")

    async def revoke(self, token: str) -> None:
        raise AssertionError("not used")


async def _row(engine: AsyncEngine) -> Any:
    async with engine.connect() as connection:
        return (await connection.execute(select(DriveConnectionRow.__table__))).one()


async def test_tokens_under_an_old_key_are_read_and_re_encrypted_when_used(
    db_engine: AsyncEngine, clean_db: None
) -> None:
    sessions = create_session_factory(db_engine)
    old_uow = lambda: SqlAlchemyIntegrationsUnitOfWork(sessions, FernetTokenCipher([OLD]))  # noqa: E731
    new_uow = lambda: SqlAlchemyIntegrationsUnitOfWork(sessions, FernetTokenCipher([NEW, OLD]))  # noqa: E731
    connection = DriveConnection(
        USER, "ya29.secret", "1//refresh", T0 + timedelta(hours=1), "s", T0
    )
    async with old_uow() as uow:
        await uow.connections.save(connection)
        await uow.commit()
    before = await _row(db_engine)
    assert "ya29" not in before.access_token_encrypted
    assert FernetTokenCipher([OLD]).decrypt(before.access_token_encrypted) == "ya29.secret"

    session = DriveSession(new_uow, NoRefresh(), fixed_clock(T0))

    async def use(token: str) -> str:
        return token

    assert await session.run(USER, use) == "ya29.secret"
    after = await _row(db_engine)
    only_new = FernetTokenCipher([NEW])
    assert only_new.decrypt(after.access_token_encrypted) == "ya29.secret"
    assert after.refresh_token_encrypted is not None
    assert only_new.decrypt(after.refresh_token_encrypted) == "1//refresh"

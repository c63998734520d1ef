"""Helpers for identity's HTTP tests: accounts with tokens, and a view of the stored rows."""

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import (
    PASSWORD,
    Account,
    Client,
    MakeAccount,
    assert_error,
    in_app_loop,
    log_in,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import RefreshTokenRow, UserRow
from tutor_platform.identity.api import IdentityFacade

__all__ = ["PASSWORD", "Account", "Client", "MakeAccount", "assert_error", "in_app_loop", "log_in"]

NEW_PASSWORD = "orange-bicycle-cloud"


@pytest.fixture
def facade(app: Litestar) -> IdentityFacade:
    facade: IdentityFacade = app.state.container.identity.facade()
    return facade


Snapshot = Callable[[], Awaitable[list[tuple[Any, ...]]]]


@pytest.fixture
def snapshot(db_engine: AsyncEngine) -> Snapshot:
    """Every stored user and refresh token, to prove a request changed nothing."""

    async def take() -> list[tuple[Any, ...]]:
        async with db_engine.connect() as connection:
            users = await connection.execute(select(UserRow.__table__).order_by(UserRow.id))
            tokens = await connection.execute(
                select(RefreshTokenRow.__table__).order_by(RefreshTokenRow.id)
            )
            return [tuple(row) for row in [*users.all(), *tokens.all()]]

    return take

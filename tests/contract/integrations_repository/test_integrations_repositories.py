"""The integrations' repositories, for the SQLAlchemy adapter and the in-memory fake."""

from collections.abc import Callable
from datetime import timedelta
from functools import partial

import pytest
from cryptography.fernet import Fernet

from tests.support.clock import T0
from tutor_platform.integrations.adapters.outbound.fernet_cipher import FernetTokenCipher
from tutor_platform.integrations.adapters.outbound.memory.store import InMemoryIntegrationsStore
from tutor_platform.integrations.adapters.outbound.memory.unit_of_work import (
    InMemoryIntegrationsUnitOfWork,
)
from tutor_platform.integrations.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIntegrationsUnitOfWork,
)
from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.imports import DriveImport, ImportKind
from tutor_platform.integrations.ports.unit_of_work import IntegrationsUnitOfWork
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory

Factory = Callable[[], IntegrationsUnitOfWork]
USER = new_id()


@pytest.fixture(params=["sqlalchemy", "memory"])
def uow(request: pytest.FixtureRequest) -> Factory:
    if request.param == "memory":
        return partial(InMemoryIntegrationsUnitOfWork, InMemoryIntegrationsStore())
    request.getfixturevalue("clean_db")
    sessions = create_session_factory(request.getfixturevalue("db_engine"))
    cipher = FernetTokenCipher([Fernet.generate_key().decode()])
    return partial(SqlAlchemyIntegrationsUnitOfWork, sessions, cipher)


def drive_import(version: str = "1") -> DriveImport:
    return DriveImport(
        new_id(), USER, "drive-file", version, T0, "notes.md", "text/markdown",
        ImportKind.AS_FILE, None, None, T0,
    )  # fmt: skip


async def test_a_connection_is_kept_per_user_replaced_and_removed(uow: Factory) -> None:
    first = DriveConnection(USER, "access", "refresh", T0 + timedelta(hours=1), "s", T0)
    second = DriveConnection(USER, "access 2", None, T0 + timedelta(hours=2), "s", T0, "a@b.c")
    async with uow() as unit:
        await unit.connections.save(first)
        await unit.connections.save(second)
        await unit.commit()
    async with uow() as unit:
        assert await unit.connections.get(USER) == second
        assert await unit.connections.stale_keys(USER) is False
        await unit.connections.remove(USER)
        assert await unit.connections.get(USER) is None


async def test_an_authorization_state_is_taken_once(uow: Factory) -> None:
    state = AuthorizationState("hash", USER, "verifier", T0)
    async with uow() as unit:
        await unit.states.add(state)
        assert await unit.states.take("hash") == state
        assert await unit.states.take("hash") is None
        assert await unit.states.take("unknown") is None


async def test_the_same_source_version_answers_the_stored_import(uow: Factory) -> None:
    first, again, newer = drive_import(), drive_import(), drive_import(version="2")
    async with uow() as unit:
        assert await unit.imports.add_or_find(first) == first
        assert await unit.imports.add_or_find(again) == first
        assert await unit.imports.add_or_find(newer) == newer
        done = first.for_job(new_id(), 2).with_file(new_id())
        await unit.imports.save(done)
        assert await unit.imports.get(first.id) == done
        assert await unit.imports.get(new_id()) is None

"""Contract of ``UserReader``: what the repository stored, read outside a unit of work."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from uuid import uuid4

import pytest

from tests.contract.user_repository.harness import add_users
from tests.unit.identity.builders import make_user
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.unit_of_work import (
    InMemoryIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.memory.user_reader import InMemoryUserReader
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.user_reader import (
    SqlAlchemyUserReader,
)
from tutor_platform.identity.ports.repositories import UserReader
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWork
from tutor_platform.shared.persistence.engine import create_session_factory


@dataclass
class Backend:
    uow_factory: Callable[[], IdentityUnitOfWork]
    reader: UserReader


@pytest.fixture(params=["sqlalchemy", "memory"])
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "memory":
        store = InMemoryIdentityStore()
        return Backend(partial(InMemoryIdentityUnitOfWork, store), InMemoryUserReader(store))
    engine = request.getfixturevalue("db_engine")
    request.getfixturevalue("clean_db")
    return Backend(
        partial(SqlAlchemyIdentityUnitOfWork, create_session_factory(engine)),
        SqlAlchemyUserReader(engine),
    )


async def test_reads_back_every_field_of_a_stored_user(backend: Backend) -> None:
    user = make_user(preferences={"timezone": "Europe/Paris", "nested": {"a": 1}})
    await add_users(backend.uow_factory, user)
    assert await backend.reader.get(user.id) == user


async def test_sees_changes_committed_after_an_earlier_read(backend: Backend) -> None:
    user = make_user()
    await add_users(backend.uow_factory, user)
    assert (await backend.reader.get(user.id)) is not None
    async with backend.uow_factory() as uow:
        stored = await uow.users.get(user.id)
        assert stored is not None
        stored.is_active = False
        await uow.users.update(stored)
        await uow.commit()
    reread = await backend.reader.get(user.id)
    assert reread is not None
    assert reread.is_active is False


async def test_unknown_id_reads_as_none(backend: Backend) -> None:
    assert await backend.reader.get(uuid4()) is None

"""Identity's units of work on every backend: SQLAlchemy (the run's database) and memory."""

from collections.abc import Callable
from functools import partial

import pytest

from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.unit_of_work import (
    InMemoryIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.identity.domain.user import User
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWork
from tutor_platform.shared.persistence.engine import create_session_factory

UnitOfWorkFactory = Callable[[], IdentityUnitOfWork]


@pytest.fixture(params=["sqlalchemy", "memory"])
def uow_factory(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """A fresh, empty store behind a unit-of-work factory, for each backend."""
    factory: UnitOfWorkFactory
    if request.param == "memory":
        factory = partial(InMemoryIdentityUnitOfWork, InMemoryIdentityStore())
    else:
        engine = request.getfixturevalue("db_engine")
        request.getfixturevalue("clean_db")
        factory = partial(SqlAlchemyIdentityUnitOfWork, create_session_factory(engine))
    return factory


async def add_users(uow_factory: UnitOfWorkFactory, *users: User) -> None:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()

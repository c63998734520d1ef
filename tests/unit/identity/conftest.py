"""Identity's use cases over in-memory adapters and fakes, wired by the real container."""

from functools import partial

import pytest

from tests.unit.identity.builders import T0
from tests.unit.identity.fakes import CountingPasswordHasher, FakeTokenIssuer
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.unit_of_work import (
    InMemoryIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.memory.user_reader import InMemoryUserReader
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.shared.clock import FixedClock

COMMON = frozenset({"password123", "qwertyuiop", "iloveyou12"})
REFRESH_TTL = 3600


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def store() -> InMemoryIdentityStore:
    return InMemoryIdentityStore()


@pytest.fixture
def hasher() -> CountingPasswordHasher:
    return CountingPasswordHasher()


@pytest.fixture
def token_issuer(clock: FixedClock) -> FakeTokenIssuer:
    return FakeTokenIssuer(clock)


@pytest.fixture
def identity(
    clock: FixedClock,
    store: InMemoryIdentityStore,
    hasher: CountingPasswordHasher,
    token_issuer: FakeTokenIssuer,
) -> IdentityContainer:
    return IdentityContainer(
        clock=clock,
        uow_factory=partial(InMemoryIdentityUnitOfWork, store),
        user_reader=InMemoryUserReader(store),
        password_hasher=hasher,
        token_issuer=token_issuer,
        common_passwords=COMMON,
        refresh_token_ttl_seconds=REFRESH_TTL,
    )

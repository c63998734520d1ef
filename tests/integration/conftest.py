"""HTTP in, real database out: an app per test over the run's database."""

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture
def app(settings: Settings, clean_db: None) -> Litestar:
    return create_app(settings, migrate_on_start=False)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as test_client:
        yield test_client

"""HTTP in, real database out: an app per test over the run's database."""

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import BACKEND, RUN_ID
from tests.contract.job_queue.support import delete_queue_keys
from tests.integration.accounts import Account, MakeAccount, account_maker
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture(scope="session", autouse=True)
async def _default_queue_keys() -> AsyncIterator[None]:
    """On SAQ, lesson writes enqueue index jobs on the run's default queue, which no worker
    runs unless a test starts one: remove what they left in Redis at the end of the run."""
    yield
    if BACKEND == "postgres":
        await delete_queue_keys(f"{RUN_ID}-jobs")


@pytest.fixture
def app(settings: Settings, clean_db: None) -> Litestar:
    return create_app(settings, migrate_on_start=False)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as test_client:
        yield test_client


@pytest.fixture
def make_account(client: AsyncTestClient[Litestar], app: Litestar) -> MakeAccount:
    """Make a user with a role and plan, logged in: ``await make_account("ann", role=...)``."""
    return account_maker(client, app)


@pytest.fixture
async def owner(make_account: MakeAccount) -> Account:
    return await make_account("owner")


@pytest.fixture
async def other(make_account: MakeAccount) -> Account:
    return await make_account("other")


@pytest.fixture
async def admin(make_account: MakeAccount) -> Account:
    return await make_account("chief", role="admin")

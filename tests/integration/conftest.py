"""HTTP in, real database out: one app per worker and settings, reset for every test.

``app`` is the pooled app for the test's ``settings`` (see ``tests/support/apps.py``), reset to
a new app's state, over the worker's database, emptied after the test by ``clean_db``.
``client`` runs the app's lifespan for this one test. ``make_account`` creates users through
the identity use cases and logs them in (real stored refresh tokens), without the HTTP round
trips of register, login and ``/me``; the identity tests keep doing those over HTTP.

Read-only rows (authorization matrices, bad input) can share one world per module instead:
``shared_client`` and ``shared_make_account`` are module-scoped, on an app of their own (the
default settings), and the tables are emptied when the module ends. A module uses them by
overriding ``client`` with ``shared_client`` and building its accounts and data in
module-scoped fixtures; every row must leave the world as it found it (rows that change it use
the per-test fixtures, in a test function defined after the shared ones: the tables are
emptied after each of those). ``scripts/run-tests`` distributes whole files to the xdist
workers (``--dist loadfile``), so the rows of a module run in order on one worker.
"""

from collections.abc import AsyncIterator
from typing import cast

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import BACKEND, RUN_ID, empty_tables, make_settings
from tests.contract.job_queue.support import delete_queue_keys
from tests.integration.accounts import Account, Client, MakeAccount, account_maker
from tests.support.apps import AppPool
from tests.support.jobs import with_job_backoff
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture(scope="session", autouse=True)
async def _default_queue_keys() -> AsyncIterator[None]:
    """On SAQ, lesson writes enqueue index jobs on the run's default queue, which no worker
    runs unless a test starts one: remove what they left in Redis at the end of the run."""
    yield
    if BACKEND == "postgres":
        await delete_queue_keys(f"{RUN_ID}-jobs")


@pytest.fixture(scope="session")
def app_pool() -> AppPool:
    return AppPool()


@pytest.fixture
def job_backoff_seconds() -> float | None:
    """Override in a module to make job retries wait this long instead of the task's own
    backoff (``tests/support/jobs.py``); None keeps the real backoff."""
    return None


@pytest.fixture
async def app(
    app_pool: AppPool,
    settings: Settings,
    clean_db: None,
    job_backoff_seconds: float | None,
    db_engine: AsyncEngine,
) -> Litestar:
    if app_pool.shared_world_stored:
        # A module's shared world is still in the tables: a test of its own starts empty.
        await empty_tables(db_engine)
        app_pool.shared_world_stored = False
    app = app_pool.app_for(settings)
    if job_backoff_seconds is not None:
        with_job_backoff(app.state.container, job_backoff_seconds)
    return app


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


@pytest.fixture(scope="module")
async def shared_client(
    app_pool: AppPool, database_url: str, db_engine: AsyncEngine
) -> AsyncIterator[Client]:
    """One client (and app lifespan) for the whole module, over the default settings."""
    app = app_pool.app_for(make_settings(database_url), slot="shared")
    app_pool.shared_world_stored = True
    try:
        async with AsyncTestClient(app=app) as test_client:
            yield test_client
    finally:
        await empty_tables(db_engine)
        app_pool.shared_world_stored = False


@pytest.fixture(scope="module")
def shared_make_account(shared_client: Client) -> MakeAccount:
    """``make_account`` for the module's shared world."""
    app = cast(Litestar, shared_client.app)
    return account_maker(shared_client, app)

"""Test configuration: the backend under test (SQLite or PostgreSQL + Redis) and shared fixtures.

``TEST_BACKEND=sqlite`` (default) runs on an embedded SQLite file with the in-process job
queue; ``TEST_BACKEND=postgres`` runs on a fresh PostgreSQL database with Redis and SAQ.
Each run makes its own database and Redis key prefix, so parallel runs do not collide.
"""

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from tests.support.clock import shift_clock
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.bootstrap.settings import Settings, load_settings
from tutor_platform.bootstrap.tables import metadata
from tutor_platform.shared.persistence.engine import create_engine

BACKEND = os.environ.get("TEST_BACKEND", "sqlite")
# TEST_CLOCK_SHIFT=+365d (CI) moves this process's wall clock that far ahead before any test
# module is imported; see tests/support/clock.py.
shift_clock(os.environ.get("TEST_CLOCK_SHIFT", ""))
TESTS = Path(__file__).parent
# Contracts of adapters that touch no database, Redis or job queue: the SQLite pass covers them.
NO_DATABASE_CONTRACTS = frozenset({"file_storage", "speech_synthesizer", "tutor_model"})
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RUN_ID = f"t{os.getpid()}"
STORAGE_DIR = Path(tempfile.gettempdir()) / f"tutor-{RUN_ID}-files"


def empty_storage_dir(name: str) -> Path:
    """A directory of this test process, emptied now: per-test file storage at a stable path,
    so that settings stay equal from test to test and the app built for them can be reused."""
    path = STORAGE_DIR / name
    shutil.rmtree(path, ignore_errors=True)
    return path


def postgres_url(database: str) -> str:
    """The PostgreSQL server's URL with another database name."""
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


async def create_postgres_database(name: str) -> str:
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return postgres_url(name)


async def drop_postgres_database(name: str) -> None:
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every contract of an adapter over the database, Redis or SAQ runs on both databases.

    Integration modules that depend on the database (concurrency, locking, search, caches
    and rate limits on Redis, jobs on SAQ) say so with ``pytestmark``; the rest of the HTTP
    suite runs in the SQLite pass only (``scripts/run-tests``, ``docs/testing.md``). Tests
    marked ``processes`` are ``slow`` too.
    """
    for item in items:
        parts = item.path.relative_to(TESTS).parts
        if parts[0] == "contract" and parts[1] not in NO_DATABASE_CONTRACTS:
            item.add_marker(pytest.mark.both_databases)
        if item.get_closest_marker("processes"):
            item.add_marker(pytest.mark.slow)
    # Slow tests first (a stable sort: the same order on every xdist worker), so that they
    # run next to the others instead of after them.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
async def database_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """A migrated, empty database for this test run."""
    if BACKEND == "postgres":
        name = f"tutor_{RUN_ID}"
        url = await create_postgres_database(name)
    else:
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'tutor.db'}"
    engine = create_engine(url)
    await upgrade_database(engine)
    await engine.dispose()
    yield url
    if BACKEND == "postgres":
        await drop_postgres_database(name)


def make_settings(database_url: str, **overrides: object) -> Settings:
    """Settings for tests: cheap password hashing, no rate limits unless asked for."""
    values: dict[str, object] = {
        "environment": "test",
        "database_url": database_url,
        "redis_url": REDIS_URL if BACKEND == "postgres" else "",
        "job_queue_name": f"{RUN_ID}-jobs",
        "argon2_time_cost": 1,
        "argon2_memory_cost_kib": 8,
        "rate_limit_enabled": False,
        "demo_data": "off",
        "storage_dir": str(STORAGE_DIR),
        "log_level": "WARNING",
    }
    values.update(overrides)
    return load_settings(environ={}, env_file=None, **values)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture(scope="session")
async def db_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def empty_tables(engine: AsyncEngine) -> None:
    """Delete every row of every table (the schema stays)."""
    async with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(delete(table))


@pytest.fixture
async def clean_db(db_engine: AsyncEngine) -> AsyncIterator[None]:
    """Empty every table after the test (the schema stays)."""
    yield
    await empty_tables(db_engine)


@pytest.fixture(scope="session")
def run_id() -> str:
    """A prefix unique to this test run, for Redis keys and queue names."""
    return RUN_ID


@pytest.fixture(scope="session", autouse=True)
def _stored_files() -> Iterator[None]:
    """Files the apps of this run store on the local adapter go to a directory of the run."""
    yield
    shutil.rmtree(STORAGE_DIR, ignore_errors=True)

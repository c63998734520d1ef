"""Databases of a test's own at a given migration, and going back down: for migration tests."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import BACKEND, RUN_ID, create_postgres_database, drop_postgres_database
from tutor_platform.bootstrap.migrations import alembic_config, upgrade_database
from tutor_platform.shared.persistence.engine import create_engine


@asynccontextmanager
async def database_at(revision: str, name: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An empty database named after ``name`` on the run's backend, migrated up to
    ``revision``; dropped afterwards."""
    database = f"tutor_{RUN_ID}_{name}"
    if BACKEND == "postgres":
        url = await create_postgres_database(database)
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'migration.db'}"
    engine = create_engine(url)
    await upgrade_database(engine, revision)
    try:
        yield engine
    finally:
        await engine.dispose()
        if BACKEND == "postgres":
            await drop_postgres_database(database)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Run the migrations down to ``revision``."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)

"""Migration 0017 creates exactly the index-version table the adapter maps, and comes out
cleanly."""

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.migrations import database_at, downgrade
from tutor_platform.bootstrap.tables import metadata

BEFORE = "0016_assessment_best_score_index"
TABLE = "passage_index_versions"


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": connection.dialect.name != "sqlite"}
    )
    return [d for d in compare_metadata(context, metadata) if TABLE in repr(d)]


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_the_migration_matches_the_table_and_downgrade_removes_it(
    db_engine: AsyncEngine, tmp_path: Path
) -> None:
    async with db_engine.connect() as connection:
        assert await connection.run_sync(_differences) == []

    async with database_at("head", "version_migration", tmp_path) as engine:
        await downgrade(engine, BEFORE)
        async with engine.connect() as connection:
            tables = await connection.run_sync(_tables)
    assert TABLE not in tables
    assert "lesson_passages" in tables

"""Migration 0009 creates exactly the lesson summary and draft tables the adapters map
(columns, keys, indexes, the unique job ids), on the run's database."""

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.bootstrap.tables import metadata

pytestmark = pytest.mark.both_databases

TABLES = {"lesson_summaries", "lesson_drafts"}


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": connection.dialect.name != "sqlite"}
    )
    return [
        difference
        for difference in compare_metadata(context, metadata)
        if _table_of(difference) in TABLES
    ]


def _table_of(difference: Any) -> str | None:
    item = difference[0] if isinstance(difference, list) else difference
    for part in item[1:]:
        if isinstance(part, str) and part in TABLES:
            return part
        name = getattr(getattr(part, "table", part), "name", None)
        if name in TABLES:
            return str(name)
    return None


def _unique_columns(connection: Connection, table: str) -> list[list[str]]:
    return [c["column_names"] for c in inspect(connection).get_unique_constraints(table)]


async def test_the_migration_matches_the_lesson_media_tables(db_engine: AsyncEngine) -> None:
    assert set(metadata.tables) >= TABLES
    async with db_engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
        for table in TABLES:
            assert await connection.run_sync(_unique_columns, table) == [["job_id"]]

"""Migration 0004 indexes what the catalog already holds, and comes out cleanly."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import BACKEND
from tests.contract.search_index.catalog_rows import CatalogRows
from tests.support.migrations import database_at, downgrade
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_postgres import (
    PostgresSearchIndex,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_sqlite import SqliteSearchIndex
from tutor_platform.catalog.domain.search import ALL_KINDS, SearchQuery

BEFORE = "0003_learning"
SEARCH = "0004_learning_search"


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An empty database of its own, migrated up to the revision before search."""
    async with database_at(BEFORE, "search_migration", tmp_path) as engine:
        yield engine


async def search_objects(engine: AsyncEngine) -> set[str]:
    def names(connection: Connection) -> set[str]:
        inspector = inspect(connection)
        found = {name for name in inspector.get_table_names() if "_fts" in name}
        for table in ("courses", "lessons"):
            found |= {
                f"{table}.{column['name']}"
                for column in inspector.get_columns(table)
                if column["name"] == "search_vector"
            }
        return found

    async with engine.connect() as connection:
        return await connection.run_sync(names)


async def titles(engine: AsyncEngine, text: str) -> list[str]:
    index = PostgresSearchIndex(engine) if BACKEND == "postgres" else SqliteSearchIndex(engine)
    results = await index.search(SearchQuery(text, ALL_KINDS, 20, 0))
    return sorted(hit.title for hit in results.items)


async def test_existing_courses_and_lessons_are_indexed_and_downgrade_removes_the_index(
    engine: AsyncEngine,
) -> None:
    catalog = CatalogRows(engine)
    course = await catalog.course("Oceanography", description="Tides and currents.")
    await catalog.lesson(course, "Tides", "The moon pulls the oceans.")

    await upgrade_database(engine, SEARCH)

    assert await titles(engine, "tides") == ["Oceanography", "Tides"]
    assert await titles(engine, "moon") == ["Tides"]
    assert await search_objects(engine)

    await downgrade(engine, BEFORE)

    assert await search_objects(engine) == set()
    await catalog.lesson(course, "Waves", "Wind makes waves.")
    await upgrade_database(engine, SEARCH)
    assert await titles(engine, "waves") == ["Waves"]

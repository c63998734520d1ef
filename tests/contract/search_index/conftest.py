"""The search index of the run's database (SQLite FTS5 or PostgreSQL), over catalog rows."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_postgres import (
    PostgresSearchIndex,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_sqlite import SqliteSearchIndex
from tutor_platform.catalog.ports.search import SearchIndex


@pytest.fixture
def search_index(db_engine: AsyncEngine, clean_db: None) -> SearchIndex:
    if db_engine.dialect.name == "sqlite":
        return SqliteSearchIndex(db_engine)
    return PostgresSearchIndex(db_engine)


@pytest.fixture
def catalog(db_engine: AsyncEngine, clean_db: None) -> CatalogRows:
    return CatalogRows(db_engine)

"""The passage index of the run's database (SQLite FTS5 or PostgreSQL full-text), written by
the indexing use case with the real splitter and the offline embedder."""

from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.catalog.adapters.outbound.markdown.splitter import MarkdownItLessonSplitter
from tutor_platform.catalog.adapters.outbound.sqlalchemy.passage_index import (
    PostgresPassageIndex,
    SqlitePassageIndex,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.passage_store import (
    SqlAlchemyPassageUnitOfWork,
)
from tutor_platform.catalog.application.index_lesson_passages import IndexLessonPassages
from tutor_platform.catalog.application.retrieve_passages import RetrievePassages
from tutor_platform.catalog.ports.passages import PassageIndex
from tutor_platform.shared.persistence.engine import create_session_factory

_EMBEDDER = LocalEmbedder()


@dataclass
class World:
    catalog: CatalogRows
    index: PassageIndex
    indexer: IndexLessonPassages
    retrieve: RetrievePassages
    embedder: LocalEmbedder


@pytest.fixture(scope="session")
def embedder() -> LocalEmbedder:
    return _EMBEDDER


@pytest.fixture
def world(db_engine: AsyncEngine, clean_db: None, embedder: LocalEmbedder) -> World:
    if db_engine.dialect.name == "sqlite":
        index: PassageIndex = SqlitePassageIndex(db_engine)
    else:
        index = PostgresPassageIndex(db_engine)
    sessions = create_session_factory(db_engine)
    indexer = IndexLessonPassages(
        lambda: SqlAlchemyPassageUnitOfWork(sessions), MarkdownItLessonSplitter(), embedder
    )
    return World(
        CatalogRows(db_engine), index, indexer, RetrievePassages(index, embedder), embedder
    )

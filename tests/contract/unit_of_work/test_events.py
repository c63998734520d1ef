"""Every unit of work publishes the events it recorded after a commit, and nothing after a
rollback: the in-memory and SQLAlchemy bases, and every context's units of work on them."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.events import Published
from tutor_platform.assessment.adapters.outbound.memory.store import InMemoryAssessmentStore
from tutor_platform.assessment.adapters.outbound.memory.unit_of_work import (
    InMemoryAssessmentUnitOfWork,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.memory.projects import InMemoryProjectUnitOfWork
from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.adapters.outbound.memory.unit_of_work import (
    InMemoryCatalogUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.project_unit_of_work import (
    SqlAlchemyProjectUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyCatalogUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.unit_of_work import (
    InMemoryIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.integrations.adapters.outbound.fernet_cipher import FernetTokenCipher
from tutor_platform.integrations.adapters.outbound.memory.store import InMemoryIntegrationsStore
from tutor_platform.integrations.adapters.outbound.memory.unit_of_work import (
    InMemoryIntegrationsUnitOfWork,
)
from tutor_platform.integrations.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIntegrationsUnitOfWork,
)
from tutor_platform.media.adapters.outbound.memory.lesson_media import (
    InMemoryLessonMediaStore,
    InMemoryLessonMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.adapters.outbound.memory.unit_of_work import InMemoryMediaUnitOfWork
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_unit_of_work import (
    SqlAlchemyLessonMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyMediaUnitOfWork,
)
from tutor_platform.progress.adapters.outbound.memory.store import InMemoryProgressStore
from tutor_platform.progress.adapters.outbound.memory.unit_of_work import (
    InMemoryProgressUnitOfWork,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyProgressUnitOfWork,
)
from tutor_platform.shared.events import Event, EventBus, EventPublisher
from tutor_platform.shared.persistence.engine import create_session_factory
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork, UnitOfWork
from tutor_platform.tutoring.adapters.outbound.memory.store import InMemoryTutoringStore
from tutor_platform.tutoring.adapters.outbound.memory.unit_of_work import (
    InMemoryTutoringUnitOfWork,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyTutoringUnitOfWork,
)


@dataclass(frozen=True)
class Happened(Event):
    name: str


@dataclass
class Store:
    commits: int = 0


Factory = Callable[[EventPublisher], UnitOfWork]

IN_MEMORY: dict[str, tuple[Callable[..., UnitOfWork], Callable[[], Any]]] = {
    "base": (InMemoryUnitOfWork, Store),
    "identity": (InMemoryIdentityUnitOfWork, InMemoryIdentityStore),
    "catalog": (InMemoryCatalogUnitOfWork, InMemoryCatalogStore),
    "projects": (InMemoryProjectUnitOfWork, InMemoryCatalogStore),
    "progress": (InMemoryProgressUnitOfWork, InMemoryProgressStore),
    "media": (InMemoryMediaUnitOfWork, InMemoryMediaStore),
    "lesson media": (InMemoryLessonMediaUnitOfWork, InMemoryLessonMediaStore),
    "tutoring": (InMemoryTutoringUnitOfWork, InMemoryTutoringStore),
    "assessment": (InMemoryAssessmentUnitOfWork, InMemoryAssessmentStore),
    "integrations": (InMemoryIntegrationsUnitOfWork, InMemoryIntegrationsStore),
}
SQLALCHEMY: dict[str, Callable[..., UnitOfWork]] = {
    "base": SqlAlchemyUnitOfWork,
    "identity": SqlAlchemyIdentityUnitOfWork,
    "catalog": SqlAlchemyCatalogUnitOfWork,
    "projects": SqlAlchemyProjectUnitOfWork,
    "progress": SqlAlchemyProgressUnitOfWork,
    "media": SqlAlchemyMediaUnitOfWork,
    "lesson media": SqlAlchemyLessonMediaUnitOfWork,
    "tutoring": SqlAlchemyTutoringUnitOfWork,
    "assessment": SqlAlchemyAssessmentUnitOfWork,
    "integrations": partial(
        SqlAlchemyIntegrationsUnitOfWork,
        cipher=FernetTokenCipher([Fernet.generate_key().decode()]),
    ),
}


@pytest.fixture(
    params=[f"memory {name}" for name in IN_MEMORY] + [f"sqlalchemy {name}" for name in SQLALCHEMY]
)
def make_uow(request: pytest.FixtureRequest) -> Factory:
    kind, name = request.param.split(" ", 1)
    if kind == "memory":
        uow, new_store = IN_MEMORY[name]
        store = new_store()
        return lambda publisher: uow(store, publisher=publisher)
    engine: AsyncEngine = request.getfixturevalue("db_engine")
    sessions = create_session_factory(engine)
    return lambda publisher: SQLALCHEMY[name](sessions, publisher=publisher)


async def test_a_commit_publishes_what_was_recorded_once_in_order(make_uow: Factory) -> None:
    published = Published()
    async with make_uow(published) as uow:
        uow.record(Happened("a"))
        uow.record(Happened("b"))
        uow.record(Happened("a"))
        assert published.events == []
        await uow.commit()
        assert published.events == [Happened("a"), Happened("b")]
        await uow.commit()
    assert published.events == [Happened("a"), Happened("b")]


async def test_leaving_without_commit_publishes_nothing(make_uow: Factory) -> None:
    published = Published()
    async with make_uow(published) as uow:
        uow.record(Happened("dropped"))
    async with make_uow(published) as uow:
        await uow.commit()
    assert published.events == []


async def test_an_error_before_the_commit_publishes_nothing(make_uow: Factory) -> None:
    published = Published()

    async def failing_use_case() -> None:
        async with make_uow(published) as uow:
            uow.record(Happened("dropped"))
            raise RuntimeError("the use case failed")

    with pytest.raises(RuntimeError):
        await failing_use_case()
    assert published.events == []


async def test_events_after_a_commit_wait_for_the_next_one(make_uow: Factory) -> None:
    published = Published()
    async with make_uow(published) as uow:
        uow.record(Happened("first"))
        await uow.commit()
        uow.record(Happened("second"))
    assert published.events == [Happened("first")]


async def test_the_bus_hands_each_event_to_the_handlers_of_its_type() -> None:
    seen: list[str] = []

    async def handle(event: Happened) -> None:
        seen.append(event.name)

    bus = EventBus({Happened: [handle, handle]})
    await bus.publish([Happened("x"), Event()])
    assert seen == ["x", "x"]

"""Every unit of work publishes the events it recorded after a commit, and nothing after a
rollback; the in-memory base and the SQLAlchemy base behave alike."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.events import Published
from tutor_platform.shared.events import Event, EventBus, EventPublisher
from tutor_platform.shared.persistence.engine import create_session_factory
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork, UnitOfWork


@dataclass(frozen=True)
class Happened(Event):
    name: str


@dataclass
class Store:
    commits: int = 0


Factory = Callable[[EventPublisher], UnitOfWork]


@pytest.fixture(params=["memory", "sqlalchemy"])
def make_uow(request: pytest.FixtureRequest) -> Factory:
    if request.param == "memory":
        store = Store()
        return lambda publisher: InMemoryUnitOfWork(store, publisher)
    engine: AsyncEngine = request.getfixturevalue("db_engine")
    sessions = create_session_factory(engine)
    return lambda publisher: SqlAlchemyUnitOfWork(sessions, publisher)


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

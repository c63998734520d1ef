"""The unit-of-work port every context's own unit of work extends with its repositories, and
the base that publishes a unit's domain events after its commit."""

from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar

from tutor_platform.shared.events import NO_HANDLERS, Event, EventPublisher


class UnitOfWork(Protocol):
    """A transaction entered per use case; whatever was not committed is rolled back on exit."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None:
        """Commit, then publish the events recorded since the last commit."""
        ...

    def record(self, event: Event) -> None:
        """Publish ``event`` after the next commit; a rollback (leaving without commit)
        drops it. Recording an equal event twice publishes it once."""
        ...


class EventedUnitOfWork:
    """The base of every unit of work: collects events, publishes them after a commit.

    Adapters implement :meth:`_begin`, :meth:`_commit` and :meth:`_end`; one whose repositories
    learn of changes themselves turns them into events in :meth:`_collect_new_events`.
    """

    def __init__(self, publisher: EventPublisher = NO_HANDLERS) -> None:
        self._publisher = publisher
        self._events: list[Event] = []

    async def __aenter__(self) -> Self:
        self._events = []
        await self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._events = []
        await self._end()

    async def commit(self) -> None:
        await self._commit()
        for event in self._collect_new_events():
            self.record(event)
        events, self._events = self._events, []
        await self._publisher.publish(events)

    def record(self, event: Event) -> None:
        if event not in self._events:
            self._events.append(event)

    async def _begin(self) -> None:
        """Start the transaction and bind the repositories."""

    async def _commit(self) -> None:
        """Make the transaction's writes durable."""

    async def _end(self) -> None:
        """Drop whatever was not committed and release the transaction."""

    def _collect_new_events(self) -> list[Event]:
        """Events the repositories gathered since the last commit (none by default)."""
        return []


class CountsCommits(Protocol):
    """The state behind in-memory repositories (one per fake "database")."""

    commits: int


StoreT = TypeVar("StoreT", bound=CountsCommits)


class InMemoryUnitOfWork(EventedUnitOfWork, Generic[StoreT]):
    """The in-memory base: ``store.commits`` counts commits; the repositories are bound in
    :meth:`_bind` on entering, over the store itself unless a subclass works on a copy."""

    def __init__(self, store: StoreT, publisher: EventPublisher = NO_HANDLERS) -> None:
        super().__init__(publisher)
        self.store = store
        self._bind()

    async def _begin(self) -> None:
        self._bind()

    async def _commit(self) -> None:
        self.store.commits += 1

    def _bind(self) -> None:
        """Create the repositories of this unit of work."""

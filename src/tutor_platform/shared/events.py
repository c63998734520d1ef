"""Domain events: facts a unit of work publishes once the change that made them is committed."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol

EventHandler = Callable[[Any], Awaitable[None]]
"""Called with one event of the type it is registered for."""


class Event:
    """The base of domain events: small frozen dataclasses in the owning context's domain."""

    __slots__ = ()


class EventPublisher(Protocol):
    """Told the events of a unit of work after its commit succeeded, in the order recorded."""

    async def publish(self, events: Sequence[Event]) -> None: ...


class EventBus:
    """Implements ``EventPublisher``: each event goes to the handlers of its type, in turn.

    A handler that raises stops the rest and reaches the use case (the change is committed).
    """

    def __init__(self, handlers: Mapping[type[Event], Sequence[EventHandler]] | None = None):
        self._handlers = dict(handlers or {})

    async def publish(self, events: Sequence[Event]) -> None:
        for event in events:
            for handler in self._handlers.get(type(event), ()):
                await handler(event)


NO_HANDLERS = EventBus()
"""The publisher of units of work whose events nobody listens to."""

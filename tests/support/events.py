"""An ``EventPublisher`` that keeps what it was told, for tests of after-commit paths."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor_platform.shared.events import Event


@dataclass
class Published:
    events: list[Event] = field(default_factory=list)

    async def publish(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

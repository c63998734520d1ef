"""Messages as clients see them: with the ids of their alternatives (siblings)."""

from collections.abc import Sequence
from dataclasses import replace

from tutor_platform.tutoring.domain.message import Message
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWork


async def with_alternatives(uow: TutoringUnitOfWork, messages: Sequence[Message]) -> list[Message]:
    """The messages with their ``alternatives`` filled in (one query for all of them)."""
    found = await uow.messages.alternatives(messages)
    return [replace(m, alternatives=found.get(m.id, (m.id,))) for m in messages]

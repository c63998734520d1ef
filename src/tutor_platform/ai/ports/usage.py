"""Where the AI calls made for other contexts are kept, for the usage figures."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.figures import DateRange


@dataclass(frozen=True, slots=True, kw_only=True)
class AiCall:
    """One AI call: ``feature`` says what it was for (``grading``, ``lesson_draft``...)."""

    event_id: str
    at: datetime
    provider: str
    model_id: str
    feature: str
    course_id: UUID | None
    tokens_in: int
    tokens_out: int


@dataclass(frozen=True, slots=True)
class MeteredLine:
    """The calls of one UTC day, course (None: none), feature and provider/model."""

    day: str
    course_id: UUID | None
    feature: str
    provider: str
    model_id: str
    calls: int
    tokens_in: int
    tokens_out: int


class UsageLedger(Protocol):
    async def record(self, call: AiCall) -> bool:
        """Add the call to the daily figures once; False when its event id was added before."""
        ...

    async def lines(self, days: DateRange) -> list[MeteredLine]:
        """Every line of the range."""
        ...

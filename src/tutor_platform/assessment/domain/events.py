"""Assessment's domain events."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from tutor_platform.shared.events import Event


@dataclass(frozen=True)
class BestScoreChanged(Event):
    """The learner's best score (0-1) at a quiz of the course, over all their attempts;
    ``replace``: it was recomputed (a regrade) and stands even when lower than the kept one."""

    user_id: UUID
    course_id: UUID
    quiz_id: UUID
    score: Decimal
    replace: bool = False


@dataclass(frozen=True)
class MasteryParametersChanged(Event):
    """The course's BKT parameters were set: mastery traced with earlier ones is stale."""

    course_id: UUID

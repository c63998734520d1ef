"""The spaced-review scheduler (FSRS)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tutor_platform.assessment.domain.cards import Rating


@dataclass(frozen=True, slots=True)
class Scheduled:
    """The card's new scheduler state and when it is due next."""

    schedule: dict[str, Any]
    due_at: datetime


class ReviewScheduler(Protocol):
    def first_review(self, rating: Rating, at: datetime) -> Scheduled:
        """A new card, reviewed once at ``at``."""
        ...

    def review(self, schedule: dict[str, Any], rating: Rating, at: datetime) -> Scheduled:
        """The card of state ``schedule`` reviewed at ``at``."""
        ...

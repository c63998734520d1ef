"""``ReviewScheduler`` with the ``fsrs`` package (FSRS-6, its default parameters, 90 %
desired retention, no fuzzing so that schedules are reproducible)."""

from datetime import UTC, datetime
from typing import Any, Final

from fsrs import Card, Rating, Scheduler

from tutor_platform.assessment.domain.cards import Rating as CardRating
from tutor_platform.assessment.ports.scheduler import Scheduled

_RATINGS: Final = {
    "again": Rating.Again,
    "hard": Rating.Hard,
    "good": Rating.Good,
    "easy": Rating.Easy,
}


class FsrsReviewScheduler:
    def __init__(self) -> None:
        self._scheduler = Scheduler(enable_fuzzing=False)

    def first_review(self, rating: CardRating, at: datetime) -> Scheduled:
        return self._review(Card(card_id=1, due=_utc(at)), rating, at)

    def review(self, schedule: dict[str, Any], rating: CardRating, at: datetime) -> Scheduled:
        return self._review(Card.from_dict(schedule), rating, at)  # type: ignore[arg-type]

    def _review(self, card: Card, rating: CardRating, at: datetime) -> Scheduled:
        reviewed, _ = self._scheduler.review_card(card, _RATINGS[rating], _utc(at))
        return Scheduled(dict(reviewed.to_dict()), reviewed.due)


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC)

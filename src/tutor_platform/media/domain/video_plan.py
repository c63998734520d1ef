"""The cards of a video summary and when each is on screen, over the narration's duration.

A title card (course and lesson title) opens the video for ``TITLE_SECONDS`` (at most a
quarter of a short narration); the script's sentences follow as caption cards, each shown
for a share of the remaining time proportional to its length. The cards cover the narration
exactly, end to end.
"""

from dataclasses import dataclass
from typing import Final, Literal

TITLE_SECONDS: Final = 3.0
MAX_TITLE_SHARE: Final = 0.25


@dataclass(frozen=True, slots=True)
class VideoPlan:
    """What a video summary shows: the titles, then one caption per script sentence."""

    course_title: str
    lesson_title: str
    captions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Card:
    kind: Literal["title", "caption"]
    heading: str
    text: str
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


def card_timeline(plan: VideoPlan, duration: float) -> list[Card]:
    """The cards of ``plan`` over ``duration`` seconds (positive) of narration."""
    if duration <= 0:
        raise ValueError("a video needs a positive duration")
    captions = [caption for caption in plan.captions if caption.strip()]
    title_end = duration if not captions else min(TITLE_SECONDS, duration * MAX_TITLE_SHARE)
    cards = [Card("title", plan.course_title, plan.lesson_title, 0.0, title_end)]
    weights = [max(1, len(caption)) for caption in captions]
    remaining = duration - title_end
    start = title_end
    for index, (caption, weight) in enumerate(zip(captions, weights, strict=True)):
        last = index == len(captions) - 1
        end = duration if last else start + remaining * weight / sum(weights)
        cards.append(Card("caption", plan.lesson_title, caption, start, end))
        start = end
    return cards

"""Feedback on an assistant message: a detailed rating (1-5, with comments) or a quick
reaction. One per user and message: a second one replaces the first (and is unprocessed
again). A tutor's rating is the mean of its current detailed ratings."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID

from tutor_platform.shared.validation import FieldChecks
from tutor_platform.tutoring.domain.validation import max_length_problem


class FeedbackType(StrEnum):
    """A detailed rating (1-5, with comments) or a quick reaction."""

    DETAILED = "detailed"
    QUICK = "quick"


class QuickReaction(StrEnum):
    """What a quick reaction says about an answer."""

    CLEAR = "clear"
    TOO_HARD = "too_hard"
    NEED_EXAMPLES = "need_examples"
    WRONG = "wrong"
    HELPFUL = "helpful"


FEEDBACK_TYPES: Final = tuple(FeedbackType)
QUICK_REACTIONS: Final = tuple(QuickReaction)
MIN_RATING: Final = 1
MAX_RATING: Final = 5
MAX_TEXT_LENGTH: Final = 2000


@dataclass(frozen=True, slots=True)
class FeedbackInput:
    """What a user says about an answer."""

    feedback_type: FeedbackType
    rating: int | None = None
    positive_text: str | None = None
    improvement_text: str | None = None
    quick_reaction: QuickReaction | None = None
    allow_training: bool = False


@dataclass(slots=True)
class Feedback:
    id: UUID
    message_id: UUID
    session_id: UUID
    user_id: UUID
    tutor_id: UUID
    feedback_type: FeedbackType
    created_at: datetime
    updated_at: datetime
    rating: int | None = None
    positive_text: str | None = None
    improvement_text: str | None = None
    quick_reaction: QuickReaction | None = None
    allow_training: bool = False
    processed: bool = False

    def take(self, given: FeedbackInput, now: datetime) -> None:
        """Replace the content with ``given``; the replaced feedback is unprocessed again."""
        self.feedback_type = given.feedback_type
        self.rating = given.rating
        self.positive_text = given.positive_text
        self.improvement_text = given.improvement_text
        self.quick_reaction = given.quick_reaction
        self.allow_training = given.allow_training
        self.processed = False
        self.updated_at = now


def validate_feedback(given: FeedbackInput) -> None:
    """422 naming every bad field. A detailed feedback needs a ``rating`` of 1-5; a quick one
    needs a ``quick_reaction`` and takes no rating (it would not count)."""
    checks = FieldChecks()
    if given.feedback_type not in FEEDBACK_TYPES:
        checks.check("feedback_type", f"must be one of {', '.join(FEEDBACK_TYPES)}")
    if given.feedback_type == FeedbackType.DETAILED and given.rating is None:
        checks.check("rating", "is required for detailed feedback")
    if given.feedback_type == FeedbackType.QUICK and given.rating is not None:
        checks.check("rating", "is only given with detailed feedback")
    if given.rating is not None and not MIN_RATING <= given.rating <= MAX_RATING:
        checks.check("rating", f"must be between {MIN_RATING} and {MAX_RATING}")
    if given.feedback_type == FeedbackType.QUICK and given.quick_reaction is None:
        checks.check("quick_reaction", "is required for quick feedback")
    if given.quick_reaction is not None and given.quick_reaction not in QUICK_REACTIONS:
        checks.check("quick_reaction", f"must be one of {', '.join(QUICK_REACTIONS)}")
    for name, text in (
        ("positive_text", given.positive_text),
        ("improvement_text", given.improvement_text),
    ):
        if text is not None:
            checks.check(name, max_length_problem(text, MAX_TEXT_LENGTH))
    checks.raise_if_failed()

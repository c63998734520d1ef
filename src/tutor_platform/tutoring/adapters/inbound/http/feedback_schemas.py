"""Request and response bodies of the feedback API."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest
from tutor_platform.tutoring.application.mark_feedback_processed import MAX_IDS
from tutor_platform.tutoring.domain.feedback import (
    MAX_RATING,
    MAX_TEXT_LENGTH,
    MIN_RATING,
    FeedbackInput,
    FeedbackType,
    QuickReaction,
)
from tutor_platform.tutoring.ports.repositories import ExportedFeedback

Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT_LENGTH)]
Rating = Annotated[int, msgspec.Meta(ge=MIN_RATING, le=MAX_RATING)]


class FeedbackCreate(StrictRequest):
    feedback_type: FeedbackType
    rating: Annotated[
        Rating | None, msgspec.Meta(description="Required for detailed feedback only.")
    ] = None
    positive_text: Text | None = None
    improvement_text: Text | None = None
    quick_reaction: Annotated[
        QuickReaction | None, msgspec.Meta(description="Required for quick feedback.")
    ] = None
    allow_training: Annotated[bool, msgspec.Meta(description="May be used to train models.")] = (
        False
    )

    def command(self) -> FeedbackInput:
        return FeedbackInput(
            feedback_type=self.feedback_type,
            rating=self.rating,
            positive_text=self.positive_text,
            improvement_text=self.improvement_text,
            quick_reaction=self.quick_reaction,
            allow_training=self.allow_training,
        )


class FeedbackResponse(msgspec.Struct, kw_only=True):
    id: UUID
    message_id: UUID
    session_id: UUID
    user_id: UUID
    tutor_id: UUID
    feedback_type: FeedbackType
    rating: int | None
    positive_text: str | None
    improvement_text: str | None
    quick_reaction: QuickReaction | None
    allow_training: bool
    processed: bool
    created_at: datetime
    updated_at: datetime


FeedbackListResponse = Annotated[PageResponse[FeedbackResponse], named("FeedbackListResponse")]


class FeedbackExportLine(FeedbackResponse, kw_only=True):
    """One line of the JSON Lines export: a feedback with the answer it rates and the
    question that answer replied to."""

    answer: str
    question: str | None

    @classmethod
    def of_export(cls, row: ExportedFeedback) -> "FeedbackExportLine":
        fields = {name: getattr(row.feedback, name) for name in FeedbackResponse.__struct_fields__}
        return cls(**fields, answer=row.answer, question=row.question)


class MarkProcessedRequest(StrictRequest):
    ids: Annotated[list[UUID], msgspec.Meta(min_length=1, max_length=MAX_IDS)]


class MarkProcessedResponse(msgspec.Struct):
    updated: Annotated[
        int, msgspec.Meta(description="How many of the ids exist (all now processed).")
    ]

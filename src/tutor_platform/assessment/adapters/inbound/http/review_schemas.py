"""Request and response bodies of review by people."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.assessment.adapters.inbound.http.taker_schemas import number
from tutor_platform.assessment.application.review_answers import PersonsGrade
from tutor_platform.assessment.domain.grading import Grader
from tutor_platform.assessment.domain.review import MAX_REVIEW_FEEDBACK_LENGTH, ReviewItem
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest


class GradeRequest(StrictRequest):
    awarded_points: Annotated[
        float,
        msgspec.Meta(ge=0, description="0 to the question's points, at most 2 decimal places."),
    ]
    feedback: Annotated[
        Annotated[str, msgspec.Meta(max_length=MAX_REVIEW_FEEDBACK_LENGTH)] | None,
        msgspec.Meta(description="Shown to the learner with the grade; null keeps the grader's."),
    ] = None

    def grade(self) -> PersonsGrade:
        return PersonsGrade(Decimal(str(self.awarded_points)), self.feedback)


class ReviewItemResponse(msgspec.Struct, kw_only=True):
    """An answer waiting for a person's grade."""

    attempt_id: UUID
    user_id: UUID
    question_id: UUID
    prompt: Annotated[
        str | None, msgspec.Meta(description="null when the quiz's questions were replaced.")
    ]
    answer: Annotated[
        str | bool | list[str] | None,
        msgspec.Meta(description="The learner's answer (text for free text); null: none."),
    ]
    awarded_points: Annotated[float, msgspec.Meta(description="The provisional grade.")]
    max_points: int | None
    feedback: str | None
    graded_by: Grader
    completed_at: datetime

    @classmethod
    def of(cls, item: ReviewItem) -> "ReviewItemResponse":
        answer = item.answer
        return cls(
            attempt_id=item.attempt_id,
            user_id=item.user_id,
            question_id=item.question_id,
            prompt=item.prompt,
            answer=list(answer) if isinstance(answer, tuple) else answer,
            awarded_points=number(item.result.awarded_points),
            max_points=item.max_points,
            feedback=item.result.feedback,
            graded_by=item.result.graded_by,
            completed_at=item.completed_at,
        )


ReviewQueueResponse = Annotated[PageResponse[ReviewItemResponse], named("ReviewQueueResponse")]

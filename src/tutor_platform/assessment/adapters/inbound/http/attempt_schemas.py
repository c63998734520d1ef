"""Attempts: the answers a learner submits (typed in OpenAPI) and the graded attempt."""

from datetime import datetime
from typing import Annotated, Any, Final
from uuid import UUID

import msgspec

from tutor_platform.assessment.adapters.inbound.http.taker_schemas import number
from tutor_platform.assessment.domain.answers import MAX_ANSWER_KEY_LENGTH
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.authoring import MAX_QUESTIONS
from tutor_platform.assessment.domain.grading import AttemptStatus, Grader, QuestionResult
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest

AnswerKey = Annotated[str, msgspec.Meta(max_length=MAX_ANSWER_KEY_LENGTH)]
AnswerValue = str | list[str] | bool
"""An answer: an option id, a list of option ids, true/false, or text."""
ANSWER_SCHEMA: Final = {
    "oneOf": [
        {"type": "string", "description": "An option id, or text."},
        {"type": "array", "items": {"type": "string"}, "description": "Option ids."},
        {"type": "boolean", "description": "A true/false answer."},
        {"type": "null", "description": "No answer (scores 0)."},
    ]
}


class AttemptRequest(StrictRequest):
    answers: Annotated[
        dict[AnswerKey, Any],
        msgspec.Meta(
            max_length=MAX_QUESTIONS,
            description=(
                "By question id: an option id (single_choice), a list of option ids "
                "(multiple_choice), a boolean (true_false), text (short_answer: at most 500 "
                "characters, free_text: at most 10,000). A question left out or null scores 0."
            ),
            examples=[{"0190c2d4-5b7e-7c66-9f6e-1a2b3c4d5e6f": "b"}],
            # Checked per question kind by the use case (clear messages), typed here.
            extra_json_schema={"extra": {"additionalProperties": ANSWER_SCHEMA}},
        ),
    ]


class ResultResponse(msgspec.Struct, kw_only=True):
    question_id: UUID
    correct: bool
    awarded_points: float
    explanation: str | None
    feedback: Annotated[
        str | None,
        msgspec.Meta(description="The free-text grader's or the reviewer's feedback."),
    ]
    graded_by: Annotated[
        Grader,
        msgspec.Meta(
            description="exact (checked against the answer), ai (a remote AI provider), "
            "rules (the offline grader) or instructor (a person)."
        ),
    ]
    needs_review: Annotated[
        bool, msgspec.Meta(description="The grade is provisional until a person grades it.")
    ]
    reviewed_by: Annotated[UUID | None, msgspec.Meta(description="Who graded it by hand.")]
    reviewed_at: Annotated[datetime | None, msgspec.Meta(description="When, by hand.")]

    @classmethod
    def of(cls, result: QuestionResult) -> "ResultResponse":
        return cls(
            question_id=result.question_id,
            correct=result.correct,
            awarded_points=number(result.awarded_points),
            explanation=result.explanation,
            feedback=result.feedback,
            graded_by=result.graded_by,
            needs_review=result.needs_review,
            reviewed_by=result.reviewer_id,
            reviewed_at=result.reviewed_at,
        )


class AttemptResponse(msgspec.Struct, kw_only=True):
    id: UUID
    quiz_id: UUID
    user_id: UUID
    number: Annotated[int, msgspec.Meta(description="1 for the user's first attempt, ...")]
    score: Annotated[float, msgspec.Meta(description="points / max_points, 0 to 1.")]
    passed: bool
    status: Annotated[
        AttemptStatus,
        msgspec.Meta(description="needs_review while an answer awaits a person's grade."),
    ]
    points: float
    max_points: int
    answers: dict[str, AnswerValue]
    results: list[ResultResponse]
    completed_at: datetime

    @classmethod
    def of(cls, attempt: Attempt) -> "AttemptResponse":
        return cls(
            id=attempt.id,
            quiz_id=attempt.quiz_id,
            user_id=attempt.user_id,
            number=attempt.number,
            score=number(attempt.score),
            passed=attempt.passed,
            status=attempt.status,
            points=number(attempt.points),
            max_points=attempt.max_points,
            answers={
                str(key): list(value) if isinstance(value, tuple) else value
                for key, value in attempt.answers.items()
            },
            results=[ResultResponse.of(result) for result in attempt.results],
            completed_at=attempt.completed_at,
        )


AttemptListResponse = Annotated[PageResponse[AttemptResponse], named("AttemptListResponse")]

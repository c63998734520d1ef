"""Spaced review: ``GET /review/due`` and ``POST /review/cards/{card_id}/answers``."""

from datetime import datetime
from typing import Annotated, cast
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from tutor_platform.assessment.adapters.inbound.http.taker_schemas import (
    QuestionResponse,
    number,
)
from tutor_platform.assessment.application.spaced_review import (
    AnswerCard,
    CardAnswer,
    DueCard,
    ListDueCards,
    ReviewOutcome,
)
from tutor_platform.assessment.domain.cards import MAX_ELAPSED_MS, Rating
from tutor_platform.assessment.domain.grading import Grader
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit
from tutor_platform.shared.http.requests import StrictRequest
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT


class DueCardResponse(msgspec.Struct, kw_only=True):
    """A card to review: its question as a learner sees it (no answer, no explanation)."""

    card_id: UUID
    due_at: datetime
    course_id: UUID
    quiz_id: UUID
    lesson_id: UUID | None
    reviews: Annotated[int, msgspec.Meta(description="Times reviewed so far (the attempt too).")]
    question: QuestionResponse

    @classmethod
    def of(cls, due: DueCard) -> "DueCardResponse":
        card = due.card
        return cls(
            card_id=card.id,
            due_at=card.due_at,
            course_id=card.course_id,
            quiz_id=card.quiz_id,
            lesson_id=card.lesson_id,
            reviews=card.reviews,
            question=convert(due.question, QuestionResponse),
        )


class DueCardsResponse(msgspec.Struct, kw_only=True):
    items: list[DueCardResponse]
    total: Annotated[int, msgspec.Meta(description="Cards due today in all.")]
    due_until: Annotated[
        datetime, msgspec.Meta(description="The end of your day (your time zone), in UTC.")
    ]


class CardAnswerRequest(StrictRequest):
    answer: Annotated[
        str | bool | list[str],
        msgspec.Meta(
            description="As in an attempt: an option id (single_choice), a list of option ids "
            "(multiple_choice), a boolean (true_false), text (short_answer, free_text)."
        ),
    ]
    elapsed_ms: Annotated[
        Annotated[int, msgspec.Meta(ge=0, le=MAX_ELAPSED_MS)] | None,
        msgspec.Meta(description="How long the answer took; rates an easy or hard recall."),
    ] = None


class CardAnswerResponse(msgspec.Struct, kw_only=True):
    correct: bool
    explanation: str | None
    next_due_at: datetime
    awarded_points: float
    max_points: int
    feedback: str | None
    graded_by: Grader
    needs_review: bool
    rating: Rating

    @classmethod
    def of(cls, outcome: ReviewOutcome) -> "CardAnswerResponse":
        result = outcome.result
        return cls(
            correct=result.correct,
            explanation=result.explanation,
            next_due_at=outcome.card.due_at,
            awarded_points=number(result.awarded_points),
            max_points=result.max_points or 0,
            feedback=result.feedback,
            graded_by=result.graded_by,
            needs_review=result.needs_review,
            rating=cast(Rating, outcome.rating),
        )


class ReviewController(Controller):
    path = "/review"
    security = BEARER_SECURITY

    @get("/due", responses=error_responses(401, 404, 422))
    async def list_due_cards(
        self,
        principal: NamedDependency[Principal],
        list_due_cards: Provided[ListDueCards],
        course_id: Annotated[UUID | None, QueryParameter(description="One course's.")] = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> DueCardsResponse:
        """Your review cards due today (in your time zone), soonest first."""
        due = await list_due_cards.execute(principal, course_id, limit)
        return DueCardsResponse(
            items=[DueCardResponse.of(item) for item in due.items],
            total=due.total,
            due_until=due.until,
        )

    @post(
        "/cards/{card_id:uuid}/answers",
        status_code=HTTP_200_OK,
        responses=error_responses(401, 403, 404, 422, 502),
    )
    async def answer_card(
        self,
        card_id: FromPath[UUID],
        data: JSONBody[CardAnswerRequest],
        principal: NamedDependency[Principal],
        answer_card: Provided[AnswerCard],
    ) -> CardAnswerResponse:
        """Answer a card: graded like an attempt's answer, then rescheduled (FSRS)."""
        outcome = await answer_card.execute(
            principal, card_id, CardAnswer(data.answer, data.elapsed_ms)
        )
        return CardAnswerResponse.of(outcome)

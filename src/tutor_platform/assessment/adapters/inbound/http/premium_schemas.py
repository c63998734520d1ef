"""Request and response bodies of the premium features and their usage."""

from typing import Annotated, Literal
from uuid import UUID

import msgspec

from tutor_platform.assessment.adapters.inbound.http.authoring_schemas import RubricRequest
from tutor_platform.assessment.adapters.inbound.http.taker_schemas import number
from tutor_platform.assessment.application.assess_free_text import (
    MAX_QUESTION_LENGTH,
    FreeTextAnswer,
)
from tutor_platform.assessment.application.get_mastery import P_MASTERY_DIGITS
from tutor_platform.assessment.application.synthesize_lessons import (
    MAX_LESSONS,
    MIN_LESSONS,
    Synthesis,
)
from tutor_platform.assessment.domain.answers import MAX_FREE_TEXT_LENGTH
from tutor_platform.assessment.domain.learning_path import StepAction, StepBasis
from tutor_platform.assessment.domain.mentor import MAX_GOAL_LENGTH
from tutor_platform.assessment.domain.premium import MonthUsage, UsageSummary
from tutor_platform.assessment.domain.synthesis import Idea
from tutor_platform.shared.http.citations import CitationResponse
from tutor_platform.shared.http.requests import StrictRequest
from tutor_platform.shared.http.responses import convert


class FreeTextRequest(StrictRequest):
    question: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_QUESTION_LENGTH)]
    answer: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_FREE_TEXT_LENGTH)]
    rubric: Annotated[
        RubricRequest | None,
        msgspec.Meta(description="Without one, the answer is graded against the question."),
    ] = None
    course_id: Annotated[
        UUID | None, msgspec.Meta(description="A course you can see, kept with the usage.")
    ] = None

    def command(self) -> FreeTextAnswer:
        return FreeTextAnswer(
            question=self.question,
            answer=self.answer,
            rubric=None if self.rubric is None else self.rubric.rubric(),
            course_id=self.course_id,
        )


class FreeTextResponse(msgspec.Struct):
    score: Annotated[float, msgspec.Meta(description="0 to 1.")]
    feedback: str
    strengths: list[str]
    improvements: list[str]
    graded_by: Annotated[
        Literal["ai", "rules"],
        msgspec.Meta(description="rules: the offline grader; ai: a remote AI provider."),
    ]
    needs_review: Annotated[
        bool, msgspec.Meta(description="The grader is not sure; a person should look.")
    ]


class AdaptiveLearningRequest(StrictRequest):
    course_id: UUID


class PathStepResponse(msgspec.Struct, kw_only=True):
    lesson_id: UUID
    title: str
    action: Annotated[
        StepAction, msgspec.Meta(description="review: go back over it; next: learn or practise it.")
    ]
    basis: Annotated[
        StepBasis,
        msgspec.Meta(
            description="Why it is on the path: questions missed in your latest attempt at a "
            "quiz, review cards due today, mastery below the mark, or (for a lesson no "
            "question tests) not completed."
        ),
    ]
    reason: Annotated[str, msgspec.Meta(description="The same, in a sentence for you.")]
    p_mastery: Annotated[
        float | None,
        msgspec.Meta(
            description="Your mastery of the lesson (0-1); null when no question tests it."
        ),
    ]
    missed_question_ids: Annotated[
        list[UUID], msgspec.Meta(description="The missed questions behind a missed_questions step.")
    ]
    due_cards: Annotated[int, msgspec.Meta(description="Your review cards of it due today.")]

    def __post_init__(self) -> None:
        if self.p_mastery is not None:
            self.p_mastery = round(self.p_mastery, P_MASTERY_DIGITS)


class AdaptiveLearningResponse(msgspec.Struct, kw_only=True):
    course_id: UUID
    summary: Annotated[str, msgspec.Meta(description="Written by the AI from the path.")]
    steps: Annotated[
        list[PathStepResponse],
        msgspec.Meta(
            description="Lessons behind missed questions first, then lessons with reviews due "
            "today, then lessons not mastered yet; each group in course order (at most 10)."
        ),
    ]
    completed_lessons: int
    total_lessons: int


class SynthesisRequest(StrictRequest):
    course_id: UUID
    lesson_ids: Annotated[
        list[UUID],
        msgspec.Meta(
            min_length=MIN_LESSONS,
            max_length=MAX_LESSONS,
            description="2 to 10 distinct lessons of the course.",
        ),
    ]


class SynthesisLessonResponse(msgspec.Struct):
    """A lesson the synthesis connects."""

    lesson_id: UUID
    title: str


class IdeaResponse(msgspec.Struct):
    """An idea the lessons share, written by the AI (citing passages as [n]), and the passages
    it rests on (those it cites, else those it quotes)."""

    idea: str
    citations: list[CitationResponse]

    @classmethod
    def of(cls, idea: Idea) -> "IdeaResponse":
        return cls(idea.text, [CitationResponse.of(c) for c in idea.citations])


class SynthesisResponse(msgspec.Struct):
    course_id: UUID
    lessons: list[SynthesisLessonResponse]
    connections: Annotated[
        list[IdeaResponse],
        msgspec.Meta(description="The ideas the lessons share, each with its citations."),
    ]
    citations: Annotated[
        list[CitationResponse],
        msgspec.Meta(description="Every passage some idea cites, once, by number."),
    ]

    @classmethod
    def of(cls, synthesis: Synthesis) -> "SynthesisResponse":
        lessons = [SynthesisLessonResponse(lesson.id, lesson.title) for lesson in synthesis.lessons]
        connections = [IdeaResponse.of(idea) for idea in synthesis.connections]
        citations = [CitationResponse.of(c) for c in synthesis.citations]
        return cls(synthesis.course_id, lessons, connections, citations)


class MentorSessionRequest(StrictRequest):
    goal: Annotated[
        str,
        msgspec.Meta(min_length=1, max_length=MAX_GOAL_LENGTH, description="Trimmed."),
    ]
    course_id: Annotated[
        UUID | None, msgspec.Meta(description="A course you can see to plan with.")
    ] = None


class MentorStepResponse(msgspec.Struct):
    number: int
    title: str
    detail: str
    lesson_ids: list[UUID]
    citations: Annotated[
        list[int],
        msgspec.Meta(description="The indexes of the plan's citations from these lessons."),
    ]


class MentorSessionResponse(msgspec.Struct):
    goal: str
    course_id: UUID | None
    covered: Annotated[
        bool,
        msgspec.Meta(
            description="Whether the course has lessons relevant to the goal (false without "
            "a course); when false the plan says so and has no citations."
        ),
    ]
    steps: list[MentorStepResponse]
    advice: Annotated[
        str, msgspec.Meta(description="Written by the AI from the steps; cites passages as [n].")
    ]
    citations: Annotated[
        list[CitationResponse],
        msgspec.Meta(description="The passages of the relevant lessons the plan rests on."),
    ]


class FeatureUsageResponse(msgspec.Struct):
    calls: int
    cost_usd: float


class FeaturesUsageResponse(msgspec.Struct):
    adaptive_learning: FeatureUsageResponse
    llm_assessment: FeatureUsageResponse
    synthesis: FeatureUsageResponse
    mentor_session: FeatureUsageResponse


class MonthUsageResponse(msgspec.Struct):
    month: Annotated[str, msgspec.Meta(description="UTC month, YYYY-MM.", examples=["2026-11"])]
    features: FeaturesUsageResponse
    total_cost_usd: float

    @classmethod
    def of(cls, month: MonthUsage) -> "MonthUsageResponse":
        features = {name: convert(u, FeatureUsageResponse) for name, u in month.features.items()}
        return cls(month.month, FeaturesUsageResponse(**features), number(month.total_cost_usd))


class AllowanceResponse(msgspec.Struct):
    calls: int
    limit: int


class TodayResponse(msgspec.Struct):
    adaptive_learning: AllowanceResponse
    llm_assessment: AllowanceResponse
    synthesis: AllowanceResponse
    mentor_session: AllowanceResponse


class UsageResponse(msgspec.Struct):
    user_id: UUID
    months: Annotated[
        list[MonthUsageResponse], msgspec.Meta(description="The last 12 UTC months, newest first.")
    ]
    today: Annotated[
        TodayResponse, msgspec.Meta(description="Calls counted today (UTC) and the daily quota.")
    ]

    @classmethod
    def of(cls, summary: UsageSummary) -> "UsageResponse":
        today = {name: convert(a, AllowanceResponse) for name, a in summary.today.items()}
        return cls(
            summary.user_id,
            [MonthUsageResponse.of(month) for month in summary.months],
            TodayResponse(**today),
        )

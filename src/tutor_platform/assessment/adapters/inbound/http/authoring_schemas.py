"""What a quiz's authors write and read: the quiz with its questions' answers, rubrics and
explanations (``QuizCreate``, ``QuizPatch``, ``QuizAuthoringResponse``)."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.assessment.adapters.inbound.http.taker_schemas import OptionResponse
from tutor_platform.assessment.application.create_quiz import NewQuiz
from tutor_platform.assessment.application.update_quiz import QuizChanges
from tutor_platform.assessment.domain.authoring import (
    MAX_ACCEPTED_ANSWER_LENGTH,
    MAX_ACCEPTED_ANSWERS,
    MAX_ATTEMPTS_LIMIT,
    MAX_EXPLANATION_LENGTH,
    MAX_GUIDANCE_LENGTH,
    MAX_KEYWORD_LENGTH,
    MAX_KEYWORDS,
    MAX_MODEL_ANSWER_LENGTH,
    MAX_OPTION_TEXT_LENGTH,
    MAX_OPTIONS,
    MAX_POINTS,
    MAX_PROMPT_LENGTH,
    MAX_QUESTIONS,
    MAX_TITLE_LENGTH,
    MIN_POINTS,
    OPTION_ID_REGEX,
    OptionDraft,
    QuestionDraft,
)
from tutor_platform.assessment.domain.quiz import QuestionKind, Rubric
from tutor_platform.shared.http.requests import StrictRequest, given

Title = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_TITLE_LENGTH,
        description="Trimmed; 1-200 characters, no control characters.",
    ),
]
OptionId = Annotated[
    str,
    msgspec.Meta(
        pattern=f"^{OPTION_ID_REGEX}$",
        extra={"message": "must be 1 to 64 characters: letters, digits, '.', '_' or '-'"},
        description="Unique within the question. Left out: a, b, c, ... by position.",
        examples=["b"],
    ),
]
PassingScore = Annotated[
    float,
    msgspec.Meta(ge=0, le=1, description="0 to 1, at most 4 decimal places; 0.7 by default."),
]
MaxAttempts = Annotated[
    int, msgspec.Meta(ge=1, le=MAX_ATTEMPTS_LIMIT, description="null: no limit.")
]
Keyword = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_KEYWORD_LENGTH)]
Guidance = Annotated[str, msgspec.Meta(max_length=MAX_GUIDANCE_LENGTH)]


class RubricRequest(StrictRequest):
    keywords: Annotated[
        list[Keyword],
        msgspec.Meta(max_length=MAX_KEYWORDS, description="Key points a good answer mentions."),
    ] = msgspec.field(default_factory=list)
    guidance: Annotated[Guidance, msgspec.Meta(description="What a full-marks answer says.")] = ""
    model_answer: Annotated[
        Annotated[str, msgspec.Meta(max_length=MAX_MODEL_ANSWER_LENGTH)],
        msgspec.Meta(
            description="A full-marks answer in your words; the offline grader compares "
            "answers with it in meaning."
        ),
    ] = ""

    def rubric(self) -> Rubric:
        return Rubric(tuple(self.keywords), self.guidance, self.model_answer)


class OptionRequest(StrictRequest):
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_OPTION_TEXT_LENGTH)]
    id: OptionId | None = None


class QuestionRequest(StrictRequest):
    """A question with the answer fields of its kind only (others → 422)."""

    kind: QuestionKind
    prompt: Annotated[
        str, msgspec.Meta(min_length=1, max_length=MAX_PROMPT_LENGTH, description="Markdown.")
    ]
    points: Annotated[int, msgspec.Meta(ge=MIN_POINTS, le=MAX_POINTS)]
    lesson_id: Annotated[
        UUID | None,
        msgspec.Meta(description="The lesson of the course it tests; left out: the quiz's lesson."),
    ] = None
    explanation: Annotated[
        Annotated[str, msgspec.Meta(max_length=MAX_EXPLANATION_LENGTH)] | None,
        msgspec.Meta(description="Shown after submitting."),
    ] = None
    options: Annotated[
        Annotated[list[OptionRequest], msgspec.Meta(max_length=MAX_OPTIONS)] | None,
        msgspec.Meta(description="single/multiple choice: 2 to 20."),
    ] = None
    correct_option_ids: Annotated[
        Annotated[list[OptionId], msgspec.Meta(max_length=MAX_OPTIONS)] | None,
        msgspec.Meta(description="single choice: exactly 1; multiple: 1 or more."),
    ] = None
    correct: Annotated[bool | None, msgspec.Meta(description="true_false.")] = None
    accepted_answers: Annotated[
        Annotated[
            list[Annotated[str, msgspec.Meta(max_length=MAX_ACCEPTED_ANSWER_LENGTH)]],
            msgspec.Meta(max_length=MAX_ACCEPTED_ANSWERS),
        ]
        | None,
        msgspec.Meta(
            description="short_answer: compared ignoring case, extra spaces and final punctuation."
        ),
    ] = None
    rubric: Annotated[
        RubricRequest | None,
        msgspec.Meta(description="free_text (required): keywords and/or guidance."),
    ] = None

    def draft(self) -> QuestionDraft:
        return QuestionDraft(
            kind=self.kind,
            prompt=self.prompt,
            points=self.points,
            lesson_id=self.lesson_id,
            explanation=self.explanation,
            options=None
            if self.options is None
            else [OptionDraft(option.text, option.id) for option in self.options],
            correct_option_ids=self.correct_option_ids,
            correct=self.correct,
            accepted_answers=self.accepted_answers,
            rubric=None if self.rubric is None else self.rubric.rubric(),
        )


Questions = Annotated[list[QuestionRequest], msgspec.Meta(min_length=1, max_length=MAX_QUESTIONS)]


def passing_score(value: float) -> Decimal:
    return Decimal(str(value))


class QuizCreate(StrictRequest):
    title: Title
    questions: Questions
    lesson_id: Annotated[
        UUID | None, msgspec.Meta(description="A lesson of the course; null: none.")
    ] = None
    passing_score: PassingScore = 0.7
    is_premium: bool = False
    max_attempts: MaxAttempts | None = None

    def command(self) -> NewQuiz:
        return NewQuiz(
            title=self.title,
            questions=[question.draft() for question in self.questions],
            lesson_id=self.lesson_id,
            passing_score=passing_score(self.passing_score),
            is_premium=self.is_premium,
            max_attempts=self.max_attempts,
        )


class QuizPatch(StrictRequest):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    lesson_id: Annotated[
        UUID | msgspec.UnsetType | None, msgspec.Meta(description="null detaches the quiz.")
    ] = msgspec.UNSET
    passing_score: PassingScore | msgspec.UnsetType = msgspec.UNSET
    is_premium: bool | msgspec.UnsetType = msgspec.UNSET
    max_attempts: Annotated[
        MaxAttempts | msgspec.UnsetType | None, msgspec.Meta(description="null: no limit.")
    ] = msgspec.UNSET
    questions: Annotated[
        Questions | msgspec.UnsetType,
        msgspec.Meta(description="Replaces every question (with new ids)."),
    ] = msgspec.UNSET

    def changes(self) -> QuizChanges:
        score = given(self.passing_score)
        questions = given(self.questions)
        return QuizChanges(
            title=given(self.title),
            lesson_id=given(self.lesson_id),
            detach_lesson=self.lesson_id is None,
            passing_score=None if score is None else passing_score(score),
            is_premium=given(self.is_premium),
            max_attempts=given(self.max_attempts),
            unlimited_attempts=self.max_attempts is None,
            questions=None if questions is None else [q.draft() for q in questions],
        )


class RubricResponse(msgspec.Struct):
    keywords: list[str]
    guidance: str
    model_answer: str


class AuthoringQuestionResponse(msgspec.Struct, kw_only=True):
    """A question with its answer fields (null when not of its kind)."""

    id: UUID
    kind: QuestionKind
    prompt: str
    points: int
    lesson_id: UUID | None
    explanation: str | None
    options: list[OptionResponse] | None
    correct_option_ids: list[str] | None
    correct: bool | None
    accepted_answers: list[str] | None
    rubric: RubricResponse | None

    def __post_init__(self) -> None:
        self.options = self.options or None
        self.correct_option_ids = self.correct_option_ids or None
        self.accepted_answers = self.accepted_answers or None


class QuizAuthoringResponse(msgspec.Struct, kw_only=True):
    """A quiz for its authors, with answers, rubrics and explanations."""

    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float
    is_premium: bool
    max_attempts: int | None
    max_points: int
    questions: list[AuthoringQuestionResponse]
    created_by: UUID
    created_at: datetime
    updated_at: datetime

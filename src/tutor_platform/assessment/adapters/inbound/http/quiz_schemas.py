"""Request and response bodies of quizzes and attempts.

Two views of a quiz: ``QuizResponse`` (and ``QuizSummaryResponse`` in lists) for whoever
takes it, which has no answer field, rubric or explanation at all (not even empty), and
``QuizAuthoringResponse`` for its authors. Exact decimals (scores, points) are sent as JSON
numbers.
"""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Final, TypeVar
from uuid import UUID

import msgspec

from tutor_platform.assessment.application.create_quiz import NewQuiz
from tutor_platform.assessment.application.list_course_quizzes import CourseQuiz
from tutor_platform.assessment.application.update_quiz import QuizChanges
from tutor_platform.assessment.domain.answers import MAX_ANSWER_KEY_LENGTH
from tutor_platform.assessment.domain.attempt import Attempt
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
from tutor_platform.assessment.domain.grading import AttemptStatus, Grader, QuestionResult
from tutor_platform.assessment.domain.quiz import QuestionKind, Rubric
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest, given

T = TypeVar("T")
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


def number(value: Decimal) -> float:
    """An exact decimal of a few places as a JSON number (its shortest float prints the same
    digits)."""
    return float(value)


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


class OptionResponse(msgspec.Struct):
    id: str
    text: str


class QuestionResponse(msgspec.Struct, omit_defaults=True):
    """A question to answer; ``options`` only for single and multiple choice."""

    id: UUID
    kind: QuestionKind
    prompt: str
    points: int
    lesson_id: Annotated[UUID | None, msgspec.Meta(description="The lesson it tests.")]
    options: list[OptionResponse] | None = None

    def __post_init__(self) -> None:
        self.options = self.options or None


class QuizSummaryResponse(msgspec.Struct, kw_only=True):
    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float
    is_premium: bool
    max_attempts: int | None
    max_points: int
    question_count: int
    attempts_used: Annotated[int, msgspec.Meta(description="Your attempts so far.")]
    best_score: Annotated[
        float | None, msgspec.Meta(description="Your best score (0-1); null before any attempt.")
    ]

    @classmethod
    def of(cls, standing: CourseQuiz) -> "QuizSummaryResponse":
        quiz, best = standing.quiz, standing.best_score
        return cls(
            attempts_used=standing.attempts_used,
            best_score=None if best is None else number(best),
            id=quiz.id,
            course_id=quiz.course_id,
            lesson_id=quiz.lesson_id,
            title=quiz.title,
            passing_score=number(quiz.passing_score),
            is_premium=quiz.is_premium,
            max_attempts=quiz.max_attempts,
            max_points=quiz.max_points,
            question_count=len(quiz.questions),
        )


class QuizResponse(msgspec.Struct, kw_only=True):
    """A quiz to take: no correct answers, rubrics or explanations."""

    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float
    is_premium: bool
    max_attempts: int | None
    max_points: int
    questions: list[QuestionResponse]


QuizListResponse = Annotated[PageResponse[QuizSummaryResponse], named("QuizListResponse")]


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

"""Bodies of assessment's analytics (quizzes and mastery of a course)."""

from collections.abc import AsyncIterator
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.assessment.application.course_analytics import (
    MasteryMatrix,
    QuizAnalytics,
)
from tutor_platform.assessment.ports.courses import LessonRef
from tutor_platform.assessment.ports.figures import LearnerMastery, MatrixRow
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import CsvTable, RangeResponse
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import Page


class WrongOptionResponse(msgspec.Struct, kw_only=True):
    option_id: str
    """The option's id (true/false questions: `true` or `false`)."""
    text: str | None
    count: int


class QuestionAnalyticsResponse(msgspec.Struct, kw_only=True):
    question_id: UUID
    position: int
    kind: str
    prompt: str
    answered: int
    share_correct: float | None
    """Correct answers ÷ answers (0-1), null without answers."""
    wrong_options: list[WrongOptionResponse]
    """The most chosen wrong options (at most 3), most chosen first."""
    awaiting_review: int
    """Answers of this question waiting for a person's grade now (whatever the range)."""


class QuizAnalyticsResponse(msgspec.Struct, kw_only=True):
    quiz_id: UUID
    title: str
    attempts: int
    pass_rate: float | None
    median_score: float | None
    """0-1 (whole percents), null without attempts."""
    questions: list[QuestionAnalyticsResponse]


class QuizAnalyticsListResponse(RangeResponse, kw_only=True):
    items: list[QuizAnalyticsResponse]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, days: DateRange, page: Page[QuizAnalytics]) -> "QuizAnalyticsListResponse":
        return cls(
            **cls.fields(days),
            items=[convert(quiz, QuizAnalyticsResponse) for quiz in page.items],
            total=page.total,
            limit=page.limit,
            offset=page.offset,
        )


QUESTION_CSV_HEADER = (
    "quiz_id",
    "quiz_title",
    "quiz_attempts",
    "quiz_pass_rate",
    "quiz_median_score",
    "question_id",
    "position",
    "kind",
    "prompt",
    "answered",
    "share_correct",
    "awaiting_review",
    "top_wrong_option",
    "top_wrong_option_count",
)


def question_table(page: Page[QuizAnalytics]) -> CsvTable:
    """One row per question of every quiz."""
    rows: list[tuple[object, ...]] = []
    for quiz in page.items:
        for q in quiz.questions:
            top = q.wrong_options[0] if q.wrong_options else None
            rows.append(
                (
                    quiz.quiz_id,
                    quiz.title,
                    quiz.attempts,
                    quiz.pass_rate,
                    quiz.median_score,
                    q.question_id,
                    q.position,
                    q.kind,
                    q.prompt,
                    q.answered,
                    q.share_correct,
                    q.awaiting_review,
                    None if top is None else (top.text or top.option_id),
                    None if top is None else top.count,
                )
            )
    return CsvTable("course-quizzes.csv", QUESTION_CSV_HEADER, rows)


class LessonColumn(msgspec.Struct, kw_only=True):
    lesson_id: UUID
    title: str


class LearnerRow(msgspec.Struct, kw_only=True):
    user_id: UUID
    p_mastery: list[float | None]
    """One value per lesson of `lessons`, in that order; null where there is no evidence."""


class StuckLearnerResponse(msgspec.Struct, kw_only=True):
    user_id: UUID
    attempts: int
    """Attempts at the course's quizzes in the range."""
    mean_p_mastery: float


LearnerPage = Annotated[PageResponse[LearnerRow], named("LearnerPage")]


class MasteryAnalyticsResponse(RangeResponse, kw_only=True):
    lessons: list[LessonColumn]
    """The course's lessons in course order: the columns of the matrix."""
    learners: LearnerPage
    """Learners with mastery evidence in the range, by id."""
    stuck: list[StuckLearnerResponse]
    """At least 3 attempts in the range and a mean p_mastery below 0.5; most attempts first."""
    stuck_total: int

    @classmethod
    def of(cls, days: DateRange, matrix: MasteryMatrix) -> "MasteryAnalyticsResponse":
        page = matrix.learners
        return cls(
            **cls.fields(days),
            lessons=[LessonColumn(lesson_id=ref.id, title=ref.title) for ref in matrix.lessons],
            learners=PageResponse(
                [
                    LearnerRow(user_id=row.user_id, p_mastery=matrix_row(matrix.lessons, row))
                    for row in page.items
                ],
                page.total,
                page.limit,
                page.offset,
            ),
            stuck=[convert(s, StuckLearnerResponse) for s in matrix.stuck],
            stuck_total=matrix.stuck_total,
        )


async def _matrix_rows(rows: AsyncIterator[MatrixRow]) -> AsyncIterator[tuple[object, ...]]:
    async for user_id, cells in rows:
        yield (user_id, *cells)


def matrix_table(lessons: list[LessonRef], rows: AsyncIterator[MatrixRow]) -> CsvTable:
    """One row per learner (streamed), one column per lesson, titled with its place."""
    header = ("user_id", *(f"{n}. {ref.title}" for n, ref in enumerate(lessons, 1)))
    return CsvTable("course-mastery.csv", header, _matrix_rows(rows))


def matrix_row(lessons: list[LessonRef], row: LearnerMastery) -> list[float | None]:
    known = {cell.lesson_id: round(cell.p_mastery, 4) for cell in row.cells}
    return [known.get(lesson.id) for lesson in lessons]

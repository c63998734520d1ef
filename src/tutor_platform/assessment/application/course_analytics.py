"""A course's quiz and mastery figures over a range of days, for its instructor and admins.

Both check the course the same way: 404 when the caller cannot see it, 403 unless they are
its instructor or an admin.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.figures import (
    ANSWERED,
    ATTEMPTS,
    AWAITING_REVIEW,
    CORRECT,
    PASSED,
    QUIZ_METRICS,
    SCORE,
    WRONG_OPTION,
)
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.assessment.ports.courses import CourseCatalog, LessonRef
from tutor_platform.assessment.ports.figures import (
    AssessmentFiguresReader,
    LearnerMastery,
    MatrixRow,
    StuckLearner,
)
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange, FigureKey, median_of
from tutor_platform.shared.pagination import Page, PageRequest

TOP_WRONG_OPTIONS: Final = 3
STUCK_MIN_ATTEMPTS: Final = 3
STUCK_BELOW_MASTERY: Final = 0.5
STUCK_LISTED: Final = 20


@dataclass(frozen=True, slots=True)
class WrongOption:
    option_id: str
    text: str | None
    count: int


@dataclass(frozen=True, slots=True)
class QuestionAnalytics:
    question_id: UUID
    position: int
    kind: str
    prompt: str
    answered: int
    share_correct: float | None
    wrong_options: list[WrongOption]
    awaiting_review: int


@dataclass(frozen=True, slots=True)
class QuizAnalytics:
    quiz_id: UUID
    title: str
    attempts: int
    pass_rate: float | None
    median_score: float | None
    questions: list[QuestionAnalytics]


@dataclass(frozen=True, slots=True)
class MasteryMatrix:
    lessons: list[LessonRef]
    learners: Page[LearnerMastery]
    stuck: list[StuckLearner]
    stuck_total: int


class CourseAnalyst:
    """The access check both analytics use cases share."""

    def __init__(self, access: QuizAccess) -> None:
        self._access = access

    async def ensure(self, principal: Principal, course_id: UUID) -> None:
        await self._access.ensure_course_visible(principal, course_id)
        await self._access.ensure_course_editor(principal, course_id)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def quiz_analytics(
    quiz: Quiz, sums: dict[FigureKey, int], awaiting: dict[FigureKey, int]
) -> QuizAnalytics:
    def total(metric: str, item: UUID) -> int:
        return sum(v for (m, i, _), v in sums.items() if m == metric and i == item)

    scores = {int(d): v for (m, i, d), v in sums.items() if m == SCORE and i == quiz.id}
    median = median_of(scores)
    attempts = total(ATTEMPTS, quiz.id)
    questions = []
    for position, question in enumerate(quiz.questions, start=1):
        answered = total(ANSWERED, question.id)
        texts = {option.id: option.text for option in question.options}
        wrong = sorted(
            (
                (v, d)
                for (m, i, d), v in sums.items()
                if m == WRONG_OPTION and i == question.id and v > 0
            ),
            key=lambda pair: (-pair[0], pair[1]),
        )[:TOP_WRONG_OPTIONS]
        questions.append(
            QuestionAnalytics(
                question_id=question.id,
                position=position,
                kind=question.kind,
                prompt=question.prompt,
                answered=answered,
                share_correct=_ratio(total(CORRECT, question.id), answered),
                wrong_options=[WrongOption(d, texts.get(d), v) for v, d in wrong],
                awaiting_review=sum(
                    v
                    for (m, i, _), v in awaiting.items()
                    if m == AWAITING_REVIEW and i == question.id
                ),
            )
        )
    return QuizAnalytics(
        quiz_id=quiz.id,
        title=quiz.title,
        attempts=attempts,
        pass_rate=_ratio(total(PASSED, quiz.id), attempts),
        median_score=None if median is None else round(median / 100, 4),
        questions=questions,
    )


class GetQuizAnalytics:
    """Per quiz of the course (a page of them, in creation order): attempts in the range,
    pass rate, median score; per question: share correct, the most chosen wrong options and
    the answers awaiting review now."""

    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        analyst: CourseAnalyst,
        figures: AssessmentFiguresReader,
    ) -> None:
        self._uow_factory = uow_factory
        self._analyst = analyst
        self._figures = figures

    async def execute(
        self, principal: Principal, course_id: UUID, days: DateRange, page: PageRequest | None
    ) -> Page[QuizAnalytics]:
        """``page`` None: every quiz (the CSV)."""
        await self._analyst.ensure(principal, course_id)
        async with self._uow_factory() as uow:
            if page is None:
                quizzes = await uow.quizzes.all_of_course(course_id)
                total = len(quizzes)
            else:
                quizzes, total = await uow.quizzes.of_course(course_id, page)
        sums = await self._figures.sums(course_id, QUIZ_METRICS, days)
        awaiting = await self._figures.sums(course_id, (AWAITING_REVIEW,), None)
        items = [quiz_analytics(quiz, sums, awaiting) for quiz in quizzes]
        page = page or PageRequest(limit=max(total, 1), offset=0)
        return Page(items=items, total=total, limit=page.limit, offset=page.offset)


class GetMasteryAnalytics:
    """The learner-by-lesson matrix of p_mastery for the learners with evidence in the range
    (a page of learners by id), and the stuck learners: at least 3 attempts at the course's
    quizzes in the range and a mean p_mastery below 0.5 (the 20 with most attempts)."""

    def __init__(
        self,
        analyst: CourseAnalyst,
        catalog: CourseCatalog,
        figures: AssessmentFiguresReader,
    ) -> None:
        self._analyst = analyst
        self._catalog = catalog
        self._figures = figures

    async def lessons(self, principal: Principal, course_id: UUID) -> list[LessonRef]:
        await self._analyst.ensure(principal, course_id)
        sections = await self._catalog.sections(course_id)
        return [lesson for section in sections for lesson in section.lessons]

    async def execute(
        self, principal: Principal, course_id: UUID, days: DateRange, page: PageRequest
    ) -> MasteryMatrix:
        lessons = await self.lessons(principal, course_id)
        ids, total = await self._figures.mastery_learners(course_id, days, page.limit, page.offset)
        rows = await self._figures.mastery_of(course_id, ids)
        stuck, stuck_total = await self._figures.stuck_learners(
            course_id, days, STUCK_MIN_ATTEMPTS, STUCK_BELOW_MASTERY, STUCK_LISTED
        )
        return MasteryMatrix(
            lessons=lessons,
            learners=Page(items=rows, total=total, limit=page.limit, offset=page.offset),
            stuck=stuck,
            stuck_total=stuck_total,
        )

    def matrix(
        self, course_id: UUID, days: DateRange, lessons: list[LessonRef]
    ) -> AsyncIterator[MatrixRow]:
        """Every learner's row over ``lessons``, streamed (after :meth:`lessons` checked the
        caller)."""
        return self._figures.mastery_matrix(course_id, days, [lesson.id for lesson in lessons])

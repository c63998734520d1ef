"""Assessment's daily figures: what an attempt and a premium call add to them."""

from decimal import Decimal
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.grading import Answer, is_missing
from tutor_platform.assessment.domain.premium import UsageRecord
from tutor_platform.assessment.domain.quiz import QuestionKind, Quiz
from tutor_platform.shared.figures import NO_ITEM, FigureDelta, utc_day

ATTEMPTS: Final = "attempts"
PASSED: Final = "passed"
SCORE: Final = "score"
"""A histogram of attempt scores in whole percent (detail ``000``..``100``)."""
LEARNER_ATTEMPTS: Final = "learner_attempts"
"""Attempts per learner (item: the learner) at the course's quizzes."""
ANSWERED: Final = "answered"
CORRECT: Final = "correct"
WRONG_OPTION: Final = "wrong_option"
"""A wrong choice (detail: the option id, or ``true``/``false``)."""
AWAITING_REVIEW: Final = "awaiting_review"
PREMIUM_CALLS: Final = "premium_calls"
PREMIUM_COST: Final = "premium_cost"
"""Cost of premium calls in millionths of a dollar (detail: the feature)."""
QUIZ_METRICS: Final = (ATTEMPTS, PASSED, SCORE, ANSWERED, CORRECT, WRONG_OPTION)
MICRO_USD: Final = Decimal(1_000_000)


def _wrong_choices(quiz: Quiz, question_id: UUID, answer: Answer | None) -> list[str]:
    question = quiz.question(question_id)
    if question is None or is_missing(answer):
        return []
    if question.kind == QuestionKind.SINGLE_CHOICE and isinstance(answer, str):
        return [answer] if answer not in question.correct_option_ids else []
    if question.kind == QuestionKind.MULTIPLE_CHOICE and isinstance(answer, tuple | list):
        return [option for option in answer if option not in question.correct_option_ids]
    if (
        question.kind == QuestionKind.TRUE_FALSE
        and isinstance(answer, bool)
        and answer != question.correct
    ):
        return [str(answer).lower()]
    return []


def attempt_figures(quiz: Quiz, attempt: Attempt) -> list[FigureDelta]:
    """The figures of one attempt as it is graded now (answers awaiting review included)."""
    course, day = quiz.course_id, utc_day(attempt.completed_at)
    percent = int((attempt.score * 100).to_integral_value())
    deltas = [
        FigureDelta(course, day, ATTEMPTS, quiz.id),
        FigureDelta(course, day, SCORE, quiz.id, f"{percent:03d}"),
        FigureDelta(course, day, LEARNER_ATTEMPTS, attempt.user_id),
    ]
    if attempt.passed:
        deltas.append(FigureDelta(course, day, PASSED, quiz.id))
    for result in attempt.results:
        answer = attempt.answers.get(result.question_id)
        if result.needs_review:
            deltas.append(FigureDelta(course, day, AWAITING_REVIEW, result.question_id))
        if is_missing(answer):
            continue
        deltas.append(FigureDelta(course, day, ANSWERED, result.question_id))
        if result.correct:
            deltas.append(FigureDelta(course, day, CORRECT, result.question_id))
        else:
            deltas.extend(
                FigureDelta(course, day, WRONG_OPTION, result.question_id, option[:64])
                for option in _wrong_choices(quiz, result.question_id, answer)
            )
    return deltas


def premium_figures(record: UsageRecord) -> list[FigureDelta]:
    course, day = record.course_id or NO_ITEM, utc_day(record.used_at)
    micros = int(record.cost_usd * MICRO_USD)
    return [
        FigureDelta(course, day, PREMIUM_CALLS, NO_ITEM, record.feature),
        FigureDelta(course, day, PREMIUM_COST, NO_ITEM, record.feature, micros),
    ]

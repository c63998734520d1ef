"""Checking a learner's answers before anything is graded or stored.

Answers are ``{question_id: answer}``. Each key must be the id of one of the quiz's
questions and each value of the question's kind: an option id of the question (single
choice), a list of distinct option ids (multiple choice), a boolean (true/false), text
(short answer: at most 500 characters, free text: at most 10,000). ``null`` or a left-out
question is no answer. Any problem is a 422 naming ``answers.<key>``, and nothing is stored.
"""

from collections.abc import Mapping
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.grading import Answer
from tutor_platform.assessment.domain.quiz import Question, QuestionKind, Quiz
from tutor_platform.shared.validation import FieldChecks

MAX_SHORT_ANSWER_LENGTH: Final = 500
MAX_FREE_TEXT_LENGTH: Final = 10_000
MAX_ANSWER_KEY_LENGTH: Final = 64


def checked_answers(quiz: Quiz, raw: Mapping[str, object]) -> dict[UUID, Answer]:
    """The answers by question id (no answer left out), or ``ValidationFailed``."""
    checks = FieldChecks(prefix="answers.")
    answers: dict[UUID, Answer] = {}
    for key, value in raw.items():
        question = _question(quiz, key)
        if question is None:
            checks.check(key[:MAX_ANSWER_KEY_LENGTH], "is not a question of this quiz")
            continue
        if question.id in answers:
            checks.check(key, "answers a question that is already answered under another key")
            continue
        if value is None:
            continue
        answer, problem = _answer(question, value)
        checks.check(key, problem)
        if answer is not None:
            answers[question.id] = answer
    checks.raise_if_failed()
    return answers


def checked_answer(question: Question, value: object) -> Answer:
    """One answer to ``question`` (a review card's), or ``ValidationFailed`` naming
    ``answer``; ``null`` is refused (a review needs an answer)."""
    checks = FieldChecks()
    if value is None:
        checks.check("answer", "is required")
        checks.raise_if_failed()
    answer, problem = _answer(question, value)
    checks.check("answer", problem)
    checks.raise_if_failed()
    assert answer is not None
    return answer


def _question(quiz: Quiz, key: str) -> Question | None:
    try:
        question_id = UUID(key)
    except ValueError:
        return None
    return quiz.question(question_id)


def _answer(question: Question, value: object) -> tuple[Answer | None, str | None]:
    kind = question.kind
    if kind == QuestionKind.SINGLE_CHOICE:
        if not isinstance(value, str):
            return None, "must be the id of one option (a string)"
        if value not in question.option_ids:
            return None, "is not an option of this question"
        return value, None
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return _choices(question, value)
    if kind == QuestionKind.TRUE_FALSE:
        if not isinstance(value, bool):
            return None, "must be true or false"
        return value, None
    limit = MAX_SHORT_ANSWER_LENGTH if kind == QuestionKind.SHORT_ANSWER else MAX_FREE_TEXT_LENGTH
    if kind in (QuestionKind.SHORT_ANSWER, QuestionKind.FREE_TEXT):
        if not isinstance(value, str):
            return None, "must be text"
        if len(value) > limit:
            return None, f"must be at most {limit} characters"
        return value, None
    return None, "cannot be answered"


def _choices(question: Question, value: object) -> tuple[Answer | None, str | None]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None, "must be a list of option ids"
    chosen = tuple(str(item) for item in value)
    if len(set(chosen)) != len(chosen):
        return None, "must not repeat an option"
    if any(item not in question.option_ids for item in chosen):
        return None, "names an option that is not one of this question's"
    return chosen, None

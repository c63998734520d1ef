"""Writing quizzes: the fields an author sends, checked and turned into questions.

Every problem of a request is reported together (422), each naming its field the way the
client wrote it: ``title``, ``questions[2].rubric``, ``questions[0].options[1].text``.

- A question carries exactly the answer fields of its kind: options and
  ``correct_option_ids`` for single/multiple choice (a single choice has exactly one correct
  option), ``correct`` for true/false, ``accepted_answers`` for short answers, a ``rubric``
  (keywords and/or guidance) for free text. A field of another kind is refused rather than
  ignored, so a client's mistake is not stored silently.
- An option without an ``id`` gets one from its position: ``a``, ``b``, ``c``, … (``o27``,
  ``o28``, … past the 26th), which ``correct_option_ids`` may name.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.grading import normalise_text
from tutor_platform.assessment.domain.quiz import (
    CHOICE_KINDS,
    QUESTION_KINDS,
    Option,
    Question,
    QuestionKind,
    Rubric,
)
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.validation import FieldChecks

MAX_TITLE_LENGTH: Final = 200
MIN_QUESTIONS: Final = 1
MAX_QUESTIONS: Final = 100
MAX_PROMPT_LENGTH: Final = 5000
MAX_EXPLANATION_LENGTH: Final = 5000
MIN_POINTS: Final = 1
MAX_POINTS: Final = 1000
MIN_OPTIONS: Final = 2
MAX_OPTIONS: Final = 20
MAX_OPTION_TEXT_LENGTH: Final = 500
OPTION_ID_REGEX: Final = r"[A-Za-z0-9_.-]{1,64}"
MAX_ACCEPTED_ANSWERS: Final = 20
MAX_ACCEPTED_ANSWER_LENGTH: Final = 500
MAX_KEYWORDS: Final = 20
MAX_KEYWORD_LENGTH: Final = 100
MAX_GUIDANCE_LENGTH: Final = 5000
MAX_MODEL_ANSWER_LENGTH: Final = 5000
MAX_ATTEMPTS_LIMIT: Final = 1000
SCORE_PLACES: Final = 4
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OPTION_ID = re.compile(OPTION_ID_REGEX)


@dataclass(frozen=True, slots=True)
class OptionDraft:
    text: str
    id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionDraft:
    """A question as the author wrote it; ``None`` means the field was left out."""

    kind: QuestionKind
    prompt: str
    points: int
    lesson_id: UUID | None = None
    explanation: str | None = None
    options: Sequence[OptionDraft] | None = None
    correct_option_ids: Sequence[str] | None = None
    correct: bool | None = None
    accepted_answers: Sequence[str] | None = None
    rubric: Rubric | None = None


def clean_title(raw: str) -> str:
    return raw.strip()


def title_problem(title: str) -> str | None:
    """For an already trimmed title."""
    if not 1 <= len(title) <= MAX_TITLE_LENGTH:
        return f"must be 1 to {MAX_TITLE_LENGTH} characters (surrounding spaces are trimmed)"
    if _CONTROL.search(title):
        return "must not contain control characters"
    return None


def passing_score_problem(score: Decimal) -> str | None:
    if not Decimal(0) <= score <= Decimal(1):
        return "must be between 0 and 1"
    exponent = score.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -SCORE_PLACES:
        return f"must have at most {SCORE_PLACES} decimal places"
    return None


def max_attempts_problem(max_attempts: int | None) -> str | None:
    if max_attempts is None or 1 <= max_attempts <= MAX_ATTEMPTS_LIMIT:
        return None
    return f"must be 1 to {MAX_ATTEMPTS_LIMIT}, or null for no limit"


def check_quiz_fields(
    checks: FieldChecks,
    *,
    title: str | None = None,
    passing_score: Decimal | None = None,
    max_attempts: int | None = None,
) -> None:
    """Record the problems of the quiz-level fields given (``None``: not given)."""
    if title is not None:
        checks.check("title", title_problem(title))
    if passing_score is not None:
        checks.check("passing_score", passing_score_problem(passing_score))
    checks.check("max_attempts", max_attempts_problem(max_attempts))


def build_questions(
    drafts: Sequence[QuestionDraft], new_id: Callable[[], UUID], checks: FieldChecks
) -> tuple[Question, ...]:
    """The questions of the drafts; their problems are recorded in ``checks`` (the result is
    only meaningful when there were none)."""
    if not MIN_QUESTIONS <= len(drafts) <= MAX_QUESTIONS:
        checks.check("questions", f"must hold {MIN_QUESTIONS} to {MAX_QUESTIONS} questions")
    questions = []
    for index, draft in enumerate(drafts):
        question_checks = FieldChecks(prefix=f"questions[{index}].")
        questions.append(_question(draft, new_id(), question_checks))
        checks.errors.extend(question_checks.errors)
    return tuple(questions)


def checked_questions(
    drafts: Sequence[QuestionDraft], new_id: Callable[[], UUID]
) -> tuple[Question, ...]:
    """The questions of the drafts, or ``ValidationFailed`` naming every problem."""
    checks = FieldChecks()
    questions = build_questions(drafts, new_id, checks)
    checks.raise_if_failed()
    return questions


def _question(draft: QuestionDraft, question_id: UUID, checks: FieldChecks) -> Question:
    prompt = draft.prompt.strip()
    explanation = None if draft.explanation is None else draft.explanation.strip() or None
    checks.check("kind", _kind_problem(draft.kind))
    checks.check("prompt", _text_problem(prompt, MAX_PROMPT_LENGTH, required=True))
    checks.check("points", _points_problem(draft.points))
    if explanation is not None:
        checks.check("explanation", _text_problem(explanation, MAX_EXPLANATION_LENGTH))
    question = Question(
        id=question_id,
        kind=draft.kind,
        prompt=prompt,
        points=draft.points,
        lesson_id=draft.lesson_id,
        explanation=explanation,
    )
    _refuse_foreign_fields(draft, checks)
    if draft.kind in CHOICE_KINDS:
        options = _options(draft.options, checks)
        correct_ids = _correct_option_ids(draft, options, checks)
        return replace(question, options=options, correct_option_ids=correct_ids)
    if draft.kind == QuestionKind.TRUE_FALSE:
        if draft.correct is None:
            checks.check("correct", "is required for a true_false question")
        return replace(question, correct=draft.correct)
    if draft.kind == QuestionKind.SHORT_ANSWER:
        return replace(question, accepted_answers=_accepted_answers(draft, checks))
    if draft.kind == QuestionKind.FREE_TEXT:
        return replace(question, rubric=_rubric(draft.rubric, checks))
    return question


_OWN_FIELDS: Final = {
    "options": CHOICE_KINDS,
    "correct_option_ids": CHOICE_KINDS,
    "correct": frozenset({QuestionKind.TRUE_FALSE}),
    "accepted_answers": frozenset({QuestionKind.SHORT_ANSWER}),
    "rubric": frozenset({QuestionKind.FREE_TEXT}),
}


def _refuse_foreign_fields(draft: QuestionDraft, checks: FieldChecks) -> None:
    if draft.kind not in QUESTION_KINDS:
        return
    for field, kinds in _OWN_FIELDS.items():
        if getattr(draft, field) is not None and draft.kind not in kinds:
            names = " and ".join(sorted(kinds))
            checks.check(field, f"is only for {names} questions")


def _kind_problem(kind: str) -> str | None:
    return None if kind in QUESTION_KINDS else f"must be one of {', '.join(QUESTION_KINDS)}"


def _points_problem(points: int) -> str | None:
    if MIN_POINTS <= points <= MAX_POINTS:
        return None
    return f"must be {MIN_POINTS} to {MAX_POINTS}"


def _text_problem(text: str, maximum: int, *, required: bool = False) -> str | None:
    if required and not text:
        return "must not be blank"
    if len(text) > maximum:
        return f"must be at most {maximum} characters"
    if _TEXT_CONTROL.search(text):
        return "must not contain control characters other than line breaks and tabs"
    return None


def generated_option_id(position: int) -> str:
    """The id of the option at ``position`` (0-based) when the author gave none."""
    return chr(ord("a") + position) if position < 26 else f"o{position + 1}"


def _options(drafts: Sequence[OptionDraft] | None, checks: FieldChecks) -> tuple[Option, ...]:
    if drafts is None:
        checks.check("options", "is required for a choice question")
        return ()
    if not MIN_OPTIONS <= len(drafts) <= MAX_OPTIONS:
        checks.check("options", f"must hold {MIN_OPTIONS} to {MAX_OPTIONS} options")
    options = []
    seen: set[str] = set()
    for index, draft in enumerate(drafts):
        text = draft.text.strip()
        option_id = generated_option_id(index) if draft.id is None else draft.id
        checks.check(f"options[{index}].text", _option_text_problem(text))
        if draft.id is not None and not _OPTION_ID.fullmatch(draft.id):
            checks.check(f"options[{index}].id", "must be 1 to 64 of A-Z a-z 0-9 _ . -")
        elif option_id in seen:
            checks.check(
                f"options[{index}].id",
                f"{option_id!r} is the id of another option (options without an id are "
                "named a, b, c, ... by position)",
            )
        seen.add(option_id)
        options.append(Option(option_id, text))
    return tuple(options)


def _option_text_problem(text: str) -> str | None:
    if not 1 <= len(text) <= MAX_OPTION_TEXT_LENGTH:
        return f"must be 1 to {MAX_OPTION_TEXT_LENGTH} characters (surrounding spaces are trimmed)"
    return _text_problem(text, MAX_OPTION_TEXT_LENGTH)


def _correct_option_ids(
    draft: QuestionDraft, options: tuple[Option, ...], checks: FieldChecks
) -> tuple[str, ...]:
    if draft.correct_option_ids is None:
        checks.check("correct_option_ids", "is required for a choice question")
        return ()
    correct = tuple(draft.correct_option_ids)
    known = {option.id for option in options}
    if len(set(correct)) != len(correct):
        checks.check("correct_option_ids", "must not repeat an option id")
    unknown = [option_id for option_id in correct if option_id not in known]
    if unknown:
        checks.check("correct_option_ids", f"{', '.join(unknown)} are not ids of its options")
    if draft.kind == QuestionKind.SINGLE_CHOICE and len(correct) != 1:
        checks.check("correct_option_ids", "must hold exactly 1 option id for a single_choice")
    elif not correct:
        checks.check("correct_option_ids", "must hold at least 1 option id")
    return correct


def _accepted_answers(draft: QuestionDraft, checks: FieldChecks) -> tuple[str, ...]:
    if draft.accepted_answers is None:
        checks.check("accepted_answers", "is required for a short_answer question")
        return ()
    answers = tuple(answer.strip() for answer in draft.accepted_answers)
    if not 1 <= len(answers) <= MAX_ACCEPTED_ANSWERS:
        checks.check("accepted_answers", f"must hold 1 to {MAX_ACCEPTED_ANSWERS} answers")
    for index, answer in enumerate(answers):
        problem = _text_problem(answer, MAX_ACCEPTED_ANSWER_LENGTH)
        if problem is None and not normalise_text(answer):
            problem = "must hold more than spaces and final punctuation"
        checks.check(f"accepted_answers[{index}]", problem)
    return answers


def _rubric(rubric: Rubric | None, checks: FieldChecks) -> Rubric | None:
    if rubric is None:
        checks.check("rubric", "is required for a free_text question (keywords and/or guidance)")
        return None
    return checked_rubric(rubric, checks)


def checked_rubric(rubric: Rubric, checks: FieldChecks) -> Rubric:
    """The rubric trimmed; its problems are recorded in ``checks`` under ``rubric``."""
    keywords = tuple(keyword.strip() for keyword in rubric.keywords)
    guidance = rubric.guidance.strip()
    model_answer = rubric.model_answer.strip()
    if len(keywords) > MAX_KEYWORDS:
        checks.check("rubric.keywords", f"must hold at most {MAX_KEYWORDS} keywords")
    for index, keyword in enumerate(keywords):
        if not 1 <= len(keyword) <= MAX_KEYWORD_LENGTH or _CONTROL.search(keyword):
            checks.check(
                f"rubric.keywords[{index}]",
                f"must be 1 to {MAX_KEYWORD_LENGTH} characters without control characters",
            )
    checks.check("rubric.guidance", _text_problem(guidance, MAX_GUIDANCE_LENGTH))
    checks.check("rubric.model_answer", _text_problem(model_answer, MAX_MODEL_ANSWER_LENGTH))
    if not keywords and not guidance and not model_answer:
        checks.check(
            "rubric", "needs keywords, guidance or a model answer to grade answers against"
        )
    return Rubric(keywords, guidance, model_answer)


def fail(field: str, message: str) -> ValidationFailed:
    """A validation error on one field."""
    return ValidationFailed(errors=[FieldError(field=field, message=message)])

"""The adaptive learning path: which lessons to work on, in which order, and why.

Deterministic: the same course, answers, cards and completions give the same path. Lessons
come in three groups, each in course order (sections, then lessons: an earlier lesson is a
prerequisite of a later one, so it comes first):

1. ``missed_questions``: lessons behind the questions the learner got wrong (or left out) in
   their latest attempt at each quiz, per question (a question's own lesson, not its quiz's),
   unless they have since answered that question right in review;
2. ``due_reviews``: lessons with review cards due today;
3. lessons not mastered yet: ``not_mastered`` when some question tests the lesson (its
   mastery by knowledge tracing is below the mark), ``not_completed`` when none does (nothing
   measures it, so completing it is what counts).

Each lesson appears once, in its first group; the path holds at most ``MAX_STEPS`` lessons.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.mastery import OATUTOR, BktParameters, LessonMastery

MAX_STEPS: Final = 10
PROMPTS_NAMED: Final = 3
"""A reason quotes at most this many missed questions."""
PROMPT_LENGTH: Final = 80


class StepAction(StrEnum):
    """Whether a step of a learning path reviews a lesson or moves on to the next one."""

    NEXT = "next"
    REVIEW = "review"


class StepBasis(StrEnum):
    """What a step of a learning path is based on."""

    MISSED_QUESTIONS = "missed_questions"
    DUE_REVIEWS = "due_reviews"
    NOT_MASTERED = "not_mastered"
    NOT_COMPLETED = "not_completed"


@dataclass(frozen=True, slots=True)
class PathLesson:
    id: UUID
    title: str


@dataclass(frozen=True, slots=True)
class MissedQuestion:
    question_id: UUID
    lesson_id: UUID
    prompt: str
    quiz_title: str


@dataclass(frozen=True, slots=True)
class LearnerStanding:
    """What is known of the learner in a course: missed questions (in quiz order), due cards
    per lesson, traced mastery per lesson, lessons some question tests, completed lessons."""

    missed: Sequence[MissedQuestion] = ()
    due_cards: Mapping[UUID, int] | None = None
    mastery: Mapping[UUID, LessonMastery] | None = None
    tested: Collection[UUID] = ()
    completed: Collection[UUID] = ()


@dataclass(frozen=True, slots=True)
class PathStep:
    lesson_id: UUID
    title: str
    action: StepAction
    basis: StepBasis
    reason: str
    p_mastery: float | None
    """None for a lesson no question tests."""
    missed_question_ids: tuple[UUID, ...] = ()
    due_cards: int = 0


def percent(score: Decimal | float) -> str:
    """``Decimal("0.7")`` → ``"70%"``, ``Decimal("0.6667")`` → ``"66.67%"``, ``0.553`` →
    ``"55.3%"``."""
    value = Decimal(str(score)) if isinstance(score, float) else score
    text = f"{(value * 100).quantize(Decimal('0.01')):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def learning_path(
    lessons: Sequence[PathLesson],
    standing: LearnerStanding,
    parameters: BktParameters = OATUTOR,
    limit: int = MAX_STEPS,
) -> list[PathStep]:
    """The path through ``lessons`` (in course order) for a learner."""
    due = standing.due_cards or {}
    mastery = standing.mastery or {}
    missed: dict[UUID, list[MissedQuestion]] = {}
    for question in standing.missed:
        missed.setdefault(question.lesson_id, []).append(question)

    def p_of(lesson: PathLesson) -> float | None:
        if lesson.id not in standing.tested:
            return None
        traced = mastery.get(lesson.id)
        return parameters.p_init if traced is None or traced.evidence == 0 else traced.p_mastery

    steps: list[PathStep] = []
    for lesson in lessons:
        if lesson.id in missed:
            questions = missed[lesson.id]
            steps.append(
                PathStep(
                    lesson.id,
                    lesson.title,
                    StepAction.REVIEW,
                    StepBasis.MISSED_QUESTIONS,
                    _missed_reason(questions),
                    p_of(lesson),
                    tuple(q.question_id for q in questions),
                    due.get(lesson.id, 0),
                )
            )
    listed = {step.lesson_id for step in steps}
    for lesson in lessons:
        if lesson.id not in listed and due.get(lesson.id, 0) > 0:
            count = due[lesson.id]
            steps.append(
                PathStep(
                    lesson.id,
                    lesson.title,
                    StepAction.REVIEW,
                    StepBasis.DUE_REVIEWS,
                    _due_reason(count),
                    p_of(lesson),
                    due_cards=count,
                )
            )
    listed = {step.lesson_id for step in steps}
    for lesson in lessons:
        if lesson.id in listed:
            continue
        p = p_of(lesson)
        if p is None:
            if lesson.id not in standing.completed:
                steps.append(
                    PathStep(
                        lesson.id,
                        lesson.title,
                        StepAction.NEXT,
                        StepBasis.NOT_COMPLETED,
                        _untested_reason(),
                        p,
                    )
                )
        elif p < parameters.mastered_at:
            traced = mastery.get(lesson.id)
            answers = 0 if traced is None else traced.evidence
            reason = _unmastered_reason(p, answers, parameters)
            steps.append(
                PathStep(
                    lesson.id, lesson.title, StepAction.NEXT, StepBasis.NOT_MASTERED, reason, p
                )
            )
    return steps[:limit]


def _quoted(prompt: str) -> str:
    line = " ".join(prompt.split())
    if len(line) > PROMPT_LENGTH:
        line = line[: PROMPT_LENGTH - 1].rstrip() + "\u2026"
    return f"\u201c{line}\u201d"


def _missed_reason(questions: Sequence[MissedQuestion]) -> str:
    quizzes = list(dict.fromkeys(q.quiz_title for q in questions))
    where = " and ".join(f"\u201c{title}\u201d" for title in quizzes)
    count = len(questions)
    named = "; ".join(_quoted(q.prompt) for q in questions[:PROMPTS_NAMED])
    more = f" and {count - PROMPTS_NAMED} more" if count > PROMPTS_NAMED else ""
    noun = "question" if count == 1 else "questions"
    return (
        f"You missed {count} {noun} on this lesson in your latest attempt at {where}: "
        f"{named}{more}. Go over the lesson again, then try them once more."
    )


def _due_reason(count: int) -> str:
    cards = "card is" if count == 1 else "cards are"
    return (
        f"{count} review {cards} due today: recalling it now, before you forget, is what "
        "makes it stick."
    )


def _unmastered_reason(p: float, answers: int, parameters: BktParameters) -> str:
    mark = percent(Decimal(str(parameters.mastered_at)))
    if answers == 0:
        return (
            f"Not practised yet: you have answered none of its questions, and {mark} "
            "mastery counts as mastered."
        )
    noun = "answer" if answers == 1 else "answers"
    return (
        f"Your mastery is {percent(round(p, 4))} from {answers} {noun} to its questions; "
        f"{mark} counts as mastered. Practise it before the lessons that build on it."
    )


def _untested_reason() -> str:
    return "Not completed yet; no quiz question tests this lesson, so completing it is the goal."

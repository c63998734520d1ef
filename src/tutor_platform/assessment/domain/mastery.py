"""Mastery of a lesson by Bayesian Knowledge Tracing (BKT), as OATutor does it.

Each observation is one answer of the learner to a question of the lesson: the first attempt
at each question in a quiz (later attempts at the same question are retries after seeing the
result, so they do not count), and every answer to its review card. Folding the observations in
order from ``p_init``:

- posterior given a right answer: ``p (1 - slip) / (p (1 - slip) + (1 - p) guess)``
- posterior given a wrong answer: ``p slip / (p slip + (1 - p) (1 - guess))``
- then learning: ``p + (1 - p) transit``.

A lesson is mastered at ``p >= mastered_at``. OATutor's defaults: p_init = p_transit =
p_slip = p_guess = 0.1, mastered at 0.95. A course may set its own four probabilities
(``CourseBkt``); each change is a new ``version``, and a lesson's mastery keeps the version it
was traced with, so mastery traced with other parameters is known to be stale (``current``)
and is traced again.

New evidence observed after a lesson's last evidence is folded onto the kept probability
(``folded``): the same operations in the same order as a fold of all the evidence, so the
same number, without reading the lesson's history again. Evidence older than the last one
(answers committed out of order) or changed (a person's grade) needs a fold of everything
(``traced``).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID


class EvidenceSource(StrEnum):
    """Where an answer that traces mastery came from: a quiz attempt or a card review."""

    ATTEMPT = "attempt"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class BktParameters:
    p_init: float = 0.1
    p_transit: float = 0.1
    p_slip: float = 0.1
    p_guess: float = 0.1
    mastered_at: float = 0.95


OATUTOR: Final = BktParameters()

PROBABILITY_FIELDS: Final = ("p_init", "p_transit", "p_slip", "p_guess")


def parameter_problems(parameters: BktParameters) -> dict[str, str]:
    """What is wrong with parameters a course sets, by field: p_init and p_transit are
    probabilities (0 to 1); p_slip and p_guess lie strictly between 0 and 1 (at 0 or 1 an
    answer could be impossible and the update divide by zero), and their sum is below 1 (else
    a right answer would lower mastery)."""
    problems: dict[str, str] = {}
    for name in ("p_init", "p_transit"):
        if not 0 <= getattr(parameters, name) <= 1:
            problems[name] = "must be between 0 and 1"
    for name in ("p_slip", "p_guess"):
        if not 0 < getattr(parameters, name) < 1:
            problems[name] = "must be greater than 0 and less than 1"
    if not problems and parameters.p_slip + parameters.p_guess >= 1:
        problems["p_guess"] = "p_slip + p_guess must be less than 1"
    return problems


@dataclass(frozen=True, slots=True, kw_only=True)
class CourseBkt:
    """The parameters a course traces mastery with; ``version`` 0 is OATutor's defaults (the
    course set none), each change a higher one."""

    course_id: UUID
    parameters: BktParameters = OATUTOR
    version: int = 0
    updated_by: UUID | None = None
    updated_at: datetime | None = None

    @property
    def custom(self) -> bool:
        return self.version > 0


def bkt_update(p: float, correct: bool, parameters: BktParameters = OATUTOR) -> float:
    """The probability of mastery after one observation."""
    slip, guess = parameters.p_slip, parameters.p_guess
    if correct:
        posterior = p * (1 - slip) / (p * (1 - slip) + (1 - p) * guess)
    else:
        posterior = p * slip / (p * slip + (1 - p) * (1 - guess))
    return posterior + (1 - posterior) * parameters.p_transit


def p_mastery(observations: Iterable[bool], parameters: BktParameters = OATUTOR) -> float:
    p = parameters.p_init
    for correct in observations:
        p = bkt_update(p, correct, parameters)
    return p


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One observation: ``source`` ``attempt`` (``source_id`` the attempt) or ``review``
    (``source_id`` the card's review)."""

    id: UUID
    user_id: UUID
    course_id: UUID
    lesson_id: UUID
    question_id: UUID
    source: EvidenceSource
    source_id: UUID
    correct: bool
    observed_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class LessonMastery:
    user_id: UUID
    course_id: UUID
    lesson_id: UUID
    p_mastery: float
    evidence: int
    last_evidence_at: datetime | None
    parameters_version: int = 0

    def mastered(self, parameters: BktParameters = OATUTOR) -> bool:
        return self.p_mastery >= parameters.mastered_at

    def current(self, version: int) -> bool:
        """Whether it was traced with the parameters of ``version`` (no evidence: the prior
        of any version)."""
        return self.evidence == 0 or self.parameters_version == version


def traced(
    user_id: UUID,
    course_id: UUID,
    lesson_id: UUID,
    evidence: Sequence[Evidence],
    bkt: CourseBkt | None = None,
) -> LessonMastery:
    """The lesson's mastery from all its evidence (in the order observed), with the course's
    parameters (OATutor's when None)."""
    bkt = bkt or CourseBkt(course_id=course_id)
    ordered = sorted(evidence, key=lambda e: (e.observed_at, e.id))
    return LessonMastery(
        user_id=user_id,
        course_id=course_id,
        lesson_id=lesson_id,
        p_mastery=p_mastery((e.correct for e in ordered), bkt.parameters),
        evidence=len(ordered),
        last_evidence_at=ordered[-1].observed_at if ordered else None,
        parameters_version=bkt.version,
    )


def folded(
    mastery: LessonMastery, new: Sequence[Evidence], bkt: CourseBkt | None = None
) -> LessonMastery | None:
    """``mastery`` with ``new`` evidence folded on; None when some of it was not observed after
    the last evidence already folded, or the mastery was traced with other parameters (then
    only a full ``traced`` gives the right number)."""
    bkt = bkt or CourseBkt(course_id=mastery.course_id)
    ordered = sorted(new, key=lambda e: (e.observed_at, e.id))
    if not mastery.current(bkt.version):
        return None
    if not ordered:
        return mastery
    last = mastery.last_evidence_at
    if last is not None and ordered[0].observed_at <= last:
        return None
    p = bkt.parameters.p_init if mastery.evidence == 0 else mastery.p_mastery
    for item in ordered:
        p = bkt_update(p, item.correct, bkt.parameters)
    return replace(
        mastery,
        p_mastery=p,
        evidence=mastery.evidence + len(ordered),
        last_evidence_at=ordered[-1].observed_at,
        parameters_version=bkt.version,
    )


def untraced(
    user_id: UUID, course_id: UUID, lesson_id: UUID, bkt: CourseBkt | None = None
) -> LessonMastery:
    """A lesson without evidence: the prior."""
    return traced(user_id, course_id, lesson_id, (), bkt)


def attempt_evidence(
    attempt_id: UUID,
    user_id: UUID,
    course_id: UUID,
    answered: Iterable[tuple[UUID, UUID | None, bool]],
    observed_at: datetime,
    new_id: Callable[[], UUID],
) -> list[Evidence]:
    """The evidence of an attempt: one per answered question that tests a lesson, from
    ``(question_id, lesson_id, correct)``."""
    return [
        Evidence(
            id=new_id(),
            user_id=user_id,
            course_id=course_id,
            lesson_id=lesson_id,
            question_id=question_id,
            source=EvidenceSource.ATTEMPT,
            source_id=attempt_id,
            correct=correct,
            observed_at=observed_at,
        )
        for question_id, lesson_id, correct in answered
        if lesson_id is not None
    ]

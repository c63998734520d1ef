"""Bayesian Knowledge Tracing with OATutor's defaults, worked by hand."""

from datetime import timedelta

import pytest

from tests.support.clock import T0
from tutor_platform.assessment.domain.mastery import (
    OATUTOR,
    BktParameters,
    Evidence,
    EvidenceSource,
    bkt_update,
    folded,
    p_mastery,
    traced,
    untraced,
)
from tutor_platform.shared.ids import new_id


def test_one_right_answer_from_the_prior() -> None:
    # posterior 0.1*0.9 / (0.1*0.9 + 0.9*0.1) = 0.5, then 0.5 + 0.5*0.1 learning
    assert bkt_update(0.1, True) == pytest.approx(0.55)


def test_one_wrong_answer_from_the_prior() -> None:
    # posterior 0.1*0.1 / (0.1*0.1 + 0.9*0.9) = 0.0122, then + 0.9878*0.1 learning
    assert bkt_update(0.1, False) == pytest.approx(0.01 / 0.82 + (1 - 0.01 / 0.82) * 0.1)


@pytest.mark.parametrize(
    ("answers", "mastered"),
    [
        ((True, True), False),
        ((True, True, True), True),
        ((True, True, True, False), False),
        ((False, True, True, True), True),
        ((), False),
    ],
)
def test_mastery_is_reached_at_095(answers: tuple[bool, ...], mastered: bool) -> None:
    assert (p_mastery(answers) >= OATUTOR.mastered_at) is mastered


def test_other_parameters_change_the_trace() -> None:
    easy = BktParameters(p_init=0.5, p_guess=0.3)

    assert p_mastery([True], easy) != p_mastery([True])
    assert p_mastery([], easy) == 0.5


USER, COURSE, LESSON = new_id(), new_id(), new_id()


def evidence(seconds: int, correct: bool) -> Evidence:
    return Evidence(
        id=new_id(),
        user_id=USER,
        course_id=COURSE,
        lesson_id=LESSON,
        question_id=new_id(),
        source=EvidenceSource.ATTEMPT,
        source_id=new_id(),
        correct=correct,
        observed_at=T0 + timedelta(seconds=seconds),
    )


def test_a_trace_folds_evidence_in_the_order_observed_and_says_what_it_rests_on() -> None:
    user, course, lesson = USER, COURSE, LESSON

    mastery = traced(user, course, lesson, [evidence(30, False), evidence(10, True)])

    assert mastery.p_mastery == p_mastery([True, False])
    assert (mastery.evidence, mastery.last_evidence_at) == (2, T0 + timedelta(seconds=30))
    assert untraced(user, course, lesson).p_mastery == 0.1
    assert untraced(user, course, lesson).last_evidence_at is None


def test_newer_evidence_folded_on_the_kept_mastery_gives_the_full_trace_exactly() -> None:
    history = [evidence(1, True), evidence(2, False), evidence(3, True)]
    later = [evidence(5, True), evidence(4, True)]
    kept = traced(USER, COURSE, LESSON, history)

    assert folded(kept, later) == traced(USER, COURSE, LESSON, [*history, *later])
    assert folded(untraced(USER, COURSE, LESSON), history) == kept


def test_evidence_not_newer_than_the_last_folded_needs_a_full_trace() -> None:
    kept = traced(USER, COURSE, LESSON, [evidence(10, True)])

    assert folded(kept, [evidence(20, True), evidence(5, False)]) is None
    assert folded(kept, [evidence(10, False)]) is None

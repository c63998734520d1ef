"""Bayesian Knowledge Tracing with OATutor's defaults, worked by hand."""

from datetime import timedelta

import pytest

from tests.support.clock import T0
from tutor_platform.assessment.domain.mastery import (
    ATTEMPT,
    OATUTOR,
    BktParameters,
    Evidence,
    bkt_update,
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


def test_a_trace_folds_evidence_in_the_order_observed_and_says_what_it_rests_on() -> None:
    user, course, lesson = new_id(), new_id(), new_id()

    def evidence(seconds: int, correct: bool) -> Evidence:
        return Evidence(
            id=new_id(),
            user_id=user,
            course_id=course,
            lesson_id=lesson,
            question_id=new_id(),
            source=ATTEMPT,
            source_id=new_id(),
            correct=correct,
            observed_at=T0 + timedelta(seconds=seconds),
        )

    mastery = traced(user, course, lesson, [evidence(30, False), evidence(10, True)])

    assert mastery.p_mastery == round(p_mastery([True, False]), 6)
    assert (mastery.evidence, mastery.last_evidence_at) == (2, T0 + timedelta(seconds=30))
    assert untraced(user, course, lesson).p_mastery == 0.1
    assert untraced(user, course, lesson).last_evidence_at is None

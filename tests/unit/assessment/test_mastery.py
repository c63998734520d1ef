"""Bayesian Knowledge Tracing with OATutor's defaults and a course's own, worked by hand."""

from datetime import timedelta

import pytest

from tests.support.clock import T0
from tutor_platform.assessment.domain.mastery import (
    OATUTOR,
    BktParameters,
    CourseBkt,
    Evidence,
    EvidenceSource,
    bkt_update,
    folded,
    p_mastery,
    parameter_problems,
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


COURSE_BKT = CourseBkt(
    course_id=COURSE,
    parameters=BktParameters(p_init=0.3, p_transit=0.2, p_slip=0.05, p_guess=0.2),
    version=2,
)


def test_a_courses_parameters_drive_the_update() -> None:
    p = COURSE_BKT.parameters
    # right: 0.3*0.95 / (0.3*0.95 + 0.7*0.2) = 0.285/0.425, then learning at 0.2
    right = 0.285 / 0.425
    assert bkt_update(0.3, True, p) == pytest.approx(right + (1 - right) * 0.2)
    # wrong: 0.3*0.05 / (0.3*0.05 + 0.7*0.8) = 0.015/0.575, then learning at 0.2
    wrong = 0.015 / 0.575
    assert bkt_update(0.3, False, p) == pytest.approx(wrong + (1 - wrong) * 0.2)


def test_a_trace_keeps_the_version_of_the_parameters_it_used() -> None:
    history = [evidence(10, True), evidence(20, False)]

    mastery = traced(USER, COURSE, LESSON, history, COURSE_BKT)

    assert mastery.p_mastery == pytest.approx(p_mastery([True, False], COURSE_BKT.parameters))
    assert mastery.parameters_version == 2
    assert untraced(USER, COURSE, LESSON, COURSE_BKT).p_mastery == 0.3
    assert mastery.current(2)
    assert not mastery.current(3)


def test_mastery_traced_with_other_parameters_is_not_folded_onto() -> None:
    history, later = [evidence(10, True)], [evidence(20, True)]
    by_oatutor = traced(USER, COURSE, LESSON, history)
    by_course = traced(USER, COURSE, LESSON, history, COURSE_BKT)

    assert folded(by_oatutor, later, COURSE_BKT) is None
    assert folded(by_course, later, COURSE_BKT) == traced(
        USER, COURSE, LESSON, [*history, *later], COURSE_BKT
    )
    assert folded(untraced(USER, COURSE, LESSON), later, COURSE_BKT) == traced(
        USER, COURSE, LESSON, later, COURSE_BKT
    )


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, {}),
        ({"p_init": 0.0, "p_transit": 1.0}, {}),
        ({"p_init": 1.5, "p_transit": -0.1}, {"p_init": "between", "p_transit": "between"}),
        ({"p_slip": 0.0}, {"p_slip": "greater than 0"}),
        ({"p_guess": 1.0}, {"p_guess": "greater than 0"}),
        ({"p_slip": 0.5, "p_guess": 0.5}, {"p_guess": "p_slip + p_guess"}),
        ({"p_slip": 0.4, "p_guess": 0.59}, {}),
    ],
)
def test_parameters_a_course_may_set(changes: dict[str, float], problems: dict[str, str]) -> None:
    found = parameter_problems(BktParameters(**changes))

    assert found.keys() == problems.keys()
    for field, words in problems.items():
        assert words in found[field]

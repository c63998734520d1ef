"""The adaptive learning path: lessons behind missed questions first, then lessons with
reviews due, then lessons not mastered (or, untested, not completed); each group in course
order, every step with a reason a learner can read."""

from datetime import timedelta
from decimal import Decimal

from tests.support.clock import T0
from tutor_platform.assessment.domain.learning_path import (
    LearnerStanding,
    MissedQuestion,
    PathLesson,
    StepAction,
    StepBasis,
    learning_path,
    percent,
)
from tutor_platform.assessment.domain.mastery import BktParameters, LessonMastery
from tutor_platform.shared.ids import new_id

LESSONS = [PathLesson(new_id(), f"L{n}") for n in range(1, 7)]
USER, COURSE = new_id(), new_id()


def missed(lesson: int, prompt: str = "What is 7 / 2?", quiz: str = "Numbers") -> MissedQuestion:
    return MissedQuestion(new_id(), LESSONS[lesson].id, prompt, quiz)


def mastery(lesson: int, p: float, evidence: int = 3) -> LessonMastery:
    return LessonMastery(
        user_id=USER,
        course_id=COURSE,
        lesson_id=LESSONS[lesson].id,
        p_mastery=p,
        evidence=evidence,
        last_evidence_at=T0 + timedelta(minutes=evidence),
    )


def test_a_new_learner_is_led_through_the_course_in_order() -> None:
    tested = {LESSONS[0].id, LESSONS[2].id}

    path = learning_path(LESSONS, LearnerStanding(tested=tested))

    assert [(s.title, s.basis) for s in path] == [
        ("L1", StepBasis.NOT_MASTERED),
        ("L2", StepBasis.NOT_COMPLETED),
        ("L3", StepBasis.NOT_MASTERED),
        ("L4", StepBasis.NOT_COMPLETED),
        ("L5", StepBasis.NOT_COMPLETED),
        ("L6", StepBasis.NOT_COMPLETED),
    ]
    assert {s.action for s in path} == {StepAction.NEXT}
    assert path[0].p_mastery == 0.1
    assert path[1].p_mastery is None
    assert path[0].reason.startswith("Not practised yet: you have answered none of its questions")
    assert "95% mastery counts as mastered" in path[0].reason


def test_missed_questions_come_first_by_their_own_lesson_then_due_reviews() -> None:
    standing = LearnerStanding(
        missed=[missed(4, quiz="Loops"), missed(1), missed(4, "Is 0 falsy?", quiz="Loops")],
        due_cards={LESSONS[4].id: 2, LESSONS[3].id: 1, LESSONS[0].id: 5},
        tested={lesson.id for lesson in LESSONS},
        mastery={LESSONS[2].id: mastery(2, 0.97), LESSONS[5].id: mastery(5, 0.6)},
    )

    path = learning_path(LESSONS, standing)

    assert [(s.title, s.action, s.basis) for s in path] == [
        ("L2", StepAction.REVIEW, StepBasis.MISSED_QUESTIONS),
        ("L5", StepAction.REVIEW, StepBasis.MISSED_QUESTIONS),
        ("L1", StepAction.REVIEW, StepBasis.DUE_REVIEWS),
        ("L4", StepAction.REVIEW, StepBasis.DUE_REVIEWS),
        ("L6", StepAction.NEXT, StepBasis.NOT_MASTERED),
    ]
    assert path[1].reason == (
        "You missed 2 questions on this lesson in your latest attempt at \u201cLoops\u201d: "
        "\u201cWhat is 7 / 2?\u201d; \u201cIs 0 falsy?\u201d. Go over the lesson again, then "
        "try them once more."
    )
    assert path[1].missed_question_ids == tuple(q.question_id for q in standing.missed[::2])
    assert path[1].due_cards == 2
    assert path[2].reason.startswith("5 review cards are due today")
    assert path[4].reason.startswith("Your mastery is 60% from 3 answers to its questions; 95%")


def test_mastered_and_completed_lessons_are_left_out_and_the_path_is_capped() -> None:
    tested = {LESSONS[0].id}
    done = {LESSONS[1].id}
    standing = LearnerStanding(
        tested=tested, completed=done, mastery={LESSONS[0].id: mastery(0, 0.951)}
    )

    assert [s.title for s in learning_path(LESSONS, standing)] == ["L3", "L4", "L5", "L6"]
    assert len(learning_path(LESSONS, LearnerStanding(), limit=3)) == 3


def test_a_course_with_its_own_mark_decides_what_is_mastered() -> None:
    standing = LearnerStanding(
        tested={LESSONS[0].id},
        completed={lesson.id for lesson in LESSONS[1:]},
        mastery={LESSONS[0].id: mastery(0, 0.9)},
    )

    assert learning_path(LESSONS, standing, BktParameters(mastered_at=0.85)) == []
    [step] = learning_path(LESSONS, standing)
    assert "95% counts as mastered" in step.reason


def test_a_reason_names_at_most_three_missed_questions_cut_to_a_line() -> None:
    long = "Explain " + "why " * 40 + "?"
    standing = LearnerStanding(missed=[missed(0, long), *(missed(0, f"Q{n}") for n in range(4))])

    [step, *_] = learning_path(LESSONS, standing)

    assert step.reason.startswith("You missed 5 questions on this lesson")
    assert "\u2026\u201d; \u201cQ0\u201d; \u201cQ1\u201d and 2 more." in step.reason


def test_percentages_read_naturally() -> None:
    assert [percent(Decimal(v)) for v in ("0.7", "0.6667", "1", "0", "0.7000")] == [
        "70%",
        "66.67%",
        "100%",
        "0%",
        "70%",
    ]
    assert percent(0.553) == "55.3%"

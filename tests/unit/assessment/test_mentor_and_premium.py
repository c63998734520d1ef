"""Mentor plans (deterministic steps) and the premium bookkeeping: the UTC day, months and
the usage summary."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from tutor_platform.assessment.domain.learning_path import PathLesson
from tutor_platform.assessment.domain.mentor import MentorSection, goal_problem, mentor_plan
from tutor_platform.assessment.domain.premium import (
    FEATURES,
    FeatureUsage,
    MonthlyTotal,
    months_back,
    next_utc_midnight,
    seconds_until_next_day,
    usage_months,
    utc_day,
)
from tutor_platform.shared.ids import new_id

L = [PathLesson(new_id(), f"L{n}") for n in range(1, 6)]
SECTIONS = [
    MentorSection("Basics", (L[0], L[1])),
    MentorSection("Data", (L[2],)),
    MentorSection("More", (L[3], L[4])),
]


def test_a_course_plan_has_a_step_per_unfinished_section_then_the_quizzes() -> None:
    steps = mentor_plan("Get a job with Python", SECTIONS, {L[0].id, L[2].id}, ["Quiz 1"])

    assert [s.number for s in steps] == [1, 2, 3, 4, 5]
    assert [s.title for s in steps] == [
        "Set your target",
        "Work through \u201cBasics\u201d",
        "Work through \u201cMore\u201d",
        "Check yourself",
        "Reflect and adjust",
    ]
    assert steps[1].lesson_ids == (L[1].id,)
    assert steps[2].lesson_ids == (L[3].id, L[4].id)
    assert "\u201cGet a job with Python\u201d" in steps[0].detail
    assert "\u201cQuiz 1\u201d" in steps[3].detail


def test_a_finished_course_plan_revisits_it() -> None:
    steps = mentor_plan("Goal", SECTIONS, {lesson.id for lesson in L})

    assert [s.title for s in steps] == [
        "Set your target",
        "Revisit what you learned",
        "Reflect and adjust",
    ]


def test_a_plan_without_a_course_is_general() -> None:
    steps = mentor_plan("Learn SQL", None)

    assert [s.title for s in steps] == [
        "Set your target",
        "Find a course",
        "Practise a little every day",
        "Reflect and adjust",
    ]
    assert all(step.lesson_ids == () for step in steps)


def test_goals_are_checked() -> None:
    assert goal_problem("Learn SQL") is None
    assert goal_problem("") is not None
    assert goal_problem("x" * 1001) is not None
    assert goal_problem("bad\x07") is not None
    assert goal_problem("two\nlines") is None


def test_quotas_start_over_at_the_next_utc_midnight() -> None:
    late = datetime(2026, 11, 22, 23, 59, 30, tzinfo=UTC)
    in_tokyo = datetime(2026, 11, 23, 8, 0, tzinfo=timezone(timedelta(hours=9)))

    assert next_utc_midnight(late) == datetime(2026, 11, 23, tzinfo=UTC)
    assert seconds_until_next_day(late) == 30
    assert seconds_until_next_day(datetime(2026, 11, 22, 23, 59, 59, 999999, tzinfo=UTC)) == 1
    assert seconds_until_next_day(datetime(2026, 11, 22, tzinfo=UTC)) == 86400
    assert utc_day(in_tokyo).isoformat() == "2026-11-22"


def test_months_go_back_across_the_year() -> None:
    assert months_back(datetime(2026, 2, 3, tzinfo=UTC), 4) == [
        "2026-02",
        "2026-01",
        "2025-12",
        "2025-11",
    ]


def test_the_usage_summary_lists_every_month_and_feature_with_exact_totals() -> None:
    months = ["2026-11", "2026-10"]
    totals = [
        MonthlyTotal("2026-11", "adaptive_learning", 3, Decimal("0.054")),
        MonthlyTotal("2026-11", "mentor_session", 1, Decimal("0.090")),
        MonthlyTotal("2025-01", "synthesis", 1, Decimal("0.027")),
    ]

    summary = usage_months(totals, months)

    assert [m.month for m in summary] == months
    assert list(summary[0].features) == list(FEATURES)
    assert summary[0].features["adaptive_learning"] == FeatureUsage(3, Decimal("0.054"))
    assert summary[0].features["synthesis"] == FeatureUsage()
    assert summary[0].total_cost_usd == Decimal("0.144")
    assert summary[1].total_cost_usd == 0

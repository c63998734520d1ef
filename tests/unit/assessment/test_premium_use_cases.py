"""The premium features through their use cases: plan, daily quota, usage and cost, and
what each feature answers."""

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.unit.assessment.world import World, admin, choice, instructor, person, premium
from tutor_platform.assessment.application.assess_free_text import FreeTextAnswer
from tutor_platform.assessment.domain.errors import PremiumFeature, UserNotFound
from tutor_platform.assessment.domain.learning_path import StepAction
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.shared.errors import (
    Forbidden,
    QuotaExceeded,
    UpstreamFailed,
    ValidationFailed,
)
from tutor_platform.shared.ids import new_id


@pytest.fixture
def world() -> World:
    return World()


def answer(**fields: object) -> FreeTextAnswer:
    values: dict[str, object] = {"question": "Why tests?", "answer": "They catch bugs."}
    values.update(fields)
    return FreeTextAnswer(**values)  # type: ignore[arg-type]


async def test_free_users_and_free_instructors_are_refused_before_anything_counts(
    world: World,
) -> None:
    for caller in (person(), instructor()):
        with pytest.raises(PremiumFeature):
            await world.container.assess_free_text().execute(caller, answer())
        with pytest.raises(PremiumFeature):
            await world.container.start_mentor_session().execute(caller, "Goal", None)

    assert world.counter.used == {}
    assert world.usage == 0
    assert world.ai.graded == []


async def test_a_free_text_answer_is_graded_against_the_rubric_and_costs_its_price(
    world: World,
) -> None:
    caller = premium()

    grade = await world.container.assess_free_text().execute(
        caller, answer(rubric=Rubric((" bug ",), ""), course_id=world.course.id)
    )

    assert grade.score == 0.75
    assert world.ai.graded == [("Why tests?", "They catch bugs.", Rubric(("bug",), ""))]
    [record] = world.store.committed.usage
    assert (record.feature, record.cost_usd, record.course_id) == (
        "llm_assessment",
        Decimal("0.014"),
        world.course.id,
    )


async def test_bad_input_is_refused_and_not_counted(world: World) -> None:
    draft = world.catalog.add(new_id(), published=False)
    caller = premium()
    bad = [
        answer(question="   "),
        answer(answer=" "),
        answer(course_id=draft.id),
        answer(rubric=Rubric((), "")),
    ]
    for request in bad:
        with pytest.raises(ValidationFailed):
            await world.container.assess_free_text().execute(caller, request)

    assert world.counter.used == {}
    assert world.usage == 0


async def test_over_the_quota_is_429_until_the_next_utc_midnight(world: World) -> None:
    world.clock.advance(hours=13, minutes=59)
    caller = premium()
    start = world.container.start_mentor_session()
    for _ in range(2):
        await start.execute(caller, "Goal", None)

    with pytest.raises(QuotaExceeded) as refused:
        await start.execute(caller, "Goal", None)
    other = await start.execute(premium(), "Goal", None)

    assert refused.value.retry_after == 60
    assert other.steps
    assert world.usage == 3


async def test_a_failed_ai_call_gives_the_slot_back_and_costs_nothing(world: World) -> None:
    caller = premium()
    world.ai.fail = True
    synthesize = world.container.synthesize_lessons()
    lessons = [lesson.id for lesson in world.course.lessons[:2]]

    for _ in range(5):
        with pytest.raises(UpstreamFailed):
            await synthesize.execute(caller, world.course.id, lessons)
    world.ai.fail = False
    done = await synthesize.execute(caller, world.course.id, lessons)

    assert [idea.text for idea in done.connections] == [world.ai.text]
    assert world.usage == 1
    counts = await world.counter.counts(caller.user_id, ["synthesis"], world.clock.now().date())
    assert counts == {"synthesis": 1}


async def test_concurrent_calls_never_pass_the_quota(world: World) -> None:
    caller = premium()
    adaptive = world.container.plan_adaptive_learning()

    results = await asyncio.gather(
        *(adaptive.execute(caller, world.course.id) for _ in range(20)), return_exceptions=True
    )

    assert sum(not isinstance(r, BaseException) for r in results) == 5
    assert all(isinstance(r, QuotaExceeded) for r in results if isinstance(r, BaseException))
    assert world.usage == 5


async def test_the_adaptive_path_starts_with_missed_questions_then_continues_in_order(
    world: World,
) -> None:
    caller = premium()
    lessons = world.course.lessons
    world.progress.complete(caller.user_id, world.course, lessons[0], lessons[1])
    quiz = await world.quiz(choice(), lesson_id=lessons[0].id)
    await world.container.submit_attempt().execute(
        caller, quiz.id, {str(quiz.questions[0].id): "a"}
    )

    path = await world.container.plan_adaptive_learning().execute(caller, world.course.id)

    assert [(s.lesson_id, s.action) for s in path.steps] == [
        (lessons[0].id, StepAction.REVIEW),
        (lessons[2].id, StepAction.NEXT),
        (lessons[3].id, StepAction.NEXT),
    ]
    assert (path.completed_lessons, path.total_lessons) == (2, 4)
    assert path.summary == world.ai.text
    instruction, material = world.ai.written[0]
    assert "\u201cLesson 1.1\u201d: You missed 1 question on this lesson" in instruction
    assert [p.title for p in material] == ["Your learning path", "Lesson 1.1", "Lesson 2.1"]
    assert world.ai.written_for == [world.course.id]


async def test_a_hidden_course_is_422_for_the_hybrid_features(world: World) -> None:
    draft = world.catalog.add(new_id(), published=False)
    caller = premium()

    with pytest.raises(ValidationFailed) as adaptive:
        await world.container.plan_adaptive_learning().execute(caller, draft.id)
    with pytest.raises(ValidationFailed):
        await world.container.start_mentor_session().execute(caller, "Goal", draft.id)

    assert [e.field for e in adaptive.value.errors] == ["course_id"]
    assert world.counter.used == {}


async def test_synthesis_needs_distinct_lessons_of_the_course(world: World) -> None:
    caller = premium()
    other = world.catalog.add(new_id())
    mine = world.course.lessons
    cases = {
        "lesson_ids[1]": [mine[0].id, other.lessons[0].id],
        "lesson_ids": [mine[0].id, mine[0].id],
    }
    for field, lesson_ids in cases.items():
        with pytest.raises(ValidationFailed) as failure:
            await world.container.synthesize_lessons().execute(caller, world.course.id, lesson_ids)
        assert field in {e.field for e in failure.value.errors}
    with pytest.raises(ValidationFailed):
        await world.container.synthesize_lessons().execute(caller, world.course.id, [mine[0].id])

    assert world.usage == 0


async def test_synthesis_writes_from_the_lessons_text(world: World) -> None:
    lessons = world.course.lessons[1:4]

    result = await world.container.synthesize_lessons().execute(
        premium(), world.course.id, [lesson.id for lesson in lessons]
    )

    assert [lesson.id for lesson in result.lessons] == [lesson.id for lesson in lessons]
    _, material = world.ai.written[0]
    assert [p.text for p in material] == [lesson.content for lesson in lessons]
    assert world.ai.written_for == [world.course.id]


async def test_a_mentor_session_plans_from_the_course_outline(world: World) -> None:
    caller = admin()
    lessons = world.course.lessons
    world.progress.complete(caller.user_id, world.course, lessons[0], lessons[1])
    for lesson in lessons:
        world.catalog.passage(lesson, f"How {lesson.title} helps build a web app.", similarity=0.5)
    await world.quiz(title="Checkpoint")

    plan = await world.container.start_mentor_session().execute(
        caller, "  Build a web app  ", world.course.id
    )

    assert plan.goal == "Build a web app"
    assert [s.title for s in plan.steps] == [
        "Set your target",
        "Work through \u201cSection 2\u201d",
        "Check yourself",
        "Reflect and adjust",
    ]
    assert plan.steps[1].lesson_ids == (lessons[2].id, lessons[3].id)
    assert plan.advice == world.ai.text


async def test_a_mentor_plan_holds_only_the_relevant_lessons_not_yet_mastered(
    world: World,
) -> None:
    caller = premium()
    lessons = world.course.lessons
    for lesson in lessons:
        relevant = lesson in (lessons[0], lessons[1], lessons[3])
        world.catalog.passage(
            lesson, f"{lesson.title} and a web app.", similarity=0.5 if relevant else 0.05
        )
    world.progress.complete(caller.user_id, world.course, lessons[0], lessons[1])
    quiz = await world.quiz(choice(lesson_id=lessons[0].id), choice(lesson_id=lessons[3].id))
    answers = {str(quiz.questions[1].id): "b"}
    await world.container.submit_attempt().execute(caller, quiz.id, answers)

    plan = await world.container.start_mentor_session().execute(
        caller, "Build a web app", world.course.id
    )

    planned = {lesson_id for step in plan.steps for lesson_id in step.lesson_ids}
    assert planned == {lessons[0].id, lessons[3].id}
    assert {c.lesson_id for c in plan.citations} == {lessons[0].id, lessons[1].id, lessons[3].id}


async def test_usage_shows_months_and_today_against_the_limits(world: World) -> None:
    caller = premium()
    await world.container.assess_free_text().execute(caller, answer())
    await world.container.assess_free_text().execute(caller, answer())
    await world.container.start_mentor_session().execute(caller, "Goal", None)

    summary = await world.container.get_usage().execute(caller, caller.user_id)

    assert summary.user_id == caller.user_id
    assert len(summary.months) == 12
    november = summary.months[0]
    assert november.month == "2026-11"
    assert november.features["llm_assessment"].calls == 2
    assert november.features["llm_assessment"].cost_usd == Decimal("0.028")
    assert november.total_cost_usd == Decimal("0.118")
    assert summary.today["llm_assessment"].calls == 2
    assert summary.today["llm_assessment"].limit == 10
    assert summary.today["synthesis"].calls == 0


async def test_only_admins_read_someone_elses_usage(world: World) -> None:
    known = new_id()
    world.users.known.add(known)

    with pytest.raises(Forbidden):
        await world.container.get_usage().execute(premium(), known)
    with pytest.raises(UserNotFound):
        await world.container.get_usage().execute(admin(), new_id())
    summary = await world.container.get_usage().execute(admin(), known)

    assert summary.user_id == known


async def test_usage_of_a_new_day_starts_from_zero(world: World) -> None:
    caller = premium()
    await world.container.assess_free_text().execute(caller, answer())
    world.clock.advance(days=1)

    summary = await world.container.get_usage().execute(caller, caller.user_id)

    assert summary.today["llm_assessment"].calls == 0
    assert summary.months[0].features["llm_assessment"].calls == 1
    assert world.clock.now() > datetime(2026, 11, 23, tzinfo=UTC)

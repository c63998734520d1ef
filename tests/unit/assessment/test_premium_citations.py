"""Synthesis and mentor plans cite the course passages they rest on: only passages that were
sent, unknown markers removed; a mentor plan is built from the lessons retrieval finds
relevant to the goal, and says so plainly when the course does not cover it."""

import pytest

from tests.unit.assessment.world import World, premium
from tutor_platform.assessment.domain.citations import Source, cite
from tutor_platform.shared.citations import snippet
from tutor_platform.shared.ids import new_id


@pytest.fixture
def world() -> World:
    return World()


def source(text: str, title: str = "Loops") -> Source:
    return Source(new_id(), new_id(), title, "Basics", text, text)


def test_markers_of_passages_not_sent_are_removed() -> None:
    sources = [source("For loops repeat."), source("While loops wait.")]

    text, citations = cite("Loops repeat [1] and wait [2], unlike [3] or [0].", sources)

    assert text == "Loops repeat [1] and wait [2], unlike or."
    assert [c.index for c in citations] == [1, 2]
    assert citations[1].snippet == "While loops wait."


def test_notes_sent_with_the_passages_cannot_be_cited() -> None:
    text, citations = cite("Start here [2] and see [1].", [source("A passage."), None])

    assert text == "Start here and see [1]."
    assert [c.index for c in citations] == [1]


def test_markers_in_code_are_left_alone() -> None:
    text, citations = cite(
        "Use `items[7]` then\n```\nx = a [9]\n```\n", [source("A passage about loops.")]
    )

    assert text == "Use `items[7]` then\n```\nx = a [9]\n```\n"
    assert citations == []


def test_a_text_without_markers_cites_the_passages_it_quotes() -> None:
    first = source("A for loop repeats the body once for every item of the list it reads.")
    second = source("A dictionary maps keys to values and finds a value by its key quickly.")
    answer = 'In short: "Loops": a for loop repeats the body once for every item of the list.'

    _, citations = cite(answer, [first, second])

    assert [c.index for c in citations] == [1]


def test_snippets_are_short_plain_lines() -> None:
    long = "word " * 200

    assert len(snippet(long)) <= 300
    assert snippet("a\n\n b") == "a b"


async def test_synthesis_numbers_the_lessons_passages_and_keeps_known_citations(
    world: World,
) -> None:
    first, second = world.course.lessons[:2]
    world.catalog.passage(first, "Variables name values.", "Names")
    world.catalog.passage(first, "Assignment binds a name.", "Binding")
    world.catalog.passage(second, "Functions take values as parameters.", "Parameters")
    world.ai.text = (
        "The lessons share two ideas.\n\n- Both name values [1] [3]; see also [4] and [9].\n"
        "- Parameters are names too [2]."
    )

    result = await world.container.synthesize_lessons().execute(
        premium(), world.course.id, [first.id, second.id]
    )

    instruction, material = world.ai.written[0]
    assert "[n]" in instruction
    assert [(p.title, p.heading) for p in material] == [
        ("Lesson 1.1", "Names"),
        ("Lesson 1.2", "Parameters"),
        ("Lesson 1.1", "Binding"),
    ]
    assert [idea.text for idea in result.connections] == [
        "Both name values [1] [3]; see also and.",
        "Parameters are names too [2].",
    ]
    assert [
        [(c.index, c.lesson_id, c.heading) for c in idea.citations] for idea in result.connections
    ] == [[(1, first.id, "Names"), (3, first.id, "Binding")], [(2, second.id, "Parameters")]]
    assert [c.index for c in result.citations] == [1, 3, 2]
    assert result.citations[0].snippet == "Variables name values."
    assert result.citations[0].course_id == world.course.id


async def test_synthesis_cites_what_an_unmarked_text_quotes(world: World) -> None:
    first, second = world.course.lessons[:2]
    world.catalog.passage(first, "A variable is a name that refers to a value in memory.")
    world.catalog.passage(second, "A function is a named block of code that you can call.")
    world.ai.text = (
        "In short: a function is a named block of code that you can call again.\n\n"
        "A variable is a name that refers to a value in memory, and so is a parameter."
    )

    result = await world.container.synthesize_lessons().execute(
        premium(), world.course.id, [first.id, second.id]
    )

    assert [[(c.index, c.lesson_id) for c in idea.citations] for idea in result.connections] == [
        [(2, second.id)],
        [(1, first.id)],
    ]
    assert [(c.index, c.lesson_id) for c in result.citations] == [(2, second.id), (1, first.id)]


async def test_a_mentor_plan_is_built_from_the_relevant_lessons_only(world: World) -> None:
    caller = premium()
    lessons = world.course.lessons
    world.catalog.passage(lessons[0], "Printing text.", similarity=0.1, lexical=0.2)
    world.catalog.passage(lessons[1], "Lists hold items.", "Lists", similarity=0.45)
    world.catalog.passage(lessons[1], "Append to a list.", "Append", similarity=0.2, lexical=0.5)
    world.catalog.passage(lessons[3], "Sorting a list.", "Sort", similarity=0.3, lexical=0.4)
    world.catalog.passage(lessons[2], "Files on disk.", similarity=0.25)
    world.ai.text = "Start with lists [1], then sorting [3]; ignore [7]."

    plan = await world.container.start_mentor_session().execute(
        caller, "Work with lists", world.course.id
    )

    assert world.catalog.queries == [(world.course.id, "Work with lists")]
    assert plan.covered
    assert [s.title for s in plan.steps] == [
        "Set your target",
        "Work through \u201cSection 1\u201d",
        "Work through \u201cSection 2\u201d",
        "Reflect and adjust",
    ]
    assert plan.steps[1].lesson_ids == (lessons[1].id,)
    assert plan.steps[2].lesson_ids == (lessons[3].id,)
    assert [(c.index, c.lesson_id, c.heading) for c in plan.citations] == [
        (1, lessons[1].id, "Lists"),
        (2, lessons[1].id, "Append"),
        (3, lessons[3].id, "Sort"),
    ]
    assert [s.citations for s in plan.steps] == [(), (1, 2), (3,), ()]
    assert plan.advice == "Start with lists [1], then sorting [3]; ignore."
    _, material = world.ai.written[0]
    assert [p.title for p in material] == ["Lesson 1.2", "Lesson 1.2", "Lesson 2.2", "Your plan"]


async def test_relevant_lessons_already_completed_are_revisited(world: World) -> None:
    caller = premium()
    lessons = world.course.lessons
    world.catalog.passage(lessons[2], "Files on disk.", similarity=0.5)
    world.progress.complete(caller.user_id, world.course, lessons[2])

    plan = await world.container.start_mentor_session().execute(
        caller, "Read files", world.course.id
    )

    assert [s.title for s in plan.steps][1] == "Revisit what you learned"
    assert plan.steps[1].lesson_ids == (lessons[2].id,)
    assert plan.steps[1].citations == (1,)


async def test_a_goal_the_course_does_not_cover_gets_a_plan_that_says_so(world: World) -> None:
    lessons = world.course.lessons
    world.catalog.passage(lessons[0], "Printing text.", similarity=0.2, lexical=0.2)
    world.ai.text = "Cook it well [1]."

    plan = await world.container.start_mentor_session().execute(
        premium(), "Bake sourdough bread", world.course.id
    )

    assert not plan.covered
    assert [s.title for s in plan.steps] == [
        "Set your target",
        "Look beyond this course",
        "Reflect and adjust",
    ]
    assert "does not cover \u201cBake sourdough bread\u201d" in plan.steps[1].detail
    assert all(s.lesson_ids == () and s.citations == () for s in plan.steps)
    assert plan.citations == []
    assert plan.advice == "Cook it well."
    _, material = world.ai.written[0]
    assert [p.title for p in material] == ["Your plan"]
    assert world.usage == 1


async def test_a_plan_without_a_course_cites_nothing(world: World) -> None:
    plan = await world.container.start_mentor_session().execute(premium(), "Learn SQL", None)

    assert not plan.covered
    assert plan.citations == []
    assert world.catalog.queries == []

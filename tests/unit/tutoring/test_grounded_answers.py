"""Grounded answers: the passages sent are numbered, answers keep only the citations of those
numbers, a course that does not cover a question is said to, follow-ups keep their topic,
and attached text files are material too."""

from typing import Any

from tests.unit.tutoring.doubles import ScriptedModel, hit
from tests.unit.tutoring.world import World, instructor, person
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.application.stream_message import Delta, Done
from tutor_platform.tutoring.domain.message import NewMessage
from tutor_platform.tutoring.domain.session import ChatSession

LOOPS = hit("Loops", "Use `enumerate` for the position and the item.", heading="enumerate")
DICTS = hit("Dictionaries", "A dictionary maps keys to values.")


async def course_chat(world: World, *lessons: Any) -> tuple[Principal, ChatSession]:
    teacher, student = instructor(), person()
    course = world.course(teacher, lessons=list(lessons))
    tutor = await world.tutor(teacher, course.id)
    return student, await world.session(student, tutor.id)


async def test_an_answer_keeps_the_citations_of_passages_it_was_sent_and_drops_others() -> None:
    world = World()
    world.model = ScriptedModel("Use enumerate [2]. Keys map [1] to values [7].")
    student, session = await course_chat(world, LOOPS, DICTS)

    exchange = await world.send_message().execute(student, session.id, NewMessage("How?"))

    answer = exchange.assistant_message
    assert answer.content == "Use enumerate [2]. Keys map [1] to values."
    assert [(c.index, c.title, c.heading) for c in answer.citations] == [
        (2, "Dictionaries", None),
        (1, "Loops", "enumerate"),
    ]
    assert answer.citations[1].lesson_id == LOOPS.lesson_id
    assert answer.citations[1].snippet == "Use `enumerate` for the position and the item."
    assert exchange.user_message.citations == ()
    prompt = world.model.prompts[0]
    assert [(p.title, p.heading) for p in prompt.passages] == [
        ("Loops", "enumerate"),
        ("Dictionaries", None),
    ]
    assert not prompt.uncovered


async def test_a_streamed_answer_drops_unknown_markers_even_split_across_pieces() -> None:
    world = World()
    world.model = ScriptedModel("Use it [", "1] and not [", "9", "]. Done [", "2]")
    student, session = await course_chat(world, LOOPS)

    stream = await world.stream_message().execute(student, session.id, NewMessage("How?"))
    events = [event async for event in stream.events]

    deltas = "".join(e.text for e in events if isinstance(e, Delta))
    done = events[-1]
    assert isinstance(done, Done)
    assert deltas == done.message.content == "Use it [1] and not. Done"
    assert [c.index for c in done.message.citations] == [1]


async def test_passages_below_the_relevance_threshold_are_not_sent_and_the_course_says_so() -> None:
    world = World()
    teacher = instructor()
    capitals = [hit("Capitals", "Canberra is the capital of Australia.")]
    world.course(teacher, title="World geography", lessons=capitals)
    weak_elsewhere = [hit("Rivers", "The Nile.", similarity=0.1, lexical=0.0)]
    world.course(teacher, title="Rivers", lessons=weak_elsewhere)
    weak = hit("Dictionaries", "capitals = {'France': 'Paris'}", similarity=0.2, lexical=0.5)
    student, session = await course_chat(world, weak)

    exchange = await world.send_message().execute(
        student, session.id, NewMessage("What is the capital of Australia?")
    )

    prompt = world.model.prompts[0]
    assert (list(prompt.passages), prompt.uncovered) == ([], True)
    assert list(prompt.other_courses) == ["World geography"]
    assert exchange.assistant_message.citations == ()


def weak_commit() -> Any:
    return hit("Commits", "A commit is a snapshot.", similarity=0.1, lexical=0.0)


async def test_another_course_is_named_only_when_it_holds_every_word_of_the_question() -> None:
    world = World()
    teacher = instructor()
    tables = [hit("Tables", "A table holds rows; make a summary table with GROUP BY.")]
    world.course(teacher, title="SQL fundamentals", lessons=tables)
    sheets = [hit("Pivot tables", "Make a pivot table in a spreadsheet from the Insert menu.")]
    world.course(teacher, title="Spreadsheets", lessons=sheets)
    student, session = await course_chat(world, weak_commit())

    await world.send_message().execute(
        student, session.id, NewMessage("How do I make a pivot table in a spreadsheet?")
    )

    assert list(world.model.prompts[0].other_courses) == ["Spreadsheets"]


async def test_a_greeting_is_not_called_uncovered() -> None:
    world = World()
    student, session = await course_chat(world, LOOPS)

    await world.send_message().execute(student, session.id, NewMessage("Hello!"))

    prompt = world.model.prompts[0]
    assert (list(prompt.passages), prompt.uncovered) == ([], False)
    assert world.courses.material_asked == []


async def test_a_follow_up_is_retrieved_with_the_last_question_and_the_lessons_it_cited() -> None:
    world = World()
    world.model = ScriptedModel("Use enumerate [1].")
    student, session = await course_chat(world, LOOPS)
    send = world.send_message()
    await send.execute(student, session.id, NewMessage("How do I number items in a loop?"))
    world.clock.advance(seconds=1)

    await send.execute(student, session.id, NewMessage("Why?"))

    _, query, _ = world.courses.material_asked[-1]
    assert query == "Why? How do I number items in a loop? Loops"


async def test_a_new_question_is_retrieved_on_its_own() -> None:
    world = World()
    student, session = await course_chat(world, LOOPS)
    send = world.send_message()
    await send.execute(student, session.id, NewMessage("How do I number items in a loop?"))
    world.clock.advance(seconds=1)

    await send.execute(student, session.id, NewMessage("How do dictionaries store values?"))

    assert world.courses.material_asked[-1][1] == "How do dictionaries store values?"


async def test_an_attached_text_file_is_material_cited_by_its_name() -> None:
    world = World()
    world.model = ScriptedModel("Your notes say so [1].")
    student, session = await course_chat(world, LOOPS)
    notes = world.files.add(student.user_id, new_id(), "text/markdown", b"# My notes\nx")

    exchange = await world.send_message().execute(
        student, session.id, NewMessage("Is this right?", attachments=(notes,))
    )

    [citation] = exchange.assistant_message.citations
    assert (citation.index, citation.lesson_id, citation.title) == (1, None, "file-0")
    assert world.model.prompts[0].passages[0].text == "# My notes\nx"

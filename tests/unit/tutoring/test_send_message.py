"""Sending a message: the order of the steps, the context sent to the AI, idempotent retries,
failures of the provider, attachments."""

from typing import Any

import pytest

from tests.unit.tutoring.doubles import ScriptedModel, hit, texts
from tests.unit.tutoring.world import World, admin, instructor, person
from tutor_platform.ai.ports.model import TutorPrompt
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import (
    Conflict,
    Forbidden,
    NotFound,
    UpstreamFailed,
    ValidationFailed,
)
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.domain.errors import ClientMessageIdReused, ReplyInProgress
from tutor_platform.tutoring.domain.message import STALE_CLAIM, NewMessage, ReplyState
from tutor_platform.tutoring.domain.session import ChatSession


async def chat(world: World, **tutor_fields: Any) -> tuple[Principal, ChatSession]:
    teacher, student = instructor(), person()
    tutor = await world.tutor(teacher, **tutor_fields)
    return student, await world.session(student, tutor.id)


async def test_the_user_message_is_committed_before_the_ai_is_called() -> None:
    seen: list[tuple[str, str | None, int]] = []
    world = World()

    def check(prompt: TutorPrompt) -> None:
        [stored] = world.committed.messages.values()
        session = world.committed.sessions[stored.session_id]
        seen.append((stored.content, stored.reply_state, session.message_count))

    world.model = ScriptedModel("Photosynthesis ", "makes sugar.", on_call=check)
    student, session = await chat(world)
    world.clock.advance(seconds=3)

    exchange = await world.send_message().execute(student, session.id, NewMessage("What is it?"))

    assert seen == [("What is it?", ReplyState.PENDING, 1)]
    answer = exchange.assistant_message
    assert (answer.role, answer.content, answer.reply_to_id) == (
        "assistant",
        "Photosynthesis makes sugar.",
        exchange.user_message.id,
    )
    assert answer.metadata is not None
    assert (answer.metadata.provider, answer.metadata.model_id) == ("local", "scripted-1")
    assert (answer.metadata.tokens_in, answer.metadata.finish_reason) == (11, "stop")
    assert answer.metadata.extra == {"trace": "t-1"}
    assert answer.metadata.latency_ms >= 0
    stored = world.committed
    assert stored.messages[exchange.user_message.id].reply_state == ReplyState.ANSWERED
    assert stored.sessions[session.id].message_count == 2
    assert stored.sessions[session.id].last_message_at == world.clock.now()


async def test_the_prompt_has_the_tutor_the_course_material_and_the_history() -> None:
    world = World(history_budget=6)
    teacher, student = instructor(), person()
    lessons = [hit("Cells", "Cells are small. " * 1000)]
    course = world.course(teacher, lessons=lessons)
    tutor = await world.tutor(
        teacher, course.id, system_prompt="Be brief.", temperature=0.2, knowledge_base_id="kb"
    )
    session = await world.session(student, tutor.id)
    send = world.send_message()
    for text in ("one two three", "four five"):
        world.clock.advance(seconds=1)
        await send.execute(student, session.id, NewMessage(text))

    world.clock.advance(seconds=1)
    await send.execute(student, session.id, NewMessage("What is a cell?"))

    prompt = world.model.prompts[-1]
    assert (prompt.system_prompt, prompt.message, prompt.temperature) == (
        "Be brief.",
        "What is a cell?",
        0.2,
    )
    assert (prompt.model_id, prompt.knowledge_base_id) == ("local-1", "kb")
    assert (prompt.session_id, prompt.tutor_id) == (session.id, tutor.id)
    assert texts(prompt) == ["four five", "Here is the answer."], "trimmed to 6 words"
    assert [p.title for p in prompt.passages] == ["Cells"]
    assert len(prompt.passages[0].text) == 8000
    assert world.courses.material_asked[-1] == (course.id, "What is a cell?", 8)


@pytest.mark.parametrize(("plan", "titles"), [("free", ["Free"]), ("premium", ["Free", "Paid"])])
async def test_premium_lessons_reach_the_ai_only_for_premium_learners(
    plan: str, titles: list[str]
) -> None:
    world = World()
    teacher, student = instructor(), person(plan=plan)
    lessons = [
        hit("Free", "Open text."),
        hit("Paid", "Premium text.", premium=True),
    ]
    tutor = await world.tutor(teacher, world.course(teacher, lessons=lessons).id)
    session = await world.session(student, tutor.id)
    await world.send_message().execute(student, session.id, NewMessage("Tell me"))
    assert [p.title for p in world.model.prompts[0].passages] == titles


async def test_a_retry_with_the_same_client_message_id_returns_the_first_result() -> None:
    world = World()
    student, session = await chat(world)
    send = world.send_message()
    first = await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))
    world.clock.advance(seconds=5)

    again = await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))

    assert (first.replayed, again.replayed) == (False, True)
    assert again.user_message.id == first.user_message.id
    assert again.assistant_message == first.assistant_message
    assert len(world.model.prompts) == 1
    assert len(world.committed.messages) == 2
    assert world.committed.sessions[session.id].message_count == 2


async def test_a_client_message_id_is_not_reused_for_another_message() -> None:
    world = World()
    student, session = await chat(world)
    send = world.send_message()
    await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))
    with pytest.raises(ClientMessageIdReused):
        await send.execute(student, session.id, NewMessage("Bye", client_message_id="k1"))
    assert len(world.committed.messages) == 2


async def test_a_provider_failure_keeps_the_user_message_and_invents_no_answer() -> None:
    world = World(model=ScriptedModel(fail_after=0))
    student, session = await chat(world)
    send = world.send_message()

    with pytest.raises(UpstreamFailed):
        await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))

    [question] = world.committed.messages.values()
    assert (question.content, question.reply_state) == ("Hi", ReplyState.UNANSWERED)
    assert world.committed.sessions[session.id].message_count == 1

    world.model.fail_after = None
    retried = await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))
    assert (retried.replayed, retried.user_message.id) == (False, question.id)
    assert len(world.model.prompts) == 2
    assert len(world.committed.messages) == 2
    assert world.committed.sessions[session.id].message_count == 2


async def test_a_message_being_answered_is_not_answered_twice() -> None:
    world = World()
    student, session = await chat(world)
    opened = await world.conversation().open(
        student, session.id, NewMessage("Hi", client_message_id="k1")
    )
    assert opened.question.reply_state == ReplyState.PENDING
    send = world.send_message()

    with pytest.raises(ReplyInProgress):
        await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))
    assert world.model.prompts == []

    world.clock.advance(seconds=STALE_CLAIM.total_seconds())
    taken_over = await send.execute(student, session.id, NewMessage("Hi", client_message_id="k1"))
    assert taken_over.user_message.id == opened.question.id
    assert len(world.model.prompts) == 1


async def test_attachments_must_be_the_callers_own_files() -> None:
    world = World()
    student, session = await chat(world)
    theirs = world.files.add(new_id(), new_id(), "image/png", b"png")
    for file_id in (theirs, new_id()):
        with pytest.raises(ValidationFailed) as error:
            await world.send_message().execute(
                student, session.id, NewMessage("Look", attachments=(file_id,))
            )
        assert error.value.errors[0].field == "attachments"
    assert world.committed.messages == {}


async def test_images_are_sent_to_the_ai_and_other_files_only_referenced() -> None:
    world = World()
    student, session = await chat(world)
    image = world.files.add(student.user_id, new_id(), "image/png", b"\x89PNG")
    notes = world.files.add(student.user_id, new_id(), "application/pdf", b"%PDF")

    exchange = await world.send_message().execute(
        student, session.id, NewMessage("Look", attachments=(image, notes))
    )

    assert exchange.user_message.attachments == (image, notes)
    [prompt] = world.model.prompts
    assert [(i.content_type, i.data) for i in prompt.images] == [("image/png", b"\x89PNG")]
    assert world.files.reads == [image]


async def test_images_over_20_mib_in_all_are_refused() -> None:
    world = World()
    student, session = await chat(world)
    big = bytes(11 * 1024 * 1024)
    images = tuple(world.files.add(student.user_id, new_id(), "image/png", big) for _ in "ab")
    with pytest.raises(ValidationFailed):
        await world.send_message().execute(student, session.id, NewMessage("x", images))
    assert world.files.reads == []


async def test_only_the_owner_sends_and_only_to_an_available_tutor() -> None:
    world = World()
    student, session = await chat(world)
    send = world.send_message()
    with pytest.raises(NotFound):
        await send.execute(person(), session.id, NewMessage("Hi"))
    with pytest.raises(Forbidden):
        await send.execute(admin(), session.id, NewMessage("Hi"))
    world.committed.tutors[session.tutor_id].is_active = False
    with pytest.raises(Conflict):
        await send.execute(student, session.id, NewMessage("Hi"))
    assert world.committed.messages == {}


async def test_a_budget_of_zero_sends_no_history() -> None:
    world = World(history_budget=0)
    student, session = await chat(world)
    send = world.send_message()
    await send.execute(student, session.id, NewMessage("first"))
    world.clock.advance(seconds=1)
    await send.execute(student, session.id, NewMessage("second"))
    assert texts(world.model.prompts[-1]) == []

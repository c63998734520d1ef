"""Streaming an answer: the pieces, the stored answer, failures mid-way, a client that left
(the answer goes on and is stored whole), and events closed early (shutdown: the part
generated so far is stored)."""

import asyncio
from collections.abc import AsyncGenerator

from tests.unit.tutoring.doubles import ScriptedModel
from tests.unit.tutoring.test_send_message import chat
from tests.unit.tutoring.world import World
from tutor_platform.tutoring.application.stream_message import Delta, Done, Failed, StreamEvent
from tutor_platform.tutoring.domain.message import (
    CLIENT_DISCONNECTED,
    MessageRole,
    NewMessage,
    ReplyState,
)


async def collect(events: AsyncGenerator[StreamEvent, None]) -> list[StreamEvent]:
    return [event async for event in events]


async def test_the_pieces_make_up_the_stored_answer() -> None:
    world = World(model=ScriptedModel("Cells ", "divide ", "by mitosis."))
    student, session = await chat(world)

    stream = await world.stream_message().execute(student, session.id, NewMessage("How?"))
    assert world.committed.messages[stream.user_message.id].content == "How?"
    events = await collect(stream.events)

    deltas = [e.text for e in events if isinstance(e, Delta)]
    assert deltas == ["Cells ", "divide ", "by mitosis."]
    assert isinstance(events[-1], Done)
    answer = events[-1].message
    assert answer.content == "".join(deltas)
    assert answer.reply_to_id == stream.user_message.id
    assert world.committed.messages[answer.id].content == answer.content
    assert world.committed.sessions[session.id].message_count == 2


async def test_a_failure_mid_way_is_an_error_event_and_stores_no_answer() -> None:
    world = World(model=ScriptedModel("Half ", "an answer", fail_after=1))
    student, session = await chat(world)

    stream = await world.stream_message().execute(student, session.id, NewMessage("How?"))
    events = await collect(stream.events)

    assert events[0] == Delta("Half ")
    assert events[-1] == Failed("UPSTREAM_ERROR", "scripted failure")
    [question] = world.committed.messages.values()
    assert question.reply_state == ReplyState.UNANSWERED
    assert world.committed.sessions[session.id].message_count == 1


async def test_a_consumer_that_stops_early_leaves_the_partial_answer_stored() -> None:
    world = World(model=ScriptedModel("Cells ", "divide ", "by mitosis."))
    student, session = await chat(world)
    stream = await world.stream_message().execute(student, session.id, NewMessage("How?"))

    assert await anext(stream.events) == Delta("Cells ")
    await stream.events.aclose()
    await world.detached.drain()

    answers = [m for m in world.committed.messages.values() if m.role == MessageRole.ASSISTANT]
    assert [a.content for a in answers] == ["Cells "]
    assert answers[0].metadata is not None
    assert answers[0].metadata.finish_reason == CLIENT_DISCONNECTED
    assert answers[0].metadata.tokens_out == 1
    assert world.committed.sessions[session.id].message_count == 2


async def test_an_answer_whose_client_left_is_generated_whole_with_the_reason() -> None:
    world = World(model=ScriptedModel("Cells ", "divide ", "by mitosis."))
    student, session = await chat(world)
    stream = await world.stream_message().execute(student, session.id, NewMessage("How?"))

    assert await anext(stream.events) == Delta("Cells ")
    stream.audience.leave()
    rest = await collect(stream.events)

    assert isinstance(rest[-1], Done)
    stored = world.committed.messages[rest[-1].message.id]
    assert stored.content == "Cells divide by mitosis."
    assert stored.metadata is not None
    assert stored.metadata.finish_reason == CLIENT_DISCONNECTED


async def test_a_relayed_answer_outlives_its_reader_until_shutdown() -> None:
    world = World(model=ScriptedModel("One ", "two ", "three ", "four.", delay=0.3))
    student, session = await chat(world)
    stream = await world.stream_message().execute(student, session.id, NewMessage("Count"))
    relayed = world.detached.relay(stream.events, stream.audience.leave)

    assert await anext(relayed) == Delta("One ")
    await relayed.aclose()
    assert not stream.audience.present
    for _ in range(100):
        if len(world.model.sent) == 2:
            break
        await asyncio.sleep(0.02)
    assert world.model.sent == ["One ", "two "], "it went on without a reader"
    await world.detached.drain(seconds=0.05)

    [answer] = [m for m in world.committed.messages.values() if m.role == MessageRole.ASSISTANT]
    assert answer.content.startswith("One two ")
    assert answer.content != "One two three four.", "shutdown stopped it"
    assert answer.metadata is not None
    assert answer.metadata.finish_reason == CLIENT_DISCONNECTED


async def test_a_cancelled_stream_stores_what_was_generated() -> None:
    world = World(model=ScriptedModel("One ", "two ", "three.", delay=0.05))
    student, session = await chat(world)
    stream = await world.stream_message().execute(student, session.id, NewMessage("Count"))
    first = asyncio.Event()

    async def consume() -> None:
        async for _ in stream.events:
            first.set()

    task = asyncio.create_task(consume())
    await first.wait()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await world.detached.drain()

    answers = [m for m in world.committed.messages.values() if m.role == MessageRole.ASSISTANT]
    assert [a.content for a in answers] == ["One "]


async def test_a_consumer_leaving_before_any_text_leaves_the_question_unanswered() -> None:
    world = World(model=ScriptedModel("Late", delay=0.05))
    student, session = await chat(world)
    stream = await world.stream_message().execute(student, session.id, NewMessage("Hi"))
    task = asyncio.create_task(anext(stream.events))
    await asyncio.sleep(0.01)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await world.detached.drain()

    [question] = world.committed.messages.values()
    assert question.reply_state == ReplyState.UNANSWERED


async def test_a_retry_of_an_answered_message_replays_it() -> None:
    world = World()
    student, session = await chat(world)
    first = await world.send_message().execute(
        student, session.id, NewMessage("Hi", client_message_id="k")
    )
    stream = await world.stream_message().execute(
        student, session.id, NewMessage("Hi", client_message_id="k")
    )
    events = await collect(stream.events)
    assert stream.replayed
    assert events == [
        Delta(first.assistant_message.content),
        Done(first.assistant_message),
    ]
    assert len(world.model.prompts) == 1

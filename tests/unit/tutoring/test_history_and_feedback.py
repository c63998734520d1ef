"""Reading and pruning a conversation, and feedback with the tutor's rating."""

import pytest

from tests.unit.tutoring.test_send_message import chat
from tests.unit.tutoring.world import World, admin, person
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Forbidden, NotFound, ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.application.clear_session import ClearSession
from tutor_platform.tutoring.application.delete_message import DeleteMessage
from tutor_platform.tutoring.application.delete_session import DeleteSession
from tutor_platform.tutoring.application.give_feedback import GiveFeedback
from tutor_platform.tutoring.application.list_messages import ListMessages
from tutor_platform.tutoring.application.list_sessions import ListSessions
from tutor_platform.tutoring.application.support.views import Exchange
from tutor_platform.tutoring.domain.feedback import FeedbackInput
from tutor_platform.tutoring.domain.message import NewMessage, ReplyState
from tutor_platform.tutoring.domain.session import ChatSession


async def exchanges(world: World, count: int) -> tuple[Principal, ChatSession, list[Exchange]]:
    student, session = await chat(world)
    send = world.send_message()
    made = []
    for n in range(count):
        world.clock.advance(seconds=1)
        made.append(await send.execute(student, session.id, NewMessage(f"Question {n}")))
    return student, session, made


async def test_messages_page_backwards_oldest_first() -> None:
    world = World()
    student, session, made = await exchanges(world, 3)
    ids = [m.id for e in made for m in (e.user_message, e.assistant_message)]
    list_messages = ListMessages(world.uow_factory)

    newest = await list_messages.execute(student, session.id, limit=4)
    assert ([m.id for m in newest.items], newest.has_more) == (ids[2:], True)
    older = await list_messages.execute(student, session.id, newest.items[0].id, 4)
    assert ([m.id for m in older.items], older.has_more) == (ids[:2], False)
    audit = await list_messages.execute(admin(), session.id, limit=100)
    assert [m.id for m in audit.items] == ids
    with pytest.raises(NotFound):
        await list_messages.execute(person(), session.id)


async def test_before_id_must_be_a_message_of_the_session() -> None:
    world = World()
    student, session, _ = await exchanges(world, 1)
    _, _, elsewhere = await exchanges(world, 1)
    list_messages = ListMessages(world.uow_factory)
    for before in (new_id(), elsewhere[0].user_message.id):
        with pytest.raises(ValidationFailed) as error:
            await list_messages.execute(student, session.id, before)
        assert error.value.errors[0].field == "before_id"


async def test_sessions_are_searched_by_title_and_message_text() -> None:
    world = World()
    student, session, _ = await exchanges(world, 1)
    world.clock.advance(seconds=1)
    other = await world.session(student, session.tutor_id)
    list_sessions = ListSessions(world.uow_factory)

    everything = await list_sessions.execute(student, PageRequest(10, 0))
    assert [s.id for s in everything.items] == [other.id, session.id]
    found = await list_sessions.execute(student, PageRequest(10, 0), q="QUESTION 0")
    assert [s.id for s in found.items] == [session.id]
    assert (await list_sessions.execute(person(), PageRequest(10, 0))).total == 0


async def test_deleting_a_question_deletes_its_answer() -> None:
    world = World()
    student, session, made = await exchanges(world, 2)
    await DeleteMessage(world.uow_factory).execute(student, made[1].user_message.id)
    assert set(world.committed.messages) == {made[0].user_message.id, made[0].assistant_message.id}
    stored = world.committed.sessions[session.id]
    newest = made[0].assistant_message.created_at
    assert (stored.message_count, stored.last_message_at) == (2, newest)


async def test_deleting_an_answer_leaves_the_question_unanswered() -> None:
    world = World()
    student, session, made = await exchanges(world, 1)
    delete = DeleteMessage(world.uow_factory)
    with pytest.raises(NotFound):
        await delete.execute(person(), made[0].assistant_message.id)
    with pytest.raises(Forbidden):
        await delete.execute(admin(), made[0].assistant_message.id)
    await delete.execute(student, made[0].assistant_message.id)
    [question] = world.committed.messages.values()
    assert question.reply_state == ReplyState.UNANSWERED
    assert world.committed.sessions[session.id].message_count == 1


async def test_feedback_sets_the_tutors_rating_and_a_second_one_replaces_the_first() -> None:
    world = World()
    give = GiveFeedback(world.uow_factory, world.clock)
    student, session, made = await exchanges(world, 2)
    first, second = (e.assistant_message.id for e in made)
    tutor_id = session.tutor_id

    created = await give.execute(student, first, FeedbackInput("detailed", rating=5))
    await give.execute(student, second, FeedbackInput("detailed", rating=2))
    assert created.created
    tutor = world.committed.tutors[tutor_id]
    assert (tutor.rating, tutor.total_feedbacks) == (3.5, 2)

    replaced = await give.execute(student, first, FeedbackInput("quick", quick_reaction="clear"))
    assert not replaced.created
    assert replaced.feedback.id == created.feedback.id
    tutor = world.committed.tutors[tutor_id]
    assert (tutor.rating, tutor.total_feedbacks) == (2.0, 1)
    assert len(world.committed.feedback) == 2


async def test_feedback_is_only_on_answers_in_the_callers_sessions() -> None:
    world = World()
    give = GiveFeedback(world.uow_factory, world.clock)
    student, _, made = await exchanges(world, 1)
    with pytest.raises(ValidationFailed):
        await give.execute(student, made[0].user_message.id, FeedbackInput("detailed", rating=3))
    rated = FeedbackInput("detailed", rating=3)
    for caller in (person(), admin()):
        with pytest.raises(NotFound):
            await give.execute(caller, made[0].assistant_message.id, rated)
    assert world.committed.feedback == {}


async def test_removing_rated_answers_recomputes_the_rating() -> None:
    world = World()
    give = GiveFeedback(world.uow_factory, world.clock)
    student, session, made = await exchanges(world, 2)
    for exchange, rating in zip(made, (5, 1), strict=True):
        given = FeedbackInput("detailed", rating=rating)
        await give.execute(student, exchange.assistant_message.id, given)
    tutor_id = session.tutor_id

    await DeleteMessage(world.uow_factory).execute(student, made[1].assistant_message.id)
    assert world.committed.tutors[tutor_id].rating == 5.0
    await ClearSession(world.uow_factory).execute(student, session.id)
    tutor = world.committed.tutors[tutor_id]
    assert (tutor.rating, tutor.total_feedbacks) == (None, 0)
    stored = world.committed.sessions[session.id]
    assert (stored.message_count, stored.last_message_at) == (0, None)
    await DeleteSession(world.uow_factory).execute(student, session.id)
    assert world.committed.sessions == {}

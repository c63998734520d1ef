"""The in-memory stream log holds at most ``max_logs`` answers: past it the oldest started
one can no longer be resumed, the newer ones still can."""

from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.adapters.outbound.memory.stream_log import InMemoryStreamLog
from tutor_platform.tutoring.ports.stream_log import LoggedEvent


async def test_past_the_limit_the_oldest_log_is_dropped() -> None:
    log = InMemoryStreamLog(ttl_seconds=600, max_logs=2)
    owner = new_id()
    oldest, middle, newest = new_id(), new_id(), new_id()
    for stream in (oldest, middle, newest):
        await log.start(stream, owner)
        await log.append(stream, LoggedEvent(1, "delta", '{"text": "a"}', False))

    assert await log.owner(oldest) is None
    assert await log.last_seq(oldest) == 0
    assert [await log.owner(s) for s in (middle, newest)] == [owner, owner]
    assert await log.last_seq(newest) == 1


async def test_starting_a_held_log_again_drops_nothing() -> None:
    log = InMemoryStreamLog(ttl_seconds=600, max_logs=2)
    owner = new_id()
    first, second = new_id(), new_id()
    for stream in (first, second, first):
        await log.start(stream, owner)

    assert [await log.owner(s) for s in (first, second)] == [owner, owner]

"""Task kinds of the job queue contract, importable by a worker process."""

import asyncio

from tutor_platform.shared.jobs.ports import (
    JobContext,
    JsonObject,
    PermanentTaskError,
    TaskError,
    TaskSpec,
)

SECRET_DETAIL = 'SELECT * FROM users WHERE password = "hunter2"'


async def echo(ctx: JobContext, payload: JsonObject) -> JsonObject:
    return {"echo": payload}


async def flaky(ctx: JobContext, payload: JsonObject) -> JsonObject:
    """Fails on its first attempt, then succeeds."""
    if ctx.attempt == 1:
        raise TaskError("transient failure")
    return {"attempt": ctx.attempt}


async def broken(ctx: JobContext, payload: JsonObject) -> JsonObject:
    raise TaskError("always broken")


async def crash(ctx: JobContext, payload: JsonObject) -> JsonObject:
    raise RuntimeError(SECRET_DETAIL)


async def refuse(ctx: JobContext, payload: JsonObject) -> JsonObject:
    raise PermanentTaskError("this cannot be done")


async def sleepy(ctx: JobContext, payload: JsonObject) -> JsonObject:
    """Sleeps ``payload["seconds"]`` on its first attempt only."""
    if ctx.attempt == 1:
        await asyncio.sleep(float(payload["seconds"]))
    return {"attempt": ctx.attempt}


def contract_tasks() -> list[TaskSpec]:
    """Short limits and tiny backoff, so that retries happen within a test."""
    return [
        TaskSpec("test.echo", echo, timeout_seconds=10, retries=0),
        TaskSpec("test.flaky", flaky, timeout_seconds=10, retries=2, backoff_seconds=0.01),
        TaskSpec("test.broken", broken, timeout_seconds=10, retries=2, backoff_seconds=0.01),
        TaskSpec("test.crash", crash, timeout_seconds=10, retries=0),
        TaskSpec("test.refuse", refuse, timeout_seconds=10, retries=3, backoff_seconds=0.01),
        TaskSpec("test.too_slow", sleepy, timeout_seconds=1, heartbeat_seconds=0, retries=0),
        TaskSpec("test.long", sleepy, timeout_seconds=20, heartbeat_seconds=1, retries=0),
        TaskSpec(
            "test.survivor",
            sleepy,
            timeout_seconds=60,
            heartbeat_seconds=1,
            retries=2,
            backoff_seconds=0.01,
        ),
    ]

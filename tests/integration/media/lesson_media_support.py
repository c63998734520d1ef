"""Shared pieces of the lesson summary and draft HTTP tests: the callers of the authorization
matrix, a published course (a free and a premium lesson) and a hidden one built through the
API, a job worker when jobs run on SAQ, and waiting for a job through ``GET /jobs/{id}``.

Import the fixtures into a test module to use them (``from ... import *_fixture names``).
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from litestar import Litestar

from tests.conftest import make_settings
from tests.contract.job_queue.support import (
    container_with,
    delete_queue_keys,
    start_worker,
    stop_worker,
)
from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.catalog.conftest import course_maker
from tests.support.jobs import with_job_backoff
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.settings import Settings

API = "/api/v1"
JOB_WAIT_SECONDS = 120.0
FINISHED = ("succeeded", "failed")
LESSON_CONTENT = """# Cell energy

Every living cell needs a steady supply of energy. It gets it by breaking down sugar.

## Mitochondria

Mitochondria are small structures inside the cell. They turn sugar and oxygen into ATP,
the molecule the cell spends as energy. They even carry their own DNA.

## Why it matters

Muscles and nerves use a lot of ATP. When mitochondria fail, the whole body feels it.
"""


@dataclass
class People:
    """The callers of the authorization matrix; ``instructor`` owns the courses."""

    instructor: Account
    other_instructor: Account
    free: Account
    premium: Account
    admin: Account

    def by_name(self) -> dict[str, Account | None]:
        return {
            "anonymous": None,
            "free": self.free,
            "premium": self.premium,
            "other_instructor": self.other_instructor,
            "instructor": self.instructor,
            "admin": self.admin,
        }


@dataclass
class Lessons:
    course_id: str
    free_lesson: str
    premium_lesson: str
    hidden_lesson: str


def headers(account: Account | None) -> dict[str, str]:
    return account.headers if account is not None else {}


@pytest.fixture
def queue_name(run_id: str) -> str:
    return f"{run_id}-media-{uuid4().hex[:8]}"


@pytest.fixture
def settings(database_url: str, storage_dir: Path, queue_name: str) -> Settings:
    return make_settings(
        database_url,
        storage_dir=str(storage_dir),
        job_queue_name=queue_name,
        refresh_token_purge_interval_seconds=0,
    )


@pytest.fixture
async def job_worker(
    settings: Settings, job_backoff_seconds: float | None
) -> AsyncIterator[RootContainer | None]:
    """Under SAQ, a real worker (in this event loop) runs the jobs; in-process jobs need none.
    Yields the worker's container (to override its adapters), or None. The worker retries
    with the test's ``job_backoff_seconds`` too, when it sets one."""
    if not settings.uses_saq:
        yield None
        return
    container = container_with(settings)
    if job_backoff_seconds is not None:
        with_job_backoff(container, job_backoff_seconds)
    worker = await start_worker(settings, container)
    try:
        yield container
    finally:
        await stop_worker(worker)
        await delete_queue_keys(settings.job_queue_name)


async def make_people(make_account: MakeAccount) -> People:
    return People(
        instructor=await make_account("teacher", role="instructor"),
        other_instructor=await make_account("rival", role="instructor"),
        free=await make_account("freddie"),
        premium=await make_account("penny", plan="premium"),
        admin=await make_account("chief", role="admin"),
    )


async def make_lessons(client: Client, people: People) -> Lessons:
    make_course = course_maker(client)
    course = await make_course(
        people.instructor, sections=1, lessons_per_section=2, premium=[(0, 1)]
    )
    hidden = await make_course(
        people.instructor, sections=1, lessons_per_section=1, published=False
    )
    free_lesson, premium_lesson = course.lesson_ids
    response = await client.patch(
        f"{API}/lessons/{free_lesson}",
        json={"title": "Cell energy", "content": LESSON_CONTENT},
        headers=people.instructor.headers,
    )
    assert response.status_code == 200, response.text
    return Lessons(course.id, free_lesson, premium_lesson, hidden.lesson_ids[0])


@pytest.fixture
async def people(make_account: MakeAccount) -> People:
    return await make_people(make_account)


@pytest.fixture
async def lessons(client: Client, people: People) -> Lessons:
    return await make_lessons(client, people)


@pytest.fixture(scope="module")
async def shared_people(shared_make_account: MakeAccount) -> People:
    """The callers, in the module's shared world (``tests/integration/conftest.py``)."""
    return await make_people(shared_make_account)


@pytest.fixture(scope="module")
async def shared_lessons(shared_client: Client, shared_people: People) -> Lessons:
    """The courses and lessons, in the module's shared world."""
    return await make_lessons(shared_client, shared_people)


def container_of(app: Litestar) -> RootContainer:
    container: RootContainer = app.state.container
    return container


async def wait_for_job(
    client: Client,
    account: Account,
    job_id: str,
    *,
    seconds: float = JOB_WAIT_SECONDS,
    seen: Callable[[dict[str, Any]], None] | None = None,
    until: Callable[[dict[str, Any]], bool] = lambda job: job["status"] in FINISHED,
) -> dict[str, Any]:
    """Poll ``GET /jobs/{id}`` as ``account`` until ``until`` holds (by default: the job
    finished); ``seen`` gets each state on the way."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    body: dict[str, Any] = {}
    while loop.time() < deadline:
        response = await client.get(f"{API}/jobs/{job_id}", headers=account.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        if seen is not None:
            seen(body)
        if until(body):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"gave up waiting for the job after {seconds} s: {body}")

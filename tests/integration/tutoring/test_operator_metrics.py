"""``GET /metrics`` beyond HTTP, scraped after doing things: provider calls (by provider and
action, ok or error, with latency), jobs (queued, attempts by outcome, duration), cache hits
and misses, and the database connections in use.

Both databases: the pool gauge counts real pooled connections on PostgreSQL only."""

import re

import pytest
from litestar import Litestar

from tests.conftest import make_settings
from tests.fakes.fixtures import fake_openai, fake_openai_server
from tests.fakes.openai_server import FakeOpenAI, openai_error, openai_reply
from tests.fakes.tutor_models import OPENAI_TEST_KEY
from tests.integration.accounts import Client, MakeAccount, in_app_loop
from tests.integration.media.lesson_media_support import job_worker, wait_for_job
from tests.integration.tutoring.conftest import API, MakeCourse, MakeSession, MakeTutor, send
from tutor_platform.bootstrap.settings import Settings

pytestmark = pytest.mark.both_databases

__all__ = ["fake_openai", "fake_openai_server", "job_worker"]
DRAFT_JOB = "media.generate_lesson_draft"


@pytest.fixture
def settings(database_url: str, fake_openai: FakeOpenAI) -> Settings:
    return make_settings(
        database_url,
        openai_api_key=OPENAI_TEST_KEY,
        openai_base_url=f"{fake_openai.url}/v1",
        ai_max_retries=0,
        ai_backoff_seconds=0.01,
    )


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition ``text`` (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
        if match and ",".join(sorted((match.group(1) or "").split(","))).strip(",") == wanted:
            return float(match.group(2))
    return 0.0


async def scrape(client: Client) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200
    return response.text


async def test_provider_calls_jobs_and_caches_are_counted(
    app: Litestar,
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_openai: FakeOpenAI,
    job_worker: object,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    tutor = await make_tutor(teacher, course.id, provider="openai")
    session = await make_session(student, tutor["id"])
    before = await scrape(client)

    fake_openai.enqueue(openai_reply("Mitochondria make ATP."))
    assert (await send(client, student, session["id"], "What?")).status_code == 201
    fake_openai.enqueue(openai_error(500))
    assert (await send(client, student, session["id"], "Again?")).status_code == 502
    for _ in range(2):
        assert (await client.get(f"{API}/courses/{course.id}")).status_code == 200
    started = await client.post(
        f"{API}/lessons/{course.lesson_ids[0]}/generate-content", headers=teacher.headers
    )
    assert started.status_code == 202, started.text
    job = await wait_for_job(client, teacher, started.json()["job_id"])
    assert job["status"] == "succeeded", job

    after = await scrape(client)

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    call = {"provider": "openai", "action": "reply"}
    assert grew("provider_calls_total", **call, outcome="ok") == 1
    assert grew("provider_calls_total", **call, outcome="error") == 1
    assert grew("provider_call_duration_seconds_count", **call) == 2
    assert grew("jobs_queued_total", kind=DRAFT_JOB) == 1
    assert grew("job_attempts_total", kind=DRAFT_JOB, outcome="succeeded") == 1
    assert grew("job_attempt_duration_seconds_count", kind=DRAFT_JOB) == 1
    assert grew("cache_lookups_total", cache="catalog", result="hit") >= 1
    assert grew("cache_lookups_total", cache="catalog", result="miss") >= 1
    assert grew("cache_lookups_total", cache="users", result="hit") >= 1


async def test_the_database_connections_in_use_are_read_at_each_scrape(
    app: Litestar, client: Client, settings: Settings
) -> None:
    engine = app.state.container.engine()
    metrics = app.state.container.metrics()

    async def scraped_while_holding_one() -> tuple[float, float]:
        idle = sample(metrics.render().decode(), "db_pool_connections_in_use")
        async with engine.connect():
            held = sample(metrics.render().decode(), "db_pool_connections_in_use")
        return idle, held

    idle, held = in_app_loop(client, scraped_while_holding_one)
    pooled = not settings.is_sqlite
    assert held - idle == (1 if pooled else 0)
    assert "db_pool_connections_in_use" in await scrape(client)

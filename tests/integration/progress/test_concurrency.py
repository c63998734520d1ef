"""Concurrent study-time requests over HTTP, really overlapping: the total is exact, and
subtractions never take it below 0 (on SQLite and PostgreSQL).

Litestar's test client serves one request at a time, so these tests drive the app through
httpx's ASGI transport inside the test's event loop.
"""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import PASSWORD
from tests.integration.progress.support import API, STUDY_TUTOR, add_study_tutor
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.settings import Settings

pytestmark = pytest.mark.both_databases

TUTOR = STUDY_TUTOR
ADD = f"{API}/progress/tutors/{TUTOR}/add"


@pytest.fixture
async def learner(
    settings: Settings, db_engine: AsyncEngine, clean_db: None
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app in this event loop, logged in as a new learner, and a tutor."""
    await add_study_tutor(db_engine)
    app = create_app(settings, migrate_on_start=False)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        credentials = {"email": "busy@example.com", "username": "busy", "password": PASSWORD}
        assert (await client.post(f"{API}/auth/register", json=credentials)).status_code == 201
        login = await client.post(f"{API}/auth/login", json={"login": "busy", "password": PASSWORD})
        client.cookies.clear()
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        yield client
    await close_container(app.state.container)


async def test_fifty_concurrent_additions_sum_exactly(learner: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(
        *(learner.post(ADD, json={"minutes": n}) for n in range(1, 51))
    )
    assert [response.status_code for response in responses] == [200] * 50
    totals = sorted(response.json()["total_minutes"] for response in responses)
    assert len(set(totals)) == 50, "each addition saw its own total"
    assert totals[-1] == 1275
    final = await learner.get(f"{API}/progress/tutors/{TUTOR}")
    assert final.json()["total_minutes"] == 1275


async def test_concurrent_subtractions_stop_at_zero(learner: httpx.AsyncClient) -> None:
    assert (await learner.post(ADD, json={"minutes": 20})).status_code == 200
    responses = await asyncio.gather(*(learner.post(ADD, json={"minutes": -3}) for _ in range(10)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 6 + [422] * 4
    refused = next(response for response in responses if response.status_code == 422)
    assert refused.json()["error_code"] == "VALIDATION_ERROR"
    final = await learner.get(f"{API}/progress/tutors/{TUTOR}")
    assert final.json()["total_minutes"] == 2

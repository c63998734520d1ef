"""Fault injection: the API with its database or Redis unreachable (nothing listens on the
address), swept over every operation of the OpenAPI document.

- Database down: every operation answers 503 ``UNAVAILABLE`` with ``Retry-After`` (or a 4xx
  found before the database is needed: a bad body, a missing token), never 500; the process
  stays live (``/health/live``) and says it is not ready.
- Redis down (premium quotas, rate limits, cache invalidation): the premium endpoints and
  ``/hybrid/usage/me`` answer 503 with ``Retry-After``; rate-limited routes keep working (the
  limits fail open); the outage is logged once, not on every retry or request.

Both databases: the database is always an unreachable PostgreSQL address here, and the Redis
test stores its accounts in the run's database.
"""

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tests.fakes.log_capture import captured_events
from tests.integration.accounts import Client, MakeAccount, account_maker
from tests.integration.catalog.conftest import course_maker
from tests.support.ids import fixed_id
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.identity.domain.access import AccessGrant

pytestmark = pytest.mark.both_databases

UNREACHABLE_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:9/tutor"
UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"
NEEDS_NO_DATABASE = {
    "GET /health/live",
    "GET /metrics",
    "POST /api/v1/auth/logout",  # without a refresh token there is nothing to revoke: 204
}


@pytest.fixture
async def no_database() -> AsyncIterator[Client]:
    settings = make_settings(UNREACHABLE_DATABASE, redis_url="", job_backend="inprocess")
    app = create_app(settings, migrate_on_start=False)
    async with AsyncTestClient(app=app) as client:
        yield client


def admin_token(app: Litestar) -> str:
    """A valid administrator's token (signed with the app's key; the user cannot be looked
    up, which is the point)."""
    grant = AccessGrant(user_id=fixed_id(7), role="admin", plan="premium", token_version=0)
    return str(app.state.container.identity.token_issuer().issue(grant).token)


def concrete(template: str) -> str:
    while "{" in template:
        start, end = template.index("{"), template.index("}")
        template = template[:start] + str(fixed_id(1)) + template[end + 1 :]
    return template


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), concrete(path), operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


async def test_with_the_database_down_every_operation_is_503_never_500(
    no_database: Client,
) -> None:
    client = no_database
    document = (await client.get("/schema/openapi.json")).json()
    headers = {"Authorization": f"Bearer {admin_token(client.app)}"}
    failures, unavailable = [], 0
    for method, path, operation in operations(document):
        content = operation.get("requestBody", {}).get("content", {})
        kwargs: dict[str, Any] = {}
        if "application/json" in content:
            kwargs["json"] = {}
        response = await client.request(method, path, headers=headers, **kwargs)
        status = response.status_code
        if status == 503:
            unavailable += 1
            body = response.json()
            if body["error_code"] != "UNAVAILABLE" or response.headers.get("retry-after") != "5":
                failures.append(f"{method} {path}: {body} {response.headers}")
        elif f"{method} {path}" in NEEDS_NO_DATABASE:
            continue
        elif status >= 500 or status < 400:
            failures.append(f"{method} {path}: {status} {response.text[:200]}")
    assert not failures, "\n".join(failures)
    assert unavailable >= 60
    anonymous = await client.get("/api/v1/courses")
    assert anonymous.status_code == 503
    login = await client.post("/api/v1/auth/login", json={"login": "ann", "password": "x" * 12})
    assert login.status_code == 503
    assert (await client.get("/health/live")).status_code == 200
    assert (await client.get("/health/ready")).status_code == 503


def redis_down_settings(database_url: str) -> Settings:
    return make_settings(
        database_url,
        redis_url=UNREACHABLE_REDIS,
        job_backend="inprocess",
        rate_limit_enabled=True,
    )


FREE_TEXT = {
    "question": "What is a list?",
    "answer": "An ordered collection of items.",
    "rubric": {"keywords": ["ordered"]},
}


@pytest.fixture
def settings(database_url: str) -> Settings:
    return redis_down_settings(database_url)


async def test_with_redis_down_premium_features_are_503_and_the_rest_works(app: Litestar) -> None:
    with captured_events() as events:
        async with AsyncTestClient(app=app) as client:
            await redis_down_checks(client, app)
            await asyncio.sleep(2.5)  # the cache feeds retry Redis every second meanwhile
    down = [e for e in events if e["event"] == "dependency_down"]
    assert [e["dependency"] for e in down] == ["redis"]
    assert not [e for e in events if e["log_level"] == "error"]


async def redis_down_checks(client: Client, app: Litestar) -> None:
    make_account: MakeAccount = account_maker(client, app)
    member = await make_account("member", plan="premium")
    teacher = await make_account("teacher", role="instructor")
    course = await course_maker(client)(teacher, sections=1, lessons_per_section=2)
    lessons = course.lessons_by_section[0]
    premium = [
        ("POST", "/api/v1/hybrid/adaptive-learning", {"course_id": course.id}),
        ("POST", "/api/v1/hybrid/synthesis", {"course_id": course.id, "lesson_ids": lessons}),
        (
            "POST",
            "/api/v1/hybrid/mentor-session",
            {"goal": "Learn lists", "course_id": course.id},
        ),
        ("POST", "/api/v1/assessments/free-text", FREE_TEXT),
        ("GET", "/api/v1/hybrid/usage/me", None),
    ]
    for method, path, body in premium:
        response = await client.request(method, path, json=body, headers=member.headers)
        assert response.status_code == 503, (path, response.text)
        assert response.json()["error_code"] == "UNAVAILABLE"
        assert response.headers["retry-after"] == "5"
    login = {"login": "member", "password": "violet-tractor-lamp"}
    for _ in range(3):
        assert (await client.post("/api/v1/auth/login", json=login)).status_code == 200
    assert (await client.get("/api/v1/courses")).status_code == 200
    me = await client.get("/api/v1/users/me", headers=member.headers)
    assert me.status_code == 200
    assert UUID(me.json()["id"]) == UUID(member.id)

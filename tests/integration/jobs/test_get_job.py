"""``GET /api/v1/jobs/{id}``: the owner and admins see a job; everyone else gets 404."""

import asyncio
from functools import partial
from typing import Any
from uuid import UUID, uuid4

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.jobs.conftest import Caller
from tutor_platform.bootstrap.tasks import PURGE_EXPIRED_REFRESH_TOKENS

pytestmark = pytest.mark.both_databases

JOB_FIELDS = {"id", "kind", "status", "progress", "result", "error", "created_at", "finished_at"}


async def enqueue_for(client: AsyncTestClient[Litestar], owner: Caller) -> UUID:
    """Enqueue a job as another endpoint would (in the app's event loop)."""
    queue = client.app.state.container.job_queue()
    enqueue = partial(queue.enqueue, PURGE_EXPIRED_REFRESH_TOKENS, {}, owner_id=owner.user_id)
    record = await asyncio.wrap_future(client.blocking_portal.start_task_soon(enqueue))
    return UUID(str(record.id))


async def get_job(client: AsyncTestClient[Litestar], job_id: object, caller: Caller | None) -> Any:
    headers = caller.headers if caller else {}
    return await client.get(f"/api/v1/jobs/{job_id}", headers=headers)


async def test_the_owner_sees_the_job(client: AsyncTestClient[Litestar], owner: Caller) -> None:
    job_id = await enqueue_for(client, owner)

    response = await get_job(client, job_id, owner)

    assert response.status_code == 200
    body = response.json()
    assert set(body) <= JOB_FIELDS
    assert body["id"] == str(job_id)
    assert body["kind"] == PURGE_EXPIRED_REFRESH_TOKENS
    assert body["status"] in {"queued", "running", "succeeded"}
    assert body["created_at"].endswith("Z")


async def test_an_admin_sees_anyones_job(
    client: AsyncTestClient[Litestar], owner: Caller, admin: Caller
) -> None:
    job_id = await enqueue_for(client, owner)

    response = await get_job(client, job_id, admin)

    assert response.status_code == 200
    assert response.json()["id"] == str(job_id)


async def test_another_user_gets_404_as_if_it_did_not_exist(
    client: AsyncTestClient[Litestar], owner: Caller, stranger: Caller
) -> None:
    job_id = await enqueue_for(client, owner)

    theirs = await get_job(client, job_id, stranger)
    unknown = await get_job(client, uuid4(), stranger)

    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["error_code"] == unknown.json()["error_code"] == "NOT_FOUND"
    assert theirs.json()["detail"] == unknown.json()["detail"]


async def test_anonymous_callers_get_401(client: AsyncTestClient[Litestar], owner: Caller) -> None:
    job_id = await enqueue_for(client, owner)

    response = await get_job(client, job_id, None)

    assert response.status_code == 401
    assert response.json()["error_code"] == "UNAUTHENTICATED"


async def test_a_bad_token_gets_401(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get(
        f"/api/v1/jobs/{uuid4()}", headers={"Authorization": "Bearer not-a-token"}
    )

    assert response.status_code == 401


async def test_an_unknown_job_is_404_even_for_an_admin(
    client: AsyncTestClient[Litestar], admin: Caller
) -> None:
    response = await get_job(client, uuid4(), admin)

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", "0" * 40, "%00"])
async def test_a_malformed_id_is_a_client_error(
    client: AsyncTestClient[Litestar], owner: Caller, bad_id: str
) -> None:
    response = await get_job(client, bad_id, owner)

    assert 400 <= response.status_code < 500
    assert "error_code" in response.json()


async def test_the_owner_follows_the_job_to_its_outcome(
    client: AsyncTestClient[Litestar], owner: Caller, job_worker: None
) -> None:
    job_id = await enqueue_for(client, owner)

    body: dict[str, Any] = {}
    for _ in range(200):
        body = (await get_job(client, job_id, owner)).json()
        if body["status"] == "succeeded":
            break
        await asyncio.sleep(0.05)

    assert body["status"] == "succeeded"
    assert body["result"] == {"purged": 0}
    assert body["progress"] == 1.0
    assert body["finished_at"].endswith("Z")
    assert "error" not in body


async def test_the_operation_is_documented_as_protected(
    client: AsyncTestClient[Litestar],
) -> None:
    document = (await client.get("/schema/openapi.json")).json()

    operation = document["paths"]["/api/v1/jobs/{job_id}"]["get"]

    assert operation["security"] == [{"BearerToken": []}]
    assert {"200", "401", "404"} <= set(operation["responses"])

"""Jobs over HTTP: real users from /auth/register and /auth/login, jobs on this run's queue."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tests.contract.job_queue.support import (
    container_with,
    delete_queue_keys,
    start_worker,
    stop_worker,
)
from tutor_platform.bootstrap.settings import Settings

ADMIN_EMAIL = "chief@example.com"
ADMIN_PASSWORD = "stapler-orbit-quantum-9"
PASSWORD = "lantern-velvet-harbor-27"


@dataclass(frozen=True)
class Caller:
    user_id: UUID
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def queue_name(run_id: str) -> str:
    return f"{run_id}-jobs-http"


@pytest.fixture
async def settings(database_url: str, queue_name: str) -> AsyncIterator[Settings]:
    settings = make_settings(
        database_url,
        job_queue_name=queue_name,
        first_admin_email=ADMIN_EMAIL,
        first_admin_password=ADMIN_PASSWORD,
        refresh_token_purge_interval_seconds=0,
    )
    yield settings
    if settings.uses_saq:
        await delete_queue_keys(queue_name)


async def log_in(client: AsyncTestClient[Litestar], login: str, password: str) -> str:
    response = await client.post("/api/v1/auth/login", json={"login": login, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def sign_up(client: AsyncTestClient[Litestar], username: str) -> Caller:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": f"{username}@example.com", "username": username, "password": PASSWORD},
    )
    assert response.status_code == 201, response.text
    return Caller(UUID(response.json()["id"]), await log_in(client, username, PASSWORD))


@pytest.fixture
async def owner(client: AsyncTestClient[Litestar]) -> Caller:
    return await sign_up(client, "owner")


@pytest.fixture
async def stranger(client: AsyncTestClient[Litestar]) -> Caller:
    return await sign_up(client, "stranger")


@pytest.fixture
async def admin(client: AsyncTestClient[Litestar]) -> Caller:
    token = await log_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    me = await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["role"] == "admin"
    return Caller(UUID(me.json()["id"]), token)


@pytest.fixture
async def job_worker(settings: Settings) -> AsyncIterator[None]:
    """Under SAQ, a real worker runs the jobs (in-process jobs need nothing more)."""
    if not settings.uses_saq:
        yield
        return
    worker = await start_worker(settings, container_with(settings))
    yield
    await stop_worker(worker)

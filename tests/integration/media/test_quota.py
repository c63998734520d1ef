"""The per-user storage quota, over HTTP and under concurrent uploads on the real database."""

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from uuid import UUID

import pytest

from tests.integration.accounts import assert_error, in_app_loop
from tests.integration.media.conftest import FILES, CustomApp, Rows, post_file
from tests.unit.media import samples
from tutor_platform.media.application.upload_file import UploadFile
from tutor_platform.media.domain.errors import StorageQuotaExceeded

pytestmark = pytest.mark.both_databases

QUOTA = 50_000


async def test_over_quota_is_413_and_deleted_files_count_until_purged(
    custom_app: CustomApp, rows: Rows
) -> None:
    async with custom_app(storage_quota_bytes_per_user=QUOTA) as (client, make_account):
        owner = await make_account("owner")
        other = await make_account("other")
        admin = await make_account("chief", role="admin")
        first = (await post_file(client, owner, samples.text(20_000))).json()
        second = (await post_file(client, owner, samples.text(20_000))).json()
        used = first["size"] + second["size"]

        response = await post_file(client, owner, samples.text(QUOTA - used + 1_000))
        body = assert_error(response, 413, "PAYLOAD_TOO_LARGE")
        assert "quota" in body["detail"]
        assert str(QUOTA) in body["detail"]
        assert (await post_file(client, other, samples.text(20_000))).status_code == 201

        await client.delete(f"{FILES}/{first['id']}", headers=owner.headers)
        response = await post_file(client, owner, samples.text(QUOTA - used + 1_000))
        assert_error(response, 413, "PAYLOAD_TOO_LARGE")

        purge = await client.delete(f"{FILES}/{first['id']}/permanent", headers=admin.headers)
        assert purge.status_code == 204
        assert (
            await post_file(client, owner, samples.text(QUOTA - used + 1_000))
        ).status_code == 201
    _, uploads = await rows()
    assert uploads == []


@dataclass
class HeldUpload:
    """An upload announcing ``size`` bytes that sends them once ``go`` is set; it calls
    ``passed`` when it got past its quota check."""

    size: int
    go: asyncio.Event
    passed: Callable[[], None]
    filename: str = "held.txt"

    @property
    def declared_size(self) -> int:
        return self.size

    async def chunks(self) -> AsyncIterator[bytes]:
        self.passed()
        await self.go.wait()
        yield b"a" * self.size

    async def fields(self) -> Mapping[str, str]:
        return {}


async def race(upload_file: UploadFile, owner_id: UUID, uploads: int, size: int) -> list[object]:
    """Start every upload at once; let bytes flow once each has passed or failed its check."""
    go, all_checked = asyncio.Event(), asyncio.Event()
    checked = 0

    def one_checked() -> None:
        nonlocal checked
        checked += 1
        if checked == uploads:
            all_checked.set()

    async def attempt() -> object:
        try:
            return await upload_file.execute(owner_id, HeldUpload(size, go, one_checked))
        except StorageQuotaExceeded as refused:
            one_checked()
            return refused

    tasks = [asyncio.create_task(attempt()) for _ in range(uploads)]
    await all_checked.wait()
    go.set()
    return list(await asyncio.gather(*tasks, return_exceptions=True))


async def test_concurrent_uploads_cannot_overrun_the_quota(custom_app: CustomApp) -> None:
    async with custom_app(storage_quota_bytes_per_user=QUOTA, database_pool_size=12) as (
        client,
        make_account,
    ):
        owner = await make_account("owner")
        upload_file: UploadFile = client.app.state.container.media.upload_file()
        outcomes = in_app_loop(client, lambda: race(upload_file, UUID(owner.id), 8, 10_000))
        refused = [o for o in outcomes if isinstance(o, StorageQuotaExceeded)]
        assert (len(outcomes) - len(refused), len(refused)) == (5, 3), outcomes
        listed = (await client.get(FILES, headers=owner.headers)).json()
        assert [item["size"] for item in listed["items"]] == [10_000] * 5

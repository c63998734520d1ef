"""HTTP tests of files: an app per test whose storage is a fresh directory."""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import empty_storage_dir, make_settings
from tests.contract.file_storage.moto_s3 import moto_server
from tests.integration.accounts import Account, Client, MakeAccount, account_maker
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow, FileUploadRow

FILES = "/api/v1/files"
Upload = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def storage_dir() -> Path:
    """Empty at the start of every test."""
    return empty_storage_dir("media-files")


@pytest.fixture
def settings(database_url: str, storage_dir: Path) -> Settings:
    return make_settings(database_url, storage_dir=str(storage_dir))


def stored_files(storage_dir: Path) -> list[Path]:
    """Every object the local storage holds (temporary files included)."""
    return sorted(p for p in storage_dir.rglob("*") if p.is_file()) if storage_dir.exists() else []


@pytest.fixture
def upload(client: Client) -> Upload:
    """``await upload(account, data, "name.txt", visibility="public")`` posts one file."""

    async def post(
        account: Account | None, data: bytes, *args: Any, **options: Any
    ) -> httpx.Response:
        return await post_file(client, account, data, *args, **options)

    return post


@pytest.fixture
def uploaded(upload: Upload) -> Callable[..., Awaitable[dict[str, Any]]]:
    """Upload and return the created file's body (asserting 201)."""

    async def make(account: Account, data: bytes = b"hello", **options: Any) -> dict[str, Any]:
        response = await upload(account, data, **options)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


CustomApp = Callable[..., AbstractAsyncContextManager[tuple[Client, MakeAccount]]]


@pytest.fixture
def custom_app(database_url: str, storage_dir: Path, clean_db: None) -> CustomApp:
    """``async with custom_app(upload_max_bytes=...) as (client, make_account)``: an app with
    other settings (same database and storage directory)."""

    @asynccontextmanager
    async def run(**overrides: Any) -> AsyncIterator[tuple[Client, MakeAccount]]:
        values: dict[str, Any] = {"storage_dir": str(storage_dir), **overrides}
        app: Litestar = create_app(make_settings(database_url, **values), migrate_on_start=False)
        async with AsyncTestClient(app=app) as client:
            yield client, account_maker(client, app)

    return run


async def post_file(
    client: Client,
    account: Account | None,
    data: bytes,
    filename: str = "notes.txt",
    visibility: str | None = None,
    **fields: str,
) -> httpx.Response:
    """Post one file as a browser form would."""
    form: dict[str, Any] = dict(fields)
    if visibility is not None:
        form["visibility"] = visibility
    return await client.post(
        FILES,
        files={"file": (filename, data, "application/octet-stream")},
        data=form,
        headers=account.headers if account else {},
    )


Rows = Callable[[], Awaitable[tuple[list[Any], list[Any]]]]


@pytest.fixture
def rows(db_engine: AsyncEngine) -> Rows:
    """The stored file records and upload reservations, to prove what a request left."""

    async def take() -> tuple[list[Any], list[Any]]:
        async with db_engine.connect() as connection:
            files = (await connection.execute(select(FileRow.__table__))).all()
            uploads = (await connection.execute(select(FileUploadRow.__table__))).all()
        return list(files), list(uploads)

    return take


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible server (moto) on 127.0.0.1 for this test session."""
    with moto_server() as endpoint:
        yield endpoint

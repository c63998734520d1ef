"""A 30 MB upload goes through the app with little memory: the file is never held whole.

The request is driven straight through the ASGI interface (the test client would hold the
whole body itself), from a body made on the fly out of one reused 64 KiB block, so every
byte traced by tracemalloc during the request is the application's.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too.
"""

import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from litestar import Litestar

from tests.integration.accounts import Account, in_app_loop
from tests.integration.media.conftest import FILES, CustomApp, stored_files
from tests.unit.media.adapters.multipart_bodies import BOUNDARY, CONTENT_TYPE, file_part

MiB = 1024 * 1024
FILE_SIZE = 30 * MiB
MEMORY_BOUND = 15 * MiB
BLOCK = (b"0123456789 streamed text, line after line.\n" * 1600)[: 64 * 1024]


async def body() -> AsyncIterator[bytes]:
    yield file_part(b"", "big.txt").head()
    for _ in range(FILE_SIZE // len(BLOCK)):
        yield BLOCK
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def body_size() -> int:
    head = len(file_part(b"", "big.txt").head())
    return head + FILE_SIZE + len(f"\r\n--{BOUNDARY}--\r\n")


async def post_streamed(app: Litestar, account: Account) -> tuple[int, bytes, int]:
    """POST the body chunk by chunk; the status, the response body and the traced peak."""
    chunks = body()
    response: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        chunk = await anext(chunks, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            response["status"] = message["status"]
        elif message["type"] == "http.response.body":
            response["body"] += message.get("body", b"")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": FILES,
        "raw_path": FILES.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"authorization", f"Bearer {account.access_token}".encode()),
            (b"content-type", CONTENT_TYPE.encode()),
            (b"content-length", str(body_size()).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        await app(scope, receive, send)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response["status"], response["body"], peak - baseline


async def test_a_30_mb_upload_stays_within_a_small_memory_bound(
    custom_app: CustomApp, storage_dir: Path
) -> None:
    async with custom_app(upload_max_bytes=40 * MiB) as (client, make_account):
        owner = await make_account("owner")
        status, body_bytes, growth = in_app_loop(client, lambda: post_streamed(client.app, owner))
        assert status == 201, body_bytes
        assert growth < MEMORY_BOUND, f"peak traced memory grew by {growth / MiB:.1f} MiB"
        listed = (await client.get(FILES, headers=owner.headers)).json()
    assert [(f["size"], f["content_type"]) for f in listed["items"]] == [(FILE_SIZE, "text/plain")]
    assert [path.stat().st_size for path in stored_files(storage_dir)] == [FILE_SIZE]

"""/mcp over a real socket: the whole app served by uvicorn (its lifespan running the SDK's
session manager), the SDK's client over httpx2 on TCP, and a second API process's worth of
statelessness (each request stands alone: no session id is needed or kept).

Runs in the SQLite pass only (see test_mcp_tools.py)."""

from collections.abc import Iterator

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from tests.fakes.asgi import serve_asgi
from tests.integration.accounts import PASSWORD
from tests.integration.catalog.conftest import API
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture
def served(settings: Settings, clean_db: None) -> Iterator[str]:
    app = create_app(settings, migrate_on_start=False)
    with serve_asgi(app, lifespan="on") as base:
        yield base


async def _token(base: str) -> str:
    async with httpx.AsyncClient(base_url=base) as http:
        user = {"email": "sock@example.com", "username": "sock", "password": PASSWORD}
        assert (await http.post(f"{API}/auth/register", json=user)).status_code == 201
        login = await http.post(f"{API}/auth/login", json={"login": "sock", "password": PASSWORD})
        token: str = login.json()["access_token"]
        return token


async def test_the_sdk_client_over_tcp_lists_and_calls_tools(served: str) -> None:
    token = await _token(served)
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"})
    async with http, Client(streamable_http_client(f"{served}/mcp", http_client=http)) as mcp:
        names = {tool.name for tool in (await mcp.list_tools()).tools}
        assert {"search_courses", "get_progress", "ask_tutor"} <= names
        result = await mcp.call_tool("get_progress", {})
        assert not result.is_error
        assert result.structured_content == {"items": []}
        missing = await mcp.call_tool(
            "get_course", {"course_id": "0" * 8 + "-0000-7000-8000-" + "0" * 12}
        )
        assert missing.is_error
        assert missing.structured_content is not None
        assert missing.structured_content["error_code"] == "NOT_FOUND"

    async with httpx.AsyncClient() as raw:
        anonymous = await raw.post(
            f"{served}/mcp",
            json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}},
            headers={"Accept": "application/json, text/event-stream"},
        )
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    assert anonymous.json()["error_code"] == "UNAUTHENTICATED"

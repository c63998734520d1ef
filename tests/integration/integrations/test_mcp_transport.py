"""/mcp as an HTTP endpoint: bearer tokens checked like every REST route's (401 in the common
error body with ``WWW-Authenticate``; a deactivated user or a revoked token fails at once),
the allowed hosts and origins of the deployment, and a real socket.

Runs in the SQLite pass only (see test_mcp_tools.py)."""

import httpx
import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API

LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
MCP_HEADERS = {"Accept": "application/json, text/event-stream"}


async def _post(client: Client, token: str | None, **headers: str) -> httpx.Response:
    auth = {} if token is None else {"Authorization": f"Bearer {token}"}
    return await client.post("/mcp", json=LIST_TOOLS, headers={**MCP_HEADERS, **auth, **headers})


@pytest.mark.parametrize("token", [None, "not-a-token"])
async def test_without_a_valid_token_it_is_401_with_www_authenticate(
    client: Client, token: str | None
) -> None:
    response = await _post(client, token)
    body = assert_error(response, 401, "UNAUTHENTICATED")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "token" in body["detail"]


async def test_a_valid_token_lists_the_tools_over_plain_json(
    client: Client, make_account: MakeAccount
) -> None:
    learner = await make_account("lena")
    response = await _post(client, learner.access_token)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    names = {tool["name"] for tool in response.json()["result"]["tools"]}
    assert {"search_courses", "ask_tutor"} <= names


async def test_a_deactivated_user_or_a_changed_password_fails_at_once(
    client: Client, make_account: MakeAccount, admin: Account
) -> None:
    gone, changed = await make_account("gone"), await make_account("changed")
    assert (await _post(client, gone.access_token)).status_code == 200
    deleted = await client.delete(f"{API}/users/{gone.id}", headers=admin.headers)
    assert deleted.status_code == 204
    assert_error(await _post(client, gone.access_token), 401, "UNAUTHENTICATED")

    assert (await _post(client, changed.access_token)).status_code == 200
    new_password = {
        "current_password": "violet-tractor-lamp",
        "new_password": "amber-kettle-orbit-9",
    }
    moved = await client.post(
        f"{API}/users/me/password", json=new_password, headers=changed.headers
    )
    assert moved.status_code == 204
    assert_error(await _post(client, changed.access_token), 401, "UNAUTHENTICATED")

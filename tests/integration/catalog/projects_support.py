"""Helpers of the /projects HTTP tests: create, read and list projects as a caller."""

from typing import Any

from tests.integration.accounts import Account, Client
from tests.integration.catalog.conftest import API

UNKNOWN = "0190f0f0-0000-7000-8000-000000000000"


async def create_project(client: Client, author: Account, **fields: Any) -> dict[str, Any]:
    response = await client.post(
        f"{API}/projects", json={"title": "Portfolio", **fields}, headers=author.headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def read_project(client: Client, project_id: str, caller: Account) -> dict[str, Any]:
    response = await client.get(f"{API}/projects/{project_id}", headers=caller.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def listed(client: Client, caller: Account | None = None, **params: Any) -> dict[str, Any]:
    headers = caller.headers if caller else {}
    response = await client.get(f"{API}/projects", params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def titles(body: dict[str, Any]) -> list[str]:
    return [item["title"] for item in body["items"]]

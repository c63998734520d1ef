"""Without GOOGLE_CLIENT_ID every Drive route (and the MCP Drive tool) answers 503
"Google Drive is not configured".

Runs in the SQLite pass only: nothing here reaches the database."""

from tests.integration.accounts import Client, MakeAccount, assert_error
from tests.integration.integrations.drive_support import DRIVE
from tests.integration.integrations.mcp_support import call_tool, tool_error


async def test_every_drive_route_is_503_without_a_client_id(
    client: Client, make_account: MakeAccount
) -> None:
    ann = await make_account("ann")
    for method, path in [
        ("GET", f"{DRIVE}/authorize"),
        ("GET", f"{DRIVE}/callback?state=s&code=c"),
        ("GET", DRIVE),
        ("GET", f"{DRIVE}/files"),
        ("DELETE", DRIVE),
    ]:
        response = await client.request(method, path, headers=ann.headers)
        body = assert_error(response, 503, "UNAVAILABLE")
        assert body["detail"] == "Google Drive is not configured."
    imported = await client.post(
        f"{DRIVE}/files/abc/import", json={"as": "file"}, headers=ann.headers
    )
    assert_error(imported, 503, "UNAVAILABLE")
    tool_error(call_tool(client, ann, "list_drive_files", {}), "UNAVAILABLE")

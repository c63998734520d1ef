"""Files in the OpenAPI document: the multipart upload, the download, security, errors.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

from tests.integration.accounts import Client

OPERATIONS = {
    ("post", "/api/v1/files"): {"201", "401", "413", "415", "422", "502"},
    ("get", "/api/v1/files"): {"200", "401", "422"},
    ("get", "/api/v1/files/{file_id}"): {"200", "401", "404"},
    ("get", "/api/v1/files/{file_id}/content"): {"200", "206", "304", "404", "416", "502"},
    ("patch", "/api/v1/files/{file_id}"): {"200", "401", "403", "404", "409", "422"},
    ("delete", "/api/v1/files/{file_id}"): {"204", "401", "403", "404"},
    ("post", "/api/v1/files/{file_id}/restore"): {"200", "401", "403", "404"},
    ("delete", "/api/v1/files/{file_id}/permanent"): {"204", "401", "403", "404", "502"},
}
OPTIONAL_TOKEN = {("get", "/api/v1/files/{file_id}"), ("get", "/api/v1/files/{file_id}/content")}


async def document(client: Client) -> dict[str, Any]:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_every_file_operation_is_documented_with_its_errors(client: Client) -> None:
    paths = (await document(client))["paths"]
    for (method, path), statuses in OPERATIONS.items():
        operation = paths[path][method]
        assert operation.get("description"), (method, path)
        assert statuses <= set(operation["responses"]), (method, path)
        security = operation["security"]
        assert {"BearerToken": []} in security
        assert ({} in security) == ((method, path) in OPTIONAL_TOKEN), (method, path)


async def test_upload_takes_a_multipart_form(client: Client) -> None:
    operation = (await document(client))["paths"]["/api/v1/files"]["post"]
    form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert operation["requestBody"]["required"] is True
    assert form["required"] == ["file"]
    assert form["properties"]["file"] == {
        "type": "string",
        "format": "binary",
        "description": "The file; its type is detected from its bytes.",
    }
    assert form["properties"]["visibility"]["enum"] == ["private", "public"]


async def test_download_documents_ranges(client: Client) -> None:
    operation = (await document(client))["paths"]["/api/v1/files/{file_id}/content"]["get"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert headers == {"Range", "If-Range", "If-None-Match"}
    partial = operation["responses"]["206"]
    assert "Content-Range" in partial["headers"]
    assert partial["content"]["*/*"]["schema"] == {"type": "string", "format": "binary"}
    error = operation["responses"]["416"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/ErrorBody"}

"""Identity in the OpenAPI document: every operation, its bodies, bearer security, errors.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

from tests.integration.identity.conftest import Client

PUBLIC = {
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/token"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/logout"),
}
PROTECTED = {
    ("post", "/api/v1/auth/logout-all"),
    ("get", "/api/v1/users/me"),
    ("patch", "/api/v1/users/me"),
    ("post", "/api/v1/users/me/password"),
    ("get", "/api/v1/users/me/subscription"),
    ("get", "/api/v1/users"),
    ("post", "/api/v1/users"),
    ("get", "/api/v1/users/{user_id}"),
    ("patch", "/api/v1/users/{user_id}"),
    ("delete", "/api/v1/users/{user_id}"),
    ("put", "/api/v1/users/{user_id}/subscription"),
}


async def _document(client: Client) -> dict[str, Any]:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


async def test_every_identity_operation_is_documented(client: Client) -> None:
    paths = (await _document(client))["paths"]
    for method, path in PUBLIC | PROTECTED:
        operation = paths[path][method]
        assert operation.get("summary") or operation.get("description"), (method, path)
        success = [code for code in operation["responses"] if code.startswith("2")]
        assert success, (method, path)
        assert any(code.startswith("4") for code in operation["responses"]), (method, path)


async def test_protected_operations_declare_bearer_security(client: Client) -> None:
    paths = (await _document(client))["paths"]
    for method, path in PROTECTED:
        assert {"BearerToken": []} in paths[path][method].get("security", []), (method, path)
        assert "401" in paths[path][method]["responses"], (method, path)
    for method, path in PUBLIC:
        assert not paths[path][method].get("security"), (method, path)


async def test_bodies_are_schemas(client: Client) -> None:
    document = await _document(client)
    schemas = document["components"]["schemas"]
    for name in (
        "RegisterRequest",
        "LoginRequest",
        "TokenResponse",
        "UserResponse",
        "UserListResponse",
        "SubscriptionResponse",
        "ProfilePatch",
        "UserPatch",
        "PasswordChangeRequest",
        "SubscriptionRequest",
        "CreateUserRequest",
    ):
        assert name in schemas, name
    assert "password_hash" not in str(schemas["UserResponse"])
    token = document["paths"]["/api/v1/auth/token"]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in token
    scheme = document["components"]["securitySchemes"]["BearerToken"]
    assert scheme["flows"]["password"]["tokenUrl"] == "/api/v1/auth/token"

"""One rule for text input, swept over every operation of ``/schema/openapi.json``.

Every text field of every JSON or form body, and every text query parameter, is sent with a
NUL (U+0000): 422 naming the field, except search queries (``?q=``), where it is removed.
Every text field of every JSON body is also sent far longer than any limit (422 naming it
where the schema gives a ``maxLength``, never a 5xx). Every JSON body is also sent as invalid
UTF-8, with a lone surrogate escape, nested too deep and too large (a 4xx, and no error or
traceback in the log), and with a number sent as a string under a ``+json`` media type.
Each row goes through an administrator's token, so the request passes authentication and
role checks.

Both databases: a NUL that slipped past the edge is a 500 on PostgreSQL only, and the search
queries run their SQL here.
"""

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from tests.fakes.log_capture import rendered_logs
from tests.integration.accounts import Account, Client, MakeAccount
from tests.support.ids import fixed_id

pytestmark = pytest.mark.both_databases

NUL_TEXT = "a\u0000b"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
Operation = tuple[str, str, dict[str, Any]]


@pytest.fixture
def client(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def admin(shared_make_account: MakeAccount) -> Account:
    return await shared_make_account("sweeper", role="admin")


@pytest.fixture(scope="module")
async def document(shared_client: Client) -> dict[str, Any]:
    response = await shared_client.get("/schema/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    """``(METHOD, concrete path, operation)`` with every path parameter set to a fixed id."""
    for template, item in document["paths"].items():
        path = template
        while "{" in path:
            start, end = path.index("{"), path.index("}")
            path = path[:start] + str(fixed_id(1)) + path[end + 1 :]
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), path, operation


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _variants(document: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    schema = _resolve(document, schema)
    branches = schema.get("oneOf") or schema.get("anyOf")
    if branches:
        return [v for branch in branches for v in _variants(document, branch)]
    return [schema]


def text_fields(
    document: dict[str, Any], schema: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """The paths of every string in a request body schema (arrays: their first item)."""
    if len(path) > 8:
        return
    for variant in _variants(document, schema):
        kind = variant.get("type")
        if kind == "string" and path:
            yield path
        elif kind == "object":
            for name, child in variant.get("properties", {}).items():
                yield from text_fields(document, child, (*path, name))
        elif kind == "array" and "items" in variant:
            yield from text_fields(document, variant["items"], (*path, 0))


def body_with(path: tuple[str | int, ...], value: object) -> object:
    """The smallest JSON value that holds ``value`` at ``path``."""
    for step in reversed(path):
        value = [value] if isinstance(step, int) else {step: value}
    return value


def field_name(path: tuple[str | int, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def body_schema(document: dict[str, Any], operation: dict[str, Any], media: str) -> Any:
    content = operation.get("requestBody", {}).get("content", {})
    return content[media]["schema"] if media in content else None


async def test_nul_in_every_body_text_field_is_422_naming_it(
    client: Client, admin: Account, document: dict[str, Any]
) -> None:
    failures, sent = [], 0
    for method, path, operation in operations(document):
        for media in (JSON, FORM):
            schema = body_schema(document, operation, media)
            if schema is None:
                continue
            for field in dict.fromkeys(text_fields(document, schema)):
                sent += 1
                headers = {**admin.headers, "Content-Type": media}
                if media == JSON:
                    content = json.dumps(body_with(field, NUL_TEXT)).encode()
                else:
                    content = f"{field[0]}={quote(NUL_TEXT)}".encode()
                response = await client.request(method, path, content=content, headers=headers)
                fields = [e["field"] for e in response.json().get("errors", [])]
                if response.status_code != 422 or field_name(field) not in fields:
                    failures.append(f"{method} {path} {field}: {response.status_code} {fields}")
    assert sent >= 100
    assert not failures, "\n".join(failures)


HUGE_TEXT = "a" * 300_000
"""Far over any field's limit, well under the request body's (1 MiB)."""


def string_schema(
    document: dict[str, Any], schema: dict[str, Any], path: tuple[str | int, ...]
) -> dict[str, Any]:
    """The string schema found at ``path`` of a body schema (the first that fits)."""
    for variant in _variants(document, schema):
        if not path and variant.get("type") == "string":
            return variant
        if path and isinstance(path[0], int) and variant.get("type") == "array":
            found = string_schema(document, variant["items"], path[1:])
        elif path and path[0] in variant.get("properties", {}):
            found = string_schema(document, variant["properties"][path[0]], path[1:])
        else:
            continue
        if found:
            return found
    return {}


async def test_a_huge_string_in_every_body_text_field_is_refused_never_a_500(
    client: Client, admin: Account, document: dict[str, Any]
) -> None:
    failures, bounded = [], 0
    for method, path, operation in operations(document):
        schema = body_schema(document, operation, JSON)
        if schema is None:
            continue
        for field in dict.fromkeys(text_fields(document, schema)):
            headers = {**admin.headers, "Content-Type": JSON}
            content = json.dumps(body_with(field, HUGE_TEXT)).encode()
            response = await client.request(method, path, content=content, headers=headers)
            body = response.json() if response.content else {}
            fields = [e["field"] for e in body.get("errors", [])]
            if "maxLength" in string_schema(document, schema, field):
                bounded += 1
                if response.status_code != 422 or field_name(field) not in fields:
                    failures.append(f"{method} {path} {field}: {response.status_code} {fields}")
            elif response.status_code >= 500:
                failures.append(f"{method} {path} {field}: {response.status_code}")
    assert bounded >= 50
    assert not failures, "\n".join(failures)


def json_operations(document: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    for method, path, operation in operations(document):
        schema = body_schema(document, operation, JSON)
        if schema is not None:
            yield method, path, schema


BAD_JSON: list[tuple[str, bytes, int, str]] = [
    ("invalid UTF-8", b'{"x": "caf\xe9"}', 400, "not valid UTF-8"),
    ("lone high surrogate", b'{"x": "\\ud800"}', 400, "lone UTF-16 surrogate"),
    ("lone low surrogate", b'{"x": "a\\udc00b"}', 400, "lone UTF-16 surrogate"),
    ("nested too deep", b'{"x": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400, ""),
    ("too large", b'{"x": "' + b"a" * (1024 * 1024 + 1) + b'"}', 413, ""),
]


@pytest.mark.parametrize(("label", "content", "status", "detail"), BAD_JSON, ids=lambda v: str(v))
async def test_bad_json_text_on_every_json_operation(
    client: Client,
    admin: Account,
    document: dict[str, Any],
    label: str,
    content: bytes,
    status: int,
    detail: str,
) -> None:
    failures = []
    with rendered_logs() as logs:
        for method, path, _ in json_operations(document):
            headers = {**admin.headers, "Content-Type": JSON}
            response = await client.request(method, path, content=content, headers=headers)
            body = response.json()
            wanted = status if label != "nested too deep" else (400, 422)
            ok = response.status_code in (wanted if isinstance(wanted, tuple) else (wanted,))
            if not ok or detail not in body["detail"] or "request_id" not in body:
                failures.append(f"{method} {path}: {response.status_code} {body['detail']}")
    assert not failures, "\n".join(failures)
    logged = [json.loads(line) for line in logs.getvalue().splitlines()]
    assert len(logged) >= len(list(json_operations(document)))  # an access line each
    assert [e for e in logged if e["level"] == "error" or "exception" in e] == []


def integer_fields(document: dict[str, Any], schema: Any) -> Iterator[str]:
    for variant in _variants(document, schema):
        for name, child in variant.get("properties", {}).items():
            if any(v.get("type") == "integer" for v in _variants(document, child)):
                yield name


async def test_plus_json_media_types_decode_as_strictly_as_json(
    client: Client, admin: Account, document: dict[str, Any]
) -> None:
    failures, sent = [], 0
    for method, path, schema in json_operations(document):
        for field in dict.fromkeys(integer_fields(document, schema)):
            sent += 1
            answers = []
            for media in (JSON, "application/merge-patch+json", "application/vnd.api+json"):
                headers = {**admin.headers, "Content-Type": media}
                response = await client.request(method, path, json={field: "5"}, headers=headers)
                errors = response.json().get("errors", [])
                answers.append((response.status_code, [e["field"] for e in errors]))
            if answers[1] != answers[0] or answers[2] != answers[0] or answers[0][0] != 422:
                failures.append(f"{method} {path} {field}: {answers}")
    assert sent >= 5
    assert not failures, "\n".join(failures)


def text_query_parameters(document: dict[str, Any], operation: dict[str, Any]) -> Iterator[str]:
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        variants = _variants(document, parameter.get("schema", {}))
        if any(v.get("type") == "string" and "format" not in v for v in variants):
            yield parameter["name"]


async def test_nul_in_query_text_is_422_except_in_search_queries(
    client: Client, admin: Account, document: dict[str, Any]
) -> None:
    failures, searches = [], 0
    for method, path, operation in operations(document):
        for name in text_query_parameters(document, operation):
            url = f"{path}?{name}={quote(NUL_TEXT)}"
            response = await client.request(method, url, headers=admin.headers)
            if name == "q":
                # A search drops the NUL: it answers as the same search without it does.
                searches += 1
                plain = await client.request(
                    method,
                    f"{path}?{name}={quote(NUL_TEXT.replace(chr(0), ''))}",
                    headers=admin.headers,
                )
                if response.status_code != plain.status_code:
                    failures.append(f"{method} {url}: {response.status_code} {response.text}")
                continue
            fields = [e["field"] for e in response.json().get("errors", [])]
            if response.status_code != 422 or name not in fields:
                failures.append(f"{method} {url}: {response.status_code} {fields}")
    assert searches >= 5
    assert not failures, "\n".join(failures)


async def test_a_search_finds_the_same_with_and_without_nul(client: Client, admin: Account) -> None:
    for path in ("/api/v1/users", "/api/v1/sessions", "/api/v1/courses", "/api/v1/files"):
        plain = await client.get(f"{path}?q=sweeper", headers=admin.headers)
        with_nul = await client.get(f"{path}?q=swee%00per", headers=admin.headers)
        assert with_nul.status_code == plain.status_code == 200
        assert with_nul.json()["total"] == plain.json()["total"]
    found = await client.get("/api/v1/users?q=swee%00per", headers=admin.headers)
    assert [user["username"] for user in found.json()["items"]] == ["sweeper"]


async def test_invalid_utf8_in_a_query_string_is_400(client: Client, admin: Account) -> None:
    response = await client.get("/api/v1/courses?q=caf%E9", headers=admin.headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "The query string is not valid UTF-8."

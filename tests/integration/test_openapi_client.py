"""The OpenAPI document is good enough to generate a typed client from (SPEC 0): short unique
camelCase operation ids, a tag per context, readable unique component names, the security
each operation's authentication implies, one usable scheme, optional bodies where the server
needs none, always-present fields required, an ``error_code`` enum, typed unions for the SSE
events and job results, and no random example strings. ``scripts/client-check`` generates
and runs a TypeScript client from it and lints it with Redocly CLI.

Runs in the SQLite pass only: the document does not depend on the database."""

import re
from collections.abc import Iterator
from typing import Any, get_args

import msgspec
import pytest
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from tutor_platform.bootstrap.jobs import JOB_KINDS
from tutor_platform.shared.errors import ErrorCode
from tutor_platform.shared.http.auth import require_admin, require_instructor
from tutor_platform.shared.http.errors import STATUS_BY_CODE, ErrorBody

Document = dict[str, Any]
METHODS = ("get", "put", "post", "patch", "delete")
CAMEL_CASE = re.compile(r"^[a-z]+(?:[A-Z][a-z0-9]*)*$")
COMPONENT_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
BEARER = [{"BearerToken": []}]
OPTIONAL_BEARER = [{}, {"BearerToken": []}]


def struct_classes(base: type[msgspec.Struct] = msgspec.Struct) -> Iterator[type[msgspec.Struct]]:
    for subclass in base.__subclasses__():
        if subclass.__module__.startswith("tutor_platform."):
            yield subclass
        yield from struct_classes(subclass)


def omitting_defaults() -> set[str]:
    """Structs written with ``omit_defaults``: their optional fields are left out until set."""
    return {cls.__name__ for cls in struct_classes() if cls.__struct_config__.omit_defaults}


@pytest.fixture
async def document(client: AsyncTestClient[Litestar]) -> Document:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    body: Document = response.json()
    return body


def operations(document: Document) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def uses(handler: HTTPRouteHandler, name: str) -> bool:
    """Whether the handler or a dependency it uses (at any depth) takes ``name``."""
    dependencies = handler.resolve_dependencies()
    pending, seen = [handler.parsed_fn_signature], set()
    while pending:
        for parameter in pending.pop().parameters:
            if parameter == name:
                return True
            if parameter in dependencies and parameter not in seen:
                seen.add(parameter)
                pending.append(dependencies[parameter].parsed_fn_signature)
    return False


def api_handlers(app: Litestar) -> Iterator[tuple[str, str, HTTPRouteHandler]]:
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                if handler.resolve_include_in_schema():
                    for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                        yield method.lower(), route.path_format, handler


async def test_operation_ids_are_unique_short_camel_case(document: Document) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not CAMEL_CASE.match(i) or len(i) > 30] == []
    by_id = {op["operationId"]: (method, path) for method, path, op in operations(document)}
    assert by_id["listCourses"] == ("get", "/api/v1/courses")
    assert by_id["getLesson"] == ("get", "/api/v1/lessons/{lesson_id}")
    assert by_id["getNextLesson"] == ("get", "/api/v1/lessons/{lesson_id}/next")
    assert by_id["sendMessage"] == ("post", "/api/v1/sessions/{session_id}/messages")
    assert by_id["streamMessage"] == ("post", "/api/v1/sessions/{session_id}/messages/stream")
    assert by_id["getJob"] == ("get", "/api/v1/jobs/{job_id}")


async def test_every_operation_has_a_summary_and_its_contexts_tag(document: Document) -> None:
    declared = [tag["name"] for tag in document["tags"]]
    assert declared == [
        "Identity",
        "Learning",
        "Tutoring",
        "Assessment",
        "Media",
        "Integrations",
        "Jobs",
        "Operations",
    ]
    used = set()
    for method, path, operation in operations(document):
        assert operation["summary"], (method, path)
        assert len(operation["tags"]) == 1, (method, path)
        used.add(operation["tags"][0])
    assert used == set(declared)
    tag_of = {path: op["tags"][0] for _, path, op in operations(document)}
    assert tag_of["/api/v1/auth/login"] == "Identity"
    assert tag_of["/api/v1/lessons/{lesson_id}/summaries"] == "Media"
    assert tag_of["/api/v1/courses/{course_id}/quizzes"] == "Assessment"
    assert tag_of["/api/v1/sessions"] == "Tutoring"


async def test_component_names_are_readable_and_unique(document: Document) -> None:
    names = list(document["components"]["schemas"])
    assert [name for name in names if not COMPONENT_NAME.match(name)] == []
    assert "LessonResponse" in names
    assert "SynthesisLessonResponse" in names


async def test_security_follows_the_authentication_of_each_operation(
    app: Litestar, document: Document
) -> None:
    optional, protected, public = [], [], []
    for method, path, handler in api_handlers(app):
        guarded = {require_admin, require_instructor} & set(handler.resolve_guards())
        # A dependency of its own (``current_user``) may authenticate; the handler says so.
        declared = any(layer.security for layer in handler.ownership_layers)
        optional_token = uses(handler, "optional_principal")
        if uses(handler, "principal") or guarded or (declared and not optional_token):
            protected.append((method, path))
        elif optional_token:
            optional.append((method, path))
        else:
            public.append((method, path))
    security = {(m, p): op.get("security") for m, p, op in operations(document)}
    assert [key for key in optional if security[key] != OPTIONAL_BEARER] == []
    assert [key for key in protected if security[key] != BEARER] == []
    assert [key for key in public if security[key] != []] == []
    for read in [
        ("get", "/api/v1/courses"),
        ("get", "/api/v1/courses/{course_id}"),
        ("get", "/api/v1/lessons/{lesson_id}"),
        ("get", "/api/v1/lessons/{lesson_id}/next"),
        ("get", "/api/v1/lessons/{lesson_id}/previous"),
        ("get", "/api/v1/tutors"),
        ("get", "/api/v1/tutors/{tutor_id}"),
    ]:
        assert read in optional, read
    assert ("post", "/api/v1/auth/login") in public


async def test_the_one_scheme_is_the_oauth2_password_flow_of_the_token_operation(
    document: Document,
) -> None:
    schemes = document["components"]["securitySchemes"]
    assert list(schemes) == ["BearerToken"]
    token_url = schemes["BearerToken"]["flows"]["password"]["tokenUrl"]
    token = document["paths"][token_url]["post"]
    form = token["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    form_schema = document["components"]["schemas"][form["$ref"].rsplit("/", 1)[-1]]
    assert {"username", "password"} <= set(form_schema["required"])
    tokens = token["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert (
        "access_token" in document["components"]["schemas"][tokens.rsplit("/", 1)[-1]]["required"]
    )


@pytest.mark.parametrize("path", ["/api/v1/auth/refresh", "/api/v1/auth/logout"])
async def test_bodies_the_server_does_not_need_are_optional(document: Document, path: str) -> None:
    body = document["paths"][path]["post"]["requestBody"]
    assert body["required"] is False
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RefreshRequest"
    }


async def test_response_fields_are_required_since_they_are_always_sent(
    document: Document,
) -> None:
    schemas = document["components"]["schemas"]
    optional = {
        name: sorted(set(schema.get("properties", {})) - set(schema.get("required", [])))
        for name, schema in schemas.items()
        if schema.get("additionalProperties") is not False and name not in omitting_defaults()
    }
    assert {ErrorBody.__name__, *(kind.__name__ for kind in JOB_KINDS)} <= omitting_defaults()
    assert {name: fields for name, fields in optional.items() if fields} == {}
    assert {"deleted_at", "duration_ms"} <= set(schemas["FileResponse"]["required"])


CONSTRAINTS = ("minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems")


def nullable_constraints(schema: Document) -> dict[str, Any]:
    """The constraints of the non-null arm of ``X | null`` (``anyOf`` or ``oneOf``)."""
    arms = schema.get("anyOf") or schema.get("oneOf") or []
    typed = [arm for arm in arms if arm.get("type") != "null"]
    if len(typed) != 1 or len(arms) != 2:
        return {}
    return {key: typed[0][key] for key in CONSTRAINTS if key in typed[0]}


async def test_optional_fields_keep_the_constraints_the_server_checks(
    document: Document,
) -> None:
    """An optional ``rating`` is still 1 to 5 in the document, as msgspec checks it."""
    schemas = document["components"]["schemas"]
    requests = [cls for cls in struct_classes() if cls.__struct_config__.forbid_unknown_fields]
    _, components = msgspec.json.schema_components(requests)
    checked = 0
    for name, own in components.items():
        documented = schemas.get(name, {}).get("properties", {})
        for field, spec in own.get("properties", {}).items():
            expected = nullable_constraints(spec)
            if expected and field in documented:
                checked += 1
                assert nullable_constraints(documented[field]) == expected, (name, field)
    assert checked >= 10
    rating = schemas["FeedbackCreate"]["properties"]["rating"]
    assert nullable_constraints(rating) == {"minimum": 1, "maximum": 5}


async def test_error_code_is_an_enum_of_every_code(document: Document) -> None:
    error_code = document["components"]["schemas"]["ErrorBody"]["properties"]["error_code"]
    assert set(error_code["enum"]) == set(get_args(ErrorCode)) == set(STATUS_BY_CODE)
    assert "PREMIUM_REQUIRED" in error_code["enum"]


def discriminated(document: Document, name: str, tag_field: str) -> dict[str, Document]:
    """The arms of a discriminated ``oneOf`` component by tag, checked against the mapping."""
    schemas = document["components"]["schemas"]
    union = schemas[name]
    assert union["discriminator"]["propertyName"] == tag_field
    mapping = union["discriminator"]["mapping"]
    assert sorted(mapping.values()) == sorted(arm["$ref"] for arm in union["oneOf"])
    arms = {tag: schemas[ref.rsplit("/", 1)[-1]] for tag, ref in mapping.items()}
    for tag, arm in arms.items():
        assert arm["properties"][tag_field]["const"] == tag
        assert tag_field in arm["required"]
    return arms


async def test_the_stream_events_are_a_discriminated_union(document: Document) -> None:
    operation = document["paths"]["/api/v1/sessions/{session_id}/messages/stream"]["post"]
    content = operation["responses"]["200"]["content"]
    assert content == {
        "text/event-stream": {"schema": {"$ref": "#/components/schemas/MessageStreamEvent"}}
    }
    arms = discriminated(document, "MessageStreamEvent", "event")
    assert set(arms) == {"user_message", "delta", "done", "error"}
    assert arms["done"]["properties"]["data"] == {"$ref": "#/components/schemas/MessageResponse"}
    assert arms["delta"]["properties"]["data"] == {"$ref": "#/components/schemas/TextDelta"}


async def test_job_results_are_typed_per_kind(app: Litestar, document: Document) -> None:
    operation = document["paths"]["/api/v1/jobs/{job_id}"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/JobResponse"}
    arms = discriminated(document, "JobResponse", "kind")
    assert set(arms) == set(app.state.container.task_registry().kinds)
    for arm in arms.values():
        result = arm["properties"]["result"]["oneOf"][0]
        assert result["$ref"].startswith("#/components/schemas/"), arm["title"]


async def test_examples_look_real(document: Document) -> None:
    """Litestar's generated examples are random letters; the document has none of them."""
    random_word = re.compile(r"^[A-Za-z]{20}$")

    def strings(node: object, in_example: bool = False) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from strings(value, in_example or key in ("example", "examples"))
        elif isinstance(node, list):
            for item in node:
                yield from strings(item, in_example)
        elif isinstance(node, str) and in_example:
            yield node

    assert [s for s in strings(document) if random_word.match(s)] == []
    error_body = document["components"]["schemas"]["ErrorBody"]["properties"]
    assert error_body["timestamp"]["examples"] == ["2026-03-02T09:15:27.412Z"]

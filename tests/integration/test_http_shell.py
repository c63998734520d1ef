"""The HTTP shell of SPEC section 0: error body, request ids, limits, CORS, hosts, compression,
health, metrics and the access log, for any route (a test-only controller stands in for the
contexts' routes).

Runs in the SQLite pass only (the HTTP shell does not depend on the database), but for the
readiness check, marked `both_databases`."""

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

import msgspec
import pytest
from litestar import Controller, Litestar, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.logging import configure_logging
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Unauthenticated

ERROR_KEYS = {"detail", "error_code", "timestamp", "request_id"}
ACCESS_TOKEN = "probe-access-token-0123456789"
USER_ID = uuid.UUID("01936f9e-0000-7000-8000-000000000001")
SECRET_PASSWORD = "hunter2-correct-horse-battery"


class Signup(msgspec.Struct, forbid_unknown_fields=True):
    email: str
    age: int
    password: str = ""


class Item(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(max_length=3)]


class Batch(msgspec.Struct, forbid_unknown_fields=True):
    items: list[Item]


class Probe(Controller):
    """Stands in for the routes of every context."""

    path = "/probe"

    @post("/signup")
    async def signup(self, data: JSONBody[Signup]) -> Signup:
        return data

    @post("/batch")
    async def batch(self, data: JSONBody[Batch]) -> Batch:
        return data

    @get("/items/{item_id:uuid}")
    async def item(self, item_id: FromPath[uuid.UUID]) -> dict[str, str]:
        return {"id": str(item_id)}

    @get("/page")
    async def page(self, limit: FromQuery[int], offset: FromQuery[int] = 0) -> dict[str, int]:
        return {"limit": limit, "offset": offset}

    @get("/big")
    async def big(self) -> dict[str, str]:
        return {"text": "tutor " * 400}

    @get("/me")
    async def me(self, principal: NamedDependency[Principal]) -> dict[str, str]:
        return {"user_id": str(principal.user_id)}

    @get("/me-twice")
    async def me_twice(
        self,
        principal: NamedDependency[Principal],
        optional_principal: NamedDependency[Principal | None],
    ) -> dict[str, str]:
        return {"user_id": str(principal.user_id)}

    @post("/crash")
    async def crash(self, data: JSONBody[Signup]) -> None:
        raise RuntimeError("SELECT password_hash FROM users WHERE id = 42")


class FakeAuthenticator:
    """Accepts one token, as the identity context's authenticator would."""

    async def authenticate(self, token: str) -> Principal:
        if token != ACCESS_TOKEN:
            raise Unauthenticated("The access token is not valid.")
        return Principal(user_id=USER_ID, role="student", plan="free")

    def peek_subject(self, token: str) -> str | None:
        return str(USER_ID) if token == ACCESS_TOKEN else None


def probe_app(database_url: str, **overrides: Any) -> Litestar:
    app = create_app(
        make_settings(database_url, **overrides),
        migrate_on_start=False,
        extra_route_handlers=[Probe],
    )
    app.state.authenticator = FakeAuthenticator()
    return app


@pytest.fixture
async def probe(database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=probe_app(database_url, max_request_body_bytes=2048)) as client:
        yield client


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body.keys() >= ERROR_KEYS
    assert body["error_code"] == code
    assert body["request_id"] == response.headers["x-request-id"]
    assert body["timestamp"].endswith("Z")
    return body


def fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body["errors"]]


# --- routing -----------------------------------------------------------------------------


async def test_unknown_route_answers_404_in_error_body(client: AsyncTestClient[Litestar]) -> None:
    assert_error(await client.get("/api/v1/no-such-thing"), 404, "NOT_FOUND")


async def test_wrong_method_answers_405_with_allow(client: AsyncTestClient[Litestar]) -> None:
    response = await client.delete("/health/live")
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in response.headers["allow"]


async def test_non_uuid_path_id_is_404_not_500(probe: AsyncTestClient[Litestar]) -> None:
    assert_error(await probe.get("/probe/items/not-a-uuid"), 404, "NOT_FOUND")


# --- validation --------------------------------------------------------------------------


async def test_unknown_json_field_is_422_naming_it(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/signup", json={"email": "a@b.c", "age": 3, "admin": True})
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert fields(body) == ["admin"]


async def test_wrong_type_is_422_naming_the_field(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/signup", json={"email": "a@b.c", "age": "three"})
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert fields(body) == ["age"]
    assert body["errors"][0]["message"] == "must be a whole number, not text"


async def test_a_number_sent_as_a_string_is_not_coerced(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/signup", json={"email": "a@b.c", "age": "3"})
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert fields(body) == ["age"]


async def test_a_nested_wrong_type_names_its_path(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/batch", json={"items": [{"name": "ok"}, {"name": 5}]})
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert fields(body) == ["items[1].name"]


async def test_missing_field_is_422_naming_it(probe: AsyncTestClient[Litestar]) -> None:
    body = assert_error(await probe.post("/probe/signup", json={"age": 3}), 422, "VALIDATION_ERROR")
    assert fields(body) == ["email"]
    assert "$." not in body["errors"][0]["message"]


async def test_nested_field_path_is_dotted(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/batch", json={"items": [{"name": "ok"}, {"name": "long"}]})
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert fields(body) == ["items[1].name"]


async def test_body_of_the_wrong_shape_is_422_on_body(probe: AsyncTestClient[Litestar]) -> None:
    body = assert_error(await probe.post("/probe/signup", json=[1, 2]), 422, "VALIDATION_ERROR")
    assert fields(body) == ["body"]


async def test_bad_query_parameter_is_422_naming_it(probe: AsyncTestClient[Litestar]) -> None:
    body = assert_error(await probe.get("/probe/page?limit=ten"), 422, "VALIDATION_ERROR")
    assert fields(body) == ["limit"]


async def test_missing_query_parameter_is_422_naming_it(probe: AsyncTestClient[Litestar]) -> None:
    body = assert_error(await probe.get("/probe/page"), 422, "VALIDATION_ERROR")
    assert fields(body) == ["limit"]


async def test_malformed_json_is_400(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post(
        "/probe/signup", content=b'{"email": ', headers={"content-type": "application/json"}
    )
    body = assert_error(response, 400, "BAD_REQUEST")
    assert "errors" not in body


async def test_empty_body_is_400(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/signup", headers={"content-type": "application/json"})
    assert_error(response, 400, "BAD_REQUEST")


@pytest.mark.parametrize(
    "headers",
    [{"content-type": "text/plain"}, {"content-type": "application/x-www-form-urlencoded"}, {}],
)
async def test_json_body_in_another_media_type_is_415(
    probe: AsyncTestClient[Litestar], headers: dict[str, str]
) -> None:
    response = await probe.post(
        "/probe/signup", content=b'{"email": "a@b.c", "age": 3}', headers=headers
    )
    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")


async def test_json_suffix_media_types_are_json(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post(
        "/probe/signup",
        content=b'{"email": "a@b.c", "age": 3}',
        headers={"content-type": "application/merge-patch+json; charset=utf-8"},
    )
    assert response.status_code == 201


async def test_body_over_the_limit_is_413(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/signup", json={"email": "x" * 4096, "age": 3})
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")


async def test_streamed_body_over_the_limit_is_413(database_url: str) -> None:
    """A chunked body without ``Content-Length`` is cut off at the limit too."""
    app = probe_app(database_url, max_request_body_bytes=2048)
    chunks = [b'{"email": "', *([b"x" * 512] * 8), b'", "age": 3}']
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if chunks:
            return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/probe/signup",
        "raw_path": b"/probe/signup",
        "root_path": "",
        "query_string": b"",
        "server": ("testserver", 80),
        "client": ("testclient", 50000),
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"transfer-encoding", b"chunked"),
        ],
    }
    await app(scope, receive, send)  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    body = json.loads(b"".join(m.get("body", b"") for m in sent[1:]))
    assert body["error_code"] == "PAYLOAD_TOO_LARGE"


async def test_body_under_the_limit_passes(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.post("/probe/signup", json={"email": "x" * 1024, "age": 3})
    assert response.status_code == 201


# --- auth --------------------------------------------------------------------------------


async def test_protected_route_without_token_is_401(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.get("/probe/me")
    assert_error(response, 401, "UNAUTHENTICATED")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_protected_route_with_bad_token_is_401(probe: AsyncTestClient[Litestar]) -> None:
    response = await probe.get("/probe/me", headers={"Authorization": "Bearer nope"})
    assert_error(response, 401, "UNAUTHENTICATED")


# --- unhandled errors and logs -----------------------------------------------------------


@pytest.fixture
def log_lines(capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """Read what the app logged to stderr (apps must be built inside the test)."""

    def read() -> str:
        return capsys.readouterr().err

    yield read
    configure_logging("WARNING")


async def test_unhandled_exception_is_500_without_internals_and_logged(
    database_url: str, log_lines: Any
) -> None:
    async with AsyncTestClient(app=probe_app(database_url, log_format="console")) as client:
        response = await client.post("/probe/crash", json={"email": "a@b.c", "age": 1})
    body = assert_error(response, 500, "INTERNAL_ERROR")
    for leak in ("SELECT", "password_hash", "Traceback", "RuntimeError", "probe"):
        assert leak not in response.text
    assert body["detail"] == "An unexpected error occurred."
    logged = log_lines()
    assert "unhandled_exception" in logged
    assert "SELECT password_hash FROM users" in logged
    assert body["request_id"] in logged


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


async def test_one_json_access_line_per_request(database_url: str, log_lines: Any) -> None:
    app = probe_app(database_url, log_format="json", log_level="INFO")
    async with AsyncTestClient(app=app) as client:
        anonymous = await client.get("/api/v1/no-such-thing", headers={"X-Request-ID": "req-1"})
        signed_in = await client.get(
            "/probe/me",
            headers={"Authorization": f"Bearer {ACCESS_TOKEN}", "X-Request-ID": "req-2"},
        )
    assert (anonymous.status_code, signed_in.status_code) == (404, 200)
    access = [line for line in json_lines(log_lines()) if line["event"] == "request"]
    assert [
        (line["request_id"], line["method"], line["path"], line["status"]) for line in access
    ] == [
        ("req-1", "GET", "/api/v1/no-such-thing", 404),
        ("req-2", "GET", "/probe/me", 200),
    ]
    assert [line["user_id"] for line in access] == [None, str(USER_ID)]
    assert all(isinstance(line["duration_ms"], float | int) for line in access)


async def test_the_access_line_names_the_user_when_dependencies_resolve_in_parallel(
    database_url: str, log_lines: Any
) -> None:
    app = probe_app(database_url, log_format="json", log_level="INFO")
    async with AsyncTestClient(app=app) as client:
        response = await client.get(
            "/probe/me-twice", headers={"Authorization": f"Bearer {ACCESS_TOKEN}"}
        )
    assert response.status_code == 200
    access = [line for line in json_lines(log_lines()) if line["event"] == "request"]
    assert [line["user_id"] for line in access] == [str(USER_ID)]


@pytest.mark.parametrize("log_format", ["json", "console"])
async def test_secrets_never_reach_the_log(
    database_url: str, log_lines: Any, log_format: str
) -> None:
    app = probe_app(database_url, log_format=log_format, log_level="DEBUG")
    async with AsyncTestClient(app=app) as client:
        await client.post(
            "/probe/crash",
            json={"email": "a@b.c", "age": 1, "password": SECRET_PASSWORD},
            headers={"Authorization": f"Bearer {ACCESS_TOKEN}"},
        )
        await client.get("/probe/me", headers={"Authorization": f"Bearer {ACCESS_TOKEN}"})
    logged = log_lines()
    assert "unhandled_exception" in logged
    assert SECRET_PASSWORD not in logged
    assert ACCESS_TOKEN not in logged


# --- request ids -------------------------------------------------------------------------


async def test_client_request_id_is_echoed_when_well_formed(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "abc.DEF-123_x"})
    assert response.headers["x-request-id"] == "abc.DEF-123_x"


@pytest.mark.parametrize("bad", ["bad id <script>", "x" * 129, ""])
async def test_malformed_request_id_is_replaced(
    client: AsyncTestClient[Litestar], bad: str
) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": bad})
    assert response.headers["x-request-id"] != bad
    assert uuid.UUID(response.headers["x-request-id"])


# --- hosts, CORS, compression ------------------------------------------------------------


async def test_host_not_allowed_is_400_in_error_body(database_url: str) -> None:
    app = probe_app(database_url, allowed_hosts="api.example.com")
    async with AsyncTestClient(app=app, base_url="http://api.example.com") as client:
        allowed = await client.get("/health/live")
        refused = await client.get("/health/live", headers={"host": "evil.example.org"})
    assert allowed.status_code == 200
    assert_error(refused, 400, "BAD_REQUEST")


async def test_cors_headers_only_for_allowed_origins(database_url: str) -> None:
    app = probe_app(database_url, cors_origins="https://app.example.com")
    async with AsyncTestClient(app=app) as client:
        allowed = await client.get("/health/live", headers={"Origin": "https://app.example.com"})
        other = await client.get("/health/live", headers={"Origin": "https://evil.example.org"})
        preflight = await client.options(
            "/probe/signup",
            headers={
                "Origin": "https://app.example.com",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, authorization",
            },
        )
        bad_preflight = await client.options(
            "/probe/signup",
            headers={"Origin": "https://evil.example.org", "Access-Control-Request-Method": "POST"},
        )
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.com"
    exposed = {name.strip() for name in allowed.headers["access-control-expose-headers"].split(",")}
    assert exposed >= {
        "ETag",
        "Content-Range",
        "Content-Disposition",
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "X-Request-ID",
    }
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "https://app.example.com"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-origin" not in bad_preflight.headers
    assert_error(bad_preflight, 400, "BAD_REQUEST")


async def test_no_cors_headers_without_configured_origins(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/health/live", headers={"Origin": "https://app.example.com"})
    assert "access-control-allow-origin" not in response.headers


async def test_gzip_when_asked_and_large(probe: AsyncTestClient[Litestar]) -> None:
    big = await probe.get("/probe/big", headers={"Accept-Encoding": "gzip"})
    small = await probe.get("/health/live", headers={"Accept-Encoding": "gzip"})
    plain = await probe.get("/probe/big", headers={"Accept-Encoding": "identity"})
    assert big.headers["content-encoding"] == "gzip"
    assert big.json() == plain.json()
    assert big.num_bytes_downloaded < len(plain.content) / 4
    assert "content-encoding" not in small.headers
    assert "content-encoding" not in plain.headers


async def test_brotli_setting(database_url: str) -> None:
    app = probe_app(database_url, compression="brotli")
    async with AsyncTestClient(app=app) as client:
        response = await client.get("/probe/big", headers={"Accept-Encoding": "br"})
    assert response.headers["content-encoding"] == "br"
    assert response.json()["text"].startswith("tutor ")
    assert response.num_bytes_downloaded < len(response.content) / 4


async def test_compression_none_setting(database_url: str) -> None:
    app = probe_app(database_url, compression="none")
    async with AsyncTestClient(app=app) as client:
        response = await client.get("/probe/big", headers={"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in response.headers


# --- health and metrics ------------------------------------------------------------------


async def test_live_is_ok(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.both_databases  # readiness checks the database and, on PostgreSQL, Redis
async def test_ready_reports_database(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks.get("redis", "ok") == "ok"


async def test_ready_is_503_when_the_database_is_unreachable() -> None:
    unreachable = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
    async with AsyncTestClient(app=probe_app(unreachable)) as client:
        response = await client.get("/health/ready")
    body = assert_error(response, 503, "UNAVAILABLE")
    assert "database" in body["detail"]


async def test_metrics_are_prometheus_text(client: AsyncTestClient[Litestar]) -> None:
    await client.get("/health/live")
    await client.get("/api/v1/no-such-thing")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "# TYPE http_requests_total counter" in text
    assert "# TYPE http_request_duration_seconds histogram" in text
    assert 'http_requests_total{method="GET",route="/health/live",status="200"} 1.0' in text
    assert 'route="unmatched",status="404"' in text

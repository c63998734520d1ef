"""The OpenAPI document (errors in the common body, bearer security) and the ``/schema`` page,
which must render its operations with no internet access (headless Chromium).

Runs in the SQLite pass only: the schema page and its scripts do not depend on the database."""

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
import uvicorn
from litestar import Controller, Litestar, Response, delete, post
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, JSONBody
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.http.auth import require_admin, require_instructor

ERROR_BODY_REF = "#/components/schemas/ErrorBody"
PROTECTING_DEPENDENCIES = {"principal"}
PROTECTING_GUARDS = (require_admin, require_instructor)


class Note(msgspec.Struct, forbid_unknown_fields=True):
    text: str


class NoteProbe(Controller):
    path = "/probe-notes"

    @post("/")
    async def create(self, data: JSONBody[Note]) -> Note:
        return data

    @delete("/{note_id:int}")
    async def remove(self, note_id: FromPath[int]) -> Response[None]:
        return Response(None, status_code=204)


@pytest.fixture
async def document(settings: Settings) -> dict[str, Any]:
    app = create_app(settings, migrate_on_start=False, extra_route_handlers=[NoteProbe])
    async with AsyncTestClient(app=app) as client:
        response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "put", "post", "patch", "delete"}:
                yield path, method, operation


def response_schema(operation: dict[str, Any], status: str) -> dict[str, Any]:
    schema: dict[str, Any] = operation["responses"][status]["content"]["application/json"]["schema"]
    return schema


async def test_document_is_openapi_3_1_with_one_bearer_scheme(document: dict[str, Any]) -> None:
    """One scheme, which the operations reference and the page's Authorize button fills in
    through the OAuth2 password flow (an access token sent as ``Authorization: Bearer``)."""
    assert document["openapi"].startswith("3.1")
    assert list(document["components"]["securitySchemes"]) == ["BearerToken"]
    scheme = document["components"]["securitySchemes"]["BearerToken"]
    assert scheme["type"] == "oauth2"
    assert scheme["flows"]["password"]["tokenUrl"] == "/api/v1/auth/token"
    error_body = document["components"]["schemas"]["ErrorBody"]
    assert set(error_body["required"]) == {"detail", "error_code", "timestamp", "request_id"}


async def test_every_error_response_uses_the_error_body(document: dict[str, Any]) -> None:
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_BODY_REF}, f"{method} {path} {status}"


async def test_validation_errors_are_documented_as_422_not_litestars_400(
    document: dict[str, Any],
) -> None:
    operation = document["paths"]["/probe-notes"]["post"]
    assert {"400", "413", "415", "422"} <= operation["responses"].keys()
    assert response_schema(operation, "422") == {"$ref": ERROR_BODY_REF}
    assert response_schema(operation, "400") == {"$ref": ERROR_BODY_REF}
    assert "status_code" not in msgspec.json.encode(document).decode()


async def test_request_structs_that_forbid_unknown_fields_say_so(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["Note"]["additionalProperties"] is False
    assert "additionalProperties" not in schemas["ErrorBody"]


async def test_no_content_responses_have_no_body(document: dict[str, Any]) -> None:
    assert (
        "content" not in document["paths"]["/probe-notes/{note_id}"]["delete"]["responses"]["204"]
    )
    for path, method, operation in operations(document):
        if "204" in operation["responses"]:
            assert "content" not in operation["responses"]["204"], f"{method} {path}"


def depends_on_principal(handler: HTTPRouteHandler) -> bool:
    """Whether a handler (or a dependency it uses, at any depth) needs an authenticated caller."""
    dependencies = handler.resolve_dependencies()
    if any(guard in PROTECTING_GUARDS for guard in handler.resolve_guards()):
        return True
    pending, seen = [handler.parsed_fn_signature], set()
    while pending:
        for name in pending.pop().parameters:
            if name in PROTECTING_DEPENDENCIES:
                return True
            if name in dependencies and name not in seen:
                seen.add(name)
                pending.append(dependencies[name].parsed_fn_signature)
    return False


async def test_protected_operations_declare_bearer_security(settings: Settings) -> None:
    app = create_app(settings, migrate_on_start=False)
    async with AsyncTestClient(app=app) as client:
        document = (await client.get("/schema/openapi.json")).json()
    protected = [
        (route.path_format, method)
        for route in app.routes
        if isinstance(route, HTTPRoute) and route.path.startswith("/api/v1")
        for handler in route.route_handlers
        if depends_on_principal(handler)
        for method in handler.http_methods - {"OPTIONS"}
    ]
    assert protected, "no protected operation found: the check would prove nothing"
    for path, method in protected:
        operation = document["paths"][path][method.lower()]
        assert {"BearerToken": []} in operation.get("security", []), f"{method} {path}"
        assert "401" in operation["responses"], f"{method} {path}"


# --- the page in a real browser ----------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served_app(database_url: str) -> Iterator[str]:
    """The real app under uvicorn on a free local port, in a thread."""
    port = free_port()
    app: Litestar = create_app(make_settings(database_url), migrate_on_start=False)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.mark.browser
def test_schema_page_renders_operations_offline(served_app: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or CHROMIUM
    assert Path(chromium).exists(), "Debian's chromium is required: apt-get install chromium"
    page = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            # Any host but the app fails to resolve: a CDN asset would leave the page blank.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=15000",
            "--dump-dom",
            f"{served_app}/schema",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert page.returncode == 0, page.stderr[-2000:]
    dom = page.stdout
    assert "swagger-ui" in dom
    assert dom.count('class="opblock ') >= 3, dom[-2000:]
    assert "/health/ready" in dom
    assert "Tutor Platform API" in dom

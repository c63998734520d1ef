"""The HTTP shell of SPEC section 0: error body, request ids, health, metrics, schema."""

from litestar import Litestar
from litestar.testing import AsyncTestClient

ERROR_KEYS = {"detail", "error_code", "timestamp", "request_id"}


async def test_unknown_route_answers_404_in_error_body(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    body = response.json()
    assert ERROR_KEYS <= body.keys()
    assert body["error_code"] == "NOT_FOUND"
    assert body["request_id"] == response.headers["x-request-id"]
    assert body["timestamp"].endswith("Z")


async def test_wrong_method_answers_405_in_error_body(client: AsyncTestClient[Litestar]) -> None:
    response = await client.delete("/health/live")
    assert response.status_code == 405
    assert response.json()["error_code"] == "METHOD_NOT_ALLOWED"


async def test_client_request_id_is_echoed_when_well_formed(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "abc.DEF-123_x"})
    assert response.headers["x-request-id"] == "abc.DEF-123_x"


async def test_malformed_request_id_is_replaced(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "bad id <script>"})
    assert response.headers["x-request-id"] != "bad id <script>"
    assert len(response.headers["x-request-id"]) == 36


async def test_ready_reports_database(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


async def test_metrics_count_requests(client: AsyncTestClient[Litestar]) -> None:
    await client.get("/health/live")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in response.text


async def test_openapi_document_is_3_1(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert "BearerToken" in document["components"]["securitySchemes"]


async def test_schema_page_uses_local_assets_only(client: AsyncTestClient[Litestar]) -> None:
    page = (await client.get("/schema")).text
    assert "/schema/assets/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    asset = await client.get("/schema/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200

"""``OPTIONS`` on every path of the OpenAPI document: 204 for anyone, ``Allow`` listing every
method of the path (SPEC 0), never the guard's 401."""

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

SOME_ID = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"
METHODS = ("get", "put", "post", "patch", "delete")


async def test_options_lists_every_method_of_each_path(client: AsyncTestClient[Litestar]) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    wrong = {}
    for template, operations in paths.items():
        expected = {method.upper() for method in operations if method in METHODS} | {"OPTIONS"}
        response = await client.options(re.sub(r"\{[^}]+\}", SOME_ID, template))
        allowed = {m.strip() for m in response.headers.get("allow", "").split(",") if m.strip()}
        if response.status_code != 204 or allowed - {"HEAD"} != expected:
            wrong[template] = (response.status_code, sorted(allowed), sorted(expected))
    assert len(paths) > 50
    assert wrong == {}

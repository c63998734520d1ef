"""schemathesis over every operation of ``/schema/openapi.json``, in process.

Valid and invalid requests (positive and negative generation) must never give a 5xx, must get
a documented status and media type, and must answer bodies that match the documented schema.
Requests carry an administrator's bearer token, so protected and admin operations run past
authentication. Bounded and deterministic: a fixed number of derandomized examples per
operation and mode. (schemathesis's lazy pytest loader fails on pytest 9, so the operations
are walked here and every failure is reported together.)

Runs once, in the SQLite pass: schemathesis fuzzes the HTTP schema, which is the same on either
database.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from litestar import Litestar
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import make_settings
from tutor_platform.bootstrap.app import create_app

ADMIN_EMAIL = "fuzz-admin@example.com"
ADMIN_PASSWORD = "Quiet-orchard-lantern-2026"
MAX_EXAMPLES = 25
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def fuzzed_app(database_url: str, clean_db: None) -> Iterator[Litestar]:
    """The app with a first admin; schemathesis runs its lifespan in its own event loop."""
    app = create_app(
        make_settings(
            database_url,
            first_admin_email=ADMIN_EMAIL,
            first_admin_password=ADMIN_PASSWORD,
            # Google Drive configured (no request reaches Google before a connection exists):
            # unconfigured, its routes answer 503 by design.
            google_client_id="fuzz-client-id",
            google_oauth_authorize_url="http://127.0.0.1:9/o/oauth2/v2/auth",
            google_oauth_token_url="http://127.0.0.1:9/token",
            google_oauth_revoke_url="http://127.0.0.1:9/revoke",
            google_drive_api_url="http://127.0.0.1:9",
        ),
        migrate_on_start=False,
    )
    yield app
    asgi.shutdown_lifespans()


def admin_headers(app: Litestar, labels: set[str]) -> dict[str, str]:
    """An administrator's bearer token, once the identity routes exist."""
    if "POST /api/v1/auth/login" not in labels:
        return {}
    with asgi.get_client(app) as client:
        response = client.post(
            "/api/v1/auth/login", json={"login": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
        )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> None:
    """Run the checks on ``MAX_EXAMPLES`` generated requests to one operation."""

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def modes_for(operation: Any) -> tuple[GenerationMode, ...]:
    """Negative generation needs an input to break; operations without any get positive only."""
    inputs = (operation.path_parameters, operation.query, operation.headers, operation.cookies)
    if any(len(group) for group in inputs) or len(operation.body):
        return MODES
    return (GenerationMode.POSITIVE,)


@pytest.mark.slow
def test_every_operation_conforms(fuzzed_app: Litestar) -> None:
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", fuzzed_app)
    # The token is ours to send; unknown query parameters are ignored by design (decisions.md).
    schema.config.generation.update(with_security_parameters=False, allow_extra_parameters=False)
    # A generated body over the size cap is rejected with 413, which is a rejection too.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413"]
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert len(operations) >= 3
    failures = []
    for operation in operations:
        # A fresh token per operation: logging out everywhere revokes the previous ones.
        headers = admin_headers(fuzzed_app, labels)
        for mode in modes_for(operation):
            try:
                fuzz(operation, mode, headers)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"--- {operation.label} ({mode.value}):\n{exc}")
    assert not failures, "\n".join(failures)

"""Errors to Sentry (``SENTRY_DSN``) through ``sentry-sdk``, for the API and the worker.

Off unless ``SENTRY_DSN`` is set. What is sent: unhandled exceptions and error log records
(a job that failed for good, an unexpected exception the API answered 500), tagged with the
request id of the request (or job) and the component; never request bodies, cookies, query
strings or credentials: no user information or local variables are collected, bodies are
never read, and
:func:`scrub_event` removes what is left of the request but its method and path.
"""

import logging
from typing import TYPE_CHECKING, Any, Literal

from tutor_platform.bootstrap.logging import is_secret_key
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.http.request_context import request_id_var

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint

Component = Literal["api", "worker"]
_KEPT_REQUEST_FIELDS = frozenset({"method", "url"})


def _without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: "[redacted]" if is_secret_key(str(key)) else _without_secrets(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_secrets(item) for item in value]
    return value


def scrub_event(event: "Event", _hint: "Hint") -> "Event | None":
    """Keep only the method and path of the request; tag the request id; redact secret-looking
    keys anywhere else in the event."""
    request = event.get("request")
    if isinstance(request, dict):
        url = str(request.get("url", "")).split("?", 1)[0]
        event["request"] = {k: v for k, v in request.items() if k in _KEPT_REQUEST_FIELDS}
        if url:
            event["request"]["url"] = url
    request_id = request_id_var.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    for key in ("extra", "contexts", "breadcrumbs"):
        if key in event:
            event[key] = _without_secrets(event[key])
    return event


def init_sentry(settings: Settings, component: Component) -> bool:
    """Start reporting to Sentry when ``SENTRY_DSN`` is set; whether it was."""
    if not settings.sentry_dsn:
        return False
    import sentry_sdk  # loaded only when errors go to Sentry
    from sentry_sdk.integrations.litestar import LitestarIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.environment,
        max_request_body_size="never",
        data_collection={"user_info": False, "stack_frame_variables": False},
        traces_sample_rate=settings.sentry_traces_sample_rate,
        integrations=[LitestarIntegration(), LoggingIntegration(event_level=logging.ERROR)],
        before_send=scrub_event,
    )
    sentry_sdk.set_tag("component", component)
    return True

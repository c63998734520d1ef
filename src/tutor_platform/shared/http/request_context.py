"""Per-request context: the request id and the authenticated user id, for logs and errors."""

import re
from contextvars import ContextVar

from tutor_platform.shared.ids import new_id

_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,128}$")

request_id_var: ContextVar[str] = ContextVar("request_id", default="")
user_id_var: ContextVar[str | None] = ContextVar("user_id", default=None)


def accept_request_id(candidate: str | None) -> str:
    """Keep a client's request id if it is well formed, else make a new one."""
    if candidate and _REQUEST_ID_PATTERN.match(candidate):
        return candidate
    return str(new_id())


def current_request_id() -> str:
    """The id of the request being served (a fresh one outside a request)."""
    return request_id_var.get() or str(new_id())

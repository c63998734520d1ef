"""Query parameters, route options and body helpers shared by tutoring's controllers."""

from typing import Annotated, Final, TypeVar

import msgspec
from litestar.params import QueryParameter

from tutor_platform.shared.http.auth import require_admin, require_instructor
from tutor_platform.shared.http.conditional import Reuse, representation
from tutor_platform.shared.pagination import MAX_LIMIT
from tutor_platform.shared.ratelimit.policy import AI_MESSAGES, PUBLIC, RATE_LIMIT_OPT

T = TypeVar("T")
INSTRUCTORS: Final = [require_instructor]
ADMINS: Final = [require_admin]
# Public reads with conditional GET; tutors are read from the database each time.
PUBLIC_READ: Final = {RATE_LIMIT_OPT: PUBLIC, **representation(Reuse.PRIVATE)}
AI_CALL: Final = {RATE_LIMIT_OPT: AI_MESSAGES}
SKIP_COMPRESSION: Final = "skip_compression"
MAX_OFFSET: Final = 2**31 - 1
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip.")]


class Request(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Requests reject unknown fields."""


def given(value: T | msgspec.UnsetType) -> T | None:
    """A patch field's value, or ``None`` when the client left it out."""
    return None if isinstance(value, msgspec.UnsetType) else value

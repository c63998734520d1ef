"""Query parameters, route options and dependencies shared by assessment's controllers."""

from typing import Annotated, Final

from litestar.di import Provide
from litestar.params import QueryParameter

from tutor_platform.shared.http.auth import require_admin, require_instructor
from tutor_platform.shared.http.dependencies import container_dependencies
from tutor_platform.shared.pagination import MAX_LIMIT
from tutor_platform.shared.ratelimit.policy import QUIZ_SUBMIT, RATE_LIMIT_OPT

INSTRUCTORS: Final = [require_instructor]
ADMINS: Final = [require_admin]
QUIZ_SUBMISSION: Final = {RATE_LIMIT_OPT: QUIZ_SUBMIT}
MAX_OFFSET: Final = 2**31 - 1
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def use_cases(*names: str) -> dict[str, Provide]:
    """Dependencies named after assessment container providers (one use case each)."""
    return container_dependencies("assessment", *names)

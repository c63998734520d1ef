"""Query parameters and route options shared by learning's controllers."""

from typing import Annotated, Final

from litestar.params import QueryParameter

from tutor_platform.shared.http.auth import require_instructor
from tutor_platform.shared.http.conditional import Reuse, representation
from tutor_platform.shared.pagination import MAX_LIMIT

INSTRUCTORS: Final = [require_instructor]
PUBLIC: Final = {"rate_limit": "public"}
# Public reads with conditional GET (shared/http/conditional.py): catalog reads go through the
# tag-recording catalog cache only; reading a lesson records access for signed-in readers;
# projects are read from the database each time.
CATALOG_READ: Final = {**PUBLIC, **representation(Reuse.SHARED)}
LESSON_READ: Final = {**PUBLIC, **representation(Reuse.ANONYMOUS)}
PRIVATE_READ: Final = {**PUBLIC, **representation(Reuse.PRIVATE)}
MAX_OFFSET: Final = 2**31 - 1
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip.")]

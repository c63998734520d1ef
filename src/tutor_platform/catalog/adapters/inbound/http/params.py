"""Query parameters and route options shared by the catalog's controllers."""

from typing import Final

from tutor_platform.shared.http.auth import require_instructor
from tutor_platform.shared.http.conditional import Reuse, representation

INSTRUCTORS: Final = [require_instructor]
PUBLIC: Final = {"rate_limit": "public"}
# Public reads with conditional GET (shared/http/conditional.py): catalog reads and search go
# through the tag-recording catalog and search caches only; reading a lesson records access
# for signed-in readers; projects are read from the database each time.
CATALOG_READ: Final = {**PUBLIC, **representation(Reuse.SHARED)}
LESSON_READ: Final = {**PUBLIC, **representation(Reuse.ANONYMOUS)}
PRIVATE_READ: Final = {**PUBLIC, **representation(Reuse.PRIVATE)}

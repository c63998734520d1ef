"""Query parameters, route options and body helpers shared by tutoring's controllers."""

from typing import Final, TypeVar

from tutor_platform.shared.http.auth import require_admin, require_instructor
from tutor_platform.shared.http.conditional import Reuse, representation
from tutor_platform.shared.ratelimit.policy import AI_MESSAGES, PUBLIC, RATE_LIMIT_OPT

T = TypeVar("T")
INSTRUCTORS: Final = [require_instructor]
ADMINS: Final = [require_admin]
# Public reads with conditional GET; tutors are read from the database each time.
PUBLIC_READ: Final = {RATE_LIMIT_OPT: PUBLIC, **representation(Reuse.PRIVATE)}
AI_CALL: Final = {RATE_LIMIT_OPT: AI_MESSAGES}
SKIP_COMPRESSION: Final = "skip_compression"

"""Query parameters, route options and dependencies shared by assessment's controllers."""

from typing import Final

from tutor_platform.shared.http.auth import require_admin, require_instructor
from tutor_platform.shared.ratelimit.policy import QUIZ_SUBMIT, RATE_LIMIT_OPT

INSTRUCTORS: Final = [require_instructor]
ADMINS: Final = [require_admin]
QUIZ_SUBMISSION: Final = {RATE_LIMIT_OPT: QUIZ_SUBMIT}

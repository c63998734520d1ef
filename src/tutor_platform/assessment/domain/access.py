"""Who may see, take and write quizzes.

- A quiz is seen by whoever sees its course (learning's rule: a published course by every
  signed-in user, an unpublished one by its instructor and admins); everyone else is told it
  does not exist (404). Quizzes are for signed-in users: there is no anonymous quiz read.
- A premium quiz is listed for everyone who sees the course (with ``is_premium``), but its
  questions, its attempts and taking it are for premium users, the course's instructor and
  admins; everyone else gets 403 PREMIUM_REQUIRED.
- Writing a quiz is for the course's instructor and admins (others 403 FORBIDDEN, as for the
  course itself); only they see the authoring view with answers, rubrics and explanations,
  and everyone's attempts.
- Premium features (free-text assessment and the hybrid endpoints) are for premium users and
  admins; an instructor on the free plan gets 403 PREMIUM_REQUIRED like any free user.
"""

from tutor_platform.assessment.domain.errors import PremiumFeature, PremiumQuiz
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.shared.auth import Principal


def can_take(principal: Principal, quiz: Quiz, *, edits_course: bool) -> bool:
    return not quiz.is_premium or edits_course or principal.is_premium


def ensure_can_take(principal: Principal, quiz: Quiz, *, edits_course: bool) -> None:
    """403 PREMIUM_REQUIRED for a premium quiz and a caller without the right to it."""
    if not can_take(principal, quiz, edits_course=edits_course):
        raise PremiumQuiz()


def may_use_premium_features(principal: Principal) -> bool:
    return principal.is_premium or principal.is_admin


def ensure_may_use_premium_features(principal: Principal) -> None:
    if not may_use_premium_features(principal):
        raise PremiumFeature()

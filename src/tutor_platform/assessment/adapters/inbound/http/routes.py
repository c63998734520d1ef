"""Every assessment controller, for the API router."""

from tutor_platform.assessment.adapters.inbound.http.analytics import (
    CourseAssessmentAnalyticsController,
)
from tutor_platform.assessment.adapters.inbound.http.mastery import (
    MasteryController,
    MasteryParametersController,
)
from tutor_platform.assessment.adapters.inbound.http.premium import (
    AssessmentsController,
    HybridController,
)
from tutor_platform.assessment.adapters.inbound.http.quizzes import (
    AttemptsController,
    CourseQuizzesController,
    QuizzesController,
)
from tutor_platform.assessment.adapters.inbound.http.review_cards import ReviewController

ASSESSMENT_CONTROLLERS = [
    CourseQuizzesController,
    QuizzesController,
    AttemptsController,
    MasteryController,
    MasteryParametersController,
    ReviewController,
    AssessmentsController,
    HybridController,
    CourseAssessmentAnalyticsController,
]

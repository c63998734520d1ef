"""Every assessment controller, for the API router."""

from tutor_platform.assessment.adapters.inbound.http.mastery import MasteryController
from tutor_platform.assessment.adapters.inbound.http.premium import (
    AssessmentsController,
    HybridController,
)
from tutor_platform.assessment.adapters.inbound.http.quizzes import (
    AttemptsController,
    CourseQuizzesController,
    QuizzesController,
)

ASSESSMENT_CONTROLLERS = [
    CourseQuizzesController,
    QuizzesController,
    AttemptsController,
    MasteryController,
    AssessmentsController,
    HybridController,
]

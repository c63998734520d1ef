"""Every controller of the learning context, mounted under ``/api/v1`` by the app."""

from litestar.types import ControllerRouterHandler

from tutor_platform.learning.adapters.inbound.http.analytics import CourseAnalyticsController
from tutor_platform.learning.adapters.inbound.http.courses import CoursesController
from tutor_platform.learning.adapters.inbound.http.lessons import LessonsController
from tutor_platform.learning.adapters.inbound.http.progress_controller import ProgressController
from tutor_platform.learning.adapters.inbound.http.projects import ProjectsController
from tutor_platform.learning.adapters.inbound.http.search import SearchController
from tutor_platform.learning.adapters.inbound.http.sections import SectionsController

LEARNING_CONTROLLERS: list[ControllerRouterHandler] = [
    SearchController,
    ProjectsController,
    CoursesController,
    SectionsController,
    LessonsController,
    ProgressController,
    CourseAnalyticsController,
]

"""Every controller of the progress context, mounted under ``/api/v1`` by the app."""

from litestar.types import ControllerRouterHandler

from tutor_platform.progress.adapters.inbound.http.analytics import CourseAnalyticsController
from tutor_platform.progress.adapters.inbound.http.progress import ProgressController

PROGRESS_CONTROLLERS: list[ControllerRouterHandler] = [
    ProgressController,
    CourseAnalyticsController,
]

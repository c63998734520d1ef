"""Every controller of the tutoring context, mounted under ``/api/v1`` by the app."""

from litestar.types import ControllerRouterHandler

from tutor_platform.tutoring.adapters.inbound.http.analytics import (
    CourseTutoringAnalyticsController,
)
from tutor_platform.tutoring.adapters.inbound.http.feedback import FeedbackController
from tutor_platform.tutoring.adapters.inbound.http.messages import MessagesController
from tutor_platform.tutoring.adapters.inbound.http.sessions import SessionsController
from tutor_platform.tutoring.adapters.inbound.http.study_time import StudyTimeController
from tutor_platform.tutoring.adapters.inbound.http.tutors import TutorsController

TUTORING_CONTROLLERS: list[ControllerRouterHandler] = [
    TutorsController,
    SessionsController,
    MessagesController,
    FeedbackController,
    CourseTutoringAnalyticsController,
    StudyTimeController,
]

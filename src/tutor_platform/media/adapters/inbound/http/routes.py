"""Every media controller, for the API router."""

from tutor_platform.media.adapters.inbound.http.files_controller import FilesController
from tutor_platform.media.adapters.inbound.http.lesson_drafts import LessonDraftsController
from tutor_platform.media.adapters.inbound.http.lesson_summaries import LessonSummariesController

MEDIA_CONTROLLERS = [FilesController, LessonSummariesController, LessonDraftsController]

"""Every controller of the catalog context, mounted under ``/api/v1`` by the app."""

from litestar.types import ControllerRouterHandler

from tutor_platform.catalog.adapters.inbound.http.courses import CoursesController
from tutor_platform.catalog.adapters.inbound.http.lessons import LessonsController
from tutor_platform.catalog.adapters.inbound.http.projects import ProjectsController
from tutor_platform.catalog.adapters.inbound.http.search import SearchController
from tutor_platform.catalog.adapters.inbound.http.sections import SectionsController

CATALOG_CONTROLLERS: list[ControllerRouterHandler] = [
    SearchController,
    ProjectsController,
    CoursesController,
    SectionsController,
    LessonsController,
]

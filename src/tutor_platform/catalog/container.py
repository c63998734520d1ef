"""The catalog's DI container: its inputs are declared as dependencies; the root container
chooses the adapters (units of work, search and passage indexes, splitter, embedder) and
passes the clock."""

from dependency_injector import containers, providers

from tutor_platform.catalog.api import CatalogFacade, LearnerCatalogFacade
from tutor_platform.catalog.application.create_course import CreateCourse
from tutor_platform.catalog.application.create_courses import CreateCourses
from tutor_platform.catalog.application.create_lesson import CreateLesson
from tutor_platform.catalog.application.create_project import CreateProject
from tutor_platform.catalog.application.create_section import CreateSection
from tutor_platform.catalog.application.delete_course import DeleteCourse
from tutor_platform.catalog.application.delete_lesson import DeleteLesson
from tutor_platform.catalog.application.delete_project import DeleteProject
from tutor_platform.catalog.application.delete_section import DeleteSection
from tutor_platform.catalog.application.get_adjacent_lesson import GetAdjacentLesson
from tutor_platform.catalog.application.get_course_outline import GetCourseOutline
from tutor_platform.catalog.application.get_lesson import GetLesson
from tutor_platform.catalog.application.get_project import GetProject
from tutor_platform.catalog.application.get_section import GetSection
from tutor_platform.catalog.application.index_lesson_passages import IndexLessonPassages
from tutor_platform.catalog.application.list_course_lessons import ListCourseLessons
from tutor_platform.catalog.application.list_courses import ListCourses
from tutor_platform.catalog.application.list_projects import ListProjects
from tutor_platform.catalog.application.list_section_lessons import ListSectionLessons
from tutor_platform.catalog.application.list_sections import ListSections
from tutor_platform.catalog.application.move_lesson import MoveLesson
from tutor_platform.catalog.application.move_section import MoveSection
from tutor_platform.catalog.application.publish_course import PublishCourse
from tutor_platform.catalog.application.reindex_passages import ReindexPassages
from tutor_platform.catalog.application.retrieve_passages import RetrievePassages
from tutor_platform.catalog.application.search_catalog import SearchCatalog
from tutor_platform.catalog.application.search_relevant_lessons import SearchRelevantLessons
from tutor_platform.catalog.application.update_course import UpdateCourse
from tutor_platform.catalog.application.update_lesson import UpdateLesson
from tutor_platform.catalog.application.update_project import UpdateProject
from tutor_platform.catalog.application.update_section import UpdateSection
from tutor_platform.catalog.ports.passages import LessonSplitter, PassageEmbedder, PassageIndex
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.catalog.ports.search import SearchIndex
from tutor_platform.catalog.ports.unit_of_work import (
    CatalogUnitOfWorkFactory,
    PassageUnitOfWorkFactory,
    ProjectUnitOfWorkFactory,
)
from tutor_platform.shared.clock import Clock


class CatalogContainer(containers.DeclarativeContainer):
    """Use cases of the catalog context over the ports it is given."""

    clock: providers.Dependency[Clock] = providers.Dependency()

    catalog_uow_factory: providers.Dependency[CatalogUnitOfWorkFactory] = providers.Dependency()
    catalog_reader: providers.Dependency[CatalogReader] = providers.Dependency()
    _catalog = {"uow_factory": catalog_uow_factory, "clock": clock}
    create_course = providers.Factory(CreateCourse, **_catalog)
    create_courses = providers.Factory(CreateCourses, **_catalog)
    update_course = providers.Factory(UpdateCourse, **_catalog)
    delete_course = providers.Factory(DeleteCourse, catalog_uow_factory)
    publish_course = providers.Factory(PublishCourse, **_catalog)
    get_course_outline = providers.Factory(GetCourseOutline, catalog_reader)
    list_courses = providers.Factory(ListCourses, catalog_reader)
    list_course_lessons = providers.Factory(ListCourseLessons, get_course_outline)
    list_sections = providers.Factory(ListSections, get_course_outline)
    get_section = providers.Factory(GetSection, catalog_reader)
    create_section = providers.Factory(CreateSection, **_catalog)
    update_section = providers.Factory(UpdateSection, **_catalog)
    delete_section = providers.Factory(DeleteSection, **_catalog)
    move_section = providers.Factory(MoveSection, **_catalog)
    list_section_lessons = providers.Factory(ListSectionLessons, catalog_reader)
    get_lesson = providers.Factory(GetLesson, catalog_reader)
    get_adjacent_lesson = providers.Factory(GetAdjacentLesson, catalog_reader)
    create_lesson = providers.Factory(CreateLesson, **_catalog)
    update_lesson = providers.Factory(UpdateLesson, **_catalog)
    delete_lesson = providers.Factory(DeleteLesson, **_catalog)
    move_lesson = providers.Factory(MoveLesson, **_catalog)

    search_index: providers.Dependency[SearchIndex] = providers.Dependency()
    search_catalog = providers.Factory(SearchCatalog, search_index)
    search_relevant_lessons = providers.Factory(SearchRelevantLessons, search_index)

    passage_uow_factory: providers.Dependency[PassageUnitOfWorkFactory] = providers.Dependency()
    passage_index: providers.Dependency[PassageIndex] = providers.Dependency()
    lesson_splitter: providers.Dependency[LessonSplitter] = providers.Dependency()
    embedder: providers.Dependency[PassageEmbedder] = providers.Dependency()
    index_lesson_passages = providers.Factory(
        IndexLessonPassages, passage_uow_factory, lesson_splitter, embedder
    )
    reindex_passages = providers.Factory(
        ReindexPassages, passage_uow_factory, index_lesson_passages
    )
    retrieve_passages = providers.Factory(RetrievePassages, passage_index, embedder)

    project_uow_factory: providers.Dependency[ProjectUnitOfWorkFactory] = providers.Dependency()
    list_projects = providers.Factory(ListProjects, project_uow_factory)
    get_project = providers.Factory(GetProject, project_uow_factory)
    create_project = providers.Factory(CreateProject, project_uow_factory, clock)
    update_project = providers.Factory(UpdateProject, project_uow_factory, clock)
    delete_project = providers.Factory(DeleteProject, project_uow_factory)

    facade = providers.Singleton(
        CatalogFacade,
        reader=catalog_reader,
        update_lesson=update_lesson,
        relevant_lessons=search_relevant_lessons,
        retrieve_passages=retrieve_passages,
        passage_index=passage_index,
    )
    learner_facade = providers.Singleton(
        LearnerCatalogFacade,
        search_catalog=search_catalog,
        get_course_outline=get_course_outline,
        get_lesson=get_lesson,
        get_section=get_section,
        create_lesson=create_lesson,
        reader=catalog_reader,
    )

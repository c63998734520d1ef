"""Progress's DI container: its inputs are declared as dependencies; the root container
chooses the adapters (unit of work, learner profiles, figures) and passes the clock and the
catalog's facades."""

from dependency_injector import containers, providers

from tutor_platform.catalog.api import LearnerCatalogFacade
from tutor_platform.progress.api import LearnerProgressFacade, ProgressFacade
from tutor_platform.progress.application.add_study_time import AddStudyTime
from tutor_platform.progress.application.complete_lesson import CompleteLesson
from tutor_platform.progress.application.get_course_analytics import GetCourseAnalytics
from tutor_platform.progress.application.get_course_progress import GetCourseProgress
from tutor_platform.progress.application.get_study_time import GetStudyTime
from tutor_platform.progress.application.list_completed_lessons import ListCompletedLessons
from tutor_platform.progress.application.list_course_progress import ListCourseProgress
from tutor_platform.progress.application.record_lesson_access import RecordLessonAccess
from tutor_platform.progress.application.record_quiz_score import RecordQuizScore
from tutor_platform.progress.application.reset_streak import ResetStreak
from tutor_platform.progress.application.set_study_time import SetStudyTime
from tutor_platform.progress.application.uncomplete_lesson import UncompleteLesson
from tutor_platform.progress.ports.courses import Courses
from tutor_platform.progress.ports.figures import CourseFiguresReader
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class ProgressContainer(containers.DeclarativeContainer):
    """Use cases of the progress context over the ports it is given."""

    clock: providers.Dependency[Clock] = providers.Dependency()
    catalog: providers.Dependency[Courses] = providers.Dependency()
    learner_catalog: providers.Dependency[LearnerCatalogFacade] = providers.Dependency()

    progress_uow_factory: providers.Dependency[ProgressUnitOfWorkFactory] = providers.Dependency()
    learner_profiles: providers.Dependency[LearnerProfiles] = providers.Dependency()
    _progress = {"uow_factory": progress_uow_factory, "profiles": learner_profiles, "clock": clock}
    complete_lesson = providers.Factory(CompleteLesson, **_progress)
    uncomplete_lesson = providers.Factory(UncompleteLesson, **_progress)
    get_course_progress = providers.Factory(GetCourseProgress, **_progress)
    list_course_progress = providers.Factory(ListCourseProgress, **_progress)
    reset_streak = providers.Factory(ResetStreak, **_progress)
    record_lesson_access = providers.Factory(RecordLessonAccess, progress_uow_factory, clock)
    record_quiz_score = providers.Factory(RecordQuizScore, progress_uow_factory, clock)
    list_completed_lessons = providers.Factory(ListCompletedLessons, progress_uow_factory)
    get_study_time = providers.Factory(GetStudyTime, progress_uow_factory)
    set_study_time = providers.Factory(SetStudyTime, progress_uow_factory, clock)
    add_study_time = providers.Factory(AddStudyTime, **_progress)

    course_figures: providers.Dependency[CourseFiguresReader] = providers.Dependency()
    get_course_analytics = providers.Factory(GetCourseAnalytics, catalog, course_figures)

    facade = providers.Singleton(
        ProgressFacade,
        record_quiz_score=record_quiz_score,
        list_completed_lessons=list_completed_lessons,
        record_lesson_access=record_lesson_access,
        get_study_time=get_study_time,
        set_study_time=set_study_time,
        add_study_time=add_study_time,
    )
    learner_facade = providers.Singleton(
        LearnerProgressFacade,
        catalog=learner_catalog,
        record_lesson_access=record_lesson_access,
        get_course_progress=get_course_progress,
        list_course_progress=list_course_progress,
        complete_lesson=complete_lesson,
    )

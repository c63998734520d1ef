"""Assessment's DI container: its inputs are declared as dependencies; the root container
chooses the adapters (unit of work, quota counter, courses, progress, AI, free-text grader,
users)."""

from collections.abc import Mapping
from typing import Any

from dependency_injector import containers, providers

from tutor_platform.assessment.api import AssessmentFacade
from tutor_platform.assessment.application.assess_free_text import AssessFreeText
from tutor_platform.assessment.application.course_analytics import (
    CourseAnalyst,
    GetMasteryAnalytics,
    GetQuizAnalytics,
)
from tutor_platform.assessment.application.create_quiz import CreateQuiz
from tutor_platform.assessment.application.delete_quiz import DeleteQuiz
from tutor_platform.assessment.application.get_mastery import GetMastery
from tutor_platform.assessment.application.get_quiz import GetQuiz
from tutor_platform.assessment.application.get_quiz_for_authoring import GetQuizForAuthoring
from tutor_platform.assessment.application.get_usage import GetUsage
from tutor_platform.assessment.application.list_attempts import ListAttempts
from tutor_platform.assessment.application.list_course_quizzes import ListCourseQuizzes
from tutor_platform.assessment.application.mastery_parameters import (
    GetMasteryParameters,
    SetMasteryParameters,
)
from tutor_platform.assessment.application.plan_adaptive_learning import PlanAdaptiveLearning
from tutor_platform.assessment.application.retrace_course_mastery import RetraceCourseMastery
from tutor_platform.assessment.application.review_answers import GradeAnswer, ListReviewQueue
from tutor_platform.assessment.application.spaced_review import AnswerCard, ListDueCards
from tutor_platform.assessment.application.start_mentor_session import StartMentorSession
from tutor_platform.assessment.application.submit_attempt import SubmitAttempt
from tutor_platform.assessment.application.support.premium_gate import PremiumGate
from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.application.synthesize_lessons import SynthesizeLessons
from tutor_platform.assessment.application.update_quiz import UpdateQuiz
from tutor_platform.assessment.ports.accounts import UserDirectory
from tutor_platform.assessment.ports.ai import AssessmentAI, FreeTextGrader
from tutor_platform.assessment.ports.courses import CourseCatalog, LearnerProgress
from tutor_platform.assessment.ports.figures import AssessmentFiguresReader
from tutor_platform.assessment.ports.quota import QuotaCounter
from tutor_platform.assessment.ports.scheduler import ReviewScheduler
from tutor_platform.shared.clock import Clock


class AssessmentContainer(containers.DeclarativeContainer):
    """Use cases of the assessment context over the ports it is given. ``quota_limits`` maps
    each premium feature to its daily quota per user."""

    clock: providers.Dependency[Clock] = providers.Dependency()
    uow_factory: providers.Dependency[Any] = providers.Dependency()
    catalog: providers.Dependency[CourseCatalog] = providers.Dependency()
    progress: providers.Dependency[LearnerProgress] = providers.Dependency()
    ai: providers.Dependency[AssessmentAI] = providers.Dependency()
    scheduler: providers.Dependency[ReviewScheduler] = providers.Dependency()
    free_text_grader: providers.Dependency[FreeTextGrader] = providers.Dependency()
    users: providers.Dependency[UserDirectory] = providers.Dependency()
    quota_counter: providers.Dependency[QuotaCounter] = providers.Dependency()
    quota_limits: providers.Dependency[Mapping[str, int]] = providers.Dependency()

    access = providers.Singleton(QuizAccess, catalog)
    figures: providers.Dependency[AssessmentFiguresReader] = providers.Dependency()
    _analyst = providers.Singleton(CourseAnalyst, access)
    get_quiz_analytics = providers.Factory(GetQuizAnalytics, uow_factory, _analyst, figures)
    get_mastery_analytics = providers.Factory(GetMasteryAnalytics, _analyst, catalog, figures)
    _quizzes = {"uow_factory": uow_factory, "access": access}

    create_quiz = providers.Factory(CreateQuiz, **_quizzes, clock=clock)
    update_quiz = providers.Factory(UpdateQuiz, **_quizzes, clock=clock)
    delete_quiz = providers.Factory(DeleteQuiz, **_quizzes)
    get_quiz = providers.Factory(GetQuiz, **_quizzes)
    get_quiz_for_authoring = providers.Factory(GetQuizForAuthoring, **_quizzes)
    list_course_quizzes = providers.Factory(ListCourseQuizzes, **_quizzes)
    submit_attempt = providers.Factory(
        SubmitAttempt,
        **_quizzes,
        grader=free_text_grader,
        clock=clock,
        scheduler=scheduler,
    )
    list_attempts = providers.Factory(ListAttempts, **_quizzes)
    list_review_queue = providers.Factory(ListReviewQueue, **_quizzes)
    get_mastery = providers.Factory(GetMastery, **_quizzes, catalog=catalog, users=users)
    get_mastery_parameters = providers.Factory(GetMasteryParameters, **_quizzes)
    set_mastery_parameters = providers.Factory(SetMasteryParameters, **_quizzes, clock=clock)
    retrace_course_mastery = providers.Factory(RetraceCourseMastery, uow_factory=uow_factory)
    list_due_cards = providers.Factory(ListDueCards, **_quizzes, users=users, clock=clock)
    answer_card = providers.Factory(
        AnswerCard, **_quizzes, grader=free_text_grader, scheduler=scheduler, clock=clock
    )
    grade_answer = providers.Factory(GradeAnswer, **_quizzes, clock=clock)

    premium_gate = providers.Singleton(PremiumGate, quota_counter, uow_factory, clock, quota_limits)
    assess_free_text = providers.Factory(AssessFreeText, premium_gate, free_text_grader, catalog)
    plan_adaptive_learning = providers.Factory(
        PlanAdaptiveLearning, premium_gate, catalog, progress, uow_factory, ai, users, clock
    )
    synthesize_lessons = providers.Factory(SynthesizeLessons, premium_gate, catalog, ai)
    start_mentor_session = providers.Factory(
        StartMentorSession, premium_gate, catalog, progress, uow_factory, ai
    )
    get_usage = providers.Factory(GetUsage, uow_factory, quota_counter, users, clock, quota_limits)

    facade = providers.Singleton(
        AssessmentFacade,
        list_course_quizzes=list_course_quizzes,
        submit_attempt=submit_attempt,
        get_mastery=get_mastery,
        get_quiz=get_quiz,
    )

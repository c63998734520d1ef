"""Tutoring's DI container: its inputs are declared as dependencies; the root container
chooses the adapters (unit of work, tutor models, course context, attachments, study time
ledger)."""

from collections.abc import Mapping
from typing import Any

from dependency_injector import containers, providers

from tutor_platform.ai.api import TutorModels
from tutor_platform.shared.clock import Clock
from tutor_platform.tutoring.api import TutorChat
from tutor_platform.tutoring.application.clear_session import ClearSession
from tutor_platform.tutoring.application.course_analytics import CourseTutoringAnalytics
from tutor_platform.tutoring.application.create_tutor import CreateTutor
from tutor_platform.tutoring.application.delete_message import DeleteMessage
from tutor_platform.tutoring.application.delete_session import DeleteSession
from tutor_platform.tutoring.application.delete_tutor import DeleteTutor
from tutor_platform.tutoring.application.export_feedback import ExportFeedback
from tutor_platform.tutoring.application.get_message import GetMessage
from tutor_platform.tutoring.application.get_session import GetSession
from tutor_platform.tutoring.application.get_tutor import GetTutor
from tutor_platform.tutoring.application.give_feedback import GiveFeedback
from tutor_platform.tutoring.application.list_feedback import ListFeedback
from tutor_platform.tutoring.application.list_messages import ListMessages
from tutor_platform.tutoring.application.list_sessions import ListSessions
from tutor_platform.tutoring.application.list_tutors import ListTutors
from tutor_platform.tutoring.application.mark_feedback_processed import MarkFeedbackProcessed
from tutor_platform.tutoring.application.rename_session import RenameSession
from tutor_platform.tutoring.application.resume_stream import ResumeStream, StreamRecorder
from tutor_platform.tutoring.application.send_message import SendMessage
from tutor_platform.tutoring.application.start_session import StartSession
from tutor_platform.tutoring.application.stream_message import StreamMessage
from tutor_platform.tutoring.application.study_time import StudyTime
from tutor_platform.tutoring.application.support.branches import Branches, RerunMessage, RerunStream
from tutor_platform.tutoring.application.support.conversation import Conversation
from tutor_platform.tutoring.application.support.detached import DetachedTasks
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.application.update_tutor import UpdateTutor
from tutor_platform.tutoring.ports.attachments import FileAttachments
from tutor_platform.tutoring.ports.course_context import CourseContext
from tutor_platform.tutoring.ports.figures import TutoringFiguresReader
from tutor_platform.tutoring.ports.stream_log import StreamLog
from tutor_platform.tutoring.ports.study_time import StudyTimeLedger


class TutoringContainer(containers.DeclarativeContainer):
    """Use cases of the tutoring context over the ports it is given."""

    clock: providers.Dependency[Clock] = providers.Dependency()
    uow_factory: providers.Dependency[Any] = providers.Dependency()
    tutor_models: providers.Dependency[TutorModels] = providers.Dependency()
    default_models: providers.Dependency[Mapping[str, str]] = providers.Dependency()
    course_context: providers.Dependency[CourseContext] = providers.Dependency()
    attachments: providers.Dependency[FileAttachments] = providers.Dependency()
    study_time_ledger: providers.Dependency[StudyTimeLedger] = providers.Dependency()
    history_token_budget = providers.Dependency(instance_of=int)
    stream_log: providers.Dependency[StreamLog] = providers.Dependency()
    stream_idle_seconds = providers.Dependency(instance_of=float)

    access = providers.Singleton(TutorAccess, course_context)
    figures: providers.Dependency[TutoringFiguresReader] = providers.Dependency()
    course_tutoring_analytics = providers.Factory(
        CourseTutoringAnalytics, course_context, figures, clock
    )
    detached_tasks = providers.Singleton(DetachedTasks)
    _store = {"uow_factory": uow_factory}
    _tutors = {"uow_factory": uow_factory, "access": access}
    _models = {"clock": clock, "default_models": default_models}

    create_tutor = providers.Factory(CreateTutor, **_tutors, **_models)
    update_tutor = providers.Factory(UpdateTutor, **_tutors, **_models)
    delete_tutor = providers.Factory(DeleteTutor, **_tutors)
    get_tutor = providers.Factory(GetTutor, **_tutors)
    list_tutors = providers.Factory(ListTutors, **_store, courses=course_context)
    study_time = providers.Factory(StudyTime, **_tutors, ledger=study_time_ledger)

    start_session = providers.Factory(StartSession, **_tutors, clock=clock)
    list_sessions = providers.Factory(ListSessions, **_store)
    get_session = providers.Factory(GetSession, **_store)
    rename_session = providers.Factory(RenameSession, **_store, clock=clock)
    delete_session = providers.Factory(DeleteSession, **_store)
    clear_session = providers.Factory(ClearSession, **_store)

    conversation = providers.Factory(
        Conversation,
        **_tutors,
        courses=course_context,
        attachments=attachments,
        clock=clock,
        history_budget=history_token_budget,
    )
    list_messages = providers.Factory(ListMessages, **_store)
    send_message = providers.Factory(SendMessage, conversation, tutor_models)
    stream_message = providers.Factory(StreamMessage, conversation, tutor_models, detached_tasks)
    get_message = providers.Factory(GetMessage, **_store)
    branches = providers.Factory(Branches, **_tutors, conversation=conversation, clock=clock)
    rerun_message = providers.Factory(RerunMessage, branches, send_message)
    rerun_stream = providers.Factory(RerunStream, branches, stream_message)
    stream_recorder = providers.Singleton(StreamRecorder, stream_log, detached_tasks)
    resume_stream = providers.Factory(
        ResumeStream, **_store, log=stream_log, idle_seconds=stream_idle_seconds
    )
    delete_message = providers.Factory(DeleteMessage, **_store)

    give_feedback = providers.Factory(GiveFeedback, **_store, clock=clock)
    list_feedback = providers.Factory(ListFeedback, **_store)
    export_feedback = providers.Factory(ExportFeedback, **_store)
    mark_feedback_processed = providers.Factory(MarkFeedbackProcessed, **_store)

    chat = providers.Singleton(
        TutorChat,
        start_session=start_session,
        get_session=get_session,
        send_message=send_message,
    )

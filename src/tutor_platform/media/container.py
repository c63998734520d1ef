"""Media's DI container: its inputs are declared as dependencies; the root container chooses
the adapters (unit of work, storage, content sniffer, duration probe) and the upload policy,
and for lesson summaries and drafts the lesson catalog, AI writer, speech synthesizer, video
renderer and job queue."""

from typing import Any

from dependency_injector import containers, providers

from tutor_platform.media.api import MediaFacade
from tutor_platform.media.application.apply_lesson_draft import ApplyLessonDraft
from tutor_platform.media.application.delete_file import DeleteFile
from tutor_platform.media.application.find_owned_file import FindOwnedFile
from tutor_platform.media.application.generate_lesson_draft import GenerateLessonDraft
from tutor_platform.media.application.get_file import GetFile
from tutor_platform.media.application.list_files import ListFiles
from tutor_platform.media.application.list_lesson_drafts import ListLessonDrafts
from tutor_platform.media.application.list_lesson_summaries import ListLessonSummaries
from tutor_platform.media.application.open_file_content import OpenFileContent
from tutor_platform.media.application.purge_file import PurgeFile
from tutor_platform.media.application.render_lesson_summary import RenderLessonSummary
from tutor_platform.media.application.request_lesson_draft import RequestLessonDraft
from tutor_platform.media.application.request_lesson_summary import RequestLessonSummary
from tutor_platform.media.application.restore_file import RestoreFile
from tutor_platform.media.application.store_generated_file import StoreGeneratedFile
from tutor_platform.media.application.support.content_writer import ContentWriter
from tutor_platform.media.application.update_file import UpdateFile
from tutor_platform.media.application.upload_file import UploadFile
from tutor_platform.media.domain.quota import UploadPolicy
from tutor_platform.media.ports.authoring import SpeechSynthesizer, TextWriter, VideoRenderer
from tutor_platform.media.ports.inspection import ContentSniffer, DurationProbe
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.jobs.ports import JobQueue


class MediaContainer(containers.DeclarativeContainer):
    """Use cases of the media context over the ports it is given."""

    clock: providers.Dependency[Clock] = providers.Dependency()
    uow_factory: providers.Dependency[Any] = providers.Dependency()
    storage: providers.Dependency[FileStorage] = providers.Dependency()
    sniffer: providers.Dependency[ContentSniffer] = providers.Dependency()
    duration_probe: providers.Dependency[DurationProbe] = providers.Dependency()
    upload_policy: providers.Dependency[UploadPolicy] = providers.Dependency()
    lesson_uow_factory: providers.Dependency[Any] = providers.Dependency()
    lesson_catalog: providers.Dependency[LessonCatalog] = providers.Dependency()
    text_writer: providers.Dependency[TextWriter] = providers.Dependency()
    speech_synthesizer: providers.Dependency[SpeechSynthesizer] = providers.Dependency()
    video_renderer: providers.Dependency[VideoRenderer] = providers.Dependency()
    job_queue: providers.Dependency[JobQueue] = providers.Dependency()

    writer = providers.Singleton(ContentWriter, storage, sniffer, duration_probe)
    _store = {"uow_factory": uow_factory}
    _timed = {"uow_factory": uow_factory, "clock": clock}

    upload_file = providers.Factory(
        UploadFile, **_timed, writer=writer, storage=storage, policy=upload_policy
    )
    store_generated_file = providers.Factory(
        StoreGeneratedFile, **_timed, writer=writer, storage=storage
    )
    list_files = providers.Factory(ListFiles, **_store)
    get_file = providers.Factory(GetFile, **_store)
    find_owned_file = providers.Factory(FindOwnedFile, **_store)
    open_file_content = providers.Factory(OpenFileContent, **_store, storage=storage)
    update_file = providers.Factory(UpdateFile, **_timed)
    delete_file = providers.Factory(DeleteFile, **_timed)
    restore_file = providers.Factory(RestoreFile, **_timed)
    purge_file = providers.Factory(PurgeFile, **_store, storage=storage)

    request_lesson_summary = providers.Factory(RequestLessonSummary, lesson_catalog, job_queue)
    render_lesson_summary = providers.Factory(
        RenderLessonSummary,
        uow_factory=lesson_uow_factory,
        catalog=lesson_catalog,
        writer=text_writer,
        speech=speech_synthesizer,
        video=video_renderer,
        content_writer=writer,
        storage=storage,
        clock=clock,
    )
    list_lesson_summaries = providers.Factory(
        ListLessonSummaries, lesson_uow_factory, lesson_catalog
    )
    request_lesson_draft = providers.Factory(RequestLessonDraft, lesson_catalog, job_queue)
    generate_lesson_draft = providers.Factory(
        GenerateLessonDraft, lesson_uow_factory, lesson_catalog, text_writer, clock
    )
    list_lesson_drafts = providers.Factory(ListLessonDrafts, lesson_uow_factory, lesson_catalog)
    apply_lesson_draft = providers.Factory(
        ApplyLessonDraft, lesson_uow_factory, lesson_catalog, clock
    )

    facade = providers.Singleton(
        MediaFacade,
        find_owned_file=find_owned_file,
        open_file_content=open_file_content,
        store_generated_file=store_generated_file,
        upload_file=upload_file,
    )

"""Fakes for the lesson summary and draft use cases: a lesson catalog with the learning
context's visibility rules, an AI writer, a speech synthesizer, a video renderer and a job
queue, all in memory."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from functools import partial
from uuid import UUID, uuid4

from tests.unit.identity.builders import T0
from tests.unit.media.fakes import FakeDurationProbe
from tutor_platform.media.adapters.outbound.memory.lesson_media import (
    InMemoryLessonMediaStore,
    InMemoryLessonMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.memory.storage import InMemoryFileStorage
from tutor_platform.media.adapters.outbound.memory.unit_of_work import InMemoryMediaUnitOfWork
from tutor_platform.media.adapters.outbound.puremagic.sniffer import PuremagicContentSniffer
from tutor_platform.media.container import MediaContainer
from tutor_platform.media.domain.content_types import DEFAULT_ALLOWED_TYPES
from tutor_platform.media.domain.lesson_access import LessonAccess
from tutor_platform.media.domain.lesson_material import LessonMaterial, OutlineSection
from tutor_platform.media.domain.quota import UploadPolicy
from tutor_platform.media.domain.video_plan import VideoPlan
from tutor_platform.media.ports.authoring import (
    RenderedVideo,
    SpeechAudio,
    WritingRequest,
    WrittenText,
)
from tutor_platform.media.ports.lesson_catalog import LessonView
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import NotFound
from tutor_platform.shared.jobs.ports import JobRecord, JsonObject

TINY_WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28)
TINY_MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(16)
INSTRUCTOR = Principal(uuid4(), "instructor", "free")
ADMIN = Principal(uuid4(), "admin", "free")
OTHER_INSTRUCTOR = Principal(uuid4(), "instructor", "premium")
FREE_STUDENT = Principal(uuid4(), "student", "free")
PREMIUM_STUDENT = Principal(uuid4(), "student", "premium")


@dataclass
class FakeLesson:
    material: LessonMaterial
    instructor_id: UUID
    is_premium: bool = False
    is_published: bool = True


def make_lesson(
    content: str = "Cells make energy. Mitochondria do most of it.",
    *,
    instructor: Principal = INSTRUCTOR,
    **options: bool,
) -> FakeLesson:
    lesson_id, course_id = uuid4(), uuid4()
    material = LessonMaterial(
        lesson_id=lesson_id,
        course_id=course_id,
        course_title="Biology 101",
        lesson_title="Cell energy",
        content=content,
        outline=(
            OutlineSection("Cells", ("What is a cell", "Cell energy")),
            OutlineSection("Plants", ("Photosynthesis",)),
        ),
    )
    return FakeLesson(material, instructor.user_id, **options)


class FakeLessonCatalog:
    """Lessons by id; ``refuse_content`` makes ``replace_content`` fail like a 422."""

    def __init__(self, *lessons: FakeLesson) -> None:
        self.lessons = {lesson.material.lesson_id: lesson for lesson in lessons}
        self.refuse_content: Exception | None = None

    async def access(self, principal: Principal | None, lesson_id: UUID) -> LessonAccess | None:
        lesson = self.lessons.get(lesson_id)
        if lesson is None:
            return None
        editable = principal is not None and (
            principal.is_admin or principal.user_id == lesson.instructor_id
        )
        return LessonAccess(
            lesson_id,
            lesson.material.course_id,
            lesson.is_premium,
            visible=lesson.is_published or editable,
            editable=editable,
        )

    async def material(self, lesson_id: UUID) -> LessonMaterial | None:
        lesson = self.lessons.get(lesson_id)
        return None if lesson is None else lesson.material

    async def replace_content(
        self, principal: Principal, lesson_id: UUID, content: str
    ) -> LessonView:
        if self.refuse_content is not None:
            raise self.refuse_content
        lesson = self.lessons.get(lesson_id)
        if lesson is None:
            raise NotFound()
        lesson.material = replace(lesson.material, content=content)
        return LessonView(
            lesson_id,
            lesson.material.course_id,
            uuid4(),
            lesson.material.lesson_title,
            content,
            2,
            10,
            lesson.is_premium,
        )


@dataclass
class FakeTextWriter:
    """Answers ``answer`` (or raises ``failure``) and remembers each request."""

    answer: str = "Cells turn food into energy. Mitochondria do most of this work."
    failure: Exception | None = None
    requests: list[WritingRequest] = field(default_factory=list)

    async def write(self, request: WritingRequest) -> WrittenText:
        self.requests.append(request)
        if self.failure is not None:
            raise self.failure
        return WrittenText(self.answer, "local", "local-test-1")


@dataclass
class FakeSpeech:
    """A tiny WAV per call; ``during`` runs inside the call (to simulate a concurrent run)."""

    texts: list[str] = field(default_factory=list)
    during: Callable[[], Awaitable[None]] | None = None

    async def synthesize(self, text: str) -> SpeechAudio:
        self.texts.append(text)
        if self.during is not None:
            await self.during()
        return SpeechAudio(TINY_WAV, "audio/wav")


@dataclass
class FakeVideo:
    plans: list[VideoPlan] = field(default_factory=list)
    failure: Exception | None = None

    async def render(self, plan: VideoPlan, narration: SpeechAudio) -> RenderedVideo:
        self.plans.append(plan)
        if self.failure is not None:
            raise self.failure
        return RenderedVideo(TINY_MP4)


@dataclass
class FakeJobQueue:
    enqueued: list[JobRecord] = field(default_factory=list)

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        record = JobRecord(uuid4(), kind, "queued", owner_id, T0, dict(payload))
        self.enqueued.append(record)
        return record

    async def get(self, job_id: UUID) -> JobRecord | None:
        return next((r for r in self.enqueued if r.id == job_id), None)


@dataclass
class Progress:
    """A job's progress reporter that remembers what it was told."""

    values: list[float] = field(default_factory=list)

    async def __call__(self, fraction: float) -> None:
        self.values.append(fraction)


@dataclass
class World:
    """Media's container over in-memory adapters, with the fakes it was given."""

    media: MediaContainer
    store: InMemoryLessonMediaStore
    storage: InMemoryFileStorage
    catalog: FakeLessonCatalog
    writer: FakeTextWriter
    speech: FakeSpeech
    video: FakeVideo
    jobs: FakeJobQueue
    clock: FixedClock


def world(*lessons: FakeLesson) -> World:
    store = InMemoryLessonMediaStore()
    storage = InMemoryFileStorage()
    catalog = FakeLessonCatalog(*lessons)
    writer, speech, video, jobs = FakeTextWriter(), FakeSpeech(), FakeVideo(), FakeJobQueue()
    clock = FixedClock(T0)
    media = MediaContainer(
        clock=clock,
        uow_factory=partial(InMemoryMediaUnitOfWork, store.media),
        storage=storage,
        sniffer=PuremagicContentSniffer(),
        duration_probe=FakeDurationProbe(),
        upload_policy=UploadPolicy(
            max_bytes=10_000, allowed_types=frozenset(DEFAULT_ALLOWED_TYPES), quota_bytes=50_000
        ),
        lesson_uow_factory=partial(InMemoryLessonMediaUnitOfWork, store),
        lesson_catalog=catalog,
        text_writer=writer,
        speech_synthesizer=speech,
        video_renderer=video,
        job_queue=jobs,
    )
    return World(media, store, storage, catalog, writer, speech, video, jobs, clock)

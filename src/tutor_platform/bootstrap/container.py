"""The root container: the one place that picks every adapter from settings."""

from functools import partial
from typing import TYPE_CHECKING, Any

from dependency_injector import containers, providers
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.ai.adapters.outbound.embedders import build_embedder, close_embedder
from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.ai.adapters.outbound.model_defaults import default_model_ids
from tutor_platform.ai.adapters.outbound.registry import build_tutor_models
from tutor_platform.ai.adapters.outbound.sqlalchemy.usage_ledger import SqlAlchemyUsageLedger
from tutor_platform.ai.container import AiContainer
from tutor_platform.assessment.adapters.inbound.jobs import assessment_tasks
from tutor_platform.assessment.adapters.outbound.ai import FacadeAssessmentAI
from tutor_platform.assessment.adapters.outbound.catalog_and_progress import (
    CatalogCourses,
    ProgressRecords,
)
from tutor_platform.assessment.adapters.outbound.fsrs_scheduler import FsrsReviewScheduler
from tutor_platform.assessment.adapters.outbound.identity import IdentityUserDirectory
from tutor_platform.assessment.adapters.outbound.mastery_retrace_jobs import MasteryRetraceJobs
from tutor_platform.assessment.adapters.outbound.redis.quota_counter import RedisQuotaCounter
from tutor_platform.assessment.adapters.outbound.similarity import EmbedderTextSimilarity
from tutor_platform.assessment.adapters.outbound.sqlalchemy.figures_repository import (
    SqlAlchemyAssessmentFiguresReader,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.quota_counter import (
    SqlAlchemyQuotaCounter,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.assessment.application.best_score_hand_off import BestScoreHandOff
from tutor_platform.assessment.application.support.free_text_graders import (
    AiFreeTextGrader,
    RulesFreeTextGrader,
)
from tutor_platform.assessment.container import AssessmentContainer
from tutor_platform.assessment.domain.events import BestScoreChanged, MasteryParametersChanged
from tutor_platform.assessment.domain.premium import PremiumFeature
from tutor_platform.assessment.ports.quota import QuotaCounter
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.bootstrap.tasks import build_task_registry
from tutor_platform.bootstrap.tracing import tracer_provider_for
from tutor_platform.catalog.adapters.inbound.jobs import catalog_tasks
from tutor_platform.catalog.adapters.outbound.cache.reader import (
    CachingCatalogReader,
    CatalogCacheInvalidation,
)
from tutor_platform.catalog.adapters.outbound.cache.search import CachingSearchIndex
from tutor_platform.catalog.adapters.outbound.markdown.splitter import MarkdownItLessonSplitter
from tutor_platform.catalog.adapters.outbound.passage_index_jobs import (
    PassageIndexJobs,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.passage_index import (
    PostgresPassageIndex,
    SqlitePassageIndex,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.passage_store import (
    SqlAlchemyPassageUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.project_unit_of_work import (
    SqlAlchemyProjectUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.reader import (
    SqlAlchemyCatalogReader,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_postgres import (
    PostgresSearchIndex,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_sqlite import SqliteSearchIndex
from tutor_platform.catalog.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyCatalogUnitOfWork,
)
from tutor_platform.catalog.application.get_lesson import ReadLesson
from tutor_platform.catalog.container import CatalogContainer
from tutor_platform.catalog.domain.events import CourseChanged
from tutor_platform.identity.adapters.outbound.argon2.password_hasher import Argon2PasswordHasher
from tutor_platform.identity.adapters.outbound.cache.user_reader import (
    CachingUserReader,
    UserCacheInvalidation,
)
from tutor_platform.identity.adapters.outbound.data.common_passwords import FileCommonPasswords
from tutor_platform.identity.adapters.outbound.jwt.token_issuer import JwtTokenIssuer
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.user_reader import SqlAlchemyUserReader
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.events import UsersChanged
from tutor_platform.integrations.adapters.inbound.jobs import integrations_tasks
from tutor_platform.integrations.adapters.outbound.fernet_cipher import token_cipher
from tutor_platform.integrations.adapters.outbound.google.drive_api import HttpDriveApi
from tutor_platform.integrations.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIntegrationsUnitOfWork,
)
from tutor_platform.integrations.container import IntegrationsContainer
from tutor_platform.integrations.ports.platform import UploadRules
from tutor_platform.media.adapters.inbound.jobs import media_tasks
from tutor_platform.media.adapters.outbound.ai_text_writer import AiTextWriter
from tutor_platform.media.adapters.outbound.catalog_lessons import CatalogLessons
from tutor_platform.media.adapters.outbound.local.storage import LocalDirectoryStorage
from tutor_platform.media.adapters.outbound.mutagen.duration_probe import MutagenDurationProbe
from tutor_platform.media.adapters.outbound.puremagic.sniffer import PuremagicContentSniffer
from tutor_platform.media.adapters.outbound.speech.local import LocalSpeechSynthesizer
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_unit_of_work import (
    SqlAlchemyLessonMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyMediaUnitOfWork,
)
from tutor_platform.media.adapters.outbound.video.moviepy_renderer import MoviePyVideoRenderer
from tutor_platform.media.container import MediaContainer
from tutor_platform.media.domain.quota import UploadPolicy
from tutor_platform.progress.adapters.outbound.identity_profiles import IdentityLearnerProfiles
from tutor_platform.progress.adapters.outbound.sqlalchemy.figures_repository import (
    SqlAlchemyCourseFiguresReader,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyProgressUnitOfWork,
)
from tutor_platform.progress.container import ProgressContainer
from tutor_platform.shared.cache.redis_feed import RedisInvalidationFeed
from tutor_platform.shared.cache.ttl_cache import Invalidator, TtlCache
from tutor_platform.shared.clock import SystemClock
from tutor_platform.shared.events import Event, EventBus
from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.jobs.adapters.in_process import InProcessJobQueue
from tutor_platform.shared.jobs.adapters.saq_queue import SaqJobQueue, create_saq_queue
from tutor_platform.shared.jobs.adapters.sqlalchemy import SqlAlchemyJobUnitOfWork
from tutor_platform.shared.jobs.application.get_job import GetJob
from tutor_platform.shared.outage import OutageLog
from tutor_platform.shared.persistence.engine import create_engine, create_session_factory
from tutor_platform.shared.ratelimit.limiter import RateLimiter
from tutor_platform.shared.ratelimit.memory_store import MemoryRateLimitStore
from tutor_platform.shared.ratelimit.policy import route_groups
from tutor_platform.shared.ratelimit.redis_store import RedisRateLimitStore
from tutor_platform.shared.ratelimit.store import RateLimitStore
from tutor_platform.shared.resilience.provider import provider_resilience
from tutor_platform.tutoring.adapters.outbound.catalog_course_context import (
    CatalogCourseContext,
)
from tutor_platform.tutoring.adapters.outbound.media_attachments import MediaFileAttachments
from tutor_platform.tutoring.adapters.outbound.memory.stream_log import InMemoryStreamLog
from tutor_platform.tutoring.adapters.outbound.redis.stream_log import RedisStreamLog
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.figures_repository import (
    SqlAlchemyTutoringFiguresReader,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyTutoringUnitOfWork,
)
from tutor_platform.tutoring.container import TutoringContainer
from tutor_platform.tutoring.ports.stream_log import StreamLog

if TYPE_CHECKING:
    from tutor_platform.integrations.adapters.outbound.google.oauth import AuthlibGoogleOAuth
    from tutor_platform.media.adapters.outbound.s3.storage import S3Storage
    from tutor_platform.media.adapters.outbound.speech.elevenlabs import (
        ElevenLabsSpeechSynthesizer,
    )

USER_CHANGES_CHANNEL = "tutor-platform:user-changes"
CATALOG_CHANGES_CHANNEL = "tutor-platform:catalog-changes"
SEARCH_CHANGES_CHANNEL = "tutor-platform:search-changes"


def _events(
    handlers: dict[type[Event], list[providers.Provider[Any]]],
) -> providers.Singleton[EventBus]:
    """The publisher of a unit of work's events: each type's handlers, in order."""
    return providers.Singleton(
        EventBus, providers.Dict({kind: providers.List(*found) for kind, found in handlers.items()})
    )


def _redis_client(url: str) -> Redis | None:
    return Redis.from_url(url) if url else None


def _invalidator(
    redis: Redis | None, channel: str, cache: TtlCache[Any, Any], outage: OutageLog
) -> Invalidator:
    """Invalidations of ``cache`` shared by every process through Redis when configured."""
    return cache if redis is None else RedisInvalidationFeed(redis, channel, cache, outage=outage)


def _mebibytes(count: int) -> int:
    return count * 2**20


def _feeds(*invalidators: Invalidator) -> list[RedisInvalidationFeed]:
    return [each for each in invalidators if isinstance(each, RedisInvalidationFeed)]


def _database_kind(settings: Settings) -> str:
    return "sqlite" if settings.is_sqlite else "postgresql"


def _job_backend(settings: Settings) -> str:
    return "saq" if settings.uses_saq else "inprocess"


def _job_queue(root: "RootContainer") -> Any:
    """The job queue, for media (declared before the queue, whose tasks need media)."""
    return root.job_queue()


def _job_queue_getter(root: "RootContainer") -> Any:
    """A function returning the job queue, for the catalog's index jobs and assessment's
    retrace jobs (both are declared before the queue, whose tasks need them; the queue is built
    on first use)."""
    return root.job_queue


_SHARED_EMBEDDERS: dict[str, Any] = {}


def _embedder(settings: Settings) -> Any:
    """The configured embedder. The offline ``local`` one holds no connection and no state
    but its weights (half a second to load): one per process, shared by every container."""
    if settings.embedding_provider != "local":
        return build_embedder(settings)
    if "local" not in _SHARED_EMBEDDERS:
        _SHARED_EMBEDDERS["local"] = build_embedder(settings)
    return _SHARED_EMBEDDERS["local"]


def _local_embedder() -> Any:
    """The offline embedder whatever ``EMBEDDING_PROVIDER`` says (the rules grader's
    thresholds are measured on it), shared like ``_embedder``'s."""
    if "local" not in _SHARED_EMBEDDERS:
        _SHARED_EMBEDDERS["local"] = LocalEmbedder()
    return _SHARED_EMBEDDERS["local"]


def _elevenlabs_speech(settings: Settings) -> "ElevenLabsSpeechSynthesizer":
    """ElevenLabs speech with the AI providers' timeout, retry and circuit-breaker settings.

    This and the other optional adapters below import their SDK only when the settings choose
    them, so the default (local) start-up does not load it."""
    from tutor_platform.media.adapters.outbound.speech.elevenlabs import (
        ElevenLabsSpeechSynthesizer,
        classify_elevenlabs_error,
    )

    return ElevenLabsSpeechSynthesizer(
        api_key=settings.elevenlabs_api_key,
        base_url=settings.elevenlabs_base_url,
        voice_id=settings.elevenlabs_voice_id,
        model_id=settings.elevenlabs_model_id,
        timeout_seconds=settings.ai_timeout_seconds,
        resilience=provider_resilience("elevenlabs", classify_elevenlabs_error, settings),
    )


STREAM_LOG_TTL_SECONDS = 600
"""How long the events of a streamed answer can be resumed after the last one."""
STREAM_IDLE_SECONDS = 60.0
"""A resumed stream waits at most this long for its next event."""


def _stream_log(redis: Redis | None) -> StreamLog:
    """Streamed answers logged on Redis Streams (every API process) when Redis is configured,
    else in this process's memory."""
    if redis is None:
        return InMemoryStreamLog(STREAM_LOG_TTL_SECONDS)
    return RedisStreamLog(redis, STREAM_LOG_TTL_SECONDS)


def _rate_limit_store(redis: Redis | None, key_prefix: str) -> RateLimitStore:
    """Redis counters (shared by every process) when Redis is configured, else in memory."""
    if redis is None:
        return MemoryRateLimitStore()
    return RedisRateLimitStore(redis, key_prefix)


def _quota_counter(redis: Redis | None, engine: AsyncEngine, key_prefix: str) -> QuotaCounter:
    """Premium quota counters on Redis (shared by every process) when configured, else in the
    database (shared by the processes on one PostgreSQL)."""
    if redis is None:
        return SqlAlchemyQuotaCounter(engine)
    return RedisQuotaCounter(redis, key_prefix)


def _quota_limits(settings: Settings) -> dict[str, int]:
    return {
        PremiumFeature.ADAPTIVE_LEARNING: settings.quota_adaptive_learning,
        PremiumFeature.LLM_ASSESSMENT: settings.quota_llm_assessment,
        PremiumFeature.SYNTHESIS: settings.quota_synthesis,
        PremiumFeature.MENTOR_SESSION: settings.quota_mentor_session,
    }


def _s3_storage(settings: Settings) -> "S3Storage":
    """Files in the S3 bucket the settings name."""
    from tutor_platform.media.adapters.outbound.s3.storage import S3Storage

    return S3Storage(
        settings.s3_bucket,
        endpoint_url=settings.s3_endpoint_url,
        region=settings.s3_region,
        access_key_id=settings.s3_access_key_id,
        secret_access_key=settings.s3_secret_access_key,
    )


def _google_oauth(settings: Settings, clock: SystemClock) -> "AuthlibGoogleOAuth | None":
    """Google's OAuth client, or None when GOOGLE_CLIENT_ID is not set (Drive answers 503)."""
    if not settings.google_client_id:
        return None
    from tutor_platform.integrations.adapters.outbound.google.oauth import (
        AuthlibGoogleOAuth,
        GoogleEndpoints,
    )

    return AuthlibGoogleOAuth(
        client_id=settings.google_client_id,
        client_secret=settings.google_client_secret,
        redirect_uri=settings.google_oauth_redirect_uri,
        scope=settings.google_drive_scope,
        endpoints=GoogleEndpoints(
            settings.google_oauth_authorize_url,
            settings.google_oauth_token_url,
            settings.google_oauth_revoke_url,
        ),
        clock=clock,
    )


def _public_url(settings: Settings) -> str:
    return f"http://{settings.host}:{settings.port}"


def _context_tasks(*groups: list[Any]) -> list[Any]:
    return [task for group in groups for task in group]


class RootContainer(containers.DeclarativeContainer):
    """Wires ports to adapters for the API process and the worker alike."""

    __self__ = providers.Self()
    settings = providers.Dependency(instance_of=Settings)
    clock = providers.Singleton(SystemClock)
    engine = providers.Singleton(
        create_engine,
        settings.provided.database_url,
        pool_size=settings.provided.database_pool_size,
        echo=settings.provided.database_echo,
    )
    session_factory = providers.Singleton(create_session_factory, engine)
    redis = providers.Singleton(_redis_client, settings.provided.redis_url)
    redis_outage = providers.Singleton(OutageLog, "redis")
    metrics = providers.Singleton(HttpMetrics)
    tracer_provider = providers.Singleton(tracer_provider_for, settings)
    rate_limit_key_prefix = providers.Object("ratelimit:")
    rate_limit_store = providers.Singleton(_rate_limit_store, redis, rate_limit_key_prefix)
    rate_limit_groups = providers.Singleton(route_groups, settings)
    rate_limiter = providers.Singleton(RateLimiter, rate_limit_store, rate_limit_groups)
    tutor_models = providers.Singleton(build_tutor_models, settings)
    embedder = providers.Singleton(_embedder, settings)
    ai = providers.Container(
        AiContainer,
        tutor_models=tutor_models,
        embedder=embedder,
        usage_ledger=providers.Singleton(SqlAlchemyUsageLedger, session_factory),
        clock=clock,
        ai_prices=settings.provided.ai_prices,
        default_models=providers.Singleton(default_model_ids, settings),
    )
    user_cache: providers.Singleton[TtlCache[Any, Any]] = providers.Singleton(
        TtlCache, settings.provided.auth_cache_ttl_seconds, name="users"
    )
    user_invalidator = providers.Singleton(
        _invalidator, redis, USER_CHANGES_CHANNEL, user_cache, redis_outage
    )
    user_cache_invalidation = providers.Singleton(UserCacheInvalidation, user_invalidator)
    identity = providers.Container(
        IdentityContainer,
        clock=clock,
        uow_factory=providers.Singleton(
            partial,
            SqlAlchemyIdentityUnitOfWork,
            session_factory,
            _events({UsersChanged: [user_cache_invalidation.provided.users_changed]}),
        ),
        user_reader=providers.Singleton(
            CachingUserReader, providers.Singleton(SqlAlchemyUserReader, engine), user_cache
        ),
        password_hasher=providers.Singleton(
            Argon2PasswordHasher,
            time_cost=settings.provided.argon2_time_cost,
            memory_cost_kib=settings.provided.argon2_memory_cost_kib,
            parallelism=settings.provided.argon2_parallelism,
        ),
        token_issuer=providers.Singleton(
            JwtTokenIssuer,
            algorithm=settings.provided.jwt_algorithm,
            secret_key=settings.provided.secret_key,
            private_key=settings.provided.jwt_private_key,
            public_key=settings.provided.jwt_public_key,
            issuer=settings.provided.jwt_issuer,
            audience=settings.provided.jwt_audience,
            ttl_seconds=settings.provided.access_token_ttl_seconds,
            clock=clock,
        ),
        common_passwords=providers.Singleton(FileCommonPasswords),
        refresh_token_ttl_seconds=settings.provided.refresh_token_ttl_seconds,
        refresh_rotation_key=settings.provided.secret_key,
        refresh_reuse_grace_seconds=settings.provided.refresh_token_reuse_grace_seconds,
    )
    catalog_cache: providers.Singleton[TtlCache[Any, Any]] = providers.Singleton(
        TtlCache,
        settings.provided.catalog_cache_ttl_seconds,
        max_entries=settings.provided.catalog_cache_max_entries,
        max_bytes=providers.Callable(_mebibytes, settings.provided.catalog_cache_max_mb),
        name="catalog",
    )
    catalog_invalidator = providers.Singleton(
        _invalidator, redis, CATALOG_CHANGES_CHANNEL, catalog_cache, redis_outage
    )
    search_cache: providers.Singleton[TtlCache[Any, Any]] = providers.Singleton(
        TtlCache,
        settings.provided.search_cache_ttl_seconds,
        max_entries=settings.provided.search_cache_max_entries,
        max_bytes=providers.Callable(_mebibytes, settings.provided.search_cache_max_mb),
        name="search",
    )
    search_invalidator = providers.Singleton(
        _invalidator, redis, SEARCH_CHANGES_CHANNEL, search_cache, redis_outage
    )
    catalog_cache_invalidation = providers.Singleton(
        CatalogCacheInvalidation, catalog_invalidator, search_invalidator
    )
    passage_index_jobs = providers.Singleton(
        PassageIndexJobs, providers.Callable(_job_queue_getter, __self__)
    )
    catalog = providers.Container(
        CatalogContainer,
        clock=clock,
        catalog_uow_factory=providers.Singleton(
            partial,
            SqlAlchemyCatalogUnitOfWork,
            session_factory,
            _events(
                {
                    CourseChanged: [
                        catalog_cache_invalidation.provided.course_changed,
                        passage_index_jobs.provided.course_changed,
                    ]
                }
            ),
        ),
        catalog_reader=providers.Singleton(
            CachingCatalogReader,
            providers.Singleton(SqlAlchemyCatalogReader, engine),
            catalog_cache,
        ),
        passage_uow_factory=providers.Singleton(
            partial, SqlAlchemyPassageUnitOfWork, session_factory
        ),
        passage_index=providers.Selector(
            providers.Callable(_database_kind, settings),
            sqlite=providers.Singleton(SqlitePassageIndex, engine),
            postgresql=providers.Singleton(PostgresPassageIndex, engine),
        ),
        lesson_splitter=providers.Singleton(MarkdownItLessonSplitter),
        embedder=embedder,
        project_uow_factory=providers.Singleton(
            partial, SqlAlchemyProjectUnitOfWork, session_factory
        ),
        search_index=providers.Singleton(
            CachingSearchIndex,
            providers.Selector(
                providers.Callable(_database_kind, settings),
                sqlite=providers.Singleton(SqliteSearchIndex, engine),
                postgresql=providers.Singleton(PostgresSearchIndex, engine),
            ),
            search_cache,
        ),
    )
    progress = providers.Container(
        ProgressContainer,
        clock=clock,
        catalog=catalog.facade,
        learner_catalog=catalog.learner_facade,
        progress_uow_factory=providers.Singleton(
            partial, SqlAlchemyProgressUnitOfWork, session_factory
        ),
        course_figures=providers.Singleton(SqlAlchemyCourseFiguresReader, session_factory),
        learner_profiles=providers.Singleton(IdentityLearnerProfiles, identity.facade),
    )
    read_lesson = providers.Factory(ReadLesson, catalog.get_lesson, progress.facade)
    media = providers.Container(
        MediaContainer,
        clock=clock,
        uow_factory=providers.Singleton(partial, SqlAlchemyMediaUnitOfWork, session_factory),
        storage=providers.Selector(
            settings.provided.storage_backend,
            local=providers.Singleton(LocalDirectoryStorage, settings.provided.storage_dir),
            s3=providers.Singleton(_s3_storage, settings),
        ),
        sniffer=providers.Singleton(PuremagicContentSniffer),
        duration_probe=providers.Singleton(MutagenDurationProbe),
        upload_policy=providers.Singleton(
            UploadPolicy,
            max_bytes=settings.provided.upload_max_bytes,
            allowed_types=settings.provided.upload_allowed_type_list,
            quota_bytes=settings.provided.storage_quota_bytes_per_user,
        ),
        lesson_uow_factory=providers.Singleton(
            partial, SqlAlchemyLessonMediaUnitOfWork, session_factory
        ),
        lesson_catalog=providers.Singleton(CatalogLessons, catalog.facade),
        text_writer=providers.Singleton(AiTextWriter, ai.facade),
        speech_synthesizer=providers.Selector(
            settings.provided.speech_provider,
            local=providers.Singleton(LocalSpeechSynthesizer, settings.provided.espeak_ng_path),
            elevenlabs=providers.Singleton(_elevenlabs_speech, settings),
        ),
        video_renderer=providers.Singleton(MoviePyVideoRenderer),
        job_queue=providers.Callable(_job_queue, __self__),
    )
    tutoring = providers.Container(
        TutoringContainer,
        clock=clock,
        uow_factory=providers.Singleton(partial, SqlAlchemyTutoringUnitOfWork, session_factory),
        figures=providers.Singleton(SqlAlchemyTutoringFiguresReader, session_factory),
        tutor_models=tutor_models,
        default_models=providers.Singleton(default_model_ids, settings),
        course_context=providers.Singleton(CatalogCourseContext, catalog.facade),
        attachments=providers.Singleton(MediaFileAttachments, media.facade),
        study_time_ledger=progress.facade,
        history_token_budget=settings.provided.tutor_history_token_budget,
        stream_log=providers.Singleton(_stream_log, redis),
        stream_idle_seconds=providers.Object(STREAM_IDLE_SECONDS),
    )
    quota_key_prefix = providers.Object("quota:")
    assessment_ai = providers.Singleton(FacadeAssessmentAI, ai.facade)
    rules_grader = providers.Singleton(
        RulesFreeTextGrader,
        providers.Singleton(EmbedderTextSimilarity, providers.Callable(_local_embedder)),
    )
    ai_grader = providers.Singleton(AiFreeTextGrader, assessment_ai, rules_grader)
    free_text_grader = providers.Selector(
        settings.provided.ai_provider_default,
        local=rules_grader,
        gemini=ai_grader,
        ai_core=ai_grader,
        openai=ai_grader,
    )
    progress_records = providers.Singleton(ProgressRecords, progress.facade)
    assessment = providers.Container(
        AssessmentContainer,
        clock=clock,
        uow_factory=providers.Singleton(
            partial,
            SqlAlchemyAssessmentUnitOfWork,
            session_factory,
            _events(
                {
                    BestScoreChanged: [providers.Singleton(BestScoreHandOff, progress_records)],
                    MasteryParametersChanged: [
                        providers.Singleton(
                            MasteryRetraceJobs, providers.Callable(_job_queue_getter, __self__)
                        )
                    ],
                }
            ),
        ),
        catalog=providers.Singleton(CatalogCourses, catalog.facade),
        progress=progress_records,
        ai=assessment_ai,
        free_text_grader=free_text_grader,
        scheduler=providers.Singleton(FsrsReviewScheduler),
        users=providers.Singleton(IdentityUserDirectory, identity.facade),
        quota_counter=providers.Singleton(_quota_counter, redis, engine, quota_key_prefix),
        quota_limits=providers.Singleton(_quota_limits, settings),
        figures=providers.Singleton(SqlAlchemyAssessmentFiguresReader, session_factory),
    )
    token_cipher = providers.Singleton(
        token_cipher, settings.provided.token_encryption_keys, settings.provided.secret_key
    )
    integrations = providers.Container(
        IntegrationsContainer,
        clock=clock,
        uow_factory=providers.Singleton(
            partial, SqlAlchemyIntegrationsUnitOfWork, session_factory, token_cipher
        ),
        google_oauth=providers.Singleton(_google_oauth, settings, clock),
        drive_api=providers.Singleton(HttpDriveApi, settings.provided.google_drive_api_url),
        upload_rules=providers.Singleton(
            UploadRules,
            allowed_types=settings.provided.upload_allowed_type_list,
            max_bytes=settings.provided.upload_max_bytes,
        ),
        job_queue=providers.Callable(_job_queue, __self__),
        drive_done_url=settings.provided.google_drive_done_url,
        media=media.facade,
        identity=identity.facade,
        learner_catalog=catalog.learner_facade,
        learner_progress=progress.learner_facade,
        assessment=assessment.facade,
        chat=tutoring.chat,
        authenticator=identity.authenticator,
        rate_limiter=rate_limiter,
        rate_limit_enabled=settings.provided.rate_limit_enabled,
        public_url=providers.Callable(_public_url, settings),
        allowed_hosts=settings.provided.allowed_host_list,
        allowed_origins=settings.provided.cors_origin_list,
        max_body_bytes=settings.provided.max_request_body_bytes,
    )
    cache_feeds = providers.Singleton(
        _feeds, user_invalidator, catalog_invalidator, search_invalidator
    )
    task_registry = providers.Singleton(
        build_task_registry,
        settings,
        identity=identity.facade.provider,
        context_tasks=providers.Callable(
            _context_tasks,
            providers.Callable(
                media_tasks,
                media.render_lesson_summary.provider,
                media.generate_lesson_draft.provider,
                summary_timeout_seconds=settings.provided.summary_job_timeout_seconds,
            ),
            providers.Callable(catalog_tasks, catalog.index_lesson_passages.provider),
            providers.Callable(integrations_tasks, integrations.run_drive_import.provider),
            providers.Callable(assessment_tasks, assessment.retrace_course_mastery.provider),
        ),
    )
    job_uow_factory = providers.Singleton(partial, SqlAlchemyJobUnitOfWork, session_factory)
    job_queue = providers.Selector(
        providers.Callable(_job_backend, settings),
        inprocess=providers.Singleton(
            InProcessJobQueue,
            task_registry,
            job_uow_factory,
            clock,
            concurrency=settings.provided.job_concurrency,
        ),
        saq=providers.Singleton(
            SaqJobQueue,
            providers.Singleton(
                create_saq_queue, settings.provided.redis_url, settings.provided.job_queue_name
            ),
            task_registry,
            job_uow_factory,
            clock,
        ),
    )
    get_job = providers.Factory(GetJob, job_queue)


def build_container(settings: Settings) -> RootContainer:
    """A container for these settings; nothing is connected until first used."""
    return RootContainer(settings=settings)


async def close_container(container: RootContainer) -> None:
    """Release connections held by the container's singletons."""
    await container.job_queue().aclose()
    await container.media.storage().aclose()
    await container.media.speech_synthesizer().aclose()
    await container.integrations.drive_api().aclose()
    for feed in container.cache_feeds():
        await feed.stop()
    await container.tutoring.detached_tasks().drain()
    await container.tutor_models().aclose()
    await close_embedder(container.embedder())
    redis = container.redis()
    if redis is not None:
        await redis.aclose()
    await container.engine().dispose()

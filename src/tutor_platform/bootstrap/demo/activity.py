"""``tutor-platform seed-demo --activity``: a few hundred learners' plausible activity on the
demo courses, so that the analytics (SPEC 9) show something on the embedded default.

Everything goes through the contexts' use cases with the app's clock moved to each event's
time, so the figures are kept by the same hooks as in real use. Learners start over the last
eight weeks and work through a course lesson by lesson, a few dropping out after each lesson;
they take the lesson's quizzes (right answers with their skill, else a plausible wrong one,
the same mistake more often than others), ask the course's tutor questions (a quarter of them
off-topic: those are the content gaps) and rate some answers. The learners are seeded once
(``learner001``...); a second run adds nothing. Random but reproducible (a fixed seed).

The learners never log in: their password is one secret nobody keeps, hashed once for all
of them (an argon2 hash is the slowest step of making an account).
"""

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final
from uuid import UUID

from dependency_injector import providers
from sqlalchemy import select

from tutor_platform.assessment.domain.quiz import Question, QuestionKind, Quiz
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.demo.catalog import DemoCatalog
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import CourseRow
from tutor_platform.catalog.domain.catalog import Lesson
from tutor_platform.identity.application.create_user import NewUser
from tutor_platform.identity.ports.security import PasswordHasher
from tutor_platform.shared.auth import Plan, Principal, Role
from tutor_platform.shared.errors import DomainError
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import TutorRow
from tutor_platform.tutoring.domain.feedback import FeedbackInput, FeedbackType, QuickReaction
from tutor_platform.tutoring.domain.message import NewMessage

DEFAULT_LEARNERS: Final = 300
WEEKS: Final = 8
OFF_TOPIC: Final = (
    "How do I center a div in CSS?",
    "how do you center a div with css",
    "What will the weather be like tomorrow?",
    "Can you help with my calculus homework on integrals?",
    "How do I solve integrals in calculus?",
    "How do I deploy my app to Kubernetes?",
    "Which laptop should I buy for gaming?",
)
WRONG_SHORT_ANSWERS: Final = ("i don't know", "none", "the same", "0")


@dataclass
class ActivityReport:
    learners: int = 0
    completions: int = 0
    attempts: int = 0
    questions: int = 0
    skipped: bool = False


@dataclass
class _SeedClock:
    """The clock the use cases read while the seed replays a learner's history."""

    at: datetime

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class _OneHash:
    """A ``PasswordHasher`` that gives every new account the same, already made hash."""

    inner: PasswordHasher
    password_hash: str

    async def hash(self, password: str) -> str:
        return self.password_hash

    async def verify(self, password_hash: str, password: str) -> bool:
        return await self.inner.verify(password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self.inner.needs_rehash(password_hash)


@dataclass
class _Course:
    id: UUID
    lessons: list[Lesson]
    quizzes: dict[UUID, list[Quiz]] = field(default_factory=dict)
    tutor_id: UUID | None = None


async def _courses(container: RootContainer, catalog: DemoCatalog) -> list[_Course]:
    slugs = [course.slug for course in catalog.courses]
    async with container.session_factory()() as session:
        found = (await session.execute(select(CourseRow.id).where(CourseRow.slug.in_(slugs)))).all()
        courses = []
        for (course_id,) in found:
            tutor = await session.scalar(
                select(TutorRow.id).where(TutorRow.course_id == course_id).limit(1)
            )
            lessons = await container.catalog.catalog_reader().ordered_lessons(course_id)
            courses.append(_Course(course_id, lessons, tutor_id=tutor))
    for course in courses:
        async with container.assessment.uow_factory()() as uow:
            for quiz in await uow.quizzes.all_of_course(course.id):
                if quiz.lesson_id is not None:
                    course.quizzes.setdefault(quiz.lesson_id, []).append(quiz)
    return courses


def _answer(rng: random.Random, question: Question, skill: float) -> Any:
    right = rng.random() < skill
    options = [option.id for option in question.options]
    wrong = [option for option in options if option not in question.correct_option_ids]
    if question.kind == QuestionKind.SINGLE_CHOICE:
        if right or not wrong:
            return question.correct_option_ids[0]
        return wrong[0] if rng.random() < 0.6 else rng.choice(wrong)
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        if right or not wrong:
            return list(question.correct_option_ids)
        return [*question.correct_option_ids[:1], wrong[0]]
    if question.kind == QuestionKind.TRUE_FALSE:
        return bool(question.correct) if right else not question.correct
    if question.kind == QuestionKind.SHORT_ANSWER:
        accepted = question.accepted_answers
        return accepted[0] if right and accepted else rng.choice(WRONG_SHORT_ANSWERS)
    rubric = question.rubric
    if right and rubric is not None and rubric.model_answer:
        return rubric.model_answer
    return "I think it depends on the situation."


class _Learner:
    def __init__(
        self, container: RootContainer, clock: _SeedClock, rng: random.Random, user_id: UUID
    ) -> None:
        self.container, self.clock, self.rng = container, clock, rng
        self.principal = Principal(user_id=user_id, role=Role.STUDENT, plan=Plan.FREE)
        self.skill = rng.uniform(0.35, 0.95)

    async def study(self, course: _Course, now: datetime, report: ActivityReport) -> None:
        rng, progress = self.rng, self.container.progress
        keep_going = rng.uniform(0.6, 0.95)
        self.clock.at = now - timedelta(days=rng.uniform(1, WEEKS * 7), hours=rng.uniform(0, 8))
        for lesson in course.lessons:
            if self.clock.at >= now:
                return
            await progress.record_lesson_access().execute(self.principal.user_id, lesson.id)
            minutes = max(2.0, rng.lognormvariate(0, 0.5) * (lesson.estimated_minutes or 10))
            self.clock.at += timedelta(minutes=minutes)
            try:
                await progress.complete_lesson().execute(self.principal, lesson.id)
            except DomainError:  # a premium lesson: a free learner stops here
                return
            report.completions += 1
            for quiz in course.quizzes.get(lesson.id, []):
                if rng.random() < 0.75:
                    await self._attempts(quiz, report)
            if course.tutor_id is not None and rng.random() < 0.3:
                await self._ask(course.tutor_id, lesson, report)
            if rng.random() > keep_going:
                return
            self.clock.at += timedelta(hours=rng.uniform(2, 72))

    async def _attempts(self, quiz: Quiz, report: ActivityReport) -> None:
        for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
            self.clock.at += timedelta(minutes=self.rng.uniform(3, 15))
            answers = {str(q.id): _answer(self.rng, q, self.skill) for q in quiz.questions}
            try:
                attempt = await self.container.assessment.submit_attempt().execute(
                    self.principal, quiz.id, answers
                )
            except DomainError:  # no attempt left, or a premium quiz
                return
            report.attempts += 1
            if attempt.passed:
                return

    async def _ask(self, tutor_id: UUID, lesson: Lesson, report: ActivityReport) -> None:
        tutoring = self.container.tutoring
        session = await tutoring.start_session().execute(self.principal, tutor_id)
        for _ in range(self.rng.randint(1, 3)):
            self.clock.at += timedelta(minutes=self.rng.uniform(1, 6))
            off_topic = self.rng.random() < 0.25
            text = (
                self.rng.choice(OFF_TOPIC)
                if off_topic
                else f"Can you explain {lesson.title} with an example?"
            )
            exchange = await tutoring.send_message().execute(
                self.principal, session.id, NewMessage(content=text)
            )
            report.questions += 1
            if self.rng.random() < 0.3:
                given = (
                    FeedbackInput(FeedbackType.DETAILED, rating=self.rng.choice((3, 4, 4, 5, 5)))
                    if self.rng.random() < 0.6
                    else FeedbackInput(
                        FeedbackType.QUICK,
                        quick_reaction=self.rng.choice(
                            (QuickReaction.HELPFUL, QuickReaction.CLEAR, QuickReaction.TOO_HARD)
                        ),
                    )
                )
                answer_id = exchange.assistant_message.id
                await tutoring.give_feedback().execute(self.principal, answer_id, given)


async def seed_activity(
    container: RootContainer, catalog: DemoCatalog, learners: int = DEFAULT_LEARNERS
) -> ActivityReport:
    """Learners ``learner001``... and their activity over the last weeks (once)."""
    report = ActivityReport()
    courses = [course for course in await _courses(container, catalog) if course.lessons]
    now = container.clock().now()
    rng = random.Random(17)  # noqa: S311 - demo data, not security
    clock = _SeedClock(now)
    hasher = container.identity.password_hasher()
    unknown = await hasher.hash(secrets.token_urlsafe(32))
    container.clock.override(providers.Object(clock))
    container.identity.password_hasher.override(providers.Object(_OneHash(hasher, unknown)))
    try:
        for n in range(1, learners + 1):
            username = f"learner{n:03d}"
            try:
                created = await container.identity.create_user().execute(
                    NewUser(
                        f"{username}@demo.example",
                        username,
                        secrets.token_urlsafe(24),
                        f"Demo learner {n}",
                        Role.STUDENT,
                    )
                )
            except DomainError:  # seeded before: leave the activity as it is
                report.skipped = True
                break
            report.learners += 1
            learner = _Learner(container, clock, rng, created.id)
            for course in rng.sample(courses, k=rng.randint(1, len(courses))):
                await learner.study(course, now, report)
    finally:
        container.identity.password_hasher.reset_last_overriding()
        container.clock.reset_last_overriding()
    return report


def activity_line(report: ActivityReport) -> str:
    if report.skipped and not report.learners:
        return "demo activity: already seeded, nothing added"
    return (
        f"demo activity: {report.learners} learners, {report.completions} lesson completions, "
        f"{report.attempts} quiz attempts, {report.questions} tutor questions"
    )

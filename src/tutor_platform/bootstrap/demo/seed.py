"""``tutor-platform seed-demo``: the demo accounts and courses, through the contexts' use cases.

Idempotent: accounts that exist are reused, and a course whose slug is taken is left as it is
(with everything seeded alongside it: projects, and the tutor and quizzes of later contexts).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.application.create_quiz import NewQuiz
from tutor_platform.assessment.domain.authoring import OptionDraft, QuestionDraft
from tutor_platform.assessment.domain.quiz import CHOICE_KINDS, QuestionKind, Rubric
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.demo.catalog import (
    DemoAccount,
    DemoCatalog,
    DemoCourse,
    DemoQuestion,
    load_demo_catalog,
)
from tutor_platform.bootstrap.logging import announce
from tutor_platform.catalog.application.create_course import NewCourse
from tutor_platform.catalog.application.create_lesson import NewLesson
from tutor_platform.catalog.application.create_project import NewProject
from tutor_platform.identity.application.create_user import NewUser
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.auth import Plan, Principal, Role
from tutor_platform.shared.errors import Conflict
from tutor_platform.shared.pagination import Page, PageRequest
from tutor_platform.tutoring.application.create_tutor import NewTutor


@dataclass
class SeededCourse:
    """Ids of a course created by the seed, for what later contexts attach to it."""

    course_id: UUID
    lesson_ids: dict[str, UUID] = field(default_factory=dict)


@dataclass
class DemoSeedReport:
    """What the seed found and created."""

    instructor: DemoAccount
    student: DemoAccount
    premium_student: DemoAccount
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


async def seed_demo(container: RootContainer, catalog: DemoCatalog) -> DemoSeedReport:
    """Create what is missing of the demo data; report the accounts and the courses."""
    report = DemoSeedReport(catalog.instructor, catalog.student, catalog.premium_student)
    instructor_id = await _account(container, catalog.instructor, Role.INSTRUCTOR)
    await _account(container, catalog.student, Role.STUDENT)
    premium_id = await _account(container, catalog.premium_student, Role.STUDENT)
    await container.identity.set_subscription().execute(premium_id, Plan.PREMIUM)
    instructor = Principal(user_id=instructor_id, role=Role.INSTRUCTOR, plan=Plan.FREE)
    for course in catalog.courses:
        if await _slug_taken(container, course.slug):
            report.kept.append(course.slug)
            continue
        seeded = await _course(container, instructor, course)
        await _index(container, seeded)
        await _tutor(container, instructor, catalog, course.slug, seeded)
        await _projects(container, instructor, catalog, course.slug, seeded)
        await _quizzes(container, instructor, catalog, course.slug, seeded)
        report.created.append(course.slug)
    return report


async def _account(container: RootContainer, account: DemoAccount, role: Role) -> UUID:
    command = NewUser(account.email, account.username, account.password, account.full_name, role)
    try:
        created: UserView = await container.identity.create_user().execute(command)
    except Conflict:
        page: Page[UserView] = await container.identity.list_users().execute(
            UserQuery(q=account.username), PageRequest(limit=100)
        )
        for user in page.items:
            if user.username == account.username:
                return user.id
        raise
    return created.id


async def _slug_taken(container: RootContainer, slug: str) -> bool:
    async with container.catalog.catalog_uow_factory()() as uow:
        return bool(await uow.courses.slugs_taken({slug}))


async def _course(
    container: RootContainer, instructor: Principal, course: DemoCourse
) -> SeededCourse:
    catalog = container.catalog
    created = await catalog.create_course().execute(
        instructor,
        NewCourse(
            title=course.title,
            slug=course.slug,
            description=course.description,
            subject=course.subject,
            difficulty=course.difficulty,
            prerequisites=list(course.prerequisites),
        ),
    )
    seeded = SeededCourse(created.id)
    for section in course.sections:
        made = await catalog.create_section().execute(instructor, created.id, section.title)
        for lesson in section.lessons:
            lesson_made = await catalog.create_lesson().execute(
                instructor,
                made.id,
                NewLesson(
                    title=lesson.title,
                    content=lesson.content,
                    estimated_minutes=lesson.estimated_minutes,
                    is_premium=lesson.is_premium,
                ),
            )
            seeded.lesson_ids[lesson.slug] = lesson_made.id
    await catalog.publish_course().execute(instructor, created.id, published=True)
    return seeded


async def _index(container: RootContainer, seeded: SeededCourse) -> None:
    """Index the course's passages now, so that the demo tutor can cite them from the first
    question (the index jobs its lessons enqueued find them current)."""
    index = container.catalog.index_lesson_passages()
    for lesson_id in seeded.lesson_ids.values():
        await index.execute(lesson_id)


async def _tutor(
    container: RootContainer,
    instructor: Principal,
    catalog: DemoCatalog,
    course_slug: str,
    seeded: SeededCourse,
) -> None:
    tutor = catalog.tutor
    if tutor.course_slug != course_slug:
        return
    await container.tutoring.create_tutor().execute(
        instructor,
        NewTutor(
            name=tutor.name,
            provider=tutor.provider,
            course_id=seeded.course_id,
            description=tutor.description,
            system_prompt=tutor.system_prompt,
            temperature=tutor.temperature,
        ),
    )


async def _projects(
    container: RootContainer,
    instructor: Principal,
    catalog: DemoCatalog,
    course_slug: str,
    seeded: SeededCourse,
) -> None:
    for project in catalog.projects:
        if project.course_slug != course_slug:
            continue
        await container.catalog.create_project().execute(
            instructor,
            NewProject(
                title=project.title,
                course_id=seeded.course_id,
                summary=project.summary,
                tech_stack=list(project.tech_stack),
                content=project.content,
                is_published=project.is_published,
            ),
        )


async def _quizzes(
    container: RootContainer,
    instructor: Principal,
    catalog: DemoCatalog,
    course_slug: str,
    seeded: SeededCourse,
) -> None:
    for quiz in catalog.quizzes:
        if quiz.course_slug != course_slug:
            continue
        await container.assessment.create_quiz().execute(
            instructor,
            seeded.course_id,
            NewQuiz(
                title=quiz.title,
                lesson_id=seeded.lesson_ids[quiz.lesson_slug],
                passing_score=Decimal(str(quiz.passing_score)),
                is_premium=quiz.is_premium,
                max_attempts=quiz.max_attempts,
                questions=[_question_draft(question) for question in quiz.questions],
            ),
        )


def _question_draft(question: DemoQuestion) -> QuestionDraft:
    """The demo question with only the answer fields of its kind."""
    choice = question.kind in CHOICE_KINDS
    rubric = question.rubric
    return QuestionDraft(
        kind=question.kind,
        prompt=question.prompt,
        points=question.points,
        explanation=question.explanation,
        options=[OptionDraft(o.text, o.id) for o in question.options] if choice else None,
        correct_option_ids=list(question.correct_option_ids) if choice else None,
        correct=question.correct,
        accepted_answers=list(question.accepted_answers)
        if question.kind == QuestionKind.SHORT_ANSWER
        else None,
        rubric=None if rubric is None else Rubric(rubric.keywords, rubric.guidance),
    )


def credentials_banner(report: DemoSeedReport) -> str:
    """The lines ``serve`` prints so that a new user can log in at once."""
    lines = ["Demo accounts (log in with POST /api/v1/auth/login):"]
    accounts = (
        ("instructor", report.instructor),
        ("student", report.student),
        ("premium", report.premium_student),
    )
    for label, account in accounts:
        lines.append(f"  {label:<10} login {account.username}  password {account.password}")
    return "\n".join(lines)


async def load_demo_on_start(
    container: RootContainer, *, production: bool = False, json_logs: bool = False
) -> None:
    """Seed the demo data (what is missing of it) and tell how to log in; in production (where
    only ``DEMO_DATA=on`` loads it) warn that accounts with public passwords exist."""
    report = await seed_demo(container, load_demo_catalog())
    if production:
        announce(
            "WARNING: DEMO_DATA=on loads the demo accounts, whose passwords are public, "
            "in production",
            "demo_data_in_production",
            json_logs=json_logs,
            warning=True,
            detail="DEMO_DATA=on loads the demo accounts, whose passwords are public",
        )
    announce(
        credentials_banner(report),
        "demo_data_loaded",
        json_logs=json_logs,
        demo_logins=[report.instructor.username, report.student.username],
        courses_created=report.created,
    )

"""Reads the demo content shipped in ``content/`` into typed, validated structs.

Layout of a content root::

    catalog.toml                      accounts and the list of course folders
    courses/<slug>/course.toml        course metadata, sections, lesson metadata
    courses/<slug>/lessons/<slug>.md  one Markdown file per lesson
    tutor.toml  quizzes.toml  projects.toml  projects/<slug>.md

Each TOML file is decoded with ``msgspec`` into the structs below (text stripped first);
every problem is a ``ValueError`` that names the file (relative to the root) and the field
(``toml_reading``).
"""

from collections.abc import Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, TypeVar

import msgspec
from msgspec.structs import force_setattr

from tutor_platform.ai.api import ProviderName
from tutor_platform.assessment.domain.quiz import CHOICE_KINDS, QuestionKind
from tutor_platform.bootstrap.demo.toml_reading import (
    FROM_MARKDOWN,
    error,
    read_markdown,
    read_toml,
    unknown_fields,
)
from tutor_platform.catalog.domain.catalog import Difficulty

_PACKAGE = __name__.rpartition(".")[0]

Text = Annotated[str, msgspec.Meta(min_length=1)]
Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Positive = Annotated[int, msgspec.Meta(ge=1)]
T = TypeVar("T")
NonEmpty = Annotated[tuple[T, ...], msgspec.Meta(min_length=1)]
Texts = NonEmpty[Text]


class DemoAccount(msgspec.Struct, frozen=True, kw_only=True):
    """An account to register; the password satisfies the identity password policy."""

    email: Text
    username: Text
    full_name: Text
    password: Text


class DemoLesson(msgspec.Struct, frozen=True, kw_only=True):
    """A lesson; ``content`` is Markdown."""

    slug: Slug
    title: Text
    content: str = ""
    estimated_minutes: Positive
    is_premium: bool = False


class DemoSection(msgspec.Struct, frozen=True, kw_only=True):
    """A section and its lessons, in position order."""

    title: Text
    lessons: NonEmpty[DemoLesson]


class DemoCourse(msgspec.Struct, frozen=True, kw_only=True):
    """A course and its sections, in position order."""

    title: Text
    slug: Slug
    description: Text
    subject: Text
    difficulty: Difficulty
    prerequisites: tuple[Text, ...]
    sections: NonEmpty[DemoSection]

    @property
    def lessons(self) -> tuple[DemoLesson, ...]:
        """Every lesson of the course, in reading order across sections."""
        return tuple(lesson for section in self.sections for lesson in section.lessons)


class DemoTutor(msgspec.Struct, frozen=True, kw_only=True):
    """An AI tutor attached to the course whose slug is ``course_slug``."""

    course_slug: Text = msgspec.field(name="course")
    name: Text
    description: Text
    system_prompt: Text
    temperature: Annotated[float, msgspec.Meta(ge=0.0, le=2.0)]
    provider: ProviderName


class DemoOption(msgspec.Struct, frozen=True, kw_only=True):
    """One option of a single or multiple choice question."""

    id: Text
    text: Text


class DemoRubric(msgspec.Struct, frozen=True, kw_only=True):
    """How a free-text answer is graded."""

    keywords: Texts
    guidance: Text


class DemoQuestion(msgspec.Struct, frozen=True, kw_only=True):
    """A quiz question; only the answer fields of its ``kind`` are set (SPEC section 4)."""

    kind: QuestionKind
    prompt: Text
    points: Positive
    explanation: Text | None = None
    options: NonEmpty[DemoOption] = ()
    correct_option_ids: Texts = ()
    correct: bool | None = None
    accepted_answers: Texts = ()
    rubric: DemoRubric | None = None


_ANSWER_FIELDS = {
    QuestionKind.SINGLE_CHOICE: ("options", "correct_option_ids"),
    QuestionKind.MULTIPLE_CHOICE: ("options", "correct_option_ids"),
    QuestionKind.TRUE_FALSE: ("correct",),
    QuestionKind.SHORT_ANSWER: ("accepted_answers",),
    QuestionKind.FREE_TEXT: ("rubric",),
}
_ANSWERS = {field for fields in _ANSWER_FIELDS.values() for field in fields}


class DemoQuiz(msgspec.Struct, frozen=True, kw_only=True):
    """A quiz of a course, linked to one of its lessons by slug."""

    course_slug: Text = msgspec.field(name="course")
    lesson_slug: Text = msgspec.field(name="lesson")
    title: Text
    passing_score: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
    max_attempts: Positive | None = None
    is_premium: bool = False
    questions: NonEmpty[DemoQuestion]


class DemoProject(msgspec.Struct, frozen=True, kw_only=True):
    """A portfolio project, attached to a course when ``course_slug`` is set."""

    slug: Slug
    course_slug: Text | None = msgspec.field(default=None, name="course")
    title: Text
    summary: Text
    tech_stack: Texts
    content: str = ""
    is_published: bool


class _CatalogFile(msgspec.Struct, frozen=True, kw_only=True):
    instructor: DemoAccount
    student: DemoAccount
    premium_student: DemoAccount
    courses: Texts


class _QuizzesFile(msgspec.Struct, frozen=True, kw_only=True):
    quizzes: NonEmpty[DemoQuiz]


class _ProjectsFile(msgspec.Struct, frozen=True, kw_only=True):
    projects: NonEmpty[DemoProject]


class DemoCatalog(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the demo seeding creates; the first course is the main one."""

    instructor: DemoAccount
    student: DemoAccount
    premium_student: DemoAccount
    courses: tuple[DemoCourse, ...]
    tutor: DemoTutor
    quizzes: tuple[DemoQuiz, ...]
    projects: tuple[DemoProject, ...]


def load_demo_catalog(root: Traversable | None = None) -> DemoCatalog:
    """Read and validate the demo content under ``root`` (default: the packaged content)."""
    content = root if root is not None else files(_PACKAGE) / "content"
    catalog = read_toml(content, "catalog.toml", _CatalogFile)
    _unique("catalog.toml", "", "courses", catalog.courses)
    courses = tuple(_course(content, folder) for folder in catalog.courses)
    lessons = {course.slug: {lesson.slug for lesson in course.lessons} for course in courses}
    tutor = read_toml(content, "tutor.toml", DemoTutor)
    _known_course("tutor.toml", "", tutor.course_slug, lessons)
    return DemoCatalog(
        instructor=catalog.instructor,
        student=catalog.student,
        premium_student=catalog.premium_student,
        courses=courses,
        tutor=tutor,
        quizzes=_quizzes(content, lessons),
        projects=_projects(content, lessons),
    )


def _course(root: Traversable, folder: str) -> DemoCourse:
    name = f"courses/{folder}/course.toml"
    course = read_toml(root, name, DemoCourse)
    if course.slug != folder:
        raise error(name, "", f"'slug' must be the folder name {folder!r}, not {course.slug!r}")
    _unique(name, "", "lesson slug", [lesson.slug for lesson in course.lessons])
    for lesson in course.lessons:  # still the loader's own: nobody holds it yet
        markdown = read_markdown(root, f"courses/{folder}/lessons/{lesson.slug}.md")
        force_setattr(lesson, FROM_MARKDOWN, markdown)
    return course


def _quizzes(root: Traversable, lessons: dict[str, set[str]]) -> tuple[DemoQuiz, ...]:
    name = "quizzes.toml"
    quizzes = read_toml(root, name, _QuizzesFile).quizzes
    for index, quiz in enumerate(quizzes):
        where = f"quizzes[{index}]"
        _known_course(name, where, quiz.course_slug, lessons)
        if quiz.lesson_slug not in lessons[quiz.course_slug]:
            raise error(
                name,
                where,
                f"'lesson' {quiz.lesson_slug!r} is not a lesson of course {quiz.course_slug!r}",
            )
        for number, question in enumerate(quiz.questions):
            _check_question(name, f"{where}.questions[{number}]", question)
    return quizzes


def _check_question(name: str, where: str, question: DemoQuestion) -> None:
    """Only the answer fields of the question's kind, and answers its options allow."""
    kind, wanted = question.kind, _ANSWER_FIELDS[question.kind]
    given = {field for field in _ANSWERS if getattr(question, field) not in ((), None)}
    for field in wanted:
        if field not in given:
            raise error(name, where, f"missing field {field!r}")
    if given - set(wanted):
        raise unknown_fields(name, where, given - set(wanted))
    if kind not in CHOICE_KINDS:
        return
    option_ids = [option.id for option in question.options]
    _unique(name, where, "option id", option_ids)
    if len(option_ids) < 2:
        raise error(name, where, f"a {kind} question needs at least 2 options")
    _unique(name, where, "correct_option_ids", question.correct_option_ids)
    strangers = [
        option_id for option_id in question.correct_option_ids if option_id not in option_ids
    ]
    if strangers:
        raise error(name, where, f"'correct_option_ids' {strangers!r} are not ids of its options")
    if kind == QuestionKind.SINGLE_CHOICE and len(question.correct_option_ids) != 1:
        raise error(name, where, "a single_choice question needs exactly 1 correct option id")


def _projects(root: Traversable, lessons: dict[str, set[str]]) -> tuple[DemoProject, ...]:
    name = "projects.toml"
    projects = read_toml(root, name, _ProjectsFile).projects
    for index, project in enumerate(projects):
        if project.course_slug is not None:
            _known_course(name, f"projects[{index}]", project.course_slug, lessons)
        _unique(name, f"projects[{index}]", "tech_stack", project.tech_stack)
    _unique(name, "", "project slug", [project.slug for project in projects])
    for project in projects:
        force_setattr(project, FROM_MARKDOWN, read_markdown(root, f"projects/{project.slug}.md"))
    return projects


def _known_course(name: str, where: str, slug: str, lessons: dict[str, set[str]]) -> None:
    if slug not in lessons:
        raise error(name, where, f"'course' {slug!r} is not a course of catalog.toml")


def _unique(name: str, where: str, what: str, values: Sequence[str]) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise error(name, where, f"duplicate {what} {value!r}")

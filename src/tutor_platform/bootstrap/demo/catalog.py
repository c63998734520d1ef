"""Reads the demo content shipped in ``content/`` into plain, validated dataclasses.

Layout of a content root::

    catalog.toml                      accounts and the list of course folders
    courses/<slug>/course.toml        course metadata, sections, lesson metadata
    courses/<slug>/lessons/<slug>.md  one Markdown file per lesson
    tutor.toml  quizzes.toml  projects.toml  projects/<slug>.md

Every problem is a ``ValueError`` that names the file (relative to the root) and the field.
"""

import re
import tomllib
from dataclasses import dataclass, replace
from importlib.resources import files
from importlib.resources.abc import Traversable

from tutor_platform.ai.api import PROVIDER_NAMES
from tutor_platform.assessment.domain.quiz import CHOICE_KINDS, QUESTION_KINDS, QuestionKind
from tutor_platform.catalog.domain.catalog import DIFFICULTIES, Difficulty

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MISSING = object()
_PACKAGE = __name__.rpartition(".")[0]


@dataclass(frozen=True)
class DemoAccount:
    """An account to register; the password satisfies the identity password policy."""

    email: str
    username: str
    full_name: str
    password: str


@dataclass(frozen=True)
class DemoLesson:
    """A lesson; ``content`` is Markdown."""

    slug: str
    title: str
    content: str
    estimated_minutes: int
    is_premium: bool


@dataclass(frozen=True)
class DemoSection:
    """A section and its lessons, in position order."""

    title: str
    lessons: tuple[DemoLesson, ...]


@dataclass(frozen=True)
class DemoCourse:
    """A course and its sections, in position order."""

    title: str
    slug: str
    description: str
    subject: str
    difficulty: Difficulty
    prerequisites: tuple[str, ...]
    sections: tuple[DemoSection, ...]

    @property
    def lessons(self) -> tuple[DemoLesson, ...]:
        """Every lesson of the course, in reading order across sections."""
        return tuple(lesson for section in self.sections for lesson in section.lessons)


@dataclass(frozen=True)
class DemoTutor:
    """An AI tutor attached to the course whose slug is ``course_slug``."""

    course_slug: str
    name: str
    description: str
    system_prompt: str
    temperature: float
    provider: str


@dataclass(frozen=True)
class DemoOption:
    """One option of a single or multiple choice question."""

    id: str
    text: str


@dataclass(frozen=True)
class DemoRubric:
    """How a free-text answer is graded."""

    keywords: tuple[str, ...]
    guidance: str


@dataclass(frozen=True)
class DemoQuestion:
    """A quiz question; only the answer fields of its ``kind`` are set (SPEC section 4)."""

    kind: QuestionKind
    prompt: str
    points: int
    explanation: str | None
    options: tuple[DemoOption, ...] = ()
    correct_option_ids: tuple[str, ...] = ()
    correct: bool | None = None
    accepted_answers: tuple[str, ...] = ()
    rubric: DemoRubric | None = None


@dataclass(frozen=True)
class DemoQuiz:
    """A quiz of a course, linked to one of its lessons by slug."""

    course_slug: str
    lesson_slug: str
    title: str
    passing_score: float
    max_attempts: int | None
    is_premium: bool
    questions: tuple[DemoQuestion, ...]


@dataclass(frozen=True)
class DemoProject:
    """A portfolio project, attached to a course when ``course_slug`` is set."""

    slug: str
    course_slug: str | None
    title: str
    summary: str
    tech_stack: tuple[str, ...]
    content: str
    is_published: bool


@dataclass(frozen=True)
class DemoCatalog:
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
    catalog = _read_toml(content, "catalog.toml")
    instructor = _account(catalog.table("instructor"))
    student = _account(catalog.table("student"))
    premium_student = _account(catalog.table("premium_student"))
    course_slugs = catalog.texts("courses", unique=True)
    catalog.close()
    courses = tuple(_course(content, slug) for slug in course_slugs)
    lessons = {course.slug: {lesson.slug for lesson in course.lessons} for course in courses}
    return DemoCatalog(
        instructor=instructor,
        student=student,
        premium_student=premium_student,
        courses=courses,
        tutor=_tutor(_read_toml(content, "tutor.toml"), lessons),
        quizzes=_quizzes(_read_toml(content, "quizzes.toml"), lessons),
        projects=_projects(content, lessons),
    )


class _Table:
    """Checked, typed access to one TOML table; ``close`` refuses keys nobody read."""

    def __init__(self, data: object, file: str, where: str = "") -> None:
        self._file = file
        self._where = where
        if not isinstance(data, dict):
            raise self.error("must be a table")
        self._data: dict[str, object] = data
        self._read: set[str] = set()

    def error(self, message: str) -> ValueError:
        place = f"{self._where}: " if self._where else ""
        return ValueError(f"demo content {self._file}: {place}{message}")

    def _value(self, key: str, default: object = _MISSING) -> object:
        self._read.add(key)
        if key in self._data:
            return self._data[key]
        if default is _MISSING:
            raise self.error(f"missing field {key!r}")
        return default

    def text(self, key: str, *, choices: tuple[str, ...] = (), slug: bool = False) -> str:
        value = self._value(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{key!r} must be a non-empty string")
        value = value.strip()
        if choices and value not in choices:
            raise self.error(f"{key!r} must be one of {', '.join(choices)}, not {value!r}")
        if slug and not _SLUG.fullmatch(value):
            raise self.error(f"{key!r} must be a slug (a-z, 0-9 and single '-'), not {value!r}")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self._value(key, None) is None else self.text(key)

    def integer(self, key: str, *, default: object = _MISSING) -> int:
        value = self._value(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.error(f"{key!r} must be a positive integer")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self._value(key, None) is None else self.integer(key)

    def number(self, key: str, *, low: float, high: float) -> float:
        value = self._value(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise self.error(f"{key!r} must be a number from {low} to {high}")
        return float(value)

    def flag(self, key: str, *, default: object = _MISSING) -> bool:
        value = self._value(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{key!r} must be true or false")
        return value

    def texts(
        self, key: str, *, unique: bool = False, allow_empty: bool = False
    ) -> tuple[str, ...]:
        value = self._value(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(f"{key!r} must be a list of non-empty strings")
        items = tuple(v.strip() for v in value)
        if not items and not allow_empty:
            raise self.error(f"{key!r} must not be empty")
        if unique:
            _check_unique(self, key, items)
        return items

    def table(self, key: str) -> "_Table":
        return _Table(self._value(key), self._file, self._path(key))

    def tables(self, key: str) -> list["_Table"]:
        value = self._value(key)
        if not isinstance(value, list) or not value:
            raise self.error(f"{key!r} must be a non-empty list of tables")
        return [_Table(item, self._file, self._path(f"{key}[{i}]")) for i, item in enumerate(value)]

    def close(self) -> None:
        unknown = sorted(set(self._data) - self._read)
        if unknown:
            raise self.error(f"unknown field(s) {', '.join(map(repr, unknown))}")

    def _path(self, key: str) -> str:
        return f"{self._where}.{key}" if self._where else key


def _check_unique(table: _Table, what: str, values: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise table.error(f"duplicate {what} {value!r}")
        seen.add(value)


def _resource(root: Traversable, name: str) -> Traversable:
    resource = root
    for part in name.split("/"):
        resource = resource / part
    if not resource.is_file():
        raise ValueError(f"demo content {name}: file is missing")
    return resource


def _read_toml(root: Traversable, name: str) -> _Table:
    try:
        data = tomllib.loads(_resource(root, name).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"demo content {name}: not valid TOML: {error}") from error
    return _Table(data, name)


def _read_markdown(root: Traversable, name: str) -> str:
    text = _resource(root, name).read_text(encoding="utf-8").strip()
    if not text:
        raise ValueError(f"demo content {name}: file is empty")
    return text


def _account(table: _Table) -> DemoAccount:
    account = DemoAccount(
        email=table.text("email"),
        username=table.text("username"),
        full_name=table.text("full_name"),
        password=table.text("password"),
    )
    table.close()
    return account


def _course(root: Traversable, folder: str) -> DemoCourse:
    table = _read_toml(root, f"courses/{folder}/course.toml")
    slug = table.text("slug", slug=True)
    if slug != folder:
        raise table.error(f"'slug' must be the folder name {folder!r}, not {slug!r}")
    course = DemoCourse(
        title=table.text("title"),
        slug=slug,
        description=table.text("description"),
        subject=table.text("subject"),
        difficulty=Difficulty(table.text("difficulty", choices=DIFFICULTIES)),
        prerequisites=table.texts("prerequisites", allow_empty=True),
        sections=tuple(_section(root, folder, section) for section in table.tables("sections")),
    )
    table.close()
    _check_unique(table, "lesson slug", tuple(lesson.slug for lesson in course.lessons))
    return course


def _section(root: Traversable, folder: str, table: _Table) -> DemoSection:
    section = DemoSection(
        title=table.text("title"),
        lessons=tuple(_lesson(root, folder, lesson) for lesson in table.tables("lessons")),
    )
    table.close()
    return section


def _lesson(root: Traversable, folder: str, table: _Table) -> DemoLesson:
    slug = table.text("slug", slug=True)
    lesson = DemoLesson(
        slug=slug,
        title=table.text("title"),
        content=_read_markdown(root, f"courses/{folder}/lessons/{slug}.md"),
        estimated_minutes=table.integer("estimated_minutes"),
        is_premium=table.flag("is_premium", default=False),
    )
    table.close()
    return lesson


def _known_course(table: _Table, lessons: dict[str, set[str]]) -> str:
    slug = table.text("course")
    if slug not in lessons:
        raise table.error(f"'course' {slug!r} is not a course of catalog.toml")
    return slug


def _tutor(table: _Table, lessons: dict[str, set[str]]) -> DemoTutor:
    tutor = DemoTutor(
        course_slug=_known_course(table, lessons),
        name=table.text("name"),
        description=table.text("description"),
        system_prompt=table.text("system_prompt"),
        temperature=table.number("temperature", low=0.0, high=2.0),
        provider=table.text("provider", choices=PROVIDER_NAMES),
    )
    table.close()
    return tutor


def _quizzes(table: _Table, lessons: dict[str, set[str]]) -> tuple[DemoQuiz, ...]:
    quizzes = []
    for quiz in table.tables("quizzes"):
        course = _known_course(quiz, lessons)
        lesson = quiz.text("lesson")
        if lesson not in lessons[course]:
            raise quiz.error(f"'lesson' {lesson!r} is not a lesson of course {course!r}")
        quizzes.append(
            DemoQuiz(
                course_slug=course,
                lesson_slug=lesson,
                title=quiz.text("title"),
                passing_score=quiz.number("passing_score", low=0.0, high=1.0),
                max_attempts=quiz.optional_integer("max_attempts"),
                is_premium=quiz.flag("is_premium", default=False),
                questions=tuple(_question(question) for question in quiz.tables("questions")),
            )
        )
        quiz.close()
    table.close()
    return tuple(quizzes)


def _question(table: _Table) -> DemoQuestion:
    kind = QuestionKind(table.text("kind", choices=QUESTION_KINDS))
    question = DemoQuestion(
        kind=kind,
        prompt=table.text("prompt"),
        points=table.integer("points"),
        explanation=table.optional_text("explanation"),
    )
    if kind in CHOICE_KINDS:
        options = tuple(_option(option) for option in table.tables("options"))
        option_ids = tuple(option.id for option in options)
        _check_unique(table, "option id", option_ids)
        if len(options) < 2:
            raise table.error(f"a {kind} question needs at least 2 options")
        correct_ids = table.texts("correct_option_ids", unique=True)
        unknown = [option_id for option_id in correct_ids if option_id not in option_ids]
        if unknown:
            raise table.error(f"'correct_option_ids' {unknown!r} are not ids of its options")
        if kind == QuestionKind.SINGLE_CHOICE and len(correct_ids) != 1:
            raise table.error("a single_choice question needs exactly 1 correct option id")
        question = replace(question, options=options, correct_option_ids=correct_ids)
    elif kind == QuestionKind.TRUE_FALSE:
        question = replace(question, correct=table.flag("correct"))
    elif kind == QuestionKind.SHORT_ANSWER:
        question = replace(question, accepted_answers=table.texts("accepted_answers"))
    else:
        rubric = table.table("rubric")
        keywords, guidance = rubric.texts("keywords"), rubric.text("guidance")
        rubric.close()
        question = replace(question, rubric=DemoRubric(keywords=keywords, guidance=guidance))
    table.close()
    return question


def _option(table: _Table) -> DemoOption:
    option = DemoOption(id=table.text("id"), text=table.text("text"))
    table.close()
    return option


def _projects(root: Traversable, lessons: dict[str, set[str]]) -> tuple[DemoProject, ...]:
    table = _read_toml(root, "projects.toml")
    projects = []
    for project in table.tables("projects"):
        slug = project.text("slug", slug=True)
        course = (
            None if project.optional_text("course") is None else _known_course(project, lessons)
        )
        projects.append(
            DemoProject(
                slug=slug,
                course_slug=course,
                title=project.text("title"),
                summary=project.text("summary"),
                tech_stack=project.texts("tech_stack", unique=True),
                content=_read_markdown(root, f"projects/{slug}.md"),
                is_published=project.flag("is_published"),
            )
        )
        project.close()
    table.close()
    _check_unique(table, "project slug", tuple(project.slug for project in projects))
    return tuple(projects)

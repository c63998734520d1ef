"""Reads the demo content shipped in ``content/`` into typed, validated structs.

Layout of a content root::

    catalog.toml                      accounts and the list of course folders
    courses/<slug>/course.toml        course metadata, sections, lesson metadata
    courses/<slug>/lessons/<slug>.md  one Markdown file per lesson
    tutor.toml  quizzes.toml  projects.toml  projects/<slug>.md

Each TOML file is decoded with ``msgspec`` into the structs below (text stripped first);
every problem is a ``ValueError`` that names the file (relative to the root) and the field.
"""

import re
from collections.abc import Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Any, TypeVar, get_args, get_type_hints

import msgspec
import msgspec.inspect as mi
from msgspec.structs import force_setattr

from tutor_platform.ai.api import ProviderName
from tutor_platform.assessment.domain.quiz import CHOICE_KINDS, QuestionKind
from tutor_platform.catalog.domain.catalog import Difficulty

_PACKAGE = __name__.rpartition(".")[0]
_FROM_MARKDOWN = "content"  # a field the loader fills from the Markdown file, never the TOML

Text = Annotated[str, msgspec.Meta(min_length=1)]
Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Positive = Annotated[int, msgspec.Meta(ge=1)]
T = TypeVar("T")
NonEmpty = Annotated[tuple[T, ...], msgspec.Meta(min_length=1)]
Texts = NonEmpty[Text]
S = TypeVar("S", bound=msgspec.Struct)


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
    catalog = _read_toml(content, "catalog.toml", _CatalogFile)
    _unique("catalog.toml", "", "courses", catalog.courses)
    courses = tuple(_course(content, folder) for folder in catalog.courses)
    lessons = {course.slug: {lesson.slug for lesson in course.lessons} for course in courses}
    tutor = _read_toml(content, "tutor.toml", DemoTutor)
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
    course = _read_toml(root, name, DemoCourse)
    if course.slug != folder:
        raise _error(name, "", f"'slug' must be the folder name {folder!r}, not {course.slug!r}")
    _unique(name, "", "lesson slug", [lesson.slug for lesson in course.lessons])
    for lesson in course.lessons:  # still the loader's own: nobody holds it yet
        markdown = _read_markdown(root, f"courses/{folder}/lessons/{lesson.slug}.md")
        force_setattr(lesson, _FROM_MARKDOWN, markdown)
    return course


def _quizzes(root: Traversable, lessons: dict[str, set[str]]) -> tuple[DemoQuiz, ...]:
    name = "quizzes.toml"
    quizzes = _read_toml(root, name, _QuizzesFile).quizzes
    for index, quiz in enumerate(quizzes):
        where = f"quizzes[{index}]"
        _known_course(name, where, quiz.course_slug, lessons)
        if quiz.lesson_slug not in lessons[quiz.course_slug]:
            raise _error(
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
            raise _error(name, where, f"missing field {field!r}")
    if given - set(wanted):
        raise _unknown(name, where, given - set(wanted))
    if kind not in CHOICE_KINDS:
        return
    option_ids = [option.id for option in question.options]
    _unique(name, where, "option id", option_ids)
    if len(option_ids) < 2:
        raise _error(name, where, f"a {kind} question needs at least 2 options")
    _unique(name, where, "correct_option_ids", question.correct_option_ids)
    unknown = [
        option_id for option_id in question.correct_option_ids if option_id not in option_ids
    ]
    if unknown:
        raise _error(name, where, f"'correct_option_ids' {unknown!r} are not ids of its options")
    if kind == QuestionKind.SINGLE_CHOICE and len(question.correct_option_ids) != 1:
        raise _error(name, where, "a single_choice question needs exactly 1 correct option id")


def _projects(root: Traversable, lessons: dict[str, set[str]]) -> tuple[DemoProject, ...]:
    name = "projects.toml"
    projects = _read_toml(root, name, _ProjectsFile).projects
    for index, project in enumerate(projects):
        if project.course_slug is not None:
            _known_course(name, f"projects[{index}]", project.course_slug, lessons)
        _unique(name, f"projects[{index}]", "tech_stack", project.tech_stack)
    _unique(name, "", "project slug", [project.slug for project in projects])
    for project in projects:
        force_setattr(project, _FROM_MARKDOWN, _read_markdown(root, f"projects/{project.slug}.md"))
    return projects


def _known_course(name: str, where: str, slug: str, lessons: dict[str, set[str]]) -> None:
    if slug not in lessons:
        raise _error(name, where, f"'course' {slug!r} is not a course of catalog.toml")


def _unique(name: str, where: str, what: str, values: Sequence[str]) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise _error(name, where, f"duplicate {what} {value!r}")


def _error(name: str, where: str, message: str) -> ValueError:
    place = f"{where}: " if where else ""
    return ValueError(f"demo content {name}: {place}{message}")


def _unknown(name: str, where: str, keys: set[str]) -> ValueError:
    return _error(name, where, f"unknown field(s) {', '.join(map(repr, sorted(keys)))}")


def _resource(root: Traversable, name: str) -> Traversable:
    resource = root
    for part in name.split("/"):
        resource = resource / part
    if not resource.is_file():
        raise ValueError(f"demo content {name}: file is missing")
    return resource


def _read_markdown(root: Traversable, name: str) -> str:
    text = _resource(root, name).read_text(encoding="utf-8").strip()
    if not text:
        raise ValueError(f"demo content {name}: file is empty")
    return text


def _read_toml(root: Traversable, name: str, kind: type[S]) -> S:
    """Decode file ``name`` into ``kind``: missing fields and wrong types first, in the
    order msgspec meets them, then keys that ``kind`` does not declare."""
    try:
        raw = _stripped(msgspec.toml.decode(_resource(root, name).read_bytes()))
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"demo content {name}: not valid TOML: {error}") from error
    try:
        value = msgspec.convert(raw, kind)
    except msgspec.ValidationError as error:
        raise _explained(name, str(error), raw, kind) from error
    _refuse_unknown_keys(name, "", value, raw)
    return value


def _stripped(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_stripped(item) for item in value]
    if isinstance(value, dict):
        return {key: _stripped(item) for key, item in value.items()}
    return value


def _refuse_unknown_keys(name: str, where: str, table: msgspec.Struct, raw: dict[str, Any]) -> None:
    fields = msgspec.structs.fields(table)
    unknown = set(raw) - ({f.encode_name for f in fields} - {_FROM_MARKDOWN})
    if unknown:
        raise _unknown(name, where, unknown)
    for field in fields:
        value, path = getattr(table, field.name), f"{where}.{field.encode_name}".lstrip(".")
        if isinstance(value, msgspec.Struct):
            _refuse_unknown_keys(name, path, value, raw[field.encode_name])
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, msgspec.Struct):
                    _refuse_unknown_keys(
                        name, f"{path}[{index}]", item, raw[field.encode_name][index]
                    )


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _explained(name: str, problem: str, raw: Any, kind: type[msgspec.Struct]) -> ValueError:
    """msgspec's ``problem`` in the loader's words: the table, the key, what it must be."""
    problem, _, at = problem.partition(" - at `$")
    steps: list[str | int] = [key or int(index) for key, index in _STEP.findall(at[:-1])]
    missing = re.fullmatch(r"Object missing required field `(.+)`", problem)
    if missing:
        return _error(name, _where(steps), f"missing field {missing[1]!r}")
    types, values = [mi.type_info(kind)], [raw]
    for step in steps:
        types.append(_step_type(types[-1], step))
        values.append(values[-1][step])
    item = isinstance(steps[-1], int) and not isinstance(types[-1], mi.StructType)
    if item:  # an item of a list of strings: the list is what is wrong
        del steps[-1], types[-1], values[-1]
    if isinstance(types[-1], mi.StructType):
        return _error(name, _where(steps), "must be a table")
    *place, key = steps
    assert isinstance(types[-2], mi.StructType)
    assert isinstance(key, str)
    expected = _expected(types[-2], key, values[-1], empty="length >=" in problem and not item)
    return _error(name, _where(place), f"{key!r} {expected}")


def _step_type(kind: mi.Type, step: str | int) -> mi.Type:
    """The type of ``step`` (a key or an index) in a value of type ``kind``."""
    if isinstance(kind, mi.StructType):
        return _unwrapped(next(f.type for f in kind.fields if f.encode_name == step))
    assert isinstance(kind, mi.CollectionType)
    return _unwrapped(kind.item_type)


def _unwrapped(kind: mi.Type) -> mi.Type:
    """``X`` of an optional ``X | None``."""
    if isinstance(kind, mi.UnionType):
        return next(t for t in kind.types if not isinstance(t, mi.NoneType))
    return kind


def _expected(table: mi.StructType, key: str, value: Any, *, empty: bool) -> str:
    """What the value of ``key`` in ``table`` must be (``empty``: a list that is empty)."""
    kind = _step_type(table, key)
    if isinstance(kind, mi.CollectionType):
        if isinstance(kind.item_type, mi.StructType):
            return "must be a non-empty list of tables"
        return "must not be empty" if empty else "must be a list of non-empty strings"
    if isinstance(kind, mi.IntType):
        return "must be a positive integer"
    if isinstance(kind, mi.FloatType):
        return f"must be a number from {kind.ge} to {kind.le}"
    if isinstance(kind, mi.BoolType):
        return "must be true or false"
    if not isinstance(value, str) or not value:
        return "must be a non-empty string"
    if isinstance(kind, mi.EnumType | mi.LiteralType):
        field = next(f.name for f in table.fields if f.encode_name == key)
        hint = get_type_hints(table.cls)[field]  # a StrEnum or a Literal, in declared order
        return f"must be one of {', '.join(map(str, get_args(hint) or hint))}, not {value!r}"
    return f"must be a slug (a-z, 0-9 and single '-'), not {value!r}"


def _where(steps: Sequence[str | int]) -> str:
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)
    return path.removeprefix(".")

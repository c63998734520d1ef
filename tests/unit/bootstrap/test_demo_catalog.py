"""The demo content: enough genuine material to try every feature, and a loader that says
which file is wrong."""

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor_platform.assessment.domain.quiz import QUESTION_KINDS
from tutor_platform.bootstrap.demo import catalog as catalog_module
from tutor_platform.bootstrap.demo.catalog import (
    DemoAccount,
    DemoCatalog,
    DemoCourse,
    load_demo_catalog,
)
from tutor_platform.identity.adapters.outbound.data.common_passwords import FileCommonPasswords
from tutor_platform.identity.domain.password_policy import PasswordPolicy
from tutor_platform.identity.domain.validation import (
    email_problem,
    full_name_problem,
    username_problem,
)

CONTENT = Path(catalog_module.__file__).with_name("content")
FENCED_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def catalog() -> DemoCatalog:
    return load_demo_catalog()


@pytest.fixture(scope="module")
def main_course(catalog: DemoCatalog) -> DemoCourse:
    return catalog.courses[0]


def words(markdown: str) -> int:
    return len(markdown.split())


def test_the_main_course_is_a_beginner_python_course_of_several_sections(
    main_course: DemoCourse,
) -> None:
    assert main_course.subject == "programming"
    assert main_course.difficulty == "beginner"
    assert main_course.prerequisites
    assert len(main_course.sections) >= 3
    assert all(section.lessons for section in main_course.sections)
    assert len(main_course.lessons) >= 10
    assert [lesson.is_premium for lesson in main_course.lessons].count(True) == 2


def test_main_course_lessons_are_substantial_and_show_code(main_course: DemoCourse) -> None:
    for lesson in main_course.lessons:
        assert 400 <= words(lesson.content) <= 700, lesson.slug
        assert FENCED_BLOCK.search(lesson.content), lesson.slug
        assert re.search(r"^## ", lesson.content, re.MULTILINE), lesson.slug
        assert lesson.estimated_minutes > 0


def test_the_second_course_is_a_short_sql_course(catalog: DemoCatalog) -> None:
    sql = catalog.courses[1]
    assert (sql.subject, sql.difficulty) == ("databases", "beginner")
    assert len(sql.sections) == 2
    assert len(sql.lessons) == 4
    for lesson in sql.lessons:
        assert 250 <= words(lesson.content) <= 500, lesson.slug


def test_every_python_example_is_valid_python(catalog: DemoCatalog) -> None:
    documents = {lesson.slug: lesson.content for c in catalog.courses for lesson in c.lessons}
    documents |= {project.slug: project.content for project in catalog.projects}
    compiled = 0
    for slug, markdown in documents.items():
        for language, code in FENCED_BLOCK.findall(markdown):
            if language == "python":
                compile(code, slug, "exec")
                compiled += 1
    assert compiled >= 30


def test_slugs_are_unique(catalog: DemoCatalog) -> None:
    slugs = [course.slug for course in catalog.courses]
    slugs += [lesson.slug for course in catalog.courses for lesson in course.lessons]
    assert len(slugs) == len(set(slugs))
    titles = [lesson.title for course in catalog.courses for lesson in course.lessons]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize("role", ["instructor", "student"])
def test_the_demo_accounts_can_register(catalog: DemoCatalog, role: str) -> None:
    account: DemoAccount = getattr(catalog, role)
    policy = PasswordPolicy(FileCommonPasswords())
    assert policy.problems(account.password, email=account.email, username=account.username) == []
    assert email_problem(account.email) is None
    assert username_problem(account.username) is None
    assert full_name_problem(account.full_name) is None
    assert catalog.instructor.email != catalog.student.email
    assert catalog.instructor.username != catalog.student.username


def test_the_tutor_is_a_local_python_tutor_for_the_main_course(
    catalog: DemoCatalog, main_course: DemoCourse
) -> None:
    tutor = catalog.tutor
    assert tutor.course_slug == main_course.slug
    assert (tutor.provider, tutor.temperature) == ("local", 0.3)
    assert "question" in tutor.system_prompt.lower()


def test_the_quizzes_cover_every_question_kind_with_answerable_questions(
    catalog: DemoCatalog, main_course: DemoCourse
) -> None:
    quizzes = [quiz for quiz in catalog.quizzes if quiz.course_slug == main_course.slug]
    assert len(quizzes) >= 2
    kinds = {question.kind for quiz in quizzes for question in quiz.questions}
    assert kinds == set(QUESTION_KINDS)
    assert any(quiz.max_attempts == 3 for quiz in quizzes)
    for quiz in quizzes:
        assert 0 < quiz.passing_score <= 1
        for question in quiz.questions:
            assert question.points > 0
            assert question.explanation
            option_ids = [option.id for option in question.options]
            if question.kind in ("single_choice", "multiple_choice"):
                assert len(option_ids) == len(set(option_ids)) >= 2
                assert set(question.correct_option_ids) <= set(option_ids)
                correct = len(question.correct_option_ids)
                assert correct == 1 if question.kind == "single_choice" else correct >= 1
            elif question.kind == "true_false":
                assert isinstance(question.correct, bool)
            elif question.kind == "short_answer":
                assert question.accepted_answers
            else:
                assert question.rubric is not None
                assert question.rubric.keywords
                assert question.rubric.guidance


def test_every_quiz_is_linked_to_a_lesson_of_its_course(catalog: DemoCatalog) -> None:
    lessons = {
        course.slug: {lesson.slug for lesson in course.lessons} for course in catalog.courses
    }
    for quiz in catalog.quizzes:
        assert quiz.lesson_slug in lessons[quiz.course_slug]


def test_a_published_project_belongs_to_the_main_course(
    catalog: DemoCatalog, main_course: DemoCourse
) -> None:
    (project,) = catalog.projects
    assert project.course_slug == main_course.slug
    assert project.is_published
    assert project.tech_stack
    assert project.summary
    assert FENCED_BLOCK.search(project.content)


def replace_in(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def delete(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


COURSE_TOML = "courses/practical-python/course.toml"


@pytest.mark.parametrize(
    ("edit", "file", "message"),
    [
        (
            replace_in(COURSE_TOML, 'title = "Practical Python', 'name = "Practical Python'),
            COURSE_TOML,
            "missing field 'title'",
        ),
        (
            replace_in(COURSE_TOML, 'difficulty = "beginner"', 'difficulty = "easy"'),
            COURSE_TOML,
            "'difficulty' must be one of beginner, intermediate, advanced",
        ),
        (
            replace_in(COURSE_TOML, "estimated_minutes = 15", 'estimated_minutes = "15"'),
            COURSE_TOML,
            "sections[0].lessons[0]: 'estimated_minutes' must be a positive integer",
        ),
        (
            replace_in(COURSE_TOML, "is_premium = true", "premium = true"),
            COURSE_TOML,
            "unknown field(s) 'premium'",
        ),
        (
            delete("courses/sql-fundamentals/lessons/joins.md"),
            "courses/sql-fundamentals/lessons/joins.md",
            "file is missing",
        ),
        (
            replace_in("quizzes.toml", 'correct_option_ids = ["b"]', 'correct_option_ids = ["z"]'),
            "quizzes.toml",
            "quizzes[0].questions[0]: 'correct_option_ids' ['z'] are not ids of its options",
        ),
        (
            replace_in("quizzes.toml", 'lesson = "loops"', 'lesson = "no-such-lesson"'),
            "quizzes.toml",
            "'lesson' 'no-such-lesson' is not a lesson of course 'practical-python'",
        ),
        (
            replace_in("quizzes.toml", "correct = true", 'correct = "yes"'),
            "quizzes.toml",
            "'correct' must be true or false",
        ),
        (
            replace_in("tutor.toml", "temperature = 0.3", "temperature = 0.3.1"),
            "tutor.toml",
            "not valid TOML",
        ),
        (
            replace_in("catalog.toml", 'password = "Curious', 'passwd = "Curious'),
            "catalog.toml",
            "student: missing field 'password'",
        ),
        (
            replace_in("projects.toml", 'course = "practical-python"', 'course = "cooking"'),
            "projects.toml",
            "'course' 'cooking' is not a course of catalog.toml",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_and_the_problem(
    tmp_path: Path, edit: Callable[[Path], None], file: str, message: str
) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    edit(root)

    with pytest.raises(ValueError, match=re.escape(f"demo content {file}: ")) as raised:
        load_demo_catalog(root)
    assert message in str(raised.value)


def test_an_unchanged_copy_loads_like_the_packaged_content(
    tmp_path: Path, catalog: DemoCatalog
) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    assert load_demo_catalog(tmp_path / "content") == catalog

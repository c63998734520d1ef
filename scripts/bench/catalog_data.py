"""Synthetic published courses for the learning benchmarks, written straight into PostgreSQL.

Lessons are about 2 KB of text, deterministic for a seed: each course has three topics out of
300 (85 real words, the rest made up), and its lessons mix those topic words with filler and a
long tail of rare words. A topic word so appears in about 1% of the lessons, as a real subject
term would, and the same search terms hit a similar share in every run. Rows go in with COPY;
the search columns are computed by the database as for any other write.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from tutor_platform.shared.ids import new_id

_TOPIC_WORDS = (
    "python lists dictionaries tuples sets comprehension generator iterator decorator "
    "closure function argument keyword recursion exception traceback module package "
    "import virtualenv class object inheritance method property dataclass typing protocol "
    "async await coroutine thread process queue socket request response database "
    "transaction index query join aggregate window partition schema migration cache "
    "latency throughput benchmark profile algorithm sorting searching binary tree graph "
    "heap hashing complexity memory pointer string encoding unicode bytes file stream "
    "buffer parser grammar token lexer compiler testing fixture assertion mock coverage "
    "refactoring interface pattern factory adapter"
)
TOPICS = tuple(_TOPIC_WORDS.split())
_FILLER_WORDS = (
    "the a of to and in is that for it with as on this be are by an can you we when which "
    "each more how then than these so what about into use used using make example shows "
    "first next value values result results step steps simple small large common often"
)
FILLER = tuple(_FILLER_WORDS.split())
SEARCH_TERMS = ["decorator", "binary tree", "transaction", "unicode", "coroutine", "refactoring"]
_SYLLABLES = ("ka", "lo", "mi", "ru", "sen", "tav", "qui", "dor", "pel", "zan", "vex", "nor")


def _made_up_words(count: int, seed: int, syllables: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choices(_SYLLABLES, k=syllables)))
    return sorted(words)


ALL_TOPICS = (*TOPICS, *_made_up_words(300 - len(TOPICS), seed=1, syllables=3))
RARE_WORDS = _made_up_words(3000, seed=2, syllables=4)
SEARCH_MIX = [
    # subject words, each in about 1% of the lessons and in some course titles
    *[
        "decorator",
        "coroutine",
        "transaction",
        "unicode",
        "refactoring",
        "generator",
        "closure",
        "recursion",
    ],
    *[
        "inheritance",
        "dataclass",
        "socket",
        "migration",
        "latency",
        "algorithm",
        "hashing",
        "parser",
    ],
    *["fixture", "adapter", "iterator", "exception"],
    # two subject words
    *["binary tree", "async await", "database index", "unicode encoding"],
    *["memory pointer", "testing mock", "cache latency", "sorting algorithm"],
    # made-up subjects and rare words (each in fewer lessons)
    *ALL_TOPICS[100:280:30],
    *RARE_WORDS[::500],
    # words in most lessons, and in every lesson or course title
    *["example", "simple values", "first step", "results", "practice", "lesson"],
    "course decorator",
    # nothing matches
    *["kubernetes", "photosynthesis", "haskell monad"],
]
"""50 queries for search at scale: common and rare words, some in every lesson, some in none."""


@dataclass
class SeededCatalog:
    """Ids of what was written, for building request paths."""

    course_ids: list[UUID] = field(default_factory=list)
    lesson_ids: list[UUID] = field(default_factory=list)


def course_topics(number: int) -> tuple[str, ...]:
    """The three topics of course ``number``."""
    return tuple(ALL_TOPICS[(number * step + 1) % len(ALL_TOPICS)] for step in (1, 7, 31))


def lesson_text(rng: random.Random, topics: tuple[str, ...], size: int = 2048) -> str:
    """About ``size`` characters of sentence-like text: topic words, filler and rare words."""
    words: list[str] = []
    length = 0
    while length < size:
        draw = rng.random()
        pool = topics if draw < 0.2 else RARE_WORDS if draw < 0.35 else FILLER
        word = rng.choice(pool)
        words.append(word)
        length += len(word) + 1
        if rng.random() < 0.08:
            words[-1] += "."
    return " ".join(words)


async def seed_catalog(
    dsn: str,
    *,
    courses: int,
    sections_per_course: int = 5,
    lessons_per_section: int = 6,
    seed: int = 7,
    first_number: int = 0,
) -> SeededCatalog:
    """Insert ``courses`` published courses with their sections and lessons."""
    rng = random.Random(seed + first_number)  # noqa: S311 - synthetic data, not secrets
    now = datetime.now(UTC)
    instructor = new_id()
    seeded = SeededCatalog()
    course_rows, section_rows, lesson_rows = [], [], []
    for number in range(first_number, first_number + courses):
        course_id = new_id()
        seeded.course_ids.append(course_id)
        topics = course_topics(number)
        topic = topics[0]
        course_rows.append(
            (
                course_id,
                f"Course {number}: {topic} in practice",
                f"course-{number}-{topic}",
                lesson_text(rng, topics, 300),
                "programming",
                "beginner",
                "[]",
                True,
                instructor,
                now,
                now,
            )
        )
        for section_position in range(1, sections_per_course + 1):
            section_id = new_id()
            section_rows.append(
                (section_id, course_id, f"Section {section_position}", section_position, now, now)
            )
            for position in range(1, lessons_per_section + 1):
                lesson_id = new_id()
                seeded.lesson_ids.append(lesson_id)
                lesson_rows.append(
                    (
                        lesson_id,
                        section_id,
                        course_id,
                        f"Lesson {section_position}.{position} on {rng.choice(topics)}",
                        lesson_text(rng, topics),
                        position,
                        15,
                        False,
                        now,
                        now,
                    )
                )
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            await connection.copy_records_to_table(
                "courses",
                records=course_rows,
                columns=[
                    "id",
                    "title",
                    "slug",
                    "description",
                    "subject",
                    "difficulty",
                    "prerequisites",
                    "is_published",
                    "instructor_id",
                    "created_at",
                    "updated_at",
                ],
            )
            await connection.copy_records_to_table(
                "sections",
                records=section_rows,
                columns=["id", "course_id", "title", "position", "created_at", "updated_at"],
            )
            await connection.copy_records_to_table(
                "lessons",
                records=lesson_rows,
                columns=[
                    "id",
                    "section_id",
                    "course_id",
                    "title",
                    "content",
                    "position",
                    "estimated_minutes",
                    "is_premium",
                    "created_at",
                    "updated_at",
                ],
            )
        for table in ("courses", "sections", "lessons"):
            await connection.execute(f"VACUUM ANALYZE {table}")
    finally:
        await connection.close()
    return seeded

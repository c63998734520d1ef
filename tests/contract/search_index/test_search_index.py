"""The SearchIndex contract, on the run's database (SQLite FTS5 or PostgreSQL full-text)."""

import pytest

from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import CourseRow, LessonRow
from tutor_platform.catalog.domain.search import (
    ALL_KINDS,
    COURSE,
    LESSON,
    SearchKind,
    SearchQuery,
)
from tutor_platform.catalog.ports.search import SearchIndex
from tutor_platform.shared.ids import new_id

Kinds = tuple[SearchKind, ...]


def query(text: str, kinds: Kinds = ALL_KINDS, limit: int = 20, offset: int = 0) -> SearchQuery:
    return SearchQuery(text, kinds, limit, offset)


async def titles(index: SearchIndex, text: str, kinds: Kinds = ALL_KINDS) -> list[str]:
    return [hit.title for hit in (await index.search(query(text, kinds))).items]


async def test_a_title_match_outranks_a_match_in_the_text(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Programming")
    await catalog.lesson(course, "Sorting things", "Here we sort the lists of numbers in order.")
    await catalog.lesson(course, "Python lists", "Sequences that hold values in order.")
    await catalog.lesson(course, "Dictionaries", "Keys map to values.")

    results = await search_index.search(query("lists"))

    assert [hit.title for hit in results.items] == ["Python lists", "Sorting things"]
    assert results.total == 2
    first, second = results.items
    assert 0 < second.rank < first.rank <= 1


async def test_a_hit_names_its_kind_course_and_course_owner(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    owner = new_id()
    course = await catalog.course(
        "Astronomy basics", description="Stars and planets.", subject="science", instructor_id=owner
    )
    lesson = await catalog.lesson(course, "Telescopes", "Looking at planets.", is_premium=True)

    hits = {hit.type: hit for hit in (await search_index.search(query("planets"))).items}

    assert hits.keys() == {COURSE, LESSON}
    assert (hits[COURSE].id, hits[COURSE].course_id) == (course.id, course.id)
    assert (hits[COURSE].title, hits[COURSE].is_premium) == ("Astronomy basics", False)
    assert (hits[LESSON].id, hits[LESSON].course_id) == (lesson.id, course.id)
    assert (hits[LESSON].title, hits[LESSON].is_premium) == ("Telescopes", True)
    assert hits[COURSE].instructor_id == hits[LESSON].instructor_id == owner


async def test_a_course_is_found_by_its_subject_and_description(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    await catalog.course("Intro", subject="chemistry")
    await catalog.course("Basics", description="Molecules and reactions.")

    assert await titles(search_index, "chemistry") == ["Intro"]
    assert await titles(search_index, "molecules") == ["Basics"]


async def test_kinds_restrict_the_hits(search_index: SearchIndex, catalog: CatalogRows) -> None:
    course = await catalog.course("Volcanoes")
    await catalog.lesson(course, "Lava", "Volcanoes erupt lava.")

    assert sorted(await titles(search_index, "volcanoes")) == ["Lava", "Volcanoes"]
    assert await titles(search_index, "volcanoes", (COURSE,)) == ["Volcanoes"]
    assert await titles(search_index, "volcanoes", (LESSON,)) == ["Lava"]


async def test_every_word_must_match(search_index: SearchIndex, catalog: CatalogRows) -> None:
    course = await catalog.course("Cooking")
    await catalog.lesson(course, "Bread", "Flour, water and yeast.")
    await catalog.lesson(course, "Cake", "Flour, sugar and eggs.")

    assert await titles(search_index, "flour yeast") == ["Bread"]
    assert sorted(await titles(search_index, "flour")) == ["Bread", "Cake"]


async def test_words_match_in_other_forms(search_index: SearchIndex, catalog: CatalogRows) -> None:
    course = await catalog.course("Running")
    await catalog.lesson(course, "Training", "The runner trains by running every morning.")

    assert await titles(search_index, "RUN trained") == ["Training"]


async def test_the_snippet_marks_the_matched_words_and_escapes_everything_else(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Web safety")
    await catalog.lesson(
        course,
        "Escaping",
        'Lists: if a < b && c > d then <script>alert("x")</script> come more lists',
    )

    [hit] = (await search_index.search(query("lists", (LESSON,)))).items

    assert "<mark>Lists</mark>" in hit.snippet
    assert "<mark>lists</mark>" in hit.snippet
    assert "a &lt; b &amp;&amp; c &gt; d" in hit.snippet
    assert "<script" not in hit.snippet
    without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks
    assert ">" not in without_marks


async def test_marker_characters_in_the_text_cannot_forge_marks(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Tricks")
    await catalog.lesson(course, "Control", "Harmless \x02bold\x03 text about quasars.")

    [hit] = (await search_index.search(query("quasars"))).items

    assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>") == 1
    assert "<mark>quasars</mark>" in hit.snippet


async def test_the_course_snippet_comes_from_its_description(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    await catalog.course("Geology", description="Rocks & minerals of the <b>earth</b>.")

    [hit] = (await search_index.search(query("minerals"))).items

    assert "<mark>minerals</mark>" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<b>" not in hit.snippet


async def test_unpublished_courses_and_their_lessons_are_never_found(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    draft = await catalog.course("Secret zoology", published=False)
    await catalog.lesson(draft, "Zoology of owls", "Owls hunt at night.")

    assert (await search_index.search(query("zoology"))).total == 0
    assert await titles(search_index, "owls") == []

    await catalog.change(CourseRow, draft.id, is_published=True)

    assert sorted(await titles(search_index, "zoology")) == ["Secret zoology", "Zoology of owls"]

    await catalog.change(CourseRow, draft.id, is_published=False)

    assert await titles(search_index, "zoology") == []


async def test_changed_text_is_searchable_at_once(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Music")
    lesson = await catalog.lesson(course, "Scales", "Major scales on the piano.")

    await catalog.change(LessonRow, lesson.id, title="Chords", content="Triads on the guitar.")
    await catalog.change(CourseRow, course.id, title="Harmony", description="Theory of sound.")

    assert await titles(search_index, "piano") == []
    assert await titles(search_index, "scales") == []
    assert await titles(search_index, "music") == []
    assert await titles(search_index, "guitar") == ["Chords"]
    assert await titles(search_index, "chords") == ["Chords"]
    assert await titles(search_index, "harmony") == ["Harmony"]
    assert await titles(search_index, "theory") == ["Harmony"]


async def test_deleted_lessons_and_courses_are_gone_from_the_index(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Gardening")
    kept = await catalog.lesson(course, "Roses", "Pruning roses in spring.")
    gone = await catalog.lesson(course, "Tulips", "Planting tulips in spring.")

    await catalog.remove(LessonRow, gone.id)

    assert await titles(search_index, "spring") == ["Roses"]
    assert await titles(search_index, "tulips") == []

    await catalog.remove(CourseRow, course.id)

    assert await titles(search_index, "spring gardening") == []
    assert (await search_index.search(query("roses"))).total == 0
    del kept


async def test_pages_follow_the_ranking_and_total_counts_every_hit(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Numbers")
    for n in range(7):
        await catalog.lesson(course, f"Lesson {n}", "Counting primes." + " primes" * n)

    everything = (await search_index.search(query("primes", limit=100))).items
    pages = [
        await search_index.search(query("primes", limit=3, offset=offset)) for offset in (0, 3, 6)
    ]

    assert [page.total for page in pages] == [7, 7, 7]
    assert [len(page.items) for page in pages] == [3, 3, 1]
    assert [hit.id for page in pages for hit in page.items] == [hit.id for hit in everything]
    ranks = [hit.rank for hit in everything]
    assert ranks == sorted(ranks, reverse=True)
    beyond = await search_index.search(query("primes", limit=3, offset=50))
    assert (beyond.items, beyond.total) == ([], 7)


NASTY_QUERIES = [
    '"',
    '"lists',
    'lists"',
    "lists*",
    "*",
    "NEAR(lists python)",
    "lists NEAR python",
    "-lists",
    "lists -",
    "title:lists",
    ":",
    "^lists",
    "(lists",
    "lists)",
    "()",
    "AND",
    "OR",
    "NOT",
    "lists AND OR NOT",
    "'; DROP TABLE lessons; --",
    "' OR '1'='1",
    "\\",
    "%",
    "_",
    "lists & | ! <-> :* ",
    "{}[]",
    "😀 lists",
    "ß ñ 中文",
    "a" * 200,
    " ".join(["x"] * 100),
]


@pytest.mark.parametrize("text", NASTY_QUERIES)
async def test_query_syntax_in_the_text_never_fails(
    search_index: SearchIndex, catalog: CatalogRows, text: str
) -> None:
    course = await catalog.course("Python")
    await catalog.lesson(course, "Python lists", "Lists hold items.")

    results = await search_index.search(query(text))

    assert results.total == len(results.items)
    assert await titles(search_index, "lists", (LESSON,)) == ["Python lists"]


async def test_a_query_without_words_finds_nothing(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Symbols")
    await catalog.lesson(course, "Stars", "*** --- ***")

    results = await search_index.search(query("*** ---"))

    assert (results.items, results.total) == ([], 0)


async def test_matching_lessons_take_any_word_of_a_question(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Python", published=False)
    section = await catalog.section(course)
    await catalog.lesson(course, "Variables", "Names for values.", section=section, position=1)
    lists = await catalog.lesson(
        course, "Lists", "A list is an ordered sequence.", section=section, position=2
    )
    loops = await catalog.lesson(
        course, "Loops", "Iterate over a list with for.", section=section, position=3
    )
    other = await catalog.course("Other", published=True)
    await catalog.lesson(other, "Lists elsewhere", "Lists lists lists.")

    found = await search_index.matching_lessons(
        course.id, ["how", "do", "python", "lists", "work"], 3
    )

    assert [passage.lesson_id for passage in found] == [lists.id, loops.id]
    assert (found[0].title, found[0].text) == ("Lists", "A list is an ordered sequence.")
    assert await search_index.matching_lessons(course.id, ["submarine"], 3) == []
    assert len(await search_index.matching_lessons(course.id, ["list"], 1)) == 1


async def test_leading_lessons_follow_the_course_order(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Ordered")
    second = await catalog.section(course, position=2)
    first = await catalog.section(course, position=1)
    c = await catalog.lesson(course, "C", "third", section=second, position=1)
    b = await catalog.lesson(course, "B", "second", section=first, position=2)
    a = await catalog.lesson(course, "A", "first", section=first, position=1)

    passages = await search_index.leading_lessons(course.id, 2)

    assert [(p.lesson_id, p.title, p.text) for p in passages] == [
        (a.id, "A", "first"),
        (b.id, "B", "second"),
    ]
    assert [p.lesson_id for p in await search_index.leading_lessons(course.id, 10)] == [
        a.id,
        b.id,
        c.id,
    ]
    assert await search_index.leading_lessons(new_id(), 3) == []


async def test_a_course_titled_with_the_words_comes_before_lessons_that_mention_them(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    spreadsheets = await catalog.course("Spreadsheets", description="Formulas and charts.")
    for n in range(3):
        await catalog.lesson(spreadsheets, f"Export {n}", "Export a sheet to SQL. " * (n + 3))
    sql = await catalog.course("SQL fundamentals", description="Tables, rows and queries.")
    await catalog.lesson(sql, "Joins in SQL", "Combine rows of two tables.")

    results = await search_index.search(query("sql"))

    assert [hit.title for hit in results.items][:2] == ["SQL fundamentals", "Joins in SQL"]
    ranks = [hit.rank for hit in results.items]
    assert ranks == sorted(ranks, reverse=True)
    assert all(0 < rank < 1 for rank in ranks)


async def test_the_snippet_is_plain_text_without_markdown_syntax(
    search_index: SearchIndex, catalog: CatalogRows
) -> None:
    course = await catalog.course("Markdown")
    await catalog.lesson(
        course,
        "Formatting",
        "## Lists are **ordered**\n\n- a `lists` item with [a link](https://x.example/lists)\n"
        "> quoted lists\n\n| lists | cells |\n|---|---|\n| snake_case | ok |\n",
    )

    [hit] = (await search_index.search(query("ordered", (LESSON,)))).items

    for syntax in ("##", "**", "`", "](", "https://", "|", "---", "&gt;"):
        assert syntax not in hit.snippet, syntax
    assert "<mark>ordered</mark>" in hit.snippet
    assert "a link" in hit.snippet

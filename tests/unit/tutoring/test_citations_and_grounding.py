"""Citation checking, the streamed marker filter, follow-up queries and the relevance rule."""

import pytest

from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.domain.citations import (
    SNIPPET_LENGTH,
    MarkerFilter,
    SourcePassage,
    cite,
    snippet,
)
from tutor_platform.tutoring.domain.grounding import (
    Topic,
    is_follow_up,
    is_relevant,
    is_small_talk,
    retrieval_query,
)

SOURCES = [
    SourcePassage(new_id(), new_id(), f"Lesson {n}", None, f"Text {n}.", f"Text {n}.")
    for n in (1, 2, 3)
]


def test_unknown_and_out_of_range_markers_are_removed_and_known_ones_kept() -> None:
    text, citations = cite("A [1]. B [4]. C [0][2]. D [99] end.", SOURCES)

    assert text == "A [1]. B. C [2]. D end."
    assert [c.index for c in citations] == [1, 2]


def test_a_repeated_marker_is_cited_once_in_order_of_first_use() -> None:
    text, citations = cite("B [3] then A [1] and B again [3].", SOURCES)

    assert text == "B [3] then A [1] and B again [3]."
    assert [(c.index, c.title) for c in citations] == [(3, "Lesson 3"), (1, "Lesson 1")]


def test_an_answer_without_sources_cites_nothing_and_loses_its_markers() -> None:
    assert cite("Made up [1].", []) == ("Made up.", [])


def test_brackets_that_are_not_markers_stay() -> None:
    text, citations = cite("items[0] and [a] and [1,2] and [ 1 ]", SOURCES)

    assert text == "items[0] and [a] and [1,2] and [ 1 ]"
    assert citations == []


def test_a_snippet_is_plain_and_at_most_300_characters_cut_at_a_word() -> None:
    short = snippet("Two\n\nlines   here")
    long = snippet("word " * 200)

    assert short == "Two lines here"
    assert len(long) <= SNIPPET_LENGTH
    assert long.endswith("word…")


@pytest.mark.parametrize(
    "pieces",
    [
        ["One [1] two [5] three."],
        ["One [", "1] two [", "5] three."],
        ["One ", "[1", "] two", " [5", "] three."],
        ["One [1] two [5]", " three."],
    ],
    ids=["whole", "split-after-bracket", "split-after-digit", "marker-at-end-of-piece"],
)
def test_the_marker_filter_gives_the_same_text_however_the_stream_is_cut(
    pieces: list[str],
) -> None:
    markers = MarkerFilter(3)

    out = "".join(markers.feed(piece) for piece in pieces) + markers.flush()

    assert out == "One [1] two three."


def test_the_marker_filter_holds_back_only_a_possible_marker() -> None:
    markers = MarkerFilter(2)

    assert markers.feed("A list[") == "A list"
    assert markers.feed("x] and [") == "[x] and"
    assert markers.flush() == " ["


@pytest.mark.parametrize(
    "message",
    ["why?", "Why?", "I don't get it", "give me an example", "can you explain that again?", "?"],
)
def test_short_or_back_referring_messages_are_follow_ups(message: str) -> None:
    assert is_follow_up(message)


@pytest.mark.parametrize(
    "message",
    ["What is a cell?", "How do I open a file?", "difference between = and ==", "enumerate"],
)
def test_questions_that_name_their_topic_are_not_follow_ups(message: str) -> None:
    assert not is_follow_up(message)


def test_a_follow_up_query_carries_the_topic_and_a_new_question_does_not() -> None:
    topic = Topic("How do loops work?", ("Loops", "Lists"))

    assert retrieval_query("why?", topic) == "why? How do loops work? Loops Lists"
    assert retrieval_query("What is a set?", topic) == "What is a set?"
    assert retrieval_query("why?", None) == "why?"


@pytest.mark.parametrize("message", ["Hello!", "thanks", "Thank you very much", "ok"])
def test_greetings_and_thanks_are_small_talk(message: str) -> None:
    assert is_small_talk(message)


@pytest.mark.parametrize("message", ["Hello, what is a list?", "ok so why", "", "42"])
def test_questions_are_not_small_talk(message: str) -> None:
    assert not is_small_talk(message)


@pytest.mark.parametrize(
    ("similarity", "lexical", "relevant"),
    [(0.8, 0.0, True), (0.35, 0.6, True), (0.35, 0.2, False), (0.1, 1.0, False)],
)
def test_relevance_needs_meaning_or_words_with_some_meaning(
    similarity: float, lexical: float, relevant: bool
) -> None:
    assert is_relevant(similarity, lexical) is relevant


def test_brackets_in_code_are_never_markers() -> None:
    answer = "Use a list [1]:\n\n```python\nnums = [5]\nfirst = nums [0]\n```\n\nOr `x [7]` [2]."

    text, citations = cite(answer, SOURCES)

    assert text == answer
    assert [c.index for c in citations] == [1, 2]


def test_the_marker_filter_leaves_code_alone_across_pieces() -> None:
    markers = MarkerFilter(1)
    pieces = ["See [1]:\n\n```\nx = ", "[", "9]\n```\n", "Done [", "9]."]

    out = "".join(markers.feed(piece) for piece in pieces) + markers.flush()

    assert out == "See [1]:\n\n```\nx = [9]\n```\nDone."

"""Passages: the pieces of lessons a tutor retrieves and cites, and the rules of retrieval.

A lesson is cut at its Markdown headings into sections; a long section is cut into pieces of
about ``MAX_WORDS`` words that overlap by up to ``OVERLAP_WORDS`` words. A piece is made of
whole blocks (paragraphs, lists, fenced code, tables, quotes): a code block or a table is
never cut in half. Parsing the Markdown is an adapter's job (port ``LessonSplitter``); the
packing of parsed blocks into passages is here, as plain Python.

Search text is "code-aware": operators and dunder names become words (``==`` → ``opeqeq``,
``//`` → ``opfloordiv``, ``__name__`` → ``dundername``), so that a full-text index, which
drops punctuation, can still find them. The same function is applied to passages and
queries.
"""

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar
from uuid import UUID

from tutor_platform.shared.stemming import stem as shared_stem
from tutor_platform.shared.words import STOP_WORDS

MAX_WORDS: Final = 250
"""A section longer than this is cut into overlapping pieces."""
OVERLAP_WORDS: Final = 60
"""Up to this many words of whole blocks at the end of a piece start the next one too."""
HEADING_SEPARATOR: Final = " \u203a "  # a single right-pointing angle quotation mark
RRF_K: Final = 60
"""The constant of reciprocal rank fusion (Cormack et al.)."""
LEXICAL_CANDIDATES: Final = 20
VECTOR_CANDIDATES: Final = 50
MAX_QUERY_CHARS: Final = 2_000
MAX_QUERY_TERMS: Final = 32

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a section as the splitter found it: its Markdown and its plain text."""

    markdown: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class ParsedSection:
    """The blocks under one heading; ``headings`` is the path of headings above them (empty
    before the first heading of the lesson)."""

    headings: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class PassageDraft:
    """A passage before it is embedded and stored; ``position`` is 1-based within the lesson."""

    position: int
    heading: str | None
    markdown: str
    text: str


@dataclass(frozen=True, slots=True)
class RetrievedPassage:
    """A passage of a lesson, as retrieval gives it (see ``CatalogFacade.retrieve_passages``)."""

    passage_id: UUID
    lesson_id: UUID
    course_id: UUID
    lesson_title: str
    heading: str | None
    markdown: str
    text: str
    is_premium: bool
    score: float
    similarity: float
    lexical: float


def heading_path(headings: Sequence[str]) -> str | None:
    return HEADING_SEPARATOR.join(headings) if headings else None


def _pieces(blocks: Sequence[Block]) -> list[list[Block]]:
    """Whole blocks packed into pieces of at most ``MAX_WORDS`` words (a single bigger block
    is a piece of its own); each piece after the first starts with the trailing blocks of the
    one before, up to ``OVERLAP_WORDS`` words."""
    pieces: list[list[Block]] = []
    current: list[Block] = []
    fresh = 0  # blocks of ``current`` that are not overlap
    for block in blocks:
        size = sum(b.words for b in current)
        if current and fresh and size + block.words > MAX_WORDS:
            pieces.append(current)
            current = _overlap(current)
            fresh = 0
            if current and sum(b.words for b in current) + block.words > MAX_WORDS:
                current = []
        current.append(block)
        fresh += 1
    if current and fresh:
        pieces.append(current)
    return pieces


def _overlap(piece: Sequence[Block]) -> list[Block]:
    tail: list[Block] = []
    words = 0
    for block in reversed(piece[1:]):
        if words + block.words > OVERLAP_WORDS:
            break
        tail.insert(0, block)
        words += block.words
    return tail


def pack_passages(sections: Iterable[ParsedSection]) -> list[PassageDraft]:
    """The passages of a lesson in reading order; sections without text give none."""
    drafts: list[PassageDraft] = []
    for section in sections:
        blocks = [block for block in section.blocks if block.markdown.strip()]
        for piece in _pieces(blocks):
            drafts.append(
                PassageDraft(
                    position=len(drafts) + 1,
                    heading=heading_path(section.headings),
                    markdown="\n\n".join(block.markdown.strip("\n") for block in piece),
                    text="\n\n".join(block.text.strip() for block in piece if block.text.strip()),
                )
            )
    return drafts


# --- Code-aware search text -------------------------------------------------------------

OPERATOR_WORDS: Final[Mapping[str, str]] = {
    "**=": "oppowassign",
    "//=": "opfloordivassign",
    ">>=": "oprshiftassign",
    "<<=": "oplshiftassign",
    "==": "opeqeq",
    "!=": "opnoteq",
    "<=": "oplesseq",
    ">=": "opgreatereq",
    "->": "oparrow",
    ":=": "opwalrus",
    "+=": "opplusassign",
    "-=": "opminusassign",
    "*=": "optimesassign",
    "/=": "opdivassign",
    "%=": "opmodassign",
    "**": "oppow",
    "//": "opfloordiv",
    "<<": "oplshift",
    ">>": "oprshift",
    "=": "opassign",
    "+": "opplus",
    "-": "opminus",
    "*": "optimes",
    "/": "opdiv",
    "%": "opmod",
    "<": "opless",
    ">": "opgreater",
    "&": "opamp",
    "|": "oppipe",
    "^": "opcaret",
    "~": "optilde",
    "@": "opat",
}
_OPERATORS = "|".join(re.escape(op) for op in sorted(OPERATOR_WORDS, key=len, reverse=True))
_DUNDER = re.compile(r"(?<![\w])__([A-Za-z][A-Za-z0-9]*)__(?![\w])")
_OPERATOR_RUN = re.compile(r"[=!<>+\-*/%&|^~@:.]+")
_ONE_OPERATOR = re.compile(_OPERATORS)
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_URL = re.compile(r"\b\w+://\S+")
_WORD = re.compile(r"[^\W_]+")
_ESCAPE = re.compile(r"\\([A-Za-z])")
_CODE_WORD = re.compile(r"^(?:op[a-z]+|dunder[a-z0-9]+|esc(?:upper)?[a-z])$")


def _operator_words(run: str) -> str:
    words = [OPERATOR_WORDS[op] for op in _ONE_OPERATOR.findall(run)]
    return f" {' '.join(words)} " if words else " "


def _escape_word(letter: str) -> str:
    return f"escupper{letter.lower()}" if letter.isupper() else f"esc{letter}"


def code_search_text(text: str) -> str:
    """``text`` with dunder names, backslash escapes and operators turned into words,
    everything else kept.

    ``a == b`` → ``a opeqeq b``, ``x //= 2`` → ``x opfloordivassign 2``, ``__init__`` →
    ``dunderinit``, ``\\d`` → ``escd`` and ``\\D`` → ``escupperd``; a hyphen inside a word
    ("well-known") and punctuation of prose (``.``, ``:``, ``!``) stay as they are.
    """
    text = _URL.sub(" ", text)
    text = _ESCAPE.sub(lambda m: f" {_escape_word(m.group(1))} ", text)
    text = _DUNDER.sub(lambda m: f" dunder{m.group(1).lower()} ", text)
    text = _HYPHEN_IN_WORD.sub(" ", text)
    return _OPERATOR_RUN.sub(lambda m: _operator_words(m.group(0)), text)


# --- Query terms, stemming, lexical share -------------------------------------------------


def stem(word: str) -> str:
    """The shared English stemmer, for comparing a question's words with a passage's,
    identically on both sides; code words (``opeqeq``, ``dundername``) and words outside
    ASCII are kept as they are."""
    word = word.lower()
    if len(word) <= 3 or _CODE_WORD.match(word) or not word.isascii():
        return word
    return shared_stem(word)


def words_of(text: str) -> list[str]:
    """The lower-case words of a code-aware search text (letters and digits)."""
    return [word.lower() for word in _WORD.findall(text)]


def query_terms(query: str) -> list[str]:
    """The distinct content terms of a question, in order: code-aware words without stop
    words, at most ``MAX_QUERY_TERMS`` (an over-long question is cut first)."""
    terms: list[str] = []
    seen: set[str] = set()
    for word in words_of(code_search_text(query[:MAX_QUERY_CHARS])):
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()) or word in seen:
            continue
        seen.add(word)
        terms.append(word)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return terms


def text_stems(*texts: str) -> frozenset[str]:
    """The stems of the code-aware words of ``texts`` (what :func:`share_found` looks in)."""
    return frozenset(stem(word) for text in texts for word in words_of(code_search_text(text)))


def share_found(term_stems: Sequence[str], stems: Collection[str]) -> float:
    """The share (0..1) of the question's terms (given by their stems) among ``stems``."""
    if not term_stems:
        return 0.0
    return sum(1 for term in term_stems if term in stems) / len(term_stems)


def lexical_share(terms: Sequence[str], *texts: str) -> float:
    """The share (0..1) of ``terms`` whose stem occurs among the words of ``texts``."""
    return share_found([stem(term) for term in terms], text_stems(*texts))


def reciprocal_rank_fusion(rankings: Iterable[Sequence[T]], k: int = RRF_K) -> dict[T, float]:
    """Each item's summed ``1 / (k + rank)`` (rank 1-based) over the rankings it appears in."""
    scores: dict[T, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores


def passage_search_text(lesson_title: str, heading: str | None, text: str) -> str:
    """What the full-text index holds for a passage: its lesson's title, heading path and
    plain text, code-aware."""
    return code_search_text("\n".join(part for part in (lesson_title, heading or "", text) if part))


def embedding_input(lesson_title: str, heading: str | None, text: str) -> str:
    """What is embedded for a passage: the lesson title and heading give it its topic."""
    return "\n".join(part for part in (lesson_title, heading or "", text) if part)

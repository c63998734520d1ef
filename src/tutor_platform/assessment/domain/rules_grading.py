"""The offline ``rules`` grader of free-text answers.

It combines two signals and two guards (see docs/decisions.md, "The rules grader"):

- **Keywords**: a rubric keyword counts when every word of it appears, in any inflection
  (Snowball stems: *hides*/*hide*, *bugs*/*bug*), within one clause of the answer that reads
  as prose: at least three words, one of them a function word (*the*, *it*, *so*, ...).
- **Similarity** to the rubric's ``model_answer`` (its guidance when there is none), given by
  the caller as a cosine in -1..1: below ``SIMILARITY_FLOOR`` it earns nothing, at
  ``SIMILARITY_FULL`` and above everything, linearly between; an answer shorter than half the
  reference earns that credit in proportion to its length.
- **Bare keyword list guard**: an answer with no prose clause, with more than
  ``MAX_KEYWORD_RUN`` keyword words in a row, or whose content words are nearly all
  (``MAX_KEYWORD_SHARE``) keyword words, earns nothing from either signal.
- **Negation guard**: a keyword under a negation (*not*, *never*, *no*, *n't*, *without*, ...,
  up to the end of its clause or a word such as *because*) that the reference does not
  negate there is a contradiction: similarity then earns nothing and every contradicted
  keyword takes back one found keyword.

The score is the better of the two signals. The grade is sure (``needs_review`` false) only
when the answer is empty, clearly right (prose, no contradiction, at least
``SURE_KEYWORDS`` of the keywords and ``SURE_SIMILARITY`` similarity credit, each when the
rubric has it) or clearly off-topic (prose, no keyword at all, no similarity credit, with a
reference to compare against). Everything else goes to a person.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.shared.stemming import stem as stem_of

SIMILARITY_FLOOR: Final = 0.15
SIMILARITY_FULL: Final = 0.55
SURE_KEYWORDS: Final = 0.8
SURE_SIMILARITY: Final = 0.75
MAX_KEYWORD_SHARE: Final = 0.8
MAX_KEYWORD_RUN: Final = 2
MIN_CLAUSE_WORDS: Final = 3

_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_CLAUSE_BREAK: Final = re.compile(r"[.!?;:,\n\u2022\u2013\u2014()\[\]]+|\s-\s|^\s*[-*]\s")
_NEGATORS: Final = frozenset(
    {"not", "no", "never", "without", "nor", "neither", "none", "nothing", "cannot", "nobody"}
)
_SCOPE_ENDS: Final = frozenset(
    {"because", "since", "so", "but", "although", "though", "however", "while", "whereas"}
    | {"which", "therefore", "yet", "unless", "otherwise", "instead"}
)
FUNCTION_WORDS: Final = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "them", "their"}
    | {"you", "your", "we", "our", "i", "he", "she", "one", "is", "are", "was", "were", "be"}
    | {"been", "being", "do", "does", "did", "has", "have", "had", "can", "could", "will"}
    | {"would", "should", "may", "might", "must", "to", "of", "in", "on", "at", "by", "for"}
    | {"with", "from", "into", "about", "as", "than", "then", "and", "or", "if", "when"}
    | {"because", "so", "but", "which", "who", "what", "how", "why", "there", "here", "all"}
    | {"every", "each", "any", "some", "only", "also", "even", "more", "most", "other"}
    | {"such", "very", "just", "too", "up", "out", "over", "under"}
    | _NEGATORS
)


@dataclass(frozen=True, slots=True)
class RulesGrade:
    """``score`` 0-1 (4 places) and the reasons, in words a learner understands."""

    score: float
    feedback: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    needs_review: bool


@dataclass(frozen=True, slots=True)
class _Clause:
    words: tuple[str, ...]
    stems: tuple[str, ...]
    negated: frozenset[int]

    @property
    def is_prose(self) -> bool:
        return len(self.words) >= MIN_CLAUSE_WORDS and any(w in FUNCTION_WORDS for w in self.words)


def reference_text(rubric: Rubric) -> str:
    """What the answer's similarity is measured against: the model answer, else guidance."""
    return rubric.model_answer.strip() or rubric.guidance.strip()


def grade_by_rules(answer: str, rubric: Rubric, similarity: float | None) -> RulesGrade:
    """Grade ``answer``; ``similarity`` is its cosine to :func:`reference_text` (None when
    there is no reference)."""
    if not answer.strip():
        return RulesGrade(0.0, "No answer was given.", (), ("Write an answer.",), False)
    keywords = tuple(dict.fromkeys(k.strip() for k in rubric.keywords if k.strip()))
    clauses = _clauses(answer)
    reference = reference_text(rubric)
    found, contradicted = _keyword_hits(keywords, clauses, _clauses(reference))
    if _is_bare_list(clauses, keywords):
        return _bare_list(keywords)
    if contradicted:
        return _contradiction(keywords, found, contradicted)
    coverage = len(found) / len(keywords) if keywords else None
    credit = None if similarity is None else _similarity_credit(similarity, answer, reference)
    score = max(value for value in (coverage, credit, 0.0) if value is not None)
    sure = _clearly_right(coverage, credit) or _clearly_off_topic(found, credit)
    return RulesGrade(
        round(score, 4),
        _feedback(keywords, found, credit, sure),
        tuple(f"Explains {k}." for k in found)
        + (("Close in meaning to the model answer.",) if credit and credit >= 0.5 else ()),
        tuple(
            f"Explain {k} and how it relates to the question." for k in keywords if k not in found
        ),
        not sure,
    )


def _missing(keywords: Sequence[str], found: Sequence[str]) -> list[str]:
    return [keyword for keyword in keywords if keyword not in found]


def _clearly_right(coverage: float | None, credit: float | None) -> bool:
    if coverage is None and credit is None:
        return False
    return (coverage is None or coverage >= SURE_KEYWORDS) and (
        credit is None or credit >= SURE_SIMILARITY
    )


def _clearly_off_topic(found: Sequence[str], credit: float | None) -> bool:
    return not found and credit == 0.0


def _similarity_credit(similarity: float, answer: str, reference: str) -> float:
    span = SIMILARITY_FULL - SIMILARITY_FLOOR
    credit = min(1.0, max(0.0, (similarity - SIMILARITY_FLOOR) / span))
    reference_words = len(_WORD.findall(reference))
    if reference_words:
        credit *= min(1.0, len(_WORD.findall(answer)) / (reference_words / 2))
    return round(credit, 4)


def _keyword_hits(
    keywords: Sequence[str], clauses: Sequence[_Clause], reference: Sequence[_Clause]
) -> tuple[list[str], list[str]]:
    found: list[str] = []
    contradicted: list[str] = []
    for keyword in keywords:
        wanted = _stems(keyword)
        if not wanted:
            continue
        expected_negated = any(
            _negated_in(clause, wanted) for clause in reference if _has(clause, wanted)
        )
        hits = [clause for clause in clauses if clause.is_prose and _has(clause, wanted)]
        if any(_negated_in(clause, wanted) != expected_negated for clause in hits):
            contradicted.append(keyword)
        elif hits:
            found.append(keyword)
    return found, contradicted


def _has(clause: _Clause, wanted: frozenset[str]) -> bool:
    return wanted <= set(clause.stems)


def _negated_in(clause: _Clause, wanted: frozenset[str]) -> bool:
    return any(clause.stems[i] in wanted for i in clause.negated)


def _is_bare_list(clauses: Sequence[_Clause], keywords: Sequence[str]) -> bool:
    """No prose clause, more than ``MAX_KEYWORD_RUN`` keywords in a row, or content words
    nearly all (``MAX_KEYWORD_SHARE``) of three or more keywords."""
    if not any(clause.is_prose for clause in clauses):
        return True
    owners = _keyword_owners(keywords)
    content = [
        stem
        for clause in clauses
        for word, stem in zip(clause.words, clause.stems, strict=True)
        if word not in FUNCTION_WORDS
    ]
    on_keywords = [stem for stem in content if stem in owners]
    distinct = {owner for stem in on_keywords for owner in owners[stem]}
    if len(distinct) >= 3 and len(on_keywords) > MAX_KEYWORD_SHARE * len(content):
        return True
    return any(_longest_run(clause.stems, owners) > MAX_KEYWORD_RUN for clause in clauses)


def _keyword_owners(keywords: Sequence[str]) -> dict[str, set[int]]:
    """Each keyword stem and the keywords (by index) it belongs to."""
    owners: dict[str, set[int]] = {}
    for index, keyword in enumerate(keywords):
        for stem in _stems(keyword):
            owners.setdefault(stem, set()).add(index)
    return owners


def _longest_run(stems: Sequence[str], owners: dict[str, set[int]]) -> int:
    """The most distinct keywords named by consecutive words."""
    longest = 0
    run: set[int] = set()
    for stem in stems:
        run = run | owners[stem] if stem in owners else set()
        longest = max(longest, len(run))
    return longest


def _bare_list(keywords: Sequence[str]) -> RulesGrade:
    return RulesGrade(
        0.0,
        "Your answer names terms without sentences that explain them, so it earns no credit "
        "yet. A teacher will look at it.",
        (),
        (
            "Write whole sentences that explain how the ideas connect.",
            *(f"Explain {k}." for k in keywords[:3]),
        ),
        True,
    )


def _contradiction(
    keywords: Sequence[str], found: Sequence[str], against: Sequence[str]
) -> RulesGrade:
    earned = max(0, len(found) - len(against)) / len(keywords)
    return RulesGrade(
        round(earned, 4),
        f"Your answer says the opposite of the model answer about {_listing(against)}. "
        "A teacher will look at it.",
        tuple(f"Explains {k}." for k in found),
        tuple(f"Check what you wrote about {k}." for k in against),
        True,
    )


def _feedback(
    keywords: Sequence[str], found: Sequence[str], credit: float | None, sure: bool
) -> str:
    parts = []
    if keywords:
        parts.append(f"Your answer covers {len(found)} of {len(keywords)} key points.")
        missing = _missing(keywords, found)
        if found:
            parts.append(f"It explains {_listing(found)}.")
        if missing:
            parts.append(f"It does not explain {_listing(missing)}.")
    if credit is not None:
        closeness = "close to" if credit >= 0.5 else "far from"
        parts.append(f"In meaning it is {closeness} the model answer.")
    if not sure:
        parts.append("A teacher will confirm this grade.")
    return " ".join(parts)


def _listing(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _clauses(text: str) -> list[_Clause]:
    clauses = []
    for part in _CLAUSE_BREAK.split(text):
        words = tuple(word.casefold().replace("\u2019", "'") for word in _WORD.findall(part))
        if words:
            clauses.append(_Clause(words, tuple(stem_of(w) for w in words), _negated(words)))
    return clauses


def _negated(words: Sequence[str]) -> frozenset[int]:
    """The positions of the words under a negation."""
    negated: set[int] = set()
    inside = False
    for index, word in enumerate(words):
        if word in _SCOPE_ENDS:
            inside = False
        elif word in _NEGATORS or word.endswith("n't"):
            inside = True
        elif inside:
            negated.add(index)
    return frozenset(negated)


def _stems(text: str) -> frozenset[str]:
    words = [w.casefold() for w in _WORD.findall(text)]
    content = [w for w in words if w not in FUNCTION_WORDS] or words
    return frozenset(stem_of(w) for w in content)

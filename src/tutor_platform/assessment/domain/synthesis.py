"""A synthesis of lessons: the ideas they share, each with the passages it rests on.

The AI is asked for one idea per Markdown list item; what it wrote is read back as its list
items (its paragraphs, when it wrote no list), and each idea is cited on its own
(``domain.citations``): by its ``[n]`` markers, or by the passages it quotes.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tutor_platform.assessment.domain.citations import Source, cite
from tutor_platform.shared.citations import Citation
from tutor_platform.shared.prose import prose_units


@dataclass(frozen=True, slots=True)
class Idea:
    """An idea the lessons share, and the passages it rests on."""

    text: str
    citations: list[Citation]


def ideas(content: str, sources: Sequence[Source | None]) -> list[Idea]:
    """The ideas of ``content`` (its list items, else its paragraphs; code, headings and
    tables are not ideas), each with its citations."""
    units = prose_units(content)
    items = [unit.markdown for unit in units if unit.is_item] or [u.markdown for u in units]
    found = [Idea(*cite(item, sources)) for item in items]
    return [idea for idea in found if idea.text.strip()]


def cited_by_any(found: Sequence[Idea]) -> list[Citation]:
    """Every passage some idea cites, once, in the order first cited."""
    cited: dict[int, Citation] = {}
    for idea in found:
        for citation in idea.citations:
            cited.setdefault(citation.index, citation)
    return list(cited.values())

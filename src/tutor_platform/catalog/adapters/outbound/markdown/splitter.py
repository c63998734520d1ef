"""``MarkdownItLessonSplitter``: a lesson's Markdown parsed with markdown-it-py (CommonMark
and tables) into sections of whole blocks, packed into passages by the domain.

Top-level block tokens carry their source lines (``token.map``), so each block's Markdown is
cut from the lesson exactly as written; its plain text comes from the tokens (emphasis,
links, pipes and heading marks dropped; code kept as it is). A paragraph longer than a
passage is cut at its sentences, so that it can be packed with overlap like other blocks.
"""

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tutor_platform.catalog.domain.passages import (
    MAX_WORDS,
    Block,
    ParsedSection,
    PassageDraft,
    pack_passages,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_CELLS = ("th_open", "td_open")


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


class MarkdownItLessonSplitter:
    """Implements ``LessonSplitter``."""

    def __init__(self) -> None:
        self._md = _parser()

    def split(self, markdown: str) -> list[PassageDraft]:
        return pack_passages(self.sections(markdown))

    def sections(self, markdown: str) -> list[ParsedSection]:
        lines = markdown.splitlines()
        tokens = self._md.parse(markdown)
        sections: list[ParsedSection] = []
        path: list[tuple[int, str]] = []
        blocks: list[Block] = []

        def close() -> None:
            if blocks:
                sections.append(ParsedSection(tuple(title for _, title in path), tuple(blocks)))
            blocks.clear()

        i = 0
        while i < len(tokens):
            token = tokens[i]
            end = _block_end(tokens, i)
            if token.type == "heading_open":
                close()
                level = int(token.tag[1:])
                title = _inline_text(tokens[i + 1]).strip()
                path[:] = [entry for entry in path if entry[0] < level]
                path.append((level, title))
            elif token.map is not None:
                source = "\n".join(lines[token.map[0] : token.map[1]])
                blocks.extend(self._blocks(token, source, _block_text(tokens[i : end + 1])))
            i = end + 1
        close()
        return sections

    def _blocks(self, token: Token, source: str, text: str) -> list[Block]:
        if token.type != "paragraph_open" or len(text.split()) <= MAX_WORDS:
            return [Block(source, text)]
        pieces: list[Block] = []
        for sentence in _SENTENCE_END.split(source):
            inline = self._md.parseInline(sentence)
            pieces.append(Block(sentence, "".join(_inline_text(t) for t in inline)))
        return pieces


def _block_end(tokens: Sequence[Token], start: int) -> int:
    """The index of the token closing the block that opens at ``start``."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _inline_text(token: Token) -> str:
    """The plain text of an inline token: text and code as written, images by their alt
    text, line breaks as new lines; markup and raw HTML dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append("".join(c.content for c in child.children or []))
    return "".join(parts)


def _block_text(tokens: Sequence[Token]) -> str:
    """The plain text of one top-level block: paragraphs and list items on their own lines,
    table cells separated by spaces and rows by new lines, code blocks as written."""
    lines: list[str] = []
    row: list[str] = []
    in_cell = False
    for token in tokens:
        if token.type in ("fence", "code_block"):
            lines.append(token.content.rstrip("\n"))
        elif token.type == "tr_open":
            row = []
        elif token.type in _CELLS:
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "tr_close":
            lines.append(" ".join(cell for cell in row if cell))
        elif token.type == "inline":
            text = _inline_text(token).strip()
            if in_cell:
                row.append(text)
            elif text:
                lines.append(text)
    return "\n".join(lines)

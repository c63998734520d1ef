"""Whether an answer's Markdown renders as written: nothing opened and left open, no table
without its header."""

import re

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def markdown_problems(markdown: str) -> list[str]:
    """What is broken: an unclosed code fence, an odd number of ``**`` or backticks in a
    paragraph, or a table whose first row is not followed by its separator row."""
    problems: list[str] = []
    in_fence = False
    prose: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            prose.append([])
            continue
        if in_fence:
            continue
        if not line.strip():
            prose.append([])
        else:
            prose[-1].append(line)
    if in_fence:
        problems.append("a code fence is not closed")
    for block in (b for b in prose if b):
        text = "\n".join(block)
        if text.count("`") % 2:
            problems.append(f"a code span is not closed: {block[0][:40]!r}")
        if _CODE_SPAN.sub("", text).count("**") % 2:
            problems.append(f"bold is not closed: {block[0][:40]!r}")
        rows = [line for line in block if line.lstrip().startswith("|")]
        if rows and (len(block) < 2 or not _TABLE_SEPARATOR.match(block[1])):
            problems.append(f"a table has no header row: {block[0][:40]!r}")
    return problems

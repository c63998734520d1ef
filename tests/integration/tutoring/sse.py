"""Reading Server-Sent Events in tests."""

import json
from typing import Any

Event = tuple[str, Any]


def parse_events(text: str) -> list[Event]:
    """``event:``/``data:`` blocks separated by blank lines, the data decoded as JSON."""
    events = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        name, data = "message", None
        for line in block.splitlines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data = json.loads(line.removeprefix("data: "))
        events.append((name, data))
    return events

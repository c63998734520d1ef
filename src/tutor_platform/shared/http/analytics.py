"""The HTTP edge of analytics: the ``from``/``to`` range, JSON or CSV by ``Accept``, and CSV
streamed with a header row and RFC 4180 quoting.

Every figures endpoint has one shape: a :class:`FiguresController` (bearer auth, the ``days``
range and the ``page`` of ``limit``/``offset`` as dependencies), a :func:`figures_get`
operation (documented as JSON and CSV) and a body of :func:`figures_answer`."""

import csv
import io
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any, Final

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import Provide
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)
from litestar.params import QueryParameter
from litestar.response import Stream

from tutor_platform.shared.errors import FieldError, NotAcceptable, ValidationFailed
from tutor_platform.shared.figures import DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS, DateRange
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

CSV: Final = "text/csv"
JSON: Final = "application/json"
CSV_CHUNK_BYTES: Final = 64 * 1024
FIRST_DAY: Final = date(1970, 1, 1)
LAST_DAY: Final = date.max - timedelta(days=1)
"""The days a range may name: none before the epoch, and the day after the last exists."""

From = Annotated[
    str | None,
    QueryParameter(
        name="from",
        format="date",
        description=(
            f"First UTC day (YYYY-MM-DD, {FIRST_DAY} to {LAST_DAY}); "
            f"default `to` - {DEFAULT_RANGE_DAYS - 1} days."
        ),
    ),
]
To = Annotated[
    str | None,
    QueryParameter(
        format="date",
        description=f"Last UTC day (YYYY-MM-DD, {FIRST_DAY} to {LAST_DAY}), included; "
        "default today.",
    ),
]
CSV_RESPONSE_DESCRIPTION: Final = (
    "JSON, or with `Accept: text/csv` the figures as CSV (a header row, then one row per item)."
)


def _day(value: str | None, name: str, errors: list[FieldError]) -> date | None:
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) != len("2026-01-31"):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        errors.append(FieldError(name, "must be a date written YYYY-MM-DD"))
        return None
    if not FIRST_DAY <= day <= LAST_DAY:
        errors.append(FieldError(name, f"must be a day from {FIRST_DAY} to {LAST_DAY}"))
        return None
    return day


def date_range(start: str | None, end: str | None, today: date) -> DateRange:
    """The days asked for (``to`` defaults to today, ``from`` to 29 days before ``to``):
    422 naming ``from``/``to`` for a malformed date, ``from`` after ``to``, or more than
    366 days."""
    errors: list[FieldError] = []
    first, last = _day(start, "from", errors), _day(end, "to", errors)
    if errors:
        raise ValidationFailed("The date range is not valid.", errors)
    last = last or today
    first = first or last - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if first > last:
        raise ValidationFailed(
            "The date range is not valid.", [FieldError("from", "must not be after to")]
        )
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationFailed(
            "The date range is not valid.",
            [FieldError("to", f"must be at most {MAX_RANGE_DAYS - 1} days after from")],
        )
    return DateRange(first, last)


def provide_days(request: Request[Any, Any, Any], from_: From = None, to: To = None) -> DateRange:
    """The ``days`` dependency: the range of the query, today from the app's clock."""
    today = request.app.state.container.clock().now().date()
    return date_range(from_, to, today)


def provide_page(limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> PageRequest:
    """The ``page`` dependency: the ``limit``/``offset`` of the query."""
    return PageRequest(limit, offset)


DAYS: Final = {"days": Provide(provide_days, sync_to_thread=False)}
PAGE: Final = {"page": Provide(provide_page, sync_to_thread=False)}


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        pieces = [piece.strip() for piece in part.split(";")]
        if not pieces[0]:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((pieces[0].lower(), quality))
    return ranges


def prefers_csv(accept: str) -> bool:
    """True for CSV, False for JSON (the default, and on a tie); ``NotAcceptable`` (406)
    when ``accept`` allows neither."""
    if not accept.strip():
        return False
    best: dict[str, float] = {}
    for media, quality in _media_ranges(accept):
        for offered in (JSON, CSV):
            kind = offered.partition("/")[0]
            if media in (offered, f"{kind}/*", "*/*") and quality > 0:
                exact = 2 if media == offered else 1 if media != "*/*" else 0
                best[offered] = max(best.get(offered, 0), quality + exact / 1000)
    if not best:
        raise NotAcceptable(f"This operation answers {JSON} or {CSV}.")
    return best.get(CSV, 0) > best.get(JSON, 0)


def wants_csv(request: Request[Any, Any, Any]) -> bool:
    """Whether the request's ``Accept`` prefers CSV (see :func:`prefers_csv`)."""
    return prefers_csv(request.headers.get("accept", ""))


async def _chunks(
    header: Sequence[str], rows: AsyncIterable[Sequence[object]]
) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    async for row in rows:
        writer.writerow(row)  # None is written as an empty field
        if buffer.tell() >= CSV_CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


async def _each(rows: Iterable[Sequence[object]]) -> AsyncIterator[Sequence[object]]:
    for row in rows:
        yield row


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV download: its file name, its header row and its rows (a list, or streamed)."""

    filename: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]] | AsyncIterable[Sequence[object]]


def csv_response(table: CsvTable) -> Response[Any]:
    """A streamed CSV download (``text/csv; charset=utf-8``, ``Content-Disposition``)."""
    rows = table.rows
    source = rows if isinstance(rows, AsyncIterable) else _each(rows)
    return Stream(
        _chunks(table.header, source),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{table.filename}"'},
    )


async def figures_answer(
    request: Request[Any, Any, Any],
    json: Callable[[], Awaitable[object]],
    csv: Callable[[], Awaitable[CsvTable]],
) -> Response[Any]:
    """The body of ``json()``, or the table of ``csv()`` streamed when ``Accept`` prefers
    CSV; 406 before either is read when ``Accept`` allows neither."""
    if wants_csv(request):
        return csv_response(await csv())
    return Response(await json())


class RangeResponse(msgspec.Struct, kw_only=True):
    """The days a response's figures cover (UTC, both included)."""

    from_: date = msgspec.field(name="from")
    to: date

    @staticmethod
    def fields(days: DateRange) -> dict[str, date]:
        return {"from_": days.start, "to": days.end}


@dataclass
class CsvOperation(Operation):
    """Documents the CSV form of an analytics operation's 200 answer next to its JSON."""

    def __post_init__(self) -> None:
        ok = (self.responses or {}).get("200")
        if isinstance(ok, OpenAPIResponse):
            ok.description = CSV_RESPONSE_DESCRIPTION
            csv_body = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))
            ok.content = {**(ok.content or {}), CSV: csv_body}


def figures_get(path: str, *errors: int) -> Callable[[Any], HTTPRouteHandler]:
    """A GET of figures answering JSON or CSV, documented as both, with the error answers
    ``errors`` (by default those of a course's figures: 401, 403, 404, 406, 422)."""
    return get(
        path,
        responses=error_responses(*(errors or (401, 403, 404, 406, 422))),
        operation_class=CsvOperation,
    )


class FiguresController(Controller):
    """Figures over a range of days (``days``) and, for lists, a ``page``; bearer auth."""

    security = BEARER_SECURITY
    dependencies = {**DAYS, **PAGE}

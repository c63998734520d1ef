"""The usage report's page: tutoring's rows paged by their index, merged with the meter's."""

from uuid import UUID

import pytest

from tutor_platform.bootstrap.analytics import UsageAnalyticsRow, merged_page

COURSES = [UUID(int=n) for n in (3, 7)]


def _row(day: int, course: UUID, feature: str, model: str = "openai/gpt") -> UsageAnalyticsRow:
    provider, _, model_id = model.partition("/")
    return UsageAnalyticsRow(
        day=f"2026-03-{day:02d}",
        provider=provider,
        model_id=model_id,
        feature=feature,
        course_id=course,
        calls=1,
        tokens_in=2,
        tokens_out=3,
        cost_usd=None,
    )


TUTORING = [_row(day, course, "tutoring") for day in range(1, 8) for course in COURSES]
METERED = [
    _row(7, COURSES[1], "grading"),
    _row(4, COURSES[0], "grading"),
    _row(4, COURSES[0], "lesson_draft", "local/"),
    _row(1, COURSES[0], "grading"),
]


def _newest_first(rows: list[UsageAnalyticsRow]) -> list[UsageAnalyticsRow]:
    def key(row: UsageAnalyticsRow) -> tuple[str, str, str, str]:
        return (row.day, str(row.course_id), f"{row.provider}/{row.model_id}", row.feature)

    return sorted(rows, key=key, reverse=True)


@pytest.mark.parametrize("metered", [[], METERED[:1], METERED])
@pytest.mark.parametrize("limit", [1, 3, 5, None])
async def test_every_page_is_the_slice_of_the_merged_list_reading_few_rows(
    metered: list[UsageAnalyticsRow], limit: int | None
) -> None:
    tutoring = _newest_first(TUTORING)
    merged = _newest_first(tutoring + metered)
    read: list[int] = []

    async def fetch(size: int | None, skipped: int) -> list[UsageAnalyticsRow]:
        found = tutoring[skipped:] if size is None else tutoring[skipped : skipped + size]
        read.append(len(found))
        return found

    for offset in range(len(merged) + 2):
        page = await merged_page(fetch, _newest_first(metered), limit, offset)

        end = None if limit is None else offset + limit
        assert page == merged[offset:end]
        if limit is not None:
            assert read[-1] <= limit + len(metered) + 1

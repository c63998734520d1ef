"""Job records: the transitions of a job's status."""

from datetime import timedelta
from uuid import uuid4

from tests.unit.jobs.conftest import NOW
from tutor_platform.shared.jobs.ports import JobRecord


def queued() -> JobRecord:
    return JobRecord(id=uuid4(), kind="k", status="queued", owner_id=None, created_at=NOW)


def test_each_start_is_one_more_attempt() -> None:
    first = queued().started(NOW)
    second = first.requeued("boom").started(NOW + timedelta(seconds=5))

    assert (first.status, first.attempts) == ("running", 1)
    assert (second.status, second.attempts) == ("running", 2)
    assert second.started_at == NOW + timedelta(seconds=5)


def test_success_records_the_result_and_clears_an_earlier_error() -> None:
    done = queued().started(NOW).requeued("boom").started(NOW).succeeded({"n": 1}, NOW)

    assert done.status == "succeeded"
    assert done.result == {"n": 1}
    assert done.error is None
    assert done.progress == 1.0
    assert done.finished_at == NOW
    assert done.is_finished


def test_a_retry_waits_queued_with_the_last_error() -> None:
    waiting = queued().started(NOW).requeued("boom")

    assert waiting.status == "queued"
    assert waiting.error == "boom"
    assert not waiting.is_finished


def test_failure_is_final() -> None:
    failed = queued().started(NOW).failed("boom", NOW)

    assert failed.status == "failed"
    assert failed.finished_at == NOW
    assert failed.is_finished


def test_progress_is_kept_between_zero_and_one() -> None:
    record = queued()

    assert record.with_progress(0.4).progress == 0.4
    assert record.with_progress(-1).progress == 0.0
    assert record.with_progress(7).progress == 1.0

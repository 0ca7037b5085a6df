"""parallel_build's building process as one of the pool's processes: while it would wait for a job,
it takes back the last jobs no worker has started, and never one a worker has."""

from concurrent.futures import CancelledError, Future

import pytest

from parallel_build.workers import TakenBack, ranges


def jobs_started(count, started):
    """`count` futures as a pool holds them: the first `started` handed to a worker, the rest waiting."""
    jobs = [Future() for _ in range(count)]
    for job in jobs[:started]:
        assert job.set_running_or_notify_cancel()
    return jobs


def test_while_it_waits_the_building_process_does_the_last_jobs_no_worker_has_started():
    jobs = jobs_started(6, started=2)
    done_here = []

    def do(index):
        done_here.append(index)
        if index == 3:  # the worker finishes its first job while this process does the fourth
            jobs[0].set_result("first")
        if index == 2:
            jobs[1].set_result("second")

    taken_back = TakenBack(jobs)
    assert taken_back.wait(jobs[0], do) == "first"
    assert done_here == [5, 4, 3]
    assert all(jobs[index].cancelled() for index in done_here)
    assert not jobs[2].cancelled()
    assert taken_back.wait(jobs[1], do) == "second" and done_here == [5, 4, 3, 2]
    with pytest.raises(CancelledError):  # the job it did itself: its result is this process's
        taken_back.wait(jobs[2], do)


def test_a_job_a_worker_has_started_is_never_taken_back():
    jobs = jobs_started(3, started=3)
    done_here = []
    jobs[0].set_result("first")
    taken_back = TakenBack(jobs)
    assert taken_back.wait(jobs[0], done_here.append) == "first"
    assert taken_back.take() is None and done_here == [] and not any(job.cancelled() for job in jobs)


def test_the_parts_cover_every_item_once_in_order():
    for count in (1, 2, 7, 200, 2866):
        parts = ranges(count, 2, 8)
        assert [index for start, stop in parts for index in range(start, stop)] == list(range(count))

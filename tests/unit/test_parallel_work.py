"""parallel_build's building process as one of the pool's processes: rather than wait for a job, it
takes back the last jobs no worker has begun, and never one a worker has; a worker killed meanwhile
stops nothing else."""

import multiprocessing
import subprocess
import sys
import textwrap
from concurrent.futures import Future

from parallel_build.workers import SharedJobs, ranges
from sitebuild import ROOT


def shared_jobs(count):
    jobs = SharedJobs(count, multiprocessing.get_context("fork"))
    jobs.futures = [Future() for _ in range(count)]
    return jobs


def test_while_it_waits_the_building_process_does_the_last_jobs_no_worker_has_begun():
    jobs = shared_jobs(6)
    assert jobs.begin(0) and jobs.begin(1)  # a worker has begun the first two
    done_here = []

    def do(index):
        done_here.append(index)
        if index == 3:  # the worker finishes its first job while this process does the fourth
            jobs.futures[0].set_result(("first",))
        if index == 2:
            jobs.futures[1].set_result(("second",))

    assert jobs.result(0, do) == "first" and done_here == [5, 4, 3]
    assert jobs.result(1, do) == "second" and done_here == [5, 4, 3, 2]
    assert not jobs.begin(2)  # the worker handed job 2 finds it taken back, and leaves it
    assert [jobs.result(index, do) for index in (2, 3, 4, 5)] == [None] * 4 and done_here == [5, 4, 3, 2]


def test_a_job_a_worker_has_begun_is_never_taken_back():
    jobs = shared_jobs(3)
    assert jobs.begin(0) and jobs.begin(2)  # two workers: the second has begun the third job first
    jobs.futures[0].set_result(("first",))
    assert jobs.take_back() is None and jobs.result(0, None) == "first"
    assert jobs.begin(1)  # nothing was taken back: the first worker begins the next job


def test_a_job_no_worker_could_mark_begun_is_done_here():
    jobs = shared_jobs(2)
    jobs.futures[0].set_result(None)  # its worker could not have the lock (one killed while it held it)
    done_here = []
    assert jobs.result(0, done_here.append) is None and done_here == [0]


def test_a_worker_killed_while_the_building_process_took_jobs_back_stops_the_pool_and_nothing_else():
    """Every job done once, here or by a worker, or reported lost with the pool; the process ends, silent."""
    script = textwrap.dedent("""
        import os, signal, time, multiprocessing
        from concurrent.futures.process import BrokenProcessPool
        from parallel_build.workers import forked_pool

        def job(index):
            time.sleep(0.2)
            return index

        here, killed = [], []

        def do_here(index):
            here.append(index)
            time.sleep(0.2)
            if len(here) == 2:  # the workers have begun jobs by now: one is killed (out of memory…)
                killed.append(multiprocessing.active_children()[0].pid)
                os.kill(killed[0], signal.SIGKILL)

        outcome = {}
        with forked_pool(2, job, [(n,) for n in range(12)]) as pool:
            for index in range(12):
                try:
                    found = pool.result(index, do_here)
                    outcome[index] = "here" if found is None else "worker"
                except BrokenProcessPool:
                    outcome[index] = "lost"
        assert sorted(outcome) == list(range(12)) and set(here) == {i for i, o in outcome.items() if o == "here"}
        assert {"here", "worker", "lost"} >= set(outcome.values()) >= {"here", "lost"}, outcome
        print("ended", sorted(outcome.items()))
    """)
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": f"{ROOT / 'plugins'}:{ROOT}", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0 and "ended" in run.stdout, run.stdout + run.stderr
    assert run.stderr == ""  # no "Exception in thread" from the pool's own thread


def test_the_parts_cover_every_item_once_in_order():
    for count in (1, 2, 7, 200, 2866):
        parts = ranges(count, 2, 8)
        assert [index for start, stop in parts for index in range(start, stop)] == list(range(count))

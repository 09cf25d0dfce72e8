"""Worker pools: a worker that dies takes only its own job with it."""
from __future__ import annotations

import multiprocessing
import os

import pytest

from cchc_excel.io.pool import Crashed, pooled

_parent = os.getpid()


def _square_or_die(job: int, extra: tuple) -> int:
    if job in extra and os.getpid() != _parent:
        os._exit(9)
    return job * job


def _nothing() -> None:
    pass


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs forked workers")
@pytest.mark.parametrize("chunk", [1, 3])
@pytest.mark.parametrize("deadly", [(), (0,), (5,), (5, 6), (19,)])
def test_only_the_job_that_kills_its_own_process_is_lost_and_the_order_is_kept(deadly, chunk):
    jobs = list(range(20))
    with pooled(_square_or_die, jobs, deadly, 2, _nothing, (), chunk=chunk) as results:
        got = list(results)
    assert got == [Crashed(job) if job in deadly else job * job for job in jobs]


class Box:
    """A result that can be watched (weakref) once the caller has let it go."""

    def __init__(self, job: int) -> None:
        self.job = job


def _boxed(job: int, extra: tuple) -> Box:
    return Box(job)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs forked workers")
def test_results_the_caller_has_let_go_are_not_held_until_the_last_job():
    import gc
    import weakref

    watched = []
    with pooled(_boxed, list(range(40)), (), 2, _nothing, (), chunk=4) as results:
        for box in results:
            watched.append(weakref.ref(box))
            del box
            if len(watched) == 30:
                gc.collect()
                alive = [ref() is not None for ref in watched]
                # the chunk being given (jobs 28-31) is held until its last result is; those before are gone
                assert alive == [False] * 28 + [True, True], alive
    assert [ref() for ref in watched[:36]] == [None] * 36

"""Worker processes for reading or writing many workbooks at once (merge reads the inbox, split writes copies).

Forked where the system can (the workers then share what the parent had already read, such as the plan,
without copying it), spawned elsewhere (Windows). Below a few dozen files a pool costs more than it saves.

A worker that dies outright (killed for its memory, a crash inside a native library) breaks the whole pool:
every job it had not finished fails with it. pooled() then runs those jobs again, each in a fresh
single-use process, so that only the job that kills its own process is lost, reported as Crashed.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

PARALLEL_FROM = 40  # files; below that, starting worker processes costs more than it saves
MAX_WORKERS = 4


@dataclass(frozen=True)
class Crashed:
    """The result of a job whose own single-use worker process died before it returned."""

    job: object


def worker_count(jobs: int) -> int:
    """How many worker processes to use for jobs files; 0 to do the work in this process."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    return workers if jobs >= PARALLEL_FROM and workers >= 2 else 0


def process_pool(workers: int, initializer, initargs: tuple) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs)


@contextmanager
def pooled(function: Callable, jobs: list, extra: tuple, workers: int, initializer, initargs: tuple):
    """Start function(job, extra) for every job at once on workers processes; yields the results' iterator.

    Results come in the jobs' order. When a worker dies, the jobs the pool had not finished are run again
    one to a fresh process (up to workers at once); a job that kills that process too gives Crashed(job).
    """
    with process_pool(workers, initializer, initargs) as pool:
        futures = [_submit(pool, function, job, extra) for job in jobs]
        try:
            yield _results(futures, (function, jobs, extra, workers, initializer, initargs))
        finally:
            for future in futures:
                future.cancel()


def _submit(pool: ProcessPoolExecutor, function: Callable, job, extra: tuple) -> Future:
    try:
        return pool.submit(function, job, extra)
    except BrokenProcessPool as err:  # a worker died while the jobs were still being handed out
        failed: Future = Future()
        failed.set_exception(err)
        return failed


def _results(futures: list[Future], run: tuple) -> Iterator:
    function, jobs, extra, workers, initializer, initargs = run
    for index, future in enumerate(futures):
        try:
            result = future.result()
        except BrokenProcessPool:
            break
        yield result
    else:
        return
    window: deque = deque()
    for job, earlier in zip(jobs[index:], futures[index:]):
        if _succeeded(earlier):  # finished before the pool broke
            window.append((None, earlier, job))
        else:
            single = process_pool(1, initializer, initargs)
            window.append((single, single.submit(function, job, extra), job))
        if len(window) >= workers:
            yield _collect(*window.popleft())
    while window:
        yield _collect(*window.popleft())


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _collect(single: ProcessPoolExecutor | None, future: Future, job):
    try:
        return future.result()
    except BrokenProcessPool:
        return Crashed(job)
    finally:
        if single is not None:
            single.shutdown()

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
def pooled(function: Callable, jobs: list, extra: tuple, workers: int, initializer, initargs: tuple,
           chunk: int = 1):
    """Start function(job, extra) for every job at once on workers processes; yields the results' iterator.

    Jobs are handed out chunk at a time (one message each way per chunk, not per job). Results come in the
    jobs' order. When a worker dies, the jobs the pool had not finished are run again one to a fresh
    process (up to workers at once); a job that kills that process too gives Crashed(job).
    """
    chunks = [jobs[start:start + chunk] for start in range(0, len(jobs), chunk)]
    with process_pool(workers, initializer, initargs) as pool:
        futures = [_submit(pool, function, part, extra) for part in chunks]
        try:
            yield _results(futures, chunks, (function, extra, workers, initializer, initargs))
        finally:
            for future in futures:
                future.cancel()


def _run_chunk(function: Callable, jobs: list, extra: tuple) -> list:
    return [function(job, extra) for job in jobs]


def _submit(pool: ProcessPoolExecutor, function: Callable, jobs: list, extra: tuple) -> Future:
    try:
        return pool.submit(_run_chunk, function, jobs, extra)
    except BrokenProcessPool as err:  # a worker died while the jobs were still being handed out
        failed: Future = Future()
        failed.set_exception(err)
        return failed


_SPENT: Future = Future()  # in the place of a chunk's future once its results are given
_SPENT.set_result([])


def _results(futures: list[Future], chunks: list[list], run: tuple) -> Iterator:
    function, extra, workers, initializer, initargs = run
    for index, future in enumerate(futures):
        try:
            results = future.result()
        except BrokenProcessPool:
            break
        futures[index] = _SPENT  # what it gave is let go as soon as the caller has: not held to the last job
        yield from results
        del results
    else:
        return
    window: deque = deque()
    for part, earlier in zip(chunks[index:], futures[index:]):
        for position, job in enumerate(part):
            if _succeeded(earlier):  # finished before the pool broke
                window.append((None, earlier, position, job))
            else:
                single = process_pool(1, initializer, initargs)
                window.append((single, single.submit(_run_chunk, function, [job], extra), 0, job))
            if len(window) >= workers:
                yield _collect(*window.popleft())
    while window:
        yield _collect(*window.popleft())


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _collect(single: ProcessPoolExecutor | None, future: Future, position: int, job):
    try:
        return future.result()[position]
    except BrokenProcessPool:
        return Crashed(job)
    finally:
        if single is not None:
            single.shutdown()

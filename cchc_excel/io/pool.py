"""Worker processes for reading or writing many workbooks at once (merge reads the inbox, split writes copies).

Forked where the system can (the workers then share what the parent had already read, such as the plan,
without copying it), spawned elsewhere (Windows). Below a few dozen files a pool costs more than it saves.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

PARALLEL_FROM = 40  # files; below that, starting worker processes costs more than it saves
MAX_WORKERS = 4


def worker_count(jobs: int) -> int:
    """How many worker processes to use for jobs files; 0 to do the work in this process."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    return workers if jobs >= PARALLEL_FROM and workers >= 2 else 0


def process_pool(workers: int, initializer, initargs: tuple) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs)

"""The writers' threads: a review's or an article's work at a lower CPU priority than the readers'.

A write (a review, a POSTed article) and the in-memory series update after its commit take tens of
milliseconds of CPU each; a client that posts them back to back wants a share of the cores for as
long as it posts, and on a small machine the readers' tail waited for that share (bench/RESULTS.md,
fourteenth pass: /series p99 during 100 reviews 67-101 ms at 1M figures and 92-99 ms at 5M, 45-76
and 58-60 ms with the writes at nice 10). The write handlers hand their work to these threads, which lowered their own priority
once when they started (on Linux a thread's nice value is its own; raising it needs no privilege,
which lowering it back would); the handler's thread waits for the result without using the CPU.

What a write runs on DuckDB's and polars' own worker threads keeps their priority, as does the
snapshot publisher (other processes' data must stay at most HUMSTAT_SNAPSHOT_INTERVAL old).
"""
from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

log = logging.getLogger("humstat.api")

T = TypeVar("T")

# Writes take the store's write lock one at a time; more threads let an article's extraction (before
# its write) overlap a review, and a POST never waits for a thread behind a slow one.
WRITER_THREADS = 4


def _lower_own_priority(nice: int) -> None:
    """Add `nice` to the calling thread's nice value (Linux; elsewhere a no-op, logged once)."""
    if nice <= 0:
        return
    if not sys.platform.startswith("linux"):  # elsewhere PRIO_PROCESS with a thread id names a process
        log.info("writer threads: a thread's own priority is Linux only; writes run at the readers' priority")
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + nice))
    except OSError as exc:  # a sandbox may refuse it: the writes still run
        log.warning("writer threads: cannot lower their priority (%s)", exc)


class Writers:
    """A small pool of threads at a lower priority; `run(fn)` runs fn on one and returns its result
    (or raises what it raised) in the calling thread."""

    def __init__(self, nice: int, workers: int = WRITER_THREADS) -> None:
        self.nice = nice
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="humstat-writer",
                                        initializer=_lower_own_priority, initargs=(nice,))

    def run(self, fn: Callable[[], T]) -> T:
        return self._pool.submit(fn).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)

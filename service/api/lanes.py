"""Bounded lanes for slow work: ad-hoc SQL, chart rendering (PNG/SVG) and streamed exports.

Every sync handler runs on one thread pool (the event loop's default executor). Without lanes, a burst of
slow SQL or PNG renders takes every thread and `/health`, cached answers and the in-memory
series wait behind it for seconds. A lane admits at most `workers` jobs of its kind at once and
lets at most `queue` more wait (up to `wait_s`); beyond that the caller gets a 503 problem with
`Retry-After` at once, without holding a thread. The default pool is sized above the sum of
every lane's running and waiting jobs plus FAST_THREADS (see `reserve_threads`), so fast answers
always find a thread however busy the lanes are.

Only the slow part is gated (the computation behind a cache miss, the render, the stream):
a cached or 304 answer never enters a lane.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from service.api.common import PROBLEM_TYPE_BASE, ProblemError
from service.config import Settings

# Threads kept free for everything outside the lanes (health, cached and in-memory answers,
# ordinary pages).
FAST_THREADS = 40


@dataclass
class Lane:
    """At most `workers` jobs of one kind at once, at most `queue` more waiting up to `wait_s`."""

    name: str
    workers: int
    queue: int
    wait_s: float
    what: str  # for the problem text: "SQL queries", "chart renders", "exports"
    _slots: threading.BoundedSemaphore = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)
    _waiting: int = field(init=False, default=0)
    _running: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.workers = max(1, self.workers)
        self.queue = max(0, self.queue)
        self._slots = threading.BoundedSemaphore(self.workers)

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return self._waiting

    def _busy(self, why: str) -> ProblemError:
        # Retry-After: about the time the work ahead of the caller needs to drain
        retry = max(1, round(self.wait_s / 2))
        return ProblemError(503, "Busy", f"{why}; try again in {retry} s", None,
                            headers={"Retry-After": str(retry)}, type_=PROBLEM_TYPE_BASE + f"{self.name}-busy")

    def acquire(self) -> None:
        """Take a slot, waiting in the queue if there is room; else a 503 problem."""
        if not self._slots.acquire(blocking=False):
            with self._lock:
                if self._waiting >= self.queue:
                    raise self._busy(f"{self.workers} {self.what} are running and {self._waiting} waiting, "
                                     "the most this service queues")
                self._waiting += 1
            try:
                got = self._slots.acquire(timeout=self.wait_s)
            finally:
                with self._lock:
                    self._waiting -= 1
            if not got:
                raise self._busy(f"waited {self.wait_s:g} s for one of {self.workers} busy {self.what}")
        with self._lock:
            self._running += 1

    def release(self) -> None:
        with self._lock:
            self._running -= 1
        self._slots.release()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a slot for the duration of the block (raises the 503 problem when full)."""
        self.acquire()
        try:
            yield
        finally:
            self.release()

    def hold_stream(self, body: Iterator[bytes]) -> Iterator[bytes]:
        """`body`, releasing the slot (taken by the caller) once it is exhausted or closed.

        An export's work happens while it streams, after the handler returned: the slot must
        last as long as the stream, and end when the client goes away (close(), or garbage
        collection of a stream that never started, which a generator's finally would miss).
        """
        return _HeldStream(body, self)


class _HeldStream:
    def __init__(self, body: Iterator[bytes], lane: Lane) -> None:
        self._body = body
        self._lane: Lane | None = lane

    def __iter__(self) -> "_HeldStream":
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._body)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        lane, self._lane = self._lane, None
        if lane is None:
            return
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            lane.release()

    def __del__(self) -> None:
        self.close()


@dataclass(frozen=True)
class Lanes:
    """The app's lanes, one per kind of slow work."""

    sql: Lane
    render: Lane
    export: Lane

    @classmethod
    def from_settings(cls, settings: Settings) -> "Lanes":
        wait = settings.queue_wait_s
        return cls(
            # one query per SQL worker process; more would only wait inside the pool holding a thread
            sql=Lane("sql", max(1, settings.sql_workers), settings.sql_queue, wait, "SQL queries"),
            render=Lane("render", settings.render_workers, settings.render_queue, wait, "chart renders"),
            export=Lane("export", settings.export_workers, settings.export_queue, wait, "exports"),
        )

    def all(self) -> tuple[Lane, ...]:
        return (self.sql, self.render, self.export)

    def threads_needed(self) -> int:
        """Threads the lanes can hold at most (running plus waiting jobs), plus the fast ones'."""
        return sum(lane.workers + lane.queue for lane in self.all()) + FAST_THREADS


def reserve_threads(lanes: Lanes) -> None:
    """Give the event loop a thread pool the lanes can never fill.

    Litestar runs sync handlers on the running loop's default executor, whose size is
    min(32, cores + 4): 6 threads on two cores, so 6 slow requests used to stall everything.
    Must run inside the event loop (the app's lifespan); the loop shuts the pool down with itself.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=lanes.threads_needed(), thread_name_prefix="humstat-handler"))

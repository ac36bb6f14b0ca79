"""Child processes end with their parent: extraction workers, SQL workers.

A SIGKILLed `humstat ingest` or server cannot clean up after itself, and its workers (each
holding a loaded extractor or DuckDB instance, ~200 MB) used to run on for good, keeping
multiprocessing's forkserver and resource tracker alive through the pipes they share.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_S = 1.0


def die_with_parent(original_parent: int, *, kernel_signal: bool = True) -> None:
    """End this process when its parent dies.

    With `kernel_signal`, Linux sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG).
    That fires when the *thread* that forked us exits, so use it only for children forked by a
    process's main loop (multiprocessing's forkserver), never for ones a short-lived thread
    started. Either way a daemon thread checks every second that the parent is still the
    original one (reparented to init or a subreaper means it died; this also covers a parent
    that died before the prctl took effect) and exits at once when it is not.
    """
    if os.getppid() != original_parent:
        os._exit(1)  # the parent is already gone
    if kernel_signal and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watcher below remains
            pass
        if os.getppid() != original_parent:  # died between the first check and the prctl
            os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(POLL_S)
            if os.getppid() != original_parent:
                os._exit(1)  # no cleanup to do: our parent owned every resource we used

    threading.Thread(target=watch, name="humstat-lifeline", daemon=True).start()


def watch_process(pid: int) -> None:
    """End this process when process `pid` (not our parent, e.g. the one behind a forkserver) is gone."""

    def watch() -> None:
        while True:
            threading.Event().wait(POLL_S)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # pragma: no cover - the pid was reused by another user's process
                os._exit(1)

    threading.Thread(target=watch, name="humstat-lifeline-main", daemon=True).start()

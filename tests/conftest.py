"""Shared fixtures: project paths, the shared folder (dev set), fresh stores."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def shared_dir() -> Path | None:
    """../shared beside the checkout (or $HUMSTAT_SHARED), when present."""
    path = Path(os.environ.get("HUMSTAT_SHARED", ROOT.parent / "shared"))
    return path if (path / "eval" / "score.py").exists() else None


def _children() -> dict[int, list[int]]:
    """ppid -> child pids, read from /proc (psutil is not installed)."""
    out: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "(comm)": state, ppid, ...
        if fields[0] != "Z":
            out.setdefault(int(fields[1]), []).append(int(entry.name))
    return out


def descendants(pid: int) -> set[int]:
    """Live (non-zombie) descendants of `pid`."""
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def gone(pid: int) -> bool:
    """True when `pid` no longer runs (absent, or a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2:].split()[0] == "Z"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:160]
    except OSError:
        return "?"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves nothing behind: every process it started has ended by now.

    multiprocessing's forkserver and resource tracker are asked to stop (they would end with
    this process anyway); anything else still running is a leak: it is killed, named, and the
    run fails.
    """
    import signal
    import time

    if not Path("/proc/self/stat").exists():  # pragma: no cover - not Linux
        return
    from multiprocessing import forkserver, resource_tracker

    for stop in (forkserver._forkserver._stop, resource_tracker._resource_tracker._stop):
        try:
            stop()
        except Exception:  # noqa: BLE001 - best effort: not started, or already gone
            pass
    deadline = time.monotonic() + 10  # servers and pools shut down by tests may still be exiting
    left = descendants(os.getpid())
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = descendants(os.getpid())
    if not left:
        return
    names = {pid: _cmdline(pid) for pid in sorted(left)}
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"the test suite left {len(names)} process(es) running (now killed):"]
    lines += [f"  {pid}: {cmd}" for pid, cmd in names.items()]
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line("\n".join(lines), red=True)
    else:  # pragma: no cover
        print("\n".join(lines), file=sys.stderr)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (dev set and scorer) is not beside this checkout; CI has it")
    return path


@pytest.fixture
def store(tmp_path: Path):
    from service.store.db import Store

    s = Store(tmp_path / "humstat.duckdb")
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """A store holding the two seed articles."""
    from service.articles.readers import read_paths
    from service.ingest import ingest

    report = ingest(store, read_paths([SEEDS]))
    assert report.new == 2 and not report.errors
    return store


@contextmanager
def database_held_open(path: Path, seconds: int = 120) -> Iterator[None]:
    """Another process holding `path` open for writing, as `humstat serve` does."""
    holder = subprocess.Popen([sys.executable, "-c",
                               "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
                               f"time.sleep({seconds})", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        yield
    finally:
        holder.kill()
        holder.wait()

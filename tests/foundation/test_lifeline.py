"""Processes end with their parent (#17.6): a SIGKILLed `humstat ingest -j 2` leaves no
forkserver, resource tracker or extraction worker behind; SQL workers end with their server."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, SEEDS, descendants, gone


def _wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {p for p in pids if not gone(p)}
        if not left:
            return set()
        time.sleep(0.1)
    return {p for p in pids if not gone(p)}


def test_a_killed_ingest_leaves_no_process_behind(tmp_path: Path) -> None:
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    corpus = tmp_path / "articles.jsonl"
    with corpus.open("w") as f:  # enough distinct articles that extraction runs for a while
        for i in range(3000):
            f.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)] + f"\n\nUpdate {i}."}) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "ingest", str(corpus), "--db",
                             str(tmp_path / "k.duckdb"), "-j", "2", "-q", "--batch-size", "50"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        family: set[int] = set()
        while len(family) < 4:  # forkserver, resource tracker and two workers (under the forkserver)
            assert proc.poll() is None, "the ingest ended before it could be killed mid-run"
            assert time.monotonic() < deadline, f"extraction workers never started: {family}"
            time.sleep(0.2)
            family = descendants(proc.pid)
        time.sleep(1.0)  # mid-extraction
        family = descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        left = _wait_gone(family, 8)
        assert not left, {p: Path(f"/proc/{p}/cmdline").read_bytes()[:120] for p in left if not gone(p)}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        for pid in family if "family" in locals() else ():
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)


def test_sql_workers_end_with_their_parent(tmp_path: Path) -> None:
    from service.store.db import Store

    with Store(tmp_path / "s.duckdb") as store:
        snap = store.publish_snapshot()
    # a worker busy with a long query when its parent dies (an idle one notices the closed socket)
    code = ("import sys, threading, time; from service.store.sandbox import SandboxPool; "
            "p = SandboxPool(sys.argv[1], workers=1, threads=1, time_limit_s=60); p.run('SELECT 1'); "
            "threading.Thread(target=p.run, args=('SELECT count(*) FROM range(1000000000000)',), daemon=True).start(); "
            "time.sleep(0.5); print(' '.join(map(str, p.worker_pids())), flush=True); time.sleep(120)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(snap)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        workers = {int(p) for p in proc.stdout.readline().split()}
        assert len(workers) == 1 and workers <= descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert not _wait_gone(workers, 8)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        for pid in workers if "workers" in locals() else ():
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)

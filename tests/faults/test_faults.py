"""Faults: a killed ingest, a full disk, a read-only location, a corrupt database file."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb

from service.extract import extract_figures
from service.store.db import Store
from tests.conftest import ROOT

TEMPLATES = [
    "Junta troops killed {n} villagers in {place} on Monday, residents said.",
    "At least {n} people were injured when artillery shells hit a market in {place}.",
    "Police arrested {n} protesters in {place} on Sunday, a rights group said.",
    "More than {n} families fled their homes in {place} after airstrikes, aid workers said.",
    "Fighting in {place} forced {n} people to cross the border, officials said.",
]
PLACES = ["Hpakant", "Loikaw", "Myawaddy", "Kalay", "Mindat", "Lashio", "Hpapun", "Sittwe"]


def _corpus(path: Path, n: int) -> dict[str, str]:
    rng = random.Random(7)
    texts = {}
    with path.open("w") as out:
        for i in range(n):
            body = " ".join(t.format(n=rng.randint(2, 900), place=rng.choice(PLACES))
                            for t in rng.sample(TEMPLATES, 3))
            texts[f"k{i:05d}"] = body
            out.write(json.dumps({"id": f"k{i:05d}", "text": body, "published": "2024-03-20"}) + "\n")
    return texts


def _humstat(*args: str, **kw: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "service.cli", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)  # type: ignore[arg-type]


def test_sigkill_mid_ingest_leaves_whole_articles_and_rerun_completes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    texts = _corpus(feed, 4000)
    db = tmp_path / "k.duckdb"
    Store(db).close()  # migrated and checkpointed: from here on the WAL grows only with ingest commits
    proc = _humstat("ingest", str(feed), "--db", str(db), "--batch-size", "25", "-q")
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 100_000:  # several batches committed
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before the kill: make the corpus larger"

    expected = {aid: Counter(f.metric for f in extract_figures(t, article_id=aid)) for aid, t in texts.items()}
    con = duckdb.connect(str(db))
    try:
        stored = con.execute("SELECT article_id FROM articles").fetchall()
        got = Counter()
        for aid, metric in con.execute("SELECT article_id, metric FROM figures").fetchall():
            got[(aid, metric)] += 1
    finally:
        con.close()
    assert 0 < len(stored) < len(texts), len(stored)
    for (aid,) in stored:
        assert {m: got[(aid, m)] for m in expected[aid]} == dict(expected[aid]), aid

    rerun = _humstat("ingest", str(feed), "--db", str(db), "-q")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    con = duckdb.connect(str(db), read_only=True)
    try:
        n, distinct = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone()
        figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    finally:
        con.close()
    assert n == distinct == len(texts)
    assert figures == sum(sum(c.values()) for c in expected.values())


def test_full_disk_is_a_clear_error_and_nothing_half_written(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _corpus(feed, 3000)
    db = tmp_path / "full.duckdb"
    Store(db).close()  # migrated first, so the limit hits the ingest's own write
    limit = 600_000
    script = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        "from service.cli import main; sys.argv = ['humstat'] + sys.argv[1:]; main()"
    )
    proc = subprocess.run([sys.executable, "-c", script, "ingest", str(feed), "--db", str(db), "--batch-size", "3000",
                           "-q"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    assert "disk is full" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    con = duckdb.connect(str(db))
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == 0
    finally:
        con.close()


def test_read_only_location_is_a_clear_error(tmp_path: Path) -> None:
    proc = _humstat("ingest", str(ROOT / "seeds"), "--db", "/proc/humstat-test/x.duckdb")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "cannot create the data folder" in err and "Traceback" not in err


def test_corrupt_database_is_detected(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    proc = _humstat("ingest", str(ROOT / "seeds"), "--db", str(db), "-q")
    proc.communicate(timeout=300)
    raw = bytearray(db.read_bytes())
    for i in range(0, len(raw), 4096):  # overwrite the headers and every block's first bytes
        raw[i:i + 64] = os.urandom(64)
    db.write_bytes(bytes(raw))
    proc = _humstat("ingest", str(ROOT / "seeds"), "--db", str(db))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "not a valid humstat/DuckDB database" in err and "Traceback" not in err, err

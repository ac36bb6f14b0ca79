"""Extraction in worker processes (#16.5): `humstat extract -j 2` writes what -j 1 writes, in the
same order; `ingest -j 2`, which extracts the next batch while it stores the last, stores what
-j 1 stores."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from service.articles import readers
from service.ingest import ingest
from service.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _feed(tmp_path: Path, copies: int = 6) -> Path:
    texts = [a for a in readers.read_paths([SEEDS]) if hasattr(a, "text")]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as out:
        for k in range(copies):
            for a in texts:
                out.write(json.dumps({"id": f"{a.article_id}-{k}", "text": a.text + f"\n\n(copy {k})",
                                      "published": str(a.published) if a.published else None}) + "\n")
    return feed


def test_extract_in_workers_writes_the_same_lines_in_the_same_order(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    one = subprocess.run([sys.executable, "-m", "service.cli", "extract", str(feed)], cwd=ROOT,
                         capture_output=True, check=True).stdout
    two = subprocess.run([sys.executable, "-m", "service.cli", "extract", "-j", "2", str(feed)], cwd=ROOT,
                         capture_output=True, check=True).stdout
    assert one and one == two


def _stored(store: Store) -> list[tuple]:
    with store.read() as cur:
        return cur.execute("SELECT article_id, metric, value, char_start, char_end FROM figures_current "
                           "ORDER BY ALL").fetchall()


def test_ingest_overlapping_extraction_with_storing_stores_the_same(tmp_path: Path) -> None:
    feed = _feed(tmp_path, copies=12)
    items = lambda: list(readers.read_paths([feed]))  # noqa: E731
    with Store(tmp_path / "one.duckdb") as a, Store(tmp_path / "two.duckdb") as b:
        r1 = ingest(a, items(), batch_size=10, jobs=1)
        # batches of 10, 10 and 4: the first two extracted in the pool, each while the one before is
        # stored; the last (too small for the pool) in this process
        r2 = ingest(b, items(), batch_size=10, jobs=2)
        r3 = ingest(b, items(), batch_size=20, jobs=2)  # everything again: unchanged
        assert (r1.new, r1.failed) == (r2.new, r2.failed) and r1.new == len(items())
        assert r3.unchanged == len(items()) and r3.new == 0
        assert _stored(a) == _stored(b)
        assert len(r2.versions) == len(r1.versions)

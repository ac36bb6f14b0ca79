"""A full disk still serves reads (#17.7): a write that finds no room is a 507 problem, rolled
back, and /api/v1/series, /api/v1/figures and /api/v1/articles go on answering 200.

The disk is filled for real: the service runs in a subprocess whose RLIMIT_FSIZE is lowered after
the data is stored, so DuckDB's own WAL/checkpoint writes and the snapshot's Parquet files fail
with "File too large" as they would with "No space left on device".
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "t" * 24

SCRIPT = r'''
import json, resource, signal, sys
from pathlib import Path
from litestar.testing import TestClient
from service.api.app import create_app
from service.articles.readers import read_paths
from service.config import Settings
from service.ingest import ingest
from service.store.db import Store

db, seeds, token = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
with Store(db) as store:
    ingest(store, read_paths([seeds]))
READS = ["/api/v1/series?metric=killed", "/api/v1/figures", "/api/v1/figures?metric=displaced",
         "/api/v1/articles"]
out = {}
with TestClient(create_app(Settings(token=token, db_path=db))) as c:
    out["before"] = {u: c.get(u).status_code for u in READS}
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, resource.RLIM_INFINITY))
    big = {"id": "big-1", "text": "At least 7 civilians were killed in Sagaing on Monday. "
           + " ".join(f"word{i}" for i in range(60000))}
    r = c.post("/api/v1/articles", json=big, headers={"Authorization": "Bearer " + token})
    out["post"] = {"status": r.status_code, "type": r.headers.get("content-type"), "body": r.json()}
    # new queries (not cached answers): figures by another metric, the article list, one article
    out["after"] = {u: c.get(u).status_code for u in READS + ["/api/v1/figures?metric=injured"]}
    out["big"] = c.get("/api/v1/articles/big-1").status_code
print("RESULT " + json.dumps(out))
'''


def test_a_full_disk_still_serves_reads(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "h.duckdb"), str(ROOT / "seeds"), TOKEN],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    out = json.loads(lines[-1][len("RESULT "):])
    assert set(out["before"].values()) == {200}, out
    post = out["post"]
    assert post["status"] == 507 and post["type"].startswith("application/problem+json"), post
    assert post["body"]["type"].endswith("/disk-full") and "disk is full" in post["body"]["detail"]
    assert str(tmp_path) not in json.dumps(post["body"])  # no server paths in the answer
    assert set(out["after"].values()) == {200}, out  # reads unaffected
    assert out["big"] == 404  # rolled back: nothing of the write was stored

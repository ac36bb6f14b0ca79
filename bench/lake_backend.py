"""The DuckLake backend against the DuckDB file on the same synthetic store (#19.7): /series and
/figures latency (first call and warm), small-write latency (a review, an article with its
figures), and the bytes each keeps, with a catalog on a loopback PostgreSQL started for the run
(.ci/services/cluster.py) and the lake's Parquet in a local folder.

Requests go through the application in this process (Litestar's test client: no HTTP server or
network in the numbers), one at a time, so the difference is the storage's. `humstat maintain`
runs after the load and after the writes, as its schedule would.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_latency import DAYS, START, build_store  # noqa: E402
from litestar.testing import TestClient  # noqa: E402

from service.api.app import create_app  # noqa: E402
from service.articles.readers import make_article  # noqa: E402
from service.config import Settings  # noqa: E402
from service.extract.figure import Figure  # noqa: E402
from service.store import writes  # noqa: E402
from service.store.db import Store  # noqa: E402

METRICS = ["killed", "injured", "displaced", "detained", "refugees"]
REGIONS = [f"MMR{i:03d}" for i in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15)]


def _services():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("humstat_ci_cluster", ROOT / ".ci" / "services" / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))] if xs else float("nan")


def _folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _requests(n: int, seed: int) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    r = random.Random(seed)
    series, figures = [], []
    for _ in range(n):
        d0 = START + timedelta(days=r.randrange(0, DAYS - 400))
        series.append(("/api/v1/series", {"metric": r.choice(METRICS), "place": r.choice(REGIONS),
                                          "interval": r.choice(["week", "month", "year"]), "date_from": str(d0),
                                          "date_to": str(d0 + timedelta(days=r.randrange(90, 400))),
                                          "include_synthetic": "true"}))
        d1 = START + timedelta(days=r.randrange(0, DAYS - 60))
        figures.append(("/api/v1/figures", {"metric": r.choice(METRICS), "place": r.choice(REGIONS), "limit": "100",
                                            "date_from": str(d1), "date_to": str(d1 + timedelta(days=r.randrange(7, 60))),
                                            "include_synthetic": "true"}))
    return series, figures


def _timed(client: TestClient, path: str, params: dict) -> float:
    t0 = time.perf_counter()
    r = client.get(path, params=params)
    ms = (time.perf_counter() - t0) * 1000
    assert r.status_code == 200, r.text[:300]
    return ms


def measure(label: str, store: Store, n_requests: int, n_writes: int) -> dict[str, object]:
    """Latencies of one backend's store (already built)."""
    out: dict[str, object] = {"backend": label}
    series, figures = _requests(n_requests, 7)
    app = create_app(Settings(db_path=store.path, sql_workers=0), store=store)
    with TestClient(app) as client:
        out["series_first_ms"] = _timed(client, *series[0])  # builds the in-memory series rows
        out["figures_first_ms"] = _timed(client, *figures[0])
        lat_s = [_timed(client, p, q) for p, q in series[1:]]
        lat_f = [_timed(client, p, q) for p, q in figures[1:]]
        out["series_p50"], out["series_p99"] = _pct(lat_s, 50), _pct(lat_s, 99)
        out["figures_p50"], out["figures_p99"] = _pct(lat_f, 50), _pct(lat_f, 99)
    with store.read() as cur:
        keys = [k for (k,) in cur.execute("SELECT figure_key FROM figures LIMIT ?", [n_writes]).fetchall()]
    reviews = []
    for key in keys:
        t0 = time.perf_counter()
        writes.record_review(store, key, "confirm", reviewer="bench")
        reviews.append((time.perf_counter() - t0) * 1000)
    articles = []
    for i in range(max(3, n_writes // 3)):
        text = f"Bench article {label} {i}. Soldiers killed {i + 3} villagers in Sagaing Region on March 2, 2024."
        a = make_article(text, article_id=f"bench-{label}-{i}", title=f"Bench {i}", source="bench",
                         url=None, published_value="2024-03-03")
        fig = Figure(article_id=a.article_id, metric="killed", value=i + 3, place_code="MMR005",
                     event_date_start="2024-03-02", event_date_end="2024-03-02", quote=text[:12], char_start=0,
                     char_end=12, confidence=0.9, extractor_version="bench", sentence_start=0, sentence_end=12,
                     number_start=0, number_end=1, number_text=str(i + 3))
        t0 = time.perf_counter()
        run = store.new_run("bench", "bench", "bench/lake_backend.py")
        writes.store_articles(store, [a], [fig], run_id=run, kind="bench", description="bench article")
        articles.append((time.perf_counter() - t0) * 1000)
    out["review_p50"], out["review_p99"] = _pct(reviews, 50), _pct(reviews, 99)
    out["article_p50"], out["article_p99"] = _pct(articles, 50), _pct(articles, 99)
    t0 = time.perf_counter()
    out["maintain"] = store.maintain("7 days", "0 seconds")
    out["maintain_s"] = time.perf_counter() - t0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--figures", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=60, help="/series and /figures requests per backend")
    ap.add_argument("--writes", type=int, default=30, help="reviews per backend (and a third as many articles)")
    args = ap.parse_args()

    services = _services()
    if services.missing().get("postgres"):
        print(f"skipped: {services.missing()['postgres']}")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="humstat-bench-lake-"))
    run_dir = Path(tempfile.mkdtemp(prefix="humstat-cluster-"))  # its own: the postgres user must reach it
    results = []
    try:
        env = services.up(run_dir, owner=os.getpid(), ttl=3 * 3600, only=["postgres"])
        bindir, host, port = Path(env["HUMSTAT_PG_BIN"]), env["HUMSTAT_PG_HOST"], env["HUMSTAT_PG_PORT"]
        name = f"bench_{uuid.uuid4().hex[:8]}"
        subprocess.run([str(bindir / "createdb"), "-h", host, "-p", port, "-U", "humstat", name], check=True,
                       capture_output=True, timeout=60)
        os.environ["HUMSTAT_DATA_PATH"] = str(tmp / "lake-data")
        os.environ.pop("HUMSTAT_LOCAL_DIR", None)
        lake = f"ducklake:postgres:dbname={name} host={host} port={port} user=humstat"
        for label, where in (("file", tmp / "bench.duckdb"), ("lake", lake)):
            n, secs = build_store(where, args.figures)  # type: ignore[arg-type]
            print(f"{label}: {n:,} synthetic figures written in {secs:.1f} s", flush=True)
            with Store(where) as store:
                if label == "lake":
                    store.maintain("7 days", "0 seconds")  # as after a scheduled run: the bulk write compacted
                result = measure(label, store, args.requests, args.writes)
            result["build_s"] = secs
            result["bytes"] = (where.stat().st_size if isinstance(where, Path)
                               else _folder_bytes(tmp / "lake-data"))
            results.append(result)
    finally:
        services.down(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{args.figures:,} synthetic figures; one request at a time through the app in-process; "
          f"{args.requests} /series and /figures requests, {args.writes} reviews and "
          f"{max(3, args.writes // 3)} articles per backend\n")
    print(f"{'backend':<8} {'build s':>8} {'MB':>7} {'series 1st':>11} {'series p50/p99':>16} {'figures 1st':>12} "
          f"{'figures p50/p99':>16} {'review p50/p99':>16} {'article p50/p99':>16} {'maintain s':>11}")
    for r in results:
        print(f"{r['backend']:<8} {r['build_s']:>8.1f} {r['bytes'] / 1e6:>7.1f} {r['series_first_ms']:>9.0f}ms "
              f"{r['series_p50']:>7.1f}/{r['series_p99']:>6.1f}ms {r['figures_first_ms']:>10.0f}ms "
              f"{r['figures_p50']:>7.1f}/{r['figures_p99']:>6.1f}ms {r['review_p50']:>7.1f}/{r['review_p99']:>6.1f}ms "
              f"{r['article_p50']:>7.1f}/{r['article_p99']:>6.1f}ms {r['maintain_s']:>10.1f}")
    for r in results:
        if r["backend"] == "lake":
            m = r["maintain"]
            print(f"\nlake maintain after the writes: data files {m['before']['data_files']} -> {m['after']['data_files']}, "
                  f"delete files {m['before']['delete_files']} -> {m['after']['delete_files']}")
    base = statistics.fmean([results[0]["review_p50"], results[0]["article_p50"]])
    lake_w = statistics.fmean([results[1]["review_p50"], results[1]["article_p50"]])
    print(f"small writes: lake/file p50 = {lake_w / base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ad-hoc SQL overhead: the same queries through GET /api/v1/sql and in plain DuckDB, as a ratio.
Target: under 1.5x on queries over 1 million figures.

The figures are SYNTHETIC (bench/api_latency.py builds them: the extractor's output over the
seeds, copied with varied dates, places and values) in a temporary database deleted afterwards.

- API: `uvicorn service.api.app:create_app` in a subprocess; each request goes over HTTP through
  the statement check, a sandbox worker process (read-only locked DuckDB on the published
  snapshot), Arrow IPC back to the server, and JSON encoding. A comment with a counter makes
  every query text new, so the response cache never answers: this is the uncached path.
- Plain DuckDB: `duckdb.connect(snapshot, read_only=True)` with default settings in this process,
  `execute(q).to_arrow_table()` (every row fetched, nothing encoded).

Each query runs `--repeat` times after a warm-up; medians are compared. The set's ratio is the
geometric mean of the per-query ratios (the usual summary of ratios); the fixed cost of the API
path (HTTP, statement check, process hop, JSON) is measured with `SELECT 1` and printed beside
it, since it alone decides the ratio of the quickest queries.

    python bench/sql_overhead.py [--figures 1000000] [--repeat 15]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import httpx  # noqa: E402

from bench.api_latency import build_store, free_port, start_server  # noqa: E402
from service.store.db import snapshot_path  # noqa: E402

QUERIES: list[tuple[str, str]] = [
    ("count by metric (raw table)",
     "SELECT metric, count(*) AS n, sum(value) AS total FROM figures GROUP BY metric ORDER BY metric"),
    ("monthly killed (raw table)",
     "SELECT date_trunc('month', event_date_start) AS month, sum(value) AS killed FROM figures "
     "WHERE metric = 'killed' GROUP BY month ORDER BY month"),
    ("current figures by metric and state (view, reviews applied)",
     "SELECT metric, admin1_pcode, count(*) AS n, sum(value) AS total FROM figures_current "
     "GROUP BY ALL ORDER BY ALL"),
    ("flow series, merged incidents (view)",
     "SELECT metric, count(*) AS months, sum(value) AS total FROM flow_series_monthly GROUP BY metric ORDER BY metric"),
    ("top 1,000 figures in Yangon (filter + sort)",
     "SELECT figure_id, metric, value, place_code, event_date_start FROM figures_current "
     "WHERE starts_with(place_path, 'MM/MMR013/') ORDER BY value DESC, figure_id LIMIT 1000"),
    ("distinct places per metric",
     "SELECT metric, count(DISTINCT place_code) AS places FROM figures GROUP BY metric ORDER BY metric"),
    ("10,000 rows out (row cap)",
     "SELECT figure_key, metric, value, event_date_start FROM figures ORDER BY row_id LIMIT 10000"),
]


# The ratio is taken without response compression (what curl, pandas and DuckDB's own HTTP
# reader ask for); the last column shows the same request when the client accepts gzip.
IDENTITY = {"Accept-Encoding": "identity"}
GZIP = {"Accept-Encoding": "gzip"}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="humstat-sqlbench-"))
    server = None
    try:
        db = workdir / "bench.duckdb"
        n, took = build_store(db, args.figures)
        print(f"store: {n:,} synthetic figures built in {took:.0f} s")
        port = free_port()
        server = start_server(db, port)
        snap = snapshot_path(db)
        deadline = time.time() + 300
        while not snap.exists() and time.time() < deadline:
            time.sleep(0.2)
        plain = duckdb.connect(str(snap), read_only=True)
        base = f"http://127.0.0.1:{port}"
        counter = 0
        rows = []
        with httpx.Client(base_url=base, timeout=120) as client:
            for label, sql in QUERIES:
                # warm-up: both sides read the same file pages into the OS cache and DuckDB's buffers
                plain.execute(sql).to_arrow_table()
                for _ in range(2):
                    counter += 1
                    r = client.get("/api/v1/sql", params={"q": f"/* warm {counter} */ {sql}"})
                    if r.status_code != 200:
                        raise SystemExit(f"{label}: {r.status_code} {r.text[:300]}")
                plain_s, api_s, gzip_s = [], [], []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    table = plain.execute(sql).to_arrow_table()
                    plain_s.append(time.perf_counter() - t)
                    for headers, samples in ((IDENTITY, api_s), (GZIP, gzip_s)):
                        counter += 1
                        t = time.perf_counter()
                        r = client.get("/api/v1/sql", params={"q": f"/* run {counter} */ {sql}"}, headers=headers)
                        samples.append(time.perf_counter() - t)
                        assert r.status_code == 200, r.text[:300]
                body = r.json()
                assert body["row_count"] == table.num_rows, (label, body["row_count"], table.num_rows)
                rows.append((label, table.num_rows, median_ms(plain_s), median_ms(api_s), median_ms(gzip_s),
                             body["truncated"]))
            plain_s, api_s = [], []
            for _ in range(args.repeat):
                counter += 1
                t = time.perf_counter()
                plain.execute("SELECT 1").to_arrow_table()
                plain_s.append(time.perf_counter() - t)
                t = time.perf_counter()
                client.get("/api/v1/sql", params={"q": f"/* run {counter} */ SELECT 1"}, headers=IDENTITY)
                api_s.append(time.perf_counter() - t)
            fixed_plain, fixed_api = median_ms(plain_s), median_ms(api_s)
        plain.close()

        width = max(len(label) for label, *_ in rows)
        print(f"\n{args.figures:,} figures; medians of {args.repeat} runs; API = GET /api/v1/sql over HTTP "
              f"(uvicorn, sandbox worker process, JSON, no compression); plain = DuckDB in-process, Arrow "
              f"result; ratio = API / plain\n")
        print(f"{'query':<{width}}  {'rows':>6}  {'plain ms':>9}  {'API ms':>8}  {'ratio':>6}  {'API+gzip ms':>11}")
        ratios = []
        for label, n_rows, p, a, g, truncated in rows:
            ratio = a / p if p else float("inf")
            ratios.append(ratio)
            flag = " (truncated)" if truncated else ""
            print(f"{label:<{width}}  {n_rows:>6}  {p:>9.1f}  {a:>8.1f}  {ratio:>5.2f}x  {g:>11.1f}{flag}")
        geo = statistics.geometric_mean(ratios)
        over = [label for (label, *_), ratio in zip(rows, ratios) if ratio >= 1.5]
        print(f"\nratio of the set (geometric mean) {geo:.2f}x; per query {min(ratios):.2f}x to {max(ratios):.2f}x; "
              f"target < 1.5x: {'met' if geo < 1.5 else 'NOT met'}")
        print(f"fixed cost of the API path (SELECT 1: API {fixed_api:.1f} ms, plain {fixed_plain:.2f} ms): "
              f"{fixed_api - fixed_plain:.1f} ms per query"
              + (f"; above 1.5x on its own: {', '.join(over)}" if over else ""))
        print(f"sandbox threads per worker: {os.environ.get('HUMSTAT_SQL_THREADS') or min(4, os.cpu_count() or 1)}; "
              f"plain DuckDB threads: {os.cpu_count()}")
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(30)
            except Exception:  # noqa: BLE001
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

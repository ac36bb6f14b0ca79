"""What a /series answer costs by what it holds (#16): the same series computed in one process on a
kept store's rows with every figure id per point (ids_per_point=None: the answer before the cap)
and with the API's cap (100) or none (0), then encoded (msgspec JSON, as the API does) and gzipped
at zlib levels 1 and 5 (service/api/common.py compresses self-compressed answers itself).

    python bench/answer_size.py --store /tmp/humstat16/write-path-5000000.duckdb [--calls 30]

The store is opened read-only on a copy-free path (nothing is written); the series rows are built
first, as the server's first /series builds them. Requests are the write-path benchmark's
(bench/write_path.py: `killed`, one of Myanmar's states/regions, by month/week/quarter, from a start
in 2021-2024 to the end). Prints per cap p50/p90/p99 of series() ms, JSON bytes, msgspec ms,
gzip ms and bytes at level 1 and 5, and one named large answer in detail.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def _measure(series: Callable[..., Any], store: Any, **kw: Any) -> tuple[Any, bytes, bytes, bytes, dict[str, float]]:
    """One answer computed, encoded and gzipped at levels 1 and 5 as the server does: (answer, JSON,
    gzip 1, gzip 5, ms of each step)."""
    t0 = time.perf_counter()
    answer = series(store, **kw)
    t1 = time.perf_counter()
    body = msgspec.json.encode(answer)
    t2 = time.perf_counter()
    z1 = gzip.compress(body, compresslevel=1, mtime=0)
    t3 = time.perf_counter()
    z5 = gzip.compress(body, compresslevel=5, mtime=0)
    t4 = time.perf_counter()
    return answer, body, z1, z5, {"series": (t1 - t0) * 1e3, "encode": (t2 - t1) * 1e3,
                                  "gz1": (t3 - t2) * 1e3, "gz5": (t4 - t3) * 1e3}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True, help="a store built by bench/write_path.py (kept copy)")
    ap.add_argument("--calls", type=int, default=30)
    ap.add_argument("--caps", default="none,100,0", help="ids_per_point values to compare (none = every id)")
    args = ap.parse_args()

    from service.query import series as s
    from service.store.db import Store

    tmp = Path(tempfile.mkdtemp(prefix="humstat-answer-size-"))
    try:
        db = tmp / "bench.duckdb"
        shutil.copyfile(args.store, db)  # the service may migrate or checkpoint at open: never the kept file
        with Store(db) as store:
            t0 = time.perf_counter()
            s._current_base(store)
            print(f"series rows built in {time.perf_counter() - t0:.0f} s; load {os.getloadavg()[0]:.1f}", flush=True)
            with store.read() as cur:
                places = [r[0] for r in cur.execute(
                    "SELECT code FROM places WHERE country = 'MM' AND level = 'admin1' ORDER BY code").fetchall()]
            caps = [None if c == "none" else int(c) for c in args.caps.split(",")]
            stats: dict[object, dict[str, list[float]]] = {c: {k: [] for k in (
                "series_ms", "kb", "encode_ms", "gz1_ms", "gz1_kb", "gz5_ms", "gz5_kb")} for c in caps}
            for i in range(args.calls):
                start = date(2021 + i % 4, 1 + i % 12, 1 + i % 28)
                kw = dict(metric="killed", include_synthetic=True, place=places[i % len(places)],
                          interval=("month", "week", "quarter")[i % 3], date_from=start)
                for cap in caps:  # interleaved: the same load for every cap
                    _, body, z1, z5, ms = _measure(s.series, store, ids_per_point=cap, **kw)
                    st = stats[cap]
                    st["series_ms"].append(ms["series"])
                    st["encode_ms"].append(ms["encode"])
                    st["kb"].append(len(body) / 1e3)
                    st["gz1_ms"].append(ms["gz1"])
                    st["gz1_kb"].append(len(z1) / 1e3)
                    st["gz5_ms"].append(ms["gz5"])
                    st["gz5_kb"].append(len(z5) / 1e3)
            print(f"{args.calls} calls per cap, interleaved; load {os.getloadavg()[0]:.1f}")
            head = ["ids_per_point", *[f"{k} p50/p90/p99" for k in stats[caps[0]]]]
            print(" | ".join(head))
            print(" | ".join("---" for _ in head))
            for cap, st in stats.items():
                print(" | ".join(["every id" if cap is None else str(cap),
                                  *[f"{_pct(v, .5):.1f}/{_pct(v, .9):.1f}/{_pct(v, .99):.1f}" for v in st.values()]]))
            # one large answer: Yangon (MMR013) from 2021 by month
            print("\nYangon (MMR013), killed, by month from 2021-01-01:")
            for cap in caps:
                yangon = dict(metric="killed", include_synthetic=True, place="MMR013", interval="month",
                              date_from=date(2021, 1, 1), ids_per_point=cap)
                s.series(store, **yangon)  # (warm)
                times: dict[str, float] = {}
                for _ in range(3):
                    answer, body, z1, z5, ms = _measure(s.series, store, **yangon)
                    times = {k: min(times.get(k, v), v) for k, v in ms.items()}
                n_ids = sum(len(p.figure_ids) for p in answer.points)
                n_rep = sum(p.n_reports for p in answer.points)
                print(f"  ids_per_point={'every' if cap is None else cap}: {len(answer.points)} points, "
                      f"{n_rep:,} figures, {n_ids:,} ids listed; series {times['series']:.1f} ms, "
                      f"JSON {len(body) / 1e3:,.0f} kB in {times['encode']:.1f} ms; gzip level 1 "
                      f"{len(z1) / 1e3:,.0f} kB in {times['gz1']:.1f} ms, level 5 {len(z5) / 1e3:,.0f} kB "
                      f"in {times['gz5']:.1f} ms (best of 3); load {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Series latency against store size: how the cost of one /series computation grows from 10k
to 1M figures. In-process (no HTTP), each call with a different date range so no cache answers.
The stores are synthetic (bench/api_latency.py's generator), in a temporary folder.

    python bench/series_scaling.py [--sizes 10000 100000 1000000] [--calls 60]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.api_latency import DAYS, START, build_store  # noqa: E402
from service.query.series import series  # noqa: E402
from service.store.db import Store  # noqa: E402

CASES = [("killed", "MM", "month"), ("killed", "MMR003", "week"), ("displaced", "MM", "month"),
         ("detained", None, "quarter"), ("injured", "MMR001", "day")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--calls", type=int, default=60)
    args = ap.parse_args()
    rng = random.Random(3)
    print(f"{'figures':>10} {'build s':>8} {'p50 ms':>8} {'p90 ms':>8} {'max ms':>8}  per-case p50 ms")
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"s{n}.duckdb"
            written, build_s = build_store(path, n)
            with Store(path) as store:
                per_case: dict[str, list[float]] = {}
                samples = []
                for i in range(args.calls):
                    metric, place, interval = CASES[i % len(CASES)]
                    start = START + timedelta(days=rng.randint(0, DAYS // 2))
                    end = start + timedelta(days=rng.randint(90, DAYS // 2))
                    t0 = time.perf_counter()
                    series(store, metric=metric, place=place, interval=interval, date_from=start, date_to=min(end, date(2025, 12, 31)),
                           include_synthetic=True)
                    ms = (time.perf_counter() - t0) * 1000
                    samples.append(ms)
                    per_case.setdefault(f"{metric}/{place or '*'}/{interval}", []).append(ms)
            samples.sort()
            p50 = statistics.median(samples)
            base = base or p50
            cases = ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in per_case.items())
            print(f"{written:>10,} {build_s:>8.1f} {p50:>8.1f} {samples[int(len(samples) * 0.9)]:>8.1f} "
                  f"{samples[-1]:>8.1f}  {cases}", flush=True)


if __name__ == "__main__":
    main()

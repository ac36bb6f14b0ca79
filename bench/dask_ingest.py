"""Ingest throughput with extraction on Dask (1 and 2 workers) against the local pool (-j 1, -j 2).

Each configuration runs `humstat ingest` in a fresh process into a fresh DuckDB file, on the same
synthetic corpus (bench/corpus.py). The Dask workers are a loopback cluster this script starts
(.ci/services/cluster.py, one thread per worker) and stops; they are warmed by a small ingest
first, as a long-running cluster would be, while -j N pays its workers' start in every run.
Usage: python bench/dask_ingest.py [--articles 400] [--batch-size 25]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import ROOT, articles, base_texts  # noqa: E402


def _services():
    spec = importlib.util.spec_from_file_location("humstat_ci_cluster", ROOT / ".ci" / "services" / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ingest(feed: Path, db: Path, extra: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "service.cli", "ingest", str(feed), "--db", str(db), "-q", *extra],
                          cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"ingest {' '.join(extra)} failed: {proc.stderr[-2000:]}")
    return took, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--batch-size", type=int, default=25)
    args = ap.parse_args()
    _, origin = base_texts()
    services = _services()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        feed = work / "feed.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in articles(args.articles, seed=7)))
        mb = feed.stat().st_size / 1e6
        print(f"corpus: {args.articles} articles, {mb:.2f} MB ({origin}); partitions of {args.batch_size}; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        print(f"{'extraction':<22} {'seconds':>8} {'art/s':>7} {'MB/s':>6} {'figures':>8}")
        configs: list[tuple[str, list[str] | int]] = [("local -j 1", ["-j", "1"]), ("local -j 2", ["-j", "2"]),
                                                       ("dask, 1 worker", 1), ("dask, 2 workers", 2)]
        stored: dict[str, int] = {}
        for index, (name, how) in enumerate(configs):
            run_dir = work / f"cluster{index}"
            extra = how if isinstance(how, list) else None
            try:
                if extra is None:
                    env = services.up(run_dir, owner=os.getpid(), ttl=3600, only=["dask"], dask_workers=how)
                    extra = ["--dask", env["HUMSTAT_DASK_SCHEDULER"]]
                    ingest(ROOT / "seeds", work / f"warm{how}.duckdb", extra)
                db = work / f"bench{index}.duckdb"
                took, out = ingest(feed, db, ["--batch-size", str(args.batch_size), *extra])
            finally:
                services.down(run_dir)
            total = re.search(r"\(total (\d+)\)", out)
            stored[name] = int(total.group(1)) if total else 0
            print(f"{name:<22} {took:>8.1f} {args.articles / took:>7.1f} {mb / took:>6.3f} {stored[name]:>8,}",
                  flush=True)
        if len(set(stored.values())) != 1:  # a faster run that stored less measured nothing
            raise SystemExit(f"the configurations stored different numbers of figures: {stored}")


if __name__ == "__main__":
    main()

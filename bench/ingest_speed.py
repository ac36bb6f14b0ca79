"""Ingest time and peak memory for 10,000 and 100,000 articles (synthetic copies of real texts).

Each size runs `humstat ingest` in a fresh process on a fresh temporary database, so peak RSS
is that process's own. Usage: python bench/ingest_speed.py [--sizes 10000 100000]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import ROOT, articles, base_texts  # noqa: E402


def run(n: int, workdir: Path) -> dict[str, float]:
    feed = workdir / f"feed{n}.jsonl"
    size = 0
    with feed.open("w") as out:
        for record in articles(n):
            line = json.dumps(record) + "\n"
            size += len(line.encode())
            out.write(line)
    db = workdir / f"bench{n}.duckdb"
    # A fresh parent per size, so RUSAGE_CHILDREN's peak is this ingest's own.
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode); "
               "print(p.stdout); print(p.stderr[-2000:], file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "service.cli", "ingest", str(feed),
                           "--db", str(db), "-q"], cwd=ROOT, capture_output=True, text=True)
    seconds_s, peak_kb, code = proc.stdout.split("\n", 1)[0].split()
    if code != "0":
        raise SystemExit(f"ingest failed: {proc.stderr}")
    total = re.search(r"\(total (\d+)\)", proc.stdout)
    seconds = float(seconds_s)
    return {"articles": n, "mb": size / 1e6, "seconds": seconds, "articles_per_s": n / seconds,
            "peak_rss_mb": int(peak_kb) / 1024, "db_mb": db.stat().st_size / 1e6,
            "figures": int(total.group(1)) if total else 0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = ap.parse_args()
    _, origin = base_texts()
    print(f"corpus: {origin}")
    print(f"{'articles':>9} {'MB':>7} {'seconds':>8} {'art/s':>8} {'figures':>8} {'peak RSS MB':>12} {'db MB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = run(n, Path(tmp))
            print(f"{r['articles']:>9,} {r['mb']:>7.1f} {r['seconds']:>8.1f} {r['articles_per_s']:>8.0f} "
                  f"{r['figures']:>8,} {r['peak_rss_mb']:>12.0f} {r['db_mb']:>7.1f}", flush=True)


if __name__ == "__main__":
    main()

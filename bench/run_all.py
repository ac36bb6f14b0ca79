"""Run every benchmark and write bench/RESULTS.md with the machine it ran on (make bench).

Each benchmark is a script in bench/ that prints its own numbers; this collects them verbatim.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# (script, arguments, what it answers)
BENCHMARKS: list[tuple[str, list[str], str]] = [
    ("extract_speed.py", [], "Extraction throughput (MB/s per core) against quantulum3 on the same text"),
    ("text_speed.py", [], "The text layer by stage: gazetteer load, places, dates, and linearity in article size"),
    ("ingest_speed.py", ["--sizes", "10000", "50000", "100000"],
     "Ingest time and peak memory for 10,000, 50,000 and 100,000 articles"),
    ("dask_ingest.py", ["--articles", "400", "--batch-size", "25"],
     "Dask: ingest throughput with extraction on 1 and 2 Dask workers against local -j 1 and -j 2"),
    ("api_latency.py", [], "API p50/p99 latency and requests per second on a 1M-figure store"),
    ("series_scaling.py", [], "Series latency against store size (10k to 1M figures)"),
    ("write_path.py", ["--figures", "10000", "1000000", "5000000"],
     "The write path on a live server: bytes per review and per article, POST to visible, readers during 100 writes, RSS"),
    ("ingest_memory.py", ["--sizes", "10000", "50000", "100000"],
     "The ingest memory curve: RSS of humstat ingest per tenth of 10,000, 50,000 and 100,000 articles"),
    ("chart_speed.py", [], "Chart render times (html, json, png), warm"),
    ("sql_overhead.py", [], "Ad-hoc SQL through /api/v1/sql against plain DuckDB"),
    ("lake_backend.py", ["--figures", "1000000"],
     "DuckLake (PostgreSQL catalog, local Parquet) against the DuckDB file at 1M figures: /series, /figures, small writes, bytes"),
]


def machine() -> str:
    """A short description of the machine and software versions."""
    import duckdb
    import polars

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; {platform.platform()}; "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, Polars {polars.__version__}")


def main() -> int:
    only = set(sys.argv[1:])
    sections = [f"# Benchmark results\n\nRun by `make bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.\n\n"
                f"Machine: {machine()}\n"]
    failed = 0
    for script, args, title in BENCHMARKS:
        if only and script not in only:
            continue
        path = BENCH / script
        print(f"== {script}", flush=True)
        if not path.exists():
            sections.append(f"\n## {title}\n\n`bench/{script}` is missing.\n")
            failed += 1
            continue
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(path), *args], cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - t0
        print(proc.stdout, proc.stderr[-3000:] if proc.returncode else "", flush=True)
        status = "" if proc.returncode == 0 else f" (exit code {proc.returncode})"
        failed += proc.returncode != 0
        body = proc.stdout.strip() or proc.stderr.strip()[-3000:]
        sections.append(f"\n## {title}\n\n`python bench/{script} {' '.join(args)}`{status}, {took:.0f} s\n\n"
                        f"```\n{body}\n```\n")
    (BENCH / "RESULTS.md").write_text("".join(sections))
    print(f"wrote {BENCH / 'RESULTS.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

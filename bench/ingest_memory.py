"""The ingest memory curve (#16.4, #16.6): RSS of `humstat ingest` as it reads 10k, 50k, 100k articles.

Each size is a fresh `humstat ingest` (own process, fresh temporary database, synthetic corpus of
bench/corpus.py written to a temporary JSONL file and deleted afterwards). Every 0.25 s the
benchmark samples the RSS of the ingest process (the one holding DuckDB, whose memory limit is
HUMSTAT_INGEST_MEMORY_LIMIT while it stores batches and HUMSTAT_DUCKDB_MEMORY_LIMIT for the final
publish) and of its extraction workers (the forkserver and pool processes),
and how far the ingest has read its input (its file offset, /proc/PID/fdinfo). It prints:

- per tenth of the input read: the writer's RSS and the whole tree's at that point (the curve);
- steady: the median over the second half of the input; peak: the highest sample, and when it
  happened (reading, or after the input was read: the final publish and checkpoint).

Flat means the writer's steady RSS does not grow with the number of articles.

    python bench/ingest_memory.py [--sizes 10000 50000 100000] [--jobs 2] [--memory-limit 2GB]
                                  [--ingest-memory-limit 512MB]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import ROOT, articles, base_texts  # noqa: E402

MB = 2**20


def _offset(proc: psutil.Process, feed: Path) -> int | None:
    """How far `proc` has read `feed` (None once the file is closed)."""
    try:
        for f in proc.open_files():
            if f.path == str(feed):
                return f.position
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        pass
    return None


def _rss(proc: psutil.Process) -> tuple[int, int]:
    """(the process's RSS, the RSS of it and every descendant) in bytes."""
    try:
        own = proc.memory_info().rss
        kids = proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0, 0
    total = own
    for k in kids:
        try:
            total += k.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return own, total


def run(n: int, workdir: Path, jobs: int, memory_limit: str | None,
        ingest_memory_limit: str | None = None) -> dict[str, object]:
    feed = workdir / f"feed{n}.jsonl"
    with feed.open("w") as out:
        for record in articles(n):
            out.write(json.dumps(record) + "\n")
    size = feed.stat().st_size
    db = workdir / f"mem{n}.duckdb"
    env = dict(os.environ)
    if memory_limit:
        env["HUMSTAT_DUCKDB_MEMORY_LIMIT"] = memory_limit
    if ingest_memory_limit:
        env["HUMSTAT_INGEST_MEMORY_LIMIT"] = ingest_memory_limit
    t0 = time.perf_counter()
    popen = subprocess.Popen([sys.executable, "-m", "service.cli", "ingest", str(feed), "--db", str(db), "-q",
                              "-j", str(jobs)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    proc = psutil.Process(popen.pid)
    # (seconds, share of input read or None after it was read, writer RSS, tree RSS)
    samples: list[tuple[float, float | None, int, int]] = []
    read_all = False
    shown = 0  # fiftieths of the input reported on stderr as they are reached (a long run shows its curve early)
    while popen.poll() is None:
        pos = None if read_all else _offset(proc, feed)
        if pos is None and samples and samples[-1][1] is not None and samples[-1][1] > 0:
            read_all = True  # the reader closed the file: storing the last batches, publishing, closing
        own, tree = _rss(proc)
        if own:
            samples.append((time.perf_counter() - t0, None if read_all else (pos or 0) / size, own, tree))
            if not read_all and pos and pos / size >= (shown + 1) / 50:
                shown = int(pos / size * 50)
                print(f"{n:,} articles: {2 * shown}% read after {samples[-1][0]:.0f} s, writer {own / MB:.0f} MB, "
                      f"tree {tree / MB:.0f} MB", file=sys.stderr, flush=True)
        time.sleep(0.25)
    out_text, err_text = popen.communicate()
    seconds = time.perf_counter() - t0
    if popen.returncode != 0:
        raise SystemExit(f"ingest of {n} articles failed ({popen.returncode}): {err_text[-2000:]}")
    steps = []
    for tenth in range(1, 11):
        at = [s for s in samples if s[1] is not None and s[1] >= tenth / 10 - 1e-9]
        last = at[0] if at else (samples[-1] if samples else (0, None, 0, 0))
        steps.append((last[2], last[3]))
    reading = [s for s in samples if s[1] is not None and s[1] >= 0.5]
    after = [s for s in samples if s[1] is None]
    peak = max(samples, key=lambda s: s[2]) if samples else (0, None, 0, 0)
    figures = next((line for line in out_text.splitlines() if line.startswith("figures:")), "")
    return {
        "articles": n, "mb": size / 1e6, "seconds": seconds, "steps": steps,
        "steady": statistics.median(s[2] for s in reading) if reading else 0,
        "steady_tree": statistics.median(s[3] for s in reading) if reading else 0,
        "peak": peak[2], "peak_when": "reading" if peak[1] is not None else "after reading",
        "peak_tree": max((s[3] for s in samples), default=0),
        "after_peak": max((s[2] for s in after), default=0),
        "figures": figures.rsplit("(total ", 1)[-1].rstrip(")") if "(total " in figures else "?",
        "db_mb": db.stat().st_size / 1e6,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--jobs", "-j", type=int, default=2, help="extraction workers of the ingest")
    ap.add_argument("--memory-limit", default=None,
                    help="HUMSTAT_DUCKDB_MEMORY_LIMIT for the ingest (default: the setting's default)")
    ap.add_argument("--ingest-memory-limit", default=None,
                    help="HUMSTAT_INGEST_MEMORY_LIMIT, while batches are stored (default: the setting's default)")
    args = ap.parse_args()
    from service.config import Settings

    limit = args.memory_limit or Settings().duckdb_memory_limit
    ingest_limit = args.ingest_memory_limit or Settings().ingest_memory_limit
    _, origin = base_texts()
    print(f"corpus: {origin}; humstat ingest -j {args.jobs}; DuckDB memory_limit {ingest_limit} storing, {limit} publishing; "
          f"load average before: {os.getloadavg()[0]:.1f}")
    print("writer = the ingest process holding DuckDB; tree = it + the forkserver and extraction workers (MB)\n")
    head = ["articles", "input MB", "seconds", "figures", *[f"{k}0%" for k in range(1, 11)],
            "steady writer/tree", "peak writer (when)", "peak tree", "db MB"]
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    with tempfile.TemporaryDirectory(prefix="humstat-ingest-mem-") as tmp:
        for n in args.sizes:
            r = run(n, Path(tmp), args.jobs, args.memory_limit, args.ingest_memory_limit)
            steps = [f"{own / MB:.0f}/{tree / MB:.0f}" for own, tree in r["steps"]]  # type: ignore[union-attr]
            print(" | ".join([
                f"{n:,}", f"{r['mb']:.0f}", f"{r['seconds']:.0f}", str(r["figures"]), *steps,
                f"{r['steady'] / MB:.0f}/{r['steady_tree'] / MB:.0f}",
                f"{r['peak'] / MB:.0f} ({r['peak_when']})", f"{r['peak_tree'] / MB:.0f}", f"{r['db_mb']:.0f}",
            ]), flush=True)
            for p in Path(tmp).glob("*"):  # the next size starts from nothing
                if p.is_file():
                    p.unlink()
                else:
                    subprocess.run(["rm", "-rf", str(p)], check=False)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extractor throughput (MB/s of article text per core), the dependency parser's share of it, and
peak memory, beside quantulum3. Target (issue #15): at least 0.10 MB/s per core, memory flat.

    .venv/bin/python bench/extract_speed.py [--mb 20] [--quantulum-mb 0.5] [--shared ../shared]

The corpus is streamed, never written: the dev-set and seed texts read from ../shared at run
time, cycled in a different (seeded) order on every pass and with their paragraphs permuted,
until --mb megabytes (UTF-8) have gone through; without ../shared, synthetic conflict-report
text is generated instead. One process, one core. Peak RSS is printed after half the corpus and
after all of it: a streaming extractor keeps it flat.

quantulum3 (a general quantity parser, installed in .venv for this comparison) is far slower,
so it runs on a sample of --quantulum-mb megabytes of the same stream and its rate is
extrapolated per MB; the output says so.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.articles.clean import extraction_text  # noqa: E402
from service.extract import EXTRACTOR_VERSION, extract_figures, parse  # noqa: E402


def _texts(shared: Path) -> list[tuple[str, date | None]]:
    out: list[tuple[str, date | None]] = []
    for rel in ("devset/articles.jsonl", "eval/seeds_articles.jsonl"):
        p = shared / rel
        if p.exists():
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        a = json.loads(line)
                        pub = a.get("published")
                        out.append((a["text"], date.fromisoformat(pub[:10]) if pub else None))
    return out


_SYN = [
    "On {d} March, unidentified gunmen killed {a} civilians in {p} village, {s} State.",
    "At least {a} people were killed and {b} injured when an airstrike hit a market in {p} Township.",
    "More than {c} people have been displaced since the {y} coup, the UN said.",
    "Police arrested {b} protesters in {p}; {a} were later released, according to rights groups.",
    "The death toll rose to {c} on Tuesday, with {b} still missing.",
    "Fighting in {p} has forced some {c} residents to flee across the border into Thailand.",
    "The army said it had seized {a} rifles and 300 rounds of ammunition near {p} town.",
]


def _synthetic(rng: random.Random) -> str:
    paras = []
    for _ in range(rng.randint(6, 14)):
        t = rng.choice(_SYN).format(d=rng.randint(1, 28), a=rng.randint(1, 60), b=rng.randint(2, 400),
                                    c=f"{rng.randint(1, 900):,}", y=rng.choice([2021, 2022]),
                                    p=rng.choice(["Kyaukme", "Hpakant", "Demoso", "Mindat", "Loikaw"]),
                                    s=rng.choice(["Shan", "Kachin", "Chin", "Kayah"]))
        paras.append(t)
    return "\n\n".join(paras)


def stream(shared: Path | None, seed: int = 7) -> Iterator[tuple[str, date | None]]:
    """Endless (text, published) pairs: the real ones cycled and permuted, or synthetic ones.
    `published` is passed as the ingest pipeline does (None where the JSONL has none)."""
    rng = random.Random(seed)
    base = _texts(shared) if shared else []
    while True:
        if not base:
            yield _synthetic(rng), date(2024, 3, 20)
            continue
        order = list(range(len(base)))
        rng.shuffle(order)
        for i in order:
            text, pub = base[i]
            paras = text.split("\n\n")
            if len(paras) > 2 and rng.random() < 0.5:
                head, rest = paras[0], paras[1:]
                rng.shuffle(rest)
                paras = [head] + rest
            yield "\n\n".join(paras), pub


def _rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / (1024 * 1024)


def run_humstat(shared: Path | None, mb: float) -> dict:
    target = int(mb * 1_000_000)
    done = 0
    figures = 0
    half_rss = None
    extract_figures("warm up: 3 people were killed.", article_id="w")  # loads the gazetteer and the parser once
    parsed0 = parse.parse_seconds
    t0 = time.process_time()
    w0 = time.perf_counter()
    for i, (text, pub) in enumerate(stream(shared)):
        figures += len(extract_figures(extraction_text(text), article_id=str(i), published=pub))
        done += len(text.encode("utf-8"))
        if half_rss is None and done >= target // 2:
            half_rss = _rss_mb()
        if done >= target:
            break
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    return {"bytes": done, "cpu_s": cpu, "wall_s": wall, "mb_per_s": done / 1e6 / cpu, "figures": figures,
            "rss_half_mb": half_rss, "rss_full_mb": _rss_mb(), "parse_s": parse.parse_seconds - parsed0}


def run_quantulum(shared: Path | None, mb: float) -> dict | None:
    try:
        from quantulum3 import parser
    except Exception as exc:  # pragma: no cover
        return {"error": f"quantulum3 unavailable: {exc}"}
    target = int(mb * 1_000_000)
    done = 0
    found = 0
    parser.parse("warm up: 3 people were killed.")
    t0 = time.process_time()
    for text, _ in stream(shared, seed=11):
        found += len(parser.parse(text))
        done += len(text.encode("utf-8"))
        if done >= target:
            break
    cpu = time.process_time() - t0
    return {"bytes": done, "cpu_s": cpu, "mb_per_s": done / 1e6 / cpu, "quantities": found}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size for humstat (default 20 MB)")
    ap.add_argument("--quantulum-mb", type=float, default=0.5,
                    help="sample size for quantulum3 (default 0.5 MB; 0 skips it)")
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("HUMSTAT_SHARED", Path(__file__).resolve().parents[2] / "shared")))
    a = ap.parse_args(argv)
    shared = a.shared if (a.shared / "devset" / "articles.jsonl").exists() else None
    src = f"dev set + seeds from {shared}, cycled and permuted" if shared else "synthetic text (../shared absent)"
    print(f"humstat extractor {EXTRACTOR_VERSION}; corpus: {src}; one process, one core")
    h = run_humstat(shared, a.mb)
    print(f"humstat     {h['bytes'] / 1e6:7.1f} MB in {h['cpu_s']:7.2f} s CPU -> {h['mb_per_s']:6.2f} MB/s per core "
          f"({h['figures']} figures; {h['wall_s']:.2f} s wall: the rate uses CPU time, which other processes "
          f"on a shared machine do not inflate)")
    print(f"parser      {h['parse_s']:7.2f} s CPU of {h['cpu_s']:.2f} s ({100 * h['parse_s'] / h['cpu_s']:.0f}%): the dependency "
          f"parse of the harm sentences (target: at least 0.10 MB/s per core overall)")
    print(f"peak RSS    {h['rss_half_mb']:.0f} MB after {h['bytes'] / 2e6:.1f} MB, {h['rss_full_mb']:.0f} MB after "
          f"{h['bytes'] / 1e6:.1f} MB (flat = streaming)")
    q = run_quantulum(shared, a.quantulum_mb) if a.quantulum_mb > 0 else None
    if q and "error" not in q:
        per_mb = q["cpu_s"] / (q["bytes"] / 1e6)
        print(f"quantulum3  {q['bytes'] / 1e6:7.2f} MB sample in {q['cpu_s']:7.2f} s CPU -> {q['mb_per_s']:6.3f} MB/s per core "
              f"(extrapolated: {per_mb:.1f} s per MB, {per_mb * h['bytes'] / 1e6 / 60:.1f} min for the "
              f"{h['bytes'] / 1e6:.0f} MB corpus)")
        print(f"ratio       humstat is {h['mb_per_s'] / q['mb_per_s']:.0f}x quantulum3 per core "
              f"(the 100x target is retired: quality binds, see README)")
    elif q:
        print(q["error"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

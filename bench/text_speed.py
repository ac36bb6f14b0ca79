"""The extractor's text layer, stage by stage: gazetteer load, place finding, date finding, and
whole-article extraction at growing article sizes (it must stay linear).

    .venv/bin/python bench/text_speed.py [--repeat 20]

Times are CPU seconds of this process (a busy machine does not inflate them), the median of
--repeat calls after one warm-up call. Budgets printed beside them are the ones the stages were
built to: gazetteer load < 1 s, place and date finding < 20 ms for a 3 kB text, extraction time
growing no faster than the text.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.extract import extract_figures  # noqa: E402
from service.places.gazetteer import Gazetteer  # noqa: E402
from service.text.dates import find_dates  # noqa: E402

PLACES_TEXT = ("Fighting in Kyainseikgyi Township, Karen State, displaced 3,000 people who fled to "
               "Mae Sot in Thailand, while airstrikes hit Sagaing and Magway regions. ") * 14
DATES_TEXT = ("On Monday, troops shelled villages that had been hit in November 2022 and again "
              "last week; since February 2021 some 3,000 were killed, 1.1 million displaced. ") * 12
ARTICLE_PARA = "On Monday, soldiers killed 12 villagers in Kyaukme town, witnesses said. Markets were closed.\n\n"


def cpu_ms(fn, repeat: int) -> tuple[float, float]:
    """Median and maximum CPU milliseconds of fn() over `repeat` calls, after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times), max(times)


def gazetteer(repeat: int) -> None:
    """Load a gazetteer of its own and time finding places with it."""
    t = time.process_time()
    g = Gazetteer()
    load = time.process_time() - t
    print(f"gazetteer load        {load:6.2f} s CPU, {len(g):,} places (budget 1 s)")
    med, top = cpu_ms(lambda: g.find(PLACES_TEXT), repeat)
    print(f"places in {len(PLACES_TEXT):,} chars  {med:6.2f} ms median, {top:.2f} ms max (budget 20 ms)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="calls per measurement (default 20)")
    a = ap.parse_args(argv)

    gazetteer(a.repeat)
    gc.collect()  # a second gazetteer's objects would slow the collector for the rest of the run
    ref = date(2023, 3, 1)
    med, top = cpu_ms(lambda: find_dates(DATES_TEXT, ref), a.repeat)
    print(f"dates in {len(DATES_TEXT):,} chars   {med:6.2f} ms median, {top:.2f} ms max (budget 20 ms)")

    base = None
    for paras in (20, 200, 2000):
        text = ARTICLE_PARA * paras
        med, _ = cpu_ms(lambda: extract_figures(text, article_id="b"), max(3, a.repeat * 20 // paras))
        per_kb = med / (len(text) / 1000)
        base = base or per_kb
        print(f"one article of {len(text) / 1000:6.1f} kB  {med:8.1f} ms, {per_kb:.3f} ms per kB "
              f"({per_kb / base:.2f}x the 2 kB rate; linear stays near 1x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Chart speed, warm: median (and p90) time per chart for html, json and png (plus svg, csv,
metadata), on a temporary store of hand-made figures. Targets: json < 50 ms, png < 300 ms.

Measured on stores of two sizes, each way after one warm-up call (the first PNG launches
Chromium: seconds, once per process):
- read+build: service.api.controllers.charts.chart_payload with the chart-data cache emptied
          before every call: read the series and its reports at one dataset version, build the
          figure, encode or render it. The full work of a chart nobody asked for yet.
- build:  the same with the data read shared (the html, json, png... of one chart at one dataset
          version read the data once): figure building plus encoding or rendering.
- http:   GET /charts/{metric} through the app in process, a different width on each request so
          neither cache answers (routing, parameters, ETag, headers included).
- cached: the same URL again: what a repeat visitor or a busy embed costs.

    python bench/chart_speed.py [--figures 1000,20000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.articles.model import Article  # noqa: E402
from service.extract.figure import Figure  # noqa: E402
from service.store.db import Store  # noqa: E402
from service.store.writes import store_articles  # noqa: E402

TARGETS_MS = {"json": 50.0, "png": 300.0}


def build_store(path: Path, n_figures: int, seed: int = 7) -> Store:
    """A store with n_figures killed (flows) and displaced (stocks) over five years and 15 states."""
    rng = random.Random(seed)
    store = Store(path)
    with store.read() as cur:
        states = [
            r[0]
            for r in cur.execute(
                "SELECT code FROM places WHERE country = 'MM' AND level = 'admin1' ORDER BY code"
            ).fetchall()
        ]
    start = date(2021, 2, 1)
    per_article = 4
    articles, figures = [], []
    for i in range(max(1, n_figures // per_article)):
        day = start + timedelta(days=rng.randrange(5 * 365))
        sentences, figs = [], []
        text = f"Report {i}\n\n"
        for j in range(per_article):
            state = rng.choice(states)
            if j < 3:
                n = rng.randint(1, 60)
                sentence = f"At least {n} people were killed in clashes on {day.isoformat()}. "
                metric, kw = (
                    "killed",
                    {"event_date_start": day.isoformat(), "low": n, "qualifier": "at least"},
                )
            else:
                n = rng.randint(100_000, 3_000_000)
                sentence = f"About {n:,} people were displaced as of {day.isoformat()}. "
                metric, kw = (
                    "displaced",
                    {
                        "as_of": day.isoformat(),
                        "low": int(n * 0.9),
                        "high": int(n * 1.1),
                        "qualifier": "about",
                    },
                )
                state = "MM"
            s0 = len(text)
            text += sentence
            figs.append(
                Figure(
                    article_id=f"b{i}",
                    metric=metric,
                    value=n,
                    quote=sentence.strip(),
                    char_start=s0,
                    char_end=s0 + len(sentence.strip()),
                    sentence_start=s0,
                    sentence_end=s0 + len(sentence),
                    place_code=state,
                    country="MM",
                    number_text=str(n),
                    confidence=0.9,
                    extractor_version="bench",
                    **kw,
                )
            )
            sentences.append(sentence)
        articles.append(
            Article(
                article_id=f"b{i}",
                text=text,
                extraction_text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                title=f"Report {i}",
                source=rng.choice(["Myanmar Now", "The Irrawaddy", "RFA", "DVB", "UN News"]),
                url=f"https://example.org/b{i}",
                published=day,
                published_method="metadata",
            )
        )
        figures.extend(figs)
    # Temporary bench data in a temporary file, deleted afterwards: never mixed with real data.
    store_articles(
        store,
        articles,
        figures,
        run_id=store.new_run("bench", "ingest", "bench/chart_speed.py"),
        kind="ingest",
        description="chart benchmark data",
    )
    return store


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--figures", default="1000,20000", help="store sizes, comma-separated")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    from litestar.testing import TestClient

    from service.api.app import create_app
    from service.api.controllers.charts import chart_payload
    from service.charts.params import make_params
    from service.charts.render import renderer

    from service.charts.data import clear_cache

    sizes = [int(x) for x in args.figures.split(",") if x.strip()]
    headline: dict[tuple[int, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            t0 = time.perf_counter()
            store = build_store(Path(tmp) / f"bench{n}.duckdb", n)
            print(
                f"\n### store: {n:,} figures (killed flows in 15 states, displaced stocks), 5 years, "
                f"built in {time.perf_counter() - t0:.1f} s; {args.repeat} warm runs each"
            )
            charts = [
                ("killed, Myanmar, per month (bars)", make_params("killed", place="MM")),
                ("displaced, Myanmar (line + band)", make_params("displaced", place="MM")),
            ]
            try:
                for label, params in charts:
                    print(f"\n{label}")
                    for fmt in ("json", "html", "png", "svg", "csv", "metadata"):
                        t0 = time.perf_counter()
                        chart_payload(
                            store, params, fmt, "http://bench"
                        )  # warm-up (PNG/SVG: starts Chromium)
                        first = (time.perf_counter() - t0) * 1000

                        def cold() -> None:
                            clear_cache()
                            chart_payload(store, params, fmt, "http://bench")

                        ms_cold = timed(cold, args.repeat)
                        ms_warm = timed(
                            lambda: chart_payload(store, params, fmt, "http://bench"), args.repeat
                        )
                        headline.setdefault((n, fmt), []).extend(ms_cold)
                        print(
                            f"  read+build {fmt:8s} {summary(ms_cold)}   build {summary(ms_warm)}"
                            + (f"   (first call {first:,.0f} ms)" if first > 1000 else "")
                        )
                with TestClient(create_app(store=store)) as client:
                    widths = iter(range(400, 3000))
                    for fmt in ("json", "html", "png"):

                        def miss() -> None:
                            clear_cache()
                            r = client.get(
                                "/charts/killed", params={"place": "MM", "format": fmt, "width": next(widths)}
                            )
                            assert r.status_code == 200, r.text[:300]

                        miss()
                        print(
                            f"  http       {fmt:8s} {summary(timed(miss, args.repeat))}   (caches bypassed)"
                        )
                    url = "/charts/killed?place=MM&format=json"
                    client.get(url)
                    print(f"  cached     json     {summary(timed(lambda: client.get(url), args.repeat))}")
            finally:
                store.close()
        renderer().close()
    print("\ntargets (read+build, median over both charts):")
    for n in sizes:
        for fmt in ("json", "html", "png"):
            med = statistics.median(headline[(n, fmt)])
            target = TARGETS_MS.get(fmt)
            verdict = (
                f"target < {target:.0f} ms  {'MET' if med < target else 'MISSED'}"
                if target
                else "(no target; plotly.js is a separate, cached file)"
            )
            print(f"  {n:>7,} figures  {fmt:5s} {med:7.1f} ms  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

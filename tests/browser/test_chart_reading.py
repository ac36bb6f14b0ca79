"""Charts that read right in a real browser: each bar spans its own period on Plotly's own axis,
a chart of one period shows its bar and a date label, a daily chart has no hour ticks, the
title says the date range, and the dates in the table under the chart never wrap."""

from __future__ import annotations

import pytest

from service.charts.figure import BAR_SHARE

pytestmark = pytest.mark.browser

DAY_MS = 86_400_000

# Each bar's drawn x-extent next to where Plotly's own x axis puts its period's start and end.
BARS_AND_PERIODS = """() => {
    const gd = document.getElementById('chart');
    const xa = gd._fullLayout.xaxis;
    const bar = gd._fullData.find(t => t.type === 'bar');
    const paths = [...gd.querySelectorAll('.barlayer .point path')];
    return {
        ticks: [...gd.querySelectorAll('.xtick text')].map(t => t.textContent),
        title: gd.querySelector('.gtitle').textContent,
        bars: paths.map((p, i) => {
            const box = p.getBBox();
            const mid = xa.d2l(bar.x[i]), half = bar.width[i] / 2;
            return {x0: box.x, x1: box.x + box.width, width_ms: bar.width[i],
                    want0: xa.l2p(mid - half), want1: xa.l2p(mid + half), px_per_day: xa._m * 86400000};
        }),
    };
}"""


def _wait_plotted(page) -> None:
    page.wait_for_selector("body[data-plotted='1']", timeout=20_000)


def test_daily_bars_span_their_day_without_hour_ticks(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/charts/killed?interval=day")
    _wait_plotted(page)
    got = page.evaluate(BARS_AND_PERIODS)
    assert len(got["bars"]) == 3
    for bar in got["bars"]:
        assert bar["width_ms"] == BAR_SHARE * DAY_MS
        # Drawn where Plotly's axis puts 0.8 of that day, i.e. ~0.8 day wide in pixels.
        assert bar["x0"] == pytest.approx(bar["want0"], abs=1)
        assert bar["x1"] == pytest.approx(bar["want1"], abs=1)
        assert bar["x1"] - bar["x0"] == pytest.approx(BAR_SHARE * bar["px_per_day"], abs=1)
    assert got["ticks"] and not any(":" in t for t in got["ticks"]), got["ticks"]
    assert got["title"].endswith("per day, 14 Jan 2023 – 2 Feb 2023")
    assert watch.errors == []


def test_a_single_month_shows_its_bar_and_its_label(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/charts/injured")
    _wait_plotted(page)
    got = page.evaluate(BARS_AND_PERIODS)
    [bar] = got["bars"]
    assert bar["x1"] - bar["x0"] > 300  # it was a 0 px bar on an axis of hours
    assert bar["x0"] == pytest.approx(bar["want0"], abs=1) and bar["x1"] == pytest.approx(bar["want1"], abs=1)
    assert got["ticks"] == ["Jan 2023"]
    assert got["title"].endswith("per month, Jan 2023")
    assert watch.errors == []


def test_dates_in_the_table_do_not_wrap(watch, server) -> None:
    page = watch.page
    page.set_viewport_size({"width": 420, "height": 800})
    page.goto(server.base + "/")
    _wait_plotted(page)
    lines = """() => [...document.querySelectorAll('table.figures td.date time')].map(t => {
        const r = document.createRange(); r.selectNodeContents(t);
        return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size;
    })"""
    assert page.evaluate(lines) == [1, 1, 1, 1]
    # The check can fail: without the rule, this narrow table breaks ISO dates at their hyphens.
    unwrap = "document.querySelectorAll('table.figures time').forEach(t => { t.style.whiteSpace = 'normal'; })"
    page.evaluate(unwrap)
    assert max(page.evaluate(lines)) > 1
    assert watch.errors == []

"""Charts that read right, checked on the geometry of the SVG that kaleido and Chromium draw: a bar
spans its own period (not most of a year when the data are sparse), a chart of one period shows
its bar and a date label, a daily chart is never labelled in hours, and the title says the range.

Pixel positions are read from Plotly's own tick labels (where it put "Jan 2023" or "14 Jan"), so
the checks do not trust the range the figure asks for.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from chart_browser import require_chromium

import chart_sample
from service.charts import render
from service.charts.data import chart_data
from service.charts.figure import BAR_SHARE, build_figure
from service.charts.params import make_params
from service.store.db import Store
from service.store.writes import store_articles

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 900, 500
SPARSE = "Another airstrike\n\nAn airstrike killed 4 civilians in Sagaing Region on 10 October 2023.\n"


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    require_chromium()


def _add_october(store: Store) -> None:
    """Sagaing gets a second month, nine months after its first: a sparse monthly series."""
    art = chart_sample.make_article(
        SPARSE, article_id="a10", source="DVB", url="https://example.org/a10", published_value="2023-10-11"
    )
    fig = chart_sample._fig(
        "a10", SPARSE, "killed 4 civilians in Sagaing Region", "killed", 4,
        group_class="civilians", place_code="MMR005", country="MM", event_date_start="2023-10-10",
    )
    store_articles(store, [art], [fig], run_id=store.new_run("test", "ingest", "t"), kind="ingest",
                   description="a sparse month")


class Drawn:
    """What the SVG shows: bars as absolute (x0, x1) pixels, x tick labels by text, the title."""

    def __init__(self, svg: str) -> None:
        clip = re.search(r'id="clip\w+xy"><rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
        assert clip, "no plot area in the SVG"
        self.left, self.width = float(clip.group(1)), float(clip.group(2))
        self.bars = [
            (self.left + float(a), self.left + float(b))
            for a, b in re.findall(r'<g class="point"><path d="M([\d.]+),[\d.]+V[\d.]+H([\d.]+)V', svg)
        ]
        self.ticks: dict[str, float] = {}
        for g in re.findall(r'<g class="xtick">(<text.*?</text>)</g>', svg):
            x = re.search(r'transform="translate\(([\d.]+),', g)
            text = " ".join(re.findall(r">([^<>]+)<", g))
            assert x, f"tick {text!r} has no position"
            self.ticks[text] = float(x.group(1))
        title = re.search(r'<text class="gtitle"[^>]*>(.*?)</text>', svg)
        self.title = re.sub(r"<[^>]+>", "", title.group(1)) if title else ""


def _draw(store: Store, **params: object) -> Drawn:
    fig = build_figure(chart_data(store, make_params(**params), use_cache=False))  # type: ignore[arg-type]
    return Drawn(render.renderer().render(fig, "svg", WIDTH, HEIGHT).decode())


def _middle(start: date, days: int) -> float:
    """A period's middle as a day number (what a period-mode tick label is centred on)."""
    return start.toordinal() + days / 2


def test_a_bar_on_sparse_data_spans_its_own_month(sample) -> None:
    _add_october(sample)
    drawn = _draw(sample, metric="killed", place="MMR005")
    jan, oct_ = drawn.ticks["Jan 2023"], drawn.ticks["Oct 2023"]
    # Pixels per day from where Plotly centred the two month labels.
    per_day = (oct_ - jan) / (_middle(date(2023, 10, 1), 31) - _middle(date(2023, 1, 1), 31))
    assert len(drawn.bars) == 2
    for (x0, x1), label in zip(drawn.bars, (jan, oct_)):
        # Before the fix the January bar was ~0.75 x 9 months wide: it spanned October to June.
        assert x1 - x0 == pytest.approx(BAR_SHARE * 31 * per_day, abs=1.5)
        assert (x0 + x1) / 2 == pytest.approx(label, abs=1.5)  # centred under its month's label
    assert "Jan 2023 – Oct 2023" in drawn.title


def test_a_single_period_shows_its_bar_with_a_date_label(sample) -> None:
    drawn = _draw(sample, metric="killed", place="MMR005")
    assert list(drawn.ticks) == ["Jan 2023"]
    [(x0, x1)] = drawn.bars
    # A lone bar used to be drawn 0 px wide with no label at all; now its month fills the axis.
    assert x1 - x0 == pytest.approx(BAR_SHARE * drawn.width, abs=1.5)
    assert (x0 + x1) / 2 == pytest.approx(drawn.ticks["Jan 2023"], abs=1.5)
    assert drawn.title.endswith("per month, Jan 2023")


def test_a_single_day_is_labelled_with_its_date(sample) -> None:
    drawn = _draw(sample, metric="killed", place="MMR005", interval="day")
    assert list(drawn.ticks) == ["14 Jan 2023"]
    [(x0, x1)] = drawn.bars
    assert x1 - x0 == pytest.approx(BAR_SHARE * drawn.width, abs=1.5)


def test_daily_bars_are_a_day_wide_and_labelled_in_days_not_hours(sample) -> None:
    drawn = _draw(sample, metric="killed", interval="day")
    assert drawn.ticks and not any(":" in t for t in drawn.ticks), drawn.ticks
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", t) for t in drawn.ticks), drawn.ticks
    # Labels sit on their day's gridline (a week apart): pixels per day from two of them.
    per_day = (drawn.ticks["21 Jan"] - drawn.ticks["14 Jan"]) / 7
    days = [date(2023, 1, 14), date(2023, 1, 19), date(2023, 2, 2)]
    assert len(drawn.bars) == len(days)
    for (x0, x1), day in zip(drawn.bars, days):
        start = drawn.ticks["14 Jan"] + (day - date(2023, 1, 14)).days * per_day
        assert x0 == pytest.approx(start + (1 - BAR_SHARE) / 2 * per_day, abs=1.5)
        assert x1 == pytest.approx(start + (1 + BAR_SHARE) / 2 * per_day, abs=1.5)
    assert "14 Jan 2023 – 2 Feb 2023" in drawn.title


def test_a_long_daily_chart_is_labelled_in_months(sample) -> None:
    _add_october(sample)
    drawn = _draw(sample, metric="killed", place="MMR005", interval="day")
    assert drawn.ticks and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in drawn.ticks), drawn.ticks
    days = (date(2023, 10, 11) - date(2023, 1, 14)).days  # the axis: 14 January to 10 October
    assert [x1 - x0 for x0, x1 in drawn.bars] == pytest.approx([BAR_SHARE * drawn.width / days] * 2, abs=0.5)


def test_the_asked_range_is_the_axis_and_the_title(sample) -> None:
    drawn = _draw(sample, metric="killed", date_from=date(2022, 12, 5), date_to=date(2023, 3, 31))
    assert list(drawn.ticks) == ["Dec 2022", "Jan 2023", "Feb 2023", "Mar 2023"]
    assert "Dec 2022 – Mar 2023" in drawn.title
    per_month = (drawn.ticks["Mar 2023"] - drawn.ticks["Dec 2022"]) / (
        _middle(date(2023, 3, 1), 31) - _middle(date(2022, 12, 1), 31)
    )
    jan = drawn.bars[0]
    assert jan[1] - jan[0] == pytest.approx(BAR_SHARE * 31 * per_month, abs=1.5)
    assert drawn.left <= jan[0] and drawn.bars[-1][1] <= drawn.left + drawn.width

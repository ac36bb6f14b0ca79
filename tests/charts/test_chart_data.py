"""What the chart shows, checked against the hand-made sample's known answers."""

from __future__ import annotations

import msgspec
import pytest

import chart_sample
from service.charts.data import chart_data
from service.charts.figure import build_figure, esc, source_note, title_text
from service.charts.meta import csv_frame, metadata
from service.charts.params import make_params
from service.query.errors import QueryError


def _trace(fig: dict, name_part: str) -> dict:
    return next(t for t in fig["data"] if name_part in t.get("name", ""))


def test_flow_series_sums_merged_incidents_and_leaves_out_rejected(sample) -> None:
    data = chart_data(sample, make_params("killed"))
    assert [(p.period_start.isoformat(), p.value) for p in data.series.points] == [
        ("2023-01-01", 17),
        ("2023-02-01", 7),
    ]
    # Every report behind the points, the rejected "9 more were killed" not among them.
    assert sorted(r.value for r in data.reports) == [5, 7, 12, 12]
    assert {r.article_id for r in data.reports} == {"a1", "a2", "a3"}
    assert {s.article_id: s.figures for s in data.sources} == {"a1": 1, "a2": 2, "a3": 1}
    assert data.version == 4 and not data.pinned


def test_figure_draws_bars_for_flows_with_a_marker_per_report(sample) -> None:
    data = chart_data(sample, make_params("killed"))
    fig = build_figure(data)
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert len(bars) == 1 and bars[0]["y"] == [17, 7]
    reports = _trace(fig, "Individual reports")
    assert sorted(reports["y"]) == [5, 7, 12, 12]
    # Markers sit in the middle of the incident's own day; hover names publisher, the number as
    # written, the quote.
    i = reports["x"].index("2023-01-19 12:00:00")
    hover = " ".join(reports["customdata"][i])
    assert "The Irrawaddy" in hover and "At least 5" in hover and "At least 5 people were killed" in hover
    assert "not reviewed" in hover
    confirmed = reports["customdata"][reports["y"].index(7)]
    assert "confirmed by a reviewer" in " ".join(confirmed)
    layout = fig["layout"]
    assert "Flow" in layout["title"]["subtitle"]["text"]
    assert layout["yaxis"]["title"]["text"] == "Killed (people per month)"
    assert layout["xaxis"]["title"]["text"] == "Month of the incident"
    note = layout["annotations"][0]["text"]
    assert "3 news articles" in note and "dataset version 4" in note and "claims as reported" in note


def test_stock_is_a_line_through_as_of_days_with_a_range_band(sample) -> None:
    data = chart_data(sample, make_params("displaced", place="MM"))
    assert [p.value for p in data.series.points] == [1_200_000, 1_100_000]  # a stock can fall
    fig = build_figure(data)
    assert not any(t["type"] == "bar" for t in fig["data"])
    line = _trace(fig, "latest reported")
    assert line["x"] == ["2023-03-01", "2023-04-01"] and line["y"] == [1_200_000, 1_100_000]
    band = _trace(fig, "Range across reports")
    assert band["fill"] == "tonexty" and band["y"] == [1_200_000, 1_000_000]
    assert "Stock" in fig["layout"]["title"]["subtitle"]["text"]
    assert "never summed" in fig["layout"]["title"]["subtitle"]["text"]
    assert title_text(data) == "Internally displaced in Myanmar: reported head-count, Mar 2023 – Apr 2023"


def test_kind_overrides_the_natural_form(sample) -> None:
    as_line = build_figure(chart_data(sample, make_params("killed", kind="line")))
    assert not any(t["type"] == "bar" for t in as_line["data"])
    as_bar = build_figure(chart_data(sample, make_params("displaced", place="MM", kind="bar")))
    bar = next(t for t in as_bar["data"] if t["type"] == "bar")
    assert bar["error_y"]["arrayminus"] == [0, 100_000] and bar["error_y"]["array"] == [0, 100_000]


def test_place_filter_and_exact_place(sample) -> None:
    sagaing = chart_data(sample, make_params("killed", place="MMR005"))
    assert [p.value for p in sagaing.series.points] == [12]
    assert sagaing.place_name == "Sagaing Region"
    assert {r.publisher for r in sagaing.reports} == {"Myanmar Now", "The Irrawaddy"}


def test_country_selects_every_unit_below_it(sample) -> None:
    # Flows at a country are the sum over its states and townships (places.path prefix).
    data = chart_data(sample, make_params("killed", place="MM"))
    assert [p.value for p in data.series.points] == [17, 7]


def test_pinned_version_shows_the_data_as_it_stood(sample) -> None:
    v1 = chart_data(sample, make_params("displaced", place="MM", as_of_version=1))
    assert [p.value for p in v1.series.points] == [1_200_000]
    assert v1.pinned and v1.version == 1
    # Before the rejection (version 4) the 9 killed on 3 February still counted.
    v3 = chart_data(sample, make_params("killed", as_of_version=3))
    assert [p.value for p in v3.series.points] == [17, 16]


def test_pinned_chart_never_changes_after_new_writes(sample) -> None:
    pinned = make_params("killed", as_of_version=4)
    before = msgspec.json.encode(build_figure(chart_data(sample, pinned)))
    arts, figs = chart_sample.articles_v1()
    extra = chart_sample.make_article(
        "Another raid\n\n3 people were killed on 5 February 2023.\n",
        article_id="a9",
        source="DVB",
        url="https://example.org/a9",
        published_value="2023-02-06",
    )
    fig = chart_sample._fig(
        "a9",
        extra.text,
        "3 people were killed",
        "killed",
        3,
        place_code="MMR013",
        country="MM",
        event_date_start="2023-02-05",
    )
    from service.store.writes import store_articles

    store_articles(
        sample,
        [extra],
        [fig],
        run_id=sample.new_run("test", "ingest", "t"),
        kind="ingest",
        description="later article",
    )
    assert sample.version() == 5
    assert msgspec.json.encode(build_figure(chart_data(sample, pinned))) == before
    live = chart_data(sample, make_params("killed"))
    assert [p.value for p in live.series.points] == [17, 10]


def test_group_class_and_dates_filter(sample) -> None:
    civ = chart_data(sample, make_params("killed", group_class="civilians"))
    assert [p.value for p in civ.series.points] == [12]
    assert "Only civilians" in build_figure(civ)["layout"]["title"]["subtitle"]["text"]
    feb = chart_data(sample, make_params("killed", date_from=__import__("datetime").date(2023, 2, 1)))
    assert [p.value for p in feb.series.points] == [7]


def test_empty_selection_says_so(sample) -> None:
    data = chart_data(sample, make_params("abducted"))
    fig = build_figure(data)
    assert data.series.points == [] and data.reports == []
    assert any("No figures match" in a["text"] for a in fig["layout"]["annotations"])


def test_untrusted_text_is_escaped_in_the_figure(sample) -> None:
    data = chart_data(sample, make_params("displaced", place="MM"))
    fig = build_figure(data)
    raw = msgspec.json.encode(fig).decode()
    assert "<img" not in raw
    # Shown as text by Plotly (it decodes &lt; for display), never as markup.
    reports = _trace(fig, "Individual reports")
    assert any(esc(chart_sample.EVIL) in part for hover in reports["customdata"] for part in hover)
    assert esc(chart_sample.EVIL) in fig["layout"]["annotations"][0]["text"].replace("<br>", " ")
    assert chart_sample.EVIL in source_note(data)  # plain text until drawn


def test_csv_frame_is_exactly_what_is_drawn(sample) -> None:
    data = chart_data(sample, make_params("displaced", place="MM"))
    fig = build_figure(data)
    df = csv_frame(data)
    line = _trace(fig, "latest reported")
    assert df["value"].to_list() == line["y"]
    assert df["low"].to_list() == [1_200_000, 1_000_000] and df["high"].to_list() == [1_200_000, 1_200_000]
    assert df["as_of"].cast(str).to_list() == line["x"]
    ids = ";".join(df["figure_ids"].to_list()).split(";")  # one list separator in every CSV
    assert sorted(ids) == sorted(r.figure_id for r in data.reports)


def test_metadata_cites_sources_and_version(sample) -> None:
    data = chart_data(sample, make_params("killed", place="MMR005"))
    meta = metadata(data, "https://humstat.example")
    assert meta.metric.kind == "flow" and meta.series_kind == "flow" and meta.chart_kind == "bar"
    assert meta.metric.hxl == "#affected+killed"
    assert [(s.publisher, s.url) for s in meta.sources] == [
        ("The Irrawaddy", "https://example.org/a2"),
        ("Myanmar Now", "https://example.org/a1"),
    ]
    assert meta.sources[0].article_page == "https://humstat.example/articles/a2"
    assert meta.dataset_version == 4 and meta.dataset_version_created_at is not None
    assert meta.pinned_url == "https://humstat.example/charts/killed?place=MMR005&as_of_version=4"
    assert meta.live_url == "https://humstat.example/charts/killed?place=MMR005"
    assert "version 4" in meta.citation and meta.pinned_url in meta.citation
    assert "humstat (" in meta.citation and "claims as reported" in meta.citation


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"interval": "fortnight"}, "interval"),
        ({"kind": "pie"}, "kind"),
        ({"theme": "neon"}, "theme"),
        ({"width": 50}, "width"),
        ({"height": 9000}, "height"),
        ({"group_class": "aliens"}, "group_class"),
    ],
)
def test_bad_parameters_name_themselves(kwargs: dict, parameter: str) -> None:
    with pytest.raises(QueryError) as err:
        make_params("killed", **kwargs)
    assert err.value.parameter == parameter and err.value.valid


def test_future_version_is_not_found(sample) -> None:
    with pytest.raises(QueryError) as err:
        chart_data(sample, make_params("killed", as_of_version=99))
    assert err.value.status == 404 and err.value.parameter == "as_of_version"


def test_too_many_reports_keeps_the_largest_per_period_and_says_so(sample) -> None:
    data = chart_data(sample, make_params("killed"), max_reports=2, use_cache=False)
    assert data.reports_total == 4 and data.reports_per_period == 1
    assert sorted((r.date.month, r.value) for r in data.reports) == [(1, 12), (2, 7)]
    # Sources still cover every report behind the series, drawn or not.
    assert {s.article_id for s in data.sources} == {"a1", "a2", "a3"}
    reports = _trace(build_figure(data), "report")
    assert reports["name"] == "Largest 1 report per month (2 of 4 shown)"


def test_shared_read_still_honours_presentation(sample) -> None:
    light = build_figure(chart_data(sample, make_params("killed")))
    dark = build_figure(chart_data(sample, make_params("killed", theme="dark", kind="line", width=640)))
    assert light["layout"]["paper_bgcolor"] == "#ffffff" and dark["layout"]["paper_bgcolor"] == "#17191d"
    assert any(t["type"] == "bar" for t in light["data"]) and not any(
        t["type"] == "bar" for t in dark["data"]
    )
    assert dark["layout"]["width"] == 640 and "width" not in light["layout"]


def test_sources_are_the_same_whether_or_not_every_report_is_drawn(sample) -> None:
    every = chart_data(sample, make_params("killed"), use_cache=False)
    capped = chart_data(sample, make_params("killed"), max_reports=1, use_cache=False)
    assert capped.reports_per_period == 1 and every.reports_per_period is None
    assert len(capped.reports) < len(every.reports)
    assert capped.sources == every.sources  # read by SQL when capped, from the reports otherwise
    # A cap that drops nothing is no cap.
    stock = chart_data(sample, make_params("displaced", place="MM"), max_reports=1, use_cache=False)
    assert stock.reports_per_period is None and len(stock.reports) == 2

"""Series semantics on hand-made figures where the right answer is known: flows merged then
summed, stocks and cumulative totals never summed (a falling stock falls), reviews and time travel."""
from __future__ import annotations

import csv
import hashlib
import io
from datetime import date

import pytest

from service.query.errors import QueryError
from service.query.series import period_end, series
from service.store.db import Store
from service.store.writes import record_review
from tests.api.conftest import add, art, fig


def points(s) -> list[tuple[date, int]]:
    return [(p.period_start, p.value) for p in s.points]


def test_two_articles_reporting_one_incident_count_once(api_store: Store) -> None:
    s = series(api_store, metric="killed", place="MMR005001", interval="month")
    assert s.kind == "flow" and s.semantics == "sum_of_incidents" and not s.cumulative
    [march] = s.points
    # 10 (article a1) and 12, "up to 15" (article a2) about the same incident: the conservative 10 counts once
    assert (march.value, march.low, march.high) == (10, 10, 15)
    assert (march.n_reports, march.n_articles) == (2, 2)
    assert len(march.figure_ids) == 2


def test_flows_sum_distinct_incidents_below_the_place(api_store: Store) -> None:
    s = series(api_store, metric="killed", place="MMR005", interval="month")
    # March: the merged incident (10) + the district incident (5); April: the undated figure (3,
    # dated by its article, 2024-04-02); the vague "dozens" and the cumulative totals never count.
    assert points(s) == [(date(2024, 3, 1), 15), (date(2024, 4, 1), 3)]
    march = s.points[0]
    assert (march.low, march.high, march.n_reports, march.n_articles) == (15, 20, 3, 2)
    assert march.period_end == date(2024, 3, 31)


def test_place_filter_does_not_leak_to_other_units(api_store: Store) -> None:
    assert series(api_store, metric="killed", place="MMR001").points == []
    assert [p.value for p in series(api_store, metric="injured", place="MMR001").points] == [7]
    assert series(api_store, metric="injured", place="MMR005").points == []
    # the whole country holds both
    assert [p.value for p in series(api_store, metric="killed", place="MM").points] == [15, 3]


def test_a_falling_stock_falls_and_is_never_summed(api_store: Store) -> None:
    s = series(api_store, metric="displaced", place="MMR005", interval="month", transform="diff")
    assert s.kind == "stock" and s.semantics == "latest_value"
    # Jan 100k; Feb 150k; March has 125k (10th) and 120k (12th): the latest, 120k, and it fell.
    assert points(s) == [(date(2024, 1, 1), 100_000), (date(2024, 2, 1), 150_000), (date(2024, 3, 1), 120_000)]
    assert [p.change for p in s.points] == [None, 50_000, -30_000]
    march = s.points[-1]
    assert (march.low, march.high, march.n_reports, march.n_articles) == (120_000, 130_000, 2, 1)
    assert march.as_of == date(2024, 3, 12)
    # the township's own stock (9,000) is not part of the region's, and is its own series
    assert [p.value for p in series(api_store, metric="displaced", place="MMR005001").points] == [9_000]


def test_stock_quarter_takes_the_latest_value_not_the_sum(api_store: Store) -> None:
    s = series(api_store, metric="displaced", place="MMR005", interval="quarter")
    assert points(s) == [(date(2024, 1, 1), 120_000)]
    assert s.points[0].period_end == date(2024, 3, 31)
    assert (s.points[0].low, s.points[0].high, s.points[0].n_reports) == (100_000, 150_000, 4)


def test_cumulative_totals_are_a_stock_like_series(api_store: Store) -> None:
    s = series(api_store, metric="killed", place="MM", cumulative=True, transform="diff")
    assert s.cumulative and s.semantics == "latest_value"
    assert points(s) == [(date(2024, 1, 1), 4000), (date(2024, 3, 1), 4100)]
    assert s.points[1].change == 100


def test_same_date_tie_takes_the_conservative_value(new_store) -> None:
    with new_store("t.duckdb") as st:
        a, b = art("x1", "2024-05-02"), art("x2", "2024-05-03")
        add(st, [a, b], [fig(a, "refugees", 500, "TH", "2024-05-01", as_of="2024-05-01"),
                         fig(b, "refugees", 450, "TH", "2024-05-01", as_of="2024-05-01")])
        [p] = series(st, metric="refugees", place="TH").points
        assert (p.value, p.low, p.high, p.n_articles) == (450, 450, 500, 2)


def test_diff_on_a_flow_is_the_change_between_periods(api_store: Store) -> None:
    s = series(api_store, metric="killed", place="MMR005", transform="diff")
    assert [(p.value, p.change) for p in s.points] == [(15, None), (3, -12)]


def test_intervals_and_date_range(api_store: Store) -> None:
    days = series(api_store, metric="killed", place="MMR005", interval="day")
    assert points(days) == [(date(2024, 3, 5), 10), (date(2024, 3, 20), 5), (date(2024, 4, 2), 3)]
    weeks = series(api_store, metric="killed", place="MMR005", interval="week")
    assert weeks.points[0].period_start == date(2024, 3, 4)  # ISO week starts Monday
    assert weeks.points[0].period_end == date(2024, 3, 10)
    years = series(api_store, metric="killed", place="MMR005", interval="year")
    assert points(years) == [(date(2024, 1, 1), 18)] and years.points[0].period_end == date(2024, 12, 31)
    ranged = series(api_store, metric="killed", place="MMR005", interval="day", date_from=date(2024, 3, 6),
                    date_to=date(2024, 3, 31))
    assert points(ranged) == [(date(2024, 3, 20), 5)]


def test_group_class_filter(api_store: Store) -> None:
    s = series(api_store, metric="killed", place="MMR005", group_class="state_forces")
    assert [p.value for p in s.points] == [5]


def test_period_end_edges() -> None:
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert period_end(date(2024, 10, 1), "quarter") == date(2024, 12, 31)
    assert period_end(date(2024, 12, 1), "month") == date(2024, 12, 31)


@pytest.mark.parametrize("kwargs,parameter", [
    ({"metric": "nope"}, "metric"),
    ({"metric": "killed", "interval": "fortnight"}, "interval"),
    ({"metric": "killed", "transform": "log"}, "transform"),
    ({"metric": "killed", "group_class": "aliens"}, "group_class"),
    ({"metric": "killed", "place": "XX999"}, "place"),
    ({"metric": "killed", "as_of_version": 9}, "as_of_version"),
])
def test_invalid_arguments_name_the_parameter(api_store: Store, kwargs: dict, parameter: str) -> None:
    with pytest.raises(QueryError) as err:
        series(api_store, **kwargs)
    assert err.value.parameter == parameter and err.value.valid


def test_an_inverted_date_range_is_empty(api_store: Store) -> None:
    assert series(api_store, metric="killed", date_from=date(2024, 5, 1), date_to=date(2024, 4, 1)).points == []


def key(article_id: str, n: int, metric: str) -> str:
    """The stable figure key of fig(article, metric, ..., n=n) (sql/service/store_figures.sql)."""
    return hashlib.md5(f"{article_id}:{10 * n}:{10 * n + 8}:{metric}".encode()).hexdigest()[:16]


def test_reviews_change_every_series_and_rejected_figures_leave(api_store: Store) -> None:
    v_reject, _ = record_review(api_store, key("a2", 1, "killed"), "reject", note="not in Sagaing")
    assert [p.value for p in series(api_store, metric="killed", place="MMR005").points] == [10, 3]
    # correct a1's report of the shared incident from 10 to 13: the merge now takes a2's 12
    record_review(api_store, key("a1", 0, "killed"), "correct", value=13, note="re-read the article")
    [march] = series(api_store, metric="killed", place="MMR005001").points
    assert (march.value, march.low, march.high, march.n_reports) == (12, 12, 15, 2)
    # time travel: before the reject, the district incident is back and a1 still says 10
    old = series(api_store, metric="killed", place="MMR005", as_of_version=v_reject - 1)
    assert [p.value for p in old.points] == [15, 3]


def test_time_travel_reproduces_an_earlier_answer(api_store: Store) -> None:
    before = series(api_store, metric="displaced", place="MMR005")
    a = art("late", "2024-03-30")
    v2 = add(api_store, [a], [fig(a, "displaced", 90_000, "MMR005", "2024-03-29", as_of="2024-03-29")])
    now = series(api_store, metric="displaced", place="MMR005")
    assert now.version == v2 and now.points[-1].value == 90_000
    again = series(api_store, metric="displaced", place="MMR005", as_of_version=before.version)
    assert again.points == before.points and again.version == before.version


def test_synthetic_figures_are_left_out_unless_asked(api_store: Store) -> None:
    a = art("syn1", "2024-03-05")
    add(api_store, [a], [fig(a, "killed", 1000, "MMR005001", "2024-03-06")], synthetic=True)
    assert [p.value for p in series(api_store, metric="killed", place="MMR005").points] == [15, 3]
    assert [p.value for p in series(api_store, metric="killed", place="MMR005", include_synthetic=True).points] \
        == [1015, 3]


# -- the endpoint ------------------------------------------------------------------------------

def test_series_endpoint_json(client) -> None:
    r = client.get("/api/v1/series", params={"metric": "displaced", "place": "MMR005", "transform": "diff"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["kind"] == "stock" and body["semantics"] == "latest_value" and body["place_name"]
    assert [p["value"] for p in body["points"]] == [100_000, 150_000, 120_000]
    assert [p["change"] for p in body["points"]] == [None, 50_000, -30_000]
    assert set(body["points"][0]) >= {"period_start", "period_end", "value", "low", "high", "n_reports",
                                      "n_articles", "figure_ids"}
    assert r.headers["x-dataset-version"] == str(body["version"])


def test_series_endpoint_csv_with_hxl(client) -> None:
    r = client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005", "format": "csv", "hxl": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][:4] == ["metric", "place_code", "period_start", "period_end"]
    assert rows[1][rows[0].index("value")] == "#affected+killed"
    assert [row[rows[0].index("value")] for row in rows[2:]] == ["15", "3"]


def test_series_figure_ids_resolve_to_figures(client) -> None:
    body = client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json()
    ids = body["points"][0]["figure_ids"]
    r = client.get("/api/v1/figures", params=[("id", i) for i in ids])
    assert sorted(f["figure_id"] for f in r.json()["data"]) == sorted(ids)


@pytest.mark.parametrize("params,parameter,status", [
    ({"metric": "nope"}, "metric", 400),
    ({"metric": "killed", "interval": "fortnight"}, "interval", 400),
    ({"metric": "killed", "transform": "log"}, "transform", 400),
    ({"metric": "killed", "as_of_version": "99"}, "as_of_version", 404),
    ({"metric": "killed", "as_of_version": "x"}, "as_of_version", 400),
    ({"metric": "killed", "date_from": "yesterday"}, "date_from", 400),
    ({"metric": "killed", "place": "XX999"}, "place", 404),
    ({"metric": "killed", "group_class": "aliens"}, "group_class", 400),
    ({"metric": "killed", "colour": "red"}, "colour", 400),
    ({}, "metric", 400),
])
def test_series_errors_are_problems_naming_the_parameter(client, params, parameter, status) -> None:
    r = client.get("/api/v1/series", params=params)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("https://")
    assert parameter in [e["parameter"] for e in body["errors"]]


def test_figures_without_a_place_count_only_without_a_place_filter(api_store: Store) -> None:
    a = art("noplace", "2024-03-09")
    add(api_store, [a], [fig(a, "killed", 50, None, "2024-03-08"), fig(a, "killed", 1, "MMR005001", "2024-03-08", n=1)])
    assert [p.value for p in series(api_store, metric="killed", place="MMR005").points] == [16, 3]
    assert [p.value for p in series(api_store, metric="killed").points] == [66, 3]
    assert [p.value for p in series(api_store, metric="killed", place="MMR005001").points] == [11]


def test_a_write_brings_the_in_memory_rows_to_its_version(api_store: Store) -> None:
    from service.query import series as module

    assert module.warm(api_store) in (False, True)
    series(api_store, metric="killed", place="MMR005")  # builds the rows for this version
    assert module.warm(api_store) is False  # nothing changed
    a = art("warm", "2024-03-09")
    v = add(api_store, [a], [fig(a, "killed", 4, "MMR005001", "2024-03-29")])
    # the writing thread moved them as it committed: nothing is left for the background warmer
    assert module._bases[api_store].version == v and module.warm(api_store) is False
    assert [p.value for p in series(api_store, metric="killed", place="MMR005").points] == [19, 3]


def test_place_rows_are_the_place_and_every_unit_below_it_whatever_sorts_between() -> None:
    """The in-memory slice of one place's rows equals a plain prefix filter, also where a sibling
    path sorts between the place's own path and its children ("MM/A-x" < "MM/A/")."""
    import polars as pl

    from service.query.series import _Rows

    paths = ["MM", "MM/A", "MM/A", "MM/A!", "MM/A-x", "MM/A/", "MM/A/1", "MM/A/1", "MM/A/2/9", "MM/AB", "MM/B/1",
             None, None]
    rows = _Rows(pl.DataFrame({"place_path": paths, "i": range(len(paths))}))
    for path in ["MM", "MM/A", "MM/A/", "MM/A/1", "MM/A/2", "MM/AB", "MM/B", "MM/C", "M"]:
        bare = path.rstrip("/")
        want = [i for i, p in enumerate(paths) if p is not None and (p == bare or p.startswith(bare + "/"))]
        assert rows.at(path)["i"].to_list() == want, path
        assert rows.at(path, below_too=False)["i"].to_list() == [i for i in want if paths[i] in (bare, bare + "/")], path
    assert rows.at(None)["i"].to_list() == list(range(len(paths)))
    assert _Rows(pl.DataFrame({"place_path": [], "i": []}, schema={"place_path": pl.String, "i": pl.Int64})).at("MM").height == 0


def test_reports_without_any_place_stay_apart_and_never_merge_with_synthetic_copies(new_store) -> None:
    with new_store("inc.duckdb") as store:
        a, b, c = art("np1", "2024-05-02"), art("np2", "2024-05-03"), art("np3", "2024-05-03")
        add(store, [a, b], [fig(a, "killed", 7, None, "2024-05-01", high=9), fig(b, "killed", 6, None, "2024-05-01"),
                            fig(b, "killed", 2, None, "2024-05-02", n=1)])
        add(store, [c], [fig(c, "killed", 100, None, "2024-05-01")], synthetic=True)
        [real] = series(store, metric="killed").points
        # reports with neither a place nor a country cannot be told to be one event: nothing says
        # where either happened, so they are not merged (over-merging is as wrong as double counting)
        assert (real.value, real.low, real.high, real.n_reports, real.n_incidents) == (15, 15, 17, 3, 3)
        [with_copy] = series(store, metric="killed", include_synthetic=True).points
        assert (with_copy.value, with_copy.low, with_copy.high, with_copy.n_reports) == (115, 115, 117, 4)

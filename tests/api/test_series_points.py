"""A flow series of the common shape (metric, place, interval, date range, the first ids per point)
is answered from the points kept per block (service.query.series._flow_points): its answers are
those of the rows' aggregation (_flow_rows) for every metric, place level, interval and range,
and stay so after reviews (which carry the kept points over, their sums moved) and new articles
(new blocks): stale points fail these tests."""
from __future__ import annotations

import itertools
import os
from datetime import date, timedelta
from pathlib import Path

import msgspec
import pytest

from service import metrics
from service.query import series as module
from service.query.series import series
from service.store.db import Store
from service.store.writes import record_review
from tests.api.conftest import add, art, build_world, fig

PLACES = [None, "MM", "MMR005", "MMR005D001", "MMR005001", "MMR001", "TH"]
INTERVALS = ["day", "week", "month", "quarter", "year"]
# whole periods, periods cut at either end or both, one day, a week across two quarters, empty,
# reversed
RANGES = [(None, None), (date(2024, 3, 6), None), (None, date(2024, 3, 20)), (date(2024, 2, 1), date(2024, 3, 31)),
          (date(2024, 3, 5), date(2024, 3, 5)), (date(2024, 3, 20), date(2024, 4, 2)), (date(2023, 12, 27), None),
          (date(2023, 12, 26), date(2024, 1, 2)), (date(2024, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), None),
          (date(2024, 3, 10), date(2024, 3, 1)), (date(2024, 9, 27), date(2024, 10, 2)), (date(2024, 7, 1), None)]


def _points(s: module.Series) -> list[dict]:
    return [msgspec.to_builtins(p, builtin_types=(date,)) for p in s.points]


def _both(store: Store, **kw: object) -> tuple[list[dict], list[dict], int]:
    """(from the kept points, from the rows, version) of one series."""
    module.POINTS = True
    try:
        fast = series(store, **kw)
        module.POINTS = False
        slow = series(store, **kw)
    finally:
        module.POINTS = True
    assert fast.version == slow.version
    return _points(fast), _points(slow), fast.version


def _assert_same(store: Store, places: list[str | None] = PLACES,
                 ranges: list[tuple[date | None, date | None]] = RANGES) -> dict[tuple, list[dict]]:
    """Every combination from the points equals the rows' answer; returns the answers with points."""
    answers = {}
    flows = [m for m in metrics.NAMES if metrics.get(m).kind == "flow"]
    for metric, place, interval, (date_from, date_to) in itertools.product(flows, places, INTERVALS, ranges):
        variants = [(100, False)]
        if interval in ("week", "month"):
            variants += [(2, False), (0, False), (100, True), (1000, True)]
        for ids, synthetic in variants:
            kw = dict(metric=metric, place=place, interval=interval, date_from=date_from, date_to=date_to,
                      ids_per_point=ids, include_synthetic=synthetic)
            fast, slow, _ = _both(store, **kw)
            assert fast == slow, kw
            if fast:
                answers[tuple(sorted(kw.items(), key=str))] = fast
    return answers


def _kept(store: Store) -> int:
    """Points kept across the current base's blocks."""
    return sum(len(rows.points) for m in module._bases[store].by_metric.values() for rows in m.blocks.values())


def _world(store: Store) -> None:
    build_world(store)
    b1, b2, b3 = art("m1", "2024-03-06", source="DVB"), art("m2", "2024-03-21"), art("m3", "2024-01-03")
    add(store, [b1, b2, b3], [
        fig(b1, "killed", 9, "MMR005", "2024-03-05", n=0, group_class="civilians"),
        fig(b1, "killed", 4, "MMR005D001", "2024-03-05", n=1, group_class="civilians", low=3, high=6),
        fig(b1, "killed", 7, "MM", "2024-03-19", n=2, group_class="unknown"),
        fig(b1, "injured", 11, "MMR005001", None, n=3, group_class="civilians"),
        fig(b2, "killed", 2, "MMR005001", "2024-03-20", n=0, group_class="state_forces"),
        fig(b2, "killed", 6, "MMR005D001", None, n=1, group_class="state_forces"),
        fig(b2, "killed", 8, "MMR005001", "2024-03-28", n=2, group_class="civilians"),
        # reports on both sides of a year's end (2024-01-01 is a Monday: no week across it)
        fig(b3, "killed", 3, "MMR005001", "2023-12-29", n=0, group_class="children"),
        fig(b3, "killed", 5, "MMR005D001", "2024-01-02", n=1, group_class="civilians"),
        fig(b3, "injured", 2, "MMR001", "2023-12-30", n=2, group_class="civilians"),
        fig(b2, "killed", 4, "MMR005", "2023-12-31", n=3, group_class="civilians"),
        fig(b1, "killed", 6, "MMR005001", "2024-01-01", n=4, group_class="civilians"),
    ])
    # one article's reports on both sides of a quarter within one week (the week of Monday
    # 2024-09-30 ends in Q4) and one year, another article's that week
    b4, b5 = art("m4", "2024-10-03", source="RFA"), art("m5", "2024-10-04")
    add(store, [b4, b5], [
        fig(b4, "killed", 3, "MMR005001", "2024-09-30", n=0, group_class="children"),
        fig(b4, "killed", 5, "MMR005D001", "2024-10-02", n=1, group_class="civilians"),
        fig(b4, "injured", 2, "MMR001", "2024-10-01", n=2, group_class="civilians"),
        fig(b5, "killed", 4, "MMR005", "2024-09-30", n=0, group_class="state_forces"),
        fig(b5, "killed", 7, "MMR005001", "2024-10-05", n=1, group_class="civilians"),
    ])
    s = art("s1", "2024-03-06")
    add(store, [s], [fig(s, "killed", 40, "MMR005001", "2024-03-05", n=0, group_class="civilians"),
                     fig(s, "killed", 3, "MMR005001", "2023-12-30", n=1, group_class="civilians")], synthetic=True)


def test_series_from_kept_points_equal_the_rows_after_reviews_and_articles(new_store) -> None:
    with new_store("points.duckdb") as store:
        _world(store)
        before = _assert_same(store)
        assert len(before) > 200 and _kept(store) > 100
        with store.read() as cur:
            ids = {(m, v): k for k, m, v in cur.execute("SELECT figure_id, metric, value FROM figures_current").fetchall()}
        base = module._bases[store]
        # amounts only: the kept points are carried over with their sums moved (not computed again)
        record_review(store, ids[("killed", 9)], "correct", value=2)        # the incident's lowest claim falls
        record_review(store, ids[("killed", 4)], "correct", value=4, low=1, high=20)  # its range widens
        record_review(store, ids[("killed", 6)], "correct", value=60)       # a report of its own, another quarter
        record_review(store, ids[("killed", 3)], "confirm")
        assert module._bases[store].version > base.version and _kept(store) > 100
        after = _assert_same(store)
        assert after != before  # the reviews moved points the kept ones had
        record_review(store, ids[("killed", 7)], "correct", value=1)
        record_review(store, ids[("killed", 40)], "correct", value=41)     # synthetic
        _assert_same(store)
        # other writes: a day, a place, a rejection, a new article, a changed article
        record_review(store, ids[("killed", 2)], "correct", event_date_start=date(2024, 1, 2))
        record_review(store, ids[("killed", 8)], "correct", place_code="MMR001")
        record_review(store, ids[("killed", 5)], "reject")
        c = art("c1", "2024-03-21", source="RFA")
        add(store, [c], [fig(c, "killed", 5, "MMR005001", "2024-03-20", n=0, group_class="state_forces"),
                         fig(c, "killed", 1, "MMR005D001", "2023-12-28", n=1)])
        c2 = art("c1", "2024-03-21", source="RFA", text="The raid, told again with other numbers. " * 8)
        add(store, [c2], [fig(c2, "killed", 1, "MMR005D001", "2024-03-20", n=0)])
        assert module._bases[store].version == store.version()
        _assert_same(store)


def test_a_review_moves_the_kept_points_or_they_are_stale(new_store, monkeypatch) -> None:
    # The points a review carries over must follow it: without the move of their sums, the
    # answers differ from the rows' (what this file's comparisons would catch).
    with new_store("stale.duckdb") as store:
        _world(store)
        kw = dict(metric="killed", place="MMR005", interval="month", ids_per_point=100)
        fast, slow, _ = _both(store, **kw)
        assert fast == slow
        with store.read() as cur:
            key = cur.execute("SELECT figure_id FROM figures_current WHERE metric = 'killed' AND value = 8").fetchone()[0]
        real = module._points_revalued
        monkeypatch.setattr(module, "_points_revalued", lambda old, frame, changed: real(old, frame, None))
        record_review(store, key, "correct", value=2)
        fast, slow, _ = _both(store, **kw)
        assert fast != slow  # stale: kept as they were
        monkeypatch.setattr(module, "_points_revalued", real)
        record_review(store, key, "correct", value=1)
        module._bases.pop(store)  # rebuilt: nothing kept
        fast, slow, _ = _both(store, **kw)
        assert fast == slow


def test_series_from_kept_points_equal_the_rows_on_the_dev_set(tmp_path: Path) -> None:
    # The dev set's real articles: places at each level the extractor found, ranges around its
    # days, then reviews (amounts, a day, a rejection) and an article.
    shared = Path(os.environ.get("HUMSTAT_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
    if not (shared / "devset" / "articles.jsonl").exists():
        pytest.skip("../shared/devset is absent; set HUMSTAT_SHARED to compare on real articles")
    from service.articles.readers import read_paths
    from service.ingest import ingest

    store = Store(tmp_path / "dev.duckdb")
    try:
        ingest(store, read_paths([shared / "devset" / "articles.jsonl"]))
        with store.read() as cur:
            places = [None, *(code for (code,) in cur.execute("""
                WITH n AS (SELECT f.place_code AS code, p.level, count(*) AS n
                           FROM figures_current f JOIN places p ON p.code = f.place_code
                           WHERE p.level IN ('country', 'admin1', 'admin2') GROUP BY ALL)
                SELECT code FROM (SELECT *, row_number() OVER (PARTITION BY level ORDER BY n DESC, code) AS k FROM n)
                WHERE k <= 2 ORDER BY level, code""").fetchall())]
            first, middle, last = cur.execute("""
                SELECT min(d), quantile_disc(d, 0.5), max(d) FROM (SELECT flow_day AS d FROM series_input(current_version())
                WHERE flow_day IS NOT NULL)""").fetchone()
            amounts = [k for (k,) in cur.execute("""
                SELECT figure_id FROM series_input(current_version())
                WHERE metric = 'killed' AND incident IS NOT NULL AND NOT vague ORDER BY figure_id LIMIT 4""").fetchall()]
        ranges = [(None, None), (middle, None), (None, middle), (first + timedelta(days=3), middle),
                  (middle, last - timedelta(days=1)), (middle, middle)]
        before = _assert_same(store, places, ranges)
        assert len(before) > 100
        for n, key in enumerate(amounts[:3]):
            record_review(store, key, "correct", value=1 + 7 * n)
        after = _assert_same(store, places, ranges)
        assert after != before
        record_review(store, amounts[3], "correct", event_date_start=middle)
        record_review(store, amounts[0], "reject")
        a = art("dev-extra", middle.isoformat())
        add(store, [a], [fig(a, "killed", 4, places[1], middle.isoformat(), n=0),
                         fig(a, "killed", 6, places[-1], middle.isoformat(), n=1)])
        assert module._bases[store].version == store.version()
        _assert_same(store, places, ranges)
    finally:
        store.close()


def test_a_series_from_kept_points_runs_no_polars_query(new_store, monkeypatch) -> None:
    # A reader's series from kept points reads their rows by position and sums the few a period
    # has in Python: a polars query's fixed cost (~0.15 ms, eight of them a request) was most of
    # its CPU. Fails when _flow_points collects a frame (eagerly or lazily) once the points are kept.
    import polars as pl

    with new_store("noquery.duckdb") as store:
        _world(store)
        asks = [dict(metric="killed", place=place, interval=interval, date_from=lo, date_to=hi, ids_per_point=k,
                     include_synthetic=synthetic)
                for place in (None, "MMR005") for interval in INTERVALS
                for lo, hi in ((None, None), (date(2024, 3, 6), date(2024, 10, 2)), (date(2023, 12, 27), None))
                for k, synthetic in ((100, False), (1, True), (0, False))]
        first = [series(store, **kw) for kw in asks]  # computes and keeps the points
        collected: list[str] = []
        for name in ("collect", "_collect_eager"):
            real = getattr(pl.LazyFrame, name)
            monkeypatch.setattr(pl.LazyFrame, name, lambda self, *a, _real=real, _name=name, **kw: (
                collected.append(_name), _real(self, *a, **kw))[1])
        again = [series(store, **kw) for kw in asks]
        assert collected == []
        assert [_points(s) for s in again] == [_points(s) for s in first]
        assert any(p.n_reports > 1 and p.figure_ids_truncated for s in again for p in s.points)  # k=1 cut ids

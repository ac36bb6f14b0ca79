"""/series on the in-memory rows (their integer keys for figure ids and articles, the blocks a write
spliced) gives the same answer as the series definition applied to series_input read whole from
the database: for every metric, interval, place level, date range and filter, before and after a
sequence of reviews and articles."""
from __future__ import annotations

import itertools
import os
from datetime import date
from pathlib import Path

import msgspec
import polars as pl
import pytest

from service import metrics
from service.query import series as module
from service.query.series import series
from service.store.db import Store
from service.store.writes import record_review
from tests.api.conftest import add, art, build_world, fig

PLACES = [None, "MM", "MMR005", "MMR005D001", "MMR005001", "MMR001", "TH"]
INTERVALS = ["day", "week", "month", "quarter", "year"]
# (a flow series reads only the blocks, quarters, of its range: ranges within one, across two, none)
RANGES = [(None, None), (date(2024, 3, 6), None), (None, date(2024, 3, 20)), (date(2024, 2, 1), date(2024, 3, 31)),
          (date(2024, 3, 5), date(2024, 3, 5)), (date(2024, 3, 20), date(2024, 4, 2)), (date(2024, 4, 1), None),
          (date(2025, 1, 1), None)]


def _reference(rows: pl.DataFrame, path: str | None, code: str | None, *, metric: str, interval: str,
               date_from: date | None, date_to: date | None, group_class: str | None, cumulative: bool | None,
               include_synthetic: bool) -> list[dict]:
    """The points by the definition, written out on the whole metric's rows as they come from
    series_input (sorted by place, incidents marked: _with_incidents): no blocks, no keys, ids
    sorted and articles counted as strings."""
    m = metrics.get(metric)
    summed = m.kind == "flow" and not cumulative
    if path is not None:
        bare = path.rstrip("/")
        under = pl.col("place_path").str.starts_with(bare + "/") if summed else pl.col("place_path") == bare + "/"
        rows = rows.filter((pl.col("place_path") == bare) | under)
    keep = [pl.col("metric") == metric, ~pl.col("vague")]
    if not include_synthetic:
        keep.append(~pl.col("synthetic"))
    if group_class is not None:
        keep.append(pl.col("group_class") == group_class)
    day = "flow_day" if summed else "stock_day"
    if summed:
        keep.append(pl.col("incident").is_not_null())
    else:
        keep.append(pl.col("counted"))
        if code is not None:
            keep.append(pl.col("place_code") == code)
        selected = cumulative if m.kind == "stock" else True
        if selected is not None:
            keep.append(pl.col("cumulative") == selected)
    keep.append(pl.col(day).is_not_null())
    if date_from is not None:
        keep.append(pl.col(day) >= date_from)
    if date_to is not None:
        keep.append(pl.col(day) <= date_to)
    value = pl.col("value")
    f = rows.filter(*keep).with_columns(
        low=pl.min_horizontal(pl.col("low").fill_null(value), value),
        high=pl.max_horizontal(pl.col("high").fill_null(value), value),
        day=pl.col(day), period_start=module.period_of(pl.col(day), interval))
    refs = [pl.len().alias("n_reports"), pl.col("article_id").n_unique().alias("n_articles"),
            pl.col("figure_id").sort().alias("figure_ids"), pl.col("day").max().alias("as_of")]
    if summed:
        once = pl.col("rep")
        out = f.group_by("period_start").agg(
            pl.col("inc_value").filter(once).sum().alias("value"), pl.col("inc_low").filter(once).sum().alias("low"),
            pl.col("inc_high").filter(once).sum().alias("high"), *refs, once.sum().alias("n_incidents"))
    else:
        # the last day's claims: a revision (0) before a count (1) before a rounded one (2), none
        # below another claim's stated minimum at its place that day (3); the lowest of the best
        f = f.with_columns(last=pl.col("day") == pl.col("day").max().over("period_start"))
        floor = pl.when(pl.col("last")).then(pl.col("stated_min")).max().over("period_start", "place_code")
        f = f.with_columns(rank=pl.when(value < floor).then(3).otherwise(pl.col("stock_rank")))
        best = pl.col("last") & (pl.col("rank") == pl.col("rank").filter(pl.col("last")).min())
        out = f.group_by("period_start").agg(
            pl.col("value").filter(best).min(), pl.col("low").min(),
            pl.col("high").max(), *refs, pl.len().alias("n_incidents"))
    return out.sort("period_start").select(_POINT).to_dicts()


_POINT = ["period_start", "value", "low", "high", "n_reports", "n_articles", "figure_ids", "as_of", "n_incidents"]


def _answer(s: module.Series, cap: int | None = None) -> list[dict]:
    """The points as the reference gives them (every id listed unless `cap`)."""
    out = []
    for p in s.points:
        assert p.figure_ids_truncated == (len(p.figure_ids) < p.n_reports) and p.figures_url is None
        assert len(p.figure_ids) == (p.n_reports if cap is None else min(cap, p.n_reports))
        out.append({k: v for k, v in msgspec.to_builtins(p, builtin_types=(date,)).items()
                    if k not in ("period_end", "change", "figure_ids_truncated", "figures_url")})
    return out


def _assert_agrees(store: Store, places: list[str | None] = PLACES,
                   ranges: list[tuple[date | None, date | None]] = RANGES) -> int:
    """Every combination against the reference; returns how many answers had points."""
    version = store.version()
    with store.read() as cur:
        whole = module._input(cur, version, None)
        paths = dict(cur.execute("SELECT code, path FROM places").fetchall())
    nonempty = 0
    for metric in metrics.NAMES:
        frame = module._with_incidents(whole.filter(pl.col("metric") == metric).sort("place_path", nulls_last=True))
        kind = metrics.get(metric).kind
        for place, interval, (date_from, date_to) in itertools.product(places, INTERVALS, ranges):
            if interval != "month" and (date_from, date_to) not in ranges[::3]:
                continue  # every range at one interval, two at the others
            variants = [dict()]
            if interval == "month":  # the filters, at one interval
                variants += [dict(include_synthetic=True), dict(group_class="civilians"),
                             dict(cumulative=True), *([dict(cumulative=False)] if kind == "stock" else [])]
            for extra in variants:
                got = series(store, metric=metric, place=place, interval=interval, date_from=date_from,
                             date_to=date_to, **extra)
                assert got.version == version
                want = _reference(frame, paths.get(place), place, metric=metric, interval=interval,
                                  date_from=date_from, date_to=date_to, group_class=extra.get("group_class"),
                                  cumulative=extra.get("cumulative"),
                                  include_synthetic=bool(extra.get("include_synthetic")))
                assert _answer(got) == want, (metric, place, interval, date_from, date_to, extra)
                nonempty += bool(want)
                if interval == "month" and not extra and (date_from, date_to) in ranges[::3]:
                    for cap in (0, 2):  # the first ids of each point only (the API's cap)
                        capped = series(store, metric=metric, place=place, interval=interval, date_from=date_from,
                                        date_to=date_to, ids_per_point=cap)
                        first = [{**p, "figure_ids": p["figure_ids"][:cap]} for p in want]
                        assert _answer(capped, cap) == first, (metric, place, date_from, date_to, cap)
    return nonempty


def _more(store: Store) -> None:
    """Besides the reference world: reports at every level of Sagaing on nearby days (incidents
    that merge across levels and articles), stocks at each level, open dates, synthetic rows."""
    b1, b2, b3 = art("m1", "2024-03-06", source="DVB"), art("m2", "2024-03-21"), art("m3", "2024-02-02")
    add(store, [b1, b2, b3], [
        fig(b1, "killed", 9, "MMR005", "2024-03-05", n=0, group_class="civilians"),
        fig(b1, "killed", 4, "MMR005D001", "2024-03-05", n=1, group_class="civilians", low=3, high=6),
        fig(b1, "killed", 7, "MM", "2024-03-19", n=2, group_class="unknown"),
        fig(b1, "injured", 11, "MMR005001", None, n=3, group_class="civilians"),
        fig(b2, "killed", 2, "MMR005001", "2024-03-20", n=0, group_class="state_forces"),
        fig(b2, "killed", 6, "MMR005D001", None, n=1, group_class="state_forces"),
        fig(b2, "displaced", 3_000, "MMR005D001", "2024-03-18", n=2, as_of="2024-03-18"),
        fig(b2, "displaced", 2_500, "MMR005D001", "2024-03-19", n=3, as_of="2024-03-19", low=2_000),
        fig(b2, "detained", 30, "MMR001", "2024-03-02", n=4, as_of="2024-03-02"),
        fig(b3, "killed", 3, "MMR001", "2024-02-01", n=0, group_class="children"),
        fig(b3, "displaced", 90_000, "MM", "2024-01-30", n=1, as_of="2024-01-30"),
    ])
    s = art("s1", "2024-03-06")
    add(store, [s], [fig(s, "killed", 40, "MMR005001", "2024-03-05", n=0, group_class="civilians"),
                     fig(s, "displaced", 1_000, "MMR005", "2024-03-12", n=1, as_of="2024-03-12")], synthetic=True)


def test_series_from_memory_equals_the_definition_on_the_database_rows(new_store) -> None:
    with new_store("fast.duckdb") as store:
        build_world(store)
        _more(store)
        series(store, metric="killed")  # the in-memory rows exist from here on: writes splice them
        assert _assert_agrees(store) > 100
        with store.read() as cur:
            ids = {(f, v): k for k, f, v in cur.execute("SELECT figure_id, metric, value FROM figures_current").fetchall()}
        # reviews: an amount, a day, a metric, a place, a rejection; then articles
        record_review(store, ids[("killed", 9)], "correct", value=8)
        record_review(store, ids[("killed", 4)], "correct", event_date_start=date(2024, 3, 20))
        record_review(store, ids[("injured", 11)], "correct", metric="killed")
        record_review(store, ids[("killed", 2)], "correct", place_code="MMR005")
        record_review(store, ids[("displaced", 125_000)], "reject")
        _assert_agrees(store)
        c = art("c1", "2024-03-21", source="RFA")
        add(store, [c], [fig(c, "killed", 5, "MMR005001", "2024-03-20", n=0, group_class="state_forces"),
                         fig(c, "displaced", 2_200, "MMR005D001", "2024-03-21", n=1, as_of="2024-03-21")])
        c2 = art("c1", "2024-03-21", source="RFA", text="The raid, told again with other numbers. " * 8)
        add(store, [c2], [fig(c2, "killed", 1, "MMR005D001", "2024-03-20", n=0)])
        record_review(store, ids[("killed", 3)], "confirm")
        assert module._bases[store].version == store.version()  # answered from the spliced rows
        assert _assert_agrees(store) > 100


def test_series_from_memory_equals_the_definition_on_the_dev_set(tmp_path: Path) -> None:
    # The dev set's real articles (tests/research/test_series_agree.py reads them too): places at
    # every level the extractor found, ranges around the days it found, then reviews and an article.
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
                           FROM figures_current f JOIN places p ON p.code = f.place_code GROUP BY ALL)
                SELECT code FROM (SELECT *, row_number() OVER (PARTITION BY level ORDER BY n DESC, code) AS k FROM n)
                WHERE k <= 2 ORDER BY level, code""").fetchall())]
            first, middle, last = cur.execute("""
                SELECT min(d), quantile_disc(d, 0.5), max(d) FROM (SELECT flow_day AS d FROM series_input(current_version())
                WHERE flow_day IS NOT NULL)""").fetchone()
            ids = [k for (k,) in cur.execute("SELECT figure_id FROM figures_current ORDER BY figure_id LIMIT 3").fetchall()]
        ranges = [(None, None), (middle, None), (None, middle), (first, middle), (middle, last)]
        series(store, metric="killed")
        assert _assert_agrees(store, places, ranges) > 40
        record_review(store, ids[0], "correct", value=1)
        record_review(store, ids[1], "correct", event_date_start=middle)
        record_review(store, ids[2], "reject")
        a = art("dev-extra", middle.isoformat())
        add(store, [a], [fig(a, "killed", 4, places[1], middle.isoformat(), n=0),
                         fig(a, "displaced", 400, places[-1], middle.isoformat(), n=1, as_of=middle.isoformat())])
        assert module._bases[store].version == store.version()
        assert _assert_agrees(store, places, ranges) > 40
    finally:
        store.close()


def test_ids_without_the_hash_form_sort_as_strings() -> None:
    # A figure id that is not 16 lower-case hex digits has no integer key: rows holding one sort
    # their ids as strings (upper-case hex would sort otherwise by value).
    rows = module._prepared(pl.DataFrame({
        "figure_id": ["b0", "ABCDEF0123456789", "0123456789abcdef"], "article_id": ["x", "y", "x"],
        "place_path": ["MM/", "MM/", "MM/"]}), "displaced")
    assert not rows.keyed
    assert rows.frame.get_column("_fid").null_count() == 2
    assert module._prepared(rows.frame.filter(pl.col("_fid").is_not_null()), "displaced").keyed

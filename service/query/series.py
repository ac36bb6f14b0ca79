"""Time series of one metric for one place: the flow and stock semantics live here, once, for
the API and the charts (sql/views.sql states the same for researchers, per month).

- Flows (killed, injured... in incidents) are summed per period after repeated reports of the
  same incident (same metric, place, day and group class, from several articles) are merged into
  one: the conservative (lowest) value counts, the range spans every report. The day is the
  event's start date, else the article's publication date. Vague amounts are left out of sums.
  Periods without reports are absent (no report is not zero).
- Stocks (displaced, refugees, detained, missing) and cumulative totals (a flow metric stated as
  a running total: "killed since the coup", selected with cumulative=True) are never summed: a
  point is the latest value stated in the period, the range spans the period's figures, and a
  stock may fall. transform="diff" adds the change from the previous point (for any series; for
  running totals it is what was added between points).
"""
from __future__ import annotations

import threading
import weakref
from datetime import date, timedelta
from typing import Any, Literal

import duckdb
import msgspec
import polars as pl
import pyarrow as pa

from service import metrics
from service.query.errors import QueryError
from service.query.versions import current_version, resolve_place, resolve_version
from service.store import sqlfiles
from service.store.db import Store

INTERVALS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
TRANSFORMS: tuple[str, ...] = ("diff",)
GROUP_CLASSES: tuple[str, ...] = ("civilians", "children", "state_forces", "non_state_armed_group", "unknown")

Interval = Literal["day", "week", "month", "quarter", "year"]


class SeriesPoint(msgspec.Struct, kw_only=True):
    """One period of a series."""

    period_start: date          # first day of the period
    period_end: date            # last day of the period (inclusive)
    value: int                  # flows: sum of merged incidents; stocks: latest value in the period
    low: int | None             # lower end of the range across reports
    high: int | None            # upper end of the range across reports
    n_reports: int              # figures behind the point
    n_articles: int             # distinct articles behind the point
    figure_ids: list[str]       # ids of those figures (GET /api/v1/figures?id=... or /figures/{id})
    change: int | None = None   # transform=diff: value minus the previous point's value (None for the first)
    as_of: date | None = None   # the latest date behind the point (stocks: the date the value stood at)


class Series(msgspec.Struct, kw_only=True):
    """A time series of one metric and place at one dataset version."""

    metric: str
    kind: Literal["flow", "stock"]   # the metric's kind (service.metrics)
    cumulative: bool                 # True: running totals of a flow metric (treated as a stock)
    interval: str
    place: str | None
    version: int                     # dataset version the series was computed at
    points: list[SeriesPoint]
    semantics: Literal["sum_of_incidents", "latest_value"] = "sum_of_incidents"
    group_class: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    transform: str | None = None
    place_name: str | None = None


def period_end(start: date, interval: str) -> date:
    """The last day of the period that begins on `start`."""
    if interval == "day":
        return start
    if interval == "week":
        return start + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[interval]
    y, m = divmod(start.month - 1 + months, 12)
    return date(start.year + y, m + 1, 1) - timedelta(days=1)


class _Base:
    """sql/service/series_input.sql at one dataset version, split by metric, sorted by place_path."""

    def __init__(self, version: int, frame: pl.DataFrame) -> None:
        self.version = version
        self.empty = frame.clear()
        self.by_metric: dict[str, pl.DataFrame] = {
            str(key[0]): part.sort("place_path", nulls_last=True).rechunk()
            for key, part in frame.partition_by("metric", as_dict=True).items()
        }
        # Arrow copies made once: slicing them is free, converting a polars slice per call is not.
        self.arrow: dict[str, pa.Table] = {name: part.to_arrow() for name, part in self.by_metric.items()}

    def rows(self, metric: str) -> tuple[pl.Series, pa.Table]:
        """The rows of `metric`, sorted by place_path: (paths, rows)."""
        found = self.by_metric.get(metric)
        if found is None:
            return self.empty.get_column("place_path"), self.empty.to_arrow()
        return found.get_column("place_path"), self.arrow[metric]


# One in-memory base per store, for its current version: a /series call then slices a sorted
# frame instead of applying reviews to every figure again (at 1M figures: ~1 s once per write
# instead of ~0.3 s per call). Answers about earlier versions (as_of_version) read their rows
# from the database.
_bases: "weakref.WeakKeyDictionary[Store, _Base]" = weakref.WeakKeyDictionary()
_base_locks: "weakref.WeakKeyDictionary[Store, threading.Lock]" = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()


def _input(cur: duckdb.DuckDBPyConnection, version: int, metric: str | None) -> pl.DataFrame:
    return cur.execute(sqlfiles.load("service/series_input"), {"version": version, "metric": metric}).pl()


def _metric_rows(store: Store, cur: duckdb.DuckDBPyConnection, version: int,
                 metric: str) -> tuple[pl.Series, pa.Table]:
    """The series input rows of `metric` at `version`, sorted by place_path: (paths, rows)."""
    if version != current_version(cur):
        frame = _input(cur, version, metric).sort("place_path", nulls_last=True)
        return frame.get_column("place_path"), frame.to_arrow()
    with _registry_lock:
        lock = _base_locks.setdefault(store, threading.Lock())
    base = _bases.get(store)
    if base is None or base.version != version:
        with lock:  # one thread builds; the others wait for it rather than build again
            base = _bases.get(store)
            if base is None or base.version != version:
                base = _Base(version, _input(cur, version, None))
                _bases[store] = base
    return base.rows(metric)


# Places are reference data, fixed while a store is open (migrations rebuild them at open):
# their rows are remembered per store, so a series at the current version needs no query.
_place_rows: "weakref.WeakKeyDictionary[Store, dict[str, dict[str, Any]]]" = weakref.WeakKeyDictionary()


def _place_row(store: Store, code: str | None) -> dict[str, Any] | None:
    if code is None:
        return None
    known = _place_rows.setdefault(store, {})
    row = known.get(code)
    if row is None:
        with store.read() as cur:
            row = resolve_place(cur, code)  # an unknown code raises NotFound: nothing to remember
        if row is not None and len(known) < 100_000:
            known[code] = row
    return row


def warm(store: Store) -> bool:
    """Rebuild the in-memory series rows for the current version if series were asked before and a
    write moved the version (the service calls this in the background after writes, so the
    first /series call after a write does not pay for it). Returns whether it rebuilt."""
    base = _bases.get(store)
    if base is None:
        return False  # nobody asked for a series yet: nothing to keep warm
    with store.read() as cur:
        version = current_version(cur)
        if base.version == version:
            return False
        _metric_rows(store, cur, version, "")
    return True


def _place_slice(paths: pl.Series, rows: pa.Table, path: str | None) -> pa.Table:
    """Rows at the place with this path or below it: contiguous ranges of the sorted rows (no copy)."""
    if path is None or rows.num_rows == 0:
        return rows
    prefix = path.rstrip("/") + "/"
    lo = int(paths.search_sorted(prefix, side="left"))
    hi = int(paths.search_sorted(prefix + "\U0010ffff", side="left"))
    # a path written without the trailing "/" (the place itself) sorts just before the range
    bare = path.rstrip("/")
    elo, ehi = int(paths.search_sorted(bare, side="left")), int(paths.search_sorted(bare, side="right"))
    parts = [rows.slice(elo, ehi - elo)] if ehi > elo else []
    return pa.concat_tables(parts + [rows.slice(lo, hi - lo)])


def _input_rows(store: Store, as_of_version: int | None, metric: str) -> tuple[int, pl.Series, pa.Table]:
    """(version, paths, rows): the series input rows of `metric` at `as_of_version` (None: the
    current version), sorted by place_path. The current version's rows are in memory and
    immutable: they need no database round trip at all."""
    base = _bases.get(store)
    if base is not None and base.version == store.version() and as_of_version in (None, base.version):
        return (base.version, *base.rows(metric))
    with store.read() as cur:
        version = resolve_version(cur, as_of_version)
        return (version, *_metric_rows(store, cur, version, metric))


def figure_rows(store: Store, *, metric: str, version: int, figure_ids: list[str]) -> pl.DataFrame:
    """The series input rows of these figures of `metric` at `version` (figure_id, article_id,
    article_revision, value, flow_day, stock_day...): what a chart ranks its report markers and
    counts its sources with, read from the in-memory copy when `version` is the current one."""
    _, _, table = _input_rows(store, version, metric)
    rows = pl.from_arrow(table)
    assert isinstance(rows, pl.DataFrame)
    wanted = pl.DataFrame({"figure_id": figure_ids}, schema={"figure_id": pl.String})
    return rows.join(wanted, on="figure_id", how="semi")


# date_trunc's periods in polars' words (weeks start on Monday, as ISO weeks do).
_TRUNCATE = {"day": "1d", "week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}


def period_of(day: pl.Expr, interval: str) -> pl.Expr:
    """The first day of the `interval` period each day falls in."""
    return day.dt.truncate(_TRUNCATE[interval])

_POINT = ["period_start", "value", "low", "high", "n_reports", "n_articles", "figure_ids", "as_of"]


def _bounded(rows: pl.LazyFrame, day: str, interval: str, date_from: date | None, date_to: date | None) -> pl.LazyFrame:
    """Rows with a day in [date_from, date_to], their range widened to include the value, and their period."""
    keep = [pl.col(day).is_not_null()]
    if date_from is not None:
        keep.append(pl.col(day) >= date_from)
    if date_to is not None:
        keep.append(pl.col(day) <= date_to)
    value = pl.col("value")
    return rows.filter(*keep).with_columns(
        low=pl.min_horizontal(pl.col("low").fill_null(value), value),
        high=pl.max_horizontal(pl.col("high").fill_null(value), value),
        day=pl.col(day),
        period_start=period_of(pl.col(day), interval),
    )


def _references(f: pl.LazyFrame) -> pl.LazyFrame:
    """Per period: the figures behind the point, their articles and the latest day."""
    return f.group_by("period_start").agg(
        n_reports=pl.len(), n_articles=pl.col("article_id").n_unique(),
        figure_ids=pl.col("figure_id").sort(), as_of=pl.col("day").max(),
    )


def _flow_rows(rows: pl.DataFrame, where: list[pl.Expr], interval: str, date_from: date | None,
               date_to: date | None) -> pl.DataFrame:
    """Flows: repeated reports of one incident (metric, place, day, group class) merged first (the
    lowest value counts once, the range spans every report), then incidents summed per period.
    Running totals and vague amounts are left out."""
    f = _bounded(rows.lazy().filter(*where, ~pl.col("cumulative")), "flow_day", interval, date_from, date_to)
    incidents = f.group_by("period_start", "place_code", "day", "group_class").agg(
        pl.col("value").min(), pl.col("low").min(), pl.col("high").max())
    sums = incidents.group_by("period_start").agg(pl.col("value", "low", "high").sum())
    return sums.join(_references(f), on="period_start").sort("period_start").select(_POINT).collect()


def _stock_rows(rows: pl.DataFrame, where: list[pl.Expr], interval: str, date_from: date | None,
                date_to: date | None) -> pl.DataFrame:
    """Stocks and running totals, never summed: the latest value stated in the period (ties at that
    day: the lowest, conservative one), with the range across the period's figures."""
    f = _bounded(rows.lazy().filter(*where), "stock_day", interval, date_from, date_to)
    latest = (f.sort(["day", "value"], descending=[True, False])
              .group_by("period_start", maintain_order=True)
              .agg(pl.col("value").first(), pl.col("low").min(), pl.col("high").max()))
    return latest.join(_references(f), on="period_start").sort("period_start").select(_POINT).collect()


def series(
    store: Store,
    *,
    metric: str,
    place: str | None = None,
    interval: str = "month",
    group_class: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    as_of_version: int | None = None,
    transform: str | None = None,
    cumulative: bool | None = None,
    include_synthetic: bool = False,
) -> Series:
    """The series of `metric` at `place` (and every unit below it, for flows).

    cumulative: for flow metrics, False/None = incident figures (summed), True = running totals
    (latest value); for stock metrics, None = every figure, True/False = only (non-)cumulative ones.
    Synthetic (benchmark) figures are left out unless include_synthetic.
    Raises QueryError naming the parameter for anything invalid.
    """
    try:
        m = metrics.get(metric)
    except KeyError:
        raise QueryError("metric", f"unknown metric {metric!r}", ", ".join(metrics.NAMES)) from None
    if interval not in INTERVALS:
        raise QueryError("interval", f"unknown interval {interval!r}", ", ".join(INTERVALS))
    if transform is not None and transform not in TRANSFORMS:
        raise QueryError("transform", f"unknown transform {transform!r}", ", ".join(TRANSFORMS))
    if group_class is not None and group_class not in GROUP_CLASSES:
        raise QueryError("group_class", f"unknown group class {group_class!r}", ", ".join(GROUP_CLASSES))
    # date_from after date_to is an empty range: the series has no points (not an error).
    summed = m.kind == "flow" and not cumulative
    version, paths, table = _input_rows(store, as_of_version, m.name)
    row = _place_row(store, place)
    rows = pl.from_arrow(_place_slice(paths, table, row["path"] if row else None))
    assert isinstance(rows, pl.DataFrame)  # a Table converts to a frame (a Series only from an Array)
    common = [pl.col("metric") == m.name, ~pl.col("vague")]
    if not include_synthetic:
        common.append(~pl.col("synthetic"))
    if group_class is not None:
        common.append(pl.col("group_class") == group_class)
    if summed:
        per_period = _flow_rows(rows, common, interval, date_from, date_to)
    else:
        if row is not None:
            common.append(pl.col("place_code") == row["code"])  # the place itself, not its sub-units
        selected = cumulative if m.kind == "stock" else True
        if selected is not None:
            common.append(pl.col("cumulative") == selected)
        per_period = _stock_rows(rows, common, interval, date_from, date_to)
    points = [
        SeriesPoint(period_start=start, period_end=period_end(start, interval), value=int(value),
                    low=None if low is None else int(low), high=None if high is None else int(high),
                    n_reports=int(n_reports), n_articles=int(n_articles), figure_ids=list(ids), as_of=as_of)
        for start, value, low, high, n_reports, n_articles, ids, as_of in per_period.iter_rows()
    ]
    if transform == "diff":
        previous: int | None = None
        for p in points:
            p.change = None if previous is None else p.value - previous
            previous = p.value
    return Series(
        metric=m.name, kind=m.kind, cumulative=bool(cumulative),
        interval=interval, place=place, version=version, points=points,
        semantics="sum_of_incidents" if summed else "latest_value", group_class=group_class,
        date_from=date_from, date_to=date_to, transform=transform, place_name=row["name"] if row else None,
    )

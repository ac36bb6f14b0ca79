"""What a chart shows: the series, the reports behind each point and their sources.

Everything is read at one dataset version (the current one unless the chart is pinned), so
the line, the report markers, the table and the source list always agree.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from datetime import date, datetime
from typing import TypeVar

import duckdb
import msgspec
import polars as pl

from service import metrics
from service.charts.params import ChartParams
from service.query.errors import NotFound, QueryError
from service.query.series import Series, figure_rows, period_of, series
from service.store import sqlfiles
from service.store.db import Store


class Report(msgspec.Struct):
    """One figure as a report: who published it, when, the number as written, the quote.
    Fields in the column order of sql/charts/reports.sql (rows are passed positionally)."""

    figure_id: str
    article_id: str
    metric: str
    value: int
    low: int | None
    high: int | None
    qualifier: str | None
    vague: bool
    cumulative: bool
    date: date | None  # the day the series placed it on (event, as-of, else publication)
    place_code: str | None
    place_name: str | None
    group_class: str
    group_text: str | None
    claimed_by: str | None
    quote: str
    char_start: int
    char_end: int
    number_text: str | None
    review_status: str
    publisher: str | None
    article_title: str | None
    article_url: str | None
    article_published: date | None
    # what the figure does in the point (ROLES): the table under a chart adds up to the bar
    role: str = "counted"
    related_to: str | None = None  # restates / part of: the figure it restates or is part of
    # counted / latest: the amount the point takes from it, what it claims at the least (a range
    # "between 5 and 23" has value 14 and counts 5, the lowest claim as ACLED codes); else None
    counts: int | None = None
    disputed: bool = False  # denied or not confirmed by another party: counts 0 (series_amount)


# counted: a claim added to the period's value (flows: the lowest claim of its incident);
# merged: another claim of that incident (in its range, not added); latest / in range: a stock's
# point value and the other figures of its period; restates / part of: a figure that says again,
# or breaks down, a claim of the table (never added)
ROLES: tuple[str, ...] = ("counted", "merged", "latest", "in range", "restates", "part of")


class Source(msgspec.Struct):
    """One article the chart's figures came from (column order of sql/charts/sources.sql)."""

    article_id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: date | None
    figures: int


_S = TypeVar("_S", Report, Source)


class ChartData(msgspec.Struct, kw_only=True):
    """Everything one chart needs, read at one dataset version."""

    params: ChartParams
    metric: metrics.Metric
    series: Series
    reports: list[Report]
    sources: list[Source]
    version: int
    version_created_at: datetime | None
    place_name: str | None
    pinned: bool
    reports_total: int = 0  # reports behind the series
    reports_per_period: int | None = None  # set when only the largest N per period are drawn
    related: list[Report] = msgspec.field(default_factory=list)  # restatements and parts of the reports

    @property
    def publishers(self) -> list[str]:
        """Distinct publishers, most figures first."""
        counts: dict[str, int] = {}
        for s in self.sources:
            if s.publisher:
                counts[s.publisher] = counts.get(s.publisher, 0) + s.figures
        return sorted(counts, key=lambda p: (-counts[p], p))


def resolve_version(store: Store, as_of_version: int | None) -> tuple[int, datetime | None]:
    """The version to read (current when None) and when it was committed (UTC); 404 if unknown."""
    with store.read() as cur:
        version, created, current = cur.execute(
            sqlfiles.load("charts/version"), {"version": as_of_version}
        ).fetchone()
    if as_of_version is not None and (as_of_version < 1 or as_of_version > current):
        raise NotFound(
            f"dataset version {as_of_version} does not exist (the current version is {current})",
            parameter="as_of_version",
            valid=f"1..{current}" if current else "none yet",
        )
    return int(version), created


# More markers than this and a chart becomes slow to send and unreadable: beyond it, each period
# keeps its largest reports (the legend and the table say how many of how many are shown).
MAX_REPORTS = 600

# Data at a dataset version never changes, so the html, json, png, csv... of one chart (and its
# other sizes and themes) share one read. Per store (weakly held), a small LRU.
_CACHE_SIZE = 64
_cache: weakref.WeakKeyDictionary[Store, OrderedDict[tuple, ChartData]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def _data_key(params: ChartParams, version: int, max_reports: int) -> tuple:
    # Presentation (kind, size, theme) does not change the data.
    return (
        params.metric,
        params.place,
        params.interval,
        params.group_class,
        params.date_from,
        params.date_to,
        params.cumulative,
        params.as_of_version,
        version,
        max_reports,
    )


def chart_data(
    store: Store, params: ChartParams, *, max_reports: int = MAX_REPORTS, use_cache: bool = True
) -> ChartData:
    """Read the series and its reports at one dataset version (cached per version)."""
    version, created = resolve_version(store, params.as_of_version)
    key = _data_key(params, version, max_reports)
    if use_cache:
        with _cache_lock:
            hit = _cache.get(store, OrderedDict()).get(key)
        if hit is not None:
            return msgspec.structs.replace(hit, params=params)
    data = _read(store, params, version, created, max_reports)
    if use_cache:
        with _cache_lock:
            entries = _cache.setdefault(store, OrderedDict())
            entries[key] = data
            while len(entries) > _CACHE_SIZE:
                entries.popitem(last=False)
    return data


def _read(
    store: Store, params: ChartParams, version: int, created: datetime | None, max_reports: int
) -> ChartData:
    # "from" after "to" selects no day: an empty chart, not an error.
    empty_range = bool(params.date_from and params.date_to and params.date_from > params.date_to)
    try:
        s = series(
            store,
            metric=params.metric,
            place=params.place,
            interval=params.interval,
            group_class=params.group_class,
            date_from=params.date_from,
            date_to=None if empty_range else params.date_to,
            as_of_version=version,
            cumulative=params.cumulative,
        )
    except QueryError as exc:
        # A chart URL names its place: an unknown place is a chart that does not exist.
        if exc.parameter == "place":
            raise NotFound(exc.message, parameter="place", valid=exc.valid) from None
        raise
    if empty_range:
        s = msgspec.structs.replace(s, points=[], date_to=params.date_to)
    ids = list({fid for p in s.points for fid in p.figure_ids})
    reports: list[Report] = []
    related: list[Report] = []
    sources: list[Source] = []
    per_period = None
    if ids:
        if len(ids) > max_reports:
            per_period = max(1, max_reports // max(1, len(s.points)))
        rows = figure_rows(store, metric=s.metric, version=version, figure_ids=ids)
        reports, sources, related = _reports_and_sources(
            store,
            version,
            rows,
            interval=params.interval,
            summed=s.semantics == "sum_of_incidents",
            per_period=per_period,
        )
        if len(reports) == len(ids):
            per_period = None  # the cap dropped nothing
    return ChartData(
        params=params,
        metric=metrics.get(params.metric),
        series=s,
        reports=reports,
        sources=sources,
        version=version,
        version_created_at=created,
        place_name=s.place_name,
        pinned=params.as_of_version is not None,
        reports_total=len(ids),
        reports_per_period=per_period,
        related=related,
    )


def _reports_and_sources(
    store: Store, version: int, rows: pl.DataFrame, *, interval: str, summed: bool,
    per_period: int | None,
) -> tuple[list[Report], list[Source]]:
    # Ranked and counted on the series' own narrow rows (in memory at the current version); only
    # the kept reports and their articles are read wide. Registered Arrow tables carry the ids:
    # binding thousands of them as a list parameter costs seconds, a registered table microseconds.
    day = pl.col("flow_day" if summed else "stock_day")
    kept = _with_roles(rows, summed, interval).select("figure_id", "value", day.alias("day"), "role")
    if per_period is not None:
        kept = (
            kept.sort(["value", "figure_id"], descending=[True, False])
            .group_by(period_of(pl.col("day"), interval).alias("period"), maintain_order=True)
            .head(per_period)
        )
    used = rows.group_by("article_id", "article_revision").agg(pl.len().cast(pl.Int64).alias("figures"))
    with store.read() as cur:
        cur.register("chart_reports", kept.select("figure_id", "day", "role").to_arrow())
        cur.register("chart_sources", used.to_arrow())
        try:
            cur.execute(sqlfiles.load("charts/reports"), {"version": version})
            rows_out = _rows_as(cur, Report)
            reports = [r for r in rows_out if r.related_to is None]
            related = [r for r in rows_out if r.related_to is not None]
            cur.execute(sqlfiles.load("charts/sources"))
            sources = _rows_as(cur, Source)
        finally:
            cur.unregister("chart_reports")
            cur.unregister("chart_sources")
    return reports, sources, related


def _with_roles(rows: pl.DataFrame, summed: bool, interval: str) -> pl.DataFrame:
    """Each report's role in its point (ROLES): flows count one claim per incident, the lowest (the
    series' own rule; a series row's value is what the report counts: series_input), the rest are
    merged into it; a stock's point is its period's latest value (ties: the lowest), the rest are
    in its range."""
    ordered = rows.sort("value", "figure_id")
    if summed:
        first = pl.col("figure_id").first().over("incident")
        return ordered.with_columns(
            pl.when(pl.col("figure_id") == first).then(pl.lit("counted")).otherwise(pl.lit("merged")).alias("role"))
    period = period_of(pl.col("stock_day"), interval)
    on_last = pl.when(pl.col("stock_day") == pl.col("stock_day").max().over(period)).then(pl.col("figure_id"))
    latest = on_last.drop_nulls().first().over(period)
    return ordered.with_columns(
        pl.when(pl.col("figure_id") == latest).then(pl.lit("latest")).otherwise(pl.lit("in range")).alias("role"))


def _rows_as(cur: duckdb.DuckDBPyConnection, struct: type[_S]) -> list[_S]:
    # Positional construction is several times faster than keywords for thousands of rows; the
    # check keeps a reordered SQL file from silently shifting values into the wrong fields.
    cols = tuple(d[0] for d in cur.description)
    if cols != struct.__struct_fields__:
        raise RuntimeError(f"{struct.__name__}: the query returns {cols}, expected {struct.__struct_fields__}")
    return [struct(*r) for r in cur.fetchall()]


def clear_cache() -> None:
    """Forget every cached chart read (benchmarks use it to measure the read itself)."""
    with _cache_lock:
        _cache.clear()

"""What a chart shows: the series, the reports behind each point and their sources.

Everything is read at one dataset version (the current one unless the chart is pinned), so
the line, the report markers, the table and the source list always agree.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from datetime import date, datetime

import msgspec
import pyarrow as pa

from service import metrics
from service.charts.params import ChartParams
from service.query.errors import NotFound, QueryError
from service.query.series import Series, series
from service.store import sqlfiles
from service.store.db import Store


class Report(msgspec.Struct, kw_only=True):
    """One figure as a report: who published it, when, the number as written, the quote."""

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


class Source(msgspec.Struct, kw_only=True):
    """One article the chart's figures came from."""

    article_id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: date | None
    figures: int


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
    ids = sorted({fid for p in s.points for fid in p.figure_ids})
    reports: list[Report] = []
    sources: list[Source] = []
    per_period = None
    if ids:
        if len(ids) > max_reports:
            per_period = max(1, max_reports // max(1, len(s.points)))
        reports, sources = _reports_and_sources(
            store,
            version,
            ids,
            interval=params.interval,
            summed=s.semantics == "sum_of_incidents",
            per_period=per_period or len(ids),
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
    )


def _reports_and_sources(
    store: Store, version: int, ids: list[str], *, interval: str, summed: bool, per_period: int
) -> tuple[list[Report], list[Source]]:
    # The ids go in as a registered Arrow table: binding thousands of them as a list parameter
    # costs seconds, a registered table microseconds.
    wanted = pa.table({"figure_id": pa.array(ids, type=pa.string())})
    with store.read() as cur:
        cur.register("chart_figure_ids", wanted)
        try:
            cur.execute(
                sqlfiles.load("charts/reports"),
                {"version": version, "interval": interval, "summed": summed, "per_period": per_period},
            )
            cols = [d[0] for d in cur.description]
            reports = [Report(**dict(zip(cols, r))) for r in cur.fetchall()]
            if len(reports) == len(ids):
                # Every report is drawn: its articles are the sources; no second scan needed.
                sources = _sources_of(reports)
            else:
                cur.execute(sqlfiles.load("charts/sources"), {"version": version})
                cols = [d[0] for d in cur.description]
                sources = [Source(**dict(zip(cols, r))) for r in cur.fetchall()]
        finally:
            cur.unregister("chart_figure_ids")
    return reports, sources


def _sources_of(reports: list[Report]) -> list[Source]:
    """The articles behind these reports, newest first (the order of sql/charts/sources.sql)."""
    by_article: dict[str, Source] = {}
    for r in reports:
        src = by_article.get(r.article_id)
        if src is None:
            by_article[r.article_id] = Source(article_id=r.article_id, title=r.article_title,
                                              publisher=r.publisher, url=r.article_url,
                                              published=r.article_published, figures=1)
        else:
            src.figures += 1
    return sorted(by_article.values(), key=lambda s: (s.published is not None, s.published or date.min,
                                                      s.article_id), reverse=True)


def clear_cache() -> None:
    """Forget every cached chart read (benchmarks use it to measure the read itself)."""
    with _cache_lock:
        _cache.clear()

"""What a chart shows: the series, the reports behind each point and their sources.

Everything is read at one dataset version (the current one unless the chart is pinned), so
the line, the report markers, the table and the source list always agree.
"""
from __future__ import annotations

from datetime import date, datetime

import msgspec

from service import metrics
from service.charts.params import ChartParams
from service.query.errors import NotFound
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
    date: date | None           # the day the figure refers to (event, as-of, else publication)
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
        version, created, current = cur.execute(sqlfiles.load("charts/version"),
                                                {"version": as_of_version}).fetchone()
    if as_of_version is not None and (as_of_version < 1 or as_of_version > current):
        raise NotFound(f"dataset version {as_of_version} does not exist (the current version is {current})",
                       parameter="as_of_version", valid=f"1..{current}" if current else "none yet")
    return int(version), created


def chart_data(store: Store, params: ChartParams) -> ChartData:
    """Read the series and its reports at one dataset version."""
    version, created = resolve_version(store, params.as_of_version)
    s = series(store, metric=params.metric, place=params.place, interval=params.interval,
               group_class=params.group_class, date_from=params.date_from, date_to=params.date_to,
               as_of_version=version, cumulative=params.cumulative)
    ids = sorted({fid for p in s.points for fid in p.figure_ids})
    reports = _reports(store, version, ids, summed=s.semantics == "sum_of_incidents") if ids else []
    return ChartData(params=params, metric=metrics.get(params.metric), series=s, reports=reports,
                     sources=_sources(reports), version=version, version_created_at=created,
                     place_name=s.place_name, pinned=params.as_of_version is not None)


def _reports(store: Store, version: int, ids: list[str], *, summed: bool) -> list[Report]:
    with store.read() as cur:
        cur.execute(sqlfiles.load("charts/reports"), {"version": version, "ids": ids})
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    out = []
    for r in rows:
        as_of = r.pop("as_of")
        start, end = r.pop("event_date_start"), r.pop("event_date_end")
        # The same day the series used: flows at the event's start, stocks and running totals
        # at the day the count stood at (else publication).
        if summed:
            day = start or r["article_published"]
        else:
            day = as_of or end or r["article_published"]
        out.append(Report(date=day, **r))
    return out


def _sources(reports: list[Report]) -> list[Source]:
    by_article: dict[str, Source] = {}
    for r in reports:
        src = by_article.get(r.article_id)
        if src is None:
            by_article[r.article_id] = Source(article_id=r.article_id, title=r.article_title,
                                              publisher=r.publisher, url=r.article_url,
                                              published=r.article_published, figures=1)
        else:
            src.figures += 1
    return sorted(by_article.values(), key=lambda s: (s.published or date.min, s.article_id), reverse=True)

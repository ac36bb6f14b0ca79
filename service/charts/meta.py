"""What a chart says about itself: metadata, sources, citation text, and its data as a table.

`format=csv` is exactly the data the chart draws (one row per point, the low-high range, how
many reports and articles, and the figure ids behind it), so a reader can redraw or check it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import msgspec
import polars as pl

from service.charts.data import ChartData
from service.charts.figure import NOTE, subtitle_text, summed, title_text, x_title, y_title
from service.formats import LIST_SEPARATOR, hxl_map_for_metric

PRODUCT = "humstat"


class MetricInfo(msgspec.Struct, kw_only=True):
    name: str
    label: str
    definition: str
    hxl: str
    kind: str  # flow or stock (service.metrics)
    unit: str


class SourceInfo(msgspec.Struct, kw_only=True):
    article_id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: date | None
    figures: int  # how many of the chart's figures came from this article
    article_page: str  # humstat's page showing the figures at their exact spans


class ChartMetadata(msgspec.Struct, kw_only=True):
    """format=metadata: everything needed to cite, check and re-create the chart."""

    title: str
    subtitle: str
    metric: MetricInfo
    series_kind: str  # flow (sums of incidents) | stock | cumulative (running totals)
    chart_kind: str  # line or bar
    place: str | None
    place_name: str | None
    interval: str
    filters: dict[str, str]
    x_axis: str
    y_axis: str
    points: int
    reports: int
    articles: int
    publishers: list[str]
    sources: list[SourceInfo]
    note: str
    citation: str
    dataset_version: int
    dataset_version_created_at: datetime | None
    pinned: bool  # True: as_of_version was given; the answer never changes
    live_url: str
    pinned_url: str
    csv_url: str
    generated_at: datetime


def series_kind(data: ChartData) -> str:
    """flow, stock or cumulative."""
    if summed(data):
        return "flow"
    return "cumulative" if data.series.cumulative else "stock"


def chart_urls(data: ChartData, base_url: str) -> dict[str, str]:
    """Live and pinned embed URLs (HTML) plus the CSV of the same chart."""
    base = f"{base_url.rstrip('/')}/charts/{data.metric.name}"
    live = _unpinned(data)
    pinned = data.params.query(pinned_version=data.version)
    return {
        "live": base + (f"?{live}" if live else ""),
        "pinned": f"{base}?{pinned}",
        "csv": f"{base}?{data.params.query(pinned_version=data.version, format='csv')}",
    }


def _unpinned(data: ChartData) -> str:
    return msgspec.structs.replace(data.params, as_of_version=None).query()


def citation(data: ChartData, pinned_url: str, today: date | None = None) -> str:
    """Citation text in the form data portals use (OWID/HDX style), naming the dataset version."""
    when = data.version_created_at.date().isoformat() if data.version_created_at else "n.d."
    year = data.version_created_at.year if data.version_created_at else (today or date.today()).year
    pubs = data.publishers
    processed = f"processed from {len(data.sources)} news article{'s' if len(data.sources) != 1 else ''}"
    if pubs:
        processed += " by " + ", ".join(pubs[:5]) + (" and others" if len(pubs) > 5 else "")
    retrieved = (today or datetime.now(timezone.utc).date()).isoformat()
    return (
        f"{PRODUCT} ({year}), {processed}. “{title_text(data)}” [dataset], version {data.version} of "
        f"{when}. Retrieved {retrieved} from {pinned_url}. {NOTE}"
    )


def metadata(data: ChartData, base_url: str) -> ChartMetadata:
    """The metadata of the chart in `data`."""
    m = data.metric
    urls = chart_urls(data, base_url)
    p = data.params
    filters = {
        k: v
        for k, v in {
            "place": p.place,
            "group_class": p.group_class,
            "from": p.date_from and p.date_from.isoformat(),
            "to": p.date_to and p.date_to.isoformat(),
            "cumulative": None if p.cumulative is None else str(p.cumulative).lower(),
        }.items()
        if v
    }
    base = base_url.rstrip("/")
    return ChartMetadata(
        title=title_text(data),
        subtitle=subtitle_text(data),
        metric=MetricInfo(
            name=m.name, label=m.label, definition=m.definition, hxl=m.hxl, kind=m.kind, unit=m.unit
        ),
        series_kind=series_kind(data),
        chart_kind=p.chart_kind(summed(data)),
        place=data.series.place,
        place_name=data.place_name,
        interval=p.interval,
        filters=filters,
        x_axis=x_title(data),
        y_axis=y_title(data),
        points=len(data.series.points),
        reports=len(data.reports),
        articles=len(data.sources),
        publishers=data.publishers,
        sources=[
            SourceInfo(
                article_id=s.article_id,
                title=s.title,
                publisher=s.publisher,
                url=s.url,
                published=s.published,
                figures=s.figures,
                article_page=f"{base}/articles/{_quote(s.article_id)}",
            )
            for s in data.sources
        ],
        note=NOTE,
        citation=citation(data, urls["pinned"]),
        dataset_version=data.version,
        dataset_version_created_at=data.version_created_at,
        pinned=data.pinned,
        live_url=urls["live"],
        pinned_url=urls["pinned"],
        csv_url=urls["csv"],
        generated_at=datetime.now(timezone.utc).replace(microsecond=0),
    )


def _quote(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")


CSV_SCHEMA: dict[str, pl.DataType] = {
    "metric": pl.String,
    "place": pl.String,
    "interval": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "value": pl.Int64,
    "low": pl.Int64,
    "high": pl.Int64,
    "as_of": pl.Date,
    "n_reports": pl.Int64,
    "n_articles": pl.Int64,
    "series_kind": pl.String,
    "dataset_version": pl.Int64,
    "figure_ids": pl.String,
}



def csv_frame(data: ChartData) -> pl.DataFrame:
    """The points the chart draws, one row each (figure ids joined as every CSV joins a list)."""
    kind = series_kind(data)
    rows = [
        {
            "metric": data.metric.name,
            "place": data.series.place,
            "interval": data.params.interval,
            "period_start": pt.period_start,
            "period_end": pt.period_end,
            "value": pt.value,
            "low": pt.low,
            "high": pt.high,
            "as_of": pt.as_of,
            "n_reports": pt.n_reports,
            "n_articles": pt.n_articles,
            "series_kind": kind,
            "dataset_version": data.version,
            "figure_ids": LIST_SEPARATOR.join(pt.figure_ids),
        }
        for pt in data.series.points
    ]
    return pl.DataFrame(rows, schema=CSV_SCHEMA) if rows else pl.DataFrame(schema=CSV_SCHEMA)


def csv_hxl(data: ChartData) -> dict[str, str]:
    """Column -> HXL hashtag for the CSV's hashtag row: the tags of every other endpoint, the
    value, low and high with the metric's own hashtag."""
    return hxl_map_for_metric(data.metric.name)

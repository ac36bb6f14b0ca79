"""GET /api/v1/figures, /figures/{id}, /figures/{id}/reviews, POST /figures/{id}/review, GET /series.

Thin: parameters in, a query service call, a format out. The semantics live in service/query.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import msgspec
from litestar.di import NamedDependency
from litestar import Controller, Request, Response, get, post
from litestar.openapi.spec import Example
from litestar.params import JSONBody, PathParameter, QueryParameter

from service import metrics
from service.api.common import (
    strict_body_operation,
    FormatsOperation,
    GroupClass,
    Interval,
    MetricName,
    VersionedOperation,
    problem_responses,
    public_url_for,
    SELF_COMPRESSED,
    MEDIA_TYPES,
    AsOfVersionQ,
    CountryQ,
    DateFromQ,
    DateToQ,
    FormatQ,
    HxlQ,
    NextQ,
    MetricsQ,
    Payload,
    PlaceQ,
    ProblemError,
    PublishedFromQ,
    PublishedToQ,
    decode_cursor,
    encode_cursor,
    frame_body,
    frame_stream,
    hxl_map_for_metric,
    json_payload,
    negotiate_format,
    require_token,
    respond_versioned,
)
from service.api.schemas import FigureOut, FigurePage, ReviewIn, ReviewList, ReviewOut, ReviewResult, Series
from service.query import figures as q
from service.query import series as s
from service.query.errors import NotFound
from service.query.versions import resolve_place
from service.store import writes
from service.store.db import Store

SERIES_DOC = """\
A time series of one metric for one place (and, for flows, every unit below it).

""" + s.SEMANTICS + """
Every point carries `n_reports` (the figures behind it), `n_articles` and `n_incidents`, and the
ids of its figures in `figure_ids`, **up to `ids_per_point` of them** (default 100, at most
10,000; 0 = none): the first ones in id order. An answer's size follows its number of points, not
the number of figures behind them (a region's point at 5 million figures stands on up to ~400k).
Where a point has more figures than that, it says `figure_ids_truncated: true` and gives
`figures_url`: GET /api/v1/series/figures with this series' parameters, the point's
`period_start` and the answer's version, which pages through every figure of the point (all
n_reports of them, in id order, with provenance). `transform=diff` adds `change`, the difference
from the previous point.
"""

IDS_PER_POINT = 100      # /series: figure ids a point lists unless ids_per_point says otherwise
MAX_IDS_PER_POINT = 10_000


def _link_next(request: Request, cursor: str) -> str:
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "next"] + [("next", cursor)]
    return public_url_for(request, request.url.path, urlencode(items))


def _figure_out(row: dict[str, Any]) -> FigureOut:
    return msgspec.convert({k: v for k, v in row.items() if k != "sort_key"}, FigureOut, from_attributes=False)


class FiguresController(Controller):
    """Figures with provenance, their reviews, and time series."""

    path = "/api/v1"
    opt = {SELF_COMPRESSED: True}  # respond_versioned gzips (and caches the gzipped body)

    @get("/figures", operation_class=FormatsOperation, responses=problem_responses(400, 404, 406), sync_to_thread=True, tags=["figures"], summary="Figures, filtered, sorted and paged",
         description="Figures with provenance (article, character span, quote, who claimed it, extractor "
                     "version), with reviews applied and rejected figures left out. JSON pages hold up to "
                     "`limit` figures (default 1000, at most 10,000); follow `next` or the `Link: rel=\"next\"` "
                     "header, which pins the dataset version so paging is stable under writes. "
                     "`format=csv|ndjson|parquet` without `limit` streams every matching figure (never "
                     "truncated); with `limit` it pages like JSON (Link header). Synthetic (benchmark) "
                     "figures are left out unless `include_synthetic=true`.")
    def list_figures(
        self,
        request: Request,
        store: NamedDependency[Store],
        metric: MetricsQ = None,
        ids: Annotated[list[str] | None, QueryParameter(name="id", description="Only these figure ids (repeatable).")] = None,
        article_id: Annotated[str | None, QueryParameter(description="Only figures read from this article.")] = None,
        place: PlaceQ = None,
        country: CountryQ = None,
        date_from: DateFromQ = None,
        date_to: DateToQ = None,
        published_from: PublishedFromQ = None,
        published_to: PublishedToQ = None,
        group_class: Annotated[list[GroupClass] | None, QueryParameter(
            description="Who was affected (repeatable): civilians, children, state_forces, "
                        "non_state_armed_group, unknown.")] = None,
        perpetrator: Annotated[str | None, QueryParameter(description="Perpetrator contains this text (case-insensitive).",
                                                     max_length=200)] = None,
        claimed_by: Annotated[str | None, QueryParameter(description="Attribution contains this text (case-insensitive).",
                                                    max_length=200)] = None,
        cumulative: Annotated[bool | None, QueryParameter(description="true: only running totals; false: only "
                                                                 "per-incident/point-in-time figures.")] = None,
        vague: Annotated[bool | None, QueryParameter(description="true: only vague amounts (\"dozens\"); false: "
                                                            "only stated numbers.")] = None,
        min_confidence: Annotated[float | None, QueryParameter(description="Extraction confidence at least this (0..1).",
                                                          ge=0, le=1)] = None,
        review_status: Annotated[list[Literal["unreviewed", "confirmed", "corrected"]] | None, QueryParameter(
            description="unreviewed, confirmed or corrected (repeatable). Rejected figures are never served.")] = None,
        updated_since: Annotated[datetime | None, QueryParameter(
            description="Only figures added or reviewed since this time (ISO 8601 date-time; no zone = UTC).",
            examples=[Example(summary="since 1 May 2024", value="2024-05-01T00:00:00Z")])] = None,
        updated_after_version: Annotated[int | None, QueryParameter(
            description="Only figures added or reviewed after this dataset version (see /api/v1/health): "
                        "poll with the version you last saw.", ge=0, le=2**31 - 1,
            examples=[Example(summary="after dataset version 12", value=12)])] = None,
        include_synthetic: Annotated[bool, QueryParameter(
            description="Include synthetic benchmark figures (marked synthetic=true). Never real data.")] = False,
        sort: Annotated[Literal[q.SORTS] | None, QueryParameter(  # type: ignore[valid-type]
            description="Sort key, - for descending: " + ", ".join(q.SORTS) + ". Default -event_date; ties by "
                        "figure_id.")] = None,
        limit: Annotated[int | None, QueryParameter(description="Page size, 1..10000 (JSON default 1000).",
                                               ge=1, le=q.MAX_LIMIT)] = None,
        cursor: NextQ = None,
        as_of_version: AsOfVersionQ = None,
        fmt: FormatQ = None,
        hxl: HxlQ = False,
    ) -> Response[FigurePage]:
        chosen = negotiate_format(request, fmt)
        filters = q.FigureFilters(
            metric=metric, ids=ids, article_id=article_id, place=place, country=country, date_from=date_from,
            date_to=date_to, published_from=published_from, published_to=published_to, group_class=group_class,
            perpetrator=perpetrator, claimed_by=claimed_by, cumulative=cumulative, vague=vague,
            min_confidence=min_confidence, review_status=review_status, updated_since=updated_since,
            updated_after_version=updated_after_version,
            include_synthetic=include_synthetic)
        cursor_data = decode_cursor(cursor) if cursor else None
        pinned = int(cursor_data["v"]) if cursor_data and isinstance(cursor_data.get("v"), int) else as_of_version
        tags = hxl_map_for_metric(metric[0] if metric and len(metric) == 1 else None)

        def compute() -> Payload:
            if chosen != "json" and limit is None:
                # A whole-table export works while it streams: it holds a slot of the bounded
                # export lane (503 + Retry-After when full) until the stream ends or is closed.
                lane = request.app.state.lanes.export
                lane.acquire()
                try:
                    version, frames = q.figures_stream(store, filters, sort=sort, as_of_version=as_of_version,
                                                       cursor=cursor_data)
                    body = frame_stream(frames, chosen, hxl=hxl, hxl_map=tags,
                                        columns=list(FigureOut.__struct_fields__))
                except BaseException:
                    lane.release()
                    raise
                return Payload(lane.hold_stream(body), MEDIA_TYPES[chosen], version)
            df, version, nxt = q.figures_page(store, filters, sort=sort, limit=limit or 1000, cursor=cursor_data,
                                              as_of_version=as_of_version)
            token = encode_cursor(nxt) if nxt else None
            headers = {"Link": f'<{_link_next(request, token)}>; rel="next"', "X-Next-Cursor": token} if token else {}
            if chosen == "json":
                env = {"version": version, "count": df.height, "limit": limit or 1000, "next": token}
                return Payload(frame_body(df, "json", envelope=env), MEDIA_TYPES["json"], version, headers)
            return Payload(frame_body(df, chosen, hxl=hxl, hxl_map=tags), MEDIA_TYPES[chosen], version, headers)

        return respond_versioned(request, store, compute, fmt=chosen, as_of_version=pinned)

    @get("/figures/{figure_id:str}", operation_class=VersionedOperation, responses=problem_responses(400, 404), sync_to_thread=True, tags=["figures"], summary="One figure",
         description="A figure by its stable id, reviewed values applied. 404 problem when unknown, superseded "
                     "or rejected at that version.")
    def get_figure(self, request: Request, store: NamedDependency[Store], figure_id: Annotated[str, PathParameter(description="Stable figure id (figure_id).")],
                   as_of_version: AsOfVersionQ = None) -> Response[FigureOut]:
        def compute() -> Payload:
            row, version = q.figure(store, figure_id, as_of_version=as_of_version)
            return json_payload(_figure_out(row), version)

        return respond_versioned(request, store, compute, fmt="json", as_of_version=as_of_version)

    @get("/figures/{figure_id:str}/reviews", operation_class=VersionedOperation, responses=problem_responses(400, 404), sync_to_thread=True, tags=["reviews"], summary="A figure's audit trail",
         description="Every review of the figure, oldest first; the latest is in force.")
    def list_reviews(self, request: Request, store: NamedDependency[Store], figure_id: Annotated[str, PathParameter(description="Stable figure id (figure_id).")]) -> Response[ReviewList]:
        def compute() -> Payload:
            if not q.figure_exists(store, figure_id):
                raise ProblemError(404, "Not found", f"no figure {figure_id!r}", "figure_id",
                                   "a figure_id from GET /api/v1/figures")
            df, version = q.reviews(store, figure_id)
            data = [msgspec.convert(r, ReviewOut) for r in df.iter_rows(named=True)]
            return json_payload(ReviewList(figure_id=figure_id, version=version, data=data), version)

        return respond_versioned(request, store, compute, fmt="json")

    @post("/figures/{figure_id:str}/review", operation_class=strict_body_operation(ReviewIn), responses=problem_responses(400, 401, 403, 404, 422), sync_to_thread=True, tags=["reviews"], guards=[require_token],
          status_code=201, summary="Review a figure (token)",
          description="Confirm, reject or correct a figure (corrected value/low/high, metric, place code, event "
                      "dates) with a note. Needs `Authorization: Bearer <token>`; 403 when the service has no "
                      "token. Reviews are an audit trail attached to the stable figure id: they survive "
                      "re-extraction, every query and series uses the reviewed values, and rejected figures "
                      "are left out. Each review is one dataset version.")
    def review(self, request: Request, store: NamedDependency[Store], figure_id: Annotated[str, PathParameter(description="Stable figure id (figure_id).")], data: JSONBody[ReviewIn]) -> ReviewResult:
        # on a writer thread, below the readers' priority (service.api.writers); this one waits
        return request.app.state.writers.run(lambda: _review(store, figure_id, data))

    @get("/series", operation_class=FormatsOperation, responses=problem_responses(400, 404, 406), sync_to_thread=True, tags=["series"], summary="Time series of one metric and place",
         description=SERIES_DOC)
    def series(
        self,
        request: Request,
        store: NamedDependency[Store],
        metric: Annotated[MetricName, QueryParameter(description="Metric name (see /api/v1/metrics).", examples=[
            Example(summary="killed (a flow)", value="killed"), Example(summary="displaced (a stock)", value="displaced")])],
        place: PlaceQ = None,
        interval: Annotated[Interval, QueryParameter(description="day, week (ISO, from Monday), month, quarter or year.")] = "month",
        group_class: Annotated[GroupClass | None, QueryParameter(
            description="Only figures about this group: civilians, children, state_forces, "
                        "non_state_armed_group, unknown.")] = None,
        date_from: Annotated[date | None, QueryParameter(description="First day of the series (YYYY-MM-DD).")] = None,
        date_to: Annotated[date | None, QueryParameter(description="Last day of the series (YYYY-MM-DD).")] = None,
        cumulative: Annotated[bool | None, QueryParameter(
            description="Flow metrics: false/absent = per-incident figures, summed; true = running totals "
                        "(\"killed since the coup\"), latest value per period. Stock metrics: absent = every "
                        "figure; true/false = only (non-)cumulative ones.")] = None,
        transform: Annotated[Literal["diff"] | None, QueryParameter(
            description="diff: add `change`, the difference from the previous point (for running totals: "
                        "what was added between points; for flows: the change from the previous period).")] = None,
        include_synthetic: Annotated[bool, QueryParameter(
            description="Include synthetic benchmark figures. Never real data.")] = False,
        ids_per_point: Annotated[int, QueryParameter(
            description=f"Figure ids a point lists at most (the first in id order; 0: none; at most "
                        f"{MAX_IDS_PER_POINT:,}). A point with more says figure_ids_truncated and links "
                        f"figures_url, every figure of the point.", ge=0, le=MAX_IDS_PER_POINT)] = IDS_PER_POINT,
        as_of_version: AsOfVersionQ = None,
        fmt: FormatQ = None,
        hxl: HxlQ = False,
    ) -> Response[Series]:
        chosen = negotiate_format(request, fmt)

        def compute() -> Payload:
            result = s.series(store, metric=metric, place=place, interval=interval, group_class=group_class,
                              date_from=date_from, date_to=date_to, as_of_version=as_of_version,
                              transform=transform, cumulative=cumulative, include_synthetic=include_synthetic,
                              ids_per_point=ids_per_point)
            query = [(k, str(v).lower() if isinstance(v, bool) else str(v)) for k, v in (
                ("metric", metric), ("place", place), ("interval", interval), ("group_class", group_class),
                ("date_from", date_from), ("date_to", date_to), ("cumulative", cumulative),
                ("include_synthetic", include_synthetic or None), ("as_of_version", result.version)) if v is not None]
            # one prefix for every point, to which a point adds its ISO day as it is (digits and
            # hyphens, which urlencode leaves alone): a weekly series of a region over years links
            # ~200 points, ~1.7 ms when each built its own URL, ~0.4 ms with urlencode per point
            prefix = ""
            for p in result.points:
                if p.figure_ids_truncated:
                    prefix = prefix or public_url_for(request, "/api/v1/series/figures", urlencode(query)) + "&period_start="
                    p.figures_url = prefix + p.period_start.isoformat()
            if chosen == "json":
                return json_payload(result, result.version)
            import polars as pl

            rows = msgspec.to_builtins(result.points, builtin_types=(date,))
            schema = {"period_start": pl.Date, "period_end": pl.Date, "value": pl.Int64, "low": pl.Int64,
                      "high": pl.Int64, "n_reports": pl.Int64, "n_articles": pl.Int64,
                      "figure_ids": pl.List(pl.String), "change": pl.Int64, "as_of": pl.Date,
                      "figure_ids_truncated": pl.Boolean, "figures_url": pl.String}
            df = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
            df = df.with_columns(pl.lit(result.metric).alias("metric"), pl.lit(result.place).alias("place_code"))
            df = df.select("metric", "place_code", *schema)
            return Payload(frame_body(df, chosen, hxl=hxl, hxl_map=hxl_map_for_metric(result.metric)),
                           MEDIA_TYPES[chosen], result.version)

        return respond_versioned(request, store, compute, fmt=chosen, as_of_version=as_of_version)

    @get("/series/figures", operation_class=FormatsOperation, responses=problem_responses(400, 404, 406), sync_to_thread=True, tags=["series"], summary="Every figure behind one point of a series",
         description="The figures behind the point of GET /api/v1/series (same parameters) that starts on "
                     "`period_start`: exactly the claims counted there, all `n_reports` of them, in id order, "
                     "with provenance as GET /api/v1/figures gives them. A series point that lists only the "
                     "first `ids_per_point` ids links here (`figures_url`, pinned to the series' version). "
                     "Pages of up to `limit` figures (default 1000, at most 10,000); follow `next` or the "
                     "`Link: rel=\"next\"` header (the version stays pinned). No such point: an empty page.")
    def series_figures(
        self,
        request: Request,
        store: NamedDependency[Store],
        metric: Annotated[MetricName, QueryParameter(description="Metric name (see /api/v1/metrics).")],
        period_start: Annotated[date, QueryParameter(description="The point's period_start (YYYY-MM-DD), or any day of its period.")],
        place: PlaceQ = None,
        interval: Annotated[Interval, QueryParameter(description="day, week (ISO, from Monday), month, quarter or year.")] = "month",
        group_class: Annotated[GroupClass | None, QueryParameter(description="As for /series.")] = None,
        date_from: Annotated[date | None, QueryParameter(description="As for /series: the first day the series covers.")] = None,
        date_to: Annotated[date | None, QueryParameter(description="As for /series: the last day the series covers.")] = None,
        cumulative: Annotated[bool | None, QueryParameter(description="As for /series.")] = None,
        include_synthetic: Annotated[bool, QueryParameter(description="As for /series.")] = False,
        limit: Annotated[int | None, QueryParameter(description="Page size, 1..10000 (default 1000).",
                                               ge=1, le=q.MAX_LIMIT)] = None,
        cursor: NextQ = None,
        as_of_version: AsOfVersionQ = None,
        fmt: FormatQ = None,
        hxl: HxlQ = False,
    ) -> Response[FigurePage]:
        chosen = negotiate_format(request, fmt)
        size = limit or 1000
        point = dict(metric=metric, place=place, interval=interval, group_class=group_class, date_from=date_from,
                     date_to=date_to, cumulative=cumulative, include_synthetic=include_synthetic,
                     period_start=period_start)
        fingerprint = hashlib.blake2b(msgspec.json.encode(sorted(point.items())), digest_size=6).hexdigest()
        cursor_data = decode_cursor(cursor) if cursor else None
        if cursor_data is not None and (cursor_data.get("f") != fingerprint or not isinstance(cursor_data.get("v"), int)
                                        or not isinstance(cursor_data.get("i"), str)):
            raise ProblemError(404, "Not found", "this cursor belongs to a query with other parameters", "next",
                               "repeat the request that returned the cursor, changing only 'next'")
        pinned = int(cursor_data["v"]) if cursor_data else as_of_version

        def compute() -> Payload:
            version, ids = s.point_figure_ids(store, as_of_version=pinned, **point)
            start = bisect_right(ids, cursor_data["i"]) if cursor_data else 0
            page = ids[start:start + size]
            token = encode_cursor({"v": version, "i": page[-1], "f": fingerprint}) if start + size < len(ids) else None
            df = q.figures_by_id(store, page, version=version)
            headers = {"Link": f'<{_link_next(request, token)}>; rel="next"', "X-Next-Cursor": token} if token else {}
            tags = hxl_map_for_metric(metric)
            if chosen == "json":
                env = {"version": version, "count": df.height, "limit": size, "next": token}
                return Payload(frame_body(df, "json", envelope=env), MEDIA_TYPES["json"], version, headers)
            return Payload(frame_body(df, chosen, hxl=hxl, hxl_map=tags), MEDIA_TYPES[chosen], version, headers)

        return respond_versioned(request, store, compute, fmt=chosen, as_of_version=pinned)


# "More than N" is stored as value N with low N+1 (service/text/numbers.py: the number as said is
# the best value, the exclusive bound the lowest count it allows). A review of such a figure may
# keep that shape, so this is the one case where low may exceed value, and only by one.
EXCLUSIVE_LOW_QUALIFIERS: frozenset[str] = frozenset({"more than"})


def _figure_qualifier(store: Store, figure_id: str) -> str | None:
    """The qualifier of the figure as it stands (None when rejected: the strict rule applies)."""
    try:
        row, _ = q.figure(store, figure_id)
    except NotFound:
        return None
    qualifier = row.get("qualifier")
    return str(qualifier) if qualifier else None


def _review(store: Store, figure_id: str, data: ReviewIn) -> ReviewResult:
    """Record a review and answer with it and the figure at its version (POST .../review)."""
    if not q.figure_exists(store, figure_id):  # the figure first: a 404 says more than a body error
        raise ProblemError(404, "Not found", f"no figure {figure_id!r}", "figure_id",
                           "a figure_id from GET /api/v1/figures")
    _check_review(store, figure_id, data)
    # the review as stored and the figure at its version come back from its own write: neither
    # the trail nor the figure is read again after it (the figure's row also serves the series
    # update after the commit)
    rejected = data.action == "reject"
    version, row, found = writes.record_review_read(
        store, figure_id, data.action, metric=metrics.get(data.metric).name if data.metric else None,
        value=data.value, low=data.low, high=data.high, place_code=data.place_code,
        event_date_start=data.event_date_start, event_date_end=data.event_date_end, note=data.note,
        reviewer=data.reviewer,
        read_figure=None if rejected else (lambda cur, at: q.figure_row_at(cur, figure_id, at)))
    figure = None
    if not rejected:
        if found is None:
            raise q.figure_not_found(figure_id, version)
        figure = _figure_out(found)
    return ReviewResult(review=msgspec.convert(row, ReviewOut), version=version, figure=figure)


def _check_review(store: Store, figure_id: str, data: ReviewIn) -> None:
    """A review must make sense before it is recorded: 422 naming the field otherwise."""
    corrections = {k: getattr(data, k) for k in ("metric", "value", "low", "high", "place_code",
                                                  "event_date_start", "event_date_end")}
    given = {k: v for k, v in corrections.items() if v is not None}
    if data.action != "correct" and given:
        raise ProblemError(422, "Invalid review", f"only action 'correct' takes corrected fields ({', '.join(given)})",
                           next(iter(given)), "omit it, or use action 'correct'")
    if data.action == "correct" and not given:
        raise ProblemError(422, "Invalid review", "a correction must set at least one field", "action",
                           "metric, value, low, high, place_code, event_date_start or event_date_end")
    if data.metric is not None:
        try:
            metrics.get(data.metric)
        except KeyError:
            raise ProblemError(422, "Invalid review", f"unknown metric {data.metric!r}", "metric",
                               ", ".join(metrics.NAMES)) from None
    if (data.low is not None or data.high is not None) and data.value is None:
        raise ProblemError(422, "Invalid review", "low/high need a corrected value too", "value",
                           "the corrected best value with its bounds")
    if data.value is not None:
        if data.low is not None and data.low > data.value:
            qualifier = _figure_qualifier(store, figure_id)
            exclusive = qualifier in EXCLUSIVE_LOW_QUALIFIERS
            if not (exclusive and data.low == data.value + 1):
                valid = (f"at most {data.value}, or exactly {data.value + 1} (\"{qualifier} {data.value}\" "
                         f"is stored as value {data.value}, low {data.value + 1})" if exclusive
                         else f"at most {data.value}")
                raise ProblemError(422, "Invalid review", "low is above value", "low", valid)
        if data.high is not None and data.high < data.value:
            raise ProblemError(422, "Invalid review", "high is below value", "high", f"at least {data.value}")
    if data.event_date_start and data.event_date_end and data.event_date_end < data.event_date_start:
        raise ProblemError(422, "Invalid review", "event_date_end is before event_date_start", "event_date_end",
                           f"on or after {data.event_date_start}")
    if data.event_date_end is not None and data.event_date_start is None:
        raise ProblemError(422, "Invalid review", "a corrected end date needs the start date too",
                           "event_date_start", "the corrected first day of the event")
    if data.place_code is not None:
        with store.read() as cur:
            try:
                resolve_place(cur, data.place_code, "place_code")
            except Exception as exc:
                raise ProblemError(422, "Invalid review", f"unknown place code {data.place_code!r}", "place_code",
                                   "a code from GET /api/v1/places?q=<name>") from exc


CONTROLLERS: list[type[Controller]] = [FiguresController]

"""Chart endpoints: GET /charts/{metric} (and /api/v1/charts/{metric}) in six forms.

format=html (default for browsers): a self-contained page for an <iframe>; json: the Plotly
figure; png/svg: images from the kaleido renderer kept alive; csv: exactly the points drawn;
metadata: title, definitions, sources, citation, dataset version. The endpoint is thin: the
chart is built by service.charts, the page by service.web, caching/ETags/problems come from
service.api.common.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi.spec import OpenAPIFormat, OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.params import PathParameter, QueryParameter

from service.api.common import (
    HxlQ,
    Payload,
    PlaceQ,
    ProblemError,
    accept_media,
    document_bounds,
    frame_body,
    problem_responses,
    public_base,
    respond_versioned,
)
from service.charts import render
from service.config import Settings
from service.charts.data import ChartData, chart_data
from service.charts.figure import build_figure
from service.charts.meta import csv_frame, csv_hxl, metadata
from service.charts.params import (
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    FORMATS,
    MAX_SIZE,
    MIN_SIZE,
    ChartParams,
    make_params,
    one_of,
)
from service.query.errors import QueryError
from service.store.db import Store
from service.web import pages

def frame_ancestors() -> str:
    """Who may frame chart pages (CSP frame-ancestors): anyone by default, since charts are made
    for embedding; HUMSTAT_FRAME_ANCESTORS (e.g. "'self' https://reliefweb.int") restricts it."""
    return Settings().frame_ancestors


def page_csp(ancestors: str) -> str:
    """CSP for our HTML: scripts only from this server (no inline script), styles inline for
    plotly.js, no plugins, forms post back here."""
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {ancestors}"
    )


def html_headers(ancestors: str) -> dict[str, str]:
    """Security headers for HTML pages (no X-Frame-Options: CSP frame-ancestors decides)."""
    return {
        "Content-Security-Policy": page_csp(ancestors),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


_ACCEPT = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
    "image/png": "png",
    "image/svg+xml": "svg",
    "text/csv": "csv",
}


def chart_format(request: Request, fmt: str | None) -> str:
    """format= wins; else the best Accept match; else html (chart URLs are made for browsers)."""
    if fmt is not None:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise ProblemError(
                400, "Invalid parameter", f"unknown format {fmt!r}", "format", ", ".join(FORMATS)
            )
        return fmt
    ranked = [(q, -i, _ACCEPT[media]) for media, q, i in accept_media(request.headers.get("accept"))
              if media in _ACCEPT and q > 0]
    return max(ranked)[2] if ranked else "html"


def _filename(data: ChartData, ext: str) -> str:
    place = data.series.place or "all"
    return f"humstat-{data.metric.name}-{place}-{data.params.interval}-v{data.version}.{ext}"


def chart_links(data: ChartData, base: str) -> dict[str, str]:
    """Download links of the chart's other forms, pinned to its dataset version."""
    p = data.params
    path = f"{base}/charts/{data.metric.name}"
    pin = data.version
    return {
        "PNG": f"{path}?{p.query(pinned_version=pin, format='png')}",
        "SVG": f"{path}?{p.query(pinned_version=pin, format='svg')}",
        "CSV (data shown)": f"{path}?{p.query(pinned_version=pin, format='csv')}",
        "Plotly JSON": f"{path}?{p.query(pinned_version=pin, format='json')}",
        "Metadata (JSON)": f"{path}?{p.query(pinned_version=pin, format='metadata')}",
    }


def chart_payload(
    store: Store, params: ChartParams, fmt: str, base_url: str, *, hxl: bool = False
) -> Payload:
    """The chart in one format (what the endpoint returns, minus caching headers)."""
    data = chart_data(store, params)
    version = data.version
    if fmt == "csv":
        body = frame_body(csv_frame(data), "csv", hxl=hxl, hxl_map=csv_hxl(data))
        return Payload(
            body, "text/csv", version, {"Content-Disposition": f'inline; filename="{_filename(data, "csv")}"'}
        )
    if fmt == "metadata":
        return Payload(msgspec.json.encode(metadata(data, base_url)), "application/json", version)
    figure = build_figure(data)
    if fmt == "json":
        return Payload(msgspec.json.encode(figure), "application/json", version)
    if fmt in render.FORMATS:
        width = params.width or DEFAULT_WIDTH
        height = params.height or DEFAULT_HEIGHT
        try:
            image = render.renderer().render(figure, fmt, width, height)
        except render.RendererUnavailable as exc:
            raise ProblemError(
                503, "Image renderer unavailable", str(exc), headers={"Retry-After": "30"}
            ) from None
        return Payload(
            image,
            render.FORMATS[fmt],
            version,
            {"Content-Disposition": f'inline; filename="{_filename(data, fmt)}"'},
        )
    # html
    page = pages.chart_page(data, figure, metadata(data, base_url), links=chart_links(data, base_url))
    return Payload(page.encode(), "text/html", version, html_headers(frame_ancestors()))


def base_url(request: Request) -> str:
    """The base of absolute embed links: HUMSTAT_PUBLIC_URL, else the request's (see public_base)."""
    return public_base(request)


# Dates arrive as text and are parsed here, so a bad one is a problem naming "from"/"to" (the
# names the client used) and an empty one (from a form) means "not set".
FromQ = Annotated[
    str | None,
    QueryParameter(
        name="from",
        max_length=10,
        schema_extra={"format": "date"},
        description="Alias of date_from.",
        include_in_schema=False,  # one documented name; two would let a client send both
    ),
]
ToQ = Annotated[
    str | None,
    QueryParameter(
        name="to",
        max_length=10,
        schema_extra={"format": "date"},
        description="Alias of date_to.",
        include_in_schema=False,
    ),
]


# date_from/date_to, the names every endpoint documents; from/to above are kept as aliases.
DateFromTextQ = Annotated[
    str | None,
    QueryParameter(name="date_from", max_length=10, schema_extra={"format": "date"},
                   description="Event (flows) or as-of (stocks) date on or after this day (YYYY-MM-DD)."),
]
DateToTextQ = Annotated[
    str | None,
    QueryParameter(name="date_to", max_length=10, schema_extra={"format": "date"},
                   description="Event (flows) or as-of (stocks) date on or before this day (YYYY-MM-DD)."),
]


def parse_date(parameter: str, value: str | None) -> date | None:
    """A YYYY-MM-DD query value (None when absent or empty); QueryError names the parameter."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(parameter, f"{value!r} is not a date", "a date YYYY-MM-DD") from None


# Closed sets are Literal types, so the schema lists the valid values and Litestar rejects others.
IntervalChartQ = Annotated[
    Literal["day", "week", "month", "quarter", "year"],
    QueryParameter(description="Period of each point."),
]
ChartGroupClassQ = Annotated[
    Literal["civilians", "children", "state_forces", "non_state_armed_group", "unknown"] | None,
    QueryParameter(description="Only figures about this group."),
]
KindQ = Annotated[
    Literal["line", "bar"] | None,
    QueryParameter(description="Default: bar for flows (a count per period), line for stocks and running totals."),
]
CumulativeQ = Annotated[
    bool | None,
    QueryParameter(
        description='Flow metrics: true charts running totals as reported ("killed since the coup") '
        "instead of incidents."
    ),
]
SizeQ = Annotated[
    int | None,
    QueryParameter(
        ge=MIN_SIZE,
        le=MAX_SIZE,
        description="Pixels. Images default to 900x500; HTML and JSON are responsive unless given.",
    ),
]
ThemeQ = Annotated[Literal["light", "dark"] | None, QueryParameter(description="Colours; default light.")]
ChartFormatQ = Annotated[
    Literal["html", "json", "png", "svg", "csv", "metadata"] | None,
    QueryParameter(
        description="html (page for an <iframe>), json (Plotly figure), png, svg, csv (the data drawn) "
        "or metadata. Default: from the Accept header, else html."
    ),
]
# Dataset versions start at 1 (0 would be an empty database, not a version anyone can pin).
ChartAsOfVersionQ = Annotated[
    int | None,
    QueryParameter(ge=1, description="Pin the chart to this dataset version: the data as it stood then, forever."),
]


# The OpenAPI answer of a chart: one 200 with every form's media type (Litestar documents one
# per status code, so the operation is completed here), plus the problems it can answer with.
CHART_CONTENT: dict[str, Schema] = {
    "text/html": Schema(type=OpenAPIType.STRING, description="format=html: the embeddable page"),
    "application/json": Schema(
        type=OpenAPIType.OBJECT,
        description="format=json: the Plotly figure "
        "(data, layout); format=metadata: title, sources, citation, version",
    ),
    "image/png": Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY, description="format=png"),
    "image/svg+xml": Schema(type=OpenAPIType.STRING, description="format=svg"),
    "text/csv": Schema(type=OpenAPIType.STRING, description="format=csv: the points drawn"),
}


@dataclass
class ChartOperation(Operation):
    """The generated operation, with the 200 answer listing every chart form."""

    def __post_init__(self) -> None:
        if self.responses is not None:
            ok = self.responses.get("200")
            description = ok.description if isinstance(ok, OpenAPIResponse) else "The chart"
            self.responses["200"] = OpenAPIResponse(
                description=description or "The chart",
                content={media: OpenAPIMediaType(schema=schema) for media, schema in CHART_CONTENT.items()},
            )
            self.responses["304"] = OpenAPIResponse(
                description="Not modified (If-None-Match matched the ETag)"
            )
        document_bounds(self)


class ChartsController(Controller):
    """One chart, many forms."""

    path = "/charts"
    tags = ["charts"]

    @get(
        "/{metric:str}",
        sync_to_thread=True,
        operation_class=ChartOperation,
        responses=problem_responses(400, 404, 503),
        summary="A chart of one metric: html, json, png, svg, csv, metadata",
    )
    def chart(
        self,
        request: Request,
        store: NamedDependency[Store],
        metric: Annotated[str, PathParameter(description="Metric name (GET /api/v1/metrics).")],
        place: PlaceQ = None,
        interval: IntervalChartQ = "month",
        group_class: ChartGroupClassQ = None,
        date_from: DateFromTextQ = None,
        date_to: DateToTextQ = None,
        from_: FromQ = None,
        to: ToQ = None,
        kind: KindQ = None,
        cumulative: CumulativeQ = None,
        as_of_version: ChartAsOfVersionQ = None,
        width: SizeQ = None,
        height: SizeQ = None,
        theme: ThemeQ = None,
        format: ChartFormatQ = None,  # noqa: A002 - the query parameter's own name, so problems name it
        hxl: HxlQ = False,
    ) -> Response:
        chosen = chart_format(request, format)
        params = make_params(
            metric,
            place=place,
            interval=interval,
            group_class=group_class,
            date_from=parse_date(*one_of(("date_from", date_from), ("from", from_))),
            date_to=parse_date(*one_of(("date_to", date_to), ("to", to))),
            kind=kind,
            cumulative=cumulative,
            as_of_version=as_of_version,
            width=width,
            height=height,
            theme=theme,
        )
        base = base_url(request)

        def compute() -> Payload:
            if chosen not in render.FORMATS:
                return chart_payload(store, params, chosen, base, hxl=hxl)
            # PNG/SVG renders queue in their own bounded lane (503 + Retry-After when full); a
            # cached image never enters it
            with request.app.state.lanes.render.slot():
                return chart_payload(store, params, chosen, base, hxl=hxl)

        response = respond_versioned(
            request,
            store,
            compute,
            fmt=chosen,
            as_of_version=as_of_version,
        )
        response.headers["Vary"] = "Accept"
        return response


class ApiChartsController(ChartsController):
    """The same charts under the versioned API prefix."""

    path = "/api/v1/charts"


CONTROLLERS: list[type[Controller]] = [ChartsController, ApiChartsController]

__all__ = ["CONTROLLERS", "chart_links", "chart_payload", "html_headers", "parse_date"]

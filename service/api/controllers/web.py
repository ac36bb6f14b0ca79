"""The web pages: / (pick a metric and place, see the chart and the figures behind it),
/articles/{id} (an article with its figures highlighted at their exact spans) and /static/*
(plotly.js and our CSS/JS, served by humstat itself, cacheable forever)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter

from service.api.common import Payload, ProblemError, respond_versioned
from service.api.controllers.charts import base_url, chart_links, html_headers, parse_date
from service.charts.data import chart_data
from service.charts.figure import build_figure
from service.charts.meta import metadata
from service.charts.params import make_params, one_of
from service.query.errors import NotFound
from service.store import sqlfiles
from service.store.db import Store
from service.web import assets, pages

DEFAULT_METRIC = "killed"

# Form fields arrive empty when not chosen ("place="), so the page takes text and parses it.
TextQ = Annotated[str | None, QueryParameter(description="Empty means not set.", max_length=64)]
DateFromFormQ = Annotated[
    str | None, QueryParameter(name="date_from", description="YYYY-MM-DD; empty means not set.", max_length=10)
]
DateToFormQ = Annotated[
    str | None, QueryParameter(name="date_to", description="YYYY-MM-DD; empty means not set.", max_length=10)
]
FromTextQ = Annotated[
    str | None, QueryParameter(name="from", description="YYYY-MM-DD; empty means not set.", max_length=10,
                                     include_in_schema=False)
]
ToTextQ = Annotated[
    str | None, QueryParameter(name="to", description="YYYY-MM-DD; empty means not set.", max_length=10,
                                   include_in_schema=False)
]


def _rows(store: Store, name: str, params: dict[str, object]) -> list[dict[str, object]]:
    with store.read() as cur:
        cur.execute(sqlfiles.load(name), params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


def home_payload(
    store: Store,
    request: Request,
    *,
    metric: str,
    place: str | None,
    interval: str | None,
    group_class: str | None,
    date_from: date | None,
    date_to: date | None,
) -> Payload:
    """The home page for one selection."""
    params = make_params(
        metric, place=place, interval=interval, group_class=group_class, date_from=date_from, date_to=date_to
    )
    data = chart_data(store, params)
    base = base_url(request)
    places = [
        pages.PlaceOption(
            code=str(r["code"]), name=str(r["name"]), level=str(r["level"]), figures=int(r["figures"])
        )  # type: ignore[arg-type]
        for r in _rows(store, "web/places_with_figures", {"metric": params.metric})
    ]
    counts = {k: int(v) for k, v in _rows(store, "web/summary", {"metric": params.metric})[0].items()}  # type: ignore[arg-type]
    links = chart_links(data, base)
    embed = f"{base}/charts/{params.metric}"
    live_query = params.query()
    links = {"Open as embeddable chart": embed + (f"?{live_query}" if live_query else ""), **links}
    page = pages.home_page(
        data, build_figure(data), metadata(data, base), places=places, counts=counts, chart_links=links
    )
    return Payload(page.encode(), "text/html", data.version, html_headers("'self'"))


def article_payload(store: Store, article_id: str) -> Payload:
    """The page of one article (current revision) with its figures at their spans."""
    found = _rows(store, "web/article", {"article_id": article_id})
    if not found:
        raise NotFound(f"no article with id {article_id!r}", parameter="article_id")
    article = found[0]
    figures = _rows(store, "web/article_figures", {"article_id": article_id, "revision": article["revision"]})
    page = pages.article_page(article, figures)
    return Payload(page.encode(), "text/html", store.version(), html_headers("'self'"))


class WebController(Controller):
    """Server-rendered pages."""

    path = "/"
    tags = ["web"]
    include_in_schema = False

    @get("/", sync_to_thread=True, summary="Browse figures: chart and table for a metric and place")
    def home(
        self,
        request: Request,
        store: NamedDependency[Store],
        metric: TextQ = None,
        place: TextQ = None,
        interval: TextQ = None,
        group_class: TextQ = None,
        date_from: DateFromFormQ = None,
        date_to: DateToFormQ = None,
        from_: FromTextQ = None,
        to: ToTextQ = None,
    ) -> Response:
        def compute() -> Payload:
            return home_payload(
                store,
                request,
                metric=metric or DEFAULT_METRIC,
                place=place or None,
                interval=interval or None,
                group_class=group_class or None,
                date_from=parse_date(*one_of(("date_from", date_from), ("from", from_))),
                date_to=parse_date(*one_of(("date_to", date_to), ("to", to))),
            )

        return respond_versioned(request, store, compute, fmt="html")

    @get("/articles/{article_id:str}", sync_to_thread=True, summary="An article with its figures highlighted")
    def article(self, request: Request, store: NamedDependency[Store],
                article_id: Annotated[str, PathParameter(description="Article id.")]) -> Response:
        return respond_versioned(request, store, lambda: article_payload(store, article_id), fmt="html")

    @get("/static/{name:str}", sync_to_thread=False, summary="Static assets (plotly.js, CSS, JS)")
    def static(
        self,
        name: Annotated[str, PathParameter(description="File name of the asset.")],
        h: Annotated[
            str | None,
            QueryParameter(description="Content hash that busts caches when the file changes; ignored."),
        ] = None,
    ) -> Response:
        found = assets.get(name)
        if found is None:
            raise ProblemError(404, "Not found", f"no static file {name!r}")
        body, media_type = found
        return Response(
            content=body,
            media_type=media_type,
            headers={
                "Cache-Control": "public, max-age=31536000, immutable",
                "X-Content-Type-Options": "nosniff",
            },
        )


CONTROLLERS: list[type[Controller]] = [WebController]

"""GET /api/v1/health, /metrics, /places, /places/{code}: service state and reference data."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from litestar.di import NamedDependency
from litestar import Controller, Request, Response, get
from litestar.datastructures import CacheControlHeader
from litestar.openapi.spec import Example
from litestar.params import PathParameter, QueryParameter

from service import metrics
from service.api.common import (
    FormatsOperation,
    VersionedOperation,
    problem_responses,
    SELF_COMPRESSED,
    CountryQ,
    FormatQ,
    HxlQ,
    frame_body,
    json_payload,
    MEDIA_TYPES,
    negotiate_format,
    Payload,
    respond_versioned,
)
from service.api.schemas import Counts, Health, MetricList, MetricOut, PlaceList, PlaceOut
from service.config import Settings
from service.formats import METRICS_HXL
from service.places import search as places_search
from service.query import figures as q
from service.query.versions import resolve_place
from service.store.db import Store, snapshot_path

PROBLEMS = "Errors are RFC 9457 problem details (application/problem+json)."


class MetaController(Controller):
    """Health and reference data."""

    path = "/api/v1"
    opt = {SELF_COMPRESSED: True}  # respond_versioned gzips (and caches the gzipped body)
    tags = ["service"]

    # On the event loop, not the thread pool: the answer is cached per dataset version (a dict
    # lookup), and health must answer however many slow requests hold threads.
    @get("/health", sync_to_thread=False, cache_control=CacheControlHeader(no_store=True), summary="Service health, dataset version and counts",
         description="The current dataset version (every write makes one; use it with as_of_version), "
                     "when the data last changed, counts of current articles, figures and reviews, and "
                     "the extractor versions behind the figures. Not cached.")
    def health(self, request: Request, store: NamedDependency[Store], settings: NamedDependency[Settings]) -> Health:
        info = q.health(store)
        snap = snapshot_path(store.path) if str(store.path) != ":memory:" else None
        publisher = request.app.state.get("snapshots")
        return Health(
            status="ok", version=info["version"], updated_at=info["updated_at"],
            counts=Counts(articles=int(info["articles"]), figures=int(info["figures"]), reviews=int(info["reviews"]),
                          synthetic_figures=int(info["synthetic_figures"])),
            extractor_versions=list(info["extractor_versions"] or []),
            writes_enabled=bool(settings.token),
            # the file name only: paths on the server are not the clients' business
            snapshot=snap.name if snap is not None and snap.exists() else None,
            snapshot_version=getattr(publisher, "published_version", None),
        )

    @get("/metrics", operation_class=FormatsOperation, responses=problem_responses(400, 404, 406), sync_to_thread=True, summary="The metric registry",
         description="Every metric humstat extracts: its definition, HXL hashtag, and whether it is a flow "
                     "(counted per incident, summed per period) or a stock (a head-count at a date, never summed). "
                     "JSON: `{version, count, data}`, the envelope of every list endpoint. " + PROBLEMS)
    def metrics(self, request: Request, store: NamedDependency[Store], fmt: FormatQ = None,
                hxl: HxlQ = False) -> Response[MetricList]:
        chosen = negotiate_format(request, fmt)

        def compute() -> Payload:
            import polars as pl

            rows = [MetricOut(name=m.name, label=m.label, definition=m.definition, hxl=m.hxl, kind=m.kind,
                              unit=m.unit) for m in metrics.METRICS]
            version = store.version()
            if chosen == "json":
                return json_payload(MetricList(version=version, count=len(rows), data=rows), version)
            df = pl.DataFrame(msgspec.to_builtins(rows))
            return Payload(frame_body(df, chosen, hxl=hxl, hxl_map=METRICS_HXL), MEDIA_TYPES[chosen], version)

        return respond_versioned(request, store, compute, fmt=chosen)

    @get("/places", operation_class=FormatsOperation, responses=problem_responses(400, 404, 406), sync_to_thread=True, summary="Search the gazetteer",
         description="Places by code, name or alias (exact matches first, then prefixes, then substrings; "
                     "shallower units first), with their parent, path (ancestor codes: a place filter "
                     "selects the place and everything below it) and coordinates. Within each of those, places "
                     "in the countries the corpus is about (most current figures) come first. JSON: `{version, "
                     "count, limit, data}`, the envelope of every list endpoint. " + PROBLEMS)
    def places(
        self,
        request: Request,
        store: NamedDependency[Store],
        search: Annotated[str | None, QueryParameter(name="q", description="Code, name or alias (case-insensitive).",
                                                 max_length=200, examples=[Example(value="Sagaing")])] = None,
        level: Annotated[Literal["country", "admin1", "district", "township", "town"] | None,
                         QueryParameter(description="country, admin1, district, township or town.")] = None,
        country: CountryQ = None,
        parent: Annotated[str | None, QueryParameter(description="Only the units directly below this place code.")] = None,
        limit: Annotated[int, QueryParameter(description="Most places to return (1..1000).", ge=1, le=1000)] = 50,
        fmt: FormatQ = None,
        hxl: HxlQ = False,
    ) -> Response[PlaceList]:
        chosen = negotiate_format(request, fmt)

        def compute() -> Payload:
            df = places_search.search(store, q=search, level=level, country=country, parent=parent, limit=limit)
            version = store.version()
            if chosen == "json":
                envelope = {"version": version, "count": df.height, "limit": limit}
                return Payload(frame_body(df, "json", envelope=envelope), MEDIA_TYPES["json"], version)
            return Payload(frame_body(df, chosen, hxl=hxl), MEDIA_TYPES[chosen], version)

        return respond_versioned(request, store, compute, fmt=chosen)

    @get("/places/{code:str}", operation_class=VersionedOperation, responses=problem_responses(400, 404), sync_to_thread=True, summary="One place",
         description="A place by code (p-code, ISO 3166-2 such as MM-01, or ISO 3166-1), with its parent's "
                     "name. 404 problem when unknown.")
    def place(self, request: Request, store: NamedDependency[Store], code: Annotated[str, PathParameter(description="Place code.")]) -> Response[PlaceOut]:
        def compute() -> Payload:
            with store.read() as cur:  # ISO 3166-2 (MM-01) finds the unit stored under its p-code
                found = resolve_place(cur, code, "code")
            return json_payload(q.place(store, str(found["code"]) if found else code), store.version())

        return respond_versioned(request, store, compute, fmt="json")
CONTROLLERS: list[type[Controller]] = [MetaController]

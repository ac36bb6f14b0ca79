"""GET /api/v1/articles, /articles/{id}; POST /api/v1/articles (token): ingest one article."""
from __future__ import annotations

from typing import Annotated

import msgspec
from litestar.di import NamedDependency
from litestar import Controller, Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, PathParameter, QueryParameter

from service.api.common import (
    strict_body_operation,
    FormatsOperation,
    VersionedOperation,
    problem_responses,
    SELF_COMPRESSED,
    MEDIA_TYPES,
    AsOfVersionQ,
    FormatQ,
    HxlQ,
    NextQ,
    Payload,
    PlaceQ,
    ProblemError,
    PublishedFromQ,
    PublishedToQ,
    decode_cursor,
    encode_cursor,
    frame_body,
    json_payload,
    negotiate_format,
    require_token,
    respond_versioned,
)
from service.api.controllers.figures import _figure_out, _link_next
from service.api.schemas import ArticleIn, ArticleOut, ArticlePage, IngestResult
from service.articles.model import Article, ReadError
from service.articles.readers import article_from_record
from service.config import Settings
from service.query import figures as q
from service.store.db import Store


class ArticlesController(Controller):
    """Articles: list, one with its figures, ingest."""

    path = "/api/v1/articles"
    opt = {SELF_COMPRESSED: True}  # respond_versioned gzips (and caches the gzipped body)
    tags = ["articles"]

    @get("/", operation_class=FormatsOperation, responses=problem_responses(400, 404, 406), sync_to_thread=True, summary="Articles, newest first",
         description="Current articles (without text) with their figure counts. Filters: source (exact, "
                     "case-insensitive), publication dates, place (articles with a figure at that place or below "
                     "it), `q` (text search in title and text, case-insensitive). Keyset-paginated: follow `next` "
                     "or the Link header.")
    def list_articles(
        self,
        request: Request,
        store: NamedDependency[Store],
        source: Annotated[str | None, QueryParameter(description="Publisher as given, e.g. The Irrawaddy.",
                                                max_length=200)] = None,
        published_from: PublishedFromQ = None,
        published_to: PublishedToQ = None,
        place: PlaceQ = None,
        search: Annotated[str | None, QueryParameter(name="q", description="Words to find in the title or text.",
                                                 min_length=1, max_length=200)] = None,
        include_synthetic: Annotated[bool, QueryParameter(description="Include synthetic benchmark articles.")] = False,
        limit: Annotated[int, QueryParameter(description="Page size, 1..10000.", ge=1, le=q.MAX_LIMIT)] = 100,
        cursor: NextQ = None,
        as_of_version: AsOfVersionQ = None,
        fmt: FormatQ = None,
        hxl: HxlQ = False,
    ) -> Response[ArticlePage]:
        chosen = negotiate_format(request, fmt)
        filters = q.ArticleFilters(source=source, published_from=published_from, published_to=published_to,
                                   place=place, q=search, include_synthetic=include_synthetic)
        cursor_data = decode_cursor(cursor) if cursor else None
        pinned = int(cursor_data["v"]) if cursor_data and isinstance(cursor_data.get("v"), int) else as_of_version

        def compute() -> Payload:
            df, version, nxt = q.articles_page(store, filters, limit=limit, cursor=cursor_data,
                                               as_of_version=as_of_version)
            token = encode_cursor(nxt) if nxt else None
            headers = {"Link": f'<{_link_next(request, token)}>; rel="next"', "X-Next-Cursor": token} if token else {}
            if chosen == "json":
                env = {"version": version, "count": df.height, "limit": limit, "next": token}
                return Payload(frame_body(df, "json", envelope=env), MEDIA_TYPES["json"], version, headers)
            return Payload(frame_body(df, chosen, hxl=hxl), MEDIA_TYPES[chosen], version, headers)

        return respond_versioned(request, store, compute, fmt=chosen, as_of_version=pinned)

    @get("/{article_id:str}", operation_class=VersionedOperation, responses=problem_responses(400, 404), sync_to_thread=True, summary="One article with its figures",
         description="The article's text and metadata and its figures; each figure's `char_start`/`char_end` "
                     "index `text` (text[char_start:char_end] is the quote). 404 problem when unknown.")
    def get_article(self, request: Request, store: NamedDependency[Store], article_id: Annotated[str, PathParameter(description="Article id.")],
                    as_of_version: AsOfVersionQ = None) -> Response[ArticleOut]:
        def compute() -> Payload:
            row, figs, version = q.article(store, article_id, as_of_version=as_of_version)
            out = ArticleOut(**row, version=version, figures=[_figure_out(r) for r in figs.iter_rows(named=True)])
            return json_payload(out, version)

        return respond_versioned(request, store, compute, fmt="json", as_of_version=as_of_version)

    @post("/", sync_to_thread=True, guards=[require_token], operation_class=strict_body_operation(ArticleIn),
          responses={**problem_responses(400, 401, 403, 413, 422),
                     200: ResponseSpec(data_container=IngestResult, generate_examples=False,
                                       description="The same content was already stored (unchanged or duplicate)")}, summary="Ingest one article (token)",
          description="Reads, extracts and stores one article (JSON body: text, and optionally id, title, source, "
                      "url, published). 201 with its figures when new or changed; 200 when the same content was "
                      "already stored (under this id, or under another: status duplicate). Needs "
                      "`Authorization: Bearer <token>`; 403 when the service has no token; 413 over the size limit.",
          status_code=201)
    def ingest_article(self, request: Request, store: NamedDependency[Store], settings: NamedDependency[Settings], data: JSONBody[ArticleIn]) -> Response[IngestResult]:
        size = len(data.text.encode("utf-8"))
        if size > settings.max_article_bytes:
            raise ProblemError(413, "Article too large", f"the text is {size:,} bytes", "text",
                               f"at most {settings.max_article_bytes:,} bytes")
        record = {k: v for k, v in msgspec.to_builtins(data).items() if v is not None}  # dates as ISO text
        article = article_from_record(record, "POST /api/v1/articles")
        if isinstance(article, ReadError):
            field = next((f for f in ("published", "text", "id", "title", "source", "url") if f"'{f}'" in article.message),
                         None)
            raise ProblemError(422, "Invalid article", article.message, field)
        # on a writer thread, below the readers' priority (service.api.writers); this one waits
        return request.app.state.writers.run(lambda: _ingest_one(store, article))


def _ingest_one(store: Store, article: Article) -> Response[IngestResult]:
    """Extract and store one POSTed article; answer with what the store decided and its figures."""
    from service.ingest import ingest  # the pipeline imports the extractor: load it on first use

    report = ingest(store, [article], kind="api", origin="POST /api/v1/articles")
    if report.errors:
        raise ProblemError(422, "Article could not be processed", report.errors[0].message)
    # What the store decided inside the write (or the read, when nothing needed writing):
    # a classification made before the write could be stale by the time it commits.
    status, duplicate_of = report.outcomes[article.article_id]
    shown_id = duplicate_of if status == "duplicate" and duplicate_of else article.article_id
    df, version, _ = q.figures_page(store, q.FigureFilters(article_id=shown_id, include_synthetic=True),
                                    sort="figure_id", limit=None)
    df = df.sort("char_start", "figure_id")
    result = IngestResult(article_id=article.article_id, status=status, duplicate_of=duplicate_of, version=version,
                          figures=[_figure_out(r) for r in df.iter_rows(named=True)])
    code = 201 if status in ("new", "changed") else 200
    return Response(content=msgspec.json.encode(result), status_code=code, media_type="application/json",
                    headers={"Location": f"/api/v1/articles/{article.article_id}"})


CONTROLLERS: list[type[Controller]] = [ArticlesController]

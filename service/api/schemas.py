"""Request and response bodies of the API (msgspec structs; they are the OpenAPI schema too)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from service import metrics
from service.query.series import Series, SeriesPoint  # noqa: F401  (re-exported: the series body)


class Counts(msgspec.Struct):
    """How much data the service holds (current version; synthetic rows counted apart)."""

    articles: int
    figures: int
    reviews: int
    synthetic_figures: int


class Health(msgspec.Struct):
    """Service status and the dataset version every answer is computed at."""

    status: Literal["ok"]
    version: int
    updated_at: datetime | None
    counts: Counts
    extractor_versions: list[str]
    writes_enabled: bool
    snapshot: str | None             # file name of the read-only snapshot beside the database
    snapshot_version: int | None     # dataset version it holds


class MetricOut(msgspec.Struct):
    """A metric from the registry."""

    name: str
    label: str
    definition: str
    hxl: str
    kind: Literal["flow", "stock"]
    unit: str


class MetricList(msgspec.Struct):
    """The metric registry, in the envelope every list endpoint uses (version, count, data)."""

    version: int
    count: int
    data: list[MetricOut]


class PlaceOut(msgspec.Struct):
    """A place from the gazetteer."""

    code: str
    name: str
    level: str
    country: str
    admin1: str | None
    admin1_pcode: str | None
    parent_code: str | None
    parent_name: str | None
    path: str
    lat: float | None
    lon: float | None
    aliases: list[str]


class FigureOut(msgspec.Struct, kw_only=True):
    """One figure with its provenance (reviewed values applied). `figure_id` is stable."""

    figure_id: str
    article_id: str
    metric: str
    metric_kind: str | None
    value: int
    low: int | None
    high: int | None
    qualifier: str | None
    vague: bool
    unit: str
    group: str | None
    group_class: str
    perpetrator: str | None
    location: str | None
    country: str | None
    admin1: str | None
    admin1_pcode: str | None
    place_code: str | None
    township: str | None
    lat: float | None
    lon: float | None
    event_date_start: date | None
    event_date_end: date | None
    date_precision: str | None
    cumulative: bool
    since: str | None
    as_of: date | None
    claimed_by: str | None
    quote: str
    char_start: int
    char_end: int
    confidence: float
    review_status: Literal["unreviewed", "confirmed", "corrected"]
    updated_version: int
    extractor_version: str
    article_source: str | None
    article_title: str | None
    article_url: str | None
    article_published: date | None
    synthetic: bool
    relation: Literal["independent", "restates", "part_of", "adds_to"] = "independent"
    related_to: str | None = None    # figure_id of the figure it restates, is part of, or adds to
    implied: bool = False            # the count is implied by a noun phrase ("a civilian was killed" is 1)
    # what caused the harm; only conflict figures count in a series
    cause: Literal["conflict", "disaster", "accident", "illness"] = "conflict"
    # the text says another party denies the claim or has not confirmed it: a series counts it as
    # a claim of 0 to `value`
    disputed: bool = False


class PlaceList(msgspec.Struct):
    """Places found, in the envelope every list endpoint uses (version, count, limit, data)."""

    version: int
    count: int
    limit: int
    data: list[PlaceOut]


class FigurePage(msgspec.Struct):
    """A page of figures; follow `next` (or the Link rel="next" header) for the rest."""

    version: int
    count: int
    limit: int
    next: str | None
    data: list[FigureOut]


class ArticleSummary(msgspec.Struct, kw_only=True):
    """An article without its text."""

    article_id: str
    revision: int
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    published_method: str
    n_figures: int
    synthetic: bool


class ArticlePage(msgspec.Struct):
    """A page of articles, newest first."""

    version: int
    count: int
    limit: int
    next: str | None
    data: list[ArticleSummary]


class ArticleOut(msgspec.Struct, kw_only=True):
    """An article with its text and its figures (character spans index `text`)."""

    article_id: str
    revision: int
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    published_method: str
    text: str
    content_hash: str
    ingested_at: datetime
    synthetic: bool
    version: int
    figures: list[FigureOut]


# "Not blank" means what the reader means (str.strip): a character Python does not count as
# whitespace, written out as a class because a JSON Schema client's \s (ECMAScript's) differs:
# it misses U+001C-U+001F and U+0085, and counts U+FEFF.
_NOT_BLANK = r"[^\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
Text = Annotated[str, Meta(min_length=1, pattern=_NOT_BLANK, description="Article text (plain text, not blank).")]
Short = Annotated[str, Meta(max_length=2000)]


class ArticleIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """An article to ingest. `id` is optional (derived from the URL or the text when absent)."""

    text: Text
    id: Annotated[str, Meta(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:-]+$")] | None = None
    title: Short | None = None
    source: Short | None = None
    url: Short | None = None
    published: Annotated[date, Meta(description="Publication date, YYYY-MM-DD.")] | None = None


class IngestResult(msgspec.Struct, kw_only=True):
    """What POST /articles did: new, changed, unchanged or duplicate, and the article's figures."""

    article_id: str
    status: Literal["new", "changed", "unchanged", "duplicate"]
    duplicate_of: str | None
    version: int
    figures: list[FigureOut]


class ReviewIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A review of one figure: confirm, reject, or correct some of its fields, with a note."""

    action: Literal["confirm", "reject", "correct"]
    note: Annotated[str, Meta(max_length=4000)] | None = None
    reviewer: Annotated[str, Meta(max_length=200)] | None = None
    metric: Literal[tuple([*metrics.NAMES, *metrics.SYNONYMS])] | None = None  # type: ignore[valid-type]
    # (a figure is stored as a 64-bit integer; the schema says so, so no valid body is refused)
    value: Annotated[int, Meta(ge=0, le=2**63 - 1)] | None = None
    low: Annotated[int, Meta(ge=0, le=2**63 - 1)] | None = None
    high: Annotated[int, Meta(ge=0, le=2**63 - 1)] | None = None
    place_code: str | None = None
    event_date_start: date | None = None
    event_date_end: date | None = None


class ReviewOut(msgspec.Struct, kw_only=True):
    """One review in a figure's audit trail."""

    review_id: int
    figure_id: str
    action: str
    metric: str | None
    value: int | None
    low: int | None
    high: int | None
    place_code: str | None
    event_date_start: date | None
    event_date_end: date | None
    note: str | None
    reviewer: str | None
    created_at: datetime
    version: int


class ReviewResult(msgspec.Struct, kw_only=True):
    """The recorded review and the figure as it now reads (null when rejected)."""

    review: ReviewOut
    version: int
    figure: FigureOut | None


class ReviewList(msgspec.Struct):
    """A figure's audit trail, oldest first."""

    figure_id: str
    version: int
    data: list[ReviewOut]

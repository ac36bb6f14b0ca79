"""Figure, article and place queries (polars frames out; no HTTP here).

Every query runs in one read transaction, so the dataset version it reports and the rows it
returns belong together. Sorting and keyset pagination use a fixed allow-list of sort keys.
"""
from __future__ import annotations

import hashlib
import re
import weakref
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import Any

import msgspec
import polars as pl

from service import metrics
from service.query.errors import NotFound, QueryError
from service.query.series import GROUP_CLASSES
from service.query.versions import current_version, resolve_place, resolve_version
from service.store import sqlfiles
from service.store.db import Store

MAX_LIMIT = 10_000
REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "confirmed", "corrected")

# Sort key name -> (SQL expression, SQL type for the cursor value). NULL dates sort as year 1 so
# that keyset comparisons never meet a NULL.
SORT_KEYS: dict[str, tuple[str, str]] = {
    "event_date": ("coalesce(f.event_date_start, DATE '0001-01-01')", "DATE"),
    "published": ("coalesce(a.published, DATE '0001-01-01')", "DATE"),
    "value": ("f.value", "BIGINT"),
    "confidence": ("f.confidence", "DOUBLE"),
    "updated_version": ("f.updated_version", "INTEGER"),
    "figure_id": ("f.figure_id", "VARCHAR"),
}
SORTS: tuple[str, ...] = tuple(s for k in SORT_KEYS for s in (k, "-" + k))
DEFAULT_SORT = "-event_date"


def _short_hash(obj: msgspec.Struct) -> str:
    return hashlib.blake2b(msgspec.json.encode(obj), digest_size=6).hexdigest()


class FigureFilters(msgspec.Struct, kw_only=True):
    """The filters of GET /figures (None = no filter). Also used by exports and charts."""

    metric: list[str] | None = None
    ids: list[str] | None = None
    article_id: str | None = None
    place: str | None = None
    country: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    published_from: date | None = None
    published_to: date | None = None
    group_class: list[str] | None = None
    perpetrator: str | None = None
    claimed_by: str | None = None
    cumulative: bool | None = None
    vague: bool | None = None
    min_confidence: float | None = None
    review_status: list[str] | None = None
    updated_since: datetime | None = None
    updated_after_version: int | None = None
    include_synthetic: bool = False

    def fingerprint(self) -> str:
        """A short hash of the filters, so a cursor cannot be replayed with other filters."""
        return _short_hash(self)


def _check_choices(parameter: str, values: list[str] | None, valid: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    bad = [v for v in values if v not in valid]
    if bad:
        raise QueryError(parameter, f"unknown {parameter.replace('_', ' ')} {bad[0]!r}", ", ".join(valid))
    return list(dict.fromkeys(values))


def _metrics(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    out = []
    for v in values:
        try:
            out.append(metrics.get(v).name)
        except KeyError:
            raise QueryError("metric", f"unknown metric {v!r}", ", ".join(metrics.NAMES)) from None
    return list(dict.fromkeys(out))


def _updated_after(cur: Any, since: datetime | None, after_version: int | None) -> int | None:
    """The dataset version after which a figure must have been added or reviewed (None: any)."""
    found: list[int] = [after_version] if after_version is not None else []
    if since is not None:
        at = since if since.tzinfo is not None else since.replace(tzinfo=timezone.utc)
        # the last version committed before `since`: figures updated after it changed since then
        found.append(int(cur.execute(sqlfiles.load("service/api_version_before"), {"at": at.isoformat()}).fetchone()[0]))
    return max(found) if found else None


def _parse_sort(sort: str | None) -> tuple[str, bool]:
    sort = sort or DEFAULT_SORT
    if sort not in SORTS:
        raise QueryError("sort", f"unknown sort {sort!r}", ", ".join(SORTS) + " (a leading - sorts descending)")
    return sort.lstrip("-"), sort.startswith("-")


def _figures_sql(key: str, descending: bool, name: str = "service/api_figures", *, reviewed: bool = True) -> str:
    expr, sql_type = SORT_KEYS[key]  # allow-listed: never request text
    # __WHERE__ is our own shared filter block (sql/service/api_figures_where.sql), never request text.
    sql = sqlfiles.load(name).replace("__WHERE__", sqlfiles.load("service/api_figures_where"))
    if not reviewed:  # no review at this version: the reviewed branch would only cost time
        sql = re.sub(r"-- reviewed:begin.*?-- reviewed:end", "", sql, flags=re.DOTALL)
    return (sql
            .replace("__KEYTYPE__", sql_type).replace("__KEY__", expr)
            .replace("__CMP__", "<" if descending else ">").replace("__DIR__", "DESC" if descending else "ASC"))


def _params(cur: Any, filters: FigureFilters, version: int) -> dict[str, Any]:
    if filters.min_confidence is not None and not 0 <= filters.min_confidence <= 1:
        raise QueryError("min_confidence", f"{filters.min_confidence} is outside 0..1", "a number from 0 to 1")
    # An inverted range (from after to) is not an error: it is empty, and so is the answer.
    place = resolve_place(cur, filters.place)
    return {
        "version": version,
        "metrics": _metrics(filters.metric),
        "ids": list(filters.ids) if filters.ids else None,
        "article_id": filters.article_id,
        "place_path": place["path"] if place else None,
        "country": filters.country.upper() if filters.country else None,
        "date_from": filters.date_from, "date_to": filters.date_to,
        "published_from": filters.published_from, "published_to": filters.published_to,
        "group_classes": _check_choices("group_class", filters.group_class, GROUP_CLASSES),
        "perpetrator": filters.perpetrator or None, "claimed_by": filters.claimed_by or None,
        "cumulative": filters.cumulative, "vague": filters.vague, "min_confidence": filters.min_confidence,
        "review_statuses": _check_choices("review_status", filters.review_status, REVIEW_STATUSES),
        "updated_after": _updated_after(cur, filters.updated_since, filters.updated_after_version),
        "include_synthetic": filters.include_synthetic,
    }


def _cursor_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _rows_by_id(cur: Any, version: int, ids: list[str]) -> pl.DataFrame:
    """Full figure rows for these ids at `version`, in chunks of bound placeholders."""
    frames = []
    for i in range(0, max(len(ids), 1), 1000):
        chunk = ids[i:i + 1000] or [""]
        sql = sqlfiles.load("service/api_figures_rows").replace(
            "__IDS__", ", ".join(f"$id{n}" for n in range(len(chunk))))  # placeholders only
        frames.append(cur.execute(sql, {"version": version, **{f"id{n}": v for n, v in enumerate(chunk)}}).pl())
    return pl.concat(frames) if len(frames) > 1 else frames[0]


def figures_by_id(store: Store, ids: list[str], *, version: int) -> pl.DataFrame:
    """The full rows (as GET /figures gives them) of these figures at `version`, in the order of
    `ids`; ids with no row at that version are left out."""
    with store.read() as cur:
        rows = _rows_by_id(cur, version, ids)
    order = pl.DataFrame({"figure_id": ids}, schema={"figure_id": pl.String}).with_row_index("_order")
    return order.join(rows, on="figure_id", how="inner").sort("_order").select(rows.columns)


def figures_page(store: Store, filters: FigureFilters, *, sort: str | None = None, limit: int | None = 1000,
                 cursor: dict[str, Any] | None = None, as_of_version: int | None = None
                 ) -> tuple[pl.DataFrame, int, dict[str, Any] | None]:
    """One page of figures: (rows, dataset version, cursor data for the next page or None).

    A cursor pins the dataset version and sort it was made with, so paging is stable while
    writes go on; it must come back with the same filters.
    """
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise QueryError("limit", f"limit {limit} is outside 1..{MAX_LIMIT}", f"an integer from 1 to {MAX_LIMIT}")
    fingerprint = filters.fingerprint()
    if cursor is not None:
        if cursor.get("f") != fingerprint or "v" not in cursor or "s" not in cursor:
            raise QueryError("next", "this cursor belongs to a query with other filters",
                             "repeat the request that returned the cursor, changing only 'next'", status=404,
                             title="Not found")
        sort = cursor["s"]
        as_of_version = int(cursor["v"])
    key, descending = _parse_sort(sort)
    with store.read() as cur:
        version = resolve_version(cur, as_of_version)
        params = _params(cur, filters, version)
        params["after_key"] = cursor.get("k") if cursor else None
        params["after_id"] = cursor.get("i") if cursor else None
        params["limit"] = None if limit is None else limit + 1
        # Two steps: ids and sort keys first (narrow rows through the top-N), then the full rows
        # of just those ids. At a million figures this is ~10x faster than one wide query.
        reviewed = cur.execute(sqlfiles.load("service/api_any_review"), {"version": version}).fetchone() is not None
        keys = cur.execute(_figures_sql(key, descending, "service/api_figures_keys", reviewed=reviewed), params).pl()
        rows = _rows_by_id(cur, version, keys["figure_id"].to_list())
    df = keys.with_row_index("_order").join(rows, on="figure_id", how="inner").sort("_order").drop("_order")
    df = df.select([*rows.columns, "sort_key"])
    next_cursor = None
    if limit is not None and df.height > limit:
        df = df.head(limit)
        last = df.row(limit - 1, named=True)
        next_cursor = {"v": version, "s": sort or DEFAULT_SORT, "k": _cursor_value(last["sort_key"]),
                       "i": last["figure_id"], "f": fingerprint}
    return df.drop("sort_key"), version, next_cursor


def figures_stream(store: Store, filters: FigureFilters, *, sort: str | None = None, as_of_version: int | None = None,
                   batch_rows: int = 50_000, cursor: dict[str, Any] | None = None
                   ) -> tuple[int, Iterator[pl.DataFrame]]:
    """Every matching figure, in batches (exports): (dataset version, frames).

    The read transaction stays open while the frames are consumed, so the export is one
    consistent snapshot however long it streams.
    """
    fingerprint = filters.fingerprint()
    if cursor is not None:
        if cursor.get("f") != fingerprint:
            raise QueryError("next", "this cursor belongs to a query with other filters",
                             "repeat the request that returned the cursor, changing only 'next'", status=404,
                             title="Not found")
        sort, as_of_version = cursor["s"], int(cursor["v"])
    key, descending = _parse_sort(sort)

    def generate() -> Iterator[Any]:
        with store.read() as cur:
            version = resolve_version(cur, as_of_version)
            params = _params(cur, filters, version)
            params.update(after_key=cursor.get("k") if cursor else None,
                          after_id=cursor.get("i") if cursor else None, limit=None)
            yield version
            reader = cur.execute(_figures_sql(key, descending), params).to_arrow_reader(batch_rows)
            for batch in reader:
                df = pl.from_arrow(batch)
                assert isinstance(df, pl.DataFrame)
                yield df.drop("sort_key")

    gen = generate()
    version = next(gen)  # runs the checks and opens the snapshot now: errors surface before streaming
    return version, gen


def figure(store: Store, figure_id: str, *, as_of_version: int | None = None) -> tuple[dict[str, Any], int]:
    """One figure by id (reviews applied); NotFound when absent or rejected."""
    with store.read() as cur:
        version = resolve_version(cur, as_of_version)
        row = figure_row_at(cur, figure_id, version)
    if row is None:
        raise figure_not_found(figure_id, version)
    return row, version


def figure_row_at(cur: Any, figure_id: str, version: int) -> dict[str, Any] | None:
    """figure's row (as GET /figures/{id} gives it) at `version` through this cursor, None when it
    has none there; also read inside the write of a review (writes.record_review_read)."""
    df = _rows_by_id(cur, version, [figure_id])
    return df.row(0, named=True) if df.height else None


def figure_not_found(figure_id: str, version: int) -> NotFound:
    return NotFound(f"no figure {figure_id!r} at dataset version {version} (unknown, superseded or rejected)",
                    parameter="id")


def figure_exists(store: Store, figure_id: str) -> bool:
    """Whether a current extraction of this figure exists (reviewed or not, rejected too)."""
    with store.read() as cur:
        return cur.execute(sqlfiles.load("service/api_figure_exists"), {"id": figure_id}).fetchone() is not None


def reviews(store: Store, figure_id: str) -> tuple[pl.DataFrame, int]:
    """The audit trail of one figure, oldest first, and the current version."""
    with store.read() as cur:
        version = current_version(cur)
        df = cur.execute(sqlfiles.load("service/api_reviews"), {"id": figure_id}).pl()
    return df, version


# -- articles ----------------------------------------------------------------------------------


class ArticleFilters(msgspec.Struct, kw_only=True):
    """The filters of GET /articles."""

    source: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    place: str | None = None
    q: str | None = None
    include_synthetic: bool = False


def articles_page(store: Store, filters: ArticleFilters, *, limit: int = 100, cursor: dict[str, Any] | None = None,
                  as_of_version: int | None = None) -> tuple[pl.DataFrame, int, dict[str, Any] | None]:
    """A page of articles, newest first: (rows, dataset version, next cursor data or None)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError("limit", f"limit {limit} is outside 1..{MAX_LIMIT}", f"an integer from 1 to {MAX_LIMIT}")
    fingerprint = _short_hash(filters)
    if cursor is not None:
        if cursor.get("f") != fingerprint:
            raise QueryError("next", "this cursor belongs to a query with other filters",
                             "repeat the request that returned the cursor, changing only 'next'", status=404,
                             title="Not found")
        as_of_version = int(cursor["v"])
    with store.read() as cur:
        version = resolve_version(cur, as_of_version)
        place = resolve_place(cur, filters.place)
        df = cur.execute(sqlfiles.load("service/api_articles"), {
            "version": version, "source": filters.source, "published_from": filters.published_from,
            "published_to": filters.published_to, "place_path": place["path"] if place else None,
            "q": filters.q or None, "include_synthetic": filters.include_synthetic,
            "after_key": cursor.get("k") if cursor else None, "after_id": cursor.get("i") if cursor else None,
            "limit": limit + 1,
        }).pl()
    next_cursor = None
    if df.height > limit:
        df = df.head(limit)
        last = df.row(limit - 1, named=True)
        next_cursor = {"v": version, "k": _cursor_value(last["sort_key"]), "i": last["article_id"], "f": fingerprint}
    return df.drop("sort_key"), version, next_cursor


def article(store: Store, article_id: str, *, as_of_version: int | None = None,
            include_synthetic: bool = True) -> tuple[dict[str, Any], pl.DataFrame, int]:
    """One article (the revision current at the version) with its figures; NotFound when absent."""
    with store.read() as cur:
        version = resolve_version(cur, as_of_version)
        df = cur.execute(sqlfiles.load("service/api_article"), {"version": version, "id": article_id}).pl()
    if df.height == 0:
        raise NotFound(f"no article {article_id!r} at dataset version {version}", parameter="id")
    row = df.row(0, named=True)
    figs, _, _ = figures_page(store, FigureFilters(article_id=article_id, include_synthetic=include_synthetic),
                              sort="figure_id", limit=None, as_of_version=version)
    figs = figs.sort("char_start", "figure_id")
    return row, figs, version


# -- places ------------------------------------------------------------------------------------


def place(store: Store, code: str) -> dict[str, Any]:
    """One place by code; NotFound when unknown."""
    df = store.frame("service/api_place_detail", {"code": code})
    if df.height == 0:
        raise NotFound(f"no place with code {code!r}", parameter="code",
                       valid="a code from GET /api/v1/places?q=<name>")
    return df.row(0, named=True)


# -- health ------------------------------------------------------------------------------------


# The counts only change with the dataset version: one entry per store, for its latest version
# (counting a million current figures takes ~40 ms; monitors poll health often).
_health: "weakref.WeakKeyDictionary[Store, dict[str, Any]]" = weakref.WeakKeyDictionary()


def health(store: Store) -> dict[str, Any]:
    """Dataset version, last write time, counts and extractor versions (one snapshot)."""
    cached = _health.get(store)
    if cached is not None and cached["version"] == store.version():
        return dict(cached)
    with store.read() as cur:
        version = current_version(cur)
        # via Arrow: DuckDB's own TIMESTAMPTZ -> Python conversion needs pytz, which we do not ship
        out = cur.execute(sqlfiles.load("service/api_health")).pl().row(0, named=True)
    out["version"] = version
    _health[store] = out
    return dict(out)

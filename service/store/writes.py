"""Domain writes through the gateway: articles with their figures, re-extractions, reviews.

Batches move as polars frames registered with DuckDB; the SQL is in sql/service/.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import duckdb
import msgspec
import polars as pl

from service.articles import clean
from service.articles.model import Article
from service.extract.figure import Figure
from service.store.db import Store, WriteTx

FIGURE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String, "metric": pl.String, "value": pl.Int64, "low": pl.Int64, "high": pl.Int64,
    "qualifier": pl.String, "vague": pl.Boolean, "unit": pl.String, "group": pl.String,
    "group_class": pl.String, "perpetrator": pl.String, "location": pl.String, "country": pl.String,
    "admin1": pl.String, "place_code": pl.String, "event_date_start": pl.String,
    "event_date_end": pl.String, "cumulative": pl.Boolean, "since": pl.String, "as_of": pl.String,
    "claimed_by": pl.String, "quote": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
    "confidence": pl.Float64, "extractor_version": pl.String, "sentence_start": pl.Int32,
    "sentence_end": pl.Int32, "number_start": pl.Int32, "number_end": pl.Int32, "number_text": pl.String,
    "admin1_pcode": pl.String, "township": pl.String, "lat": pl.Float64, "lon": pl.Float64,
    "date_precision": pl.String, "date_text": pl.String, "relation": pl.String, "related_to": pl.String,
    "implied": pl.Boolean, "cause": pl.String, "disputed": pl.Boolean,
}

ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String, "revision": pl.Int32, "source": pl.String, "url": pl.String,
    "title": pl.String, "published": pl.Date, "published_method": pl.String, "text": pl.String,
    "extraction_text": pl.String, "content_hash": pl.String, "origin_path": pl.String,
    "synthetic": pl.Boolean, "blanked": pl.List(pl.List(pl.Int32)),
}


def blanked_spans(a: Article) -> list[list[int]] | None:
    """The boilerplate spans that turn the article's text into its extraction text (stored instead
    of a second copy of the text), or None when other blanking made it (then it is stored whole)."""
    if a.extraction_text == a.text:
        return []
    spans = [[s, e] for s, e in clean.boilerplate_spans(a.text)]
    return spans if clean.blanked(a.text, spans) == a.extraction_text else None


def figures_frame(figures: Sequence[Figure], *, run_id: int, revisions: dict[str, int],
                  synthetic: bool = False) -> pl.DataFrame:
    """Figures as a frame ready for sql/service/store_figures.sql."""
    rows = msgspec.to_builtins(list(figures))
    df = pl.DataFrame(rows, schema=FIGURE_SCHEMA) if rows else pl.DataFrame(schema=FIGURE_SCHEMA)
    return df.with_columns(
        pl.col("article_id").replace_strict(revisions, default=1, return_dtype=pl.Int32).alias("article_revision"),
        pl.lit(run_id, dtype=pl.Int32).alias("run_id"),
        pl.lit(synthetic).alias("synthetic"),
    )


def articles_frame(articles: Sequence[Article], revisions: dict[str, int], *, synthetic: bool = False) -> pl.DataFrame:
    """Articles as a frame ready for sql/service/store_articles.sql."""
    rows = [
        {
            "article_id": a.article_id, "revision": revisions[a.article_id], "source": a.source, "url": a.url,
            "title": a.title, "published": a.published, "published_method": a.published_method,
            "text": a.text, "extraction_text": a.extraction_text, "content_hash": a.content_hash,
            "origin_path": a.origin_path, "synthetic": synthetic, "blanked": blanked_spans(a),
        }
        for a in articles
    ]
    return pl.DataFrame(rows, schema=ARTICLE_SCHEMA) if rows else pl.DataFrame(schema=ARTICLE_SCHEMA)


def classify(store: Store, articles: Sequence[Article]) -> pl.DataFrame:
    """article_id, status (new|unchanged|changed|duplicate), current_revision, duplicate_of."""
    return classify_at(store, articles)[0]


def classify_at(store: Store, articles: Sequence[Article]) -> tuple[pl.DataFrame, int]:
    """classify, and the dataset version it holds for (store_articles reuses it when no write
    came between: the duplicate check then runs once per article, not again inside the write)."""
    keys = pl.DataFrame({"article_id": [a.article_id for a in articles],
                         "content_hash": [a.content_hash for a in articles]},
                        schema={"article_id": pl.String, "content_hash": pl.String})
    with store.read() as cur:
        cur.register("incoming_keys", keys.to_arrow())
        try:
            status = cur.execute(store.sql("service/classify_articles")).pl()
            return status, int(cur.execute("SELECT current_version()").fetchone()[0])
        finally:
            cur.unregister("incoming_keys")


def store_articles(store: Store, articles: Sequence[Article], figures: Sequence[Figure], *, run_id: int,
                   kind: str, description: str, synthetic: bool = False,
                   classified: tuple[pl.DataFrame, int] | None = None) -> tuple[int, pl.DataFrame]:
    """Store new or changed articles with their figures in one transaction.

    Classification is repeated inside the transaction, so an article another writer stored
    meanwhile is not stored twice, unless `classified` (classify_at's answer) holds for the
    version this write follows: no write came between, so it is still true. Returns the dataset
    version (0 when nothing was written) and the classification used.
    """
    def body(tx: WriteTx) -> tuple[int, pl.DataFrame]:
        ids = [a.article_id for a in articles]
        if classified is not None and classified[1] == tx.version - 1 and set(ids) <= set(classified[0]["article_id"]):
            status = classified[0].filter(pl.col("article_id").is_in(ids))
        else:
            keys = pl.DataFrame({"article_id": ids, "content_hash": [a.content_hash for a in articles]},
                                schema={"article_id": pl.String, "content_hash": pl.String})
            tx.frame("incoming_keys", keys)
            status = tx.con.execute(tx.sql("service/classify_articles")).pl()
        write = status.filter(pl.col("status").is_in(["new", "changed"]))
        revisions = dict(zip(write["article_id"], (write["current_revision"] + 1).to_list()))
        keep = [a for a in articles if a.article_id in revisions]
        if not keep:
            raise _NothingToWrite(status)
        tx.frame("incoming_articles", articles_frame(keep, revisions, synthetic=synthetic))
        figs = [f for f in figures if f.article_id in revisions]
        tx.frame("incoming_figures", figures_frame(figs, run_id=run_id, revisions=revisions, synthetic=synthetic))
        tx.run_sql("service/store_articles", {"version": tx.version})
        tx.run_sql("service/store_figures", {"version": tx.version})
        tx.con.execute(tx.sql("service/finish_run"), [len(keep), len(figs), run_id])
        return tx.version, status

    # a retried write (DuckLake: another process committed first) classifies again on the newer
    # data, so an article that process stored meanwhile is unchanged here, never stored twice
    return store.transact(kind, description, body, run_id=run_id)


class _NothingToWrite(Exception):
    """Raised inside a write to roll it back (no dataset version for an all-unchanged batch)."""

    def __init__(self, status: pl.DataFrame) -> None:
        super().__init__("nothing to write")
        self.status = status


def store_articles_if_any(store: Store, articles: Sequence[Article], figures: Sequence[Figure], *,
                          run_id: int, kind: str, description: str, synthetic: bool = False,
                          classified: tuple[pl.DataFrame, int] | None = None) -> tuple[int, pl.DataFrame]:
    """store_articles, but an all-unchanged batch writes nothing and returns version 0."""
    try:
        return store_articles(store, articles, figures, run_id=run_id, kind=kind, description=description,
                              synthetic=synthetic, classified=classified)
    except _NothingToWrite as nothing:
        return 0, nothing.status


def replace_figures(store: Store, article_ids: Sequence[str], revisions: dict[str, int],
                    figures: Sequence[Figure], *, run_id: int, description: str) -> int:
    """Re-extraction: supersede the articles' current figures with new ones, in one transaction."""
    def body(tx: WriteTx) -> int:
        tx.frame("incoming_articles", pl.DataFrame({"article_id": list(article_ids)}, schema={"article_id": pl.String}))
        tx.frame("incoming_figures", figures_frame(figures, run_id=run_id, revisions=revisions))
        tx.run_sql("service/supersede_figures", {"version": tx.version})
        tx.run_sql("service/store_figures", {"version": tx.version})
        tx.con.execute(tx.sql("service/finish_run"), [len(article_ids), len(figures), run_id])
        return tx.version

    return store.transact("reextract", description, body, run_id=run_id)


def articles_for_extraction(store: Store, offset: int, limit: int) -> pl.DataFrame:
    """A page of current articles (id, revision, extraction_text, published, title, source, synthetic)."""
    page = store.frame("service/current_articles_for_extraction", [limit, offset])
    texts = [clean.blanked(text, spans or []) if stored == "" else stored
             for stored, text, spans in zip(page["extraction_text"].to_list(), page["text"].to_list(),
                                            page["blanked"].to_list())]
    return page.with_columns(pl.Series("extraction_text", texts, dtype=pl.String)).drop("text", "blanked")


def as_date(value: object) -> date | None:
    """A date from a frame cell (date, ISO string or None)."""
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def record_review(store: Store, figure_key: str, action: str, *, metric: str | None = None,
                  value: int | None = None, low: int | None = None, high: int | None = None,
                  place_code: str | None = None, event_date_start: date | None = None,
                  event_date_end: date | None = None, note: str | None = None,
                  reviewer: str | None = None) -> tuple[int, int]:
    """Record a review (confirm, reject or correct) of a figure as one dataset version.

    Reviews attach to the stable figure key, so they survive re-extraction; the latest one is in
    force (figures_as_of applies it). Returns (dataset version, review id).
    """
    version, row = record_review_row(store, figure_key, action, metric=metric, value=value, low=low, high=high,
                                     place_code=place_code, event_date_start=event_date_start,
                                     event_date_end=event_date_end, note=note, reviewer=reviewer)
    return version, int(row["review_id"])


def record_review_row(store: Store, figure_key: str, action: str, *, metric: str | None = None,
                      value: int | None = None, low: int | None = None, high: int | None = None,
                      place_code: str | None = None, event_date_start: date | None = None,
                      event_date_end: date | None = None, note: str | None = None,
                      reviewer: str | None = None) -> tuple[int, dict[str, Any]]:
    """record_review, returning (dataset version, the review as the audit trail lists it:
    sql/service/api_review.sql), read back by its id inside the write, so that the API's answer
    needs no read of the whole trail after it."""
    version, row, _ = record_review_read(store, figure_key, action, metric=metric, value=value, low=low,
                                         high=high, place_code=place_code, event_date_start=event_date_start,
                                         event_date_end=event_date_end, note=note, reviewer=reviewer)
    return version, row


def record_review_read(store: Store, figure_key: str, action: str, *, metric: str | None = None,
                       value: int | None = None, low: int | None = None, high: int | None = None,
                       place_code: str | None = None, event_date_start: date | None = None,
                       event_date_end: date | None = None, note: str | None = None,
                       reviewer: str | None = None,
                       read_figure: Callable[[duckdb.DuckDBPyConnection, int], dict[str, Any] | None] | None = None,
                       ) -> tuple[int, dict[str, Any], dict[str, Any] | None]:
    """record_review_row, and (read_figure given) the reviewed figure's row at the new version as
    read_figure(cursor, version) reads it inside the write (None: it has no row there), returned
    and handed to the after-commit callbacks as the write's notes ({"reviewed": {figure_key: row}}):
    the series update after the commit takes the figure's amounts, metric and start from it
    instead of reading the figure again (service.query.series._revalued), and POST
    /figures/{id}/review answers with it instead of a read of its own after the commit (#16.1:
    each was a figures_as_of() statement, ~10-25 ms a review at 5M figures)."""
    if action not in ("confirm", "reject", "correct"):
        raise ValueError(f"unknown review action {action!r}; valid: confirm, reject, correct")
    def body(tx: WriteTx) -> tuple[int, dict[str, Any], dict[str, Any] | None]:
        review_id = tx.insert_returning("service/record_review", {
            "figure_key": figure_key, "action": action, "metric": metric, "value": value, "low": low,
            "high": high, "place_code": place_code, "event_date_start": event_date_start,
            "event_date_end": event_date_end, "note": note, "reviewer": reviewer, "version": tx.version,
        })
        row = tx.con.execute(tx.sql("service/api_review"), {"review_id": review_id}).pl().row(0, named=True)
        figure = read_figure(tx.con, tx.version) if read_figure is not None else None
        if figure is not None:
            tx.notes["reviewed"] = {figure_key: figure}
        return tx.version, row, figure

    return store.transact("review", f"review {figure_key}: {action}", body)

"""The ingest pipeline: articles -> figures -> store, in batches that each commit whole.

Reading (service.articles), extraction (service.extract) and storage (service.store) meet here
and nowhere else; data flows one way through it.
"""
from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field

import polars as pl

from service.articles.model import Article, ReadError
from service.config import Settings
from service.extract import EXTRACTOR_VERSION, extract_figures
from service.extract.figure import Figure
from service.store import writes
from service.store.db import Store

DEFAULT_BATCH = 200

# The log a bulk ingest writes between checkpoints (about 3,000 articles of bench/corpus.py): what
# DuckDB holds of them in memory until the checkpoint writes them into the file.
INGEST_CHECKPOINT_WAL = "16MB"

# The article ids the API accepts (POST /articles `id`) and can address (/articles/{id}): an id
# with '/', '?', '#' or a space would be stored but unreachable. One rule for every way in.
ARTICLE_ID_PATTERN = r"^[A-Za-z0-9._:-]+$"
ARTICLE_ID_MAX = 200
_ARTICLE_ID = re.compile(ARTICLE_ID_PATTERN)


def article_id_problem(article_id: str) -> str | None:
    """Why `article_id` is not an id the API could serve, or None when it is."""
    if not 1 <= len(article_id) <= ARTICLE_ID_MAX or not _ARTICLE_ID.match(article_id):
        return (f"article id {article_id[:80]!r} is not valid: use 1-{ARTICLE_ID_MAX} characters of "
                "A-Z a-z 0-9 . _ : - (the API could not address it)")
    return None


@dataclass
class IngestReport:
    """What an ingest did: counts by outcome, figures by metric, errors with their origin."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: list[ReadError] = field(default_factory=list)
    figures: Counter[str] = field(default_factory=Counter)
    versions: list[int] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    # article id -> (status, duplicate_of) as the store decided it: for articles that reached a
    # write, the classification made inside that write's transaction (under the single writer's
    # lock), so it is true even when another request stored the same content a moment earlier.
    outcomes: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        """One paragraph for the terminal."""
        lines = [
            f"articles: {self.new} new, {self.changed} changed, {self.unchanged} unchanged"
            + (f", {self.duplicates} duplicate content" if self.duplicates else "")
            + f", {self.failed} failed",
            "figures: " + (", ".join(f"{m} {n}" for m, n in sorted(self.figures.items())) or "none")
            + f" (total {sum(self.figures.values())})",
        ]
        if self.versions:
            lines.append(f"dataset version: {self.versions[-1]}")
        return "\n".join(lines)


def extract_article(article: Article) -> list[Figure]:
    """The extractor over one article's extraction text (it indexes the original too)."""
    return extract_figures(article.extraction_text, article_id=article.article_id,
                           published=article.published, title=article.title, source=article.source)


def _extract_safely(article: Article) -> list[Figure] | str:
    # Runs in worker processes too: an exception comes back as its message, never kills the pool.
    try:
        return extract_article(article)
    except Exception as exc:
        return f"extractor failed: {type(exc).__name__}: {exc}"


def _worker_init(main_pid: int) -> None:
    # Runs first in every extraction worker: the worker's parent is the forkserver, which exits
    # when this (main) process does; the kernel then kills the worker (PDEATHSIG). The main pid
    # is watched too, in case the forkserver outlives it.
    from service.lifeline import die_with_parent, watch_process

    die_with_parent(os.getppid())
    watch_process(main_pid)
    warm_extractor()  # the gazetteer and parser load once per worker, as it starts, not in a batch


def warm_extractor() -> None:
    """Load what extraction needs (gazetteer, parser) by extracting one short text."""
    extract_figures("On 1 March 2024, 3 people were killed in Yangon, Myanmar.", article_id="warm-up")


def extraction_pool(jobs: int) -> Executor | None:
    """A process pool for extraction when jobs > 1 (forkserver: never forks DuckDB's threads).

    Its workers end when this process ends, however it ends (service.lifeline).
    """
    if jobs <= 1:
        return None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=_worker_init, initargs=(os.getpid(),))


class ExtractionUnavailable(RuntimeError):
    """Where extraction was to run cannot be used (a Dask scheduler unreachable, or without workers)."""


class PartitionFailed(Exception):
    """A partition's extraction failed as a whole (not one article's): every article in it is an error."""


# A partition's results, one per article in order (its figures, or the message of its failure),
# when called; raises PartitionFailed when the partition could not be extracted at all.
Results = Callable[[], list[list[Figure] | str]]


class Extraction:
    """Where partitions are extracted: here (one process), or a local process pool.

    `window` partitions may be in flight at once: the oldest is committed while the others
    extract (service.ingest_dask.DaskExtraction runs them on a Dask cluster instead).
    """

    def __init__(self, pool: Executor | None = None, workers: int = 1) -> None:
        self.pool = pool
        self.window = 2 if pool else 1
        self.workers = workers

    def submit(self, articles: list[Article]) -> Results:
        if self.pool is None or len(articles) <= 8:  # a pool round trip costs more than a few articles
            return lambda: [_extract_safely(a) for a in articles]
        chunksize = max(1, min(8, len(articles) // (4 * self.workers)))
        results = self.pool.map(_extract_safely, articles, chunksize=chunksize)
        return lambda: list(results)


def ingest(
    store: Store,
    items: Iterable[Article | ReadError],
    *,
    kind: str = "ingest",
    origin: str = "humstat ingest",
    batch_size: int = DEFAULT_BATCH,
    synthetic: bool = False,
    on_item: Callable[[Article | ReadError], None] | None = None,
    jobs: int = 1,
    dask: str | None = None,
) -> IngestReport:
    """Extract and store every article; errors are collected, never stop the rest.

    The input is cut into partitions of `batch_size` articles; each is extracted as a whole and
    committed in one transaction, in input order. With jobs > 1 partitions are extracted in that
    many local worker processes; with `dask` (a scheduler address) on that Dask cluster's workers.
    Either way this process commits: a partition's articles already stored with the same content
    are left alone inside the write, so a retried or re-run partition adds nothing.
    """
    # A bulk ingest (humstat ingest, its own process) stores at a lower memory limit than the
    # server's, and checkpoints every INGEST_CHECKPOINT_WAL of log: the rows committed since the
    # last checkpoint stay in DuckDB's memory, unevictable, until a checkpoint writes them into the
    # file, so at the server's threshold (256MB of log) the writer's RSS grew with the articles
    # read (470 MB at 2k, 1,009 MB at 66k) and fell only at the checkpoint. The API's one-article
    # ingest shares the server's connection and keeps its settings.
    bulk = store.bulk_writing(Settings().ingest_memory_limit, INGEST_CHECKPOINT_WAL) if kind == "ingest" else None
    with bulk or nullcontext():
        if dask is not None:
            from service.ingest_dask import dask_extraction

            with dask_extraction(dask) as extraction:
                return _ingest(store, items, kind=kind, origin=origin, batch_size=batch_size, synthetic=synthetic,
                               on_item=on_item, extraction=extraction)
        pool = extraction_pool(jobs)
        with pool or nullcontext():
            return _ingest(store, items, kind=kind, origin=origin, batch_size=batch_size, synthetic=synthetic,
                           on_item=on_item, extraction=Extraction(pool, jobs))


def _ingest(store: Store, items: Iterable[Article | ReadError], *, kind: str, origin: str, batch_size: int,
            synthetic: bool, on_item: Callable[[Article | ReadError], None] | None,
            extraction: Extraction) -> IngestReport:
    report = IngestReport()
    run_id: int | None = None
    batch: list[Article] = []
    in_flight_ids: Counter[str] = Counter()  # ids extracting in partitions not yet committed

    def prepare() -> tuple | None:
        """Deduplicate and classify the partition and start extracting what is new or changed (it
        runs while earlier partitions are stored)."""
        nonlocal batch
        if not batch:
            return None
        # The last occurrence of an id within a batch wins (a file listed twice, a JSONL update);
        # the same content under a second id is a duplicate, as it is against stored articles.
        by_hash: dict[str, Article] = {}
        in_batch_duplicates: dict[str, str] = {}  # dropped id -> the id kept for its content
        for article in {a.article_id: a for a in batch}.values():
            if article.content_hash in by_hash:
                report.duplicates += 1
                in_batch_duplicates[article.article_id] = by_hash[article.content_hash].article_id
            else:
                by_hash[article.content_hash] = article
        unique = list(by_hash.values())
        batch = []
        # Unchanged and duplicate articles are not extracted again (a re-run costs a read), unless
        # a partition still in flight may change what they are compared with: an id it stores
        # anew (A, then B in flight, then A again is a change) or the article a duplicate copies.
        status, seen_version = writes.classify_at(store, unique)
        moving = list(in_flight_ids)
        todo = (pl.col("status").is_in(["new", "changed"]) | pl.col("article_id").is_in(moving)
                | pl.col("duplicate_of").is_in(moving))
        todo_ids = set(status.filter(todo)["article_id"])
        candidates = [a for a in unique if a.article_id in todo_ids]
        in_flight_ids.update(a.article_id for a in candidates)
        results = extraction.submit(candidates) if candidates else (lambda: [])
        return status, seen_version, candidates, results, in_batch_duplicates

    def finish(prepared: tuple) -> None:
        """Collect the partition's figures and store it (one transaction)."""
        nonlocal run_id
        status, seen_version, candidates, results, in_batch_duplicates = prepared
        for article in candidates:
            in_flight_ids[article.article_id] -= 1
            if not in_flight_ids[article.article_id]:
                del in_flight_ids[article.article_id]
        figures: list[Figure] = []
        todo: list[Article] = []
        try:
            extracted = results()
        except PartitionFailed as exc:
            extracted = [str(exc)] * len(candidates)  # each article named, with the partition's failure
        for article, result in zip(candidates, extracted, strict=True):
            if isinstance(result, str):
                report.errors.append(ReadError(origin=article.origin_path or article.article_id, message=result))
            else:
                figures.extend(result)
                todo.append(article)
        if todo:
            if run_id is None:
                run_id = store.new_run(EXTRACTOR_VERSION, kind, origin)
            version, decided = writes.store_articles_if_any(
                store, todo, figures, run_id=run_id, kind=kind,
                description=f"{origin}: {len(todo)} article(s)", synthetic=synthetic,
                classified=(status, seen_version))
            if version:
                report.versions.append(version)
            stored = set(decided.filter(pl.col("status").is_in(["new", "changed"]))["article_id"])
            report.figures.update(f.metric for f in figures if f.article_id in stored)
            # The write's own classification replaces the earlier read for the articles it saw:
            # between the two, another writer may have stored the same content (then this one
            # is a duplicate, not new) or the same id.
            seen = set(decided["article_id"])
            status = pl.concat([status.filter(~pl.col("article_id").is_in(seen)), decided])
        failed = {a.article_id for a in candidates} - {a.article_id for a in todo}
        status = status.filter(~pl.col("article_id").is_in(failed))  # counted as errors, not stored
        for row in status.iter_rows(named=True):
            report.outcomes[row["article_id"]] = (row["status"], row["duplicate_of"])
        for dropped, kept in in_batch_duplicates.items():
            if kept in report.outcomes:
                kept_status, kept_dup = report.outcomes[kept]
                report.outcomes[dropped] = ("duplicate", kept_dup if kept_status == "duplicate" else kept)
        counts = Counter(status["status"].to_list())
        report.new += counts["new"]
        report.changed += counts["changed"]
        report.unchanged += counts["unchanged"]
        report.duplicates += counts["duplicate"]
        report.article_ids.extend(status["article_id"].to_list())

    # Up to `window` partitions are in flight: partition k is stored while k+1.. are classified
    # and extracting, so the workers are never idle for a write. Commits keep the input's order
    # (a later revision of an article stays the later one). A partition classified before an
    # earlier one committed is classified again inside its write (store_articles re-checks when
    # the version moved).
    in_flight: deque[tuple] = deque()

    def flush() -> None:
        if (ready := prepare()) is not None:
            in_flight.append(ready)
        while len(in_flight) >= extraction.window:
            finish(in_flight.popleft())

    for item in items:
        if on_item:
            on_item(item)
        if isinstance(item, ReadError):
            report.errors.append(item)
            continue
        if (problem := article_id_problem(item.article_id)) is not None:
            report.errors.append(ReadError(origin=item.origin_path or item.article_id, message=problem))
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    while in_flight:
        finish(in_flight.popleft())
    return report


def reextract(store: Store, *, force: bool = False, batch_size: int = DEFAULT_BATCH,
              on_batch: Callable[[int], None] | None = None) -> tuple[int, int, list[int]]:
    """Re-run the extractor over every current article as a new run; old rows stay, superseded.

    Without force, articles whose current figures already come from this extractor version are
    left alone. Returns (articles re-extracted, figures written, dataset versions).
    """
    run_id: int | None = None
    done = figures_written = 0
    versions: list[int] = []
    current_versions = _current_extractor_versions(store)
    offset = 0
    while True:
        page = writes.articles_for_extraction(store, offset, batch_size)
        offset += batch_size
        if page.height == 0:
            break
        ids: list[str] = []
        revisions: dict[str, int] = {}
        figures: list[Figure] = []
        for row in page.iter_rows(named=True):
            if not force and current_versions.get(row["article_id"]) == {EXTRACTOR_VERSION}:
                continue
            ids.append(row["article_id"])
            revisions[row["article_id"]] = row["revision"]
            figures.extend(extract_figures(row["extraction_text"], article_id=row["article_id"],
                                           published=writes.as_date(row["published"]), title=row["title"],
                                           source=row["source"]))
        if ids:
            if run_id is None:
                run_id = store.new_run(EXTRACTOR_VERSION, "reextract", "humstat reextract")
            versions.append(writes.replace_figures(store, ids, revisions, figures, run_id=run_id,
                                                   description=f"reextract: {len(ids)} article(s)"))
            done += len(ids)
            figures_written += len(figures)
        if on_batch:
            on_batch(page.height)
    return done, figures_written, versions


def _current_extractor_versions(store: Store) -> dict[str, set[str]]:
    df = store.frame("service/current_extractor_versions")
    return {aid: set(vs) for aid, vs in zip(df["article_id"], df["versions"])}

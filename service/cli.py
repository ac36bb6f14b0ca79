"""The `humstat` command line: ingest, extract, reextract, eval, serve, sql, export."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from service.config import Settings

DB_HELP = ("where the data lives: a DuckDB file, or a DuckLake URL ducklake:postgres:<DSN> | "
           "ducklake:/path/meta.ducklake (default: $HUMSTAT_STORE, $HUMSTAT_DB or data/humstat.duckdb)")


def db_option(f):  # noqa: ANN001, ANN201 - click decorator
    # --store and --db are one option (the older name kept): a file path or a DuckLake URL
    return click.option("--store", "--db", "db", default=None, metavar="PATH|URL", help=DB_HELP)(f)


def _db_path(db: str | None) -> Path | str:
    from service.config import store_setting

    return store_setting(db) if db else Settings().db_path


def _open(db: Path | None, *, read_only: bool = False):  # noqa: ANN202
    from service.store.db import StoreError, open_store

    settings = Settings()
    try:
        # a writer's memory and checkpoints set on purpose (README "Settings"); readers keep DuckDB's
        return open_store(_db_path(db), read_only=read_only,
                          memory_limit=None if read_only else settings.duckdb_memory_limit,
                          checkpoint_wal=None if read_only else settings.checkpoint_wal)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="humstat")
def main() -> None:
    """humstat: humanitarian figures from news articles, with provenance, in DuckDB.

    Read articles (ingest), extract figures (extract), and serve them (serve, sql, export).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--if-empty", is_flag=True, help="do nothing when the database already holds articles")
@click.option("--batch-size", default=200, show_default=True,
              help="articles per partition: extracted together (one task with --dask) and committed in one "
                   "transaction")
@click.option("--max-bytes", type=int, default=None, help="largest article accepted (default 5 MiB)")
@click.option("--dask", "dask", metavar="tcp://HOST:PORT", default=None,
              help="extract on this Dask scheduler's workers (they need humstat installed); this process "
                   "commits each partition, in input order (README \"Distributed ingest\")")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="extraction worker processes (default: number of cores, but one process when "
                   "the input is under 1 MiB: starting a worker costs ~2 s of imports and parser "
                   "load, about what one core extracts from 1 MiB in the same time)")
@click.option("--quiet", "-q", is_flag=True, help="no progress bar, only errors and the summary")
def ingest(paths: tuple[Path, ...], db: Path | None, if_empty: bool, batch_size: int, max_bytes: int | None,
           dask: str | None, jobs: int | None, quiet: bool) -> None:
    """Read articles and store them with their figures.

    PATHS are .txt/.md files (optional front matter: title, source, url, published), .html
    pages, .jsonl files (one {"id", "text", ...} per line) or folders (read recursively).
    Same content again is a no-op; changed content under the same id is a new revision.
    Exit code 1 when any input failed (the others are still stored). Without --jobs, inputs
    under 1 MiB in all (a few hundred articles) are extracted in this one process. Running the
    same ingest again (after a failure, or twice) stores nothing twice.
    """
    from service.articles import readers
    from service.ingest import ExtractionUnavailable
    from service.store.db import StoreError

    settings = Settings()
    store = _open(db)
    try:
        if if_empty and _article_count(store) > 0:
            click.echo(f"{store.path}: already holds articles; nothing to do (--if-empty)")
            return
        max_b = max_bytes or settings.max_article_bytes
        files = list(readers.iter_paths(paths))
        total = sum(p.stat().st_size for p in files if isinstance(p, Path))
        try:
            report = _ingest_with_progress(store, readers, files, total, max_b, batch_size,
                                           _default_jobs(jobs, total), show=not quiet and sys.stderr.isatty(),
                                           dask=dask)
            if report.versions:
                store.publish_snapshot()
        except (StoreError, ExtractionUnavailable) as exc:
            raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


# Below this many input bytes, `ingest` without --jobs extracts in its own process: each worker
# pays ~2 s (imports and the parser's load) before its first article, what one core needs for
# ~1 MiB at 0.13 MB/s; the dev set (163 kB) took 14.9 s with 2 workers and 7.3 s with one.
SMALL_INPUT_BYTES = 2**20


def _default_jobs(jobs: int | None, total_bytes: int) -> int:
    if jobs is not None:
        return jobs
    if total_bytes < SMALL_INPUT_BYTES:
        return 1
    return os.cpu_count() or 1


def _article_count(store) -> int:  # noqa: ANN001
    with store.read() as cur:
        return int(cur.execute("SELECT count(*) FROM articles").fetchone()[0])


def _ingest_with_progress(store, readers, files, total, max_b, batch_size, jobs, *, show, dask=None):  # noqa: ANN001, ANN202
    from service.ingest import ingest as run_ingest

    def items(advance):  # noqa: ANN001, ANN202
        for entry in files:
            if isinstance(entry, readers.ReadError):
                yield entry
                continue
            yield from readers.read_file(entry, max_bytes=max_b)
            advance(entry.stat().st_size)

    if not show:
        return run_ingest(store, items(lambda n: None), batch_size=batch_size, jobs=jobs, dask=dask)
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn  # ~0.15 s

    with Progress(TextColumn("ingest"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[articles]} articles"),
                  TimeRemainingColumn(), transient=True) as progress:
        task = progress.add_task("ingest", total=total or None, articles=0)
        count = {"n": 0}

        def on_item(item):  # noqa: ANN001, ANN202
            count["n"] += 1
            progress.update(task, articles=count["n"])

        return run_ingest(store, items(lambda n: progress.advance(task, n)), batch_size=batch_size,
                          on_item=on_item, jobs=jobs, dask=dask)


@main.command()
@click.argument("articles", type=click.File("rb"))
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="extraction worker processes (the output keeps the input's order)")
def extract(articles, jobs: int) -> None:  # noqa: ANN001
    """Extract figures from a JSONL file of articles ('-' for stdin) to stdout, one JSON per line.

    Input lines: {"id", "text", "published"?, "title"?, "source"?, "url"?}. A .txt/.md/.html file
    (or input whose first character is not '{') is read as one article's text instead. Output: one
    object per figure with the stable fields article_id, metric, value, low, high, qualifier,
    vague, unit, group, group_class, perpetrator, location, country, admin1, place_code,
    event_date_start, event_date_end, cumulative, since, as_of, claimed_by, quote, char_start,
    char_end, confidence, extractor_version. Malformed lines are reported on stderr and skipped.
    """
    import msgspec

    # service.extract directly, not service.ingest: that one brings the store (duckdb, polars,
    # pyarrow: ~0.5 s of imports) which extracting to stdout never needs.
    from service.extract import extract_figures
    from service.extract.figure import CONTRACT_FIELDS

    encoder = msgspec.json.Encoder()
    out = sys.stdout.buffer
    bad = 0

    def articles_only():  # noqa: ANN202
        nonlocal bad
        for item in _extract_inputs(articles):
            if not hasattr(item, "article_id"):
                bad += 1
                click.echo(f"skipped: {item}", err=True)
                continue
            yield item

    def write(figures) -> None:  # noqa: ANN001
        for fig in figures:
            record = msgspec.structs.asdict(fig)
            out.write(encoder.encode({k: record[k] for k in CONTRACT_FIELDS}) + b"\n")

    if jobs <= 1:
        for item in articles_only():
            write(extract_figures(item.extraction_text, article_id=item.article_id, published=item.published,
                                  title=item.title, source=item.source))
    else:
        from itertools import islice

        from service.ingest import extract_article, extraction_pool

        with extraction_pool(jobs) as pool:  # a window of articles in flight: flat memory on any input
            items = articles_only()
            while window := list(islice(items, 32 * jobs)):
                for figures in pool.map(extract_article, window, chunksize=4):
                    write(figures)
    out.flush()
    if bad:
        click.echo(f"{bad} malformed line(s) skipped", err=True)


_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def _extract_inputs(handle):  # noqa: ANN001, ANN202
    """Articles from `extract`'s input: JSONL lines, or one article when the file is text."""
    from service.articles import readers

    max_bytes = Settings().max_article_bytes
    name = getattr(handle, "name", "<stdin>")
    name = "<stdin>" if name in ("<stdin>", "-") or not isinstance(name, str) else name
    if name != "<stdin>" and Path(name).suffix.lower() in _TEXT_SUFFIXES:
        handle.close()
        yield from readers.read_file(Path(name), max_bytes=max_bytes)
        return
    head = handle.read(4096)
    if head.lstrip()[:1] not in (b"{", b""):
        # Not JSONL (every line of it would be "broken JSON"): the whole input is one article.
        click.echo(f"note: {name} is not JSONL (a line per {{\"id\", \"text\"}} object); "
                   "read as one article's text", err=True)
        text = readers._check_text(head + handle.read(max(0, max_bytes + 1 - len(head))), name, max_bytes)
        if not isinstance(text, str):
            yield text
            return
        stem = "stdin" if name == "<stdin>" else Path(name).stem
        yield readers.make_article(text, article_id=readers._ID_SAFE.sub("_", stem) or "stdin", origin=name)
        return
    import io
    import itertools

    lines = itertools.chain(io.BytesIO(head + handle.readline()), handle)
    yield from readers.read_jsonl_lines(lines, name, max_bytes=max_bytes)


@main.command()
@db_option
@click.option("--force", is_flag=True, help="re-extract articles already extracted by this extractor version")
def reextract(db: Path | None, force: bool) -> None:
    """Re-run the extractor over stored articles as a new run; old rows stay queryable as superseded."""
    from service.extract import EXTRACTOR_VERSION
    from service.ingest import reextract as run_reextract

    from service.store.db import StoreError

    store = _open(db)
    try:
        done, figures, versions = run_reextract(store, force=force)
        if versions:
            store.publish_snapshot()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    if not done:
        click.echo(f"every article is already extracted by {EXTRACTOR_VERSION}; use --force to re-run")
    else:
        click.echo(f"re-extracted {done} article(s) with {EXTRACTOR_VERSION}: {figures} figures, "
                   f"dataset version {versions[-1]}")


@main.command(name="eval")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared"),
              show_default=True, help="folder holding eval/, devset/ and acled-dev/")
def eval_(shared: Path) -> None:
    """Score the extractor on the seeds and the dev set with shared/eval/score.py, then on the
    ACLED slice (acled-dev/events.csv, when present): event totals, dates, places and monthly
    series, with shared/eval/acled_score.py."""
    from service.extract import evaluate

    if not (shared / "eval" / "score.py").exists():
        raise click.ClickException(f"{shared}/eval/score.py not found: pass --shared pointing at the shared folder")
    evaluate.run(shared)


@main.command()
@db_option
@click.option("--host", default=None, help="address to listen on (default $HOST or 127.0.0.1)")
@click.option("--port", type=int, default=None, help="port (default $PORT or 8000)")
def serve(db: Path | None, host: str | None, port: int | None) -> None:
    """Serve the REST API, charts and the web page."""
    import uvicorn

    from service.api.app import create_app

    settings = Settings().replace(db_path=_db_path(db) if db else None, host=host, port=port)
    from service.store.db import StoreError, check_database_file

    try:
        # The app opens the store during startup, where a refusal would surface as uvicorn's
        # 45-line traceback: check the file here and say it in one line.
        check_database_file(settings.db_path)
        app = create_app(settings)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


@main.command()
@click.argument("query", required=False)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="write to this file (parquet needs it)")
def sql(query: str | None, db: Path | None, fmt: str, out: Path | None) -> None:
    """Run one read-only SQL query against the database (works while `humstat serve` runs).

    QUERY is one read statement (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN); '-' or
    none reads it from stdin. Start from the views figures_current, figures_with_provenance,
    series_monthly (see README, "For researchers"). A table on a terminal; --format csv|json|parquet for
    machine-readable output (every row), to --out FILE or stdout.
    """
    from service.research import sqlcli

    from service.store.db import StoreError, readable

    try:
        text = sqlcli.read_query(query, sys.stdin)
        with readable(_db_path(db)) as path:  # a DuckLake: its current data published locally
            sqlcli.run(text, path, fmt, out)
    except (sqlcli.SqlCliError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=False)
def export(db: Path | None, fmt: str, out: Path | None) -> None:
    """Export tables and views with a Frictionless datapackage.json.

    Writes every table and the main views (figures_current, figures_with_provenance, the monthly
    series...) to --out (default: export/), replacing a previous export there in one step. Parquet
    resources over $HUMSTAT_EXPORT_PARTITION_ROWS rows (default 1,000,000) are split by year.
    Works while `humstat serve` runs (it then reads the published snapshot).
    """
    from service.research.export import export as run_export
    from service.store.db import StoreError, readable

    try:
        with readable(_db_path(db), catalog=True) as path:  # a DuckLake: its current data published locally
            report = run_export(path, out or Path("export"), fmt)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if report.source != "database":
        click.echo(f"note: read the {report.source}", err=True)
    click.echo(report.summary())


@main.command()
@db_option
@click.option("--expire-older-than", default=None, metavar="INTERVAL",
              help="DuckLake: end DuckLake snapshots older than this (default $HUMSTAT_LAKE_EXPIRE or 7 days)")
@click.option("--delete-older-than", default=None, metavar="INTERVAL",
              help="DuckLake: delete files unused for this long (default $HUMSTAT_LAKE_DELETE_AFTER or 1 hour)")
def maintain(db: Path | None, expire_older_than: str | None, delete_older_than: str | None) -> None:
    """Compact the store; run it on a schedule (README "Scaling out").

    A DuckDB file: CHECKPOINT. A DuckLake: write inlined small writes out as Parquet, expire old
    DuckLake snapshots, merge small files, rewrite files with many deleted rows, delete unused
    files. humstat's dataset versions and as_of_version are never affected. Safe while services
    and ingests run (a step that meets a concurrent write is retried).
    """
    import json

    from service.store.db import StoreError

    settings = Settings()
    store = _open(db)
    try:
        report = store.maintain(expire_older_than or settings.lake_expire, delete_older_than or settings.lake_delete_after)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(json.dumps(report, sort_keys=True))


@main.command()
@db_option
@click.option("--min-free", type=click.FloatRange(0, 1), default=None,
              help="copy only when free blocks are more than this share of the file (default 0.25)")
@click.option("--force", is_flag=True, help="copy whatever the share of free blocks")
def compact(db: Path | None, min_free: float | None, force: bool) -> None:
    """Give a DuckDB file's free blocks back (nothing may hold the file: stop `humstat serve` first).

    Checkpoints, then, when free blocks exceed --min-free of the file, copies the database into a
    fresh file (COPY FROM DATABASE), checks every table's rows, and swaps it in atomically. A
    DuckLake store compacts with `humstat maintain` instead.
    """
    import json

    from service.store.compact import FREE_SHARE, compact_file
    from service.store.db import StoreError

    path = _db_path(db)
    if str(path).startswith("ducklake:"):
        raise click.ClickException(f"{path} is a DuckLake: compact it with `humstat maintain`")
    try:
        stats = compact_file(path, min_free_share=FREE_SHARE if min_free is None else min_free, force=force)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(stats.as_dict(), sort_keys=True))


if __name__ == "__main__":
    main()

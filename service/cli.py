"""The `humstat` command line: ingest, extract, reextract, eval, serve, sql, export."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from service.config import Settings

DB_HELP = "DuckDB database file (default: $HUMSTAT_DB or data/humstat.duckdb)"


def db_option(f):  # noqa: ANN001, ANN201 - click decorator
    return click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help=DB_HELP)(f)


def _db_path(db: Path | None) -> Path:
    return db or Settings().db_path


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
@click.option("--batch-size", default=200, show_default=True, help="articles per transaction")
@click.option("--max-bytes", type=int, default=None, help="largest article accepted (default 5 MiB)")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="extraction worker processes (default: number of cores)")
@click.option("--quiet", "-q", is_flag=True, help="no progress bar, only errors and the summary")
def ingest(paths: tuple[Path, ...], db: Path | None, if_empty: bool, batch_size: int, max_bytes: int | None,
           jobs: int | None, quiet: bool) -> None:
    """Read articles and store them with their figures.

    PATHS are .txt/.md files (optional front matter: title, source, url, published), .html
    pages, .jsonl files (one {"id", "text", ...} per line) or folders (read recursively).
    Same content again is a no-op; changed content under the same id is a new revision.
    Exit code 1 when any input failed (the others are still stored).
    """
    from service.articles import readers
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
                                           jobs or os.cpu_count() or 1, show=not quiet and sys.stderr.isatty())
            if report.versions:
                store.publish_snapshot()
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


def _article_count(store) -> int:  # noqa: ANN001
    with store.read() as cur:
        return int(cur.execute("SELECT count(*) FROM articles").fetchone()[0])


def _ingest_with_progress(store, readers, files, total, max_b, batch_size, jobs, *, show):  # noqa: ANN001, ANN202
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from service.ingest import ingest as run_ingest

    def items(advance):  # noqa: ANN001, ANN202
        for entry in files:
            if isinstance(entry, readers.ReadError):
                yield entry
                continue
            yield from readers.read_file(entry, max_bytes=max_b)
            advance(entry.stat().st_size)

    if not show:
        return run_ingest(store, items(lambda n: None), batch_size=batch_size, jobs=jobs)
    with Progress(TextColumn("ingest"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[articles]} articles"),
                  TimeRemainingColumn(), transient=True) as progress:
        task = progress.add_task("ingest", total=total or None, articles=0)
        count = {"n": 0}

        def on_item(item):  # noqa: ANN001, ANN202
            count["n"] += 1
            progress.update(task, articles=count["n"])

        return run_ingest(store, items(lambda n: progress.advance(task, n)), batch_size=batch_size,
                          on_item=on_item, jobs=jobs)


@main.command()
@click.argument("articles", type=click.File("rb"))
def extract(articles) -> None:  # noqa: ANN001
    """Extract figures from a JSONL file of articles ('-' for stdin) to stdout, one JSON per line.

    Input lines: {"id", "text", "published"?, "title"?, "source"?, "url"?}. Output: one object per
    figure with the stable fields article_id, metric, value, low, high, qualifier, vague, unit,
    group, group_class, perpetrator, location, country, admin1, place_code, event_date_start,
    event_date_end, cumulative, since, as_of, claimed_by, quote, char_start, char_end,
    confidence, extractor_version. Malformed lines are reported on stderr and skipped.
    """
    import msgspec

    from service.articles.readers import read_jsonl_lines
    from service.extract.figure import CONTRACT_FIELDS
    from service.ingest import extract_article

    encoder = msgspec.json.Encoder()
    out = sys.stdout.buffer
    bad = 0
    name = getattr(articles, "name", "<stdin>")
    for item in read_jsonl_lines(articles, "<stdin>" if name == "<stdin>" else name, max_bytes=Settings().max_article_bytes):
        if not hasattr(item, "article_id"):
            bad += 1
            click.echo(f"skipped: {item}", err=True)
            continue
        for fig in extract_article(item):
            record = msgspec.structs.asdict(fig)
            out.write(encoder.encode({k: record[k] for k in CONTRACT_FIELDS}) + b"\n")
    out.flush()
    if bad:
        click.echo(f"{bad} malformed line(s) skipped", err=True)


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

    settings = Settings().replace(db_path=db, host=host, port=port)
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

    try:
        text = sqlcli.read_query(query, sys.stdin)
        sqlcli.run(text, _db_path(db), fmt, out)
    except sqlcli.SqlCliError as exc:
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
    from service.store.db import StoreError

    try:
        report = run_export(_db_path(db), out or Path("export"), fmt)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if report.source != "database":
        click.echo(f"note: read the {report.source}", err=True)
    click.echo(report.summary())


if __name__ == "__main__":
    main()

"""Dataset exports: every table and the main views as Parquet or CSV, with a Frictionless
`datapackage.json` (field types and descriptions, HXL tags, sources, licence note, sha256).

The whole export reads one transaction, so every file shows the same dataset version. Files are
written with DuckDB's COPY over our own fixed list of tables and views (never user input) into a
temporary folder beside the target, which then replaces the target in one rename: a reader never
sees half an export. Parquet resources larger than `partition_rows` are split by year
(hive-style `year=2023/` folders; the `year` column is kept inside the files too).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from service.config import Settings
from service.formats import CSV_FORMULA

from service.research import datapackage
from service.store.db import Store, StoreError, snapshot_path



@dataclass(frozen=True)
class Resource:
    """One exported table or view: its name, what it holds, and the column its year comes from."""

    name: str
    description: str
    year_from: str | None = None
    primary_key: tuple[str, ...] = ()
    order_by: str = ""


# Fixed allow-list: the only relations an export reads. Views after tables.
RESOURCES: tuple[Resource, ...] = (
    Resource("figures", "Every extracted figure, current and superseded (version_from/version_to), "
             "as read from the article; reviews are not applied here.", "event_date_start", ("row_id",), "row_id"),
    Resource("articles", "Every article revision as read, with its text and where it came from.", "published",
             ("article_id", "revision"), "article_id, revision"),
    Resource("reviews", "Human reviews of figures (confirm, reject, correct), in order.", "created_at",
             ("review_id",), "review_id"),
    Resource("places", "The gazetteer: countries, states/regions, districts, townships and towns with codes "
             "and coordinates.", None, ("code",), "code"),
    Resource("metrics", "The metric registry: what each figure counts, its HXL hashtag, flow or stock.", None,
             ("name",), "name"),
    Resource("dataset_versions", "One row per committed write: the dataset's version history.", None,
             ("version",), "version"),
    Resource("extraction_runs", "Extraction runs and the extractor version each used.", None, ("run_id",), "run_id"),
    Resource("figures_current", "Current figures with reviews applied (rejected ones left out): where most "
             "questions start.", "event_date_start", ("figure_id",), "figure_id"),
    Resource("articles_current", "The latest revision of each article.", "published", ("article_id",), "article_id"),
    Resource("figures_with_provenance", "Current figures with the publisher, title, URL and date of the "
             "article each came from, and the metric's kind and HXL tag.", "event_date_start", ("figure_id",),
             "figure_id"),
    Resource("flow_series_monthly", "Flow figures per month and place after merging repeated reports of one "
             "incident (the lowest value counts once).", "period", (), "metric, place_code, period"),
    Resource("stock_series_monthly", "Stocks and cumulative totals per month and place: the latest value in "
             "each month, never summed.", "period", (), "metric, place_code, period"),
    Resource("article_sources", "Publishers the figures come from, with counts and date spans.", None,
             ("source",), "source"),
)


@dataclass
class ExportReport:
    """What an export wrote."""

    out: Path
    fmt: str
    version: int
    source: str
    resources: dict[str, int] = field(default_factory=dict)   # name -> rows
    partitioned: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = ", ".join(f"{n} ({r} rows{', by year' if n in self.partitioned else ''})"
                          for n, r in self.resources.items())
        return (f"exported dataset version {self.version} from the {self.source} as {self.fmt} to {self.out}: "
                f"{parts}; see {self.out / 'datapackage.json'}")


def partition_rows_default() -> int:
    """Rows above which a Parquet resource is split by year: $HUMSTAT_EXPORT_PARTITION_ROWS or 1,000,000."""
    return Settings().export_partition_rows


@contextmanager
def _reader(source: Store | Path) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """A cursor in one read transaction over the store, the main file, or its snapshot."""
    if isinstance(source, Store):
        with source.read() as cur:
            yield cur, "database"
        return
    path = Path(source)
    if not path.exists() and not snapshot_path(path).exists():
        raise StoreError(f"{path}: no such database (run 'humstat ingest' first)")
    label = "database"
    try:
        store = Store(path, read_only=True)
    except StoreError as exc:
        snap = snapshot_path(path)
        if "open for writing" not in str(exc) or not snap.exists():
            raise
        store, label = Store(snap, read_only=True), f"snapshot {snap.name} (the database is open for writing)"
    try:
        with store.read() as cur:
            yield cur, label
    finally:
        store.close()


def _q(s: str) -> str:
    return s.replace("'", "''")


def export(source: Store | Path, out: Path, fmt: str = "parquet", *, partition_rows: int | None = None) -> ExportReport:
    """Write every resource and datapackage.json to `out` (replaced atomically)."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown export format {fmt!r} (parquet or csv)")
    threshold = partition_rows_default() if partition_rows is None else partition_rows
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not (out / "datapackage.json").exists():
        raise StoreError(f"{out}: not empty and not a previous export (no datapackage.json); "
                         "choose an empty or new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        with _reader(source) as (cur, label):
            version = int(cur.execute("SELECT current_version()").fetchone()[0])
            report = ExportReport(out=out, fmt=fmt, version=version, source=label)
            package = datapackage.Builder(cur, version=version, fmt=fmt)
            for res in RESOURCES:
                rows = int(cur.execute(f"SELECT count(*) FROM {res.name}").fetchone()[0])
                columns = cur.execute(f"SELECT * FROM {res.name} LIMIT 0").description
                partition = fmt == "parquet" and res.year_from is not None and rows > threshold
                files = _write(cur, res, tmp, fmt, columns, partition)
                report.resources[res.name] = rows
                if partition:
                    report.partitioned.append(res.name)
                package.add(res, files=[f.relative_to(tmp) for f in files], root=tmp, rows=rows,
                            partitioned=partition)
            package.write(tmp / "datapackage.json")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return report


_FORMULA = CSV_FORMULA  # the API's test for a cell a spreadsheet would run (DuckDB reads the regex alike)


def _write(cur: duckdb.DuckDBPyConnection, res: Resource, tmp: Path, fmt: str, columns: list, partition: bool
           ) -> list[Path]:
    order = f" ORDER BY {res.order_by}" if res.order_by else ""
    if fmt == "csv":
        # CSV has no lists: list columns are written as JSON arrays (Table Schema type "array").
        # Text cells that a spreadsheet would run as a formula get a leading ' (OWASP; the API's
        # CSV does the same: service.formats.csv_neutral); numbers keep their sign.
        select = ", ".join(f'to_json("{c[0]}") AS "{c[0]}"' if str(c[1]).endswith("[]") or "LIST" in str(c[1]).upper()
                           else (f'CASE WHEN regexp_matches("{c[0]}", \'{_FORMULA}\') THEN \'\'\'\' || "{c[0]}" '
                                 f'ELSE "{c[0]}" END AS "{c[0]}"') if str(c[1]).upper() == "VARCHAR"
                           else f'"{c[0]}"' for c in columns)
        target = tmp / f"{res.name}.csv"
        cur.execute(f"COPY (SELECT {select} FROM {res.name}{order}) TO '{_q(str(target))}' "
                    "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', DATEFORMAT '%Y-%m-%d')")
        return [target]
    if partition:
        target = tmp / res.name
        cur.execute(f"COPY (SELECT *, year({res.year_from}) AS year FROM {res.name}{order}) TO '{_q(str(target))}' "
                    "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year), WRITE_PARTITION_COLUMNS true)")
        return sorted(target.rglob("*.parquet"))
    target = tmp / f"{res.name}.parquet"
    cur.execute(f"COPY (SELECT * FROM {res.name}{order}) TO '{_q(str(target))}' (FORMAT parquet, COMPRESSION zstd)")
    return [target]


def _swap(tmp: Path, out: Path) -> None:
    """Put the finished export at `out` in one rename (the old one, if any, is removed after)."""
    if not out.exists():
        tmp.rename(out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    out.rename(old)
    try:
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(out: Path) -> list[str]:
    """Problems found re-checking an export against its datapackage.json (empty when intact)."""
    pkg = json.loads((out / "datapackage.json").read_text())
    problems = []
    for res in pkg["resources"]:
        for part in res.get("humstat:files") or [{"path": res["path"], "hash": res["hash"], "bytes": res["bytes"]}]:
            path = out / part["path"]
            if not path.exists():
                problems.append(f"{part['path']}: missing")
            elif "sha256:" + sha256(path) != part["hash"]:
                problems.append(f"{part['path']}: sha256 differs")
    return problems


def now_iso() -> str:
    """The current UTC time, ISO 8601."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

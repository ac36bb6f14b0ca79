"""Schema migrations, run on open: a new database gets sql/schema.sql, an older one the
numbered files in sql/migrations/ it has not seen; then views are recreated and the reference
tables (metrics, places) brought up to date."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from service import metrics
from service.store import sqlfiles

# The schema.sql baseline is version 1; add sql/migrations/NNN_name.sql for every later change
# (and update schema.sql to match, so new databases start from the same shape).
BASELINE = 1


def _migration_files() -> list[tuple[int, Path]]:
    folder = sqlfiles.sql_dir() / "migrations"
    found = []
    for path in sorted(folder.glob("[0-9][0-9][0-9]_*.sql")):
        found.append((int(path.name[:3]), path))
    return found


def _migration_sql(path: Path, backend: Any) -> str:
    # A DuckLake takes sql/lake/migrations/<same name> when the file form uses what it lacks
    # (indexes, sequences, keys); backend.sql() picks it.
    return backend.sql(f"migrations/{path.stem}") if backend is not None else path.read_text(encoding="utf-8")


def latest_version() -> int:
    """The schema version this code expects."""
    files = _migration_files()
    return max([BASELINE] + [n for n, _ in files])


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    exists = con.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND schema_name = 'main'"
        " AND database_name = current_database())"
        " + (SELECT count(*) FROM duckdb_views() WHERE view_name = 'schema_migrations' AND schema_name = 'main'"
        " AND database_name = current_database())"
    ).fetchone()[0]
    if not exists:
        return 0
    return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0])


def check_current(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """For read-only opens: refuse a database whose schema this code does not know."""
    have, want = current_version(con), latest_version()
    if have != want:
        from service.store.db import StoreError

        raise StoreError(f"{path}: schema version {have}, this humstat needs {want}; "
                         "open it once read-write (humstat ingest or serve) to migrate")


_COLUMN_COMMENT = re.compile(r"^\s+\"?(\w+)\"?\s+[A-Z][A-Z0-9\[\]]*.*?--\s*(.+?)\s*$")
_TABLE = re.compile(r"^CREATE TABLE IF NOT EXISTS (\w+)")


def column_comments(schema_sql: str) -> list[tuple[str, str, str]]:
    """(table, column, comment) for every '-- comment' on a column line of schema.sql."""
    out, table = [], None
    for line in schema_sql.splitlines():
        if m := _TABLE.match(line):
            table = m.group(1)
        elif line.startswith(")"):
            table = None
        elif table and (m := _COLUMN_COMMENT.match(line)):
            out.append((table, m.group(1), m.group(2)))
    return out


def _apply(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    for statement in re.split(r";\s*(?:\n|$)", sql):
        if statement.strip() and not all(
            not ln.strip() or ln.strip().startswith("--") for ln in statement.splitlines()
        ):
            con.execute(statement)


def migrate(con: duckdb.DuckDBPyConnection, backend: Any = None) -> None:
    """Bring the schema, views and reference tables up to date, each step one transaction.

    `backend` (service.store.backends) is None or a file for a DuckDB file; a DuckLake gets
    sql/lake/schema.sql, and its views are rewritten only when sql/views.sql changed (several
    processes open one lake: rewriting them on every open would make every start a catalog write
    that conflicts with the others')."""
    lake = backend is not None and backend.kind == "lake"
    have = current_version(con)
    if have > latest_version():
        from service.store.db import StoreError

        raise StoreError(f"schema version {have} is newer than this humstat knows ({latest_version()}); upgrade humstat")
    if have == 0:
        con.execute("BEGIN TRANSACTION")
        schema = sqlfiles.load("lake/schema" if lake else "schema")
        _apply(con, schema)
        for table, column, comment in column_comments(schema):
            con.execute(f"COMMENT ON COLUMN {table}.{column} IS '{comment.replace(chr(39), chr(39) * 2)}'")
        if lake:
            con.execute("INSERT INTO lake_head VALUES (0)")
        con.execute("INSERT INTO schema_migrations VALUES (?, 'schema.sql', now())", [latest_version()])
        con.execute("COMMIT")
    else:
        for number, path in _migration_files():
            if number > have:
                con.execute("BEGIN TRANSACTION")
                _apply(con, _migration_sql(path, backend))
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, path.name])
                con.execute("COMMIT")
    con.execute("BEGIN TRANSACTION")
    if not lake:
        apply_views(con)
    else:
        digest = hashlib.sha256(sqlfiles.load("views").encode()).hexdigest()
        if _meta(con, "views_hash") != digest:
            apply_views(con)
            _set_meta(con, "views_hash", digest)
    _sync_reference(con)
    con.execute("COMMIT")


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    # delete + insert, not INSERT OR REPLACE: a DuckLake table has no key to replace on
    con.execute("DELETE FROM store_meta WHERE key = ?", [key])
    con.execute("INSERT INTO store_meta VALUES (?, ?)", [key, value])


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the views and macros of sql/views.sql (on a database or a published catalog)."""
    _apply(con, sqlfiles.load("views"))


def _sync_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Reload metrics and places when the code's registry or gazetteer changed."""
    metric_rows = pl.DataFrame([{f: getattr(m, f) for f in m.__struct_fields__} for m in metrics.METRICS])
    digest = _reference_digest(metric_rows)
    if _meta(con, "reference_hash") == digest:
        return  # the common case: building the gazetteer frame costs seconds, so skip it
    con.register("incoming_metrics", metric_rows.to_arrow())
    con.execute("DELETE FROM metrics")
    con.execute("INSERT INTO metrics SELECT name, label, definition, hxl, kind, unit FROM incoming_metrics")
    con.unregister("incoming_metrics")
    places = _places_frame()
    if places.height:
        con.register("incoming_places", places.to_arrow())
        con.execute("DELETE FROM places")
        con.execute(sqlfiles.load("service/insert_places"))
        con.unregister("incoming_places")
    _set_meta(con, "reference_hash", digest)


def _reference_digest(metric_rows: pl.DataFrame) -> str:
    # The gazetteer is a pure function of its data files and code: hash those, not its output.
    h = hashlib.sha256(metric_rows.write_csv().encode())
    places_dir = Path(__file__).resolve().parents[1] / "places"
    for path in sorted(places_dir.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".json", ".txt"}:
            h.update(path.relative_to(places_dir).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _places_frame() -> pl.DataFrame:
    from service.places.gazetteer import gazetteer

    return gazetteer().frame()

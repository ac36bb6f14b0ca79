"""What other processes read while the service writes: Parquet partitions rewritten only where rows
changed, and a small catalog database of views over them (#16.3).

DuckDB lets no other process open a file while one holds it for writing, so the service publishes
the data beside it:

- `<db>.lake/` holds every table as Parquet: figures by metric and month of the figure's date
  (`figures/metric=killed/month=2024-03/c<chunk>-v<N>-<t>.parquet`), articles by publication month,
  reviews, dataset versions and extraction runs by month; places, metrics and the bookkeeping
  tables whole. A figures or articles partition is split into `buckets` chunks by a hash of the
  article id (chosen at a full publish so an average chunk holds at most CHUNKED[table] rows; kept in
  the manifest): an article and its figures sit in one chunk of each partition, so a write rewrites
  a few thousand rows however large the store. After a write only the partitions (chunks) holding rows that write
  stored or superseded are written again, each as a new file (files are never changed in place);
  `manifest.json` lists the files of the published version.
- `<db>.snapshot.duckdb` (the name researchers, `humstat sql` and the SQL sandbox already open) is
  a catalog of 0.1-0.3 MB (16 KiB blocks, not DuckDB's 256 KiB: it is rewritten at every
  publish and lists every file): one view per table over its Parquet files, and the views
  and macros of sql/views.sql, so the same queries run on it. It is replaced atomically; a session
  that opened it reads one whole version until it re-opens.

Files that left the manifest are deleted once they are `keep_s` old (default an hour), so a
session holding an older catalog keeps working that long.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import duckdb

from service.store import migrations

# Tables written in partitions (sql/service/lake_<table>_parts.sql names the partitions changed
# by some versions, lake_<table>_rows.sql the rows of one), and tables written whole.
PARTITIONED: dict[str, tuple[str, ...]] = {
    "figures": ("metric", "month"), "articles": ("month",), "reviews": ("month",),
    "dataset_versions": ("month",), "extraction_runs": ("month",),
}
WHOLE: tuple[str, ...] = ("places", "metrics", "store_meta", "schema_migrations")
# Tables whose partitions are split into chunks by a hash of the article id (the last value of a
# part: "killed/2024-03/5"), and the rows an average chunk should hold: a write costs a chunk, not
# a month. The balance: every publish rewrites the manifest and the catalog, which list every file
# (~250 bytes a file written), and the chunks a write touched (~85 bytes a figure row). At 5M
# figures, chunks of ~2k rows (3,841 files) made every publish write 2.3 MB of lists; ~8k rows
# (4 chunks a month) keep lists and a chunk near 0.3-0.5 MB each.
CHUNKED: dict[str, int] = {"figures": 8192, "articles": 512}
MAX_BUCKETS = 256
# More changed chunks than this in one publish (the first, a large ingest): one partitioned COPY,
# one scan of the table, instead of a scan per chunk.
BULK_PARTS = 8
# Chunks one partitioned COPY writes at once: each open chunk file buffers its rows until it is
# written, so 256 chunks of ~2k rows hold ~0.5M rows (all 3,840 chunks of a 5M-figure store in one
# COPY ran out of the 2 GB memory limit).
BULK_BATCH = 256
CATALOG = "humstat_catalog"
CATALOG_BLOCK_SIZE = 16384  # DuckDB's smallest: the catalog holds view text only
MANIFEST = "manifest.json"


def lake_dir(db_path: Path) -> Path:
    """Where the Parquet of `db_path` is published: data/humstat.duckdb -> data/humstat.lake/."""
    return db_path.with_name(db_path.stem + ".lake")


def lake_dir_for_snapshot(snapshot: Path) -> Path:
    """The Parquet folder a published catalog (<name>.snapshot.duckdb) reads."""
    name = snapshot.name.removesuffix(".duckdb").removesuffix(".snapshot")
    return snapshot.with_name(name + ".lake")


def _quote(s: str) -> str:
    # Paths are ours (derived from the configured database path), quoted for one SQL literal.
    return s.replace("'", "''")


def _part_file(table: str, part: str, tag: str) -> str:
    """Where the file of one partition (chunk) goes: figures/metric=killed/month=2024-03/c5-<tag>.parquet."""
    values = part.split("/")
    chunk = values.pop() if table in CHUNKED else None
    safe = ["".join(c if c.isalnum() or c in "-_" else "_" for c in v) for v in values]
    folder = "/".join(f"{k}={v}" for k, v in zip(PARTITIONED[table], safe))
    return f"{table}/{folder}/{tag}.parquet" if chunk is None else f"{table}/{folder}/c{int(chunk)}-{tag}.parquet"


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out or "0"


def _buckets(average_partition: float, rows: int) -> int:
    """Chunks per partition: a power of two giving the average partition at most `rows` a chunk
    (the average: one large month must not multiply every month's files)."""
    b = 1
    while b < MAX_BUCKETS and average_partition > b * rows:
        b *= 2
    return b


class Lake:
    """The Parquet publication of one store; `publish()` brings it to the store's current version."""

    def __init__(self, store: Any, keep_s: float = 3600.0) -> None:
        self.store = store
        self.dir = lake_dir(store.path)
        self.keep_s = keep_s
        self._lock = threading.Lock()
        self._whole_written = False  # places, metrics... (fixed while the store is open) by this process
        self.last: dict[str, Any] = {}  # what the last publish did: version, files and bytes written

    def _manifest(self) -> dict[str, Any] | None:
        try:
            m = json.loads((self.dir / MANIFEST).read_text())
        except (OSError, ValueError):
            return None
        return m if isinstance(m, dict) and isinstance(m.get("files"), dict) else None

    def publish(self, target: Path) -> Path:
        """Write the partitions changed since the last publish, then the catalog at `target`."""
        with self._lock:
            return self._publish(target)

    def _publish(self, target: Path) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest = self._manifest()
        written: list[str] = []
        with self.store.read() as cur:
            version = int(cur.execute("SELECT current_version()").fetchone()[0])
            created, now = cur.execute(self.store.sql("service/lake_version"), {"version": version}).fetchone()
            # the manifest continues this database's history only if it names one of its versions
            old = None
            if manifest is not None and isinstance(manifest.get("version"), int) and manifest["version"] <= version:
                known, _ = cur.execute(self.store.sql("service/lake_version"), {"version": manifest["version"]}).fetchone()
                if known is not None and known == manifest.get("version_created_at"):
                    old = manifest["version"]
            # chunks per figures partition: kept while the manifest's history continues (a change
            # would move rows between files), chosen again at a full publish
            buckets = (manifest or {}).get("buckets") if old is not None else None
            if not isinstance(buckets, dict) or set(buckets) != set(CHUNKED):
                old = None
                buckets = {t: _buckets(float(cur.execute(self.store.sql(f"service/lake_{t}_sizes")).fetchone()[0] or 0),
                                       rows) for t, rows in CHUNKED.items()}
            if old is not None and old == version and self._whole_written and target.exists():
                self.last = {"version": version, "files": 0, "bytes": 0}
                return target
            files: dict[str, dict[str, str]] = {t: dict(v) for t, v in (manifest or {}).get("files", {}).items()} \
                if old is not None else {}
            tag = f"v{version}-{_base36(time.time_ns())}"  # unique across restarts; short: the manifest lists it
            since = manifest.get("published_at") if old is not None and manifest else None
            for table in PARTITIONED:
                have = files.setdefault(table, {})
                if "" not in have or not self._whole_written:  # a zero-row file: the columns, always
                    rel = f"{table}/_schema-{tag}.parquet"
                    self._copy(cur, f"service/lake_{table}_rows", self._params(table, None, buckets), rel)
                    written.append(rel)
                    have[""] = rel
                params: dict[str, Any] = {"old": old, "new": version}
                if table == "extraction_runs":  # not versioned: runs started or finished since
                    params = {"since": since if old is not None else None}
                if table in CHUNKED:
                    params["buckets"] = buckets[table]
                parts = [p for (p,) in cur.execute(self.store.sql(f"service/lake_{table}_parts"), params).fetchall()]
                if table in CHUNKED and len(parts) > BULK_PARTS:
                    done: dict[str, str] = {}
                    for i in range(0, len(parts), BULK_BATCH):
                        done.update(self._copy_many(cur, table, parts[i:i + BULK_BATCH], buckets[table],
                                                    f"{tag}-{i}", tag))
                    have.update(done)
                    written.extend(done.values())
                    parts = [p for p in parts if p not in done]  # none, unless a chunk came out in two files
                for part in parts:
                    rel = _part_file(table, part, tag)
                    if self._copy(cur, f"service/lake_{table}_rows", self._params(table, part, buckets), rel):
                        have[part] = rel
                        written.append(rel)
                    else:
                        (self.dir / rel).unlink(missing_ok=True)
                        have.pop(part, None)
            if not self._whole_written or old is None:
                for table in WHOLE:
                    rel = f"{table}/{tag}.parquet"
                    self._copy(cur, "service/lake_whole_table", {"table": table}, rel)
                    files[table] = {"": rel}
                    written.append(rel)
        self._catalog(files, target)
        new_manifest = {"version": version, "version_created_at": created, "published_at": now, "buckets": buckets,
                        "files": files}
        tmp = self.dir / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(new_manifest, separators=(",", ":"), sort_keys=True))
        tmp.replace(self.dir / MANIFEST)
        self._whole_written = True
        self.last = {"version": version, "files": len(written),
                     "bytes": sum((self.dir / r).stat().st_size for r in written)}
        self._clean(files)
        return target

    @staticmethod
    def _params(table: str, part: str | None, buckets: dict[str, int]) -> dict[str, Any]:
        return {"part": part, "buckets": buckets[table]} if table in CHUNKED else {"part": part}

    def _copy_many(self, cur: duckdb.DuckDBPyConnection, table: str, parts: list[str], buckets: int,
                   batch: str, tag: str) -> dict[str, str]:
        """The rows of many chunks of `table` written with one partitioned COPY (lake_<table>_bulk.sql)
        into a staging folder, then moved where _part_file puts them; returns {part: file}. A chunk
        that came out in more than one file is left out (the caller writes it alone)."""
        staging = self.dir / f"_staging-{batch}"
        query = self.store.sql(f"service/lake_{table}_bulk").strip().rstrip(";")
        # one open file per chunk: DuckDB's default (100) would split chunks into several files
        cur.execute(f"SET partitioned_write_max_open_files = {len(parts) + 1}")
        try:
            by = ", ".join([*(f"lake_{k}" for k in PARTITIONED[table]), "lake_chunk"])
            cur.execute(f"COPY ({query}) TO '{_quote(str(staging))}' (FORMAT parquet, COMPRESSION zstd, "
                        f"PARTITION_BY ({by}))", {"parts": parts, "buckets": buckets})
            found: dict[str, list[Path]] = {}
            for path in staging.rglob("*.parquet"):
                values = [unquote(d.split("=", 1)[1]) for d in path.parent.relative_to(staging).parts]
                found.setdefault("/".join(values), []).append(path)
            done: dict[str, str] = {}
            for part, paths in found.items():
                if len(paths) == 1:
                    rel = _part_file(table, part, tag)
                    (self.dir / rel).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(paths[0], self.dir / rel)
                    done[part] = rel
            return done
        finally:
            try:
                cur.execute("RESET partitioned_write_max_open_files")
            except duckdb.Error:
                pass  # the COPY failed and took the transaction with it: its own error is raised
            shutil.rmtree(staging, ignore_errors=True)

    def _copy(self, cur: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any], rel: str) -> int:
        """Rows of the named query into one Parquet file (zstd); returns how many."""
        path = self.dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        query = self.store.sql(sql).strip().rstrip(";")
        row = cur.execute(f"COPY ({query}) TO '{_quote(str(path))}' (FORMAT parquet, COMPRESSION zstd)",
                          params).fetchone()
        return int(row[0]) if row else 0

    def _catalog(self, files: dict[str, dict[str, str]], target: Path) -> None:
        """The catalog database: a view per table over its files, and sql/views.sql; swapped in whole."""
        tmp = target.with_name(target.name + ".tmp")
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        con = duckdb.connect(str(tmp), config={"default_block_size": str(CATALOG_BLOCK_SIZE)})
        try:
            for table in (*PARTITIONED, *WHOLE):
                paths = [str((self.dir / rel).resolve()) for _, rel in sorted(files.get(table, {}).items())]
                listed = ", ".join(f"'{_quote(p)}'" for p in paths)
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}])")
            migrations.apply_views(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        tmp.replace(target)  # readers holding the old catalog keep it until they close

    def _clean(self, files: dict[str, dict[str, str]]) -> None:
        """Delete files no manifest names once they are keep_s old."""
        keep = {str((self.dir / rel)) for parts in files.values() for rel in parts.values()}
        cutoff = time.time() - self.keep_s
        for root, _, names in os.walk(self.dir):
            for name in names:
                if not name.endswith(".parquet"):
                    continue
                path = os.path.join(root, name)
                if path not in keep:
                    try:
                        if os.stat(path).st_mtime < cutoff:
                            os.unlink(path)
                    except OSError:
                        pass

"""What other processes read while the service writes: Parquet partitions rewritten only where rows
changed, and a small catalog database of views over them (#16.3).

DuckDB lets no other process open a file while one holds it for writing, so the service publishes
the data beside it:

- `<db>.lake/` holds every table as Parquet: figures by metric and month of the figure's date
  (`figures/metric=killed/month=2024-03/c<chunk>-g<gen>-v<N>-<t>.parquet`), articles by publication
  month, reviews, dataset versions and extraction runs by month; places, metrics and the
  bookkeeping tables whole. A figures or articles partition is split into `buckets` chunks by a
  hash of the article id (chosen at a full publish so an average chunk holds at most
  CHUNKED[table] rows; kept in the manifest): an article and its figures sit in one chunk of each
  partition, so a write rewrites a few thousand rows however large the store. After a write only
  the partitions (chunks) holding rows that write stored or superseded are written again, each as
  a new file (files are never changed in place).
- A file's name says which version holds it: its part (folder and chunk), the generation `g` (a
  full publish starts one), the dataset version `v` and the publish's time `t`. Version V of a
  table is, for each part, its file with the largest (v, t) not after V's publish; a part that
  became empty keeps a zero-row file so that an older one does not show through. So nothing lists
  the files: `manifest.json` holds the generation, the version and the chunk counts (a few hundred
  bytes), and a publish writes the chunks it changed and a catalog of constant size.
- `<db>.snapshot.duckdb` (the name researchers, `humstat sql` and the SQL sandbox already open) is
  a catalog of ~0.1 MB (16 KiB blocks): one view per table that globs the table's folder and reads
  the files of its version (the rule above, in the macro humstat_files; DuckDB opens only those
  files; the view published_files names them), and the views and macros of sql/views.sql, so the
  same queries run on it. It is replaced atomically; a session that opened it reads one whole version until it re-opens.

A file is deleted `keep_s` (default an hour) after a newer file of its part was published, so a
session holding an older catalog keeps working that long; a catalog older than that fails its
queries with a message instead of answering without the deleted files (each view checks it
found as many parts as were published).
"""
from __future__ import annotations

import json
import os
import re
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
# a month. Nothing lists the files any more (names say their version), so the chunk size no longer
# trades the chunk a write rewrites against lists every publish rewrites; ~8k rows (4 chunks an
# average month at 5M figures) keep the files few enough that a query opens ~1,000 of them.
CHUNKED: dict[str, int] = {"figures": 8192, "articles": 512}
MAX_BUCKETS = 256
# More changed chunks than this in one publish (the first, a large ingest): one partitioned COPY,
# one scan of the table, instead of a scan per chunk.
BULK_PARTS = 8
# Chunks one partitioned COPY writes at once: each open chunk file buffers its rows until it is
# written, so 256 chunks of ~2k rows hold ~0.5M rows (all 3,840 chunks of a 5M-figure store in one
# COPY ran out of the 2 GB memory limit).
BULK_BATCH = 256
CATALOG_BLOCK_SIZE = 16384  # DuckDB's smallest: the catalog holds view text only
MANIFEST = "manifest.json"
FORMAT = 2  # manifests before it listed every file; a lake of another format is published anew
# A published file: <part prefix>g<generation>-v<version>-<publish time ns>.parquet, where the prefix
# is its folder and, in a chunked table, "c<chunk>-" (the schema file: "_schema-"). The catalog's
# macro humstat_files applies the same pattern in SQL (RE2: the lazy prefix stays in the last name).
NAME = re.compile(r"^(?P<part>(?:.*/)?[^/]*?)g(?P<gen>[0-9a-z]+)-v(?P<v>[0-9]+)-(?P<t>[0-9]+)\.parquet$")
FILES_MACRO = r"""
CREATE MACRO humstat_files(pattern, _gen, _v, _t, _parts) AS TABLE
WITH named AS (
    SELECT file, regexp_extract(file, '^((?:.*/)?[^/]*?)g([0-9a-z]+)-v([0-9]+)-([0-9]+)\.parquet$',
                                ['part', 'gen', 'v', 't']) AS m
    FROM glob(pattern)
), chosen AS (
    SELECT arg_max(file, [TRY_CAST(m.v AS BIGINT), TRY_CAST(m.t AS BIGINT)]) AS file
    FROM named
    WHERE m.gen = _gen AND [TRY_CAST(m.v AS BIGINT), TRY_CAST(m.t AS BIGINT)] <= [_v, _t]
    GROUP BY m.part
)
SELECT CASE WHEN count(*) OVER () = _parts THEN file
            ELSE error('humstat catalog of dataset version ' || _v || ': files it reads were deleted (a '
                       || 'catalog is kept working an hour after a newer one); open the snapshot again')
       END AS file
FROM chosen
"""


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


def _entry(rel: str, gen: str) -> tuple[str, tuple[int, int, str]] | None:
    """(part prefix, (v, t, rel)) of a published file of generation `gen` (`rel` from the lake's
    folder, with '/'); None for another generation's file or a name not ours."""
    name = rel.rsplit("/", 1)[-1]
    m = NAME.match(name)
    if m is None or m["gen"] != gen:
        return None
    return rel[: len(rel) - len(name)] + m["part"], (int(m["v"]), int(m["t"]), rel)


def sqlfiles_digest() -> str:
    """A digest of sql/views.sql as this process loads it: a kept catalog template is used only
    while the views it was built with are the ones the code has."""
    import hashlib

    from service.store import sqlfiles

    return hashlib.blake2b(sqlfiles.load("views").encode(), digest_size=8).hexdigest()


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
        # The files of the current generation as this process wrote and deleted them (files()'s
        # answer, kept up to date instead of walking the folder at every publish: only this process
        # writes the folder), and whether the other generations' files were swept since it began.
        self._index: tuple[str, dict[str, dict[str, list[tuple[int, int, str]]]]] | None = None
        self._swept: str | None = None
        # The catalog this process built last, as bytes: a later publish starts from it and replaces
        # only the tables' views (what names the version), not sql/views.sql (~70% of a full build).
        self._template: tuple[tuple[str, str], bytes] | None = None

    def _manifest(self) -> dict[str, Any] | None:
        try:
            m = json.loads((self.dir / MANIFEST).read_text())
        except (OSError, ValueError):
            return None
        ok = isinstance(m, dict) and m.get("format") == FORMAT and isinstance(m.get("gen"), str)
        return m if ok else None

    def publish(self, target: Path) -> Path:
        """Write the partitions changed since the last publish, then the catalog at `target`."""
        with self._lock:
            try:
                return self._publish(target)
            except BaseException:
                self._index = None  # files it wrote may be missing from the index: walk next time
                raise

    def files(self, gen: str) -> dict[str, dict[str, list[tuple[int, int, str]]]]:
        """The files of generation `gen` on disk: {table: {part prefix: [(v, t, relative path)...]}},
        each part's list oldest first (its last file is the part's current one)."""
        found: dict[str, dict[str, list[tuple[int, int, str]]]] = {t: {} for t in (*PARTITIONED, *WHOLE)}
        for table, parts in found.items():
            for root, _, names in os.walk(self.dir / table):
                for name in names:
                    rel = os.path.relpath(os.path.join(root, name), self.dir).replace(os.sep, "/")
                    entry = _entry(rel, gen)
                    if entry is not None:
                        parts.setdefault(entry[0], []).append(entry[1])
        for parts in found.values():
            for versions in parts.values():
                versions.sort()
        return found

    def _known(self, gen: str) -> dict[str, dict[str, list[tuple[int, int, str]]]]:
        """files(gen) as this process left it: walked once per generation, then kept up to date by
        _add and _clean (a walk of the folder is ~20 ms at 5M figures, for every publish)."""
        if self._index is None or self._index[0] != gen:
            self._index = (gen, self.files(gen))
        return self._index[1]

    @staticmethod
    def _add(have: dict[str, dict[str, list[tuple[int, int, str]]]], gen: str, written: list[str]) -> None:
        """Enter the files a publish wrote into `have` (as files() would find them)."""
        for rel in written:
            entry = _entry(rel, gen)
            table = rel.split("/", 1)[0]
            if entry is not None and table in have:
                versions = have[table].setdefault(entry[0], [])
                if entry[1] not in versions:
                    versions.append(entry[1])
                    versions.sort()

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
            stamp = time.time_ns()
            # a full publish starts a generation: the files of another are never read again
            gen = manifest["gen"] if old is not None and manifest else _base36(stamp)
            tag = f"g{gen}-v{version}-{stamp}"  # unique across restarts, and orders a part's files
            have = self._known(gen)
            since = manifest.get("published_at") if old is not None and manifest else None
            for table in PARTITIONED:
                if not self._whole_written or old is None:  # a zero-row file: the columns, always
                    rel = f"{table}/_schema-{tag}.parquet"
                    self._copy(cur, f"service/lake_{table}_rows", self._params(table, None, buckets), rel)
                    written.append(rel)
                params: dict[str, Any] = {"old": old, "new": version}
                if table == "extraction_runs":  # not versioned: runs started or finished since
                    params = {"since": since if old is not None else None}
                if table in CHUNKED:
                    params["buckets"] = buckets[table]
                parts = [p for (p,) in cur.execute(self.store.sql(f"service/lake_{table}_parts"), params).fetchall()]
                if table in CHUNKED and len(parts) > BULK_PARTS:
                    done: set[str] = set()
                    for i in range(0, len(parts), BULK_BATCH):
                        batch = self._copy_many(cur, table, parts[i:i + BULK_BATCH], buckets[table],
                                                f"{tag}-{i}", tag)
                        done.update(batch)
                        written.extend(batch.values())
                    parts = [p for p in parts if p not in done]  # empty chunks, or one that came out in two files
                for part in parts:
                    rel = _part_file(table, part, tag)
                    if self._copy(cur, f"service/lake_{table}_rows", self._params(table, part, buckets), rel) \
                            or self._prefix(rel) in have[table]:
                        written.append(rel)  # a part that became empty keeps its zero-row file
                    else:
                        (self.dir / rel).unlink(missing_ok=True)
            if not self._whole_written or old is None:
                for table in WHOLE:
                    rel = f"{table}/{tag}.parquet"
                    self._copy(cur, "service/lake_whole_table", {"table": table}, rel)
                    written.append(rel)
        self._add(have, gen, written)
        self._catalog(have, gen, version, stamp, target)
        new_manifest = {"format": FORMAT, "gen": gen, "version": version, "version_created_at": created,
                        "published_at": now, "buckets": buckets}
        tmp = self.dir / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(new_manifest, separators=(",", ":"), sort_keys=True))
        tmp.replace(self.dir / MANIFEST)
        self._whole_written = True
        self.last = {"version": version, "files": len(written),
                     "bytes": sum((self.dir / r).stat().st_size for r in written)}
        self._clean(have, gen)
        return target

    @staticmethod
    def _prefix(rel: str) -> str:
        m = NAME.match(rel)
        assert m is not None, rel  # our own names
        return m["part"]

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
        """Rows of the named query into one Parquet file (zstd); returns how many. Written under
        another name and renamed: a reader's glob must never find half a file."""
        path = self.dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        query = self.store.sql(sql).strip().rstrip(";")
        row = cur.execute(f"COPY ({query}) TO '{_quote(str(tmp))}' (FORMAT parquet, COMPRESSION zstd)",
                          params).fetchone()
        os.replace(tmp, path)
        return int(row[0]) if row else 0

    def _catalog(self, have: dict[str, dict[str, list[tuple[int, int, str]]]], gen: str, version: int,
                 stamp: int, target: Path) -> None:
        """The catalog database: a view per table over the files of this version (humstat_files:
        the table's folder globbed, each part's newest file up to this publish), and
        sql/views.sql; swapped in whole. Its size does not depend on the number of files."""
        tmp = target.with_name(target.name + ".tmp")
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        folder = _quote(str(self.dir.resolve()))
        # The views and macros of sql/views.sql do not change while this process runs, nor does the
        # folder: after the first build a catalog starts from a copy of the last one (~0.1 MB) and
        # only the tables' views, which name the version, are made again (at 5M figures ~25 ms
        # against ~105 ms; views.sql binds every view over the Parquet).
        key = (folder, sqlfiles_digest())
        template = self._template[1] if self._template is not None and self._template[0] == key else None
        if template is not None:
            tmp.write_bytes(template)
        con = duckdb.connect(str(tmp), config={"default_block_size": str(CATALOG_BLOCK_SIZE)})
        try:
            con.execute("BEGIN")  # one commit: the log DuckDB writes before the checkpoint holds it once
            if template is None:
                con.execute(FILES_MACRO)
            listed = []
            for table in (*PARTITIONED, *WHOLE):
                pattern = f"'{folder}/{table}/**/*.parquet'"
                files = f"humstat_files({pattern}, '{gen}', {version}, {stamp}, {len(have[table])})"
                con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet({pattern}, "
                            f"hive_partitioning = false) WHERE filename IN (SELECT file FROM {files})")
                listed.append(f"SELECT '{table}' AS table_name, file FROM {files}")
            # for people who read the Parquet with other tools (polars, pyarrow): this version's files
            con.execute("CREATE OR REPLACE VIEW published_files AS " + " UNION ALL ".join(listed))
            if template is None:
                migrations.apply_views(con)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if template is None:
            self._template = (key, tmp.read_bytes())
        tmp.replace(target)  # readers holding the old catalog keep it until they close

    def _clean(self, have: dict[str, dict[str, list[tuple[int, int, str]]]], gen: str) -> None:
        """Delete each file keep_s after a newer file of its part was published, and the files of
        other generations (or names not ours) keep_s after this generation began."""
        cutoff = time.time() - self.keep_s
        for parts in have.values():
            for versions in parts.values():
                if len(versions) < 2:
                    continue
                kept = [versions[-1]]
                for old, (_, newer, _) in zip(versions, versions[1:]):
                    if newer / 1e9 < cutoff:
                        (self.dir / old[2]).unlink(missing_ok=True)
                    else:
                        kept.append(old)
                if len(kept) < len(versions):
                    versions[:] = sorted(kept)
        # the other generations' files (and names not ours): once, when this one is keep_s old
        # (only a full publish, which starts a generation, leaves any; a walk per publish after
        # the first hour cost ~20 ms at 5M figures)
        if int(gen, 36) / 1e9 >= cutoff or self._swept == gen:
            return
        self._swept = gen
        for root, _, names in os.walk(self.dir):
            for name in names:
                m = NAME.match(name)
                if name.endswith((".parquet", ".parquet.tmp")) and (m is None or m["gen"] != gen):
                    try:
                        os.unlink(os.path.join(root, name))
                    except OSError:
                        pass

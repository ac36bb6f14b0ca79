"""The database gateway: the only code that opens DuckDB and executes SQL.

One `Store` owns one DuckDB connection for the process. Its backend (service.store.backends,
chosen once from HUMSTAT_STORE) is a DuckDB file (one writing process) or a DuckLake (a catalog
on PostgreSQL, Parquet in a folder or on S3: many processes read and write). Reads take a cursor
each (one per thread/request); writes are serialised by a lock within the process and each runs
as one transaction that records one dataset version, so readers see either the whole write or
none of it. On a DuckLake, a write another process committed first is retried (`transact`).
"""
from __future__ import annotations

import importlib.util
import json
import logging
import random
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from service.store import backends, migrations, sqlfiles

log = logging.getLogger("humstat.store")

# DuckDB's client tries `import pandas` whenever it binds parameters or scans Python objects
# (four times per parameterised query). Without pandas installed, each failed import searches
# sys.path again: ~0.1 ms a query, 2-3 ms a chart. Recording pandas as absent makes those imports
# fail at once; humstat never uses pandas.
if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
    import pyarrow

    # pyarrow looks for pandas once and remembers; let it find none before the entry below, which
    # it would take for an imported module (pa.array then failed on None.__version__)
    _ = pyarrow.lib._pandas_api.have_pandas
    sys.modules["pandas"] = None  # type: ignore[assignment]

# Autoinstall/autoload off: a missing extension must fail fast, never try the network.
BASE_CONFIG: dict[str, Any] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class StoreError(Exception):
    """A database problem explained for a person: what happened, to which file, what to do."""


class WriteConflict(StoreError):
    """Another process committed a write first (DuckLake): the transaction was rolled back and
    may be run again on the newer data (Store.transact does, a bounded number of times)."""


@dataclass
class WriteTx:
    """An open write transaction: its cursor and the dataset version it will commit as."""

    con: duckdb.DuckDBPyConnection
    version: int
    registered: list[str] = field(default_factory=list)

    sql: Callable[[str], str] = sqlfiles.load  # the backend's form of a named SQL file
    lake: bool = False
    # What the write tells the after-commit callbacks about itself once it has committed (they get
    # it as their third argument): e.g. writes.record_review_read's {"reviewed": {figure_id: row}},
    # the figure's row at this version read inside the write, so that the series update after the
    # commit need not read it again. Nothing of it is passed on when the write does not commit.
    notes: dict[str, Any] = field(default_factory=dict)

    def run_sql(self, name: str, params: list[Any] | dict[str, Any] | None = None) -> None:
        """Execute the named SQL file (sql/<name>.sql, or the backend's form of it) in this transaction."""
        for statement in _statements(self.sql(name)):
            self.con.execute(statement, params)

    def insert_returning(self, name: str, params: list[Any] | dict[str, Any] | None = None) -> int:
        """Run the named INSERT ... RETURNING <id> and return the id. DuckLake has no RETURNING:
        its form of the file inserts, and sql/lake/<name>_id.sql reads the id back (writes are
        serialised, so it is the largest)."""
        row = self.con.execute(self.sql(name), params).fetchone()
        if self.lake:
            row = self.con.execute(sqlfiles.load(f"lake/{name}_id")).fetchone()
        return int(row[0])

    def frame(self, view: str, df: pl.DataFrame) -> None:
        """Expose a polars frame to SQL as `view` for the rest of the transaction (bulk writes)."""
        self.con.register(view, df.to_arrow())
        self.registered.append(view)

    def release(self) -> None:
        """Drop the registered frames: a closed cursor alone does not free them."""
        for view in self.registered:
            try:
                self.con.unregister(view)
            except duckdb.Error:
                pass
        self.registered.clear()


def _statements(sql: str) -> list[str]:
    # Our own SQL files only (never user input): split on semicolons at line ends.
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", sql) if s.strip() and not _only_comments(s)]


def _only_comments(s: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in s.splitlines())


def explain_open_error(path: Path, exc: Exception) -> StoreError:
    """Turn DuckDB's open errors into one clear sentence naming the file."""
    msg = str(exc)
    if "Could not set lock" in msg or "Conflicting lock" in msg:
        pid = re.search(r"PID (\d+)", msg)
        who = f" (process {pid.group(1)})" if pid else ""
        return StoreError(
            f"{path}: the database is open for writing by another process{who}, probably 'humstat serve'. "
            "Write through the API (POST /api/v1/articles) or stop that process; to read, use its "
            f"read-only snapshot {snapshot_path(path)} or 'humstat sql', which falls back to it."
        )
    if "not a valid DuckDB database" in msg or "corrupt" in msg.lower() or "checksum" in msg.lower():
        return StoreError(f"{path}: not a valid humstat/DuckDB database (corrupt or another kind of file). "
                          "Move it aside and re-run the ingest, or restore it from an export.")
    if "Could not read enough bytes" in msg:
        return StoreError(f"{path}: the database file is truncated (shorter than its own header says: an "
                          "incomplete copy or download). Move it aside and restore it, or re-run the ingest.")
    if "Permission denied" in msg or "Read-only file system" in msg:
        return StoreError(f"{path}: cannot open the database for writing (permission denied or read-only disk).")
    if _disk_full(msg):
        return StoreError(f"{path}: the disk is full (or the file size limit was reached); free space and retry.")
    if "version number" in msg or "storage version" in msg.lower():
        return StoreError(f"{path}: written by a different DuckDB version than this humstat's ({duckdb.__version__}).")
    return StoreError(f"{path}: cannot open the database: {msg.splitlines()[0]}")


def _refuse_empty(path: Path) -> None:
    # A zero-byte file is not a new database: it is a failed copy, a truncated download or a
    # touched name. Treating it as empty would answer "no data" as if that were true.
    if path.exists() and path.is_file() and path.stat().st_size == 0:
        raise StoreError(f"{path}: the file is empty (0 bytes), not a database. Move it aside or restore it; "
                         "delete it to start a new database.")


def check_database_file(path: Path | str) -> None:
    """Refuse, with one StoreError line, a database file that is empty, truncated or corrupt.

    For commands that hand the file to something that would print a traceback instead (the
    server's startup). A missing file is fine: it will be created.
    """
    try:
        if backends.check(path) is not None:
            return  # a DuckLake: opening it is the check (the server's startup says what failed)
    except backends.BackendError as exc:
        raise StoreError(str(exc)) from None
    path = Path(path)
    if str(path) == ":memory:" or not path.exists():
        return
    _refuse_empty(path)
    try:
        duckdb.connect(str(path), read_only=True, config=dict(BASE_CONFIG)).close()
    except duckdb.Error as exc:
        raise explain_open_error(path, exc) from None


def snapshot_path(db_path: Path) -> Path:
    """Where the read-only snapshot of `db_path` is published."""
    return db_path.with_name(db_path.stem + ".snapshot.duckdb")


# The current dataset version per database file, known to this process. Only Store.write adds
# versions and DuckDB lets one process at a time open a file for writing (a read-only open
# excludes writers too), so the value a write commits stays true until this process writes
# again. Every request asks for it (ETag, caches): a query per request cost ~0.4 ms.
_VERSIONS: dict[str, int] = {}
_VERSIONS_LOCK = threading.Lock()


class Store:
    """The database: open, migrate, read, write in versioned transactions, publish snapshots."""

    def __init__(self, path: Path | str, *, read_only: bool = False, memory_limit: str | None = None,
                 checkpoint_wal: str | None = None) -> None:
        from service.config import Settings

        settings = Settings()
        try:
            self.backend = backends.backend_for(path, data_path=settings.data_path, local_dir=settings.local_dir)
        except backends.BackendError as exc:
            raise StoreError(str(exc)) from None
        self.lake = self.backend.kind == "lake"
        # Store.path: the file, or for a DuckLake a name in this process's local folder that the
        # published snapshot (snapshot_path) derives from; `location` names the store for people
        self.path = self.backend.local_path
        self.location = self.backend.describe()
        self.read_only = read_only
        self.retries = settings.lake_retries
        self._compact_share = settings.compact_at_close
        self.compacted: Any = None  # what compaction at close did (service.store.compact.CompactStats)
        self._poll_s = settings.lake_poll_s
        self._lake_version: tuple[float, int] | None = None  # (when asked, version): DuckLake only
        # Set on purpose by the long-running writers (humstat serve, humstat ingest: Settings):
        # DuckDB's default is 80% of RAM, and its block cache grows to it. checkpoint_wal: the log
        # size that triggers a checkpoint, which rewrites the changed tables' indexes whole (about
        # 100 MB at a million figures), so not after every few small writes.
        self._config: dict[str, Any] = dict(BASE_CONFIG)
        if memory_limit:
            self._config["memory_limit"] = memory_limit
        if checkpoint_wal and not read_only and not self.lake:
            self._config["checkpoint_threshold"] = checkpoint_wal
        self._write_lock = threading.Lock()
        self._snapshot_lock = threading.Lock()
        # Called as f(store, version, notes) in the writing thread after each write commits, outside
        # the write lock, with the write's WriteTx.notes (service.query.series keeps its in-memory
        # rows current with it). A failing callback is logged; the write stands.
        self.after_commit: list[Callable[["Store", int, dict[str, Any]], None]] = []
        self._lake: Any = None  # service.store.lake.Lake, made on the first publish
        # in-memory databases are one per connection: their versions are this object's alone
        self._version_key = f"memory:{id(self)}" if str(self.path) == ":memory:" else str(self.path.resolve())
        _VERSIONS.pop(self._version_key, None)  # another process may have written since we last had it open
        self._con = self._connect()
        try:
            if not read_only:
                # two processes opening a new lake at once both create its tables: one is retried
                self._retrying(self._migrate_once, "migrating")
            else:
                migrations.check_current(self._con, Path(self.location))
        except BaseException as exc:
            self._con.close()
            self.backend.close()
            if not isinstance(exc, duckdb.Error):
                raise
            if _disk_full(str(exc)):
                raise StoreError(f"{self.location}: the disk is full (or the file size limit was reached) "
                                 "while migrating; nothing was changed") from None
            if self.lake:
                raise StoreError(f"{self.location}: cannot set up the DuckLake: "
                                 f"{backends.without_password(str(exc).splitlines()[0])}") from None
            raise explain_open_error(self.path, exc) from None

    def _migrate_once(self) -> None:
        try:
            migrations.migrate(self._con, self.backend)
        except BaseException:
            try:  # a statement that failed leaves its transaction open: close it before a retry
                self._con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.lake:
            try:
                con = self.backend.connect(dict(self._config), self.read_only)
            except backends.BackendError as exc:
                raise StoreError(str(exc)) from None
            except duckdb.Error as exc:
                self.backend.close()
                detail = backends.without_password(str(exc).splitlines()[0])
                raise StoreError(f"{self.location}: cannot open the DuckLake (catalog and HUMSTAT_DATA_PATH="
                                 f"{self.backend.data_path}): {detail}") from None
            con.execute("SET enable_progress_bar = false")
            return con
        if str(self.path) != ":memory:":
            if self.read_only and not self.path.exists():
                raise StoreError(f"{self.path}: no such database (run 'humstat ingest' first)")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path.parent}: cannot create the data folder: {exc.strerror}") from None
            _refuse_empty(self.path)
        try:
            con = self.backend.connect(dict(self._config), self.read_only)
        except duckdb.Error as exc:
            raise explain_open_error(self.path, exc) from None
        con.execute("SET enable_progress_bar = false")  # ours is the CLI's; DuckDB's would interleave
        return con

    # -- reads -----------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request/thread; several statements see one snapshot."""
        with self._transaction(reading=True) as cur:
            yield cur

    @contextmanager
    def _transaction(self, *, reading: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own in one transaction: committed at the end, rolled back on any error."""
        cur = self._con.cursor()
        try:
            self.backend.prepare(cur, reading=reading)
            cur.execute("BEGIN TRANSACTION")
            yield cur
            cur.execute("COMMIT")
        except BaseException:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        finally:
            cur.close()

    def frame(self, name: str, params: list[Any] | dict[str, Any] | None = None) -> pl.DataFrame:
        """Run the named SQL file (one SELECT) and return its rows as a polars frame."""
        with self.read() as cur:
            return cur.execute(self.sql(name), params).pl()

    def sql(self, name: str) -> str:
        """The text of a named SQL file in this backend's form (sql/lake/<name>.sql on a DuckLake
        where it has one, else sql/<name>.sql)."""
        return self.backend.sql(name)

    def version(self) -> int:
        """The current dataset version (0 when nothing was written yet)."""
        if self.lake:
            return self._lake_current_version()
        known = _VERSIONS.get(self._version_key)
        if known is not None:
            return known
        with self.read() as cur:
            version = int(cur.execute("SELECT current_version()").fetchone()[0])
        with _VERSIONS_LOCK:
            # a write may have committed meanwhile: never move the known version backwards
            _VERSIONS[self._version_key] = max(version, _VERSIONS.get(self._version_key, 0))
        return _VERSIONS[self._version_key]

    def _lake_current_version(self) -> int:
        # Other processes write to a lake too: ask it at most every HUMSTAT_LAKE_POLL seconds (a
        # catalog round trip per request would cost 15-90 ms); answers name the version they are of
        seen = self._lake_version
        now = time.monotonic()
        if seen is not None and now - seen[0] < self._poll_s:
            return seen[1]
        with self.read() as cur:
            version = int(cur.execute("SELECT current_version()").fetchone()[0])
        with _VERSIONS_LOCK:
            last = self._lake_version
            self._lake_version = (now, max(version, last[1] if last else 0))
        return self._lake_version[1]

    # -- writes ----------------------------------------------------------------------------
    def transact(self, kind: str, description: str, body: Callable[[WriteTx], Any], run_id: int | None = None) -> Any:
        """Run body(tx) in one write (a new dataset version) and return what it returns; on a
        DuckLake, a write another process committed first makes it run again on the newer data,
        at most HUMSTAT_LAKE_RETRIES times with growing pauses. `body` must be repeatable: it
        reads what it needs inside the transaction."""
        def once() -> Any:
            with self.write(kind, description, run_id=run_id) as tx:
                return body(tx)

        return self._retrying(once, f"writing ({kind})")

    def _retrying(self, attempt: Callable[[], Any], what: str) -> Any:
        pause = 0.05
        for n in range(self.retries + 1):
            try:
                return attempt()
            except (WriteConflict, duckdb.Error) as exc:
                if not isinstance(exc, WriteConflict) and not self.backend.is_conflict(exc):
                    raise
                if n == self.retries:
                    raise StoreError(f"{self.location}: {what} conflicted with other writers {n + 1} times in a "
                                     "row; nothing of it was stored (raise HUMSTAT_LAKE_RETRIES, or find the "
                                     "process writing without pause)") from None
                log.info("%s: write conflict, retry %d of %d in %.2f s", self.location, n + 1, self.retries, pause)
                time.sleep(pause * (1 + random.random()))  # jitter: two losers must not collide again
                pause = min(pause * 2, 2.0)
        raise AssertionError("unreachable")

    @contextmanager
    def write(self, kind: str, description: str, run_id: int | None = None) -> Iterator[WriteTx]:
        """One transaction recording one new dataset version; all of it commits or none does.

        On a DuckLake it raises WriteConflict when another process committed first; `transact`
        runs the write again then (a `with` body cannot be repeated)."""
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; cannot write")
        with self._write_lock:
            cur = self._con.cursor()
            try:
                self.backend.prepare(cur, reading=False)
                cur.execute("BEGIN TRANSACTION")
                if self.lake:
                    cur.execute(sqlfiles.load("lake/head"))
                version = int(cur.execute("SELECT current_version() + 1").fetchone()[0])
                cur.execute(
                    "INSERT INTO dataset_versions VALUES (?, now(), ?, ?, ?)",
                    [version, kind, description, run_id],
                )
                if self.lake:
                    cur.execute(sqlfiles.load("lake/commit_message"),
                                ["humstat", f"{kind}: {description}", json.dumps({"version": version, "run_id": run_id})])
                tx = WriteTx(cur, version, sql=self.backend.sql, lake=self.lake)
                try:
                    yield tx
                finally:
                    tx.release()
                cur.execute("COMMIT")
                notes = tx.notes
                with _VERSIONS_LOCK:
                    if self.lake:
                        self._lake_version = (time.monotonic(), version)
                    else:
                        _VERSIONS[self._version_key] = version
            except BaseException as exc:
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                if self.backend.is_conflict(exc):
                    raise WriteConflict(f"{self.location}: another process committed a write first") from None
                if isinstance(exc, duckdb.Error) and _disk_full(str(exc)):
                    raise StoreError(f"{self.path}: the disk is full (or the file size limit was reached); "
                                     "the write was rolled back and nothing of it was stored") from None
                if isinstance(exc, duckdb.Error) and _read_only_disk(str(exc)):
                    raise StoreError(f"{self.path}: cannot write: the file or its disk is read-only") from None
                raise
            finally:
                cur.close()
        for callback in list(self.after_commit):
            try:
                callback(self, version, notes)
            except Exception:  # the write committed: a reader's cache must not undo it
                log.exception("after-commit callback %r failed", callback)

    def new_run(self, extractor_version: str, kind: str, origin: str) -> int:
        """Record the start of an extraction run and return its id (a small write of its own)."""
        def once() -> int:
            with self._write_lock, self._transaction(reading=False) as cur:
                if self.lake:  # run ids are max + 1: serialised with every other write
                    cur.execute(sqlfiles.load("lake/head"))
                row = cur.execute(self.sql("service/new_run"), [extractor_version, kind, origin]).fetchone()
                return int(cur.execute(sqlfiles.load("lake/service/new_run_id")).fetchone()[0]) if self.lake \
                    else int(row[0])

        return self._retrying(once, "starting a run")

    # -- snapshots -------------------------------------------------------------------------
    def publish_snapshot(self) -> Path | None:
        """Publish the data for other processes (service.store.lake): the Parquet partitions the
        writes since the last publish changed, and <name>.snapshot.duckdb, a small catalog of views
        over them (atomically replaced). Costs what changed, never a copy of the database."""
        # a DuckLake's publication is local files only: readers (humstat sql, export) publish too
        if str(self.path) == ":memory:" or (self.read_only and not self.lake):
            return None
        from service.store.lake import Lake

        with self._snapshot_lock:
            if self._lake is None:
                self._lake = Lake(self)
            return self._lake.publish(snapshot_path(self.path))

    @contextmanager
    def bulk_writing(self, memory_limit: str | None, checkpoint_wal: str) -> Iterator[None]:
        """DuckDB's memory limit set to `memory_limit` (None: unchanged) and its checkpoint
        threshold to `checkpoint_wal` for the duration, then both restored. Both are the whole
        database instance's: for a process that is only this writer."""
        settings = {"checkpoint_threshold": checkpoint_wal}
        if memory_limit:
            settings["memory_limit"] = memory_limit
        before = {name: str(self._con.execute("SELECT current_setting(?)", [name]).fetchone()[0])
                  for name in settings}
        for name, value in settings.items():
            self._con.execute(f"SET {name} = ?", [value])
        try:
            yield
        finally:
            try:
                for name, value in before.items():
                    self._con.execute(f"SET {name} = ?", [value])
            except duckdb.Error:
                pass  # an invalidated database (disk full): nothing more runs on it

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the file (between writes); False when there was nothing to do."""
        if self.read_only or str(self.path) == ":memory:" or self.lake:
            return False  # a DuckLake has no log to fold: `maintain` compacts it
        wal = self.path.with_name(self.path.name + ".wal")
        if not wal.exists() or wal.stat().st_size == 0:
            return False
        with self._write_lock:
            self._con.execute("CHECKPOINT")
        return True

    def maintain(self, expire_older_than: str = "7 days", delete_older_than: str = "1 hour") -> dict[str, Any]:
        """Keep the storage compact. A DuckDB file: CHECKPOINT (the log folded in; `humstat
        compact` gives free blocks back while nothing holds the file). A DuckLake: write inlined
        rows out as Parquet, expire DuckLake snapshots older than `expire_older_than`, merge
        adjacent small files, rewrite files heavy with deletes, and delete files scheduled for
        deletion more than `delete_older_than` ago; each step is its own transaction, retried
        when a writer commits first. Returns what it did (file counts before and after)."""
        if not self.lake:
            before = self.file_stats()
            self.checkpoint()
            return {"backend": "file", "checkpointed": True, "blocks_before": before, "blocks_after": self.file_stats()}
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; cannot maintain")
        report: dict[str, Any] = {"backend": "lake", "before": self._lake_files()}
        folder = sqlfiles.sql_dir() / "lake" / "maintain"
        for path in sorted(folder.glob("[0-9]_*.sql")):
            step = path.stem.split("_", 1)[1]
            text = sqlfiles.load(f"lake/maintain/{path.stem}")
            params = {"older_than": expire_older_than if step == "expire" else delete_older_than} \
                if "$older_than" in text else None

            def once(text: str = text, params: dict[str, str] | None = params) -> int:
                with self._write_lock:  # not beside this process's own writes
                    cur = self._con.cursor()
                    try:
                        self.backend.prepare(cur, reading=False)
                        return int(cur.execute(text, params).fetchone()[0])
                    finally:
                        cur.close()

            report[step] = self._retrying(once, f"maintaining ({step})")
        report["after"] = self._lake_files()
        return report

    def _lake_files(self) -> dict[str, int]:
        with self.read() as cur:
            data_files, data_bytes, delete_files = cur.execute(sqlfiles.load("lake/maintain/files")).fetchone()
        return {"data_files": int(data_files), "data_bytes": int(data_bytes), "delete_files": int(delete_files)}

    def file_stats(self) -> dict[str, int]:
        """The file's blocks: total, used and free (free blocks are reused before the file grows)."""
        with self.read() as cur:
            row = cur.execute("SELECT block_size, total_blocks, used_blocks, free_blocks FROM pragma_database_size() "
                              "WHERE database_name = current_database()").fetchone()
        size, total, used, free = (int(x or 0) for x in row)
        return {"block_size": size, "total_blocks": total, "used_blocks": used, "free_blocks": free}

    def close(self) -> None:
        """Checkpoint and close the connection; then compact the file when free blocks exceed
        HUMSTAT_COMPACT_AT_CLOSE of it (closing is the one moment no connection holds it)."""
        compact = False
        try:
            if not self.read_only and not self.lake:  # on a DuckLake CHECKPOINT is all of `maintain`
                self._con.execute("CHECKPOINT")
                compact = self._worth_compacting()
        except duckdb.Error:
            pass  # an invalidated database (disk full) cannot checkpoint; the WAL replays on open
        finally:
            self._con.close()
            _VERSIONS.pop(self._version_key, None)  # once closed, other processes may write
            self.backend.close()
        if compact:
            from service.store.compact import compact_file

            try:
                self.compacted = compact_file(self.path, min_free_share=self._compact_share)
                log.info("%s: compacted at close: %s", self.path, self.compacted.as_dict())
            except StoreError as exc:  # the file was left as it was: still whole, only larger
                log.warning("compaction at close skipped: %s", exc)

    def _worth_compacting(self) -> bool:
        from service.store.compact import MIN_FREE_BYTES

        if self._compact_share <= 0 or str(self.path) == ":memory:":
            return False
        stats = self.file_stats()
        total, free = stats["total_blocks"], stats["free_blocks"]
        return bool(total) and free / total > self._compact_share and free * stats["block_size"] >= MIN_FREE_BYTES

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _disk_full(message: str) -> bool:
    return "No space left" in message or "File too large" in message or "Disk quota" in message


def _read_only_disk(message: str) -> bool:
    return "Read-only file system" in message or "Permission denied" in message


def _db_name(cur: duckdb.DuckDBPyConnection) -> str:
    return str(cur.execute("SELECT current_database()").fetchone()[0])


def _sql_string(s: str) -> str:
    # Paths are ours (derived from the configured db path), quoted for the one ATTACH literal.
    return s.replace("'", "''")


@contextmanager
def readable(value: Path | str, *, catalog: bool = False) -> Iterator[Path]:
    """A path readers that open DuckDB files take (humstat sql, export): a DuckDB file as it is;
    a DuckLake published into this process's local folder for the duration (its snapshot catalog
    and Parquet: the same tables and views, nothing of the lake's own files). The published
    store's path (which readers fall back from to its snapshot), or with catalog=True the
    snapshot catalog itself."""
    try:
        lake = backends.check(value)
    except backends.BackendError as exc:
        raise StoreError(str(exc)) from None
    if lake is None:
        yield Path(value)
        return
    store = Store(value, read_only=True)
    try:
        store.publish_snapshot()
        yield snapshot_path(store.path) if catalog else store.path
    finally:
        store.close()


def open_store(path: Path | str, *, read_only: bool = False, retries: int = 0, memory_limit: str | None = None,
               checkpoint_wal: str | None = None) -> Store:
    """Open (and migrate) a store; with retries, wait briefly for a lock held by a short write."""
    for attempt in range(retries + 1):
        try:
            return Store(path, read_only=read_only, memory_limit=memory_limit, checkpoint_wal=checkpoint_wal)
        except StoreError as exc:
            if "open for writing by another process" not in str(exc) or attempt == retries:
                raise
            time.sleep(0.2)
    raise AssertionError("unreachable")

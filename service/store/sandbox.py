"""The hostile-SQL path of the gateway: run one researcher's read query, safely.

Every statement is treated as hostile (Datasette's model, DuckDB's settings as defence in depth):

1. Checked before it runs: parsed by DuckDB itself, exactly one statement, and that statement a
   read (SELECT, WITH … SELECT, FROM …, VALUES, TABLE, DESCRIBE, SUMMARIZE, SHOW, or EXPLAIN of
   one of those). PRAGMA is refused even though DuckDB rewrites some pragmas into SELECTs.
   Then every function, table function and table the statement names is read from DuckDB's own
   parse tree (json_serialize_sql) and checked against an allow-list: table functions that
   change instance-wide settings (enable_logging), read files (read_blob, glob, read_duckdb —
   even the attached file) or show paths (duckdb_settings, duckdb_databases) are refused by name.
2. Run on a DuckDB instance of its own, never the writer's (whose configuration cannot be
   locked without breaking writes): an in-memory instance that ATTACHes the database file
   READ_ONLY, then turns off external access (files, network, COPY, ATTACH, INSTALL/LOAD),
   extension autoload, spilling to disk, limits memory and threads, and locks the configuration.
   The API points it at the published snapshot; `humstat sql` at the main file when no writer
   holds it, otherwise at the snapshot.
3. A time limit enforced by a watchdog that interrupts the query's cursor (DuckDB has no
   statement timeout); a row cap read with a streaming Arrow reader (cap + 1 rows, then
   `truncated`), and a byte cap on the answer, so nothing is cut silently.

One cursor per query (one per request/thread); the instance is re-opened when a newer snapshot
is published, while queries already running finish on the old one.
"""
from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from service.config import Settings
from service.store.db import BASE_CONFIG, snapshot_path
from service.store.lake import lake_dir_for_snapshot

CATALOG = "humstat"  # name the attached database goes by inside the sandbox instance

# Statements DuckDB parses as SELECT that researchers may run; anything else is refused. The
# first keyword is checked on the caller's text because DuckDB rewrites PRAGMA into SELECT.
READ_KEYWORDS = ("select", "with", "from", "values", "table", "describe", "summarize", "show")
WRITE_KEYWORDS = frozenset((
    "abort", "alter", "analyze", "attach", "begin", "call", "checkpoint", "comment", "commit", "copy", "create",
    "deallocate", "delete", "detach", "drop", "end", "execute", "export", "force", "import", "insert", "install",
    "load", "merge", "pivot", "pivot_longer", "pivot_wider", "pragma", "prepare", "reset", "rollback", "set",
    "start", "transaction", "truncate", "unpivot", "update", "upsert", "use", "vacuum",
))
ALLOWED_TEXT = "SELECT, WITH … SELECT, FROM …, VALUES, TABLE, DESCRIBE, SUMMARIZE, SHOW and EXPLAIN of those"

def default_threads() -> int:
    """Threads of the sandbox instance: $HUMSTAT_SQL_THREADS, else up to 4 of the machine's cores."""
    return max(1, Settings().sql_threads)


def default_max_bytes() -> int:
    """Largest answer (Arrow bytes) before truncation: $HUMSTAT_SQL_MAX_BYTES, else 64 MiB."""
    return Settings().sql_max_bytes


class SandboxError(Exception):
    """A query that was refused or failed, explained for the person who wrote it.

    `code` is stable (sql-refused, sql-syntax, sql-error, sql-forbidden, sql-timeout, sql-memory,
    sql-parameters: 400; sql-unavailable, sql-busy, sql-worker-died: 503); `status` is the HTTP status the API
    answers with.
    """

    def __init__(self, code: str, title: str, detail: str, *, status: int = 400) -> None:
        super().__init__(detail)
        self.code = code
        self.title = title
        self.detail = detail
        self.status = status


@dataclass
class Answer:
    """The rows of one query and how they were obtained."""

    table: pa.Table
    truncated: bool
    truncated_reason: str | None   # "rows" or "bytes" when truncated
    max_rows: int | None
    elapsed_s: float
    version: int                   # dataset version of the data queried
    source: str                    # "snapshot" or "database"
    sql: str

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)


# -- checking ---------------------------------------------------------------------------------
_LEADING = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/|\()*", re.S)
_EXPLAIN = re.compile(r"\A\s*explain\s+(?:analy[sz]e\s+)?(?P<rest>.*)\Z", re.S | re.I)


def _first_keyword(sql: str) -> str:
    rest = sql[_LEADING.match(sql).end():]  # type: ignore[union-attr]
    m = re.match(r"[A-Za-z_]+", rest)
    return m.group(0).lower() if m else ""


def _strip_leading_comments(sql: str) -> str:
    return re.sub(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", "", sql, flags=re.S)


_PARSER: duckdb.DuckDBPyConnection | None = None
_PARSER_LOCK = threading.Lock()


def _parser() -> duckdb.DuckDBPyConnection:
    """A cursor of a locked-down, empty instance used only to parse.

    Parsing is not harmless: DuckDB reads `<dir>/schema.sql` while parsing IMPORT DATABASE, so
    even the parse runs where the file system is switched off.
    """
    global _PARSER
    with _PARSER_LOCK:
        if _PARSER is None:
            con = duckdb.connect(":memory:", config=dict(BASE_CONFIG))
            for statement in ("SET enable_external_access = false", "SET lock_configuration = true"):
                con.execute(statement)
            _PARSER = con
        return _PARSER.cursor()


# -- what a read query may call ---------------------------------------------------------------
# An allow-list, not a deny-list: DuckDB adds table functions with every release, and several
# reach files or change instance-wide settings despite lock_configuration (enable_logging,
# checkpoint, read_blob on the attached file, …). Table functions are where that power lives,
# so every built-in one must be named here; the database's own table macros (figures_as_of, …)
# are not built-ins and pass to the binder.
ALLOWED_TABLE_FUNCTIONS = frozenset((
    "range", "generate_series", "unnest", "repeat", "repeat_row", "json_each", "json_tree",
    "duckdb_columns", "duckdb_constraints", "duckdb_dependencies", "duckdb_functions", "duckdb_indexes",
    "duckdb_keywords", "duckdb_optimizers", "duckdb_schemas", "duckdb_sequences", "duckdb_tables",
    "duckdb_types", "duckdb_views", "pragma_table_info", "pragma_show", "pragma_version", "pragma_platform",
    "pragma_collations", "pg_timezone_names", "icu_calendar_names", "histogram", "histogram_values", "summary",
    "test_all_types",
))
# Built-in scalar, aggregate and macro functions compute on their arguments; these few do not:
# settings (allowed_paths names the server's files), the log, and anything that runs SQL text
# unchecked. (Not allowed either: duckdb_settings()/duckdb_databases(), which show paths.)
REFUSED_SCALAR_FUNCTIONS = frozenset((
    "current_setting", "write_log", "json_execute_serialized_sql", "getvariable",
))
_SCALAR_KINDS = frozenset(("scalar", "aggregate", "macro"))


@dataclass(frozen=True)
class _Policy:
    builtins: frozenset[str]          # every built-in function name
    scalars: frozenset[str]           # built-ins a query may call in an expression
    refused_views: frozenset[str]     # DuckDB's own views whose definitions call a refused function


_POLICY: _Policy | None = None


def _policy() -> _Policy:
    """The allow-list against this DuckDB's built-ins, computed once on the locked parser instance."""
    global _POLICY
    if _POLICY is not None:
        return _POLICY
    from service.store import sqlfiles

    cur = _parser()
    try:
        rows = cur.execute(sqlfiles.load("service/sandbox_builtin_functions")).fetchall()
        views = cur.execute(sqlfiles.load("service/sandbox_system_views")).fetchall()
    finally:
        cur.close()
    builtins = frozenset(name for name, _ in rows)
    scalars = frozenset(name for name, kind in rows if kind in _SCALAR_KINDS) - REFUSED_SCALAR_FUNCTIONS
    policy = _Policy(builtins, scalars, frozenset())
    # A view is refused when its definition calls a refused function or names a refused view
    # (sqlite_master reads duckdb_tables, …): iterate to a fixed point.
    bodies = {}
    for name, sql in views:
        body = re.split(r"\bAS\b", sql, maxsplit=1, flags=re.I)
        bodies[name] = body[1].strip().rstrip(";") if len(body) == 2 else ""
    refused: set[str] = set()
    while True:
        policy = _Policy(builtins, scalars, frozenset(refused))
        grown = {name for name, body in bodies.items() if name not in refused
                 and (not body or _refusal(body, policy) is not None)}
        if not grown:
            break
        refused |= grown
    _POLICY = policy
    return policy


def _parse_tree(sql: str) -> dict[str, Any]:
    import json

    from service.store import sqlfiles

    cur = _parser()
    try:
        text = cur.execute(sqlfiles.load("service/sandbox_parse_tree"), [sql]).fetchone()[0]
    finally:
        cur.close()
    return json.loads(text)


def _refusal(sql: str, policy: _Policy) -> str | None:
    """Why `sql` calls something a read query may not (None when everything it names is allowed)."""
    tree = _parse_tree(sql)
    if tree.get("error"):
        # Fail closed: a statement DuckDB parses but cannot serialise is one we cannot check.
        return f"the query could not be checked ({tree.get('error_message', 'unknown reason')})"
    table_nodes: set[int] = set()
    stack: list[Any] = [tree.get("statements", [])]
    while stack:  # iterative: a million nested brackets must not overflow Python's stack
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        if kind == "TABLE_FUNCTION" and isinstance(node.get("function"), dict):
            function = node["function"]
            table_nodes.add(id(function))
            name = str(function.get("function_name", "")).lower()
            if name in policy.builtins and name not in ALLOWED_TABLE_FUNCTIONS:
                return f"the table function {name}() is not one a read query may call"
        elif kind == "BASE_TABLE":
            name = str(node.get("table_name", "")).lower()
            if any(c in name for c in "/\\:.") or name.startswith("~"):
                # DuckDB would read a file by that name (a replacement scan): never ours to open
                return "the query names a file as a table; only the database's tables and views can be read"
            if name in policy.refused_views:
                return f"the view {name} is not one a read query may read"
        elif node.get("class") in ("FUNCTION", "WINDOW") and id(node) not in table_nodes:
            name = str(node.get("function_name", "")).lower()
            if name in policy.builtins and name not in policy.scalars and name not in ALLOWED_TABLE_FUNCTIONS:
                return f"the function {name}() is not one a read query may call"
        stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return None


def check_sql(sql: str) -> str:
    """The one read statement in `sql`, or SandboxError saying why it is refused."""
    if not sql or not sql.strip():
        raise SandboxError("sql-refused", "No query", "no SQL statement was given")
    word = _first_keyword(sql)
    if not word and not sql[_LEADING.match(sql).end():].strip():  # type: ignore[union-attr]
        raise SandboxError("sql-refused", "No query", "no SQL statement was given (only comments)")
    if word in WRITE_KEYWORDS:
        # Refused before parsing: the parser itself is not a safe place for every statement
        # (it runs locked down anyway; unknown words go on to it for a proper syntax error).
        shown = word.upper() if word else "non-read"
        raise SandboxError("sql-refused", "Query refused",
                           f"only read queries are allowed ({ALLOWED_TEXT}); this is a {shown} statement")
    cur = _parser()
    try:
        statements = cur.extract_statements(sql)
    except duckdb.Error as exc:
        raise SandboxError("sql-syntax", "SQL syntax error", _first_line(exc)) from None
    finally:
        cur.close()
    if len(statements) != 1:
        raise SandboxError("sql-refused", "Query refused",
                           f"exactly one statement is allowed; found {len(statements)}" if statements
                           else "no SQL statement was given (only comments)")
    (statement,) = statements
    kind = statement.type
    if kind == duckdb.StatementType.EXPLAIN:
        m = _EXPLAIN.match(_strip_leading_comments(sql))
        if not m:
            raise SandboxError("sql-refused", "Query refused", "EXPLAIN must be followed by one read query")
        check_sql(m.group("rest"))
        return sql
    if kind != duckdb.StatementType.SELECT or word not in READ_KEYWORDS:
        shown = kind.name
        raise SandboxError("sql-refused", "Query refused",
                           f"only read queries are allowed ({ALLOWED_TEXT}); this is a {shown} statement")
    reason = _refusal(sql, _policy())
    if reason is not None:
        raise SandboxError("sql-forbidden", "Query refused",
                           f"{reason}: researchers' SQL may not reach files, settings, logs or extensions")
    return sql


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# -- the sandbox ------------------------------------------------------------------------------
@dataclass
class _Instance:
    con: duckdb.DuckDBPyConnection
    version: int
    signature: tuple[int, int, int]
    opened_at: float = field(default_factory=time.monotonic)


def _signature(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class _Watchdog:
    """One thread that interrupts queries past their deadline.

    A timer thread per query costs about a millisecond of start-up and wake-ups under load; this
    keeps the deadlines in a heap and sleeps until the earliest one.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._actions: dict[int, Any] = {}
        self._next = 0
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, action: Any) -> int:
        """Call `action()` after `seconds` unless disarmed first; returns a ticket."""
        import heapq

        deadline = time.monotonic() + seconds
        with self._cond:
            self._next += 1
            ticket = self._next
            self._actions[ticket] = action
            earliest = self._heap[0][0] if self._heap else None
            heapq.heappush(self._heap, (deadline, ticket))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="humstat-sql-watchdog", daemon=True)
                self._thread.start()
            elif earliest is None or deadline < earliest:
                self._cond.notify()
        return ticket

    def disarm(self, ticket: int) -> None:
        with self._cond:
            self._actions.pop(ticket, None)  # its heap entry is skipped when it comes up

    def _run(self) -> None:
        import heapq

        while True:
            with self._cond:
                while not self._heap:
                    self._cond.wait()
                deadline, ticket = self._heap[0]
                now = time.monotonic()
                if deadline > now:
                    self._cond.wait(deadline - now)
                    continue
                heapq.heappop(self._heap)
                action = self._actions.pop(ticket, None)
            if action is not None:
                try:
                    action()
                except Exception:  # noqa: BLE001 - an interrupt that fails must not stop the watchdog
                    pass


_WATCHDOG = _Watchdog()


class SqlSandbox:
    """Read-only, locked-down DuckDB over one database file, for untrusted queries."""

    def __init__(self, path: Path | str, *, source: str = "snapshot", memory_limit: str = "1GB",
                 threads: int | None = None, max_rows: int = 10_000, time_limit_s: float = 5.0,
                 max_bytes: int | None = None) -> None:
        self.path = Path(path)
        self.source = source
        self.memory_limit = memory_limit
        self.threads = threads or default_threads()
        self.max_rows = max_rows
        self.time_limit_s = time_limit_s
        self.max_bytes = max_bytes or default_max_bytes()
        self._lock = threading.Lock()
        self._instance = self._open()

    def _open(self) -> _Instance:
        if not self.path.exists():
            raise SandboxError("sql-unavailable", "No database to query",
                               f"{self.path.name} does not exist yet (nothing has been ingested or published)",
                               status=503)
        signature = _signature(self.path)
        con = duckdb.connect(":memory:", config=dict(BASE_CONFIG))
        try:
            con.execute(f"ATTACH '{_quote(str(self.path))}' AS {CATALOG} (READ_ONLY)")
            con.execute(f"USE {CATALOG}")
            # A published catalog's views read the Parquet beside it (service.store.lake): that
            # folder alone stays readable once external access is off.
            lake = lake_dir_for_snapshot(self.path)
            if lake.is_dir():
                con.execute("SET allowed_directories = ?", [[str(lake.resolve()) + "/"]])
            version = int(con.execute("SELECT current_version()").fetchone()[0])
            # Order matters: the file is attached first, then the door is shut and locked.
            for statement in (
                "SET temp_directory = ''",
                "SET max_temp_directory_size = '0B'",
                "SET enable_external_access = false",
                "SET allow_community_extensions = false",
                "SET allow_unsigned_extensions = false",
                "SET autoinstall_known_extensions = false",
                "SET autoload_known_extensions = false",
                f"SET memory_limit = '{_quote(self.memory_limit)}'",
                f"SET threads = {int(self.threads)}",
                "SET lock_configuration = true",
            ):
                con.execute(statement)
        except duckdb.Error as exc:
            con.close()
            from service.store.db import explain_open_error

            raise SandboxError("sql-unavailable", "Database unavailable",
                               _scrub(str(explain_open_error(self.path, exc)), self.path), status=503) from None
        return _Instance(con, version, signature)

    # -- freshness ------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Re-open when the file was replaced (a newer snapshot); True when it did."""
        try:
            signature = _signature(self.path)
        except FileNotFoundError:
            return False  # keep serving the instance we have
        if signature == self._instance.signature:
            return False
        with self._lock:
            if signature == self._instance.signature:
                return False
            # Queries running on the old instance keep it alive through their cursors.
            try:
                self._instance = self._open()
            except SandboxError:
                return False  # keep answering from the instance we have; retried on the next query
        return True

    @property
    def version(self) -> int:
        """Dataset version of the data the sandbox currently answers from."""
        return self._instance.version

    # -- running ----------------------------------------------------------------------------
    def run(self, sql: str, params: dict[str, Any] | list[Any] | None = None, *, max_rows: int | None = None,
            time_limit_s: float | None = None, checked: bool = False) -> Answer:
        """Run one read query; callers may lower the row cap and time limit, never raise them.

        `max_rows=0` (or less) means no row cap: the CLI's machine formats, on the user's own
        machine; the byte cap (`max_bytes`) applies regardless. `checked=True` skips the statement
        check for the project's own named queries (they are checked once, when loaded).
        """
        if not checked:
            check_sql(sql)
        limit = self.time_limit_s if time_limit_s is None else min(float(time_limit_s), self.time_limit_s)
        if limit <= 0:
            raise SandboxError("sql-parameters", "Invalid time limit", "the time limit must be more than 0 seconds")
        cap = self.max_rows if max_rows is None else (min(max_rows, self.max_rows) if max_rows > 0 else None)
        self.refresh()
        instance = self._instance
        cur = instance.con.cursor()
        timed_out = threading.Event()

        def interrupt() -> None:
            timed_out.set()
            try:
                cur.interrupt()
            except duckdb.Error:
                pass  # the query finished (and the cursor closed) meanwhile

        ticket = _WATCHDOG.arm(limit, interrupt) if limit != float("inf") else None
        started = time.perf_counter()
        try:
            cur.execute(f"USE {CATALOG}")
            result = cur.execute(sql, params) if params else cur.execute(sql)
            table, truncated, reason = self._fetch(result, cap)
        except duckdb.InterruptException:
            raise SandboxError("sql-timeout", "Query took too long",
                               f"the query took longer than {limit:g} s and was stopped; "
                               "filter or aggregate more, or add a LIMIT") from None
        except duckdb.Error as exc:
            if timed_out.is_set():
                raise SandboxError("sql-timeout", "Query took too long",
                                   f"the query took longer than {limit:g} s and was stopped") from None
            raise self._explain(exc) from None
        finally:
            if ticket is not None:
                _WATCHDOG.disarm(ticket)
            cur.close()
        return Answer(table=table, truncated=truncated, truncated_reason=reason, max_rows=cap,
                      elapsed_s=time.perf_counter() - started, version=instance.version, source=self.source,
                      sql=sql)

    def _fetch(self, result: duckdb.DuckDBPyConnection, cap: int | None) -> tuple[pa.Table, bool, str | None]:
        batch_rows = 100_000 if cap is None else max(1, min(cap + 1, 100_000))
        reader = result.to_arrow_reader(batch_rows)
        batches: list[pa.RecordBatch] = []
        rows = 0
        size = 0
        truncated, reason = False, None
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            size += batch.nbytes
            if cap is not None and rows > cap:
                truncated, reason = True, "rows"
                break
            if size > self.max_bytes:
                truncated, reason = True, "bytes"
                break
        table = pa.Table.from_batches(batches, schema=reader.schema)
        if reason == "rows":
            table = table.slice(0, cap)
            if table.nbytes > self.max_bytes:
                reason = "bytes"
        if reason == "bytes":
            table = _fit_bytes(table, self.max_bytes)
        return table, truncated, reason

    def _explain(self, exc: duckdb.Error) -> SandboxError:
        message = _scrub(_first_line(exc), self.path)
        if isinstance(exc, duckdb.PermissionException) or "disabled by configuration" in message \
                or "has been locked" in message:
            return SandboxError("sql-forbidden", "Query refused",
                                f"the query tried to reach files, the network, extensions or settings, "
                                f"which researchers' SQL may not do ({message})")
        if isinstance(exc, duckdb.OutOfMemoryException) or "Out of Memory" in message:
            return SandboxError("sql-memory", "Query needed too much memory",
                                f"the query needed more than the {self.memory_limit} memory limit; "
                                "filter or aggregate more, or add a LIMIT")
        if isinstance(exc, duckdb.ParserException):
            return SandboxError("sql-syntax", "SQL syntax error", message)
        if isinstance(exc, duckdb.InvalidInputException) and "parameter" in message.lower():
            return SandboxError("sql-parameters", "Invalid query parameters", message)
        if isinstance(exc, duckdb.BinderException) and ("parameter" in message.lower() or "prepared" in message.lower()):
            return SandboxError("sql-parameters", "Invalid query parameters", message)
        return SandboxError("sql-error", "SQL error", message)

    def close(self) -> None:
        """Close the instance (queries still running finish on their cursors)."""
        self._instance.con.close()


def _fit_bytes(table: pa.Table, max_bytes: int) -> pa.Table:
    """The longest prefix of `table` whose Arrow size is within max_bytes (binary search)."""
    lo, hi = 0, table.num_rows
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if table.slice(0, mid).nbytes <= max_bytes:
            lo = mid
        else:
            hi = mid - 1
    return table.slice(0, lo)


def _scrub(text: str, path: Path) -> str:
    """`text` without the server's absolute paths: the database by its file name, other files
    in its folder, the home folder and the working directory by their place only."""
    text = text.replace(str(path), path.name)
    for folder, shown in ((path.parent, ""), (Path.home(), "~/"), (Path.cwd(), "")):
        prefix = str(folder).rstrip(os.sep) + os.sep
        if len(prefix) > 1:  # never strip a bare "/"
            text = text.replace(prefix, shown)
    return text


def _quote(s: str) -> str:
    return s.replace("'", "''")


# -- opening --------------------------------------------------------------------------------
def open_for_reading(db_path: Path | str, **limits: Any) -> tuple[SqlSandbox, str | None]:
    """A sandbox on `db_path`, or on its snapshot when a writer (humstat serve) holds the file.

    Returns the sandbox and a note for the person (None when the main file was used).
    """
    path = Path(db_path)
    snap = snapshot_path(path)
    if path.exists():
        try:
            return SqlSandbox(path, source="database", **limits), None
        except SandboxError as exc:
            if not any(s in exc.detail for s in ("open for writing", "already attached", "different configuration")):
                raise
    if not snap.exists():
        if path.exists():
            raise SandboxError("sql-unavailable", "Database unavailable",
                               f"{path} is open for writing by another process and has no published "
                               f"snapshot ({snap.name}) yet", status=503)
        raise SandboxError("sql-unavailable", "No database", f"{path}: no such database (run 'humstat ingest' first)",
                           status=503)
    sandbox = SqlSandbox(snap, source="snapshot", **limits)
    age = time.time() - snap.stat().st_mtime
    note = None
    if path.exists():
        note = (f"{path} is open for writing by another process (probably 'humstat serve'); "
                f"querying its read-only snapshot {snap.name} (dataset version {sandbox.version}, "
                f"published {_age(age)} ago)")
    return sandbox, note


def _age(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


# -- process isolation ------------------------------------------------------------------------
# DuckDB checks for interrupts between vectors and enforces memory_limit on its buffer pool only:
# one vectorised call such as repeat('x', 10^8) over 2048 rows runs for half a minute and takes
# tens of GB outside the limit. So the service runs queries in worker processes with an OS
# memory cap (RLIMIT_DATA: an allocation beyond it is an Out of Memory error, not a dead
# server) and kills a worker that overruns its time limit by more than a grace period.
GRACE_S = 2.0
# Errors after which a worker process is replaced rather than reused (see SandboxPool.run).
REPLACE_AFTER = frozenset(("sql-memory", "sql-timeout"))


def answer_cap_for(max_bytes: int) -> int:
    """Bytes an answer of at most `max_bytes` Arrow bytes may take as an IPC stream (+25% + 4 MiB)."""
    return max_bytes + max_bytes // 4 + 4 * 2**20


def default_workers() -> int:
    """Worker processes for the API's SQL: $HUMSTAT_SQL_WORKERS, else 2 (0: run in-process)."""
    return max(0, Settings().sql_workers)


def _bytes_of(limit: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?i?B?)\s*", limit, re.I)
    if not m:
        raise ValueError(f"cannot read the memory limit {limit!r} (use e.g. 512MB or 2GB)")
    unit = m.group(2).upper().rstrip("B").rstrip("I")
    return int(float(m.group(1)) * 1024 ** " KMGT".index(unit or " "))


def _worker_main(conn: Any, path: str, source: str, limits: dict[str, Any], data_cap: int,
                 parent_pid: int | None = None) -> None:
    """Entry point of one worker process: open the sandbox, answer requests until EOF."""
    import resource

    from service.lifeline import die_with_parent

    # Started from whichever request thread needed a worker: no PDEATHSIG (it would fire when
    # that thread ends), only the watch for the parent process's own death.
    die_with_parent(parent_pid if parent_pid is not None else os.getppid(), kernel_signal=False)
    try:
        # Researchers' queries yield the CPU to the service's own answers (health, series, pages)
        os.nice(10)
    except OSError:  # pragma: no cover - not permitted
        pass
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (data_cap, data_cap))
    except (ValueError, OSError):  # pragma: no cover - platforms without RLIMIT_DATA
        pass
    try:
        sandbox = SqlSandbox(path, source=source, **limits)
    except SandboxError as exc:
        conn.send(("error", exc.code, exc.title, exc.detail, exc.status))
        return
    conn.send(("ready", sandbox.version))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        sql, params, max_rows, time_limit_s, checked = request
        try:
            answer = sandbox.run(sql, params, max_rows=max_rows, time_limit_s=time_limit_s, checked=checked)
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, answer.table.schema) as writer:
                writer.write_table(answer.table)
            conn.send(("ok", answer.truncated, answer.truncated_reason, answer.max_rows, answer.elapsed_s,
                       answer.version, answer.source))
            conn.send_bytes(sink.getvalue())
        except SandboxError as exc:
            conn.send(("error", exc.code, exc.title, exc.detail, exc.status))
        except MemoryError:
            # The OS cap (RLIMIT_DATA) was reached in Python code: say so, then end this process,
            # whose heap need not shrink back (the pool replaces it).
            conn.send(("error", "sql-memory", "Query needed too much memory",
                       f"the query needed more memory than a query may use ({limits.get('memory_limit')} for DuckDB); "
                       "filter or aggregate more, or add a LIMIT", 400))
            return
        except Exception as exc:  # noqa: BLE001 - anything else is reported, the worker lives on
            conn.send(("error", "sql-error", "SQL error", _scrub(_first_line(exc), Path(path)), 400))


def _worker_entry() -> None:
    """`python -c` entry of a worker: argv = fd, path, source, data_cap, limits as JSON, parent pid."""
    import json
    import sys
    from multiprocessing.connection import Connection

    fd, path, source, data_cap, limits, parent = sys.argv[1:7]
    _worker_main(Connection(int(fd)), path, source, json.loads(limits), int(data_cap), int(parent))


class _Worker:
    # A plain subprocess (not multiprocessing's spawn, which re-runs the parent's __main__ and
    # fails under notebooks, `python -c` or stdin) talking pickles over a socketpair.
    def __init__(self, path: Path, source: str, limits: dict[str, Any], data_cap: int) -> None:
        import json
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        parent, child = socket.socketpair()
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from service.store.sandbox import _worker_entry; _worker_entry()",
             str(child.fileno()), str(path), source, str(data_cap), json.dumps(limits), str(os.getpid())],
            pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL, close_fds=True,
        )
        child.close()
        self.conn = Connection(parent.detach())
        self.ready: tuple | None = None

    def wait_ready(self, timeout: float) -> None:
        if self.ready is not None:
            return
        if not self.conn.poll(timeout):
            self.kill()
            raise SandboxError("sql-unavailable", "SQL unavailable", "the SQL worker did not start in time",
                               status=503)
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise SandboxError("sql-unavailable", "SQL unavailable", "the SQL worker failed to start",
                               status=503) from None
        if message[0] == "error":
            self.kill()
            raise SandboxError(message[1], message[2], message[3], status=message[4])
        self.ready = message

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(5)
        except (OSError, ValueError):
            pass
        self.conn.close()

    def alive(self) -> bool:
        return self.process.poll() is None


class SandboxPool:
    """SqlSandbox in worker processes: the same `run()`, with OS memory caps and hard kills.

    `workers` processes answer at most that many queries at once; a caller waits for a free one
    up to its own time limit, then gets a 503 problem.
    """

    def __init__(self, path: Path | str, *, source: str = "snapshot", memory_limit: str = "1GB",
                 threads: int | None = None, max_rows: int = 10_000, time_limit_s: float = 5.0,
                 max_bytes: int | None = None, workers: int | None = None) -> None:
        import queue

        self.path = Path(path)
        self.source = source
        self.memory_limit = memory_limit
        self.max_rows = max_rows
        self.time_limit_s = time_limit_s
        self.limits = {"memory_limit": memory_limit, "threads": threads or default_threads(),
                       "max_rows": max_rows, "time_limit_s": time_limit_s, "max_bytes": max_bytes}
        # The OS cap sits well above DuckDB's own limit: that one should fire first, with a
        # friendlier message; this one catches what DuckDB does not account for.
        self.data_cap = 2 * _bytes_of(memory_limit) + 1536 * 2**20
        # The most an answer may carry into this (the service's) process: the workers truncate
        # at max_bytes of Arrow data; the IPC stream adds its schema and padding. A longer message
        # is never read (multiprocessing refuses it before allocating), so the main process holds
        # at most `workers` answers of this size however many queries are in flight (#17.7).
        self.answer_cap = answer_cap_for(max_bytes or default_max_bytes())
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()  # idle and busy, to name their processes and stop them all
        self._all_lock = threading.Lock()
        self._size = max(1, workers or default_workers())
        self._closed = False
        self._last_version = 0
        if not self.path.exists():
            raise SandboxError("sql-unavailable", "No database to query",
                               f"{self.path.name} does not exist yet (nothing has been ingested or published)",
                               status=503)
        for _ in range(self._size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.path, self.source, self.limits, self.data_cap)
        with self._all_lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._all_lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        if not self._closed:
            self._idle.put(self._spawn())

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (idle or busy)."""
        with self._all_lock:
            return sorted(w.process.pid for w in self._all if w.alive())

    def _death(self, worker: _Worker) -> SandboxError:
        """What to tell the person whose query was running when its worker process ended.

        Only what is known: the exit status. Memory is named only when the kernel's
        out-of-memory killer is the likely cause (SIGKILL that we did not send); never
        another query's problem.
        """
        import signal

        try:
            code = worker.process.wait(2)
        except Exception:  # noqa: BLE001 - subprocess.TimeoutExpired: still exiting
            code = None
        if code is not None and code < 0:
            try:
                how = f"signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"signal {-code}"
        else:
            how = f"exit status {code}" if code is not None else "no exit status yet"
        detail = f"the SQL worker process running this query stopped ({how}) before answering"
        if code == -signal.SIGKILL:
            detail += ("; it was killed from outside, often by the system's out-of-memory killer when the "
                       "query needed more memory than the machine had")
        return SandboxError("sql-worker-died", "SQL worker stopped",
                            detail + "; a fresh worker has been started, try again", status=503)

    def run(self, sql: str, params: dict[str, Any] | list[Any] | None = None, *, max_rows: int | None = None,
            time_limit_s: float | None = None, checked: bool = False) -> Answer:
        """As SqlSandbox.run, in a worker process."""
        import queue

        if not checked:
            check_sql(sql)  # cheap, and refusals need no worker
        limit = self.time_limit_s if time_limit_s is None else min(float(time_limit_s), self.time_limit_s)
        if limit <= 0:
            raise SandboxError("sql-parameters", "Invalid time limit", "the time limit must be more than 0 seconds")
        started = time.perf_counter()
        try:
            worker = self._idle.get(timeout=max(limit, 1.0))
        except queue.Empty:
            raise SandboxError("sql-busy", "SQL busy",
                               f"all {self._size} SQL workers are busy; try again shortly", status=503) from None
        if not worker.alive():  # died while idle (killed from outside): start a fresh one for this query
            self._retire(worker)
            worker = self._spawn()
        healthy = False
        try:
            worker.wait_ready(30.0)
            try:
                worker.conn.send((sql, params, max_rows, limit, True))
            except (OSError, ValueError):
                raise SandboxError("sql-unavailable", "SQL unavailable", "the SQL worker stopped; try again",
                                   status=503) from None
            if not worker.conn.poll(limit + GRACE_S):
                raise SandboxError("sql-timeout", "Query took too long",
                                   f"the query took longer than {limit:g} s and was stopped; "
                                   "filter or aggregate more, or add a LIMIT")
            try:
                message = worker.conn.recv()
                if message[0] == "error":
                    # A query that hit a cap leaves its worker unfit for the next person: memory
                    # DuckDB or the allocator took stays in the process (RLIMIT_DATA counts address
                    # space, not use), and every later query there failed with this one's "needed
                    # more than the memory limit". Such a worker is replaced, never reused.
                    healthy = message[1] not in REPLACE_AFTER
                    raise SandboxError(message[1], message[2], message[3], status=message[4])
                body = worker.conn.recv_bytes(self.answer_cap)
            except OSError as exc:
                if "bad message length" not in str(exc):
                    raise self._death(worker) from None
                # Longer than any answer may be: unread, and the connection is unusable (its
                # worker is replaced in `finally`).
                raise SandboxError("sql-answer-too-large", "Answer too large",
                                   f"the answer is over {self.answer_cap:,} bytes, the most this service "
                                   "carries; filter or aggregate more, or add a LIMIT", status=422) from None
            except EOFError:
                raise self._death(worker) from None
            healthy = True
        finally:
            if healthy and worker.alive() and not self._closed:
                self._idle.put(worker)
            else:
                # Killed (overran its time), died, or hit a cap: it serves no one else; a fresh
                # process takes its place (started in the background).
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        _, truncated, reason, cap, _elapsed, version, source = message
        table = pa.ipc.open_stream(body).read_all()
        self._last_version = version
        return Answer(table=table, truncated=truncated, truncated_reason=reason, max_rows=cap,
                      elapsed_s=time.perf_counter() - started, version=version, source=source, sql=sql)

    @property
    def version(self) -> int:
        """Dataset version the workers answered from most recently (0 before the first answer)."""
        return self._last_version

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except Exception:  # noqa: BLE001 - queue.Empty
                break
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
            try:
                worker.process.wait(2)
            except Exception:  # noqa: BLE001 - subprocess.TimeoutExpired
                worker.kill()
            self._retire(worker)
        # Workers busy with a query (or being replaced) are not in the idle queue: stop them too,
        # or they outlive the service.
        with self._all_lock:
            rest = list(self._all)
        for worker in rest:
            self._retire(worker)

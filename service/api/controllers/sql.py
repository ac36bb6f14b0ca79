"""Researchers' SQL endpoints: GET/POST /api/v1/sql and the named queries /api/v1/queries/{name}.

Thin: parameters in, the sandbox (service.store.sandbox) runs the statement, a format out. Every
statement is hostile: checked to be one read statement, run on a locked-down read-only DuckDB
over the published snapshot in worker processes, under a time limit (callers may only lower
it), a row cap and a byte cap that set `truncated` instead of cutting silently. Refusals and
failures are 400 problems whose `type` ends in the reason (sql-refused, sql-syntax, sql-error,
sql-forbidden, sql-timeout, sql-memory, sql-parameters); 503 when no worker or database is
available.
"""
from __future__ import annotations

import io
import threading
import time
import weakref
from typing import Annotated, Any

import msgspec
import pyarrow.parquet as pq
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter

from service.api.common import (
    MEDIA_TYPES,
    PROBLEM_TYPE_BASE,
    FormatQ,
    HxlQ,
    Payload,
    ProblemError,
    frame_body,
    json_payload,
    negotiate_format,
    parse_bool,
    parse_float,
    parse_int,
    problem_responses,
    respond_versioned,
)
from service.api.lanes import Lane
from service.config import Settings
from service.research import catalogue as cat
from service.research.results import for_parquet, portable, to_frame, type_names
from service.store.db import Store, snapshot_path
from service.store.sandbox import Answer, SandboxError, SandboxPool, SqlSandbox, default_workers

SQL_DOC = """\
Run one read-only SQL statement (DuckDB dialect) against the published snapshot of the data.

Start from the views: `figures_current` (current figures, reviews applied), `figures_with_provenance`
(plus the article's publisher, title, URL, date), `flow_series_monthly`, `stock_series_monthly`,
`series_monthly`, `figure_history`, `article_sources`, `review_log`, and the macro
`figures_as_of(v)` for the data at dataset version v. `DESCRIBE figures` and
`SELECT * FROM duckdb_columns()` show every column with its meaning.

Allowed: SELECT, WITH … SELECT, FROM …, VALUES, TABLE, DESCRIBE, SUMMARIZE, SHOW, and EXPLAIN of
those. Refused with a 400 problem: several statements, DDL/DML, SET/PRAGMA, ATTACH, COPY,
INSTALL/LOAD, and any access to files or the network (read_csv, glob, …).

Limits: a time limit (default from the service, `time_limit` may only lower it; an overrun is a
400 problem of type sql-timeout), a row cap (`max_rows`, at most the service's) and a byte cap:
beyond them the answer has `truncated: true` (header `X-Truncated: true` for CSV/Parquet), never a
silent cut. The data is the read-only snapshot the service publishes after writes (`version` in
the answer is its dataset version); it trails the newest write by at most the snapshot interval.
"""

QUERIES_DOC = """\
Run a named query from the catalogue (GET /api/v1/queries lists them with their parameters).
Pass each parameter by name in the query string (`?metric=killed&place=MMR013`); unknown or
malformed parameters are a 400 problem. Also: format, max_rows, time_limit, hxl.
"""

RESERVED = ("format", "max_rows", "time_limit", "hxl")
SqlQ = Annotated[str, QueryParameter(name="q", description="The SQL statement (one read query).",
                                min_length=1, max_length=100_000)]
MaxRowsQ = Annotated[int | None, QueryParameter(description="Row cap of the answer (at most the service's cap).", ge=1)]
TimeLimitQ = Annotated[float | None, QueryParameter(
    description="Time limit in seconds (at most the service's limit; may only lower it).", gt=0)]


class SqlRequest(msgspec.Struct, forbid_unknown_fields=True):
    """POST /api/v1/sql body: the statement and its bind parameters ($name or ?)."""

    sql: str
    params: dict[str, Any] | list[Any] | None = None
    max_rows: int | None = None
    time_limit: float | None = None


class QueryParamOut(msgspec.Struct):
    """One parameter of a named query."""

    name: str
    type: str
    required: bool
    default: Any
    description: str


class NamedQueryOut(msgspec.Struct):
    """A named query of the catalogue."""

    name: str
    title: str
    description: str
    parameters: list[QueryParamOut]
    sql: str
    url: str


# -- the sandbox behind the endpoints -------------------------------------------------------
_LOCK = threading.Lock()


def _runner(request: Request, store: Store, settings: Settings) -> SqlSandbox | SandboxPool:
    """The app's sandbox over the store's snapshot, publishing a snapshot when none or a stale one."""
    state = request.app.state
    if str(store.path) == ":memory:":
        raise ProblemError(503, "SQL unavailable", "ad-hoc SQL needs a database file (this service runs in memory)",
                           type_=PROBLEM_TYPE_BASE + "sql-unavailable")
    snap = snapshot_path(store.path)
    with _LOCK:
        runner = state.get("sql_runner")
        if not snap.exists():
            _publish(request, store)
        elif runner is not None and not store.read_only and _due(state, settings):
            # A write the snapshot does not have yet, and none published for a while: publish now
            # (the service's own publisher does this too, every snapshot_interval_s).
            seen = max(_last_version(runner), int(getattr(state.get("snapshots"), "published_version", None) or 0))
            if seen < store.version() and time.time() - snap.stat().st_mtime >= settings.snapshot_interval_s:
                _publish(request, store)
        if runner is None:
            if not snap.exists():
                raise ProblemError(503, "SQL unavailable", "no read-only snapshot of the data has been published yet",
                                   type_=PROBLEM_TYPE_BASE + "sql-unavailable")
            limits = dict(memory_limit=settings.sql_memory_limit, max_rows=settings.sql_max_rows,
                          time_limit_s=settings.sql_time_limit_s)
            try:
                workers = default_workers()
                runner = SandboxPool(snap, workers=workers, **limits) if workers > 0 else SqlSandbox(snap, **limits)
            except SandboxError as exc:
                raise _problem(exc) from None
            state.sql_runner = runner
            # Litestar apps cannot be weakly referenced and shutdown hooks are fixed at startup:
            # tie the workers to the store's lifetime (and to interpreter exit).
            weakref.finalize(store, runner.close)
    return runner


def _lane(request: Request) -> Lane:
    # Queries wait here, bounded (503 + Retry-After when full), not on the shared thread pool.
    return request.app.state.lanes.sql


def _due(state: Any, settings: Settings) -> bool:
    # Asking the writer for its version costs a transaction: at most once a second (or as often
    # as snapshots may be published, when that is more often).
    now = time.monotonic()
    if now - float(state.get("sql_checked_at", 0.0)) < min(1.0, settings.snapshot_interval_s):
        return False
    state.sql_checked_at = now
    return True


def _last_version(runner: SqlSandbox | SandboxPool) -> int:
    return int(getattr(runner, "version", 0) or 0)


def _publish(request: Request, store: Store) -> None:
    if store.read_only:
        return
    publisher = request.app.state.get("snapshots")
    if publisher is not None:
        publisher.publish_if_changed()
    else:
        store.publish_snapshot()


def _problem(exc: SandboxError, parameter: str | None = "q") -> ProblemError:
    return ProblemError(exc.status, exc.title, exc.detail, parameter if exc.status == 400 else None,
                        type_=PROBLEM_TYPE_BASE + exc.code,
                        headers={"Retry-After": "1"} if exc.status == 503 else None)


def _catalogue_problem(exc: cat.CatalogueError) -> ProblemError:
    title = "Not found" if exc.status == 404 else "Invalid parameter"
    return ProblemError(exc.status, title, exc.message, exc.parameter, exc.valid)


# -- encoding --------------------------------------------------------------------------------
def _encode(answer: Answer, fmt: str, *, hxl: bool, time_limit: float, extra: dict[str, Any] | None = None) -> Payload:
    """The answer in `fmt`; a value no writer can carry is the query's problem (400), never a 500.

    polars reports some values it cannot write with a Rust panic (PanicException derives from
    BaseException, so it escapes every `except Exception` handler as a plain-text 500): the
    common cases are made portable first (service.research.results); this catches the rest.
    """
    try:
        return _encode_answer(answer, fmt, hxl=hxl, time_limit=time_limit, extra=extra)
    except (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError):
        raise
    except BaseException as exc:  # noqa: BLE001 - PanicException included, see above
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise ProblemError(400, "Answer cannot be encoded",
                           f"the query's answer has a value that {fmt} cannot carry ({reason}); cast it "
                           "to VARCHAR in the query, or ask for another format", "q",
                           type_=PROBLEM_TYPE_BASE + "sql-unrepresentable") from None


def _encode_answer(answer: Answer, fmt: str, *, hxl: bool, time_limit: float,
                   extra: dict[str, Any] | None = None) -> Payload:
    table = answer.table
    headers = {"X-Truncated": "true" if answer.truncated else "false", "X-Row-Count": str(table.num_rows),
               "X-Dataset-Version": str(answer.version)}
    if fmt == "parquet":
        buf = io.BytesIO()
        named = for_parquet(table)
        pq.write_table(named, buf, compression="zstd")
        return Payload(buf.getvalue(), MEDIA_TYPES["parquet"], answer.version, headers)
    clean = portable(table)
    df = to_frame(clean)
    if fmt == "json":
        envelope = {
            **(extra or {}),
            "sql": answer.sql,
            "columns": list(clean.column_names),
            "types": type_names(table),
            "row_count": table.num_rows,
            "truncated": answer.truncated,
            "truncated_reason": answer.truncated_reason,
            "max_rows": answer.max_rows,
            "time_limit_s": time_limit,
            "elapsed_ms": round(answer.elapsed_s * 1000, 3),
            "version": answer.version,
            "source": answer.source,
        }
        return Payload(frame_body(df, "json", envelope=envelope), MEDIA_TYPES["json"], answer.version, headers)
    return Payload(frame_body(df, fmt, hxl=hxl), MEDIA_TYPES[fmt], answer.version, headers)


def _limit(settings: Settings, time_limit: float | None) -> float:
    return settings.sql_time_limit_s if time_limit is None else min(time_limit, settings.sql_time_limit_s)


class SqlController(Controller):
    """Ad-hoc read-only SQL and the named-query catalogue."""

    path = "/api/v1"
    tags = ["sql"]

    @get("/sql", sync_to_thread=True, responses=problem_responses(400, 406, 503), summary="Run one read-only SQL query", description=SQL_DOC)
    def sql_get(self, request: Request, store: NamedDependency[Store], settings: NamedDependency[Settings], q: SqlQ,
                fmt: FormatQ = None,
                max_rows: MaxRowsQ = None, time_limit: TimeLimitQ = None, hxl: HxlQ = False) -> Response:
        chosen = negotiate_format(request, fmt)

        def compute() -> Payload:
            with _lane(request).slot():  # only a cache miss queues for a worker
                runner = _runner(request, store, settings)
                try:
                    answer = runner.run(q, max_rows=max_rows, time_limit_s=time_limit)
                except SandboxError as exc:
                    raise _problem(exc, "q") from None
                return _encode(answer, chosen, hxl=hxl, time_limit=_limit(settings, time_limit))

        return respond_versioned(request, store, compute, fmt=chosen)

    @post("/sql", sync_to_thread=True, status_code=200, responses=problem_responses(400, 406, 422, 503), summary="Run one read-only SQL query (POST)",
          description=SQL_DOC + "\nBody: `{\"sql\": \"...\", \"params\": {\"name\": value} | [values], "
                                "\"max_rows\": n, \"time_limit\": s}`; `$name` or `?` placeholders bind params.")
    def sql_post(self, request: Request, store: NamedDependency[Store], settings: NamedDependency[Settings],
                 data: JSONBody[SqlRequest],
                 fmt: FormatQ = None, hxl: HxlQ = False) -> Response:
        chosen = negotiate_format(request, fmt)
        if data.max_rows is not None and data.max_rows < 1:
            raise ProblemError(400, "Invalid parameter", "max_rows must be at least 1", "max_rows", "an integer ≥ 1")
        if data.time_limit is not None and data.time_limit <= 0:
            raise ProblemError(400, "Invalid parameter", "time_limit must be more than 0", "time_limit",
                               "seconds > 0")
        with _lane(request).slot():
            runner = _runner(request, store, settings)
            try:
                answer = runner.run(data.sql, data.params, max_rows=data.max_rows, time_limit_s=data.time_limit)
            except SandboxError as exc:
                raise _problem(exc, "sql") from None
            payload = _encode(answer, chosen, hxl=hxl, time_limit=_limit(settings, data.time_limit))
        return Response(content=payload.body, media_type=payload.media_type,
                        headers={**payload.headers, "Cache-Control": "no-store"})

    @get("/queries", sync_to_thread=True, summary="The named-query catalogue",
         description="Every named query (sql/queries/*.sql): what it answers, its parameters and SQL.")
    def queries(self, request: Request, store: NamedDependency[Store]) -> Response:
        def compute() -> Payload:
            items = [_query_out(query) for query in cat.catalogue().values()]
            return json_payload({"data": items}, store.version())

        return respond_versioned(request, store, compute, fmt="json")

    @get("/queries/{name:str}", sync_to_thread=True, opt={"any_query": True},
         responses=problem_responses(400, 404, 406, 503), summary="Run a named query",
         description=QUERIES_DOC)
    def query_run(self, request: Request, store: NamedDependency[Store], settings: NamedDependency[Settings],
                  name: Annotated[str, PathParameter(description="Name of the query (GET /api/v1/queries).")]) -> Response:
        try:
            query = cat.get(name)
        except cat.CatalogueError as exc:
            raise _catalogue_problem(exc) from None
        given: dict[str, str] = {}
        for key, value in request.query_params.multi_items():
            if key in given:
                raise ProblemError(400, "Invalid parameter", f"{key} was given more than once", key, "one value")
            given[key] = value
        fmt = given.pop("format", None)
        chosen = negotiate_format(request, fmt)
        max_rows = _int_param(given.pop("max_rows", None), "max_rows")
        time_limit = _float_param(given.pop("time_limit", None), "time_limit")
        hxl = parse_bool(given.pop("hxl", "false"), "hxl")
        try:
            values = query.bind(given)
        except cat.CatalogueError as exc:
            raise _catalogue_problem(exc) from None

        def compute() -> Payload:
            with _lane(request).slot():
                runner = _runner(request, store, settings)
                try:
                    answer = runner.run(query.sql, values, max_rows=max_rows, time_limit_s=time_limit, checked=True)
                except SandboxError as exc:
                    raise _problem(exc, None) from None
                extra = {"query": query.name, "title": query.title, "parameters": values}
                return _encode(answer, chosen, hxl=hxl, time_limit=_limit(settings, time_limit), extra=extra)

        return respond_versioned(request, store, compute, fmt=chosen)


def _query_out(query: cat.NamedQuery) -> NamedQueryOut:
    return NamedQueryOut(
        name=query.name, title=query.title, description=query.description,
        parameters=[QueryParamOut(p.name, p.type, p.required, p.default, p.description) for p in query.params],
        sql=query.sql, url=f"/api/v1/queries/{query.name}")


def _int_param(raw: str | None, name: str) -> int | None:
    if raw is None:
        return None
    value = parse_int(raw, name)  # the API's one rule for integers (no 1e3, no 5.0)
    if value < 1:
        raise ProblemError(400, "Invalid parameter", f"{name} must be at least 1", name, "an integer ≥ 1")
    return value


def _float_param(raw: str | None, name: str) -> float | None:
    if raw is None:
        return None
    value = parse_float(raw, name)  # finite, plainly written: nan and inf are refused
    if not value > 0:
        raise ProblemError(400, "Invalid parameter", f"{name} must be more than 0", name, "seconds > 0")
    return value


CONTROLLERS: list[type[Controller]] = [SqlController]

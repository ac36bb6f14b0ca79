"""Settings: one documented table, read from the environment (and overridden by CLI flags)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _public_url(value: str | None) -> str | None:
    """HUMSTAT_PUBLIC_URL as written into links: absolute http(s), no trailing slash; empty = unset.

    A wrong value fails at start-up rather than writing broken links into every embed snippet."""
    if value is None or not value.strip():
        return None
    url = value.strip().rstrip("/")
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest or any(c in url for c in " \"'<>\r\n"):
        raise ValueError(f"HUMSTAT_PUBLIC_URL must be an absolute http(s) URL such as https://data.example.org, "
                         f"not {value!r}")
    return url


def store_setting(value: str | Path) -> Path | str:
    """HUMSTAT_STORE / --store as the Store takes it: a DuckDB file as a Path; a value naming a
    scheme (ducklake:..., or a mistaken postgres://...) as written, since a Path folds its '//'
    and the error must quote what was given."""
    text = str(value)
    scheme = text.split(":", 1)[0] if ":" in text else ""
    return text if scheme and "/" not in scheme and len(scheme) > 1 else Path(text)


@dataclass(frozen=True)
class Settings:
    """Every setting, its environment variable and default. README renders this table."""

    # Path for a DuckDB file; a DuckLake URL stays the str it was written as (store_setting).
    # Annotated Path alone: Litestar injects Settings and refuses a union with a custom type.
    db_path: Path = field(default_factory=lambda: store_setting(os.environ.get("HUMSTAT_STORE")  # type: ignore[arg-type]
                                                                or _env("HUMSTAT_DB", "data/humstat.duckdb")),
                          metadata={"env": "HUMSTAT_STORE",
                                    "help": "where the data lives: a DuckDB file, or a DuckLake "
                                            "(ducklake:postgres:dbname=... host=... port=... user=..., or "
                                            "ducklake:/path/meta.ducklake); HUMSTAT_DB is the same setting "
                                            "(HUMSTAT_STORE wins when both are set)"})
    data_path: str = field(default_factory=lambda: _env("HUMSTAT_DATA_PATH", ""),
                           metadata={"env": "HUMSTAT_DATA_PATH",
                                     "help": "DuckLake only: folder or s3://bucket/prefix of the lake's Parquet files "
                                             "(S3 from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, "
                                             "AWS_ENDPOINT_URL); unset: <catalog>.files/ beside a local catalog"})
    local_dir: str = field(default_factory=lambda: _env("HUMSTAT_LOCAL_DIR", ""),
                           metadata={"env": "HUMSTAT_LOCAL_DIR",
                                     "help": "DuckLake only: folder for this process's published snapshot (what the "
                                             "SQL sandbox reads); unset: a temporary folder per process, removed at exit"})
    lake_retries: int = field(default_factory=lambda: int(_env("HUMSTAT_LAKE_RETRIES", "8")),
                              metadata={"env": "HUMSTAT_LAKE_RETRIES",
                                        "help": "DuckLake only: times a write another process committed first is run "
                                                "again (pauses from 50 ms doubling to 2 s, with jitter)"})
    lake_poll_s: float = field(default_factory=lambda: float(_env("HUMSTAT_LAKE_POLL", "1")),
                               metadata={"env": "HUMSTAT_LAKE_POLL",
                                         "help": "DuckLake only: seconds a process trusts the dataset version it last "
                                                 "read before asking the catalog again (other processes write too)"})
    lake_expire: str = field(default_factory=lambda: _env("HUMSTAT_LAKE_EXPIRE", "7 days"),
                             metadata={"env": "HUMSTAT_LAKE_EXPIRE",
                                       "help": "DuckLake only: humstat maintain expires DuckLake snapshots older than "
                                               "this: no DuckLake time travel before it (humstat's own versions and "
                                               "as_of_version are not affected)"})
    lake_delete_after: str = field(default_factory=lambda: _env("HUMSTAT_LAKE_DELETE_AFTER", "1 hour"),
                                   metadata={"env": "HUMSTAT_LAKE_DELETE_AFTER",
                                             "help": "DuckLake only: humstat maintain deletes files merged away or "
                                                     "expired this long ago (a longer query may still read them)"})
    host: str = field(default_factory=lambda: _env("HOST", "127.0.0.1"),
                      metadata={"env": "HOST", "help": "address the API listens on"})
    port: int = field(default_factory=lambda: int(_env("PORT", "8000")),
                      metadata={"env": "PORT", "help": "port the API listens on"})
    token: str | None = field(default_factory=lambda: os.environ.get("HUMSTAT_TOKEN") or None,
                              metadata={"env": "HUMSTAT_TOKEN",
                                        "help": "write token for POST endpoints; unset = write endpoints off"})
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(o.strip() for o in _env("HUMSTAT_CORS_ORIGINS", "*").split(",") if o.strip()),
        metadata={"env": "HUMSTAT_CORS_ORIGINS", "help": "comma-separated origins allowed for GET (CORS)"})
    max_article_bytes: int = field(default_factory=lambda: int(_env("HUMSTAT_MAX_ARTICLE_BYTES", str(5 * 2**20))),
                                   metadata={"env": "HUMSTAT_MAX_ARTICLE_BYTES",
                                             "help": "largest article (or input file) accepted, bytes"})
    sql_time_limit_s: float = field(default_factory=lambda: float(_env("HUMSTAT_SQL_TIME_LIMIT", "5")),
                                    metadata={"env": "HUMSTAT_SQL_TIME_LIMIT",
                                              "help": "time limit of one ad-hoc SQL query, seconds (callers may only lower it)"})
    sql_max_rows: int = field(default_factory=lambda: int(_env("HUMSTAT_SQL_MAX_ROWS", "10000")),
                              metadata={"env": "HUMSTAT_SQL_MAX_ROWS",
                                        "help": "row cap of one ad-hoc SQL answer (truncated: true beyond it)"})
    sql_memory_limit: str = field(default_factory=lambda: _env("HUMSTAT_SQL_MEMORY_LIMIT", "1GB"),
                                  metadata={"env": "HUMSTAT_SQL_MEMORY_LIMIT",
                                            "help": "memory limit of the sandboxed SQL connection"})
    sql_threads: int = field(default_factory=lambda: int(_env("HUMSTAT_SQL_THREADS", str(min(4, os.cpu_count() or 1)))),
                             metadata={"env": "HUMSTAT_SQL_THREADS", "help": "threads of the sandboxed SQL instance"})
    sql_max_bytes: int = field(default_factory=lambda: int(_env("HUMSTAT_SQL_MAX_BYTES", str(64 * 2**20))),
                               metadata={"env": "HUMSTAT_SQL_MAX_BYTES",
                                         "help": "largest ad-hoc SQL answer in bytes (truncated: true beyond it)"})
    sql_workers: int = field(default_factory=lambda: int(_env("HUMSTAT_SQL_WORKERS", "2")),
                             metadata={"env": "HUMSTAT_SQL_WORKERS",
                                       "help": "worker processes running the API's ad-hoc SQL (0: in-process, no OS memory cap)"})
    sql_queue: int = field(default_factory=lambda: int(_env("HUMSTAT_SQL_QUEUE", "16")),
                           metadata={"env": "HUMSTAT_SQL_QUEUE",
                                     "help": "ad-hoc SQL requests that may wait for a worker; beyond them: 503 with Retry-After"})
    render_workers: int = field(default_factory=lambda: int(_env("HUMSTAT_RENDER_WORKERS", "2")),
                                metadata={"env": "HUMSTAT_RENDER_WORKERS", "help": "PNG/SVG chart renders at once"})
    render_queue: int = field(default_factory=lambda: int(_env("HUMSTAT_RENDER_QUEUE", "8")),
                              metadata={"env": "HUMSTAT_RENDER_QUEUE",
                                        "help": "chart renders that may wait; beyond them: 503 with Retry-After"})
    export_workers: int = field(default_factory=lambda: int(_env("HUMSTAT_EXPORT_WORKERS", "2")),
                                metadata={"env": "HUMSTAT_EXPORT_WORKERS",
                                          "help": "streamed exports (CSV/NDJSON/Parquet of /figures without limit) at once"})
    export_queue: int = field(default_factory=lambda: int(_env("HUMSTAT_EXPORT_QUEUE", "4")),
                              metadata={"env": "HUMSTAT_EXPORT_QUEUE",
                                        "help": "exports that may wait; beyond them: 503 with Retry-After"})
    queue_wait_s: float = field(default_factory=lambda: float(_env("HUMSTAT_QUEUE_WAIT", "10")),
                                metadata={"env": "HUMSTAT_QUEUE_WAIT",
                                          "help": "longest wait in the SQL, render or export queue before a 503, seconds"})
    export_partition_rows: int = field(default_factory=lambda: int(_env("HUMSTAT_EXPORT_PARTITION_ROWS", "1000000")),
                                       metadata={"env": "HUMSTAT_EXPORT_PARTITION_ROWS",
                                                 "help": "rows above which an exported Parquet table is split by year"})
    frame_ancestors: str = field(default_factory=lambda: _env("HUMSTAT_FRAME_ANCESTORS", "*").strip() or "*",
                                 metadata={"env": "HUMSTAT_FRAME_ANCESTORS",
                                           "help": "CSP frame-ancestors allowed to embed chart pages"})
    snapshot_interval_s: float = field(default_factory=lambda: float(_env("HUMSTAT_SNAPSHOT_INTERVAL", "10")),
                                       metadata={"env": "HUMSTAT_SNAPSHOT_INTERVAL",
                                                 "help": "least seconds between publishes of the data for other processes (the Parquet "
                                                         "partitions writes changed and the snapshot catalog)"})

    duckdb_memory_limit: str = field(default_factory=lambda: _env("HUMSTAT_DUCKDB_MEMORY_LIMIT", "2GB"),
                                     metadata={"env": "HUMSTAT_DUCKDB_MEMORY_LIMIT",
                                               "help": "memory limit of the database connection of humstat serve and "
                                                       "humstat ingest (DuckDB's block cache and query memory; "
                                                       "beyond it DuckDB spills to disk; ingest stores its batches "
                                                       "at HUMSTAT_INGEST_MEMORY_LIMIT)"})
    ingest_memory_limit: str = field(default_factory=lambda: _env("HUMSTAT_INGEST_MEMORY_LIMIT", "512MB"),
                                     metadata={"env": "HUMSTAT_INGEST_MEMORY_LIMIT",
                                               "help": "memory limit of the database connection while humstat "
                                                       "ingest stores its batches (below the server's: the writer "
                                                       "needs its indexes, not a cache of the growing file; "
                                                       "publishing at the end runs at HUMSTAT_DUCKDB_MEMORY_LIMIT)"})
    checkpoint_wal: str = field(default_factory=lambda: _env("HUMSTAT_CHECKPOINT_WAL", "256MB"),
                                metadata={"env": "HUMSTAT_CHECKPOINT_WAL",
                                          "help": "write-ahead log size that makes DuckDB checkpoint (rewrite changed "
                                                  "tables and their indexes into the file)"})
    checkpoint_interval_s: float = field(default_factory=lambda: float(_env("HUMSTAT_CHECKPOINT_INTERVAL", "900")),
                                         metadata={"env": "HUMSTAT_CHECKPOINT_INTERVAL",
                                                   "help": "seconds between the service's own checkpoints (when the "
                                                           "log is not empty); also at shutdown"})
    writer_nice: int = field(default_factory=lambda: int(_env("HUMSTAT_WRITER_NICE", "10")),
                             metadata={"env": "HUMSTAT_WRITER_NICE",
                                       "help": "how much lower than the readers' the server runs its writes' CPU "
                                               "priority (reviews, POSTed articles and the series update after "
                                               "them; Linux nice, 0..19): readers are answered first while a "
                                               "writer posts; 0 = the same priority"})
    compact_at_close: float = field(default_factory=lambda: float(_env("HUMSTAT_COMPACT_AT_CLOSE", "0.25")),
                                    metadata={"env": "HUMSTAT_COMPACT_AT_CLOSE",
                                              "help": "when a writer (humstat serve, ingest, ...) closes a DuckDB file "
                                                      "whose free blocks exceed this share of it (and 16 MiB), it "
                                                      "compacts the file (humstat compact); 0 = never"})

    public_url: str | None = field(
        default_factory=lambda: _public_url(os.environ.get("HUMSTAT_PUBLIC_URL")),
        metadata={"env": "HUMSTAT_PUBLIC_URL",
                  "help": "scheme, host and path prefix written into embed snippets, citations, chart metadata "
                          "and Link headers (e.g. https://data.example.org); unset = the request's own host"})

    def __post_init__(self) -> None:
        # one spelling (no trailing slash), whether it came from the environment or a caller
        object.__setattr__(self, "public_url", _public_url(self.public_url))

    def replace(self, **changes: object) -> "Settings":
        """A copy with the given (non-None) settings changed."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        return Settings(**values)  # type: ignore[arg-type]


def settings_table() -> list[tuple[str, str, str, str]]:
    """(setting, environment variable, default, meaning) rows for documentation."""
    s = Settings()
    return [(f.name, f.metadata["env"], str(getattr(s, f.name)), f.metadata["help"]) for f in fields(Settings)]

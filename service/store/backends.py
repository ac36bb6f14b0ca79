"""Where the store's tables live: a DuckDB file (one writing process) or a DuckLake (a catalog on
PostgreSQL or in a local DuckDB file, data as Parquet in a folder or on S3; many processes).

`backend_for(value)` turns the one setting (HUMSTAT_STORE / --store) into a backend, chosen once
when a Store opens; the Store asks it to connect, prepare each cursor, name its SQL (sql/lake/
holds the lake's own forms) and tell a write conflict from other errors. Callers of Store never
see it.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from service.store import sqlfiles

LAKE_PREFIX = "ducklake:"
LAKE_ALIAS = "lake"  # the name the DuckLake is attached as in every connection


class BackendError(Exception):
    """A store setting that cannot work, said for a person (the Store turns it into StoreError)."""


def extension_path(name: str) -> str:
    """The extension file shipped by the duckdb-extension-<name> wheel: loaded by path, offline."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(f"the DuckDB extension '{name}' is not installed (package duckdb-extension-"
                           f"{name.replace('_', '-')}=={duckdb.__version__}); run 'make env'")
    path = Path(list(spec.submodule_search_locations)[0]) / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise BackendError(f"{path}: missing; the extension wheel does not match duckdb {duckdb.__version__}")
    return str(path)


def _literal(s: str) -> str:
    # Values of our own settings, quoted for one SQL string literal (ATTACH/secret take no parameters).
    return "'" + s.replace("'", "''") + "'"


@dataclass
class FileBackend:
    """One DuckDB file: one process writes; others read its published snapshot."""

    path: Path
    kind: str = "file"

    @property
    def local_path(self) -> Path:
        return self.path

    def describe(self) -> str:
        return str(self.path)

    def connect(self, config: dict[str, Any], read_only: bool) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.path), read_only=read_only, config=config)

    def prepare(self, cur: duckdb.DuckDBPyConnection, *, reading: bool = True) -> None:
        """Nothing: a cursor of a file connection reads that file."""

    def sql(self, name: str) -> str:
        return sqlfiles.load(name)

    def is_conflict(self, exc: BaseException) -> bool:
        # one writing process, writes serialised by the Store's lock: nothing to retry
        return False

    def close(self) -> None:
        """Nothing to release."""


@dataclass
class LakeBackend:
    """A DuckLake: catalog `catalog` (postgres:<libpq DSN> or a .ducklake file), Parquet under
    `data_path` (a folder or s3://bucket/prefix). `local_dir` holds this process's published
    snapshot for the SQL sandbox, `humstat sql` and `export` (never the lake's own files)."""

    catalog: str
    data_path: str
    local_dir: Path
    own_local_dir: bool = False
    kind: str = "lake"
    s3: dict[str, str] = field(default_factory=dict)

    @property
    def local_path(self) -> Path:
        # Store.path: snapshot_path() and the Parquet publication derive from it; no file is made here
        return self.local_dir / "humstat.duckdb"

    def describe(self) -> str:
        # the catalog without a password, for messages and logs
        return LAKE_PREFIX + without_password(self.catalog)

    def connect(self, config: dict[str, Any], read_only: bool) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:", config=config)
        try:
            con.execute(f"LOAD {_literal(extension_path('ducklake'))}")
            if self.catalog.startswith("postgres:"):
                con.execute(f"LOAD {_literal(extension_path('postgres_scanner'))}")
            if self.data_path.startswith("s3://"):
                con.execute(f"LOAD {_literal(extension_path('httpfs'))}")
                con.execute(_s3_secret(self.s3))
            options = [f"DATA_PATH {_literal(self.data_path)}"] if self.data_path else []
            if read_only:
                options.append("READ_ONLY")
            opts = f" ({', '.join(options)})" if options else ""
            con.execute(f"ATTACH {_literal(LAKE_PREFIX + self.catalog)} AS {LAKE_ALIAS}{opts}")
            con.execute(f"USE {LAKE_ALIAS}")
        except BaseException:
            con.close()
            raise
        return con

    def prepare(self, cur: duckdb.DuckDBPyConnection, *, reading: bool = True) -> None:
        """A cursor starts in the connection's in-memory database: point it at the lake. A reading
        cursor also sees `figures` with its row_id (figure_row in the lake: DuckLake reserves the
        name) through a view of its own (~2 ms), so every read query, the published snapshot and
        exports see the file backend's columns; writes name the table itself."""
        cur.execute(f"USE {LAKE_ALIAS}")
        if reading:
            cur.execute(sqlfiles.load("lake/figures_view"))

    def sql(self, name: str) -> str:
        """sql/lake/<name>.sql where the lake needs its own form (no sequences...), else sql/<name>.sql."""
        own = sqlfiles.sql_dir() / "lake" / f"{name}.sql"
        return sqlfiles.load(f"lake/{name}") if own.exists() else sqlfiles.load(name)

    def is_conflict(self, exc: BaseException) -> bool:
        """A commit DuckLake refused because another transaction changed the same rows or tables
        first (the write is retried on a fresh snapshot); every other error is final."""
        msg = str(exc).lower()
        return isinstance(exc, duckdb.Error) and ("transaction conflict" in msg
                                                  or ("conflict" in msg and "commit" in msg))

    def close(self) -> None:
        if self.own_local_dir:
            shutil.rmtree(self.local_dir, ignore_errors=True)


def _s3_secret(s3: dict[str, str]) -> str:
    """A DuckDB S3 secret from the usual AWS_* variables; a loopback endpoint (moto, MinIO) gets
    path-style URLs and no TLS."""
    parts = ["TYPE s3", "PROVIDER config"]
    for key, env in (("KEY_ID", "key_id"), ("SECRET", "secret"), ("REGION", "region")):
        if s3.get(env):
            parts.append(f"{key} {_literal(s3[env])}")
    endpoint = s3.get("endpoint", "")
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        host = host or scheme
        parts += [f"ENDPOINT {_literal(host.rstrip('/'))}", "URL_STYLE 'path'",
                  f"USE_SSL {'true' if scheme == 'https' else 'false'}"]
    return f"CREATE OR REPLACE SECRET humstat_s3 ({', '.join(parts)})"


def without_password(text: str) -> str:
    """`text` (a DSN, or an error quoting one) with any libpq password masked."""
    return re.sub(r"password\s*=\s*('[^']*'|\S+)", "password=***", text)


def is_lake(value: Path | str) -> bool:
    """Whether a store setting names a DuckLake (ducklake:...) rather than a DuckDB file."""
    return str(value).startswith(LAKE_PREFIX)


def check(value: Path | str, data_path: str | None = None) -> tuple[str, str] | None:
    """Check a store setting without touching anything: None for a DuckDB file, else the lake's
    (catalog, data path as given). Raises BackendError naming the setting and the value."""
    text = str(value)
    where = "HUMSTAT_STORE (or --store)"
    if not is_lake(text):
        if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I) or text.startswith(("postgres:", "dbname=")):
            raise BackendError(f"{where} = {text!r}: a DuckDB file path or a DuckLake URL is expected; for a "
                               "DuckLake catalog on PostgreSQL write 'ducklake:postgres:dbname=... host=... "
                               "port=... user=...' (data files go to HUMSTAT_DATA_PATH)")
        return None
    catalog = text[len(LAKE_PREFIX):].strip()
    data = (data_path if data_path is not None else os.environ.get("HUMSTAT_DATA_PATH", "")).strip()
    if not catalog:
        raise BackendError(f"{where} = {text!r}: no catalog after 'ducklake:'; write ducklake:postgres:<DSN> "
                           "or ducklake:/path/meta.ducklake")
    if catalog.startswith(("sqlite:", "mysql:")):
        raise BackendError(f"{where} = {text!r}: only PostgreSQL or a local DuckDB file can hold humstat's "
                           "DuckLake catalog (a SQLite catalog gave 'database is locked' errors DuckLake does "
                           "not retry)")
    if catalog.startswith("postgres:"):
        dsn = catalog[len("postgres:"):]
        if "dbname=" not in dsn:
            raise BackendError(f"{where} = {text!r}: the PostgreSQL DSN names no database (dbname=...)")
        if not data:
            raise BackendError(f"{where} = {text!r} needs HUMSTAT_DATA_PATH: the folder or s3://bucket/prefix "
                               "the lake's Parquet files go to")
    elif not data:
        # a local catalog keeps its files beside it unless told otherwise
        data = str(Path(catalog).with_suffix("")) + ".files/"
    if data.startswith("s3://"):
        if not re.match(r"^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", data):
            raise BackendError(f"HUMSTAT_DATA_PATH = {data!r}: not an s3://bucket/prefix URL")
    elif "://" in data:
        raise BackendError(f"HUMSTAT_DATA_PATH = {data!r}: a folder or s3://bucket/prefix is expected")
    return catalog, data


def backend_for(value: Path | str, *, data_path: str | None = None, local_dir: str | None = None,
                environ: dict[str, str] | None = None) -> FileBackend | LakeBackend:
    """The backend a store setting names. Raises BackendError naming the setting and the value."""
    env = os.environ if environ is None else environ
    lake = check(value, data_path if data_path is not None else env.get("HUMSTAT_DATA_PATH", ""))
    if lake is None:
        return FileBackend(Path(value))
    catalog, data = lake
    if not data.startswith("s3://"):
        Path(data).mkdir(parents=True, exist_ok=True)
        data = str(Path(data).resolve()) + "/"
    s3 = {"key_id": env.get("AWS_ACCESS_KEY_ID", ""), "secret": env.get("AWS_SECRET_ACCESS_KEY", ""),
          "region": env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "")),
          "endpoint": env.get("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL", ""))}
    local = local_dir if local_dir is not None else env.get("HUMSTAT_LOCAL_DIR", "")
    if local:
        folder, own = Path(local), False
        folder.mkdir(parents=True, exist_ok=True)
    else:
        # one folder per process: replicas on one machine must not publish into each other's files
        folder, own = Path(tempfile.mkdtemp(prefix="humstat-lake-")), True
    return LakeBackend(catalog=catalog, data_path=data, local_dir=folder, own_local_dir=own, s3=s3)

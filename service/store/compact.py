"""Compaction of the database file (#16.4): the file does not grow by free blocks without bound.

DuckDB writes changed row groups and indexes into new blocks at each checkpoint and marks the old
ones free. Free blocks are reused before the file grows, and a checkpoint gives back some of the
space deleted rows held (DuckDB 1.5, "Reclaiming space"), but the file never shrinks by itself:
after a burst of re-extractions (which supersede whole articles' figures) or a large delete it
keeps its largest size. DuckDB's documented way to compact is a fresh copy, `COPY FROM DATABASE`
(tables, indexes, views, macros and sequences with their current values), so:

1. CHECKPOINT (the log folded in; the blocks it frees are counted);
2. when free blocks exceed `min_free_share` of the file (default FREE_SHARE), copy the database
   into `<name>.compact` beside it, check every table has the same rows there, and swap it in with
   one atomic rename.

It works on a file no other process has open (DuckDB's own lock makes the open fail otherwise):
`humstat compact` runs it between service runs, and a writer's Store.close runs it at close
(humstat serve at shutdown, humstat ingest at its end) when free blocks exceed
HUMSTAT_COMPACT_AT_CLOSE of the file and MIN_FREE_BYTES. The published Parquet
(service.store.lake) stays valid: versions and their timestamps are copied.
"""
from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from service.store.db import BASE_CONFIG, StoreError, explain_open_error

# Compact when free blocks are more than this share of the file: below it the copy (a full read
# and write of the database) costs more than the space it would give back, and DuckDB reuses the
# free blocks for the next writes anyway.
FREE_SHARE = 0.25
# At close, fewer free bytes than this are not worth the copy: the copy delays the shutdown, and a
# small file's free blocks are soon reused.
MIN_FREE_BYTES = 16 * 2**20

_SOURCE = "humstat_src"
_TARGET = "humstat_compact"


@dataclass(frozen=True)
class CompactStats:
    """What compaction found and did; sizes in bytes (file + its write-ahead log)."""

    path: str
    bytes_before: int
    bytes_after: int
    blocks_before: int
    free_blocks_before: int
    blocks_after: int
    free_blocks_after: int
    copied: bool     # True: a fresh copy replaced the file; False: a checkpoint was enough
    seconds: float

    @property
    def free_share_before(self) -> float:
        return self.free_blocks_before / self.blocks_before if self.blocks_before else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "free_share_before": round(self.free_share_before, 4)}


def _on_disk(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return sum(p.stat().st_size for p in (path, wal) if p.exists())


def _blocks(con: duckdb.DuckDBPyConnection, database: str) -> tuple[int, int]:
    total, free = con.execute("SELECT total_blocks, free_blocks FROM pragma_database_size() "
                              "WHERE database_name = ?", [database]).fetchone()
    return int(total or 0), int(free or 0)


def _quote(s: str) -> str:
    # Our own paths (derived from the database path given), quoted for one ATTACH literal.
    return s.replace("'", "''")


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, str]]:
    return [(str(s), str(t)) for s, t in con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? AND NOT internal "
        "ORDER BY ALL", [database]).fetchall()]


def _same_rows(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    """The table holds the same rows (as a multiset) in the source and the copy."""
    name = f'"{schema}"."{table}"'
    src, dst = f"{_SOURCE}.{name}", f"{_TARGET}.{name}"
    n_src, n_dst = con.execute(f"SELECT (SELECT count(*) FROM {src}), (SELECT count(*) FROM {dst})").fetchone()
    if n_src != n_dst:
        return False
    # an order-independent fingerprint of every row (sum of row hashes, in 128 bits: no overflow)
    fp = "SELECT sum(hash(t)::HUGEINT) FROM {} AS t"
    return con.execute(f"SELECT ({fp.format(src)}) IS NOT DISTINCT FROM ({fp.format(dst)})").fetchone()[0]


def compact_file(path: Path | str, *, min_free_share: float = FREE_SHARE, force: bool = False) -> CompactStats:
    """Checkpoint the database file at `path` and, when its free blocks exceed `min_free_share` of
    it (or `force`), replace it with a compact copy. The file must not be open in another process.
    Raises StoreError (one sentence) when it cannot be opened or the copy does not match."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such database file")
    t0 = time.perf_counter()
    before = _on_disk(path)
    tmp = path.with_name(path.name + ".compact")
    try:
        con = duckdb.connect(":memory:", config=dict(BASE_CONFIG))
        con.execute(f"ATTACH '{_quote(str(path))}' AS {_SOURCE}")
    except duckdb.Error as exc:
        raise explain_open_error(path, exc) from None
    copied = False
    try:
        con.execute(f"CHECKPOINT {_SOURCE}")
        total, free = _blocks(con, _SOURCE)
        if total and (force or free / total > min_free_share):
            for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
                stale.unlink(missing_ok=True)
            con.execute(f"ATTACH '{_quote(str(tmp))}' AS {_TARGET}")
            try:
                con.execute(f"COPY FROM DATABASE {_SOURCE} TO {_TARGET}")
                wrong = [f"{s}.{t}" for s, t in _tables(con, _SOURCE) if not _same_rows(con, s, t)]
                if wrong or _tables(con, _SOURCE) != _tables(con, _TARGET):
                    raise StoreError(f"{path}: the compact copy differs from the file ({', '.join(wrong) or 'tables'}); "
                                     "the file was left as it was")
                con.execute(f"CHECKPOINT {_TARGET}")
            finally:
                con.execute(f"DETACH {_TARGET}")
            copied = True
    except BaseException:
        con.close()
        for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
            stale.unlink(missing_ok=True)
        raise
    con.close()  # the source's checkpoint at close leaves no log to replay onto the copy
    if copied:
        wal = path.with_name(path.name + ".wal")
        if wal.exists() and wal.stat().st_size:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{path}: a write-ahead log appeared while compacting (another process?); "
                             "the file was left as it was")
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)  # atomic: a reader sees the old file or the new one, never a half
        wal.unlink(missing_ok=True)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    with duckdb.connect(str(path), read_only=True, config=dict(BASE_CONFIG)) as ro:
        total_after, free_after = _blocks(ro, ro.execute("SELECT current_database()").fetchone()[0])
    return CompactStats(path=str(path), bytes_before=before, bytes_after=_on_disk(path), blocks_before=total,
                        free_blocks_before=free, blocks_after=total_after, free_blocks_after=free_after,
                        copied=copied, seconds=time.perf_counter() - t0)

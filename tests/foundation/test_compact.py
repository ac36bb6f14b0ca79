"""Compaction (#16.4): the database file gives back the blocks rewrites freed, with the same data."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner

from service.cli import main
from service.store.compact import compact_file
from service.store.db import Store, StoreError
from tests.api.conftest import add, art, fig
from tests.conftest import database_held_open


def _revision(store: Store, rev: int, ids: range) -> None:
    """New text for these articles: their figures are superseded by five new ones each."""
    arts = [art(f"c{i}", "2024-03-09", text=f"revision {rev} of {i}: " + "troops killed 5 people in a village. " * 40)
            for i in ids]
    add(store, arts, [fig(a, "killed", 5 + k + rev, "MMR005001", "2024-03-01", n=k) for a in arts for k in range(5)])


def _contents(path: Path) -> dict[str, pl.DataFrame]:
    """Every table's rows, sorted."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal "
                                            "ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').pl() for t in tables}


def _same(a: dict[str, pl.DataFrame], b: dict[str, pl.DataFrame]) -> bool:
    return a.keys() == b.keys() and all(a[t].equals(b[t]) for t in a)


def _schema(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT 'index', index_name, table_name FROM duckdb_indexes() UNION ALL "
                           "SELECT 'view', view_name, NULL FROM duckdb_views() WHERE NOT internal UNION ALL "
                           "SELECT 'macro', function_name, NULL FROM duckdb_functions() WHERE NOT internal "
                           "AND function_type LIKE '%macro%' ORDER BY ALL").fetchall()


def _churn(store: Store) -> None:
    for part in range(0, 800, 200):
        _revision(store, 0, range(part, part + 200))
    store.checkpoint()
    # re-extraction-like churn: every article replaced twice, a checkpoint after each batch
    # (the service checkpoints on a schedule), so rewritten blocks are freed again and again
    for rev in (1, 2):
        for part in range(0, 800, 200):
            _revision(store, rev, range(part, part + 200))
            store.checkpoint()
    stats = store.file_stats()
    assert stats["free_blocks"] / stats["total_blocks"] > 0.25, stats  # the growth compaction answers


def test_the_file_shrinks_after_many_rows_are_replaced_and_keeps_its_data(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HUMSTAT_COMPACT_AT_CLOSE", "0")  # compact_file itself, below
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        _churn(store)
    before, schema = _contents(path), _schema(path)
    size = path.stat().st_size

    result = compact_file(path)

    assert result.copied and result.bytes_before == size
    assert path.stat().st_size == result.bytes_after < 0.8 * size, result
    assert result.free_blocks_after == 0
    assert _same(_contents(path), before) and _schema(path) == schema
    assert not path.with_name(path.name + ".compact").exists()
    # the compacted file is a working store: the row id sequence goes on where it was (row_id is
    # the primary key: a restarted sequence would fail this write), writes and reads work
    with Store(path) as store:
        _revision(store, 3, range(0, 10))
        with store.read() as cur:
            n, current = cur.execute("SELECT count(*), count(*) FILTER (WHERE version_to IS NULL) FROM figures").fetchone()
        assert n == before["figures"].height + 50 and current == 800 * 5


def test_a_file_with_few_free_blocks_is_only_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "small.duckdb"
    with Store(path) as store:
        _revision(store, 0, range(0, 50))
    before = _contents(path)
    result = compact_file(path)
    assert not result.copied and result.free_share_before <= 0.25
    assert _same(_contents(path), before)
    forced = compact_file(path, force=True)
    assert forced.copied and _same(_contents(path), before)
    # the command line's way in: the stats as JSON
    out = CliRunner().invoke(main, ["compact", "--db", str(path), "--force"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["copied"] is True and _same(_contents(path), before)


def test_a_file_open_in_another_process_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    with Store(path) as store:
        _revision(store, 0, range(0, 5))
    size = path.stat().st_size
    with database_held_open(path), pytest.raises(StoreError, match="open for writing by another process"):
        compact_file(path, force=True)
    assert path.stat().st_size == size and not path.with_name(path.name + ".compact").exists()


def test_a_writer_compacts_the_file_when_it_closes_it(tmp_path: Path, monkeypatch) -> None:
    # humstat serve at shutdown, humstat ingest at its end: Store.close compacts when free blocks
    # exceed HUMSTAT_COMPACT_AT_CLOSE of the file (and MIN_FREE_BYTES, lowered here for a small file)
    from service.store import compact

    monkeypatch.setattr(compact, "MIN_FREE_BYTES", 0)
    path = tmp_path / "closing.duckdb"
    store = Store(path)
    _churn(store)
    with store.read() as cur:
        tables = [t for (t,) in cur.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal "
                                            "ORDER BY 1").fetchall()]
        before = {t: cur.execute(f'SELECT * FROM "{t}" ORDER BY ALL').pl() for t in tables}
    store.close()
    assert store.compacted is not None and store.compacted.copied, store.compacted
    assert path.stat().st_size < 0.8 * store.compacted.bytes_before
    assert _same(_contents(path), before)
    # below the share, or with the setting at 0, closing only checkpoints
    monkeypatch.setenv("HUMSTAT_COMPACT_AT_CLOSE", "0")
    with Store(path) as again:
        _revision(again, 3, range(0, 10))
    assert again.compacted is None

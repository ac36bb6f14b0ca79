"""The database gateway: migrations, schema comments, transactions, versions, snapshots."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from service.store import migrations
from service.store.db import Store, StoreError
from tests.conftest import database_held_open


def test_migrates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.duckdb"
    with Store(path) as s:
        with s.read() as cur:
            tables = {r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            version = cur.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    assert {"articles", "figures", "places", "extraction_runs", "reviews", "metrics", "dataset_versions"} <= tables
    assert version == migrations.latest_version()


def test_refuses_an_empty_file(tmp_path: Path) -> None:
    # A zero-byte file is a failed copy or a touched name, not a new database (issue 17.7):
    # it is refused, and left in place.
    from service.store.db import StoreError

    path = tmp_path / "empty.duckdb"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        Store(path)
    assert path.exists() and path.stat().st_size == 0


def test_every_column_has_a_comment(store: Store) -> None:
    with store.read() as cur:
        missing = cur.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND NOT internal AND table_name IN "
            "(SELECT table_name FROM duckdb_tables()) AND (comment IS NULL OR comment = '')"
        ).fetchall()
    assert missing == []


def test_reopen_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    Store(path).close()
    with Store(path) as s, s.read() as cur:
        assert cur.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 1


def test_write_is_one_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.write("test", "fails half-way") as tx:
            tx.con.execute("INSERT INTO reviews (review_id, figure_key, action, created_at, version) "
                           "VALUES (1, 'k', 'confirm', now(), ?)", [tx.version])
            raise RuntimeError("boom")
    assert store.version() == 0
    with store.read() as cur:
        assert cur.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_each_write_is_a_new_dataset_version(store: Store) -> None:
    for expected in (1, 2):
        with store.write("test", "empty write") as tx:
            assert tx.version == expected
    assert store.version() == 2


def test_known_version_follows_writes_by_any_store_and_other_processes(tmp_path: Path) -> None:
    # Store.version() answers from memory; it must still be right when another Store object in
    # this process writes, and after the file was closed and written by another process.
    path = tmp_path / "v.duckdb"
    with Store(path) as a:
        assert a.version() == 0
        b = Store(path)  # the same database instance, another gateway object
        with b.write("test", "write through b"):
            pass
        assert a.version() == 1
        b.close()
        assert a.version() == 1  # a query again after b forgot it, with the same answer
    other = duckdb.connect(str(path))  # "another process": the file is closed here
    other.execute("INSERT INTO dataset_versions VALUES (2, now(), 'test', 'outside', NULL)")
    other.close()
    with Store(path) as c:
        assert c.version() == 2


def test_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a valid humstat/DuckDB database"):
        Store(path)


def test_locked_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    with database_held_open(path, seconds=30):
        with pytest.raises(StoreError, match="open for writing by another process"):
            Store(path)


def test_snapshot_is_readable_while_writer_is_open(store: Store, tmp_path: Path) -> None:
    with store.write("test", "one version"):
        pass
    snap = store.publish_snapshot()
    assert snap is not None and snap.exists()
    con = duckdb.connect(str(snap), read_only=True)
    try:
        assert con.execute("SELECT max(version) FROM dataset_versions").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM metrics").fetchone()[0] == 10
        con.execute("SELECT * FROM figures_current LIMIT 1")
    finally:
        con.close()


def test_read_only_open_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            with s.write("test", "nope"):
                pass


def test_read_only_open_of_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_column_comment_parser_reads_schema() -> None:
    from service.store import sqlfiles

    comments = migrations.column_comments(sqlfiles.load("schema"))
    assert ("figures", "char_start", "start offset (characters, 0-based) into the article text") in comments

"""What a publish costs after the first (#16.1, #16.3): the data for other processes follows the
write, not the store. A publish after the first in a process neither walks the Parquet folder
(the files of the generation are kept as this process wrote and deleted them) nor builds the views
of sql/views.sql again (the catalog starts from the one it built last and only the tables' views,
which name the version, are made again); the catalog answers as the database all the while."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from service.store import lake as lake_mod
from service.store import migrations
from service.store.db import Store, snapshot_path
from service.store.writes import record_review
from tests.api.conftest import add, art, build_world, fig

QUESTIONS = [
    "SELECT figure_id, metric, value, low, high, place_code, review_status FROM figures_current ORDER BY ALL",
    "SELECT * FROM series_monthly ORDER BY ALL",
    "SELECT article_id, revision, title, version_to FROM articles ORDER BY ALL",
    "SELECT current_version()",
    "SELECT table_name, count(*) FROM published_files GROUP BY ALL ORDER BY ALL",
]


def _answers(con: duckdb.DuckDBPyConnection) -> list[list[tuple]]:
    return [con.execute(q).fetchall() for q in QUESTIONS[:-1]]


def _same(store: Store) -> None:
    with store.read() as cur:
        mine = _answers(cur)
    con = duckdb.connect(":memory:")  # as another process: not this process's cached instance
    try:
        con.execute(f"ATTACH '{snapshot_path(store.path)}' AS catalog (READ_ONLY)")
        con.execute("USE catalog")
        assert _answers(con) == mine
        assert con.execute(QUESTIONS[-1]).fetchall()  # the files of the version are listed
    finally:
        con.close()


def _keys(store: Store) -> list[str]:
    with store.read() as cur:
        return [r[0] for r in cur.execute("SELECT figure_id FROM figures_current WHERE metric = 'killed' "
                                          "ORDER BY figure_id").fetchall()]


def _on_disk(store: Store) -> dict:
    lake = store._lake
    return lake.files(lake._manifest()["gen"])


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"walk": 0, "views": 0}
    walk, views = os.walk, migrations.apply_views

    def counted_walk(*a: object, **k: object):  # type: ignore[no-untyped-def]
        calls["walk"] += 1
        return walk(*a, **k)  # type: ignore[arg-type]

    def counted_views(con: duckdb.DuckDBPyConnection) -> None:
        calls["views"] += 1
        views(con)

    monkeypatch.setattr(lake_mod.os, "walk", counted_walk)
    monkeypatch.setattr(migrations, "apply_views", counted_views)
    return calls


def test_a_publish_after_the_first_neither_walks_the_folder_nor_builds_the_views_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        _same(store)
        calls = _counting(monkeypatch)
        record_review(store, _keys(store)[0], "correct", value=3)
        store.publish_snapshot()
        _same(store)
        a = art("later", "2024-03-09")
        add(store, [a], [fig(a, "killed", 4, "MMR005001", "2024-03-05"), fig(a, "injured", 2, "MMR005001",
                                                                            "2024-05-05", n=1)])
        store.publish_snapshot()
        _same(store)
        record_review(store, _keys(store)[1], "reject")
        store.publish_snapshot()
        _same(store)
        assert calls == {"walk": 0, "views": 0}
        monkeypatch.undo()
        assert store._lake._index[1] == _on_disk(store)  # the kept files are the folder's


def test_the_kept_files_follow_deletions_failures_and_restarts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        store._lake.keep_s = 0.0  # superseded files are deleted at the next publish
        for i in range(3):
            a = art(f"later-{i}", "2024-03-09")
            add(store, [a], [fig(a, "killed", 4 + i, "MMR005001", "2024-03-05")])
            record_review(store, _keys(store)[0], "correct", value=10 + i)
            store.publish_snapshot()
            assert store._lake._index[1] == _on_disk(store)
            _same(store)
        # the other generations' files are swept once, not walked for at every publish
        calls = _counting(monkeypatch)
        record_review(store, _keys(store)[0], "confirm")
        store.publish_snapshot()
        assert calls["walk"] == 0
        monkeypatch.undo()
        # a publish that fails part way forgets what it knew: the next one walks the folder again
        a = art("failing", "2024-06-09")
        add(store, [a], [fig(a, "killed", 9, "MMR005001", "2024-06-05")])

        def broken(*a: object, **k: object) -> None:
            raise OSError("disk trouble")

        monkeypatch.setattr(store._lake, "_catalog", broken)
        with pytest.raises(OSError):
            store.publish_snapshot()
        assert store._lake._index is None
        monkeypatch.undo()
        store.publish_snapshot()
        assert store._lake._index[1] == _on_disk(store)
        _same(store)
    # a restart (a new process) walks once, then keeps its files
    with Store(tmp_path / "l.duckdb") as store:
        store.publish_snapshot()
        _same(store)
        calls = _counting(monkeypatch)
        record_review(store, _keys(store)[0], "correct", value=77)
        store.publish_snapshot()
        assert calls == {"walk": 0, "views": 0}
        monkeypatch.undo()
        assert store._lake._index[1] == _on_disk(store)
        _same(store)


def test_an_open_catalog_keeps_its_version_when_the_next_is_made_from_a_copy(tmp_path: Path) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        record_review(store, _keys(store)[0], "correct", value=5)
        store.publish_snapshot()  # the first catalog made from the kept one
        con = duckdb.connect(":memory:")
        con.execute(f"ATTACH '{snapshot_path(store.path)}' AS catalog (READ_ONLY)")
        con.execute("USE catalog")
        before = _answers(con)
        for i in range(3):
            a = art(f"more-{i}", "2024-03-09")
            add(store, [a], [fig(a, "killed", 4 + i, "MMR005001", "2024-03-05")])
            store.publish_snapshot()
            _same(store)
            assert _answers(con) == before
        con.close()
        assert snapshot_path(store.path).stat().st_size < 1_000_000  # a catalog, not a copy

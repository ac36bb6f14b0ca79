"""The published data other processes read (#16.3): Parquet partitions by metric and month rewritten
only where a write changed rows, and the catalog <db>.snapshot.duckdb of views over them, answering
the same queries as the database."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from service.store.db import Store, snapshot_path
from service.store.lake import lake_dir
from service.store.writes import record_review
from tests.api.conftest import add, art, build_world, fig

QUESTIONS = [
    "SELECT figure_id, metric, value, low, high, place_code, review_status FROM figures_current ORDER BY ALL",
    "SELECT * FROM series_monthly ORDER BY ALL",
    "SELECT article_id, revision, title, version_to FROM articles ORDER BY ALL",
    "SELECT current_version()",
    "SELECT count(*) FROM figures_as_of(1)",
]


def _answers(con: duckdb.DuckDBPyConnection) -> list[list[tuple]]:
    return [con.execute(q).fetchall() for q in QUESTIONS]


def _same(store: Store) -> None:
    with store.read() as cur:
        mine = _answers(cur)
    with duckdb.connect(str(snapshot_path(store.path)), read_only=True) as con:
        assert _answers(con) == mine


def _files(store: Store) -> set[str]:
    return {str(p.relative_to(lake_dir(store.path))) for p in lake_dir(store.path).rglob("*.parquet")}


def test_the_catalog_answers_as_the_database_and_writes_rewrite_only_their_partitions(tmp_path: Path) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        world = build_world(store)
        store.publish_snapshot()
        _same(store)
        assert snapshot_path(store.path).stat().st_size < 2_000_000  # a catalog, not a copy
        before = _files(store)
        # a review changes no figure rows: the reviews and versions of its month only
        key = next(iter(_answers_keys(store)))
        record_review(store, key, "correct", value=3)
        store.publish_snapshot()
        _same(store)
        written = _files(store) - before
        assert {p.split("/")[0] for p in written} <= {"reviews", "dataset_versions", "extraction_runs"}, written
        assert len(written) <= 3, written
        # an article with one figure: its figures partition, its month of articles, the bookkeeping
        before = _files(store)
        a = art("lake-1", "2024-03-09")
        add(store, [a], [fig(a, "injured", 4, "MMR005001", "2024-03-29")])
        store.publish_snapshot()
        _same(store)
        written = {p for p in _files(store) - before if not p.split("/")[0] in ("dataset_versions", "extraction_runs")}
        assert written == {p for p in written if p.startswith(("figures/metric=injured/month=2024-03/",
                                                               "articles/month=2024-03/"))}, written
        assert len(written) == 2, written
        assert world["version"] == 1
    # a restart continues from the manifest: nothing to rewrite but the small whole tables
    with Store(tmp_path / "l.duckdb") as store:
        before = _files(store)
        store.publish_snapshot()
        assert {p.split("/")[0] for p in _files(store) - before} <= {"places", "metrics", "store_meta",
                                                                     "schema_migrations", "figures", "articles",
                                                                     "reviews", "dataset_versions",
                                                                     "extraction_runs"}
        assert not [p for p in _files(store) - before if "month=" in p and not p.startswith("extraction_runs/")]
        _same(store)


def test_files_that_left_the_manifest_are_deleted_once_old(tmp_path: Path) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        store._lake.keep_s = 0.0
        first = _files(store)
        key = next(iter(_answers_keys(store)))
        record_review(store, key, "reject")
        store.publish_snapshot()
        gone = first - _files(store)
        assert gone and all(p.startswith(("reviews/", "dataset_versions/", "extraction_runs/")) for p in gone), gone
        _same(store)


def _answers_keys(store: Store) -> list[str]:
    with store.read() as cur:
        return [r[0] for r in cur.execute("SELECT figure_id FROM figures_current WHERE metric = 'killed' "
                                          "ORDER BY figure_id").fetchall()]


def _spread(store: Store, months: int) -> None:
    """Articles with figures in `months` months of two metrics: 2 x months figures partitions."""
    arts = [art(f"m{i}", f"{2000 + i // 12}-{i % 12 + 1:02d}-03") for i in range(months)]
    add(store, arts, [fig(a, m, 3, "MMR005001", f"{2000 + i // 12}-{i % 12 + 1:02d}-05", n=k)
                      for i, a in enumerate(arts) for k, m in enumerate(("killed", "injured"))])


def _session(store: Store) -> duckdb.DuckDBPyConnection:
    """A session on the catalog as another process has it (attached: duckdb.connect(path) would
    share this process's cached instance with _same's connections)."""
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{snapshot_path(store.path)}' AS catalog (READ_ONLY)")
    con.execute("USE catalog")
    return con


def _review_publish(store: Store) -> tuple[int, int, int]:
    """(Parquet bytes, catalog bytes, manifest bytes) of the publish after one review."""
    key = next(iter(_answers_keys(store)))
    record_review(store, key, "correct", value=7)
    store.publish_snapshot()
    return (store._lake.last["bytes"], snapshot_path(store.path).stat().st_size,
            (lake_dir(store.path) / "manifest.json").stat().st_size)


def test_what_a_publish_writes_does_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    # the catalog and the manifest name no files: after a review, a store of 240 figures
    # partitions publishes what one of 4 does (the review's month of reviews and versions)
    costs = []
    for months in (2, 120):
        with Store(tmp_path / f"s{months}.duckdb") as store:
            _spread(store, months)
            store.publish_snapshot()
            assert len(store._lake.files(store._lake._manifest()["gen"])["figures"]) == 2 * months + 1
            costs.append(_review_publish(store))
            _same(store)
    (parquet_small, catalog_small, manifest_small), (parquet_large, catalog_large, manifest_large) = costs
    assert catalog_large == catalog_small
    assert abs(manifest_large - manifest_small) < 16 and manifest_large < 400
    assert parquet_large < 2 * parquet_small + 4096


def test_an_open_catalog_keeps_its_version_while_newer_ones_are_published(tmp_path: Path) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        with _session(store) as old:
            before = _answers(old)
            for i in range(3):  # each rewrites a chunk the old catalog reads, beside its old file
                a = art(f"later-{i}", "2024-03-09")
                add(store, [a], [fig(a, "killed", 4 + i, "MMR005001", "2024-03-05")])
                store.publish_snapshot()
                _same(store)
                assert _answers(old) == before  # the whole old version, never a mix
        _same(store)


def test_a_catalog_whose_files_were_deleted_fails_instead_of_answering_short(tmp_path: Path) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        with _session(store) as old:
            store._lake.keep_s = 0.0
            a = art("later", "2024-03-09")
            add(store, [a], [fig(a, "killed", 4, "MMR005001", "2024-03-05")])
            store.publish_snapshot()  # deletes the superseded chunk the old catalog reads
            with pytest.raises(duckdb.Error, match="open the snapshot again"):
                old.execute("SELECT count(*) FROM figures").fetchall()
        _same(store)



def test_a_lake_of_an_older_format_is_published_anew_and_its_files_never_read(tmp_path: Path) -> None:
    # a lake published before file names carried their version (manifest format 1, listing every
    # file): its files match no generation, so a copy of one is never counted twice
    import json
    import shutil

    with Store(tmp_path / "l.duckdb") as store:
        build_world(store)
        store.publish_snapshot()
        folder = lake_dir(store.path)
        current = next(p for p in folder.rglob("c0-g*.parquet") if "metric=killed" in str(p))
        stale = current.with_name("c0-v1-abc.parquet")
        shutil.copy(current, stale)
        manifest = json.loads((folder / "manifest.json").read_text())
        (folder / "manifest.json").write_text(json.dumps({k: v for k, v in manifest.items()
                                                          if k not in ("format", "gen")} | {"files": {}}))
        store._lake = None  # as after a restart
        store.publish_snapshot()
        assert store._lake._manifest()["gen"] != manifest["gen"]
        _same(store)
        store._lake.keep_s = 0.0
        record_review(store, next(iter(_answers_keys(store))), "reject")
        store.publish_snapshot()  # after a write: nothing to publish, nothing to clean before it
        assert not stale.exists() and not current.exists()  # another generation's files, once old
        _same(store)

"""humstat export: every table and main view, a valid Frictionless datapackage.json, atomic."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import database_held_open
from click.testing import CliRunner

from service.cli import main
from service.research.export import RESOURCES, export, verify
from service.store.db import Store, StoreError
from tests.research.conftest import build

TABLE_SCHEMA_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "array", "object",
                      "duration", "any"}


@pytest.fixture(scope="module")
def exported(new_module_store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    store = new_module_store("humstat.duckdb", build)  # on each backend in turn (tests/conftest.py)
    location = store.location  # the file or the DuckLake URL: --store takes either
    store.close()  # the command opens the store itself
    result = CliRunner().invoke(main, ["export", "--store", location, "--out", str(folder / "out"),
                                       "--format", "parquet"])
    assert result.exit_code == 0, result.output
    return folder


def _package(out: Path) -> dict:
    return json.loads((out / "datapackage.json").read_text())


def test_every_table_and_main_view_is_exported(exported: Path) -> None:
    pkg = _package(exported / "out")
    names = {r["name"] for r in pkg["resources"]}
    assert {"figures", "articles", "reviews", "places", "metrics", "dataset_versions", "extraction_runs",
            "figures_current", "figures_with_provenance", "flow_series_monthly", "stock_series_monthly"} <= names
    rows = {r["name"]: r["humstat:rows"] for r in pkg["resources"]}
    assert rows["figures"] == 9 and rows["articles"] == 5 and rows["metrics"] == 10
    df = pl.read_parquet(exported / "out" / "figures_current.parquet")
    assert df.height == 9 and sorted(df["value"].to_list()) == [3, 4, 7, 10, 12, 12, 20, 1500, 5000]


def test_datapackage_fields_sources_licence_hashes(exported: Path) -> None:
    out = exported / "out"
    pkg = _package(out)
    assert pkg["profile"] == "tabular-data-package" and pkg["humstat:dataset_version"] == 1
    assert "copyright" in pkg["humstat:licence_note"] and "MIMU" in pkg["humstat:licence_note"]
    assert "CC BY 4.0" in pkg["humstat:licence_note"]
    titles = [s["title"] for s in pkg["sources"]]
    assert {"The Irrawaddy", "Myanmar Now", "Radio Free Asia", "Mizzima"} <= set(titles)
    for res in pkg["resources"]:
        assert res["hash"].startswith("sha256:") and len(res["hash"]) == 71
        assert (out / res["path"]).stat().st_size == res["bytes"]
        for field in res["schema"]["fields"]:
            assert field["type"] in TABLE_SCHEMA_TYPES, (res["name"], field)
            assert field["description"], (res["name"], field["name"])
    by_name = {r["name"]: r for r in pkg["resources"]}
    fields = {f["name"]: f for f in by_name["figures"]["schema"]["fields"]}
    assert fields["value"]["type"] == "integer" and fields["event_date_start"]["type"] == "date"
    assert fields["quote"]["description"] == "extraction_text[char_start:char_end]"
    assert fields["country"]["hxl"] == "#country+code" and fields["lat"]["hxl"] == "#geo+lat"
    prov = {f["name"]: f for f in by_name["figures_with_provenance"]["schema"]["fields"]}
    assert prov["article_source"]["description"] and prov["metric_hxl"]["description"]
    assert {f["name"]: f for f in by_name["places"]["schema"]["fields"]}["aliases"]["type"] == "array"
    assert verify(out) == []


def test_tampering_is_detected(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.duckdb")
    build(store)
    try:
        export(store, tmp_path / "out", "parquet")
    finally:
        store.close()
    target = tmp_path / "out" / "metrics.parquet"
    target.write_bytes(target.read_bytes() + b"x")
    assert verify(tmp_path / "out") == ["metrics.parquet: sha256 differs"]


def test_large_parquet_resources_are_partitioned_by_year(tmp_path: Path, new_store) -> None:
    store = new_store("h.duckdb", build)
    try:
        report = export(store, tmp_path / "out", "parquet", partition_rows=4)
    finally:
        store.close()
    assert "figures" in report.partitioned and "metrics" not in report.partitioned
    years = sorted(p.name for p in (tmp_path / "out" / "figures").iterdir())
    assert years == ["year=2021", "year=2022", "year=2023", "year=__HIVE_DEFAULT_PARTITION__"]
    pkg = _package(tmp_path / "out")
    res = next(r for r in pkg["resources"] if r["name"] == "figures")
    assert isinstance(res["path"], list) and len(res["path"]) == 4 and res["humstat:partitioned_by"] == "year"
    assert "year" in [f["name"] for f in res["schema"]["fields"]]
    assert verify(tmp_path / "out") == []
    con = duckdb.connect()
    n = con.execute("SELECT count(*), sum(value) FROM read_parquet(?, hive_partitioning = true)",
                    [str(tmp_path / "out" / "figures" / "**" / "*.parquet")]).fetchone()
    assert n == (9, 10 + 4 + 12 + 7 + 5000 + 3 + 12 + 1500 + 20)
    # small tables stay single files
    assert (tmp_path / "out" / "metrics.parquet").exists()


def test_csv_export_reads_back(tmp_path: Path, new_store) -> None:
    store = new_store("h.duckdb", build)
    try:
        export(store, tmp_path / "out", "csv")
    finally:
        store.close()
    pkg = _package(tmp_path / "out")
    assert all(r["format"] == "csv" and r["path"].endswith(".csv") for r in pkg["resources"])
    df = pl.read_csv(tmp_path / "out" / "figures_with_provenance.csv")
    assert df.height == 9 and set(df["article_source"]) == {"The Irrawaddy", "Myanmar Now", "Radio Free Asia",
                                                            "Mizzima"}
    places = pl.read_csv(tmp_path / "out" / "places.csv", infer_schema_length=0)
    assert places["aliases"].drop_nulls().str.starts_with("[").all()  # arrays as JSON
    assert verify(tmp_path / "out") == []


def test_replacing_an_export_is_atomic_and_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.duckdb")
    build(store)
    try:
        export(store, tmp_path / "out", "parquet")
        first = _package(tmp_path / "out")["created"]
        (tmp_path / "out" / "stale.txt").write_text("from before")
        export(store, tmp_path / "out", "csv")
        assert not (tmp_path / "out" / "stale.txt").exists()
        assert not list(tmp_path.glob(".out.*")), "temporary folders left behind"
        assert _package(tmp_path / "out")["resources"][0]["format"] == "csv" and first
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "thesis.docx").write_text("precious")
        with pytest.raises(StoreError, match="not a previous export"):
            export(store, tmp_path / "mine", "parquet")
        assert (tmp_path / "mine" / "thesis.docx").read_text() == "precious"
    finally:
        store.close()


def test_a_failed_export_leaves_the_previous_one(tmp_path: Path, monkeypatch) -> None:
    from service.research import export as export_module

    store = Store(tmp_path / "h.duckdb")
    build(store)
    try:
        export(store, tmp_path / "out", "parquet")
        before = (tmp_path / "out" / "datapackage.json").read_text()
        broken = export_module.RESOURCES + (export_module.Resource("no_such_view", "x"),)
        monkeypatch.setattr(export_module, "RESOURCES", broken)
        with pytest.raises(duckdb.Error):
            export(store, tmp_path / "out", "parquet")
        assert (tmp_path / "out" / "datapackage.json").read_text() == before
        assert not list(tmp_path.glob(".out.*"))
    finally:
        store.close()


def test_export_while_another_process_writes_uses_the_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    store = Store(db)
    build(store)
    store.publish_snapshot()
    store.close()
    with database_held_open(db):
        result = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        assert "snapshot" in result.output
        assert _package(tmp_path / "out")["humstat:dataset_version"] == 1


def test_resource_list_is_fixed() -> None:
    # Exports read only this allow-list (names are interpolated into COPY, so never user input).
    assert all(r.name.replace("_", "").isalnum() for r in RESOURCES)

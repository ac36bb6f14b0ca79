"""The exported data packages pass frictionless's own validation (`frictionless validate`).

CSV: as frictionless ships. Parquet: frictionless 5.21 reads Parquet through pandas and gets four
things wrong that are no fault of the package (README, "Validating an export"); here it validates
with a reader that hands it what the files hold (pyarrow, Python values), and the last test pins
the stock reader's errors to exactly those the README names, so the README is corrected when
frictionless is.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Plugin, Report, Resource, system, validate
from frictionless.system import Parser

from service.research.export import export
from service.store.db import Store
from tests.research.conftest import build

# Columns of the hand-made store that make the check mean something: integers with nulls, lists,
# and a NOT NULL text column holding "".
INT_WITH_NULLS = {("figures", "low"), ("figures", "high"), ("figures", "version_to"), ("articles", "version_to"),
                  ("figures_current", "low"), ("figures_current", "high"),
                  ("figures_with_provenance", "low"), ("figures_with_provenance", "high")}
LISTS = {("places", "aliases"), ("articles", "blanked"), ("articles_current", "blanked")}
LIMIT_ROWS = 200  # rows frictionless's own Parquet reader is given per resource


class ArrowParquetParser(Parser):
    """Parquet as the file holds it: every part of a multipart resource, nulls as None, lists as lists;
    bytes and hashes counted over the files, as frictionless does for CSV."""

    supported_types = ["array", "boolean", "datetime", "date", "duration", "integer", "number", "object", "string",
                       "time"]

    def read_cell_stream_create(self) -> Iterator[list]:
        paths = self.resource.normpaths
        md5, sha256, size = hashlib.md5(), hashlib.sha256(), 0
        for path in paths:
            data = Path(path).read_bytes()
            size += len(data)
            md5.update(data)
            sha256.update(data)
        self.resource.stats.bytes = size
        self.resource.stats.md5 = md5.hexdigest()
        self.resource.stats.sha256 = sha256.hexdigest()
        for i, path in enumerate(paths):
            table = pq.read_table(path)
            if i == 0:
                yield table.column_names
            for batch in table.to_batches():
                yield from (list(row) for row in zip(*(column.to_pylist() for column in batch.columns)))


class ArrowParquetPlugin(Plugin):
    def create_parser(self, resource):  # type: ignore[no-untyped-def]
        if resource.format in ("parquet", "parq"):
            return ArrowParquetParser(resource)
        return None


@pytest.fixture(scope="module")
def exports(tmp_path_factory, new_module_store) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("package")
    store = new_module_store("h.duckdb", build)  # on each backend in turn (tests/conftest.py)
    try:
        out = {"csv": export(store, folder / "csv", "csv").out,
               "parquet": export(store, folder / "parquet", "parquet").out,
               "partitioned": export(store, folder / "partitioned", "parquet", partition_rows=4).out}
    finally:
        store.close()
    return out


@pytest.fixture
def arrow_parquet() -> Iterator[None]:
    system.register("humstat-arrow-parquet", ArrowParquetPlugin())
    try:
        yield
    finally:
        system.deregister("humstat-arrow-parquet")


def _errors(report: Report) -> list[tuple[str, str, str | None]]:
    return [(task.name, e.type, getattr(e, "field_name", None)) for task in report.tasks for e in task.errors]


def _rows(out: Path) -> dict[str, int]:
    return {r["name"]: r["humstat:rows"] for r in json.loads((out / "datapackage.json").read_text())["resources"]}


def _checked_rows(report: Report) -> dict[str, int]:
    return {task.name: task.stats.get("rows") or 0 for task in report.tasks}


def test_the_store_has_what_trips_validators(exports: dict[str, Path]) -> None:
    # Otherwise the packages below would pass for lack of the hard cases.
    for resource, column in INT_WITH_NULLS | LISTS:
        values = pq.read_table(exports["parquet"] / f"{resource}.parquet", columns=[column])[column]
        if (resource, column) in LISTS:
            assert pa.types.is_list(values.type), (resource, column)
        else:
            assert pa.types.is_integer(values.type) and values.null_count > 0, (resource, column)
    texts = pq.read_table(exports["parquet"] / "articles.parquet", columns=["extraction_text"])["extraction_text"]
    assert "" in texts.to_pylist() and texts.null_count == 0


def test_csv_package_passes_frictionless(exports: dict[str, Path]) -> None:
    report = validate(exports["csv"] / "datapackage.json")
    assert report.valid, _errors(report)
    assert _checked_rows(report) == _rows(exports["csv"])
    fields = {f["name"]: f for r in json.loads((exports["csv"] / "datapackage.json").read_text())["resources"]
              if r["name"] == "figures" for f in r["schema"]["fields"]}
    assert fields["low"]["type"] == "integer" and "required" not in fields["low"].get("constraints", {})


@pytest.mark.parametrize("package", ["parquet", "partitioned"])
def test_parquet_package_passes_frictionless_read_with_pyarrow(exports: dict[str, Path], arrow_parquet: None,
                                                               package: str) -> None:
    report = validate(exports[package] / "datapackage.json")
    assert report.valid, _errors(report)
    assert _checked_rows(report) == _rows(exports[package])  # every part of a multipart resource


def test_frictionless_catches_changed_bytes_and_wrong_schemas(exports: dict[str, Path], arrow_parquet: None,
                                                              tmp_path: Path) -> None:
    for fmt in ("csv", "parquet"):
        out = shutil.copytree(exports[fmt], tmp_path / fmt)
        # Same rows, other bytes: rewritten with pyarrow (Parquet), one letter changed (CSV).
        if fmt == "parquet":
            pq.write_table(pq.read_table(out / "metrics.parquet"), out / "metrics.parquet")
        else:
            text = (out / "metrics.csv").read_bytes()
            (out / "metrics.csv").write_bytes(text.replace(b"killed", b"Killed", 1))
        pkg = json.loads((out / "datapackage.json").read_text())
        for res in pkg["resources"]:
            for field in res["schema"]["fields"]:
                if (res["name"], field["name"]) == ("figures", "low"):
                    field["constraints"] = {"required": True}   # it has nulls
                if (res["name"], field["name"]) == ("places", "aliases"):
                    field["type"] = "integer"                   # it holds lists
        (out / "datapackage.json").write_text(json.dumps(pkg))
        errors = set(_errors(validate(out / "datapackage.json")))
        expected = {("metrics", "hash-count", None), ("figures", "constraint-error", "low"),
                    ("places", "type-error", "aliases")}
        if fmt == "parquet":
            expected.add(("metrics", "byte-count", None))
        assert errors == expected, fmt


def _stock(out: Path) -> dict[str, Report]:
    # One report per resource, from its first rows (pandas row by row is slow: places has 38,000).
    pkg = json.loads((out / "datapackage.json").read_text())
    return {r["name"]: Resource(r, basepath=str(out)).validate(limit_rows=LIMIT_ROWS) for r in pkg["resources"]}


def test_frictionless_own_parquet_reader_fails_as_the_readme_says(exports: dict[str, Path]) -> None:
    # frictionless 5.21's Parquet parser: pyarrow -> pandas -> rows. When this fails, frictionless has
    # changed: update README ("Validating an export") and this test.
    by_kind: dict[str, set] = {}
    for name, report in _stock(exports["parquet"]).items():
        for e in report.tasks[0].errors:
            by_kind.setdefault(e.type, set()).add((name, getattr(e, "field_name", None)))
            if e.type == "byte-count":
                assert e.note.endswith('actual is "None"')    # 1. never counts a Parquet file's bytes
    # (the end-of-file checks of a resource cut at 200 rows, places, are not run)
    read_whole = {name for name, rows in _rows(exports["parquet"]).items() if rows <= LIMIT_ROWS}
    assert by_kind.pop("byte-count") == {(name, None) for name in read_whole} and "figures" in read_whole
    # 2. a null in an integer column reaches it as pandas' float NaN; 3. a list as a numpy array.
    assert by_kind.pop("type-error") == INT_WITH_NULLS | LISTS
    assert by_kind == {}  # and nothing else; its hash check is skipped without a word (no hash-count)
    # 4. a multipart (year-partitioned) resource is read from its first file only.
    out = exports["partitioned"]
    parts = {r["name"]: r["path"] for r in json.loads((out / "datapackage.json").read_text())["resources"]
             if isinstance(r["path"], list)}
    read = {name: report.tasks[0].stats["rows"] for name, report in _stock(out).items() if name in parts}
    assert read == {name: pq.read_metadata(out / paths[0]).num_rows for name, paths in parts.items()}
    assert read["figures"] < _rows(out)["figures"]

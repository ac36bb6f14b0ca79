"""humstat sql: table, csv, json, parquet; refusals; and it works while a writer holds the file."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import database_held_open
from click.testing import CliRunner

from service.cli import main
from service.store.db import Store
from tests.research.conftest import build


@pytest.fixture(scope="module")
def db(new_module_store) -> str:
    """The store's --db value (a file, or a DuckLake URL), on each backend in turn (tests/conftest.py)."""
    store = new_module_store("humstat.duckdb", build)
    store.publish_snapshot()
    store.close()
    return store.location


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["sql", *args], input=input)


def test_plain_table_when_not_a_terminal(db: Path) -> None:
    r = _run("SELECT metric, count(*) AS n FROM figures_current GROUP BY metric ORDER BY metric", "--db", str(db))
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["metric", "n"]
    assert lines[2].split() == ["displaced", "1"] and lines[4].split() == ["killed", "7"]
    assert "3 rows" in r.stderr


def test_csv_json_parquet(db: Path, tmp_path: Path) -> None:
    q = "SELECT figure_id, value FROM figures_current ORDER BY value"
    r = _run(q, "--db", str(db), "--format", "csv")
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == "figure_id,value" and len(r.stdout.splitlines()) == 10
    r = _run(q, "--db", str(db), "--format", "json")
    rows = json.loads(r.stdout)
    assert [row["value"] for row in rows] == [3, 4, 7, 10, 12, 12, 20, 1500, 5000]
    out = tmp_path / "x.parquet"
    r = _run(q, "--db", str(db), "--format", "parquet", "--out", str(out))
    assert r.exit_code == 0 and pl.read_parquet(out)["value"].to_list()[-1] == 5000


def test_machine_formats_are_not_capped(db: Path) -> None:
    r = _run("SELECT * FROM range(25000)", "--db", str(db), "--format", "csv")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 25001
    r = _run("SELECT * FROM range(25000)", "--db", str(db))
    assert "more rows not shown" in r.stderr


def test_query_from_stdin(db: Path) -> None:
    r = _run("--db", str(db), "--format", "csv", input="SELECT 41 + 1 AS answer\n")
    assert r.exit_code == 0 and r.stdout.splitlines() == ["answer", "42"]


@pytest.mark.parametrize("sql", ["DROP TABLE figures", "SELECT 1; SELECT 2", "COPY figures TO '/tmp/x.csv'",
                                 "SELECT * FROM read_csv('/etc/passwd')", "ATTACH '/tmp/x.duckdb'"])
def test_refusals_are_clear_errors(db: Path, sql: str) -> None:
    r = _run(sql, "--db", str(db))
    assert r.exit_code == 1 and r.output.startswith("Error: ") and "Traceback" not in r.output
    with Store(db, read_only=True) as s, s.read() as cur:
        assert cur.execute("SELECT count(*) FROM figures").fetchone()[0] == 9


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    r = _run("SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert r.exit_code == 1 and "no such database" in r.output


def test_works_while_a_writer_holds_the_file(db: Path) -> None:
    # `humstat serve` holds the file for writing; `humstat sql` falls back to the published snapshot.
    with database_held_open(db):
        r = subprocess.run([sys.executable, "-m", "service.cli", "sql", "SELECT count(*) AS n FROM figures_current",
                            "--db", str(db), "--format", "csv"], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines() == ["n", "9"]
        assert "snapshot" in r.stderr and "open for writing" in r.stderr

"""Every notebook in notebooks/ runs top to bottom against a seeded database, and while a writer
(the service) holds the file, against its snapshot. Any error in any cell fails the test."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from service.articles.readers import read_paths
from service.ingest import ingest
from service.store.db import Store
from tests.conftest import ROOT, SEEDS, database_held_open
from tests.research.conftest import build

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_notebook() -> None:
    assert NOTEBOOKS, "notebooks/ holds no .ipynb"


def _execute(path: Path, db: Path, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("HUMSTAT_DB", str(db))
    monkeypatch.setenv("PLOTLY_RENDERER", "json")  # no browser in tests
    nb = nbformat.read(path, as_version=4)
    # kernel "python3" is ipykernel in this interpreter's environment (jupyter_client maps it to sys.executable)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_the_seeded_database(notebook: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "humstat.duckdb"
    store = Store(db)
    report = ingest(store, read_paths([SEEDS]))
    assert report.new == 2 and not report.errors
    store.close()
    nb = _execute(notebook, db, monkeypatch)
    assert "opened humstat.duckdb" in _text(nb)


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_while_the_service_holds_the_database(notebook: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "humstat.duckdb"
    store = Store(db)
    build(store)
    store.publish_snapshot()
    store.close()
    with database_held_open(db):
        nb = _execute(notebook, db, monkeypatch)
    text = _text(nb)
    assert "opened humstat.snapshot.duckdb, dataset version 1" in text
    if notebook.name == "explore_figures.ipynb":
        # the hand-made data's known answers show up: 4 months of killed, the 5,000 displaced stock
        assert "killed: 4 months with reports" in text
        assert "5000" in text

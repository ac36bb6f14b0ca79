"""Re-extraction: a new run, old rows kept as superseded, reviews surviving by figure key."""
from __future__ import annotations

import pytest

import service.ingest as pipeline
from service.store import writes
from service.store.db import Store


def _runs(store: Store) -> list[tuple[int, str, str]]:
    with store.read() as cur:
        return cur.execute("SELECT run_id, extractor_version, kind FROM extraction_runs ORDER BY run_id").fetchall()


def test_reextract_same_version_is_a_no_op(seeded: Store) -> None:
    before = seeded.version()
    assert pipeline.reextract(seeded) == (0, 0, [])
    assert seeded.version() == before


def test_reextract_new_version_supersedes_and_keeps_history(seeded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    v1 = seeded.version()
    with seeded.read() as cur:
        key, value = cur.execute("SELECT figure_id, value FROM figures_current ORDER BY figure_id LIMIT 1").fetchone()
        n_current = cur.execute("SELECT count(*) FROM figures_current").fetchone()[0]
    v_review, _ = writes.record_review(seeded, key, "confirm", note="checked against the source")

    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "test-next")
    done, figures, versions = pipeline.reextract(seeded)
    assert done == 2 and figures == n_current and versions

    runs = _runs(seeded)
    assert runs[-1][1:] == ("test-next", "reextract")
    with seeded.read() as cur:
        total, superseded = cur.execute(
            "SELECT count(*), count(*) FILTER (WHERE version_to IS NOT NULL) FROM figures").fetchone()
        old = cur.execute("SELECT count(*) FROM figures_as_of(?)", [v1]).fetchone()[0]
        status = cur.execute("SELECT review_status, value FROM figures_current WHERE figure_id = ?", [key]).fetchone()
        current_runs = {r[0] for r in cur.execute("SELECT DISTINCT run_id FROM figures WHERE version_to IS NULL").fetchall()}
    assert total == 2 * n_current and superseded == n_current
    assert old == n_current  # the data as of the first version is still there
    assert status == ("confirmed", value)  # the review survived re-extraction by its stable key
    assert current_runs == {runs[-1][0]}
    assert v_review < versions[0]


def test_reextract_force_reruns_same_version(seeded: Store) -> None:
    done, _, versions = pipeline.reextract(seeded, force=True)
    assert done == 2 and len(versions) == 1

"""The quality ratchet: the official scorer on the seeds and the dev set must not fall below the
floors recorded in floors.json (they only move up; record new measurements rounded down)."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text())


def _shared() -> Path | None:
    path = Path(os.environ.get("HUMSTAT_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
    return path if (path / "eval" / "score.py").exists() and (path / "devset" / "gold.jsonl").exists() else None


@pytest.fixture(scope="module")
def reports() -> dict:
    shared = _shared()
    if shared is None:
        pytest.skip("../shared (seeds, dev set, official scorer) is absent; set HUMSTAT_SHARED to run the ratchet")
    from service.extract.evaluate import run

    return run(shared, out=io.StringIO())


def _frac(s: str) -> tuple[int, int]:
    a, b = s.split("/")
    return int(a), int(b)


def test_seeds_f1_floor(reports: dict) -> None:
    assert reports["seeds"]["f1"] >= FLOORS["seeds_f1"], reports["seeds"]


def test_dev_f1_floor(reports: dict) -> None:
    assert reports["dev"]["f1"] >= FLOORS["dev_f1"], reports["dev"]["per_metric"]


def test_provenance_is_exact_on_every_figure(reports: dict) -> None:
    for name in ("seeds", "dev"):
        ok, n = _frac(reports[name]["provenance_exact"])
        assert n and ok / n >= FLOORS["provenance_exact"], (name, reports[name]["provenance_exact"])


def test_negatives_hit_at_most(reports: dict) -> None:
    for name in ("seeds", "dev"):
        hit, _ = _frac(reports[name]["negatives_hit"])
        assert hit <= FLOORS["negatives_hit_max"], (name, reports[name]["negatives_hit"])


def test_attribute_floors(reports: dict) -> None:
    attrs = reports["dev"]["attributes"]
    for a, floor in FLOORS.get("dev_attributes", {}).items():
        ok, n = _frac(attrs[a])
        assert ok / n >= floor, (a, attrs[a], floor)


def test_floors_only_move_up_is_documented() -> None:
    assert set(FLOORS) >= {"seeds_f1", "dev_f1", "provenance_exact", "negatives_hit_max"}

"""The quality ratchet: the official scorer on the seeds and the dev set must not fall below the
floors recorded in floors.json (they only move up; record new measurements rounded down).
The ACLED slice (../shared/acled-dev, when present) has its own block: minima rounded down,
maxima (false alarms, series WAPE, Myanmar false-alarm deaths) rounded up."""
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


@pytest.fixture(scope="module")
def acled(reports: dict) -> dict:
    if "acled" not in reports:
        pytest.skip("../shared/acled-dev/events.csv (or eval/acled_score.py) is absent: the ACLED ratchet needs it")
    return reports["acled"]


def test_acled_event_totals(acled: dict) -> None:
    f = FLOORS["acled"]
    assert acled["exact"] >= f["exact_min"], acled["official"]
    assert acled["false_alarm_rate"] <= f["false_alarm_max"], acled["official"]


def test_acled_event_dates(acled: dict) -> None:
    f = FLOORS["acled"]
    assert acled["date_ok"] >= f["date_min"], acled["official"]
    assert acled["date_ok_no_published"] >= f["date_no_published_min"], acled["official_no_published"]


def test_acled_places(acled: dict) -> None:
    f = FLOORS["acled"]
    assert acled["admin1_ok"] >= f["admin1_min"], (acled["admin1_ok"], acled["place_events"])
    assert acled["country_ok"] >= f["country_min"], (acled["country_ok"], acled["place_events"])
    assert acled["admin1_any_ok"] >= f["admin1_any_min"], (acled["admin1_any_ok"], acled["place_events_any"])
    assert acled["admin1_any_myanmar_ok"] >= f["admin1_any_myanmar_min"], (
        acled["admin1_any_myanmar_ok"], acled["place_events_any_myanmar"])


def test_acled_series_wape(acled: dict) -> None:
    f = FLOORS["acled"]
    assert acled["wape_country"] is not None and acled["wape_country"] <= f["wape_country_max"], acled["worst_cell"]
    assert acled["wape_admin1"] is not None and acled["wape_admin1"] <= f["wape_admin1_max"], acled["worst_cell"]
    assert acled["myanmar_false_alarm_deaths"] <= f["myanmar_false_alarm_deaths_max"], acled["myanmar_states_with_deaths"]

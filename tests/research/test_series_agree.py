"""One definition of a series, everywhere: GET /series (service.query.series), the SQL views
flow_series_monthly / stock_series_monthly and the named query monthly_flow give the same number
for the same question, on the hand-made research store and on the dev set."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from service import metrics
from service.query.series import series
from service.research.catalogue import get
from service.store.db import Store

FAR = {"date_from": "1900-01-01", "date_to": "2099-12-31"}


def _api(store: Store, metric: str, place: str | None, cumulative: bool | None) -> dict[str, tuple[int, int, int]]:
    s = series(store, metric=metric, place=place, interval="month", cumulative=cumulative)
    return {p.period_start.isoformat(): (p.value, p.low, p.high) for p in s.points}


def _flow_view(store: Store, metric: str, place: str | None) -> dict[str, tuple[int, int, int]]:
    with store.read() as cur:
        rows = cur.execute(
            """SELECT v.period, sum(v.value), sum(v.low), sum(v.high)
               FROM flow_series_monthly AS v LEFT JOIN places AS p ON p.code = v.place_code
               WHERE v.metric = $metric AND ($place IS NULL OR
                     rtrim(p.path, '/') = (SELECT rtrim(path, '/') FROM places WHERE code = $place)
                     OR starts_with(p.path, (SELECT rtrim(path, '/') || '/' FROM places WHERE code = $place)))
               GROUP BY v.period""", {"metric": metric, "place": place}).fetchall()
    return {d.isoformat(): (int(v), int(lo), int(hi)) for d, v, lo, hi in rows}


def _named(store: Store, metric: str, place: str) -> dict[str, tuple[int, int, int]]:
    q = get("monthly_flow")
    with store.read() as cur:
        rows = cur.execute(q.sql, q.bind({"metric": metric, "place": place, **FAR})).fetchall()
    return {d.isoformat(): (int(v), int(lo), int(hi)) for d, v, lo, hi, *_ in rows}


def _stock_view(store: Store, metric: str, place: str) -> dict[str, tuple[int, int, int]]:
    with store.read() as cur:
        rows = cur.execute("SELECT period, value, low, high FROM stock_series_monthly WHERE metric = ? AND place_code = ?",
                           [metric, place]).fetchall()
    return {d.isoformat(): (int(v), int(lo), int(hi)) for d, v, lo, hi in rows}


def _places(store: Store, view: str, metric: str) -> list[str]:
    with store.read() as cur:
        rows = cur.execute(f"SELECT DISTINCT place_code FROM {view} WHERE metric = ? AND place_code IS NOT NULL "
                           "ORDER BY place_code", [metric]).fetchall()
    return [r[0] for r in rows]


def _check(store: Store) -> int:
    """Asserts agreement for every metric and its places; returns how many series were compared."""
    compared = 0
    for m in metrics.METRICS:
        if m.kind == "flow":
            places = _places(store, "flow_series_monthly", m.name)
            countries = sorted({p[:2] for p in places if p[:2].isalpha() and p[:2].isupper()})
            sample = [None, *countries, *places[:: max(1, len(places) // 12)]]
            for place in sample:
                api = _api(store, m.name, place, None)
                assert api == _flow_view(store, m.name, place), (m.name, place)
                if place is not None:
                    assert api == _named(store, m.name, place), (m.name, place)
                compared += 1
        for place in _places(store, "stock_series_monthly", m.name):
            cumulative = True if m.kind == "flow" else None
            assert _api(store, m.name, place, cumulative) == _stock_view(store, m.name, place), (m.name, place)
            compared += 1
    return compared


def test_series_agree_on_the_research_store(research_store: Store) -> None:
    assert _check(research_store) >= 5
    # and they say what the fixture's incidents are (the two Sagaing reports are one incident of 10)
    assert _api(research_store, "killed", "MM", None) == {
        "2021-04-01": (20, 20, 20), "2022-01-01": (10, 10, 12), "2022-02-01": (7, 7, 7), "2023-02-01": (3, 3, 3)}


def _shared() -> Path | None:
    path = Path(os.environ.get("HUMSTAT_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
    return path if (path / "devset" / "articles.jsonl").exists() else None


def test_series_agree_on_the_dev_set(tmp_path: Path) -> None:
    shared = _shared()
    if shared is None:
        pytest.skip("../shared/devset is absent; set HUMSTAT_SHARED to compare the series on real articles")
    from service.articles.readers import read_paths
    from service.ingest import ingest

    store = Store(tmp_path / "dev.duckdb")
    try:
        ingest(store, read_paths([shared / "devset" / "articles.jsonl"]))
        assert _check(store) >= 40
    finally:
        store.close()


def test_series_semantics_are_written_once() -> None:
    from service.api.controllers.figures import SERIES_DOC
    from service.query.series import SEMANTICS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert SEMANTICS in readme
    assert SEMANTICS in SERIES_DOC

"""The named-query catalogue: every file documented, typed, one read statement, runs on real data."""
from __future__ import annotations

from pathlib import Path

import pytest

from service.research import catalogue as cat
from service.store.db import Store
from service.store.sandbox import SqlSandbox


def test_every_named_query_parses_and_is_documented() -> None:
    queries = cat.catalogue()
    assert len(queries) >= 5
    for q in queries.values():
        assert q.title and len(q.description) > 40, q.name
        for p in q.params:
            assert p.description, (q.name, p.name)
            assert p.name not in ("format", "max_rows", "time_limit", "hxl"), "reserved by the endpoint"


def test_every_named_query_runs_with_its_defaults(research_store: Store) -> None:
    sandbox = SqlSandbox(research_store.path.with_name("humstat.snapshot.duckdb"))
    try:
        for q in cat.catalogue().values():
            given = {"figure_id": "x"} if q.name == "figure_provenance" else {}
            answer = sandbox.run(q.sql, q.bind(given), checked=True)
            assert answer.table.num_columns > 0, q.name
    finally:
        sandbox.close()


def test_header_rules() -> None:
    good = "-- title: T\n-- Answers: something long enough to be useful here.\n-- param n: integer = 3 -- how many\nSELECT $n"
    q = cat.parse("x", good)
    assert q.bind({}) == {"n": 3} and q.bind({"n": "5"}) == {"n": 5}
    with pytest.raises(cat.CatalogueError):
        q.bind({"n": "five"})
    with pytest.raises(cat.CatalogueError):
        q.bind({"m": "1"})
    with pytest.raises(ValueError, match="differ"):
        cat.parse("x", "-- title: T\n-- Answers: x\nSELECT $undeclared")
    with pytest.raises(ValueError, match="title"):
        cat.parse("x", "SELECT 1")
    with pytest.raises(Exception):
        cat.parse("x", "-- title: T\n-- Answers: x\nDELETE FROM figures")


def test_required_parameter(tmp_path: Path) -> None:
    q = cat.parse("x", "-- title: T\n-- Answers: x\n-- param id: string -- the id\nSELECT $id")
    with pytest.raises(cat.CatalogueError, match="required"):
        q.bind({})

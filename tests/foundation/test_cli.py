"""The humstat command line: help everywhere, ingest summary and exit codes, extract contract."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.extract.figure import CONTRACT_FIELDS
from tests.conftest import SEEDS

SUBCOMMANDS = ["ingest", "extract", "reextract", "eval", "serve", "sql", "export"]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: main " in result.output or "Usage: humstat " in result.output or "Usage:" in result.output
    if command not in ("extract", "eval"):
        assert "--db" in result.output


def test_top_level_help_lists_subcommands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in SUBCOMMANDS:
        assert command in result.output


def test_ingest_summary_and_idempotence(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(SEEDS), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "2 new, 0 changed, 0 unchanged" in first.output and "0 failed" in first.output
    assert "figures: " in first.output and "killed" in first.output
    second = runner.invoke(main, ["ingest", str(SEEDS), "--db", str(db)])
    assert "0 new, 0 changed, 2 unchanged" in second.output
    skip = runner.invoke(main, ["ingest", str(SEEDS), "--db", str(db), "--if-empty"])
    assert "already holds articles" in skip.output


def test_ingest_exit_code_says_some_failed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Twelve people were killed in Hpakant.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x01")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "bad.txt" in result.output and "1 new" in result.output and "1 failed" in result.output


def test_ingest_uses_humstat_db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("HUMSTAT_DB", str(db))
    result = CliRunner().invoke(main, ["ingest", str(SEEDS / "004_aa85d1700f9069a1.txt")])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_extract_contract_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "At least 40 soldiers fled across the border into Thailand.",
                    "published": "2024-03-20"}),
        "{not json",
        json.dumps({"id": "b", "text": "Police arrested 17 students in Yangon on Monday."}),
    ]) + "\n")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    lines = [json.loads(ln) for ln in result.stdout.splitlines() if ln.strip()]
    assert lines, result.output
    for row in lines:
        assert list(row) == list(CONTRACT_FIELDS)
    assert {r["article_id"] for r in lines} == {"a", "b"}
    assert f"{path}:2" in result.stderr and "broken JSON" in result.stderr


def test_store_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", str(bad)])
    assert result.exit_code == 1
    assert "not a valid humstat/DuckDB database" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["report.txt", "report.log"])
def test_extract_reads_a_text_file_as_one_article(tmp_path: Path, name: str) -> None:
    # A .txt (by its suffix) or any non-JSONL input (by its first character) is one article's
    # text, not a line-by-line "broken JSON" for every line (#18.8).
    path = tmp_path / name
    path.write_text("Police arrested 17 students in Yangon on Monday.\n\nNo one else was held.\n")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(ln) for ln in result.stdout.splitlines() if ln.strip()]
    assert [(r["article_id"], r["metric"], r["value"]) for r in rows] == [("report", "detained", 17)]
    assert "broken JSON" not in result.stderr
    if name.endswith(".log"):
        assert "not JSONL" in result.stderr and "one article's text" in result.stderr


def test_extract_reads_text_from_stdin() -> None:
    result = CliRunner().invoke(main, ["extract", "-"], input="Police arrested 17 students in Yangon.\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(ln) for ln in result.stdout.splitlines() if ln.strip()]
    assert [(r["article_id"], r["value"]) for r in rows] == [("stdin", 17)]


def test_extract_does_not_import_the_store() -> None:
    # `humstat extract` writes to stdout: duckdb/polars/pyarrow (~0.5 s) stay unimported (#18.8).
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from service.cli import main; "
            "r = CliRunner().invoke(main, ['extract', '-'], input='{\"id\": \"a\", \"text\": \"Nothing.\"}\\n'); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('duckdb', 'polars', 'pyarrow', 'litestar', 'uvicorn', 'plotly', "
            "'kaleido', 'service.api', 'service.store.db') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2]).stdout
    assert out.strip() == "[]"


def test_cli_import_is_light() -> None:
    import subprocess
    import sys

    code = ("import sys; import service.cli; "
            "print(sorted(m for m in ('duckdb', 'polars', 'pyarrow', 'litestar', 'uvicorn', 'plotly', "
            "'kaleido', 'spacy', 'rich.progress', 'service.api', 'service.ingest') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2]).stdout
    assert out.strip() == "[]"


def test_ingest_small_input_uses_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import service.cli as cli

    seen: list[int] = []
    real = cli._ingest_with_progress

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(args[6])
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "_ingest_with_progress", spy)
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 4)
    one = SEEDS / "004_aa85d1700f9069a1.txt"
    assert CliRunner().invoke(main, ["ingest", str(one), "--db", str(tmp_path / "a.duckdb")]).exit_code == 0
    assert CliRunner().invoke(main, ["ingest", str(one), "-j", "3", "--db", str(tmp_path / "b.duckdb")]).exit_code == 0
    assert seen == [1, 3]
    assert cli._default_jobs(None, cli.SMALL_INPUT_BYTES) == 4
    assert "1 MiB" in CliRunner().invoke(main, ["ingest", "--help"]).output

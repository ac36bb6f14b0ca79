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

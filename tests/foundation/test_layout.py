"""The project layout and the seeds the product brief asks for."""
from __future__ import annotations

import tomllib

from tests.conftest import ROOT, SEEDS, shared_dir


def test_layout_exists() -> None:
    for name in ("pyproject.toml", "README.md", "Makefile", ".ci/run", "uv.lock", "seeds", "service", "sql",
                 "notebooks", "tests", "sql/schema.sql"):
        assert (ROOT / name).exists(), name


def test_seeds_are_the_shared_seeds_unchanged() -> None:
    names = sorted(p.name for p in SEEDS.iterdir())
    assert names == ["000_f0b6b7d4000a24cd.txt", "004_aa85d1700f9069a1.txt"]
    shared = shared_dir()
    if shared is not None:
        for name in names:
            assert (SEEDS / name).read_bytes() == (shared / "seeds" / name).read_bytes()


def test_versions_pinned_on_purpose() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    deps = meta["project"]["dependencies"]
    assert "duckdb==1.5.5" in deps
    assert any(d.startswith("litestar>=2.24,<3") for d in deps)
    lock = (ROOT / "uv.lock").read_text()
    assert 'name = "duckdb"\nversion = "1.5.5"' in lock


def test_ci_runs_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_quick_start_shows_the_two_commands_first() -> None:
    text = (ROOT / "README.md").read_text()
    start = text.index("## Quick start")
    commands = [ln.strip() for ln in text[start:].splitlines() if ln.strip().startswith("make ")]
    assert commands[:2] == ["make serve", "make test"]


def test_readme_documents_every_setting() -> None:
    from service.config import settings_table

    text = (ROOT / "README.md").read_text()
    for name, env, _, _ in settings_table():
        assert f"| {name} | `{env}` |" in text, name


def test_extract_stages_are_declared_once_and_import_only_earlier_stages() -> None:
    """The extractor's stage order is written in one place (service.extract.pipeline.STAGES), and
    the import graph reads as the data flow: a stage imports no later stage, nor the driver."""
    import ast

    from service.extract.pipeline import STAGES

    order = [s.name for s in STAGES]
    assert order == ["sentences", "candidates", "parse", "links", "frames", "attributes", "relations"]
    extract = ROOT / "service" / "extract"
    files = {name: ([*sorted((extract / name).glob("*.py"))] if (extract / name).is_dir()
                    else [extract / f"{name}.py"]) for name in order}
    for k, name in enumerate(order):
        for path in files[name]:
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("service.extract"):
                    named = [node.module.split(".")[2]] if node.module.count(".") >= 2 else [a.name for a in node.names]
                    for mod in named:
                        assert mod not in ("pipeline", "document"), (path.name, mod)
                        if mod in order:
                            assert order.index(mod) <= k, f"{path.name} (stage {name}) imports the later stage {mod}"

"""SQL lives in sql/: this module finds and loads it by name."""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def sql_dir() -> Path:
    """The project's sql/ folder (HUMSTAT_SQL_DIR overrides, for installs outside the checkout)."""
    override = os.environ.get("HUMSTAT_SQL_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "sql"


@cache
def load(name: str) -> str:
    """The text of sql/<name>.sql, e.g. load("schema") or load("service/insert_figures")."""
    path = sql_dir() / f"{name}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"SQL file missing: {path}") from None

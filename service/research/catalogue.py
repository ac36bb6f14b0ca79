"""The named-query catalogue: sql/queries/*.sql, each a question researchers ask, with parameters.

A named query is one read statement with `$name` bind parameters, preceded by a comment header:

    -- title: Monthly totals of a flow metric in a place
    -- Answers: how many people were reported killed … (free text, any number of lines)
    -- param metric: string = killed -- what it is
    -- param figure_id: string -- no default: the parameter is required

Types: string, integer, number, date, boolean. A default of `null` makes a parameter optional
with no value. Values are validated here and bound by DuckDB, never pasted into the SQL.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from service.store import sqlfiles
from service.store.sandbox import SandboxError, check_sql

TYPES = ("string", "integer", "number", "date", "boolean")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"^--\s*param\s+(?P<name>\w+)\s*:\s*(?P<type>\w+)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$")
_USED = re.compile(r"\$([A-Za-z_]\w*)")


class CatalogueError(ValueError):
    """A named query, or a value for one of its parameters, that cannot be used."""

    def __init__(self, message: str, parameter: str | None = None, valid: str | None = None,
                 *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.valid = valid
        self.status = status


@dataclass(frozen=True)
class Param:
    """One parameter of a named query."""

    name: str
    type: str
    default: Any = None
    required: bool = False
    description: str = ""

    def parse(self, raw: str | None) -> Any:
        """The typed value of a query-string value (or the default when None)."""
        if raw is None:
            if self.required:
                raise CatalogueError(f"{self.name} is required", self.name, self.valid())
            return self.default
        try:
            return _parse(self.type, raw)
        except ValueError:
            raise CatalogueError(f"{self.name}: {raw!r} is not a valid {self.type}", self.name, self.valid()) from None

    def valid(self) -> str:
        return {"string": "text", "integer": "an integer", "number": "a number", "date": "a date YYYY-MM-DD",
                "boolean": "true or false"}[self.type]


def _parse(kind: str, raw: str) -> Any:
    raw = raw.strip()
    if kind == "string":
        return raw
    if kind == "integer":
        return int(raw)
    if kind == "number":
        return float(raw)
    if kind == "date":
        return date.fromisoformat(raw)
    if kind == "boolean":
        low = raw.lower()
        if low in ("true", "1", "yes"):
            return True
        if low in ("false", "0", "no"):
            return False
        raise ValueError(raw)
    raise ValueError(kind)


@dataclass(frozen=True)
class NamedQuery:
    """One named query: its name, what it answers, its parameters and SQL."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sql: str
    extra: dict[str, str] = field(default_factory=dict)

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """Typed values for every declared parameter; unknown names are an error."""
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            raise CatalogueError(f"unknown parameter{'s' if len(unknown) > 1 else ''} for query {self.name}: "
                                 f"{', '.join(unknown)}", unknown[0], ", ".join(sorted(known)) or "none")
        return {p.name: p.parse(given.get(p.name)) for p in self.params}


def parse(name: str, text: str) -> NamedQuery:
    """A NamedQuery from the text of sql/queries/<name>.sql; ValueError says what is wrong."""
    title, lines, params = "", [], []
    body_start = 0
    all_lines = text.splitlines()
    for i, line in enumerate(all_lines):
        stripped = line.strip()
        if not stripped.startswith("--"):
            body_start = i
            break
        if m := _PARAM.match(stripped):
            kind = m.group("type").lower()
            if kind not in TYPES:
                raise ValueError(f"{name}: parameter {m.group('name')} has unknown type {kind!r} (use {', '.join(TYPES)})")
            default_text = m.group("default")
            required = default_text is None or default_text == ""
            default = None
            if not required and default_text.lower() != "null":
                default = _parse(kind, default_text)
            params.append(Param(m.group("name"), kind, default, required, (m.group("doc") or "").strip()))
        elif stripped.lower().startswith("-- title:"):
            title = stripped.split(":", 1)[1].strip()
        else:
            lines.append(stripped[2:].strip())
    else:
        body_start = len(all_lines)
    sql = "\n".join(all_lines[body_start:]).strip().rstrip(";").strip()
    description = " ".join(x for x in lines if x)
    if description.lower().startswith("answers:"):
        description = description.split(":", 1)[1].strip()
    if not title or not description:
        raise ValueError(f"{name}: needs a '-- title:' line and a comment saying what it answers")
    check_sql(sql)  # a named query is held to the same rule: one read statement
    used = set(_USED.findall(sql))
    declared = {p.name for p in params}
    if used != declared:
        raise ValueError(f"{name}: parameters used {sorted(used)} differ from those declared {sorted(declared)}")
    return NamedQuery(name, title, description, tuple(params), sql)


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query in sql/queries/, by name (read once per process)."""
    folder = sqlfiles.sql_dir() / "queries"
    out = {}
    for path in sorted(folder.glob("*.sql")):
        name = path.stem
        if not _NAME.match(name):
            raise ValueError(f"{path.name}: named query files are lower_snake_case")
        out[name] = parse(name, sqlfiles.load(f"queries/{name}"))
    return out


def get(name: str) -> NamedQuery:
    """The named query `name`, or CatalogueError (404) listing the valid names."""
    found = catalogue().get(name)
    if found is None:
        raise CatalogueError(f"no named query {name!r}", "name", ", ".join(catalogue()), status=404)
    return found


__all__ = ["CatalogueError", "NamedQuery", "Param", "SandboxError", "catalogue", "get", "parse"]

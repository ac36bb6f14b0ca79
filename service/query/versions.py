"""Dataset versions and places, resolved inside a read transaction so answers are consistent."""
from __future__ import annotations

from typing import Any

import duckdb

from service.query.errors import NotFound
from service.store import sqlfiles


def current_version(cur: duckdb.DuckDBPyConnection) -> int:
    """The dataset version this cursor's transaction sees."""
    return int(cur.execute(sqlfiles.load("service/api_version_info")).fetchone()[0])


def resolve_version(cur: duckdb.DuckDBPyConnection, as_of_version: int | None) -> int:
    """as_of_version checked against 1..current (None: the current version)."""
    current = current_version(cur)
    if as_of_version is None:
        return current
    if as_of_version < 1 or as_of_version > current:
        valid = f"an integer from 1 to {current}" if current else "none yet: the database is empty"
        # 404: well-formed, but names a version that does not exist (as an unknown id would)
        raise NotFound(f"dataset version {as_of_version} does not exist", parameter="as_of_version", valid=valid)
    return as_of_version


def resolve_place(cur: duckdb.DuckDBPyConnection, code: str | None, parameter: str = "place") -> dict[str, Any] | None:
    """The places row of `code` (None for no filter); an unknown code is a QueryError.

    Any case; an ISO 3166-2 code resolves for every country the gazetteer knows, Myanmar's
    MM-01..MM-18 (stored under their MIMU p-codes) included."""
    if code is None:
        return None
    rel = cur.execute(sqlfiles.load("service/api_place_resolve"), {"code": code})
    row = rel.fetchone()
    if row is None:
        raise NotFound(f"unknown place code {code!r}", parameter=parameter,
                       valid="a place code from GET /api/v1/places?q=<name> (p-code, ISO 3166-2 or ISO 3166-1)")
    names = [d[0] for d in rel.description]
    return dict(zip(names, row))

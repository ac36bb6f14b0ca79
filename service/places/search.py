"""Gazetteer search for GET /api/v1/places, ranked for the corpus being served."""
from __future__ import annotations

import polars as pl

from service.query.errors import QueryError
from service.store import sqlfiles
from service.store.db import Store

LEVELS: tuple[str, ...] = ("country", "admin1", "district", "township", "town")


def search(store: Store, *, q: str | None = None, level: str | None = None, country: str | None = None,
           parent: str | None = None, limit: int = 50) -> pl.DataFrame:
    """Places matching q: exact code, name or alias first, then prefixes, then substrings; within
    each, places in the countries the current figures are about first (a name shared by a Myanmar
    township and a town abroad means the township in a Myanmar corpus), then shallower units."""
    if not 1 <= limit <= 1000:
        raise QueryError("limit", f"limit {limit} is outside 1..1000", "an integer from 1 to 1000")
    if level is not None and level not in LEVELS:
        raise QueryError("level", f"unknown level {level!r}", ", ".join(LEVELS))
    with store.read() as cur:
        return cur.execute(sqlfiles.load("service/api_places_ranked"), {
            "q": q.strip() if q and q.strip() else None, "level": level,
            "country": country.upper() if country else None, "parent": parent, "limit": limit,
        }).pl()

"""Place records returned by the gazetteer."""
from __future__ import annotations

from dataclasses import dataclass

LEVELS: tuple[str, ...] = ("country", "admin1", "district", "township", "town")


@dataclass(frozen=True, slots=True)
class Place:
    """One place. `path` is the "/"-joined chain of ancestor codes ending with the place's own
    code and a trailing "/", so `path LIKE '<parent path>%'` (or `path.startswith(parent.path)`)
    selects exactly the parent and everything under it ("GN:123/" is not a prefix of "GN:1234/")."""

    code: str                 # MIMU p-code, ISO 3166-2, ISO alpha-2, "GN:<geonameid>" or "BP:<slug>"
    name: str                 # canonical English name
    level: str                # country | admin1 | district | township | town
    country: str              # ISO 3166-1 alpha-2
    admin1: str | None        # ISO 3166-2 of the containing first-level unit; None for countries
    admin1_pcode: str | None  # MIMU state/region p-code (Myanmar only)
    parent_code: str | None   # next level up
    path: str                 # e.g. "MM/MMR003/MMR003D001/MMR003005/"
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]

    def contains(self, other: "Place") -> bool:
        """True when `other` is this place or lies inside it."""
        return other.path.startswith(self.path)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: text[start:end] == self.text."""

    start: int
    end: int
    text: str
    place: Place

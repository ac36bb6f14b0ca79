"""The Figure record: one humanitarian figure found in an article, with typed spans.

Its first fields are the stable `humstat extract` contract used by tools outside the project;
add fields at the end, never rename or remove one.
"""
from __future__ import annotations

import hashlib

import msgspec

CONTRACT_FIELDS: tuple[str, ...] = (
    "article_id", "metric", "value", "low", "high", "qualifier", "vague", "unit", "group",
    "group_class", "perpetrator", "location", "country", "admin1", "place_code",
    "event_date_start", "event_date_end", "cumulative", "since", "as_of", "claimed_by",
    "quote", "char_start", "char_end", "confidence", "extractor_version",
    "relation", "related_to", "implied", "cause", "disputed",
)

RELATIONS: tuple[str, ...] = ("independent", "restates", "part_of", "adds_to")


class Figure(msgspec.Struct, kw_only=True, omit_defaults=False):
    """One figure. Offsets index the article text: text[char_start:char_end] == quote."""

    article_id: str
    metric: str                     # a name from service.metrics
    value: int                      # best single number ("more than 90" -> 90)
    low: int | None = None          # lower bound ("more than 90" -> 91, "at least 40" -> 40)
    high: int | None = None         # upper bound ("up to 30", "20 to 30" -> 30)
    qualifier: str | None = None    # "more than", "at least", "about", "up to", "nearly", "between"...
    vague: bool = False             # "dozens", "hundreds": conservative bounds, never exact
    unit: str = "people"            # "people" or "households"
    group: str | None = None        # who, as written ("junta soldiers and BGF allies")
    group_class: str = "unknown"    # civilians | children | state_forces | non_state_armed_group | unknown
    perpetrator: str | None = None  # who did it, as written
    location: str | None = None     # place as written
    country: str | None = None      # ISO 3166-1 alpha-2
    admin1: str | None = None       # ISO 3166-2 code of the first-level unit
    place_code: str | None = None   # most precise code: OCHA/MIMU p-code (MMR...) or ISO code
    event_date_start: str | None = None  # ISO date, inclusive
    event_date_end: str | None = None    # ISO date, inclusive
    cumulative: bool = False        # a running total ("since the coup")
    since: str | None = None        # start of a cumulative total, as written ("the 2021 coup")
    as_of: str | None = None        # as-of date of a total (ISO date) when stated
    claimed_by: str | None = None   # attribution as written ("Karen groups", "the UN")
    quote: str = ""                 # text[char_start:char_end]
    char_start: int = 0
    char_end: int = 0
    confidence: float = 0.5         # 0..1, how sure the rules are
    extractor_version: str = ""
    # how this figure relates to another of the same article (service.extract.relations):
    # independent | restates (the same claim again) | part_of (a subset or breakdown of it) |
    # adds_to (an increment of the running total it names); only independent claims and
    # increments count in a flow series
    relation: str = "independent"
    related_to: str | None = None   # figure_key of the related figure
    implied: bool = False           # the count is implied by a noun phrase ("a civilian was killed" = 1)
    # conflict | disaster | accident | illness (service.extract.frames.cause): only conflict
    # figures count in a series
    cause: str = "conflict"
    # the text says another party denies the claim or has not confirmed it ("which has not been
    # confirmed by any Turkish source", "the military denied the claims"): a series counts it as
    # a claim of 0 to `value` (service.extract.frames.sources.SourceFrame.disputed)
    disputed: bool = False
    # --- beyond the contract: typed spans and resolution detail (IDETECT style) ---
    sentence_start: int = 0
    sentence_end: int = 0
    number_start: int = 0           # span of the number expression itself
    number_end: int = 0
    number_text: str = ""           # the number as written ("more than 90")
    admin1_pcode: str | None = None # MIMU state/region p-code where Myanmar
    township: str | None = None     # township/town name where the text names one
    lat: float | None = None
    lon: float | None = None
    date_precision: str | None = None  # day | week | month | quarter | year | None
    date_text: str | None = None    # the date expression as written


def figure_key(article_id: str, char_start: int, char_end: int, metric: str) -> str:
    """The stable public id of a figure: the same hash sql/service/store_figures.sql computes."""
    return hashlib.md5(f"{article_id}:{char_start}:{char_end}:{metric}".encode()).hexdigest()[:16]

"""The extractor: every humanitarian figure in an article, with provenance.

    from service.extract import extract_figures, EXTRACTOR_VERSION
    figures = extract_figures(text, article_id="a1", published=date(2024, 3, 20), title=None)

`text` is the extraction text (service.articles.clean.extraction_text), as long as the original
so that text[f.char_start:f.char_end] == f.quote indexes both. Output is deterministic, ordered
by (char_start, metric); the function never raises.

Pipeline (all rules, no model): sentence spans -> cheap pre-filter (a digit or a number word and
a harm word) -> number expressions (service.text.numbers) -> linking each number to a harm
verb/noun (service.extract.rules) -> context: group and its class, perpetrator, place (own,
inherited, or the country), dates, running total (since / as of) and attribution
(service.extract.context).

EXTRACTOR_VERSION history (bump on every rule change):
  2026.11.1  first rule set: numbers with UCDP-style bounds, five linking rules (left verb,
             running total, predicate, sub-total/list inheritance, harm noun), ACLED vague words
             set aside as vague, gazetteer places with paragraph inheritance, attribution.
"""
from __future__ import annotations

import os
from datetime import date

from service.extract.figure import Figure

EXTRACTOR_VERSION = "2026.11.1"

__all__ = ["extract_figures", "EXTRACTOR_VERSION", "Figure"]


def extract_figures(text: str, *, article_id: str, published: date | None = None,
                    title: str | None = None) -> list[Figure]:
    """All figures in `text`; never raises (returns what it could find)."""
    if not isinstance(text, str) or not text:
        return []
    try:
        from service.extract.pipeline import run

        return run(text, article_id=str(article_id), published=published, title=title)
    except Exception:  # pragma: no cover - a safety net; the fuzz tests keep this path cold
        if os.environ.get("HUMSTAT_EXTRACT_DEBUG"):
            raise
        return []

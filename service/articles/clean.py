"""The text used for extraction: the original with syndication boilerplate and datelines blanked.

Blanking (spaces, newlines kept) rather than deleting keeps the extraction text exactly as long
as the original, so every character offset a figure carries indexes both texts.
"""
from __future__ import annotations

import re

# Lines that aggregators and syndication feeds add around an article. Each pattern must be
# specific enough never to match reporting (they blank whole lines).
_BOILERPLATE = re.compile(
    r"""^[ \t]*(?:
        This\ article\ was\ (?:added\ by\ the\ user|originally\ published|first\ published|republished)\b.*
      | .{0,120}\bis\ not\ responsible\ for\ the\ content\b.*
      | (?:Read\ more|Related|Also\ read|Recommended|Advertisement|ADVERTISEMENT|Subscribe\ (?:to|now)|Sign\ up\ for)\b.{0,150}
      | (?:Copyright|©|\(c\))\ ?.{0,150}(?:All\ rights\ reserved|Reuters|Associated\ Press).{0,60}
      | Click\ here\ to\b.{0,150}
      | Share\ (?:this|on)\b.{0,80}
    )[ \t]*$""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)

# A machine dateline at the very start ("date 2024-03-20 ..."), as some feeds prepend.
_DATELINE = re.compile(r"\A\s*date[:\s]\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?\s", re.IGNORECASE)


def _blank(text: str, start: int, end: int) -> str:
    chunk = re.sub(r"[^\n]", " ", text[start:end])
    return text[:start] + chunk + text[end:]


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of syndication boilerplate and a leading machine dateline, left to right."""
    spans = [(m.start(), m.end()) for m in _BOILERPLATE.finditer(text)]
    m = _DATELINE.match(text)
    if m:
        spans.append((m.start(), m.end()))
    return sorted(spans)


def extraction_text(text: str) -> str:
    """The original text with boilerplate blanked; always exactly as long as `text`."""
    for start, end in boilerplate_spans(text):
        text = _blank(text, start, end)
    return text


def blanked(text: str, spans: list[tuple[int, int]] | list[list[int]]) -> str:
    """`text` with these spans blanked: extraction_text(text) from boilerplate_spans(text), and
    the stored article's extraction text from its text and `blanked` column."""
    for start, end in spans:
        text = _blank(text, start, end)
    return text

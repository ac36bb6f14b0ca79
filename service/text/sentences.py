"""Sentence spans for news text: robust to abbreviations, quotes, headlines and hard line breaks.

`sentence_spans(text)` returns (start, end) pairs covering the text's sentences, left to right,
each trimmed of surrounding whitespace, so text[start:end] is the sentence exactly.

Rules:
- A blank line always ends a sentence (paragraphs, headlines, captions).
- A single line break ends a sentence too (headlines, bullet lists, key-figure lines), except
  when the line reads on: it is only a number ("108,700" above its label) or the next line
  starts in lower case (text wrapped by a PDF export).
- Inside a line, ". ", "! ", "? " (optionally followed by a closing quote or bracket) end a
  sentence when the next word starts with a capital, digit, quote or bracket, unless the dot
  belongs to a known abbreviation ("Feb.", "Gen.", "U.S.", "No.") or an initial ("U Aung K.").
"""
from __future__ import annotations

import re

__all__ = ["sentence_spans", "paragraph_of"]

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "brig",
    "gov", "sen", "rep", "rev", "st", "mt", "ft", "jr", "sr", "no", "nos", "vol", "art",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "etc", "approx", "est", "vs", "v", "u.s", "u.k", "u.n", "inc", "ltd", "co",
    "corp", "dept", "govt", "min", "max", "fig", "al", "cf", "ph", "pp", "para", "sec",
}
_LINE_RE = re.compile(r"[^\n]*(?:\n|$)")
# "[.!?][.!?]*" is "[.!?]+" written to start with a character set: the engine then skips to the
# next '.', '!' or '?' instead of trying a match at every position.
_END_RE = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[A-Z0-9•\-–—])")
_NUMBER_LINE = re.compile(r"^\s*[\d,.()]+\s*[%MmKk]?\s*$")
_BULLET = re.compile(r"^\s*(?:[•\-–—*]|\d+\.)\s")


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        spans.append((pos, nl))
        pos = nl + 1
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Line groups that read as one unit (hard-wrapped lines joined)."""
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in _lines(text):
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            if cur:
                blocks.append(cur)
                cur = None
            continue
        if cur is None:
            cur = (s, e)
            continue
        prev = text[cur[0]:cur[1]].rstrip()
        prev_last = prev.splitlines()[-1] if prev else ""
        join = False
        if _NUMBER_LINE.match(prev_last):
            join = True
        elif stripped[0].islower() and not _BULLET.match(line) and prev and prev[-1] not in ".!?:;\"”":
            join = True
        if join:
            cur = (cur[0], e)
        else:
            blocks.append(cur)
            cur = (s, e)
    if cur:
        blocks.append(cur)
    return blocks


def _is_abbrev(text: str, dot: int) -> bool:
    """True when the '.' at `dot` ends an abbreviation or an initial, not a sentence."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in _ABBREV:
        return True
    if len(word) == 1 and text[j].isupper():
        return True  # an initial
    if "." in word and len(word) <= 6:
        return True  # U.S., a.m.
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in text, in order; never raises."""
    out: list[tuple[int, int]] = []
    if not text:
        return out
    cuts: list[tuple[int, int]] = []  # untrimmed sentences
    for bs, be in _blocks(text):
        pos = bs
        for m in _END_RE.finditer(text, bs, be):
            dot, end = m.span()
            if end - dot == 1 and text[dot] == "." and _is_abbrev(text, dot):
                continue
            cuts.append((pos, end))
            pos = end
        cuts.append((pos, be))
    for s, e in cuts:
        seg = text[s:e]
        core = seg.strip()  # str.strip() drops exactly the characters str.isspace() accepts
        if core:
            if seg[0].isspace():
                s += len(seg) - len(seg.lstrip())
            out.append((s, s + len(core)))
    return out


def paragraph_of(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Paragraph number of each sentence span: a blank line starts a new paragraph, and so does a
    line break after a sentence's closing stop (feeds that write one paragraph a line); a line
    break inside a sentence's words (a wrapped line) does not."""
    para = []
    p = 0
    prev_end = 0
    for s, e in spans:
        gap = text[prev_end:s]
        if prev_end and (gap.count("\n") >= 2 or ("\n" in gap and text[prev_end - 1] in ".!?\"”'’")):
            p += 1
        para.append(p)
        prev_end = e
    return para

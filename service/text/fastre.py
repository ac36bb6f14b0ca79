"""Helpers that make Python's regex engine fast on word lists, without changing what matches.

The engine tries the alternatives of `(?:kill|kidnap|...)` one by one at every position it
tries; factored by common prefix (`k(?:i(?:ll|dnap))`) it rejects a position after a character
or two. `trie_alternation(words)` writes that factored form: it matches exactly the same
strings as `"|".join(map(re.escape, words))`, so a `search` finds a match at the same
positions (for a pattern whose alternatives each need a `\\b` after them, the same spans too).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["odd_case", "trie_alternation"]


def trie_alternation(words: Iterable[str], space: str | None = None) -> str:
    """A non-capturing regex matching exactly the literal strings in `words` (with `space`, a
    regex such as r"\\s+", standing for each " " in them).

    Where one word is a prefix of another the longer is tried first, as in a flat alternation
    sorted longest first; words that do not share a prefix can never match at the same start."""
    root: dict[str, dict] = {}
    for w in words:
        if not w:
            raise ValueError("empty word")
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        items = sorted((ch, sub) for ch, sub in node.items() if ch)
        if not items:
            return ""
        alts = [(space if (ch == " " and space is not None) else re.escape(ch)) + emit(sub) for ch, sub in items]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + emit(root) + ")"


def odd_case(s: str) -> bool:
    """s holds one of İ ı ſ K, the characters that fold to ASCII only under re.IGNORECASE.

    A case-insensitive pattern may run as its lower-cased twin on lower-cased text (several times
    faster) when lower-casing keeps every position and the text has none of these. All four are
    non-ASCII, and `in` finds them faster than a regex."""
    return not s.isascii() and ("\u0130" in s or "\u0131" in s or "\u017f" in s or "\u212a" in s)

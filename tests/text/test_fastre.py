"""The prefix-factored word alternations match exactly what the flat ones match."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.text.fastre import trie_alternation

words = st.lists(st.text(alphabet="ab-. ", min_size=1, max_size=5), min_size=1, max_size=12, unique=True)
texts = st.text(alphabet="ab-. x", max_size=12)


@settings(max_examples=300, deadline=None)
@given(words, st.lists(texts, min_size=1, max_size=20))
def test_same_strings_and_same_first_match(ws: list[str], probes: list[str]) -> None:
    flat = re.compile("(?:" + "|".join(map(re.escape, sorted(ws, key=len, reverse=True))) + ")")
    trie = re.compile(trie_alternation(ws))
    for t in probes:
        assert bool(flat.fullmatch(t)) == bool(trie.fullmatch(t)), (ws, t)
        a, b = flat.search(t), trie.search(t)
        # the same start; longest first where words share a prefix, like a flat list sorted longest first
        assert (a and a.span()) == (b and b.span()), (ws, t)


def test_space_stands_for_a_regex() -> None:
    rx = re.compile(trie_alternation(["more than", "more", "at least"], space=r"\s+"))
    assert rx.fullmatch("more  \n than") and rx.fullmatch("at least") and not rx.fullmatch("atleast")

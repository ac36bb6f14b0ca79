"""Property tests: the number parser and the extractor never raise, spans index the text
exactly, and bounds are ordered (low <= value <= high; "more than N" has low N + 1 by the
UCDP convention, so there low == value + 1)."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.extract import extract_figures
from service.text.numbers import find_numbers

# Words that make the rules fire, so the fuzzer explores the deep paths, not only the pre-filter.
VOCAB = [
    "killed", "were", "at least", "more than", "nearly", "up to", "between", "and", "to", "or", "injured",
    "wounded", "displaced", "fled", "refugees", "arrested", "detained", "released", "missing", "abducted",
    "conscripted", "people", "civilians", "soldiers", "children", "dozens", "hundreds", "of", "thousands",
    "million", "1.1", "2,730", "17,217", "seven", "twenty-three", "a hundred", "45", "90", "0", "-", "–",
    "(", ")", ",", ".", "\n", "\n\n", "\"", "'", "since", "the", "2021", "coup", "By", "December", "On",
    "January", "4", "Monday", "according", "said", "in", "Karen", "State", "Township", "Myanmar", "Sudan",
    "Brigade", "5", "km", "$", "%", "aged", "years", "ago", "month", "about", "around", "over", "some",
    "killing", "death", "toll", "rose", "dead", "casualties", "injuring", "\u00a0", "½", "٣", "𝟗",
]

vocab_text = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), vocab_text,
                     st.tuples(vocab_text, st.text(max_size=50), vocab_text).map("".join))


@pytest.fixture(autouse=True)
def _no_safety_net(monkeypatch: pytest.MonkeyPatch) -> None:
    # extract_figures swallows internal errors in production; the fuzzer must see them.
    monkeypatch.setenv("HUMSTAT_EXTRACT_DEBUG", "1")


def _bounds_ok(value: int, low: int | None, high: int | None, qualifier: str | None) -> bool:
    if low is not None:
        if qualifier in ("more than", "over") and not low <= value:
            return low == value + 1
        if low > value:
            return False
    return high is None or value <= high


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_text)
def test_number_parser_never_raises_and_spans_are_exact(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text
        assert m.start <= m.num_start <= m.num_end <= m.end
        assert _bounds_ok(m.value, m.low, m.high, m.qualifier), m


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_text)
def test_extractor_never_raises_and_provenance_is_exact(text: str) -> None:
    assert os.environ["HUMSTAT_EXTRACT_DEBUG"] == "1"
    for f in extract_figures(text, article_id="fuzz"):
        assert text[f.char_start:f.char_end] == f.quote
        assert 0 <= f.sentence_start <= f.char_start < f.char_end <= f.sentence_end <= len(text)
        assert _bounds_ok(f.value, f.low, f.high, f.qualifier), f
        assert f.value >= 0 and 0.0 <= f.confidence <= 1.0


def test_extractor_output_is_deterministic() -> None:
    text = ("More than 90 junta soldiers and eight resistance fighters were killed, according to Karen "
            "groups. At least 1.1 million people have been displaced since the 2021 coup.")
    runs = [extract_figures(text, article_id="d") for _ in range(3)]
    assert runs[0] == runs[1] == runs[2] and runs[0]

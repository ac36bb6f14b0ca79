"""Sentence spans: abbreviations, quotes, headlines, hard-wrapped lines."""
from __future__ import annotations

from service.text.sentences import paragraph_of, sentence_spans


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_basic_split_and_exact_spans() -> None:
    text = "Five people were killed. Twelve were injured! Was it an airstrike? Officials said yes."
    assert sents(text) == ["Five people were killed.", "Twelve were injured!", "Was it an airstrike?",
                           "Officials said yes."]


def test_abbreviations_and_initials_do_not_split() -> None:
    text = "Since the Feb. 1 coup, Gen. Min said U.N. staff left. The U.S. embassy in St. Paul closed."
    assert sents(text) == ["Since the Feb. 1 coup, Gen. Min said U.N. staff left.",
                           "The U.S. embassy in St. Paul closed."]


def test_quotes_close_the_sentence() -> None:
    text = "“We can confirm two were killed.” A resident said so."
    assert sents(text) == ["“We can confirm two were killed.”", "A resident said so."]


def test_headline_lines_are_sentences() -> None:
    text = "Army air strike kills 40 in village\nAn air strike killed about 40 people, officials said."
    assert sents(text) == ["Army air strike kills 40 in village", "An air strike killed about 40 people, officials said."]


def test_number_line_joins_its_label_and_wrapped_lines_join() -> None:
    text = "KEY FIGURES\n108,700\nEstimated refugee outflows\nto neighbouring countries\n\nNext paragraph."
    out = sents(text)
    assert out[1] == "108,700\nEstimated refugee outflows\nto neighbouring countries"
    assert out[-1] == "Next paragraph."


def test_paragraph_numbers() -> None:
    text = "One. Two.\n\nThree."
    spans = sentence_spans(text)
    assert paragraph_of(text, spans) == [0, 0, 1]


def test_a_line_break_after_a_stop_starts_a_paragraph() -> None:
    # feeds that write one paragraph a line; a wrapped line inside a sentence is no new paragraph
    text = "Since 8 February, fighting has displaced 97,400 people.\nOn 17 February, a bomb killed 9 people. More were hurt."
    spans = sentence_spans(text)
    assert paragraph_of(text, spans) == [0, 1, 1]
    wrapped = "The strike on the market\nkilled 12 people. It was the third."
    assert paragraph_of(wrapped, sentence_spans(wrapped)) == [0, 0]


def test_never_raises_on_odd_input() -> None:
    for text in ("", "\n\n\n", ".", "...", "a.b.c.", "“”", "\u00a0\u00a0"):
        for s, e in sentence_spans(text):
            assert 0 <= s < e <= len(text)

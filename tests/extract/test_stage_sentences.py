"""The sentence stage alone: spans, paragraphs, headlines, datelines, captions."""
from __future__ import annotations

from service.extract.sentences import split


def test_spans_and_paragraphs() -> None:
    text = "Troops killed 12 civilians on Monday. Five fled.\n\nThe UN condemned it."
    s = split(text)
    assert [text[a:b] for a, b in s.spans] == ["Troops killed 12 civilians on Monday.", "Five fled.",
                                               "The UN condemned it."]
    assert s.paras == [0, 0, 1]
    assert s.low == text.lower() and s.lt == s.low


def test_headline_dateline_caption() -> None:
    text = "Twelve killed in Mindat\n\nBANGKOK, 25 April — Twelve people were killed.\nPhoto: the camp / AFP"
    s = split(text)
    assert [s.is_headline(k) for k in range(len(s))] == [True, False, True]
    assert text[s.dateline_end(1):].startswith("Twelve people")
    assert s.dateline_end(0) == s.spans[0][0]  # no dateline: its start
    assert [s.is_caption(k) for k in range(len(s))] == [False, False, True]


def test_datelines_of_two_units_two_cities_or_a_title_case_city_with_its_date() -> None:
    for line in ("CULIACAN, Sinaloa, Nov 20 - ", "BUJUMBURA/UVIRA, Nov 20 (Reuters) - ", "Nairobi, Nov 20 - ",
                 "Bunia, Ituri, 3 May (Radio Okapi) – ", "SRINAGAR, June 17: ", "IMPHAL, March 14 (PTI) "):
        text = line + "Ten civilians were killed over the weekend."
        assert text[split(text).dateline_end(0):].startswith("Ten civilians"), line
    # a title-case opening without a date is no dateline ("Ten civilians were killed - the army said")
    text = "Ten civilians were killed - the army said so."
    assert split(text).dateline_end(0) == 0


def test_a_dateline_date_is_the_filing_day_not_the_events() -> None:
    from datetime import date

    from service.extract import extract_figures
    figs = extract_figures("CULIACAN, Sinaloa, Nov 20 - At least 14 people were murdered in the city over the "
                           "weekend, prosecutors said.", article_id="a", published=date(2026, 11, 20))
    assert [(f.value, f.event_date_start, f.event_date_end) for f in figs] == [(14, "2026-11-14", "2026-11-15")]


def test_a_lower_case_that_changes_length_keeps_offsets() -> None:
    text = "İstanbul: 3 killed."  # "İ".lower() is two characters
    s = split(text)
    assert s.low is None and len(s.lt) == len(text)


def test_empty_text_has_no_sentence() -> None:
    assert len(split("")) == 0 and not split("   \n")

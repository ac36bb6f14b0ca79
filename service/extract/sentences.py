"""The sentences stage: the article's sentence spans, paragraphs, headlines, datelines, captions.

Every later stage addresses text by sentence index k: `spans[k]` is (start, end) in the article
text, `paras[k]` its paragraph number. The lower-cased text is kept here once for the cheap
substring and regex gates of the later stages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.text.sentences import paragraph_of, sentence_spans

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# The filing date of a dateline: "Nov 20", "3 May", "June 17, 2026"
_FILED = (r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|"
          r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)(?:,?\s+\d{4})?\s*")
# A wire dateline opening a sentence: "DAKAR, Senegal (AP) —", "BANGKOK, 25 April —"
_DATELINE = re.compile(r"[A-Z][A-Z .'\-/]{2,40}(?:,\s*[A-Z0-9][\w .'\-]{1,30}){0,2}\s*(?:\([A-Za-z .]{1,30}\))?\s*[—–-]{1,2}\s"
                       # (a city in title case only with the filing date: "Nairobi, Nov 20 -",
                       # "Bunia, Ituri, 3 May (Radio Okapi) -")
                       r"|[A-Z][a-z]+(?:[ /\-][A-Z][a-z]+){0,2},\s*(?:[A-Z][a-z]+,\s*)?" + _FILED
                       + r"(?:\([A-Za-z .]{1,30}\))?\s*[—–-]{1,2}\s"
                       # (South Asian wires: a colon, or the agency's bracket alone, after the date:
                       # "SRINAGAR, June 17: ...", "IMPHAL, March 14 (PTI) Three people ...")
                       r"|[A-Z][A-Z .'\-/]{2,40},\s*" + _FILED
                       + r"(?::\s|\([A-Za-z .]{1,30}\)\s*(?::\s*|(?=[A-Z])))"
                       # (or the date first, the place in brackets: "November 19, 2026 (EL FASHER) -")
                       r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\s*"
                       r"\([A-Z][A-Za-z .'\-]{1,30}\)\s*[—–-]{1,2}\s")
# A photo caption ("... in March 2022. / SOF", "(Photo: ...)"): its place and date are not the story's
_CAPTION = re.compile(r"\s/\s*[A-Z][^.\n]{0,80}$|\((?:Photo|File|Image)[:\s]|^(?:FILE\s*[-–—]|Photo:)")


@dataclass(slots=True)
class Sentences:
    """The sentence layer of one article."""

    text: str
    spans: list[tuple[int, int]]
    paras: list[int]
    # text.lower() when lower-casing keeps every character's length (so offsets agree), else None
    low: str | None
    # the text lower-cased for substring gates: `low`, else its ASCII lower case (same length)
    lt: str

    def __len__(self) -> int:
        return len(self.spans)

    def is_headline(self, k: int) -> bool:
        """Sentence k is a line of its own without closing punctuation (a headline or label)."""
        s, e = self.spans[k]
        t = self.text[s:e]
        if t.endswith((".", "”", '"', "’")):
            return False
        before = self.text[max(0, s - 2):s]
        after = self.text[e:e + 1]
        return (s == 0 or "\n" in before) and (after in ("\n", ""))

    def dateline_end(self, k: int) -> int:
        """End of a wire dateline opening sentence k ("DAKAR, Senegal (AP) —"), else its start."""
        s, e = self.spans[k]
        m = _DATELINE.match(self.text, s, e)
        return m.end() if m else s

    def is_caption(self, k: int) -> bool:
        return _CAPTION.search(self.text, *self.spans[k]) is not None


def split(text: str) -> Sentences:
    """The sentence stage: spans (service.text.sentences), paragraphs and the lower-cased text."""
    spans = sentence_spans(text)
    low: str | None = text.lower()
    if len(low) != len(text):
        low = None  # a character whose lower case changes length: gates run sentence by sentence
    lt = low if low is not None else text.translate(_ASCII_LOWER)
    return Sentences(text, spans, paragraph_of(text, spans), low, lt)

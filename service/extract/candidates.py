"""The candidates stage: the sentences worth reading closely, and their numbers.

Most prose states no figure. A sentence is a candidate for number linking when its lower-cased
text has a numeral (digits or a number word) and a harm stem; it is a candidate for the parse
(victims named without a numeral, service.extract.victims) when it has a victim harm stem. The
number expressions of each number candidate are read here once (service.text.numbers: values,
UCDP-style low/high, qualifiers, and which numbers are dates, ages, money or units, not counts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.extract.sentences import Sentences
from service.text.fastre import trie_alternation
from service.text.numbers import NumberMention, find_numbers

# A sentence is only linked when it has a number and a harm word. Both regexes run on the
# lower-cased text, case-sensitively and anchored at word starts: ~20x faster than re.I.
_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                 "thousand million hundreds thousands millions dozen dozens scores lakh lakhs crore crores").split()
_HARM_STEMS = ("kill slain slew massacr execut murder died die perish drown behead assassin lynch martyr slaughter dead "
               "death fatalit bodies corpses lives injur wound hurt maim casualt displac fled flee uproot evacu shelter "
               "refuge idp asylum cross arrest detain detention imprison jail apprehend captur held hold prisoner releas "
               "freed free pardon missing disappear unaccounted abduct kidnap hostage captive took taken seiz conscri "
               "draft recruit shot gunned toll forced protection bars custody round arriv found camped treated hospital "
               "registered fallen deceased neutrali eliminat liquidat press-gang driven drove lost lose losing homeless succumb camps tents tarp "
               "victim burn mobili called left abandon relocat buri bury shahad hell whereabouts hosts hosted hosting").split()
# The word lists as prefix-factored alternations (service.text.fastre): the same matches, several
# times faster than a flat alternation.
_HAS_NUMBER = re.compile(r"\d|\b" + trie_alternation(_NUMBER_WORDS) + r"\b")
_HAS_NUMBER_WORD = re.compile(r"\b" + trie_alternation(_NUMBER_WORDS) + r"\b")
_HAS_DIGIT = re.compile(r"\d")
_HARM = re.compile(r"\b" + trie_alternation(_HARM_STEMS))
# A sentence may name a victim without a numeral when it has one of these harm words: only such
# sentences are parsed (service.extract.victims reads the parse).
_VICTIM_STEMS = ("kill murder execut assassin behead lynch slain slew massacr slaughter died dies die perish succumb "
                 "dead death injur wound maim arrest detain apprehend imprison jail nabbed abduct kidnap releas freed "
                 "free conscript body bodies corpse missing shot shoot stabb beaten hacked burned burnt strangl martyr seiz captur").split() \
    + ["victims were", "victims are", "victims includ",  # ("The victims were a teacher and his son")
       "lost his life", "lost her life", "lost their li", "loses his life", "loses her life"]
_VICTIM_HARM = re.compile(r"\b" + trie_alternation(_VICTIM_STEMS))


# ... or when it counts again the people the number candidate just before it counted: "Among them
# are 11 women", "Of those, 1,500 were children", "Authorities put the number at 480"
_BACK_OPEN = re.compile(r"\W*(?:among|of)\s+(?:them|those|these)\b"
                        # ("Twelve people were killed. Five of them were children.")
                        r"|\W*(?:(?:about|some|around|nearly|almost|over|at\s+least|more\s+than)\s+)?[\w,.]+\s+of\s+(?:them|those|these)"
                        r"\s+(?:were|are|was|is)\b")
_NUMBER_AT = re.compile(r"\bthe\s+(?:total\s+)?number\s+at\b")


def _back(low: str, s: int, e: int) -> bool:
    return _BACK_OPEN.match(low, s, e) is not None or _NUMBER_AT.search(low, s, e) is not None


@dataclass(slots=True)
class Candidates:
    numbers: dict[int, list[NumberMention]]  # number candidates: sentence index -> its number expressions
    to_parse: list[int]                      # sentences that may name a victim without a numeral, in order

    def __len__(self) -> int:
        return len(self.numbers) + len(self.to_parse)

    def sentences(self) -> list[int]:
        """Every candidate sentence, in order."""
        return sorted(self.numbers.keys() | set(self.to_parse))


_CORRECTION = re.compile(r"\W*(?:Correction|Clarification|CORRECTION|CLARIFICATION)\b|\W*(?:An|The)\s+earlier\s+version\s+of\s+"
                         r"this\s+(?:story|article|report)\b")
_EARLIER_VERSION = re.compile(r"\bearlier\s+version\b|\b(?:incorrectly|mistakenly|erroneously)\s+(?:said|stated|reported)\b")


def find(sents: Sentences) -> Candidates:
    """The candidate sentences of an article and the number expressions of the number candidates."""
    text, low, lt = sents.text, sents.low, sents.lt
    numbers: dict[int, list[NumberMention]] = {}
    to_parse = []
    for k, (s, e) in enumerate(sents.spans):
        if _CORRECTION.match(text, s, e) or (k > 0 and _CORRECTION.match(text, *sents.spans[k - 1])
                                               and _EARLIER_VERSION.search(text, s, e)):
            continue  # what an earlier version of the story said is no claim ("Correction: ...")
        if _VICTIM_HARM.search(lt, s, e):
            to_parse.append(k)
        if low is not None:
            numeric = (_HARM.search(low, s, e) is not None or (k - 1 in numbers and _back(low, s, e))) \
                and (_HAS_DIGIT.search(low, s, e) is not None or _HAS_NUMBER_WORD.search(low, s, e) is not None)
        else:
            ls = text[s:e].lower()
            numeric = _HAS_NUMBER.search(ls) is not None and (
                _HARM.search(ls) is not None or (k - 1 in numbers and _back(ls, 0, len(ls))))
        if numeric:
            numbers[k] = find_numbers(text, s, e, low)
    return Candidates(numbers, to_parse)

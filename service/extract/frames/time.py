"""The time frame: when each figure happened, and whether it is a running total.

A figure is an event's (dated by the date mention nearest it in its sentence, else in the two
sentences before it) or a running total ("since the coup", "as of 8 March", "the death toll rose
to"), which has a start (`since`, as written) and an as-of date. Whether a figure is a running
total is read in its clause and across sentences: a paragraph that opens "As of ...", a list
introduced with a colon after a total, "This included ...", a breakdown right after a total.
The toll of one incident ("the death toll from Monday's attack") is none, nor an increment that
brings a total up. Relative dates resolve against the publication date, else a reference date
estimated from the text (lazily: it is costly).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta

from service.extract.frames.fastcase import first_letters, lc, lowered
from service.extract.sentences import Sentences
from service.text.fastre import trie_alternation

try:  # the date module is written in parallel; degrade gracefully
    from service.text import dates as _dates
except Exception:  # pragma: no cover
    _dates = None


_SINCE_EVENT_RE = re.compile(
    # "since the start of the invasion", "since the beginning of Russia's full-scale invasion in 2022"
    r"\bsince\s+((?:the\s+)?(?:start|beginning|onset|outbreak|resumption|renewal|eruption|escalation|collapse|end)\s+of\s+(?:the\s+|this\s+|last\s+|its\s+|their\s+)?"
    r"(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+(?=\s*[,.;:()]|\s*$|\s+(?:in|on|at|and|or|when|as|after|which|that|who|according|"
    r"while|with|from|across|against|between|to|by|said|says|officials|authorities)\b)"
    r"(?:\s+(?:on|in)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\.?(?:\s+\d{1,4})?(?:,?\s+\d{4})?)?"
    r"|(?:the\s+|last\s+|this\s+|a\s+|its\s+|their\s+)?(?:[\w’'.\-]+\s+){0,5}?"
    r"(?:coup|takeover|take-over|war|conflict|offensive|fighting|escalation|invasion|crisis|outbreak|seizure|operation(?:\s+\d[\w\-]*)?|"
    r"violence|uprising|attack|assault|election|beginning|start|hostilities|insurgency|unrest|siege|blockade|occupation|"
    r"ceasefire|truce|revolution)"
    r"(?:\s+of\s+(?:the\s+|this\s+|last\s+)?(?:year|month|week|war|conflict|fighting|offensive|crisis|\d{4})\b"
    r"|\s+(?:on|in|of)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\.?(?:\s+\d{1,4})?(?:,?\s+\d{4})?)?"
    r"(?:\s+(?:began|erupted|started|escalated|broke\s+out|intensified|resumed|reignited|flared(?:\s+up)?)"
    r"(?:\s+(?:in|on|last|this)\s+\w+(?:\s+\d{4})?)?)?"
    r"|(?:[\w’'.\-]+\s+){0,4}?(?:began|erupted|started|escalated|broke\s+out|seized\s+power|took\s+power|launched|"
    r"resumed|reignited|flared(?:\s+up)?)"
    r"(?:\s+(?:its\s+|an?\s+|the\s+)?(?:operation|offensive)\s+[\w\-]+)?(?:\s+in\s+\w+(?:\s+\d{4})?)?)",
    re.I,
)
_SINCE_DATE_RE = re.compile(
    r"\bsince\s+((?:early\s+|mid-?|late\s+)?(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2}(?!\d))?(?:,?\s+\d{4}|\s+(?:last|this)\s+year)?|\d{4}|"
    r"last\s+\w+|this\s+\w+|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|yesterday)",
    re.I,
)


def since_of(sent: str, at: int = 0, lo: int = 0, hi: int | None = None) -> str | None:
    """The start of a running total: the "since ..." phrase nearest `at` (the figure's offset),
    so "16,000 lives since 2015, including 5,000 since the start of 2023" gives each its own.
    Only phrases starting in sent[lo:hi] count; they may run on past `hi`."""
    low = lowered(sent)
    if low is not None:
        if "since" not in low:
            return None  # both patterns start with "since"
        hay, rxs = low, (_SINCE_EVENT_RE_LC, _SINCE_DATE_RE_LC)
    else:
        hay, rxs = sent, (_SINCE_EVENT_RE, _SINCE_DATE_RE)
    best = None
    for rx in rxs:
        for m in rx.finditer(hay, lo):
            if hi is not None and m.start() >= hi:
                break
            d = abs(m.start() - at)
            if best is None or d < best[0]:
                best = (d, m.start(1), m.end(1))
    return sent[best[1]:best[2]].strip(" ,.") if best else None


_WINDOW_WORD = re.compile(r"\b(?:past|last|previous|this)\b", re.I)
_CUM_RE = re.compile(
    r"\b(?:since|as of|as at|so far|to date|up until now|until now|up to now|in total|a total of|total number|"
    r"totalling|totaling|overall|cumulative|this year|in all|death toll|bringing the total|the total|already|"
    r"(?:are|is|have|has)\s+now|(?:war|conflict|fighting|violence|crisis|insurgency|offensive)\s+(?:has|have)\s+(?:\w+\s+)?(?:killed|displaced|left|claimed|forced|uprooted|driven)|"
    r"over\s+(?:the\s+(?:past|last)\s+)?(?:\w+\s+)?(?:years|decades)|"
    # a toll of a period of fighting, not of one incident: "after days of clashes ... in which 8
    # have died" (not a counted span: "in two days of fighting", one battle's toll)
    r"(?:after|amid|following|during|over)\s+(?:several\s+|many\s+)?(?:days|weeks|months|years)\s+of\s+(?:[\w’'\-]+\s+){0,2}?(?:fighting|clashes|violence|unrest|protests|"
    r"bombardments?|shelling|air\s?strikes|conflict|war|hostilities)|"
    r"across the country|nationwide|countrywide|throughout the country|across (?:Myanmar|Burma|[A-Z][a-z]+ and [A-Z][a-z]+)|"
    r"up to (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"by\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+|end\s+of\s+)?(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?,?\s+\d{4}|"
    r"from\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)[^.]{0,60}?\bto\b|"
    r"between\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)[^.]{0,30}?\band\b)\b",
    re.I,
)
_SUPERLATIVE_SINCE = re.compile(r"\b(?:deadliest|bloodiest|worst|largest|biggest|highest|heaviest|most|first|first\s+time|day|attack|incident)\b[^.;]{0,40}$", re.I)
# ... and "this year" closing a superlative ("one of the deadliest attacks in the country this year"):
# the rank of one event within the year, not a total of the year
_SUPERLATIVE_YEAR = re.compile(r"\b(?:deadliest|bloodiest|worst|largest|biggest|heaviest)\b[^.;]{0,40}$", re.I)
_PARA_CUM = re.compile(r"^\W*(?:As of|As at|Since|Up until now|Up to now|To date|So far|From\s.{0,140}?\bto\b|Between\s.{0,40}?\band\b)", re.I | re.S)
_DAY_EVENT = re.compile(r"\b(?:today|yesterday|tonight|this morning|last night|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.I)
_STOCK_PRESENT = re.compile(r"\b(?:are|is|remain|remains|remained|have\s+been|has\s+been|are\s+now|are\s+still|have\s+(?:fled|crossed|sought)|has\s+(?:fled|crossed))\b", re.I)
_ASOF_RE = re.compile(
    r"\b(?:as\s+of|as\s+at|by|up\s+to|updated|until)\s+((?:early|mid|late|the\s+end\s+of|end\s+of|end)?[-\s]*"
    r"(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+\d{4})?)",
    re.I,
)



# "three of the injured have since died": "since" as an adverb starts no running total
_SINCE_ADVERB = re.compile(r"\b(?:have|has|had|ever|long)\s+$", re.I)


def is_cumulative(sent: str, metric: str, local: str, split: int = 0) -> bool:
    """Running total? `local` is the clause around the figure, which starts at local[split]."""
    ll = lowered(local)
    if ll is None:
        return _is_cumulative(sent, metric, local, split)
    day = None  # a day event in the sentence: looked for only when a match asks
    for m in _CUM_RE_LC.finditer(ll):
        w = ll[m.start():m.end()]
        if w == "since" and (_SUPERLATIVE_SINCE_LC.search(ll, 0, m.start()) or _SINCE_ADVERB.search(ll, 0, m.start())):
            continue
        if w == "this year" and _SUPERLATIVE_YEAR_LC.search(ll, 0, m.start()):
            continue
        if w.startswith("across") or w in ("nationwide", "countrywide", "throughout the country"):
            if day is None:
                sl = lowered(sent)
                day = (_DAY_EVENT.search(sent) if sl is None else _DAY_EVENT_LC.search(sl)) is not None
            if day or m.start() < split:
                continue  # "fighting erupted across Myanmar, where 40 ...": not about the figure
        return True
    if metric in ("displaced", "refugees", "detained", "missing") and _STOCK_PRESENT_LC.search(ll):
        if _STILL_LC.search(ll):
            return True
    if metric in ("displaced", "refugees", "detained", "missing") and _STATE_NOW.search(ll) and not _RATE.search(ll):
        return True
    return False


def _is_cumulative(sent: str, metric: str, local: str, split: int = 0) -> bool:
    day = _DAY_EVENT.search(sent)
    for m in _CUM_RE.finditer(local):
        w = m.group(0).lower()
        if w == "since" and (_SUPERLATIVE_SINCE.search(local[:m.start()]) or _SINCE_ADVERB.search(local[:m.start()])):
            continue
        if w == "this year" and _SUPERLATIVE_YEAR.search(local[:m.start()]):
            continue
        if w.startswith("across") or w in ("nationwide", "countrywide", "throughout the country"):
            if day or m.start() < split:
                continue  # "fighting erupted across Myanmar, where 40 ...": not about the figure
        return True
    if metric in ("displaced", "refugees", "detained", "missing") and _STOCK_PRESENT.search(local):
        if _STILL.search(local):
            return True
    low = local.lower()
    if metric in ("displaced", "refugees", "detained", "missing") and _STATE_NOW.search(low) and not _RATE.search(low):
        return True
    return False


def resolve_as_of(sent: str, ref) -> str | None:
    """ISO date of an "as of"/"by"/"up to" date in the sentence. `ref` is a date, None, or a
    callable giving the reference date (only called when the expression is relative)."""
    low = lowered(sent)
    m = _ASOF_RE.search(sent) if low is None else _ASOF_RE_LC.search(low)
    if not m:
        return None
    if _dates is not None:
        try:
            expr = sent[m.start():m.end()]
            r = ref() if callable(ref) and _RELATIVE_HINT.search(expr) else (None if callable(ref) else ref)
            ds = _dates.find_dates(expr, r)
            if ds:
                d = ds[0]
                return (d.date_end or d.date_start).isoformat() if (d.date_end or d.date_start) else None
        except Exception:
            return None
    return None



_RELATIVE_HINT = re.compile(
    r"\b(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|ago|last|this|past|"
    r"earlier|previous|weekend|tomorrow|new\s+year|quarter|half)\b|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?![\w,]*\s*,?\s*\d{4})|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?!\s*,?\s*\d{4})")
_STILL = re.compile(r"\b(?:have|has)\s+been\b|\bremain|\bcurrently|\bnow\b|\bhave\s+(?:fled|crossed|sought)|\bstill\b|"
                    r"\bare\s+(?:taking\s+shelter|sheltering|staying|living|being\s+hosted|hosted)\b", re.I)
# (since as so to up until in a total overall cumulative this death bringing the already are is
# have has war conflict fighting violence crisis insurgency offensive over across nationwide
# countrywide throughout by from between)
_CUM_RE_LC = first_letters(lc(_CUM_RE), "abcdfhimnostuvwy")
# (only its truth is used: the same strings, prefix-factored)
_DAY_EVENT_LC = re.compile(r"\b" + trie_alternation(
    ["today", "yesterday", "tonight", "this morning", "last night"]
    + ["on " + d for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")]) + r"\b")
_SUPERLATIVE_SINCE_LC = lc(_SUPERLATIVE_SINCE)
_SUPERLATIVE_YEAR_LC = lc(_SUPERLATIVE_YEAR)
_STOCK_PRESENT_LC = first_letters(lc(_STOCK_PRESENT), "ahir")  # (are is remain have has)
_STILL_LC = lc(_STILL)
# a head-count's present state told without its auxiliary (a headline's "25,000 people still
# missing") or as a register ("25,412 people are registered as missing"); lower case
# (and a present state told in the present: "450,000 people are internally displaced", "continues to
# detain 59", "the registry lists 133,000 people as disappeared", "still live in displacement camps")
_STATE_NOW = re.compile(r"\bstill\s+(?:missing|detained|held|unaccounted|imprisoned|behind\s+bars|live|living|lives)\b"
                        r"|\b(?:are|is|were)\s+(?:officially\s+)?registered\s+as\s+(?:missing|displaced|refugees)\b"
                        r"|\b(?:are|is)\s+(?:(?:internally|currently|now|still)\s+)?(?:displaced|detained|imprisoned|"
                        r"in\s+detention|behind\s+bars)\b"  # (not "are missing after the raid": one event's)
                        r"|\bcontinues?\s+to\s+(?:\w+ly\s+)?(?:detain|hold)\b"
                        r"|\blists?\s+(?:[\w,.]+\s+){1,6}as\s+(?:disappeared|missing|displaced|detained)\b")
# (a rate is no state: "every day, 100 people are displaced")
_RATE = re.compile(r"\b(?:every|each|per|a)\s+(?:day|week|month)\b|\bdaily\b")
_ASOF_RE_LC = lc(_ASOF_RE)
_SINCE_EVENT_RE_LC = lc(_SINCE_EVENT_RE)
_SINCE_DATE_RE_LC = lc(_SINCE_DATE_RE)


# ---------------------------------------------------------------- running totals across sentences
# The toll of one incident (a singular event noun or a day's event), not of a war: not a running total.
_INCIDENT_TOLL = re.compile(
    r"\b(?:toll|number\s+of\s+(?:people\s+|civilians\s+|those\s+)?(?:killed|dead|deaths|injured|wounded|casualties))"
    r"\s+(?:from|of|in)\s+(?:(?:\w+day|yesterday|last\s+\w+|this\s+\w+)['’]s\s+|the\s+|a\s+|an\s+|this\s+|that\s+)?"
    r"(?:[\w\-]+\s+){0,3}?(?:attack|strike|air\s?strike|airstrike|blast|explosion|bombing|ambush|raid|massacre|earthquake|"
    r"fire|crash|stampede|collapse|landslide|shooting|assault|incident|sinking|shipwreck|flood|flooding|cyclone|storm|"
    r"suicide\s+bombing|car\s+bomb|shelling|violence|clash|clashes|fighting)\b(?![\w\-])"
    r"|\btoll\s+(?:from|of|in)\s+(?:\w+day|yesterday|last\s+\w+)['’]s\b", re.I)
# one incident named right after the count ("... were killed in the attack") or as the sentence's
# subject ("The attack left a toll of 11 dead")
_EVENT_NOUNS = (r"(?:attack|strike|air\s?strike|airstrike|blast|explosion|bombing|ambush|raid|massacre|shooting|assault|"
                r"incident|shelling|suicide\s+bombing|car\s+bomb|drone\s+strike|missile\s+strike)")
_ONE_EVENT_AFTER = re.compile(r"(?:\s+[\w’'\-]+){0,4}?\s+(?:in|during|from|by)\s+(?:the|a|an|this|that|"
                              r"(?:\w+day|yesterday)['’]s)\s+(?:[\w\-]+\s+){0,3}?" + _EVENT_NOUNS + r"\b", re.I)
_ONE_EVENT_SUBJECT = re.compile(r"\W*(?:The|This|That|(?:\w+day|Yesterday)['’]s)\s+(?:[\w\-]+\s+){0,3}?" + _EVENT_NOUNS
                                + r"\s+(?:\w+\s+){0,2}?(?:left|killed|claimed|caused)\b", re.I)
_WHOLE_WAR = re.compile(r"\b(?:since|so\s+far|to\s+date|in\s+total|overall|cumulative|total\s+death\s+toll|war|conflict|campaign|"
                        r"offensive|this\s+year|as\s+of|in\s+all)\b", re.I)
_OWN_CUM = re.compile(r"^\W*(?:As of|As at|Since|Up until now|Up to now|To date|So far|From\s.{0,140}?\bto\b)", re.I | re.S)
_LIST_ITEM = re.compile(r"\s*(?:[o•\-–—*]\s|\(?[a-z0-9]\)\s|(?:In|On)\s[^.:]{0,120}:)")


def _list_continues(text: str, spans: list[tuple[int, int]], j: int, k: int) -> bool:
    """Sentence k is an item of a list introduced (with a colon) after the cumulative figure of
    sentence j: "... recorded 2,788 civilian casualties. This included:\n- 1,240 in Donetsk ..."."""
    if k - j > 12:
        return False
    colon = False
    for q in range(j + 1, k + 1):
        s, e = spans[q]
        if text[e - 1] == "." and not _LIST_ITEM.match(text, s, e):
            return False
    for q in range(max(0, j - 4), k):
        if text[spans[q][1] - 1] == ":":
            colon = True
    return colon


_CLAUSE_BREAK = re.compile(r",\s*(?:while|whereas|but|and\s+the|as)\b|;|\.\s")


def _clause_end(text: str, a: int, b: int) -> int:
    m = _CLAUSE_BREAK.search(text, a, b)
    return m.start() if m else b


_BRINGING = re.compile(r"\b(?:bringing|raising|taking|pushing)\s+(?:the\s+|its\s+|their\s+)?"
                       # (whose total: "raising the army's death toll", "taking the official count")
                       r"(?:[A-Za-z\-]+[’']s\s+|official\s+|overall\s+|confirmed\s+)?"
                       r"(?:total|overall|cumulative|number|death\s+toll|toll|tally|figure|count)\b", re.I)
# "The conflict, which began in April 2023, has killed 40,000", "the war in which 100,000 have been killed"
_WAR_BEGAN = re.compile(r"\b(?:war|conflict|fighting|insurgency|offensive)\b[^.;]{0,40}?\b(?:began|erupted|broke\s+out|started)\b"
                        r"|\b(?:war|conflict|insurgency)\b[^.;]{0,120}?\b(?:has|have)\s+(?:\w+\s+)?(?:killed|displaced|claimed)\b", re.I)
_PERFECT_HARM = re.compile(r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+|reportedly\s+|already\s+)?(?:been\s+)?(?:\w+ly\s+)?"
                           r"(?:killed|died|displaced|fled|detained|arrested|injured|wounded|abducted|uprooted)\b", re.I)
_WAR_PERFECT = re.compile(r"\b(?:war|conflict|insurgency|civil\s+war)\b[^.;]{0,120}?\b(?:has|have)\s+(?:\w+\s+)?"
                          r"(?:killed|displaced|left|claimed|forced|uprooted|driven)\b[^.;]*$", re.I)
# ... or in the past, a war told whole as the agent: "The war in Bosnia killed about 100,000
# people", "the 1992-95 war displaced 2.2 million" (the war's total, not one day's)
_WAR_AGENT = re.compile(r"\b(?:the|this|that|its)\s+(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s+)?(?:civil\s+)?(?:war|conflict|genocide|insurgency)"
                        r"(?:\s+(?:in|of|against|over)\s+[^.;,]{1,40}?)?\s+(?:killed|displaced|claimed|uprooted|drove|forced)"
                        r"\s+(?:the\s+lives\s+of\s+)?[^.;]*$", re.I)
_WAR_IN_WHICH = re.compile(r"\b(?:war|conflict|insurgency)\s+(?:in\s+which|that\s+has|which\s+has)\b[^.;]*$", re.I)
# "7,875 children were among the martyrs": a breakdown of the total stated just before
_AMONG_TOTAL = re.compile(r"\bamong\s+(?:the|those|them|all)\s+(?:dead|martyrs|killed|victims|casualties|injured|wounded|displaced|detained|detainees)\b", re.I)
_PAREN_NEXT = re.compile(r"[^\d.;:()]{0,40}?\(\s*")
_AND_NEXT = re.compile(r"[^\d.;:]{0,30}?\band\s+$")
# "there are 136,300 IDPs in Sagaing", "Chad already hosts nearly 409,000 Sudanese": a present stock
_STOCK = re.compile(r"\b(?:there\s+(?:are|is)|hosts?|hosting|hosted)\s+(?:now\s+|currently\s+|still\s+)?"
                    r"(?:an\s+estimated\s+|some\s+|about\s+|over\s+|more\s+than\s+|nearly\s+|approximately\s+|"
                    r"at\s+least\s+|almost\s+|around\s+)?$", re.I)
_CONTINUES = re.compile(r"\W*(?:This|These|That|It)\s+(?:includes?|included|comprises?)\b|\W*(?:Of\s+(?:them|these|those|whom)|Including|Among\s+them)\b", re.I)


@dataclass(slots=True)
class Running:
    """What the figures read so far (document order) tell the next one's running-total decision."""

    prev_cum: bool = False      # the figure before is a running total
    prev_sent: int = -1         # the sentence of the figure before
    prev_num_end: int = 0       # where the number of the figure before ends
    last_cum_sent: int = -9     # the sentence of the last figure that is a running total by itself


@dataclass(slots=True)
class RunningTotal:
    own: bool                   # a running total by its own words or a frame around it
    cumulative: bool            # ... or as the continuation of the figure before ("including 7 children")
    since: str | None           # its start, as written
    as_of: str | None           # its as-of date (ISO)
    increment: bool             # it brings a running total up (", bringing the total to 89,000")


class TimeFrame:
    """The dates of an article, by sentence, its reference date, and running-total paragraphs."""

    def __init__(self, sents: Sentences, published: date | None):
        self.sents = sents
        self.text = sents.text
        self._dates: dict[int, list] = {}
        self._ref_done = published is not None
        self._ref = published
        self._published = published
        self._para_cum: dict[int, bool] = {}
        self._lead: tuple[int, str | None] | None | bool = False  # (sentence, "since" phrase) of the lead, once

    def ref_fn(self) -> date | None:
        return self.ref

    @property
    def ref(self) -> date | None:
        """The reference date for relative dates: the publication date, else estimated (lazily)."""
        if not self._ref_done:
            self._ref_done = True
            if _dates is not None:
                try:
                    # a publication date the text states ("Updated 8 March 2021") is the reference and
                    # costs nothing; else the estimate from the text's dates (two passes over it)
                    stated = _dates.stated_publication_date(self.text)
                    if isinstance(stated, tuple):
                        stated = stated[0]
                    self._ref = stated if isinstance(stated, date) else _dates.estimate_reference_date(self.text)
                except Exception:
                    self._ref = None
        return self._ref

    def dates(self, k: int) -> list:
        """Date mentions of sentence k: (start, end, service.text.dates mention)."""
        if k not in self._dates:
            res = []
            s, e = self.sents.spans[k]
            if _dates is not None and _dates.may_hold_date(self.text, s, e):
                # the reference date (estimated from the text when unpublished: costly) only for relative dates
                ref = self.ref if (self._ref_done or _RELATIVE_HINT.search(self.text, s, e)) else None
                try:
                    res = [(s + d.start, s + d.end, d) for d in _dates.find_dates(self.text[s:e], ref)]
                except Exception:
                    res = []
            self._dates[k] = res
        return self._dates[k]

    def lead_since(self) -> tuple[int, str | None] | None:
        """The running-total frame the lead sets for the whole story ("Since the war began in April,
        fighting has spread ..."): its sentence and the start it names, from the first three
        sentences; None when the lead sets none."""
        if self._lead is False:
            self._lead = None
            for k in range(min(3, len(self.sents.spans))):
                s, e = self.sents.spans[k]
                m = _SINCE_EVENT_RE.search(self.text, s, e)
                if m is not None:
                    self._lead = (k, m.group(1).strip(" ,."))
                    break
                if (w := _WAR_BEGAN.search(self.text, s, e)) is not None:
                    # "The conflict, which erupted in April 2023, has killed ...": its start, when
                    # the verb gives one ("Since then, 15,000 have been killed")
                    d = _BEGAN_WHEN.match(self.text, w.end(), e)
                    self._lead = (k, d.group(1) if d else None)
                    break
        return self._lead

    def para_cumulative(self, k: int) -> bool:
        """The paragraph opens with a running-total frame ("As of March 8, ...") and k has no day of its own."""
        got = self._para_cum.get(k)
        if got is None:
            got = self._para_cum[k] = self._para_cumulative(k)
        return got

    def _para_cumulative(self, k: int) -> bool:
        p = self.sents.paras[k]
        j = k
        while j > 0 and self.sents.paras[j - 1] == p:
            j -= 1
        if j == k:
            return False
        s0, e0 = self.sents.spans[j]
        if not _PARA_CUM.match(self.text[s0:e0]):
            return False
        s, e = self.sents.spans[k]
        return not _DAY_EVENT.search(self.text, s, e)

    def running_total(self, k: int, *, how: str, metric: str, num: tuple[int, int], quote: tuple[int, int],
                      victim: bool, run: Running) -> RunningTotal:
        """Is the figure whose number is text[num[0]:num[1]] in sentence k (quoted as text[quote[0]:
        quote[1]], linked the `how` way) a running total, and since / as of when? `victim`: a
        person named without a numeral (always an event). `run` is updated for the next figure."""
        text, lt, spans = self.text, self.sents.lt, self.sents.spans
        s, e = spans[k]
        sent = text[s:e]
        n_start, n_end = num
        qs, qe = quote
        # the clause around the figure decides (not past a semicolon: "clashes killed 8 people over
        # the weekend; since Friday, 20 have died")
        # (a window's edge never cuts a word: "... of 2023" is not "... of 2")
        lo = max(s, qs - 80, text.rfind(";", s, qs) + 1)
        while lo > s and text[lo - 1].isalnum() and text[lo].isalnum():
            lo -= 1
        hi = text.find(";", qe, min(e, qe + 120))
        if hi < 0:
            hi = min(e, qe + 120)
            while hi < e and text[hi].isalnum() and text[hi - 1].isalnum():
                hi += 1
        local = text[lo:hi]
        brg = _BRINGING.search(text, n_end, min(e, n_end + 200))
        war = lt.find("war", s, n_start) >= 0 or lt.find("conflict", s, n_start) >= 0 or lt.find("insurgency", s, n_start) >= 0
        cumulative = is_cumulative(sent, metric, local, n_start - lo) or how == "t" or self.para_cumulative(k) \
            or (_OWN_CUM.match(sent) is not None and not _DAY_EVENT.search(sent)) \
            or (run.prev_cum and run.prev_sent < k and _list_continues(text, spans, run.prev_sent, k)) \
            or (war and (_WAR_PERFECT.search(text, s, n_start) is not None
                         or _WAR_IN_WHICH.search(text, max(s, n_start - 80), n_start) is not None
                         or (_WAR_AGENT.search(text, s, n_start) is not None and not _DAY_EVENT.search(sent)))) \
            or (metric in ("displaced", "refugees") and (lt.find("there", max(s, n_start - 60), n_start) >= 0
                                                         or lt.find("host", max(s, n_start - 60), n_start) >= 0)
                and _STOCK.search(text, max(s, n_start - 60), n_start) is not None)
        if brg and how != "t" and cumulative:
            # "7,000 more fled, bringing the total to 89,000": the increment is not the running total,
            # unless a marker of its own says so ("since April, 7,000 have fled, bringing ...")
            cumulative = is_cumulative(sent, "killed", text[lo:brg.start()], n_start - lo)
        if cumulative and (lt.find("toll", max(s, n_start - 160), n_start) >= 0
                           or lt.find("number of", max(s, n_start - 160), n_start) >= 0) \
                and _INCIDENT_TOLL.search(text, max(s, n_start - 160), n_start) \
                and not _WHOLE_WAR.search(text, max(s, n_start - 160), _clause_end(text, n_end, min(e, qe + 120))):
            cumulative = False  # "the death toll from Monday's attack rose to 12": one incident's toll
        if cumulative and how != "d" and not victim and (_ONE_EVENT_AFTER.match(text, n_end, min(e, qe + 60))
                                                         or _ONE_EVENT_SUBJECT.match(text, s, n_start)) \
                and not _WHOLE_WAR.search(text, s, _clause_end(text, n_end, min(e, qe + 120))) \
                and not self.para_cumulative(k) and not _OWN_CUM.match(sent):
            cumulative = False  # "A total of 17 people were killed in the attack", "The attack left a toll of 11 dead"
        if not cumulative and 0 < k - run.last_cum_sent <= 2 and lt.find("among", n_end, n_end + 80) >= 0 \
                and _AMONG_TOTAL.search(text, n_end, min(e, n_end + 80)):
            cumulative = True
        if not cumulative and run.prev_cum and run.prev_sent == k and run.prev_num_end <= n_start \
                and (_AND_NEXT.fullmatch(text, run.prev_num_end, n_start) or _PAREN_NEXT.fullmatch(text, run.prev_num_end, n_start)):
            cumulative = True  # "has surged to 17,997 martyrs and 49,229 wounded", "1,240 casualties (344 killed"
        lead = None
        if not cumulative and not victim and how in ("a", "c") and _PERFECT_HARM.search(text, lo, hi) \
                and not self.dates(k) and not _DAY_EVENT.search(sent):
            # "At least 15,000 people have been killed": a perfect with no day of its own, in a story
            # whose lead frames it ("Since the war began in April, ..."), is the war's running total
            lead = self.lead_since()
            cumulative = lead is not None and lead[0] < k
        if victim:
            cumulative = False  # one person harmed is an event, never a running total
        own = cumulative
        if own:
            run.last_cum_sent = k
        run.prev_num_end = n_end
        # a sub-total continues its total; "This included ..." the running total before it
        if how == "d" and run.prev_sent == k:
            cumulative = run.prev_cum
        elif run.prev_sent != k and run.prev_cum and _CONTINUES.match(sent) and not victim:
            cumulative = True
        run.prev_cum, run.prev_sent = cumulative, k
        # (a running total it brings up has its own start: "1,000 killed so far this year,
        # bringing the overall toll since 2015 to 20,000")
        since = since_of(sent, n_start - s, lo - s, (brg.start() if brg else hi) - s) if cumulative else None
        if cumulative and since is None:
            since = since_of(text[s:brg.start()] if brg else sent, n_start - s)
        if cumulative and since is None and (began := _BEGAN_IN.search(text, s, n_start)) is not None:
            since = began.group(1)  # "The insurgency, which began in 2017, has killed more than 4,000"
        if cumulative and since is None and lead is None and _SINCE_THEN.search(sent) \
                and (frame := self.lead_since()) is not None and frame[0] < k:
            lead = frame  # "The war began in April 2023. Since then, ...": the start the lead named
        if cumulative and since is None and lead is not None:
            since = lead[1]
        as_of = resolve_as_of(sent, self.ref_fn) if cumulative else None
        if cumulative and as_of is None:
            # a total as its source told it on a day ("..., UNHCR said on 29 February 2024"): it
            # stood on that day
            # (a weekday only against a known publication date: an estimated one may be years off)
            said = next((d for ds, _, d in self.dates(k) if d.precision == "day" and d.qualifier is None
                         and (not d.relative or self._published is not None)
                         and _SAID_ON.search(self.text, max(0, ds - 24), ds)), None)
            as_of = said.date_end.isoformat() if said is not None else None
        return RunningTotal(own, cumulative, since, as_of, brg is not None)

    def window(self, k: int):
        """The period a total of sentence k counts when the sentence names a recent window of its
        own and no start ("displaced some 50,000 people in the past two weeks", "last month"):
        the window's dates, so the total is told apart from a head-count."""
        return next((d for _, _, d in self.dates(k) if d.relative and d.qualifier is None
                     and d.precision != "day" and _WINDOW_WORD.search(d.text)), None)

    def list_continues(self, j: int, k: int) -> bool:
        """Sentence k is an item of a list introduced after the running total of sentence j."""
        return _list_continues(self.text, self.sents.spans, j, k)

    def event_date(self, k: int, pos: int, trig: int | None = None):
        """The date mention of an event figure at char `pos` of sentence k (its harm word at
        `trig`): the nearest in its sentence, else the latest in the two sentences before it in the
        same paragraph ("On January 4, ... . 45 troops were killed"); None when the text dates it
        nowhere near."""
        best = self._event_date_in(k, pos, trig)
        own = None
        if best is not None and any(m.start() <= best[1] < m.end() for m in _PREV_DAY.finditer(self.text, *self.sents.spans[k])):
            # "The previous day": the day before the event told before (else before publication)
            own, best = best[3], None
        if best is not None and best[0] >= 1 << 19 and (told := self._told_after(k)) is not None:
            return told  # "killed 40 soldiers, sources told AFP on Friday. The attack ... on Wednesday"
        if best is None:
            for j in (k - 1, k - 2):
                if j < 0 or self.sents.paras[j] < self.sents.paras[k] - 1:
                    break
                if self.sents.is_caption(j):
                    continue  # a photo caption's date is not the event's
                got = self._event_date_in(j, self.sents.spans[j][1])
                if got is not None:
                    # (a day back is said anywhere in the sentence: "3 soldiers were killed two days earlier")
                    return self._next_day(got[3], k, self.sents.spans[k][0], pos, self.sents.spans[k][1])
            else:
                return own or self._paragraph_opening_date(k)
            return own
        return self._next_day(best[3], k, best[2], pos) if best and best[1] < pos else best[3] if best else None

    def _told_after(self, k: int):
        """The day the next sentences give the event a lead reports only as said on a day ("The
        attack targeted the base on Wednesday morning", "The bomb exploded Friday evening")."""
        for j in (k + 1, k + 2):
            if j >= len(self.sents.spans) or self.sents.paras[j] > self.sents.paras[k] + 1:
                return None
            s, e = self.sents.spans[j]
            if _EVENT_TOLD.match(self.text, s, e):
                got = self._event_date_in(j, e)
                return got[3] if got is not None and got[0] < 1 << 18 and got[3].precision == "day" else None
        return None

    def _next_day(self, d, k: int, after: int, pos: int, back_to: int | None = None):
        """`d`, or the day after it when the text between it and the figure (at `pos` of sentence
        k) says "the next day" ("killed two soldiers on Friday; the next day soldiers detained 10
        villagers", "two days later"), or the days before it for "a day earlier", "the previous
        day", "two days before"."""
        if d.precision != "day":
            return d
        # (or after the figure in its own clause, unless a report comes between: "one was released
        # two days later", not "5 were killed, the army said two days later")
        end = self.sents.spans[k][1]
        if (c := _COORDINATION.search(self.text, pos, end)) is not None:
            end = c.start()
        if (r := _REPORT_BETWEEN.search(self.text, pos, end)) is not None:
            end = r.start()
        if (m := _NEXT_DAY.search(self.text, after, max(pos, end))) is not None:
            shift = timedelta(days=_DAYS_BACK.get((m.group("n") or "one").lower(), 1))
        elif (m := _PREV_DAY.search(self.text, after, max(back_to or pos, end))) is not None:
            shift = -timedelta(days=_DAYS_BACK.get((m.group("n") or "one").lower(), 1))
        else:
            return d
        return dataclasses.replace(d, date_start=d.date_start + shift, date_end=d.date_end + shift)

    def _relatives(self, k: int) -> list[tuple[int, int]]:
        """The spans of sentence k's relative clauses set off by commas (", who had been ... ,")."""
        return [m.span() for m in _RELATIVE_ASIDE.finditer(self.text, *self.sents.spans[k])]

    def _paragraph_opening_date(self, k: int):
        """The date a paragraph opens with as its scene ("On 8 May 2020, in Petare, ..."), which
        frames every sentence of the paragraph, however far from it ("... 1 fatality.")."""
        j = k - 3
        while j > 0 and self.sents.paras[j - 1] == self.sents.paras[k]:
            j -= 1
        if j < 0 or self.sents.paras[j] != self.sents.paras[k] or self.sents.is_caption(j):
            return None
        s, e = self.sents.spans[j]
        m = _DATED_OPENER.match(self.text, s, e)
        if m is None:
            return None
        for ds, de, d in self.dates(j):
            if ds < m.end() and d.qualifier not in ("since", "as of"):
                return d
        return None

    def _event_date_in(self, k: int, pos: int, trig: int | None = None):
        best = None
        dateline = None
        for ds, de, d in self.dates(k):
            pre = self.text[max(0, ds - 8):ds].lower()
            if "since" in pre or "as of" in pre or d.qualifier in ("since", "as of"):
                continue  # the start or the as-of date of a running total, not an event's
            if self.text[ds:de].lower() == "this year" and _SUPERLATIVE_YEAR.search(self.text, max(0, ds - 60), ds):
                continue  # a ranking's year ("the deadliest day for the region this year"), no event's date
            # a date in the possessive names the event ("the toll from Saturday's attack rose to 41 on
            # Monday"): it comes before any date nearer the number
            dist = abs(ds - pos) - (1 << 20 if self.text.startswith(("'s", "’s"), de) else 0)
            # a date across a coordination is the other clause's: "killed 12 in Hlaingthaya on
            # March 14 and at least six in Mandalay on Saturday" (the six are Saturday's)
            if _COORDINATION.search(self.text, min(de, pos), max(ds, pos)):
                dist += 40
            # the day a source spoke ("activists said on Monday") or the wire filed ("PORT SUDAN, June
            # 3 (Reuters) -") is the event's only when the text gives no other
            if dateline is None:
                dateline = self.sents.dateline_end(k)
            if ds < dateline or _SAID_ON.search(self.text, max(0, ds - 24), ds) \
                    or _PUBLISHED_ON.search(self.text, max(0, ds - 40), ds):
                dist += 1 << 19
            elif any(a <= ds < b and not a <= pos < b and not (trig is not None and a <= trig < b)
                     for a, b in self._relatives(k)):
                # a date inside a relative clause about the people tells their story, not the
                # harm's day: "The bodies of 14 men, who had been abducted last week, were found on
                # Monday" (unless the harm is told there: "Nwe, who was arrested on 30 April,")
                dist += 1 << 18
            if best is None or dist < best[0]:
                best = (dist, ds, de, d)
        return best


_NEXT_DAY = re.compile(r"\b(?:the\s+(?:next|following)\s+day|(?:a|one)\s+day\s+later|the\s+day\s+after"
                       r"|(?P<n>two|three|2|3)\s+days\s+later)\b", re.I)
_REPORT_BETWEEN = re.compile(r"\b(?:said|says|told|reported|confirmed|announced|added|stated)\b", re.I)
_PREV_DAY = re.compile(r"\b(?:the\s+(?:previous|preceding)\s+day|(?:a|one)\s+day\s+(?:earlier|before)|the\s+day\s+before"
                       r"|(?P<n>two|three|2|3)\s+days\s+(?:earlier|before))\b(?!\s+(?:yesterday|the|that|this|it))", re.I)
_DAYS_BACK = {"one": 1, "two": 2, "three": 3, "2": 2, "3": 3}
_COORDINATION = re.compile(r"\s(?:and|but|while)\s|;")
_RELATIVE_ASIDE = re.compile(r",\s*(?:who|whom|whose|which)\b[^,;]{3,120},")
# a sentence that opens with its date as the scene: "On 8 May 2020, ...", "Around 3 May 2020 (as reported), ..."
_DATED_OPENER = re.compile(r"\W*(?:On|Around|Overnight\s+(?:on|of)|In\s+the\s+(?:early\s+)?(?:morning|night|evening)\s+of)\s+[^,.;]{3,40}?,")


# the start a running total's subject gives itself: "the war, which began in April 2023, has killed"
_SINCE_THEN = re.compile(r"\b(?:since\s+then|ever\s+since)\b", re.I)
_BEGAN_WHEN = re.compile(r"\s+(?:in|on)\s+((?:early\s+|mid-?|late\s+)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4})\b")
_BEGAN_IN = re.compile(r"\b(?:which|that)\s+(?:began|erupted|started|broke\s+out)\s+(?:in|on)\s+((?:early\s+|mid-?|late\s+)?"
                       r"(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4})\b")


_SAID_ON = re.compile(r"\b(?:said|says|told|announced|stated|added|confirmed)(?:\s+(?:the\s+)?[A-Z][\w.]*){0,3}\s+"
                      r"(?:on\s+|late\s+|early\s+|last\s+)?(?:\w+day\s*\(\s*)?\Z", re.I)  # ("said Wednesday (March 12, 2025)", "told AFP on Friday")
# ... and the day a document came out: "A UN report released last week said ...", "a statement
# issued on Monday"
_PUBLISHED_ON = re.compile(r"\b(?:report|statement|study|survey|assessment|update|bulletin|analysis|briefing|"
                           r"letter|communiqu[eé]|paper|review|findings|data|figures)s?\s+(?:was\s+|were\s+)?"
                           r"(?:released|published|issued|made\s+public|put\s+out|presented|circulated)\s+"
                           r"(?:on\s+|late\s+|early\s+|last\s+|this\s+)?\Z", re.I)
# a sentence that tells the event a figure before it reported ("The attack targeted ...", "The bomb exploded ...")
_EVENT_TOLD = re.compile(r"\W*(?:The|This|That)\s+(?:\w+\s+)?(?:attack|strike|airstrike|air\s+strike|bombing|bomb|blast|"
                         r"explosion|assault|raid|ambush|shelling|massacre|clash|clashes|fighting|incident|killings?|"
                         r"shooting|violence)\b"
                         # ... or the people the lead counted, told as harmed: "The victims were attacked on
                         # Tuesday afternoon", "They were ambushed on Monday"
                         r"|\W*(?:The\s+(?:\w+\s+)?(?:victims|men|women|miners|workers|soldiers|villagers|civilians|"
                         r"passengers|people)|They)\s+(?:were|had\s+been)\s+(?:\w+ly\s+)?(?:attacked|killed|shot|ambushed|"
                         r"abducted|kidnapped|seized|wounded|injured)\b", re.I)

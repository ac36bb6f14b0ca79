"""Date expressions in English news text, resolved to inclusive date intervals.

`find_dates(text, reference)` returns every date expression with its span, its interval and
a precision. Expressions that need the publication date ("on Monday", "last month",
"On January 4", "in March") are resolved against `reference` and flagged `relative`; without
a reference they are left out, absolute ones ("4 January 2023", "November 2022", "in 2023")
are always returned.

Conventions (documented here because the extractor relies on them):
- A weekday ("on Tuesday") is the most recent such day on or before the reference: wire copy
  dated Tuesday says "on Tuesday" for that same day (6 of the 7 same-weekday cases in our
  dev set). "last Tuesday" is strictly before.
- A day or month without a year ("On January 4", "in March", "By December") is the latest
  one that does not start after the reference (two days of slack for day dates, since a
  story filed late on the 3rd may say "on January 4" for a local date).
- "N days/weeks/months/years ago" resolves to the day/week/month/calendar year that
  contains reference minus N units (precision day/week/month/year).
- "early/mid/late <month>" are days 1-10 / 11-20 / 21-end; "early/mid/late <year>" are
  Jan-Apr / May-Aug / Sep-Dec; both have precision "range".
- "over the new year" is 30 December - 2 January around the latest 1 January not after the
  reference (+2 days); "New Year's Day" is 1 January.
- Rolling windows ("over the past week", "the past 10 days") end on the reference day.
- `qualifier` records a preposition that changes the meaning for figures: "since", "as of",
  "by", "until", "before", "after", "from". The interval is that of the date expression
  itself: "since February 2021" is February 2021 with qualifier "since".
- Never dates: bare numbers, "(2023)" counts, ages ("aged 18 to 35"), "Brigade 5",
  "1.1 million". A four-digit year needs a cue ("in 2023", "since 2021", "the 2021 coup").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Iterator

from service.text.fastre import odd_case, trie_alternation
from service.text.numbers import parse_number

PRECISIONS = ("day", "week", "month", "quarter", "year", "range")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: text[start:end] == self.text; [date_start, date_end] inclusive."""

    start: int
    end: int
    text: str
    date_start: date
    date_end: date
    precision: str              # day | week | month | quarter | year | range
    relative: bool              # resolved against the reference date
    qualifier: str | None = None  # since | as of | by | until | before | after | from


# ---------------------------------------------------------------------------- vocabulary
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
# Capitalised only: "may" and "march" are also verbs.
_M = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
      r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL|"
      r"MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?(?![A-Za-z])")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_D = (r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d|\d|\s*(?:%|per\s*cent|percent|million|billion|km|kilomet|mile|people|years?\b"
      r"|(?:more|others?|persons|civilians|soldiers|troops|villagers|residents|children|women|men|fighters)\b))")
# (not "on May 3 and 40 more": no day is 4 of 40; not "May 3 and 20 more on May 5": a count)
_Y = r"(?:19[5-9]\d|20[0-4]\d)(?![\d])"
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
             "fifteen": 15, "twenty": 20, "thirty": 30, "several": 3, "few": 3, "couple": 2}
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|few|a few|a couple of)"
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "final": 4, "last": 4}
# "the 2021 coup": a year after "the" only before words that name an event or a period.
_EVENT_NOUNS = (r"coup|election|elections|polls?|war|earthquake|quake|offensive|attacks?|uprising|"
                r"protests?|crisis|conflict|ceasefire|truce|agreement|deal|census|report|survey|"
                r"season|floods?|cyclone|fighting|operations?|invasion|revolution|referendum|"
                r"budget|plan|appeal|response plan|hrp|monsoon|clashes|violence|massacre|"
                r"exodus|takeover|putsch|junta|period|figures?|data|total|level|levels")
_QUAL = re.compile(r"(?:^|\b)(since|as of|as at|by|until|till|before|after|from|through|up to)\s+"
                   r"(?:the\s+|early\s+|late\s+|mid-?\s*)?\Z", re.I)


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _day(s: str) -> int:
    return int(_RX_2.match(s).group())


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _latest_md(m: int, d: int, ref: date, slack: int = 2) -> date | None:
    """The latest m/d that is not after ref + slack days."""
    for y in (ref.year + 1, ref.year, ref.year - 1, ref.year - 2):
        dt = _safe(y, m, d)
        if dt and dt <= ref + timedelta(days=slack):
            return dt
    return None


def _latest_month(m: int, ref: date) -> int:
    """Year of the latest month m whose first day is not after ref."""
    return ref.year if date(ref.year, m, 1) <= ref else ref.year - 1


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _num(s: str) -> int:
    s = s.lower().replace("a couple of", "couple").replace("a few", "few")
    return int(s) if s.isdigit() else _NUMWORDS[s]


# ---------------------------------------------------------------------------- patterns
# Each pattern has a handler (match, reference) -> (date_start, date_end, precision, relative)
# or None. All patterns run; overlaps are resolved longest-first.
_Res = tuple[date, date, str, bool] | None
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], date | None], _Res],
                      re.Pattern[str]]] = []

# Cheap screens: a pattern runs only when its key word occurs in the text at all, which
# skips most of the ~20 patterns on a typical paragraph.
_NEED_MONTH = re.compile(_M)
_NEED_YEAR = re.compile(r"(?:19|20)\d\d")
_NEED_WD = re.compile(_WD, re.I)
_NEED_WORD = re.compile(r"yesterday|today|tonight|night|morning|afternoon|evening|week|month|"
                        r"year|past|last|previous|ago|quarter|half|\bQ[1-4]", re.I)


def _pat(rx: str, flags: int = 0, needs: re.Pattern[str] = _NEED_WORD) -> Callable:
    def deco(fn: Callable[[re.Match[str], date | None], _Res]) -> Callable:
        _PATTERNS.append((re.compile(rx, flags), fn, needs))
        return fn
    return deco


@_pat(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", needs=_NEED_YEAR)
def _iso(m: re.Match[str], ref: date | None) -> _Res:
    d = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, d, "day", False) if d else None


@_pat(rf"\b(?P<m>{_M})\s+(?P<d>{_D}),?\s+(?P<y>{_Y})", needs=_NEED_MONTH)
def _mdy(m: re.Match[str], ref: date | None) -> _Res:
    d = _safe(int(m["y"]), _month(m["m"]), _day(m["d"]))
    return (d, d, "day", False) if d else None


@_pat(rf"\b(?:the\s+)?(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M}),?\s+(?P<y>{_Y})", needs=_NEED_MONTH)
def _dmy(m: re.Match[str], ref: date | None) -> _Res:
    d = _safe(int(m["y"]), _month(m["m"]), _day(m["d"]))
    return (d, d, "day", False) if d else None


@_pat(rf"\b(?P<m>{_M})\s+(?P<d>{_D})(?!\s*,?\s*(?:19|20)\d\d(?!\d))", needs=_NEED_MONTH)
def _md(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    d = _latest_md(_month(m["m"]), _day(m["d"]), ref)
    return (d, d, "day", True) if d else None


@_pat(rf"\b(?:the\s+)?(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M})(?!\s*,?\s*(?:19|20)\d\d(?!\d))", needs=_NEED_MONTH)
def _dm(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    d = _latest_md(_month(m["m"]), _day(m["d"]), ref)
    return (d, d, "day", True) if d else None


# Ranges: "between March 1 and March 5", "March 1-5, 2024", "from 1 to 5 March",
# "28 February to 3 March 2024", "between Jan. 30 and Feb. 2".
@_pat(rf"\b(?:(?P<kw>(?i:between|from))\s+)?(?P<m1>{_M})\s+(?P<d1>{_D})\s*(?:-|–|—|to|and|until|through|till)\s*"
      rf"(?:(?P<m2>{_M})\s+)?(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?", needs=_NEED_MONTH)
def _range_md(m: re.Match[str], ref: date | None) -> _Res:
    if not m["m1"][0].isupper() or (m["m2"] and not m["m2"][0].isupper()):
        return None
    m1 = _month(m["m1"])
    m2 = _month(m["m2"]) if m["m2"] else m1
    return _range(m1, _day(m["d1"]), m2, _day(m["d2"]), m["y"], ref)


@_pat(rf"\b(?:(?P<kw>(?i:between|from))\s+)?(?:the\s+)?(?P<d1>{_D})(?:\s+(?:of\s+)?(?P<m1>{_M}))?\s*"
      rf"(?:-|–|—|to|and|until|till)\s*(?:the\s+)?(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M})(?:,?\s+(?P<y>{_Y}))?", needs=_NEED_MONTH)
def _range_dm(m: re.Match[str], ref: date | None) -> _Res:
    if not m["m1"] and not m["kw"] and not _RX_0.search(m.group()) \
            and not (_ON_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) and " and " in m.group()):
        return None  # "18 to 35 March" without between/from/hyphen: too easily a count (not
        # "on 29 and 30 November": the days of one event)
    m2 = _month(m["m2"])
    m1 = _month(m["m1"]) if m["m1"] else m2
    return _range(m1, _day(m["d1"]), m2, _day(m["d2"]), m["y"], ref)


def _range(m1: int, d1: int, m2: int, d2: int, y: str | None, ref: date | None) -> _Res:
    if y:
        y2 = int(y)
        y1 = y2 - 1 if m1 > m2 else y2
        a, b = _safe(y1, m1, d1), _safe(y2, m2, d2)
        rel = False
    else:
        if ref is None:
            return None
        b = _latest_md(m2, d2, ref)
        if b is None:
            return None
        a = _safe(b.year - 1 if m1 > m2 else b.year, m1, d1)
        rel = True
    if not a or not b or a > b or (b - a).days > 366:
        return None
    return (a, b, "range", rel)


@_pat(rf"\b(?P<m>{_M}),?\s+(?:of\s+)?(?P<y>{_Y})", needs=_NEED_MONTH)
def _my(m: re.Match[str], ref: date | None) -> _Res:
    y, mo = int(m["y"]), _month(m["m"])
    return (date(y, mo, 1), _month_end(y, mo), "month", False)


_PART = r"(?P<part>(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of))"


def _part_key(p: str) -> str:
    p = p.lower()
    if "early" in p or "beginning" in p or "start" in p:
        return "early"
    if "mid" in p or "middle" in p:
        return "mid"
    return "late"


@_pat(rf"\b{_PART}[-\s]+(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?", needs=_NEED_MONTH)
def _part_month(m: re.Match[str], ref: date | None) -> _Res:
    if not m["m"][0].isupper():
        return None
    mo = _month(m["m"])
    if m["y"]:
        y, rel = int(m["y"]), False
    elif ref is not None:
        y, rel = _latest_month(mo, ref), True
    else:
        return None
    k = _part_key(m["part"])
    last = calendar.monthrange(y, mo)[1]
    a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[k]
    return (date(y, mo, a), date(y, mo, b), "range", rel)


@_pat(rf"\b{_PART}[-\s]+(?P<y>{_Y})", needs=_NEED_YEAR)
def _part_year(m: re.Match[str], ref: date | None) -> _Res:
    y = int(m["y"])
    k = _part_key(m["part"])
    a, b = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[k]
    return (date(y, a, 1), _month_end(y, b), "range", False)


# A bare month needs a cue: "in March", "By December", "since April", "last March".
@_pat(rf"\b(?P<cue>(?i:in|by|since|until|till|during|through|throughout|before|after|from|last|this|of|early in|late in))\s+(?P<m>{_M})(?!\.?\s*,?\s*(?:19|20)\d\d(?!\d)|\.?\s+[0-3]?\d\b)", needs=_NEED_MONTH)
def _cue_month(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None or not m["m"][0].isupper():
        return None
    mo = _month(m["m"])
    cue = m["cue"].lower()
    y = _latest_month(mo, ref)
    if cue == "last" and y == ref.year and mo == ref.month:
        y -= 1
    if cue == "this" and y != ref.year:
        y = ref.year
    return (date(y, mo, 1), _month_end(y, mo), "month", True)


@_pat(rf"\b(?P<cue>(?i:in|since|of|during|by|until|till|from|before|after|throughout|through|for|early|late|mid-?|year|the year|end of|start of))\s+(?P<y>{_Y})(?!\s*(?:-|–|to)\s*\d)(?![\d,.]\d)"
      r"(?!\s+(?i:people|persons|civilians|soldiers|troops|homes|houses|buildings|refugees|families|households|villagers|residents|children|students|prisoners|detainees|deaths|cases|men|women|others|more|of\b))", needs=_NEED_YEAR)
def _cue_year(m: re.Match[str], ref: date | None) -> _Res:
    y = int(m["y"])
    return (date(y, 1, 1), date(y, 12, 31), "year", False)


@_pat(rf"\b[Tt]he\s+(?P<y>{_Y})\s+(?:(?:military|army|general|presidential|parliamentary|local|national|deadly|devastating|february|november)\s+)?(?:{_EVENT_NOUNS})\b", re.I, needs=_NEED_YEAR)
def _the_year(m: re.Match[str], ref: date | None) -> _Res:
    y = int(m["y"])
    return (date(y, 1, 1), date(y, 12, 31), "year", False)


@_pat(rf"\bQ(?P<q>[1-4])\s*(?:of\s+)?(?P<y>{_Y})|\b(?:the\s+)?(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?(?:\s+(?:the\s+year\s+)?(?P<y2>{_Y}))?", re.I, needs=re.compile(r"quarter|Q[1-4]", re.I))
def _quarter(m: re.Match[str], ref: date | None) -> _Res:
    q = int(m["q"]) if m["q"] else _ORD[m["o"].lower()]
    ys = m["y"] or m["y2"]
    if ys:
        y, rel = int(ys), False
    elif ref is not None:
        y, rel = ref.year, True
        if date(y, 3 * q - 2, 1) > ref:
            y -= 1
    else:
        return None
    return (date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", rel)


@_pat(rf"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<y>{_Y})|(?P<w>this|last|the)\s+year)", re.I, needs=re.compile(r"half", re.I))
def _half(m: re.Match[str], ref: date | None) -> _Res:
    got = _year_named(m, ref)
    if got is None:
        return None
    y, rel = got
    a, b = (1, 6) if m["h"].lower() == "first" else (7, 12)
    return (date(y, a, 1), _month_end(y, b), "range", rel)


def _year_named(m: re.Match[str], ref: date | None) -> tuple[int, bool] | None:
    """The year of "... of 2024" (group y) or of "... of this/last/the year" (group w), and whether
    it was resolved against the reference date."""
    if m["y"]:
        return int(m["y"]), False
    if ref is None:
        return None
    return ref.year - (1 if m["w"].lower() == "last" else 0), True


@_pat(rf"\b(?:the\s+)?(?P<fl>first|last|final)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])"
      rf"\s+months\s+of\s+(?:(?P<y>{_Y})|(?P<w>this|last|the)\s+year)", re.I, needs=re.compile(r"months", re.I))
def _n_months(m: re.Match[str], ref: date | None) -> _Res:
    """ "the first three months of 2024", "the last two months of last year" """
    got = _year_named(m, ref)
    if got is None:
        return None
    y, rel = got
    n = parse_number(m["n"].lower())
    a, b = (1, n) if m["fl"].lower() == "first" else (13 - n, 12)
    return (date(y, a, 1), _month_end(y, b), "range", rel)


@_pat(rf"\b(?:(?P<cue>(?i:on|last|this\s+past|past|since|by|early|late|early\s+on|late\s+on))\s+)?(?P<w1>{_WD})"
      rf"(?:\s*(?:,|and|or|to|through|until|till|-|–|,\s*and)\s*(?P<w2>{_WD}))?"
      r"(?:\s+(?i:morning|afternoon|evening|night))?", needs=_NEED_WD)
def _weekday(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None or not m["w1"][0].isupper():
        return None
    w1 = _WEEKDAYS[m["w1"].lower()]
    # On or before the reference: wire copy dated Wednesday says "on Wednesday" for that same
    # day (6 of 7 such cases in the dev set). "last Wednesday" is strictly before.
    strict = bool(m["cue"]) and m["cue"].lower().replace(" ", "") in ("last", "thispast", "past")
    delta = (ref.weekday() - w1) % 7
    if strict and delta == 0:
        delta = 7
    if m["w2"]:
        w2 = _WEEKDAYS[m["w2"].lower()]
        b = ref - timedelta(days=(ref.weekday() - w2) % 7)
        a = b - timedelta(days=(w2 - w1) % 7)
        return (a, b, "range", True)
    d = ref - timedelta(days=delta)
    return (d, d, "day", True)


@_pat(r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b", re.I, needs=re.compile(r"yesterday|today|tonight|night|morning|afternoon|evening", re.I))
def _relday(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    s = m.group().lower()
    k = 2 if "before" in s else 1 if ("yesterday" in s or "last night" in s) else 0
    d = ref - timedelta(days=k)
    return (d, d, "day", True)


@_pat(r"\b(?:(?P<pre>earlier|later)\s+)?(?P<w>this|last|previous|the\s+previous|the\s+past)\s+(?P<u>week|weekend|month|year)\b", re.I, needs=re.compile(r"week|month|year", re.I))
def _relunit(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    w = m["w"].lower().split()[-1]
    u = m["u"].lower()
    if u == "week":
        if w == "this":
            return (ref - timedelta(days=ref.weekday()), ref, "week", True)
        if w in ("past",):
            return (ref - timedelta(days=7), ref, "week", True)
        mon = ref - timedelta(days=ref.weekday() + 7)
        return (mon, mon + timedelta(days=6), "week", True)
    if u == "weekend":
        sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
        if w != "this" and sat == ref:
            sat -= timedelta(days=7)
        return (sat, min(sat + timedelta(days=1), max(ref, sat)), "range", True)
    if u == "month":
        if w == "this":
            return (ref.replace(day=1), ref, "month", True)
        if w == "past":
            return (ref - timedelta(days=30), ref, "range", True)
        y, mo = _add_months(ref.year, ref.month, -1)
        return (date(y, mo, 1), _month_end(y, mo), "month", True)
    if w == "this":
        return (date(ref.year, 1, 1), ref, "year", True)
    if w == "past":
        return (ref - timedelta(days=365), ref, "range", True)
    return (date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31), "year", True)


@_pat(r"\b(?:the\s+)?weekend\b", re.I, needs=re.compile(r"weekend", re.I))
def _weekend(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
    return (sat, min(sat + timedelta(days=1), max(ref, sat)), "range", True)


@_pat(rf"\b(?:(?:over|in|during|within|for)\s+)?the\s+(?:past|last|previous)\s+(?:(?P<n>{_NUM})\s+)?(?P<u>days?|weeks?|months?|years?|(?P<h>24|48|72)\s+hours)\b", re.I, needs=re.compile(r"past|last|previous", re.I))
def _rolling(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    if m["h"]:
        days = int(m["h"]) // 24
        return (ref - timedelta(days=days), ref, "range", True)
    n = _num(m["n"]) if m["n"] else 1
    u = m["u"].lower().rstrip("s")
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[u] * n
    prec = "week" if (u == "week" and n == 1) else "range"
    return (ref - timedelta(days=days), ref, prec, True)


@_pat(rf"\b(?P<n>{_NUM})\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b"
      rf"(?:\s+(?:on\s+|this\s+)?(?P<wd>{_WD}|today|yesterday))?", re.I, needs=re.compile(r"\bago\b", re.I))
def _ago(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    n = _num(m["n"])
    u = m["u"].lower().rstrip("s")
    if m["wd"] and u in ("year", "month"):
        # an anniversary: "Ten years ago on Tuesday" is that Tuesday, ten years back
        wd = m["wd"].lower()
        day = ref - timedelta(days=1 if wd == "yesterday" else 0 if wd == "today"
                              else (ref.weekday() - _WEEKDAYS[wd]) % 7)
        y, mo = (day.year - n, day.month) if u == "year" else _add_months(day.year, day.month, -n)
        d = date(y, mo, min(day.day, _month_end(y, mo).day))
        return (d, d, "day", True)
    if u == "day":
        d = ref - timedelta(days=n)
        return (d, d, "day", True)
    if u == "week":
        d = ref - timedelta(days=7 * n)
        mon = d - timedelta(days=d.weekday())
        return (mon, mon + timedelta(days=6), "week", True)
    if u == "month":
        y, mo = _add_months(ref.year, ref.month, -n)
        return (date(y, mo, 1), _month_end(y, mo), "month", True)
    y = ref.year - n
    return (date(y, 1, 1), date(y, 12, 31), "year", True)


@_pat(rf"\bNew\s+Year[’']s\s+(?P<k>Day|Eve)(?:,?\s+(?P<y>{_Y}))?", re.I, needs=re.compile(r"new.?year", re.I))
def _newyear_day(m: re.Match[str], ref: date | None) -> _Res:
    eve = m["k"].lower() == "eve"
    if m["y"]:
        y = int(m["y"])
        d = date(y - 1, 12, 31) if eve else date(y, 1, 1)
        return (d, d, "day", False)
    if ref is None:
        return None
    jan1 = _latest_md(1, 1, ref, slack=2)
    d = jan1 - timedelta(days=1) if eve else jan1
    return (d, d, "day", True)


@_pat(r"\b(?:over|during|at|around|on|since|after|before|until)\s+(?:the\s+)?new[-\s]+year(?:[’']s)?(?:\s+(?:holidays?|period|weekend|break))?(?!\s*[’']?s?\s+(?:speech|message|address|resolution))", re.I, needs=re.compile(r"new.?year", re.I))
def _newyear(m: re.Match[str], ref: date | None) -> _Res:
    if ref is None:
        return None
    jan1 = _latest_md(1, 1, ref, slack=2)
    return (jan1 - timedelta(days=2), jan1 + timedelta(days=1), "range", True)


_WITH_WEEKDAY = {_mdy, _dmy, _md, _dm}
_WD_BEFORE = re.compile(rf"\b{_WD},?\s+\Z")


# ---------------------------------------------------------------------------- API
# Handlers that always return None without a reference: skipped when reference is None.
_REF_ONLY = {_md, _dm, _cue_month, _weekday, _relday, _relunit, _weekend, _rolling, _ago, _newyear}
# Most patterns must contain a month name or a year (their "anchor"): they never scan the whole
# text. A pattern that starts with its anchor ("March 4, 2024", "2024-03-04") is matched at each
# anchor; the others run in windows around their anchors, [anchor start - back, anchor start +
# fwd], merged. The margins bound how far a match (with its lookarounds) reaches from its anchor
# when no whitespace run inside the window is longer than 5 characters; a window with a longer run
# makes that pattern scan the whole text, as before. Same matches, in the same order, as a scan
# of the whole text: each match lies inside its own anchor's window.
_AT_ANCHOR: dict[Callable, str] = {_iso: "y", _mdy: "m", _md: "m", _my: "m"}
# "m<": a month with its day right before it ("4 March", "the 4th of");
# "m:rmd"/"m:rdm": a month in a range ("March 1-5", "1-5 March"), see _windows.
_ANCHORED: dict[Callable, tuple[str, int, int]] = {
    _dmy: ("m<", 50, 45), _dm: ("m<", 50, 55), _range_md: ("m:rmd", 20, 140), _range_dm: ("m:rdm", 160, 50),
    _part_month: ("m:part", 60, 50), _part_year: ("y:part", 60, 16), _cue_month: ("m:cue", 30, 50),
    _cue_year: ("y:cue", 30, 48), _the_year: ("y", 20, 78), _weekday: ("wd", 30, 75),
    # case-insensitive patterns: anchors found in the lower-cased text
    _relday: ("rd", 45, 25), _relunit: ("unit", 45, 15), _weekend: ("wkend", 15, 15),
    _rolling: ("roll", 30, 60), _ago: ("ago", 45, 30), _newyear_day: ("ny", 15, 40),
    _newyear: ("ny", 40, 65), _quarter: ("qtr", 35, 60), _half: ("half", 30, 45),
    _n_months: ("unit", 30, 40),
}
# Supersets of the anchors, cheap to find (a literal or character-set prefix): the first three
# letters of a month name as _M spells it, a year, a weekday; lower-case words for the
# case-insensitive patterns (searched in text.lower(), used only when lower-casing keeps every
# position and no character folds to ASCII only under re.IGNORECASE: İ ı ſ K).
_ANCHOR_RXS: dict[str, tuple[re.Pattern[str], bool]] = {
    # a letter run that _M reads as a month ("Junta", "Mayor" are not): see _MONTH_FORMS
    "m": (re.compile(r"[ADFJMNOS](?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec|AN|EB|AR|PR|AY|UN|UL|UG|EP|CT|OV|EC)[A-Za-z]*"), False),
    "y": (re.compile(r"(?:19|20)\d\d"), False),
    "wd": (re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"), False),
    "rd": (re.compile(r"yesterday|today|tonight|night|morning|afternoon|evening"), True),
    "unit": (re.compile(r"week|month|year"), True),
    "wkend": (re.compile(r"weekend"), True),
    "roll": (re.compile(r"past|last|previous"), True),
    "ago": (re.compile(r"ago"), True),
    "ny": (re.compile(r"year"), True),
    "qtr": (re.compile(r"quarter|q[1-4]"), True),
    "half": (re.compile(r"half"), True),
}
# The letter runs _M matches (it needs a non-letter after the name, or after its dot).
_MONTH_FORMS = frozenset("""Jan January Feb February Mar March Apr April May Jun June Jul July Aug August Sep
Sept September Oct October Nov November Dec December JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST
SEPTEMBER OCTOBER NOVEMBER DECEMBER""".split())
_DIGIT = re.compile(r"\d")
# What the day-and-month patterns need next to their month (within the margins): a day right before
# it; a range's separator and second day right before it; the month's day and a separator after.
_DAY_BEFORE = re.compile(r"[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?\Z")
_RANGE_BEFORE = re.compile(r"(?:-|–|—|to|and|until|till)\s*(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?\Z")
_RANGE_AFTER = re.compile(r"[A-Za-z]+\.?\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|until|through|till)")
# What must stand right before the anchor: the last word of _PART, of the month cues, of the
# year cues ("the year", "end of" end in "year", "of"), then the separator (their longest words:
# "early", "throughout": see _word_before).
_PART_END = re.compile(r"(?i:early|mid|late|of)[-\s]+\Z")
_CUE_END_M = re.compile(r"(?i:in|by|since|until|till|during|through|throughout|before|after|from|last|this|of)\s+\Z")
_CUE_END_Y = re.compile(r"(?i:in|since|of|during|by|until|till|from|before|after|throughout|through|for|early|late|"
                        r"mid-?|year)\s+\Z")
_WORD_CHAR = re.compile(r"\w")
_WORD_REST = re.compile(r"\w*")
_LONG_WS = re.compile(r"\s\s{5}")  # (\s{6}; a single \s first lets the engine skip to candidates)
_PAT_INFO = [(rx, fn, needs, _ANCHORED.get(fn), _AT_ANCHOR.get(fn), fn in _REF_ONLY) for rx, fn, needs in _PATTERNS]
_MD_IDX = [i for i, p in enumerate(_PAT_INFO) if p[1] in (_md, _dm)]
_ALL_IDX = list(range(len(_PAT_INFO)))
# the anchor kind each pattern needs ("m", "y", "wd", a lower-case kind), or None
# Every pattern is found at one of its anchors: a text where no anchor occurs holds no date (a
# cheap test for callers that have many short texts to skip). The cased anchors are searched in
# the text, the lower-case words in its lower case, as _anchors finds them.
_CASED_ANCHOR = re.compile("|".join(rx.pattern for rx, lower in _ANCHOR_RXS.values() if not lower))


def may_hold_date(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when find_dates(text[start:end]) can find nothing: no anchor word or number in it."""
    end = len(text) if end is None else end
    if _CASED_ANCHOR.search(text, start, end):
        return True
    seg = text[start:end]
    low = seg.lower()
    if len(low) != len(seg) or odd_case(seg):
        return True  # (where _anchors cannot use the lower case, it scans the whole text)
    return _LOWER_ANCHOR.search(low) is not None


_PAT_BASE = [p[4] if p[4] is not None else (p[3][0][0] if p[3][0][0] in "my" else p[3][0]) if p[3] is not None else None
             for p in _PAT_INFO]


# All the lower-case anchor words in one pass: the kinds each word serves. One pass finds fewer
# positions than the separate patterns where two words overlap ("monthalf"), but every anchor
# a pattern can use starts after a non-letter and is found (a word that starts inside another
# cannot), and the margins make each window hold the matches of its own anchors.
_LOWER_ANCHOR_KINDS: dict[str, tuple[str, ...]] = {
    **{w: ("rd",) for w in ("yesterday", "today", "tonight", "night", "morning", "afternoon", "evening")},
    "week": ("unit",), "weekend": ("unit", "wkend"), "month": ("unit",), "year": ("unit", "ny"),
    "past": ("roll",), "last": ("roll",), "previous": ("roll",), "ago": ("ago",), "quarter": ("qtr",),
    "q1": ("qtr",), "q2": ("qtr",), "q3": ("qtr",), "q4": ("qtr",), "half": ("half",),
}
_LOWER_ANCHOR = re.compile(trie_alternation(_LOWER_ANCHOR_KINDS))
_LOWER_KINDS = ("rd", "unit", "wkend", "roll", "ago", "ny", "qtr", "half")
# Longer texts (whole articles) scan for each kind on its own, when a pattern asks for it: a
# short literal alternation runs several times faster than the one pass over all the words, and
# a text without a reference needs only three kinds. Both find the same positions unless words
# of different kinds overlap ("monthalf": the one pass skips "half"), which needs one of these
# joined pairs in the text; then the one pass runs.
_ONE_PASS_MAX = 500
_JOINED = sorted({a + b[k:] for a in _LOWER_ANCHOR_KINDS for b in _LOWER_ANCHOR_KINDS
                  if _LOWER_ANCHOR_KINDS[a] != _LOWER_ANCHOR_KINDS[b]
                  for k in range(1, min(len(a), len(b))) if a[-k:] == b[:k]})
# (no word holds one of another kind after its start; "weekend" starts with "week", the same position)
assert not [a for a in _LOWER_ANCHOR_KINDS for b in _LOWER_ANCHOR_KINDS
            if _LOWER_ANCHOR_KINDS[a] != _LOWER_ANCHOR_KINDS[b] and b in a[1:]]


def _anchors(text: str, memo: dict, kind: str) -> list[int] | None:
    """Start positions of the anchors of one kind, or None when they cannot be found exactly."""
    if kind in memo:
        return memo[kind]
    rx, lower = _ANCHOR_RXS[kind]
    if lower:
        hay = memo.get("lower")
        if hay is None:
            hay = text.lower()
            if len(hay) != len(text) or odd_case(text):
                hay = False  # positions would shift or case folding differ: anchors unknown
            elif len(hay) > _ONE_PASS_MAX and not any(j in hay for j in _JOINED):
                memo["per kind"] = True
            memo["lower"] = hay
        if hay is False:
            got = None
        elif "per kind" in memo:
            got = [m.start() for m in rx.finditer(hay)]
        else:
            found: dict[str, list[int]] = {k: [] for k in _LOWER_KINDS}
            for m in _LOWER_ANCHOR.finditer(hay):
                for k in _LOWER_ANCHOR_KINDS[m.group()]:
                    found[k].append(m.start())
            memo.update(found)
            return found[kind]
        memo[kind] = got
        return got
    if kind == "m":
        forms = _MONTH_FORMS
        got = [m.start() for m in rx.finditer(text) if m.group() in forms]
    else:
        got = [m.start() for m in rx.finditer(text)]
    memo[kind] = got
    return got


def _word_before(rx: re.Pattern[str], text: str, lo: int, a: int, longest: int, dash: str) -> bool:
    r"""rx.search(text, lo, a) for rx = `(?i:words)` + separators + `\Z` (_PART_END, _CUE_END_*),
    its words at most `longest` characters long and ending in a non-separator.

    A match ends with the run of separators (whitespace, and `dash`) before a, its word right before
    that run: it starts at most `longest` characters before the run, where the search starts."""
    j = a
    while j > lo and (text[j - 1].isspace() or text[j - 1] == dash):
        j -= 1
    return j < a and rx.search(text, max(lo, j - longest), a) is not None


def _day_before(text: str, lo: int, a: int) -> bool:
    """_DAY_BEFORE.search(text, lo, a): a day ("4", "4th") and whitespace, maybe "of" and
    whitespace, right before a.

    The day ends where the whitespace run before a starts, or, when "of" ends there, where the
    run before "of" starts (a day never ends in "f"); it is at most 4 characters long."""
    j = a
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == a:
        return False
    if j - 2 >= lo and text[j - 2:j] == "of":
        k = j = j - 2
        while j > lo and text[j - 1].isspace():
            j -= 1
        if j == k:
            return False
    return _DAY_BEFORE.search(text, max(lo, j - 4), a) is not None


def _windows(text: str, memo: dict, spec: tuple[str, int, int],
             anchors: list[int]) -> list[tuple[int, int]] | None:
    """Merged windows of one anchor spec around the anchors of its kind, or None when the text
    must be scanned whole."""
    if spec in memo:
        return memo[spec]
    kind, back, fwd = spec
    n = len(text)
    long_ws = memo.get("lws")
    if long_ws is None:
        long_ws = memo["lws"] = _LONG_WS.search(text) is not None
    # keep only the anchors the pattern's other required parts can be next to (within the margins,
    # which hold when no whitespace run is longer than 5 characters)
    if long_ws:
        pass
    elif kind == "m<":  # "4 March", "the 4th of March"
        anchors = [a for a in anchors if _day_before(text, max(0, a - back), a)]
    elif kind == "m:rdm":  # "1-5 March", "28 February to 3 March"
        anchors = [a for a in anchors if _RANGE_BEFORE.search(text, max(0, a - back), a)]
    elif kind == "m:rmd":  # "March 1-5", "March 28 to April 3"
        anchors = [a for a in anchors if _RANGE_AFTER.match(text, a, min(n, a + fwd))]
    elif kind.endswith(":part"):
        anchors = [a for a in anchors if _word_before(_PART_END, text, max(0, a - back), a, 5, "-")]
    elif kind == "m:cue":
        anchors = [a for a in anchors if _word_before(_CUE_END_M, text, max(0, a - back), a, 10, "")]
    elif kind == "y:cue":
        anchors = [a for a in anchors if _word_before(_CUE_END_Y, text, max(0, a - back), a, 10, "")]
    ws: list[tuple[int, int]] | None = []
    for a in anchors:
        lo, hi = a - back, a + fwd
        if lo < 0:
            lo = 0
        if hi > n:
            hi = n
        elif hi > 0 and _WORD_CHAR.match(text, hi - 1, hi):
            # A search ending inside a word sees a word boundary there ("early Jun|ta" would read
            # as a date): end the window at the end of that word instead.
            hi = _WORD_REST.match(text, hi).end()
        if ws and lo <= ws[-1][1]:
            ws[-1] = (ws[-1][0], hi)
        else:
            ws.append((lo, hi))
    if long_ws:  # only then can a window hold a whitespace run longer than its margins allow
        for lo, hi in ws:
            if _LONG_WS.search(text, lo, hi):
                ws = None
                break
    memo[spec] = ws
    return ws


def _raw(text: str, i: int, memo: dict, screened: dict) -> list[re.Match[str]]:
    """Matches of pattern i over the text (cached in memo)."""
    got = memo.get(i)
    if got is not None:
        return got
    rx, fn, needs, spec, at, _ = _PAT_INFO[i]
    base = _PAT_BASE[i]
    anchors = memo[base] if base in memo else _anchors(text, memo, base)  # None: not found exactly
    if at is not None:  # (a month or a year: always found)
        got = []
        end = 0
        for a in anchors:
            if a < end:
                continue
            m = rx.match(text, a)
            if m:
                got.append(m)
                end = m.end()
        memo[i] = got
        return got
    wins = _windows(text, memo, spec, anchors) if anchors is not None else None
    if wins is not None:
        got = []
        for lo, hi in wins:
            got.extend(rx.finditer(text, lo, hi))
    else:
        ok = screened.get(needs)
        if ok is None:
            ok = screened[needs] = needs.search(text) is not None
        got = list(rx.finditer(text)) if ok else []
    memo[i] = got
    return got


def _candidates(text: str, reference: date | None, memo: dict | None = None,
                only: list[int] | None = None) -> Iterator[DateMention]:
    memo = {} if memo is None else memo
    screened = memo.setdefault("screened", {})
    for i in (only if only is not None else _ALL_IDX):
        fn, ref_only = _PAT_INFO[i][1], _PAT_INFO[i][5]
        if ref_only and reference is None:
            continue  # its handler returns None without a reference
        base = _PAT_BASE[i]
        an = memo[base] if base in memo else _anchors(text, memo, base)
        if an is not None and not an:
            continue  # no anchor, no match
        for m in _raw(text, i, memo, screened):
            res = fn(m, reference)
            if res is None:
                continue
            a, b, prec, rel = res
            s, e = m.span()
            # trim trailing spaces the optional groups may have left
            while e > s and text[e - 1].isspace():
                e -= 1
            if prec == "day" and fn in _WITH_WEEKDAY:
                w = _WD_BEFORE.search(text, max(0, s - 12), s)
                if w:
                    s = w.start()  # "Monday, March 18, 2024" is one expression
            yield DateMention(s, e, text[s:e], a, b, prec, rel)


def find_dates(text: str, reference: date | None, _memo: dict | None = None) -> list[DateMention]:
    """Every date expression in `text`, left to right, non-overlapping (longest wins).

    Relative expressions are resolved against `reference` (the publication date) and are
    skipped when it is None."""
    if isinstance(reference, datetime):
        reference = reference.date()  # date/datetime comparisons would raise
    cands = sorted(_candidates(text, reference, _memo), key=lambda d: (-(d.end - d.start), d.start))
    taken: list[DateMention] = []
    for c in cands:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    out = []
    for c in sorted(taken, key=lambda d: d.start):
        q = _QUAL.search(text, max(0, c.start - 20), c.start)
        qual = None
        if q:
            qual = q.group(1).lower()
            qual = "as of" if qual == "as at" else qual
        elif c.text.lower().startswith(("since ", "by ", "until ", "before ", "after ", "from ")):
            qual = c.text.split()[0].lower()
            if qual == "from" and c.precision == "range":
                qual = None
        if qual:
            c = DateMention(c.start, c.end, c.text, c.date_start, c.date_end, c.precision,
                            c.relative, qual)
        elif c.precision == "day" and c.date_start and _NIGHT_INTO.search(text, max(0, c.start - 24), c.start):
            # "overnight into 1 April": the night began the day before
            c = DateMention(c.start, c.end, c.text, c.date_start - timedelta(days=1), c.date_end, "range",
                            c.relative, None)
        out.append(c)
    return out


_NIGHT_INTO = re.compile(r"\b(?:overnight|night)\s+(?:in)?to\s+(?:the\s+)?\Z", re.I)


_RFC = re.compile(r"^(?:[A-Za-z]{3},\s*)?(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3,9})\.?\s+(?P<y>\d{4})")
_ISO_LIKE = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:$|[T\s])")
_DMY_NUM = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})$")
_MDY_TXT = re.compile(r"^(?:[A-Za-z]+,?\s+)?(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})")
_DMY_TXT = re.compile(r"^(?:[A-Za-z]+,?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})")


def parse_date_value(value: str | date | None) -> date | None:
    """A date from a metadata string; None when absent, invalid or ambiguous.

    Accepts ISO dates and datetimes (the date as written: "2024-03-20T23:30:00-05:00" is
    2024-03-20, no time-zone shift), "March 20, 2024", "20 March 2024", RFC 2822
    ("Wed, 20 Mar 2024 10:00:00 GMT"), "2024/03/20", and "20/03/2024" or "20.03.2024" only when
    the day is above 12 (or both numbers are equal): "03/04/2024" is ambiguous and returns None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    v = str(value).strip()
    if not v:
        return None
    m = _ISO_LIKE.match(v)
    if m:
        return _safe(int(m["y"]), int(m["m"]), int(m["d"]))
    for rx in (_MDY_TXT, _DMY_TXT, _RFC):
        m = rx.match(v)
        if m and m["m"].lower().rstrip(".") in _MONTHS:
            return _safe(int(m["y"]), _MONTHS[m["m"].lower().rstrip(".")], int(m["d"]))
    m = _DMY_NUM.match(v)
    if m:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 and b <= 12:
            return _safe(y, b, a)
        if b > 12 and a <= 12:
            return _safe(y, a, b)  # US order, unambiguous
        if a == b:
            return _safe(y, a, b)
        return None
    return None


_STATED = re.compile(
    r"\A\s*(?:(?P<kw>date[d]?|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated)\s*[:\-–—]?\s*)?"
    r"(?:(?P<place>(?-i:[A-Z][A-Z .'’-]{1,40})(?:\s*\([A-Za-z ]+\))?),\s*)?"  # datelines shout
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?|"
    rf"(?:{_WD},?\s+)?(?:{_M})\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    rf"(?:{_WD},?\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:{_M}),?\s+(?:19|20)\d\d)", re.I)
_STATED_LINE = re.compile(
    r"^[ \t]*(?P<kw>date[d]?|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated)\s*[:\-–—]?\s*"
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d|"
    rf"(?:{_WD},?\s+)?(?:{_M})\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    rf"(?:{_WD},?\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:{_M}),?\s+(?:19|20)\d\d)", re.I | re.M)


def stated_publication_date(text: str) -> tuple[date, int, int] | None:
    """A publication date the text states at its very start: "date 2024-03-20 ...",
    "Published: March 20, 2024", "YANGON, March 20, 2024 —", or a line "Updated 8 March 2021"
    within the first 400 characters. Returns (date, start, end) where text[start:end] is the
    dateline including its keyword ("Published: March 20, 2024")."""
    m = _STATED.match(text)
    if m and (m["kw"] or m["place"] is not None or m.start("date") < 5):
        d = parse_date_value(m["date"])
        if d:
            s = m.start("kw") if m["kw"] else m.start("place") if m["place"] else m.start("date")
            return d, s, m.end("date")
    m = _STATED_LINE.search(text, 0, min(len(text), 400))
    if m:
        d = parse_date_value(m["date"])
        if d:
            return d, m.start("kw"), m.end("date")
    return None


def estimate_reference_date(text: str) -> date | None:
    """A stand-in publication date for a text that has none: the latest point the text's
    absolute dates establish (a full date; else the start of the latest month or year named),
    moved forward to any yearless day date ("On January 4") that falls after it, which is
    resolved as the first such day on or after that point. None when the text names no date.

    Example: "November 2022", "in 2023" and "On January 4" give 2023-01-04."""
    memo: dict = {}  # the pattern matches, shared by both passes
    if not _anchors(text, memo, "y"):
        return None  # without a reference, every pattern that gives a date needs a year in it
    found = [d for d in find_dates(text, None, memo) if d.qualifier not in ("by", "until", "before")]
    # "since February 2021" only bounds the date from below: use such anchors when nothing
    # else is stated.
    absolute = [d for d in found if d.qualifier != "since"] or found
    if not absolute:
        return None
    days = [d.date_start for d in absolute if d.precision == "day"]
    est = max(days) if days else max(d.date_start for d in absolute)
    # Yearless day dates ("On January 4"): resolve forward from the estimate. Only "January 4"
    # and "4 January" patterns give them: the second pass's mentions that can move the estimate
    # are among those patterns' candidates (some lose to longer dates). When no candidate would
    # move it, nothing in the second pass can, as the estimate then never changes.
    probe_ref = est + timedelta(days=366)
    if all(_forward(d, est) == est for d in _candidates(text, probe_ref, memo, _MD_IDX)):
        return est
    for d in find_dates(text, probe_ref, memo):
        est = _forward(d, est)
    return est


def _forward(d: DateMention, est: date) -> date:
    """The estimate moved forward to a yearless day date d ("On January 4") up to 62 days after it."""
    if d.relative and d.precision == "day" and re.search(_M, d.text):
        m = _RX_1.search(d.text)
        if not m:
            return est
        mo = _month(m["m"] or m["m2"])
        dd = int(m["d"] or m["d2"])
        for y in (est.year, est.year + 1):
            cand = _safe(y, mo, dd)
            if cand and cand >= est - timedelta(days=2):
                if (cand - est).days <= 62:
                    est = max(est, cand)
                break
    return est


# Patterns of inline re calls, compiled once at import (hoisted from the functions above).
_RX_0 = re.compile(r"[-–—]")
_ON_BEFORE = re.compile(r"\bon\s+\Z", re.I)
_RX_1 = re.compile(rf"(?P<m>{_M})\s+(?P<d>[0-3]?\d)|(?P<d2>[0-3]?\d)\s+(?:of\s+)?(?P<m2>{_M})")
_RX_2 = re.compile(r"\d+")

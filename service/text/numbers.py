"""Number expressions as reporters write them, with UCDP-style uncertainty.

`find_numbers(text, start, end)` returns every number expression in `text[start:end]` as a
`NumberMention` carrying the span of the whole expression (qualifier included), the span of
the numeral itself, a best value and low/high bounds:

    "more than 90"        value 90, low 91, qualifier "more than"
    "at least 40"         value 40, low 40, qualifier "at least"
    "around 2,730"        value 2730, qualifier "about"   ("some", "approximately", "roughly")
    "nearly 50"           value 50, qualifier "nearly"    ("almost", "close to")
    "up to 100"           value 100, high 100, qualifier "up to" ("as many as")
    "between 20 and 30"   value 25, low 20, high 30, qualifier "between" ("20 to 30", "20-30")
    "1.1 million"         value 1100000          "1.4M", "3.1m", "twenty-three", "a hundred"
    "2 lakh"              value 200000           (South Asian English; "crore" is ten million)
    "1.1 to 1.3 million"  low 1100000, high 1300000 (the first numeral takes the second's scale)
    "forty-odd"           value 40, low 40, qualifier "at least" ("200-plus": low 201, "more than")
    "dozens"              vague, value 12 (ACLED's conservative reading); "hundreds" 100 ...

Dates, clock times, ordinals, money, percentages, magnitudes and unit numbers ("No. 5",
"MATD-3") are recognised and skipped (kind != "count"), so callers never see them as counts.
Standard library (and the ISO 4217 codes pycountry ships); every regex is compiled once at import.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from service.text.fastre import trie_alternation

__all__ = ["NumberMention", "find_numbers", "parse_number", "MONTHS"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# (lakh and crore: South Asian English, "2 lakh people" is 200,000)
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "mln": 1_000_000,
           "billion": 1_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1000,
           "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

# Prefix-factored (service.text.fastre): the same strings and, as the flat lists sorted longest
# first did, the longest of two words sharing a prefix tried first.
_UNIT_W = trie_alternation(_UNITS)
_TENS_W = trie_alternation(_TENS)
# A spelled number: "seven", "twenty-three", "a hundred", "one hundred and twenty", "two thousand"
_WORDNUM = (
    rf"(?:(?:{_TENS_W})(?:[-\s](?:{_UNIT_W}))?|(?:{_UNIT_W})|a)"
    rf"(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:(?:{_TENS_W})(?:[-\s](?:{_UNIT_W}))?|(?:{_UNIT_W})))?)*"
)
# (thousands grouped by spaces, as UN and francophone sources write them: "350 000", "1 204")
# (a decimal comma before a scale word first: "2,5 million" is 2.5 million, not 2 and 5 million)
_DIGITNUM = r"\d{1,3},\d{1,2}(?=\s*(?:million|mln|billion|bn)\b)|\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?"
_SCALE_SFX = r"(?:\s*(?:million|mln|billion|thousand|hundred|lakhs?|crores?)\b|(?<=\d)(?:m|M|k|K|bn)\b)"
_NUM = rf"(?:\((?:{_DIGITNUM})\)|(?:{_DIGITNUM}){_SCALE_SFX}?|\b(?:{_WORDNUM})\b(?:\s*(?:million|thousand|lakhs?|crores?)\b)?)"

_QUALS = {
    "more than": "more than", "over": "more than", "in excess of": "more than",
    "upwards of": "more than", "exceeding": "more than", "exceeded": "more than",
    "exceeds": "more than", "just over": "more than", "well over": "more than",
    "passed": "more than", "surpassed": "more than", "topped": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "not less than": "at least", "a minimum of": "at least",
    "about": "about", "around": "about", "approximately": "about", "approx.": "about",
    "roughly": "about", "some": "about", "an estimated": None, "estimated": None,
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "up to": "up to", "as many as": "up to", "fewer than": "up to", "less than": "up to",
    "at most": "up to", "no more than": "up to", "not more than": "up to", "a maximum of": "up to",
}
_QUAL_RE = trie_alternation(_QUALS, space=r"\s+")

_VAGUE = [
    (r"hundreds\s+of\s+thousands", 100_000), (r"tens\s+of\s+thousands", 10_000),
    (r"(?:several|a\s+few|many)\s+hundred(?:s)?", 100), (r"(?:several|a\s+few|many)\s+thousand(?:s)?", 1000),
    (r"(?:several|a\s+few|many)\s+dozen(?:s)?", 12), (r"dozens", 12), (r"(?:about\s+|around\s+)?a\s+dozen", 12),
    (r"(?:half\s+a|two|three|four|five|six|seven|eight|nine|ten|[1-9]\d?)\s+dozen", 12),
    (r"scores", 20), (r"hundreds", 100), (r"thousands", 1000), (r"millions", 1_000_000),
    (r"lakhs", 100_000), (r"crores", 10_000_000),
]
_A_DOZEN_GROUP = "v%d" % next(i for i, (p, _) in enumerate(_VAGUE) if p.endswith(r"a\s+dozen"))
_N_DOZEN_GROUP = "v%d" % next(i for i, (p, _) in enumerate(_VAGUE) if p.endswith(r"d?)\s+dozen"))
_QUAL_BEFORE = re.compile(rf"\b({_QUAL_RE})\s+$", re.I)
_VAGUE_SRC = r"\b(?:" + "|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(_VAGUE)) + r")\b"
_VAGUE_RE = re.compile(_VAGUE_SRC, re.I)
_VAGUE_RE_LC = re.compile(_VAGUE_SRC)  # on lower-cased text: much faster than re.I

_RANGE_SRC = (
    rf"(?:(?P<q>\b(?:{_QUAL_RE}))\s+)?(?P<between>\bbetween\s+|\bfrom\s+)?(?P<a>{_NUM})"
    rf"(?:(?P<sep>\s*(?:-|–|—|to|and|or)\s*)(?P<b>{_NUM}))?"
)
_RANGE_RE = re.compile(_RANGE_SRC, re.I)
# The words a _RANGE_SRC match can start with (lower case): a qualifier's first word,
# "between"/"from", a number word, "a".
_FIRST_WORD = re.compile(r"\b" + trie_alternation(
    {q.split()[0].rstrip(".") for q in _QUALS} | {"between", "from", "a"} | set(_UNITS) | set(_TENS)) + r"\b")
_RANGE_RE_LC = re.compile(_RANGE_SRC.replace("|m|M|k|K|bn)", "|m|k|bn)"))
_PLUS = re.compile(r"(?:-|\s)?plus\b|\+(?!\d)", re.I)
_ODD = re.compile(r"[-\s]odd\b", re.I)  # "forty-odd", "200 odd": the number and some more
_FRACTIONS = {"half": 0.5, "quarter of": 0.25, "a quarter of": 0.25, "third of": 1 / 3, "a third of": 1 / 3,
              "three quarters of": 0.75, "two thirds of": 2 / 3}
_FRACTION_BEFORE = re.compile(r"\b(?P<f>half|(?:a\s+)?quarter\s+of|(?:a\s+)?third\s+of|three[\s-]quarters\s+of|"
                              r"two[\s-]thirds\s+of)\s+$", re.I)
_USE_ANCHORS = True
# Word lists as prefix-factored alternations (service.text.fastre): the same matches, faster. At a
# given start at most one alternative is followed by a word boundary, so the spans are the same.
_ANCHOR = re.compile(r"\(?\d|\b(?:" + trie_alternation([*_UNITS, *_TENS, "hundred", "thousand"])
                     + r"|a\s+(?:hundred|thousand|million))\b")
_HINT = re.compile(r"[0-9]|\b" + trie_alternation(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred thousand million dozen "
    "dozens scores hundreds thousands millions lakh lakhs crore crores".split()) + r"\b")

_DIGIT_HINT = re.compile(r"[0-9]")
_WORD_HINT = re.compile(_HINT.pattern[len("[0-9]|"):])
_MONTH_BEFORE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]*$|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?[ \t]*$", re.I)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
# (a word boundary after "am"/"pm": not "2 AMISOM soldiers", "1 PMF fighter", "3 Americans")
_TIME_AFTER = re.compile(r"^\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|hours?\s+local|local\s+time|GMT|UTC)|^:\d\d", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s*cent|percent|pc\b|percentage)", re.I)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥]|US\$|USD\s?|Rs\.?\s?|MMK\s?)$")
_MONEY_AFTER = re.compile(r"^\s*(?:dollars|kyats?|euros?|pounds|USD|baht|rupees|yuan)\b", re.I)
_UNITNO_BEFORE = re.compile(
    r"(?:\bNo\.?\s*|\bNumber\s+|\bBrigade\s+|\bBattalion\s+|\bDivision\s+|\bSection\s+|\bArticle\s+|"
    r"\bChapter\s+|\bUpdate\s+|\bRegiment\s+|\bCommand\s+|\bUnit\s+|\bColumn\s+|\bCamp\s+|\bRoute\s+|"
    r"\bHighway\s+|\bOperation\s+|\bLIB\s*|\bIB\s*|\bLID\s*|\bMOC\s*|\bRoom\s+|\bPage\s+|\bphase\s+|"
    r"\bround\s+|\bWard\s+|\bGrade\s+|\byear\s+|\bpara(?:graph)?\s+|[A-Za-z]-|\bCOVID-|"
    # (addresses: "Hutae Kolae, Moo 3" is a Thai village's number; "Sector 4", "Block 7", "Km 45")
    r"\bMoo\s+|\bSector\s+|\bZone\s+|\bBlock\s+|\bKm\.?\s*|\bKilomet(?:er|re)\s+)$",
    re.I,
)
_MAGNITUDE_AFTER = re.compile(r"^\s*(?:-\s*)?(?:magnitude|on the Richter)", re.I)


@dataclass(slots=True)
class NumberMention:
    start: int            # whole expression, qualifier included
    end: int
    text: str
    value: int
    low: int | None
    high: int | None
    qualifier: str | None
    vague: bool
    num_start: int        # the numeral(s) only
    num_end: int
    kind: str = "count"   # count | year | date | time | ordinal | money | percent | unit_no | decimal
    spelled: bool = False  # written in words ("seven")
    parenthesized: bool = False


_MATCH_START = re.Match.start
_WORD_SPLIT = re.compile(r"[\s-]+")
_PARSE_DIGITS = re.compile(rf"({_DIGITNUM})\s*(million|mln|billion|thousand|hundred|lakhs?|crores?|m|M|k|K|bn)?")
_PARSE_WORDS_SCALE = re.compile(r"(.+?)\s+(million|thousand|lakhs?|crores?)", re.I)


def _word_value(s: str) -> int | None:
    words = _WORD_SPLIT.split(s.lower().strip())
    total = 0
    current = 0
    seen = False
    for w in words:
        if not w or w == "and":
            continue
        if w == "a":
            current = max(current, 1)
            seen = True
        elif w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in ("thousand", "million", "billion", "lakh", "lakhs", "crore", "crores"):
            total += max(current, 1) * _SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


_PARSED: dict[str, int | None] = {}  # parse_number per numeral as written; cleared when large


def parse_number(s: str) -> int | None:
    """The integer value of one numeral as written ("1,234", "(17)", "1.1 million", "seven")."""
    try:
        return _PARSED[s]
    except (KeyError, TypeError):
        pass
    v = _parse_number(s)
    if isinstance(s, str):
        if len(_PARSED) > 50_000:
            _PARSED.clear()
        _PARSED[s] = v
    return v


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def _parse_number(s: str) -> int | None:
    s = s.strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1]
    m = _PARSE_DIGITS.fullmatch(s)
    if m:
        digits = m.group(1)
        scale = (m.group(2) or "").lower()
        if _DECIMAL_COMMA.fullmatch(digits) and scale in ("million", "mln", "billion", "bn"):
            digits = digits.replace(",", ".")
        digits = digits.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        try:
            f = float(digits)
        except ValueError:
            return None
        if scale:
            f *= _SCALES.get(scale, 1)
        if f > 10**12:
            return None
        return int(round(f))
    m = _PARSE_WORDS_SCALE.fullmatch(s)
    if m and _word_value(m.group(1)) is not None:
        return _word_value(m.group(1)) * _SCALES[m.group(2).lower()]
    return _word_value(s)


_AFTER_RE = re.compile(
    r"(?P<money>\s*(?:dollars|kyats?|euros?|pounds|usd|baht|rupees|yuan)\b)"
    r"|(?P<percent>\s*(?:%|per\s*cent|percent|pc\b|percentage)|\s*(?:-\s*)?(?:magnitude|on the richter))"
    r"|(?P<ordinal>(?:st|nd|rd|th)\b)"
    # a fraction's numerator: "two-thirds of the state's population", "three fifths"
    r"|(?P<fraction>\s*-?\s*(?:halves|thirds|quarters|fifths|sixths|sevenths|eighths|ninths|tenths)\b)"
    r"|(?P<time>\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|hours?\s+local|local\s+time|gmt|utc)|:\d\d)"
    rf"|(?P<date>\s*(?:of\s+)?(?:{MONTHS.lower()})\b|(?:-\d\d?-\d\d?|/\d))"
    # the first day of a range: "between 1 and 15 march", "1-6 may", "5 to 7 june"
    rf"|(?P<dayrange>\s*(?:-|–|—|to|and|until|till|through)\s*(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS.lower()})\b)",
)
_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_MONTH_ABBR = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_UNIT_WORDS = frozenset("no no. number brigade battalion division section article chapter update regiment command unit "
                        "column camp route highway operation lib ib lid moc room page phase round ward grade year para "
                        "paragraph resolution resolutions flight sector zone block street gate decree ordinance "
                        "protocol item plot stage category session moo km kilometer kilometre".split())
# a list of labels goes on: "in Camps 8E and 10", "Wards 3, 4 and 7"
_LABEL_LIST_BEFORE = re.compile(r"\b(?:[Cc]amps|[Ww]ards|[Bb]locks|[Ss]ectors|[Zz]ones|[Rr]outes|[Pp]hases|[Rr]ooms)\s+"
                                r"(?:\w{1,4}(?:\s*,\s*\w{1,4})*\s*(?:,|and|&)\s*)?$")
_PEOPLE_AFTER = re.compile(r"\s+(?:people|persons|civilians|refugees|idps|others|soldiers|troops)\b")
_MORE_AFTER = re.compile(r"\s+(?:more|other|villagers|residents|children|women|men|fighters)\b")
_DECIMAL = re.compile(r"[\d,]*\.\d+")
_SCALE_AFTER = re.compile(r"\s*(?:million|mln|billion|thousand|lakhs?|crores?|m|k|bn)\b")
_ISO_BEFORE = re.compile(r"\d{4}-\d?\d?-?$")
# "one of the largest", "one day": no count; "one of them", "one of the injured" is one person
_ONE_NOT_COUNT = re.compile(r"\s+(?:of(?!\s+(?:them|those|whom|the\s+(?:injured|wounded|victims|hostages|abducted|abductees|"
                            r"kidnapped|detainees|detained|arrested|dead|deceased|survivors|missing)))\b|"
                            r"another|day|side|way|hand|time|thing)\b", re.I)
# verbs whose particle is "over" ("handed over 13 hostages"): no "more than" after them
_PARTICLE_VERB = re.compile(r"\b(?:hand|hands|handed|handing|turn|turns|turned|turning|took|take|takes|taking|taken|"
                            r"pass|passes|passed|passing|sign|signs|signed|signing)\s+$", re.I)
_A_SCALE = re.compile(r"a\s+(?:hundred|thousand|million)")
_SPACES = re.compile(r"\s+")
_SCALE_WORD = re.compile(r"million|thousand|lakh|crore|[mk]\b", re.I)
_SCALE_WORD2 = re.compile(r"million|thousand|lakh|crore", re.I)
_SCALE_NAME = {"m": "million", "k": "thousand"}
# Every vague expression contains one of these (in lower case): a cheap test before its regex. A
# search for the literal alternation finds a match in a span exactly when one of the words occurs
# in it, and each alternative starts with a literal, so the engine scans for their first letters.
_VAGUE_HINT = re.compile("hundred|thousand|dozen|scores|millions|lakhs|crores")


@cache
def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes (pycountry's data, shipped in its wheel)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


# a month and its day, then the word that closes a range of days: "September 1 and ", "April 8 to "
_DAY_THEN = re.compile(rf"\b(?:{MONTHS})\.?\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:and|to|until|till|through|-|–|—)\s*\Z")


def _classify(text: str, a_start: int, a_end: int, raw: str, low: str | None = None) -> str:
    """count | money | percent | fraction | ordinal | time | date | year | unit_no | decimal, from the neighbours.

    `low` is text.lower() of the same length, if the caller has it."""
    # The 24 characters after the numeral, in lower case. The three patterns matched on them look
    # neither before their start (no lookbehind, no leading \b) nor past `endpos`, so matching
    # inside `low` between a_end and a_end + 24 is matching its slice, without making the slice.
    # (A slice of `low` and the lowered slice of text differ at most in σ/ς, as the final sigma is
    # the only context-dependent lower case; both are \w, so these patterns read them alike.)
    if low is None:
        after = text[a_end:a_end + 24].lower()
        ap, ae = 0, len(after)
    else:
        after, ap, ae = low, a_end, a_end + 24
    m = _AFTER_RE.match(after, ap, ae)
    if m:
        kind = m.lastgroup
        if kind == "dayrange":
            if raw.isdigit() and 1 <= int(raw) <= 31:
                return "date"
        else:
            return "percent" if kind == "percent" else kind
    before = text[max(0, a_start - 24):a_start]
    b = before.rstrip()
    if b.endswith(("$", "€", "£", "¥", "USD", "MMK", "Rs", "Rs.")) or (before and before[-1] in "$€£¥") \
            or (len(b) >= 3 and b[-3:].isupper() and (len(b) == 3 or not b[-4].isalnum()) and b[-3:] in _currency_codes()):
        return "money"  # ("compensation of INR 10 million", "SDG 500")
    last = b.rsplit(None, 1)[-1].lower() if b else ""
    spaced = before[-1:].isspace() if before else False
    if spaced and (last in _MONTH_WORDS or (last.endswith(".") and last[:-1] in _MONTH_ABBR)) and "\n" not in before[len(b):] \
            and not (raw.replace(",", "").isdigit() and len(raw) != 4 and int(raw.replace(",", "")) > 31):
        return "date"  # (not "between 5 and 7 June 200 died": no day or year is 200)
    if spaced and raw.isdigit() and 1 <= int(raw) <= 31 and _DAY_THEN.search(before) \
            and not _PEOPLE_AFTER.match(after, ap, ae) and not _MORE_AFTER.match(after, ap, ae):
        return "date"  # the second day of "between September 1 and 7", "on April 8-12"
    core = raw.strip("()")
    if core.isdigit():
        if len(core) == 4 and 1900 <= int(core) <= 2100 and not raw.startswith("("):
            if not _PEOPLE_AFTER.match(after, ap, ae):
                return "year"
        if b.endswith("/") or ("-" in before and _ISO_BEFORE.search(before)):
            return "date"
    # ("Camp 5", "Bn. 5"; but "... the IDP camp. 300 families fled": a full word closing a sentence)
    label = last in _UNIT_WORDS or (last.rstrip(".") in _UNIT_WORDS and len(last.rstrip(".")) < 4) \
        or (_LABEL_LIST_BEFORE.search(before) is not None and len(core) <= 3
            and not _PEOPLE_AFTER.match(after, ap, ae) and not _MORE_AFTER.match(after, ap, ae))  # ("Camps 8E and 10")
    if (spaced and label) or (before.endswith("-") and before[-2:-1].isalpha()) \
            or (before[-1:].isalpha() and raw[:1].isdigit()) \
            or (not spaced and last in ("no.", "no")) or before.endswith("COVID-"):
        return "unit_no"
    if "." in core and _DECIMAL.fullmatch(core) and not _SCALE_AFTER.match(after, ap, ae):
        return "decimal"
    return "count"


_CHANGE_BEFORE = re.compile(r"\b(?:rose|risen|rises|rising|increased|increases|climbed|climbs|jumped|grew|grown|"
                            r"surged|soared|went\s+up|gone\s+up|goes\s+up|fell|fallen|dropped|decreased|declined|"
                            r"revised|raised|lowered|upped|up|down)\s+(?:\w+\s+)?\Z", re.I)


def find_numbers(text: str, start: int = 0, end: int | None = None, lower: str | None = None) -> list[NumberMention]:
    """Every number expression in text[start:end], left to right, non-overlapping.

    `lower` may pass text.lower() computed once by a caller that scans many spans of one text."""
    if end is None:
        end = len(text)
    out: list[NumberMention] = []
    # Spans of the vague mentions: a numeral inside one is not read again. (A numeral found by the
    # scan below starts at or after `pos`, which is past the end of every mention the scan made.)
    taken: list[tuple[int, int]] = []
    low = lower if lower is not None and len(lower) == len(text) else text.lower()
    if len(low) == len(text):
        hay, vague_re, range_re = low, _VAGUE_RE_LC, _RANGE_RE_LC
        if not (_DIGIT_HINT.search(low, start, end) or _WORD_HINT.search(low, start, end)):
            return out  # _HINT, in two cheaper parts
    else:  # a character whose lower case has another length: search the original, case-insensitively
        hay, vague_re, range_re = text, _VAGUE_RE, _RANGE_RE
    if hay is low:
        vague_iter = vague_re.finditer(hay, start, end) if _VAGUE_HINT.search(low, start, end) else ()
    else:
        vague_iter = vague_re.finditer(hay, start, end)
    for m in vague_iter:
        # exactly one group v<i> matched and it has no capturing group inside: the last group
        value = _VAGUE[int(m.lastgroup[1:])][1]
        mt = text[m.start():m.end()]
        if m.group(_A_DOZEN_GROUP) or m.group(_N_DOZEN_GROUP):
            # "a dozen" is twelve, not a vague amount; "about a dozen" is about twelve, "more than a
            # dozen" more than twelve; "two dozen" is 24, "half a dozen" six
            if m.group(_N_DOZEN_GROUP):
                n_raw = _SPACES.sub(" ", mt.lower().rsplit(" ", 1)[0].strip())
                value = 6 if n_raw == "half a" else 12 * parse_number(n_raw)
            q = "about" if mt[:1] in "aA" and not mt.lower().startswith("a ") else None
            st, lo_, hi_ = m.start(), None, None
            if q is None:
                qm = _QUAL_BEFORE.search(text, max(start, st - 24), st)
                if qm:
                    q_raw = _SPACES.sub(" ", qm.group(1).lower())
                    q = _QUALS.get(q_raw)
                    st = qm.start(1)
                    if q == "more than":
                        lo_ = value + 1
                    elif q == "at least":
                        lo_ = value
                    elif q == "up to":
                        hi_ = value if q_raw not in ("fewer than", "less than") else value - 1
            out.append(NumberMention(st, m.end(), text[st:m.end()], value, lo_, hi_, q, False, m.start(), m.end(),
                                     spelled=True))
        else:
            out.append(NumberMention(m.start(), m.end(), mt, value, value, None, None, True, m.start(), m.end()))
        taken.append((out[-1].start, m.end()))
    pos = start
    anchors = list(map(_MATCH_START, _ANCHOR.finditer(hay, start, end))) if (hay is low and _USE_ANCHORS) else None
    ai = 0
    while pos < end:
        if anchors is not None:
            # jump to the next numeral; the qualifier search starts a little before it
            ai = bisect_left(anchors, pos, ai)
            if ai >= len(anchors):
                break
            anc = anchors[ai]
            # range_re.search(hay, max(pos, anc - 40), end), tried only where a match can start:
            # before the numeral only a qualifier, "between"/"from" or a bare "a" can (a digit or a
            # number word there would be an earlier anchor)
            m = None
            for c in _FIRST_WORD.finditer(hay, max(pos, anc - 40), anc):
                m = range_re.match(hay, c.start(), end)
                if m is not None:
                    break
            if m is None:
                m = range_re.search(hay, anc, end)
        else:
            m = range_re.search(hay, pos, end)
        if m is None:
            break
        a_s, a_e = m.span("a")
        pos = a_e if a_e > pos else pos + 1
        if taken and any(s <= a_s < e for s, e in taken):
            continue
        raw_a = m.group("a")
        low_word = raw_a.lower()
        if low_word == "a":
            continue  # the article alone
        if low_word in ("one",) and _ONE_NOT_COUNT.match(text[a_e:a_e + 40]):
            continue
        if low_word.startswith("a ") and not _A_SCALE.match(low_word):
            continue
        kind = _classify(text, a_s, a_e, raw_a, hay if hay is low else None)
        va = parse_number(raw_a)
        if va is None:
            continue
        q_raw = (m.group("q") or "").lower()
        q_raw = _SPACES.sub(" ", q_raw)
        qualifier = _QUALS.get(q_raw) if q_raw else None
        between = bool(m.group("between"))
        b = m.group("b")
        vb = parse_number(b) if b else None
        sep = (m.group("sep") or "").strip().lower()
        if kind == "decimal" and vb is not None and _SCALE_WORD.search(b):
            kind = "count"  # "1.1 to 1.3 million": the first shares the second's scale
        elif kind == "count" and vb is not None and sep in ("-", "–", "—", "to", "or") \
                and _classify(text, m.start("b"), m.end("b"), b, hay if hay is low else None) == "percent":
            kind = "percent"  # ... and its unit: "12 to 13 percent of them"
        e_s, e_e = m.span()
        if q_raw == "over" and _PARTICLE_VERB.search(hay, max(start, m.start("q") - 12), m.start("q")):
            qualifier = None  # the particle of a verb: "Hamas handed over 13 hostages", "turned over 40"
            e_s = a_s
        elif m.group("q") is None and m.group("between") is None:
            e_s = a_s
        spelled = not raw_a.strip("()")[0].isdigit()
        paren = raw_a.startswith("(")
        is_range = (
            vb is not None and va is not None and vb > va
            and (sep in ("-", "–", "—", "to", "or") or (sep == "and" and between))
            and _classify(text, m.start("b"), m.end("b"), b, hay if hay is low else None) == kind
            # (a change is no range: "the toll rose from 31 to 36" was 31 and is 36)
            and not (between and sep == "to" and _CHANGE_BEFORE.search(hay, max(start, m.start("between") - 30),
                                                                        m.start("between")))
        )
        if is_range:
            # "1.1 to 1.3 million": scale the first by the second's scale.
            sw = _SCALE_WORD.search(b) if va * 100 < vb else None
            if sw is not None and not _SCALE_WORD2.search(raw_a):
                word = sw.group().lower()
                va = parse_number(raw_a + " " + _SCALE_NAME.get(word, word)) or va
            n_e = m.end("b")
            pos = max(pos, n_e)
            mention = NumberMention(e_s, n_e, text[e_s:n_e], (va + vb) // 2, va, vb, "between", False,
                                    a_s, n_e, kind, spelled, paren)
        else:
            if between:
                # "between" without a second number: no qualifier
                e_s = a_s
                qualifier = None
                if m.group("q"):
                    e_s = m.start("q")
                    qualifier = _QUALS.get(q_raw)
            elif m.group("q") is None and low_word.startswith("a "):
                # "half a million", "a quarter of a million": a fraction of "a <scale>"
                fm = _FRACTION_BEFORE.search(hay, max(start, a_s - 40), a_s)
                if fm is not None:
                    va = round(va * _FRACTIONS[_SPACES.sub(" ", fm.group("f").lower().replace("-", " "))])
                    e_s = fm.start()
                    qm = _QUAL_BEFORE.search(hay, max(start, e_s - 30), e_s)
                    if qm is not None:
                        q_raw = _SPACES.sub(" ", qm.group(1).lower())
                        qualifier, e_s = _QUALS.get(q_raw), qm.start(1)
                    while out and out[-1].start >= e_s:
                        out.pop()  # a numeral inside the fraction ("three" in "three-quarters of a million")
            lo_v = hi_v = None
            if qualifier == "more than":
                lo_v = va + 1
            elif qualifier == "at least":
                lo_v = va
            elif qualifier == "up to":
                hi_v = va
                if q_raw in ("fewer than", "less than"):
                    hi_v = max(va - 1, 0)
            n_e = a_e
            if qualifier is None and kind == "count":
                plus = _PLUS.match(hay, a_e)  # "200-plus", "200 plus", "200+"
                if plus:
                    qualifier, lo_v, n_e = "more than", va + 1, plus.end()
                    pos = max(pos, n_e)
                elif hay.startswith("odd", a_e + 1):
                    odd = _ODD.match(hay, a_e)
                    if odd:
                        qualifier, lo_v, n_e = "at least", va, odd.end()
                        pos = max(pos, n_e)
            mention = NumberMention(e_s, n_e, text[e_s:n_e], va, lo_v, hi_v, qualifier, False,
                                    a_s, a_e, kind, spelled, paren)
        out.append(mention)
    if not taken:
        # Only the scan's mentions: each starts past the end of the one before, so they are
        # already in order and do not overlap.
        return out
    out.sort(key=lambda n: (n.start, n.end))
    # drop overlaps (vague and exact found separately): keep the first, longest
    result: list[NumberMention] = []
    for n in out:
        if result and n.start < result[-1].end:
            if n.end - n.start > result[-1].end - result[-1].start and not result[-1].vague:
                result[-1] = n
            continue
        result.append(n)
    return result

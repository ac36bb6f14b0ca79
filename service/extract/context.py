"""The context of a figure: where, when, who says so, and whether it is a running total.

An `ArticleContext` is built once per article and answers, per sentence, lazily and cached:
places named (gazetteer), attributions ("according to X", "X said"), dates, and the article's
defaults (dominant country, the monitor that publishes it). Sentences without their own place
inherit the nearest earlier place in the paragraph, then in the two paragraphs before, then
the article's dominant country; national running totals take the country.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from service.extract import lexicon as L
from service.text.fastre import odd_case, trie_alternation

try:  # the gazetteer and date modules are written in parallel; degrade gracefully
    from service.places.gazetteer import gazetteer as _gazetteer
except Exception:  # pragma: no cover - depends on the checkout state
    _gazetteer = None
try:
    from service.places.gazetteer import country_of_text as _country_of_text
except Exception:  # pragma: no cover
    _country_of_text = None
try:
    from service.text import dates as _dates
except Exception:  # pragma: no cover
    _dates = None


@dataclass(slots=True)
class PlaceRef:
    start: int
    end: int
    text: str
    country: str | None = None
    admin1: str | None = None
    admin1_pcode: str | None = None
    code: str | None = None
    level: str | None = None
    lat: float | None = None
    lon: float | None = None
    name: str | None = None


# ---------------------------------------------------------------- places (fallback finder)
_COUNTRY_NAMES: dict[str, str] = {}


def _country_table() -> dict[str, str]:
    if _COUNTRY_NAMES:
        return _COUNTRY_NAMES
    try:
        import pycountry

        for c in pycountry.countries:
            for nm in (c.name, getattr(c, "common_name", None)):
                if nm and "," not in nm and "(" not in nm:
                    _COUNTRY_NAMES[nm] = c.alpha_2
    except Exception:  # pragma: no cover
        pass
    _COUNTRY_NAMES.update({
        "Myanmar": "MM", "Burma": "MM", "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Syria": "SY",
        "Russia": "RU", "Iran": "IR", "DRC": "CD", "DR Congo": "CD", "Congo": "CD", "Laos": "LA",
        "Vietnam": "VN", "Turkey": "TR", "Tanzania": "TZ", "Bolivia": "BO", "Venezuela": "VE",
        "South Sudan": "SS", "Ivory Coast": "CI", "Palestine": "PS", "Moldova": "MD",
        "North Korea": "KP", "South Korea": "KR", "Taiwan": "TW", "United States": "US",
        "Mizoram": "IN", "Manipur": "IN", "Tak": "TH",
    })
    return _COUNTRY_NAMES


_PLACE_TYPES = (r"Township|township|State|state|Region|region|Division|division|[Vv]illage|[Tt]own|[Cc]ity|"
                r"[Dd]istrict|[Pp]rovince|[Pp]rison|[Cc]amp|Strip|[Tt]erritory|[Oo]blast|[Gg]overnorate|[Rr]iver|[Ii]sland|[Ww]ard")
_FALLBACK_RE = re.compile(
    rf"\b((?:[A-Z][\w’'\-]*\s){{0,3}}[A-Z][\w’'\-]*\s(?:{_PLACE_TYPES}))\b"
)
_STOP_CAPS = {"The", "A", "An", "In", "On", "At", "By", "Of", "And", "But", "From", "This", "That", "These",
              "Those", "Junta", "Military", "Myanmar’s", "Myanmar's", "Since", "As", "Over", "More"}


# (the same words prefix-factored: with the \b after them, the same spans, faster)
_TYPE_RE = re.compile(r"\s" + trie_alternation(
    [w for alt in _PLACE_TYPES.split("|")
     for w in ([alt[1] + alt[4:], alt[2] + alt[4:]] if alt.startswith("[") else [alt])]) + r"\b")
# (an Arabic article in lower case stays in the name: "Wad al-Noura village")
_CAPS_BEFORE = re.compile(r"(?:(?:[A-Z]|(?:al|el|ad|ar|as|ash|at|az|an|ed|el|en|er|es|et|ez)-[A-Z])[\w’'\-]*\s){1,4}$")


_NOT_PLACE = re.compile(r"Islamic State|United States|Shan State Army|Kachin Independence|Arakan Army|Wa State Army|"
                        r"(?:Light\s+)?Infantry\s+Division|Armou?red\s+Division|Airborne\s+Division")  # (army units)
_TYPE_OF_RE = re.compile(r"\b(?:[Cc]ity|[Vv]illage|[Tt]own|[Dd]istrict|[Pp]rovince|[Rr]egion|[Tt]ownship|[Ii]sland|[Cc]amp)\s+of\s+"
                         r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}")


# Every _TYPE_OF_RE match holds "of" between whitespace and a capital: found with a literal
# prefix (fast), then the type word (8 letters at most) right before its whitespace is checked.
_OF_HIT = re.compile(r"of(?<=\sof)\s+[A-Z]")
_TYPE_BEFORE_OF = re.compile(r"(?:[Cc]ity|[Vv]illage|[Tt]own|[Dd]istrict|[Pp]rovince|[Rr]egion|[Tt]ownship|[Ii]sland|[Cc]amp)\s+\Z")


def _type_of_matches(text: str, s: int, e: int) -> list[re.Match[str]]:
    """_TYPE_OF_RE.finditer(text, s, e), the same matches."""
    out = []
    pos = s
    for h in _OF_HIT.finditer(text, s, e):
        hs = h.start()
        if hs < pos:
            continue
        k = hs
        while k > pos and text[k - 1].isspace():
            k -= 1  # the whitespace before "of"
        b = _TYPE_BEFORE_OF.search(text, max(pos, k - 8), hs)
        if b is None:
            continue
        m = _TYPE_OF_RE.match(text, b.start(), e)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def _fallback_places(text: str, s: int, e: int, countries: bool = True) -> list[PlaceRef]:
    out: list[PlaceRef] = []
    for m in _TYPE_RE.finditer(text, s, e):
        ws = max(s, m.start() - 60)
        b = _CAPS_BEFORE.search(text, ws, m.start() + 1)
        if not b:
            continue
        st, en = b.start(), m.end()
        words = text[st:en].split()
        while words and words[0] in _STOP_CAPS:
            st += len(words[0]) + 1
            words = words[1:]
        if len(words) >= 2 and not _NOT_PLACE.match(text, st, en):
            out.append(PlaceRef(st, en, text[st:en]))
    # "the city of Banyas", "the village of Al-Tuwaimah"
    for m in _type_of_matches(text, s, e):
        out.append(PlaceRef(m.start(), m.end(), m.group(0)))
    if countries and _country_table():
        table = _country_table()
        for m in _country_re().finditer(text, s, e):
            nm = m.group(0)
            out.append(PlaceRef(m.start(), m.end(), nm, country=table.get(nm), level="country", name=nm))
    out.sort(key=lambda p: (p.start, -p.end))
    res: list[PlaceRef] = []
    for p in out:
        if res and p.start < res[-1].end:
            continue
        res.append(p)
    return res


@lru_cache(maxsize=512)
def _names_of_country(code: str) -> tuple[str, ...]:
    return tuple(sorted(nm for nm, c in _country_table().items() if c == code))


@lru_cache(maxsize=1)
def _country_names_re() -> re.Pattern[str]:
    """Any country name longer than 3 characters, anywhere (a substring test, like `nm in s`)."""
    # prefix-factored: the same strings, so a match wherever the flat alternation has one
    return re.compile(trie_alternation(n for n in _country_table() if len(n) > 3))


@lru_cache(maxsize=1)
def _country_re() -> re.Pattern[str]:
    names = sorted(_country_table(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def find_places(text: str, s: int, e: int, context_country: str | None) -> list[PlaceRef]:
    if _gazetteer is not None:
        try:
            g = _gazetteer()
            ms = g.find(text[s:e], context_country=context_country)
            out = []
            for m in ms:
                p = m.place
                st = s + m.start
                en = s + m.end
                out.append(PlaceRef(st, en, text[st:en], p.country, p.admin1, p.admin1_pcode, p.code, p.level,
                                    p.lat, p.lon, p.name))
            # villages and camps the gazetteer does not know: "Kya Paing village". The places kept
            # are ordered and disjoint, so only the last one starting before a fallback place's
            # end can overlap it (a bisection: a long text is not quadratic).
            taken = None
            for f in _fallback_places(text, s, e, countries=False):
                if taken is None:
                    taken = [(o.start, o.end) for o in out]
                q = bisect_left(taken, (f.end,)) - 1
                if q >= 0 and taken[q][1] > f.start:
                    continue
                insort(taken, (f.start, f.end))
                out.append(f)
            out.sort(key=lambda p: (p.start, p.end))
            return out
        except Exception:
            pass
    return _fallback_places(text, s, e)


# ---------------------------------------------------------------- attribution
_ACCORDING = re.compile(r"\b(?:according\s+to|citing|cited\s+by|quoted\s+by)\s+"
                        r"(?:(?:the\s+|a\s+|an\s+)?(?:latest\s+|new\s+|official\s+)?(?:data|figures|monitoring|a\s+report|report|reports|statement|list|tally|count|estimates|research|survey)\s+(?:from|by|released\s+by|compiled\s+by|published\s+by|of|shared\s+by)\s+)?"
                        r"((?:the\s+)?[^,.;:“”\"\n]{2,90}?)(?=\s*(?:[,.;:“”\"\n]|$|\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d)|\bwhich\b|\bthat\b|\bwho\b|\bin\s+(?:its|a|an|the)\b|\bwith\b))",
                        re.I)
_VERBS_SRC = (r"said|says|say|told|tells|reported|reports|report|claimed|claims|claim|confirmed|confirms|announced|"
              r"stated|states|estimated|estimates|estimate|documented|recorded|noted|alleged|counted|verified|added|wrote|posted|revealed|compiled|"
              r"indicated|tallied|cited|warned|explained|reporting|saying")
_SAID_AFTER = re.compile(
    r"(?:^|[,“”\"—–-]\s*|\b(?:and|but|that)\s+)((?:the\s+|a\s+|an\s+)?(?:[A-Za-z’'\-\.&()]+\s+){0,7}?[A-Za-z’'\-\.&()]+)\s*,?\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:also\s+|previously\s+|earlier\s+)?(?:{_VERBS_SRC})\b",
)
_SAID_INVERTED = re.compile(
    r"[,“”\"]\s*(?:said|says|told|reported|according to)\s+"
    r"(?!\(?\d|(?i:that|at\s+least|more\s+than|dozens|hundreds|thousands)\b)"  # (not "said 17 fighters died")
    r"((?:the\s+|a\s+|an\s+)?[^,.;:“”\"\n]{2,80}?)(?=\s*(?:[,.;:“”\"\n]|$|\bwho\b|\bon\s+condition\b|\bin\s+a\b))",
)
_HEADLINE_SRC = re.compile(r"(?:\s[-–—]\s|:\s)([A-Za-z][\w’'\.\- ]{1,40})\s*$")
_BAD_SRC_START = re.compile(r"^(?:it|he|she|they|we|i|you|this|that|there|which|who|what|and|but|as|so|or|if|some|many|all|its|his|her|their|police\s+and|with|on|in|at|to|for)$", re.I)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "there"}
_SRC_TRIM_LEAD = re.compile(r"^(?:and|but|that|while|as|also|however|meanwhile|monitoring\s+by|data\s+from|figures\s+from)\s+", re.I)
_GENERIC_SRC = {"report", "reports", "data", "figures", "estimates", "statistics", "information", "list", "tally", "count",
                "research", "sources", "figure", "number", "numbers", "study", "the", "a", "an", "with"}
_SOURCE_KINDS = {"local", "security", "medical", "hospital", "military", "humanitarian", "police", "diplomatic",
                 "government", "official", "tribal", "community", "health", "rebel", "army", "intelligence", "judicial"}
_ORGISH = re.compile(r"[Mm]inistr|[Gg]overnment|[Oo]ffice|[Aa]genc|[Aa]rmy|[Cc]ouncil|[Oo]bservatory|[Gg]roup|[Ff]orces|[Mm]edia|"
                     r"[Pp]olice|[Aa]uthorit|[Oo]fficial|[Ss]pokes|[Mm]inister|[Cc]ommission|[Nn]ews|[Rr]adio|[Tt]elevision|"
                     r"[Cc]ommittee|[Oo]rgani[sz]ation|[Aa]ssociation|[Mm]ilitary|[Jj]unta|[Rr]ebels|[Pp]resident|[Gg]overnor|"
                     r"Network|Union|Syndicate|Institute|Foundation|Society|Federation|Coalition|Alliance|Bureau|Directorate|"
                     r"Mission|Crescent|Red Cross|Doctors|Observatory|Monitor|Watch|Centre|Center|Amnesty|"
                     # news outlets named after their country: "Myanmar Now", "Sudan Tribune", "Kyiv Independent"
                     r"\b(?:Now|Times|Post|Tribune|Herald|Daily|Gazette|Journal|Observer|Independent|Voice|Press|Today)\b|"
                     r"[A-Z]{2,}")
_PLACE_SRC = re.compile(r"\b(?:city|village|town|township|province|district|area|coast|region|country|camp|border)\b", re.I)
KNOWN_ORGS = (
    ("AAPP", r"\bAAPP\b|Assistance Association for Political Prisoners"),
    ("UNHCR", r"\bUNHCR\b|UN refugee agency|U\.N\. refugee agency|UN Refugee Agency"),
    ("OCHA", r"\b(?:UN)?OCHA\b|Office for the Coordination of Humanitarian Affairs"),
    ("IOM", r"\bIOM\b|International Organization for Migration|U\.?N\.? migration agency"),
    ("OHCHR", r"\bOHCHR\b|UN Human Rights Office|Office of the High Commissioner for Human Rights"),
    ("UNICEF", r"\bUNICEF\b"),
    ("WHO", r"\bWHO\b|World Health Organization"),
    ("ICRC", r"\bICRC\b|International Committee of the Red Cross"),
    ("Human Rights Watch", r"Human Rights Watch|\bHRW\b"),
    ("Amnesty International", r"Amnesty International"),
    ("ACLED", r"\bACLED\b"),
    ("SOHR", r"\bSOHR\b|Syrian Observatory for Human Rights"),
    ("HURFOM", r"\bHURFOM\b"),
    ("Save the Children", r"Save the Children"),
    ("UN", r"\bUnited Nations\b|\bUN\b|\bU\.N\.\b"),
    ("Ministry of Health", r"[Hh]ealth [Mm]inistry|Ministry of Health"),
)
# The same patterns, written to start with a literal ("A(?<!\wA)APP\b" is "\bAAPP\b"): a leading
# \b makes the regex engine try every position of the text, a literal lets it skip to candidates.
_FAST_ORGS = {
    "AAPP": r"A(?<!\wA)APP\b|Assistance Association for Political Prisoners",
    "UNHCR": r"U(?<!\wU)NHCR\b|UN refugee agency|U\.N\. refugee agency|UN Refugee Agency",
    "OCHA": r"U(?<!\wU)NOCHA\b|O(?<!\wO)CHA\b|Office for the Coordination of Humanitarian Affairs",
    "IOM": r"I(?<!\wI)OM\b|International Organization for Migration|U(?<!\wU)\.?N\.? migration agency",
    "OHCHR": r"O(?<!\wO)HCHR\b|UN Human Rights Office|Office of the High Commissioner for Human Rights",
    "UNICEF": r"U(?<!\wU)NICEF\b",
    "WHO": r"W(?<!\wW)HO\b|World Health Organization",
    "ICRC": r"I(?<!\wI)CRC\b|International Committee of the Red Cross",
    "Human Rights Watch": r"Human Rights Watch|H(?<!\wH)RW\b",
    "ACLED": r"A(?<!\wA)CLED\b",
    "SOHR": r"S(?<!\wS)OHR\b|Syrian Observatory for Human Rights",
    "HURFOM": r"H(?<!\wH)URFOM\b",
    "UN": r"U(?<!\wU)nited Nations\b|U(?<!\wU)N\b|U(?<!\wU)\.N\.\b",
}
_ORG_RES = [(name, re.compile(_FAST_ORGS.get(name, p))) for name, p in KNOWN_ORGS]


def _clean_source(s: str) -> str | None:
    if _RX_0.search(s):
        return None
    s = _RX_1.sub("", s.strip())
    s = s.strip(" ,.;:“”\"'’‘-–—")
    s = _SRC_TRIM_LEAD.sub("", s)
    s = _RX_2.sub("", s)
    s = _RX_6.split(s)[0]
    s = s.strip(" ,.;:“”\"'’‘-–—")
    if s.count("(") != s.count(")"):
        s = s.strip("()")
        if s.count("(") > s.count(")"):
            s = s[:s.rfind("(")].strip()
    if not s or len(s) < 2:
        return None
    m = _RX_3.match(s)
    if m and m.group(1).isupper():
        return m.group(1)  # "AAPP’s Documentation and Research Department" -> AAPP
    words = s.split()
    first = words[0].lower()
    if first in _PRONOUNS or _BAD_SRC_START.match(words[0]):
        return None
    if words[0].islower() and _RX_7.fullmatch(words[0]) and words[0] not in ("united",):
        return None  # "confirmed their plight": a clause, not a source
    if all(w.lower() in _GENERIC_SRC or w.lower() in ("latest", "new", "official", "its", "own") for w in words):
        return None
    if words[-1].lower() in _GENERIC_SRC and len(words) <= 3 and not any(w[0].isupper() for w in words) \
            and not (words[-1].lower() == "sources" and len(words) >= 2 and words[-2].lower() in _SOURCE_KINDS):
        return None  # "local sources", "security sources", "medical sources" are sources; "the data" is not
    if len(words) > 12:
        return None
    ls = _lower(s)
    if (_RX_4.search(s) if ls is None else _RX_4_LC.search(ls)):
        return None
    if (_PLACE_SRC.search(s) if ls is None else _PLACE_SRC_LC.search(ls)) and not _RX_14.search(s):
        return None
    if _RX_5.fullmatch(s):
        return None
    lw = {w.lower().strip("(),") for w in words}
    if lw & {"figure", "figures", "number", "double", "half", "times", "properties", "houses", "homes"}:
        return None
    if _country_names_re().search(s) and not _ORGISH.search(s) and _country_table().get(s) is None:
        # "eastern Democratic Republic of Congo (DRC)": a place, not a source; a country's bare
        # name is its government speaking ("Israel said it had detained ...")
        return None
    return s


def _first_letters(rx: re.Pattern[str], letters: str) -> re.Pattern[str]:
    r"""rx, which opens with \b and whose every match starts with one of `letters`, with a lookahead
    for them after the \b: the same matches, and most other word starts turned away at once
    rather than by each alternative in turn."""
    assert rx.pattern.startswith(r"\b"), rx.pattern
    return re.compile(r"\b(?=[" + letters + "])" + rx.pattern[2:], rx.flags)


# (the verb list prefix-factored: with the \b after it, the same spans, faster; the letters: has
# have had also previously earlier, and the verbs')
_VERB_FIND = _first_letters(re.compile(r"\b(?:has\s+|have\s+|had\s+)?(?:also\s+|previously\s+|earlier\s+)?"
                                       + trie_alternation(_VERBS_SRC.split("|")) + r"\b"), "acdehinprstvw")
# The characters of a word that can be part of a source: a non-empty word is one (a match of
# [A-Za-z’'\-\.&()]+) when stripping them leaves nothing.
_SRC_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz’'-.&()"
# (the word list prefix-factored: the same matches, faster; only its truth is used)
_ATTR_HINT = re.compile(r"\b" + trie_alternation(_VERBS_SRC.split("|") + ["according", "citing", "cited", "quoted"])
                        + r"\b|\s[-–—]\s|:\s")
# its three parts, each searched with a cheap prefix: ":", a dash, then the words
_ATTR_HINT_PARTS = (re.compile(r":\s"), re.compile(r"[-–—](?<=\s[-–—])\s"),
                    re.compile(_ATTR_HINT.pattern[:_ATTR_HINT.pattern.rindex("|\\s[-")]))


_CLAIMED_LIVES = re.compile(r"\s+(?:the\s+|a\s+|at\s+least\s+|more\s+than\s+|over\s+|some\s+|nearly\s+|about\s+)*(?:lives?\b|[\d,]+\s+(?:\w+\s+)?lives\b|\w+\s+lives\b)", re.I)


_NOT_A_REPORT = re.compile(r"\s*:|\s+(?:killed|dead|injured|wounded|missing|displaced|arrested|detained|abducted|"
                           r"kidnapped|captured|held|executed)\b", re.I)


# "Local sources put the death toll at 25": who puts a number on it claims it
_PUT_TOLL = re.compile(r"((?:[A-Z][\w’'\-]*|the|local|medical|security|hospital|health|rights)(?:\s+[\w’'\-]+){0,5}?)\s+"
                       r"(?:put|puts|placed|places|estimated|estimates|set|sets)\s+(?:the\s+|its\s+|their\s+)?"
                       r"(?:death\s+|casualty\s+|civilian\s+)?(?:toll|number|figure|count|total)\b(?:\s+at\b)?")


def _subjects_of_report_verbs(sent: str) -> list[tuple[str, int]]:
    """For each reporting verb ("X said", "X, a spokesman, told"), the words before it back to a boundary."""
    out = []
    for m in _VERB_FIND.finditer(sent):
        if _RX_8.match(sent, m.end(), m.end() + 12):  # (its end: as if the text ended there)
            continue  # "properties estimated to have been burned": not a source
        if _NOT_A_REPORT.match(sent, m.end()):
            continue  # "15 civilians reported killed", "Incident report: ...": not a source
        if "claim" in m.group().lower() and _CLAIMED_LIVES.match(sent, m.end()):
            continue  # "the fighting has claimed the lives of 80": harm, not a source
        if _RX_9.search(sent[max(0, m.start() - 12):m.start()]):
            continue  # "the latest report": a noun, not a verb
        lo = max(0, m.start() - 140)
        seg = sent[lo:m.start()]
        words = seg.split()  # the \S+ runs (str.split and \s agree on whitespace)
        if lo > 0 and words:
            words = words[1:]  # possibly cut in the middle
        got: list[tuple[str, int]] = []
        end = len(seg.rstrip())
        for k in range(len(words) - 1, -1, -1):  # last word first, its position found on the way
            w = words[k]
            st = end - len(w)
            pos = lo + st
            end = st
            while end > 0 and seg[end - 1].isspace():
                end -= 1
            if k == len(words) - 1 and w.endswith(","):
                w = w[:-1]
            if not w:
                break
            core = w.lstrip("“\"")
            if core != w:  # a quote opens before it: "“We ... ,” said": boundary
                if core and not core.strip(_SRC_CHARS):
                    got.append((core, pos + len(w) - len(core)))
                break
            if w[-1] in ",“”\"—–" or w in ("-", "—", "–") or w.lower() in ("and", "but", "that"):
                break
            if w.strip(_SRC_CHARS):
                break
            got.append((w, pos))
            if len(got) >= 8:
                break
        if got:
            got.reverse()
            out.append((" ".join(w for w, _ in got), got[0][1]))
    return out


def attributions(text: str, s: int, e: int, is_headline: bool = False) -> list[tuple[int, str]]:
    """(position, source) pairs stated in text[s:e]."""
    sent = text[s:e]
    out: list[tuple[int, str]] = []
    low = sent.lower()
    c, d, w = _ATTR_HINT_PARTS
    simple = len(low) == len(sent) and not odd_case(sent)
    if simple and not is_headline:
        # Only a headline's source follows ": " or a dash. Every other match has one of the words
        # (lower case, between word boundaries), found in `low` at the same place: lower-casing
        # keeps each character's length here, and whether it is a word or space character.
        if not w.search(low):
            return out
    elif not (c.search(low) or d.search(low) or w.search(low)):  # _ATTR_HINT.search(low)
        return out
    if simple:
        # every _ACCORDING match has one of these
        if "accord" in low or "citing" in low or "cited" in low or "quoted" in low:
            for m in _ACCORDING_LC.finditer(low):
                src = _clean_source(sent[m.start(1):m.end(1)])
                if src:
                    out.append((s + m.start(), src))
    else:
        for m in _ACCORDING.finditer(sent):
            src = _clean_source(m.group(1))
            if src:
                out.append((s + m.start(), src))
    for src, src_start in _subjects_of_report_verbs(sent):
        src_end = src_start + len(src)
        # keep only the tail after the last clause boundary
        src = _RX_15.split(src)[-1]
        pre = sent[:src_start]
        if _RX_10.match(src):
            # "The AAPP, which has been tracking arrests since the coup, says": the NP before ", which"
            mm = _RX_16.search(pre)
            src = mm.group(1) if mm else src
        elif _RX_17.match(src):
            # "Myanmar Now, a news agency, stated": prefer the name before the apposition when the
            # apposition is closed by its comma or the name opens the clause; in "... south of
            # Khartoum, a lawyers' group said" the group is the source
            mm = _RX_19.search(pre)
            if mm and (sent.startswith(",", src_end) or not pre[:mm.start()].strip()
                       or pre[:mm.start()].rstrip()[-1] in ",;:—–("):
                src = mm.group(1) + ", " + src
        src = _clean_source(src)
        if src:
            out.append((s + src_start, src))
    for m in _SAID_INVERTED.finditer(sent):
        src = _clean_source(m.group(1))
        if src:
            out.append((s + m.start(1), src))
    if "toll" in low or "number" in low or "figure" in low:
        for m in _PUT_TOLL.finditer(sent):
            # (unless a source is already named before it: "DVB reported that its own monitoring
            # placed the death toll at 3,866")
            if any(p < s + m.end() for p, _ in out):
                continue
            src = _clean_source(_RX_15.split(m.group(1))[-1])
            if src:
                out.append((s + m.end(), src))  # at the toll, where its number follows
    if is_headline:
        m = _HEADLINE_SRC.search(sent)
        if m:
            src = _clean_source(m.group(1))
            if src and len(src.split()) <= 5:
                out.append((s + m.start(1), src))
    out.sort()
    return out


# Literal hints per known org: a cheap `in` test before its regex runs over the text.
_ORG_HINTS = [(name, rx, tuple(h for h in re.findall(r"[A-Z][A-Za-z]+", p) if len(h) >= 2) if "[" not in p else ())
              for (name, p), (_, rx) in zip(KNOWN_ORGS, _ORG_RES)]


# Every hint word, found in one pass: str.count(h) for each of them, from the start positions of
# the hints (a search from each position after the last hit finds them all, even inside another).
_ALL_HINTS = sorted({h for _, _, hints in _ORG_HINTS for h in hints})
_HINT_SCAN = re.compile(trie_alternation(_ALL_HINTS))
_HINT_PREFIXES = {h: [g for g in _ALL_HINTS if h.startswith(g)] for h in _ALL_HINTS}


def _hint_counts(s: str) -> dict[str, int]:
    """{hint: s.count(hint)} for the hints that occur in s."""
    starts: dict[str, list[int]] = {}
    p = 0
    search = _HINT_SCAN.search
    while True:
        m = search(s, p)
        if m is None:
            break
        st = m.start()
        for g in _HINT_PREFIXES[m.group()]:  # the longest hint here, and the hints it starts with
            starts.setdefault(g, []).append(st)
        p = st + 1
    counts = {}
    for g, ps in starts.items():
        n, free = 0, 0
        for q in ps:
            if q >= free:  # str.count counts occurrences that do not overlap
                n += 1
                free = q + len(g)
        counts[g] = n
    return counts


# A literal in every match of an org's pattern, tested with `in` before the regex runs: the
# pattern starts with a character set ([Hh]), which the regex engine scans for slowly.
_ORG_NEEDS = {"Ministry of Health": "ealth"}


def default_org(text: str, title: str | None, strong_only: bool = False, weak_only: bool = False,
                memo: dict | None = None) -> str | None:
    """The monitor whose report this is, when the article says so (AAPP briefing, UNHCR update).
    `memo` (a dict kept per article) shares the per-monitor counts between calls."""
    memo = {} if memo is None else memo
    head = memo.get("head")
    if head is None:
        head = memo["head"] = (title or "") + "\n" + text[:600]

    def count(name: str, rx: re.Pattern[str]) -> int:
        n = memo.get(name)
        if n is None:
            n = memo[name] = len(rx.findall(text)) if _ORG_NEEDS.get(name, "") in text else 0
        return n

    def in_head(name: str, rx: re.Pattern[str]) -> bool:
        key = (name, "head")
        got = memo.get(key)
        if got is None:
            got = memo[key] = _ORG_NEEDS.get(name, "") in head and rx.search(head) is not None
        return got

    best, best_n = None, 0
    head_counts = memo.get("head_counts")
    if head_counts is None:
        head_counts = memo["head_counts"] = _hint_counts(head)
    in_head_keys = head_counts.keys()
    if strong_only:
        present = [(name, rx) for name, rx, hints in _ORG_HINTS
                   if not hints or not in_head_keys.isdisjoint(hints)]
    else:
        text_counts = memo.get("text_counts")
        if text_counts is None:
            text_counts = memo["text_counts"] = _hint_counts(text)
        in_text_keys = text_counts.keys()
        # any(h in head ...) or sum(text.count(h) ...) >= 2 (a sum of zeros without a hint in the text)
        present = [(name, rx) for name, rx, hints in _ORG_HINTS
                   if not hints or not in_head_keys.isdisjoint(hints)
                   or (not in_text_keys.isdisjoint(hints) and sum(text_counts.get(h, 0) for h in hints) >= 2)]
    for name, rx in present:
        if in_head(name, rx):
            n = count(name, rx)
            if n > best_n:
                best, best_n = name, n
    if best:
        return best if not weak_only else None
    if strong_only:
        return None
    for name, rx in present:
        n = count(name, rx)
        if n >= 2 and n > best_n:
            best, best_n = name, n
    return best


# ---------------------------------------------------------------- the publisher as a source
# Monitors whose own reports carry figures without naming their source. Never a newspaper, a
# wire or an aggregator; not "the UN" (UN News is an outlet) nor a ministry.
_MONITORS = ("AAPP", "UNHCR", "OCHA", "IOM", "OHCHR", "UNICEF", "WHO", "ICRC", "Human Rights Watch",
             "Amnesty International", "ACLED", "SOHR", "HURFOM", "Save the Children")
_MONITOR_RES = [(name, re.compile(p)) for name, p in KNOWN_ORGS if name in _MONITORS]
# "(via ReliefWeb)", "(citing UNHCR)", "(Reuters)": about the copy, not the publisher
_NOT_ACRONYM_PAREN = re.compile(r"\s*\((?![A-Z]{2,8}\))[^()]*\)")


def publisher_monitor(source: str | None) -> str | None:
    """The monitor that publishes the article, from its stored source: "UNHCR (via ReliefWeb)" ->
    UNHCR, "Assistance Association for Political Prisoners (AAPP)" -> AAPP, "OCHA Myanmar" -> OCHA;
    None for anything else ("The Irrawaddy", "Donare.info (citing UNHCR)", "UN News")."""
    if not source or not isinstance(source, str):
        return None
    name = _NOT_ACRONYM_PAREN.sub("", source).strip()
    if not name:
        return None
    for org, rx in _MONITOR_RES:
        m = rx.search(name)
        if not m:
            continue
        # the publisher is the monitor: its name opens the publisher's, or it is the acronym the
        # publisher's name ends with ("Human Rights Foundation of Monland (HURFOM)", not
        # "Al Jazeera (UNHCR)")
        if m.start() == 0 or (name[m.start() - 1] == "(" and name.endswith(")") and m.group()[:1] == name[:1]):
            return org
    return None


# ---------------------------------------------------------------- cumulative totals
_SINCE_EVENT_RE = re.compile(
    # "since the start of the invasion", "since the beginning of Russia's full-scale invasion in 2022"
    r"\bsince\s+((?:the\s+)?(?:start|beginning|onset|outbreak)\s+of\s+(?:the\s+|this\s+|last\s+|its\s+|their\s+)?"
    r"(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+(?=\s*[,.;:()]|\s*$|\s+(?:in|on|at|and|or|when|as|after|which|that|who|according|"
    r"while|with|from|across|against|between|to|by|said|says|officials|authorities)\b)"
    r"(?:\s+(?:on|in)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\.?(?:\s+\d{1,4})?(?:,?\s+\d{4})?)?"
    r"|(?:the\s+|last\s+|this\s+|a\s+|its\s+|their\s+)?(?:[\w’'.\-]+\s+){0,5}?"
    r"(?:coup|takeover|take-over|war|conflict|offensive|fighting|escalation|invasion|crisis|outbreak|seizure|operation(?:\s+\d[\w\-]*)?|"
    r"violence|uprising|attack|assault|election|beginning|start)"
    r"(?:\s+of\s+(?:the\s+|this\s+|last\s+)?(?:year|month|week|war|conflict|fighting|offensive|crisis|\d{4})\b"
    r"|\s+(?:on|in|of)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\.?(?:\s+\d{1,4})?(?:,?\s+\d{4})?)?"
    r"(?:\s+(?:began|erupted|started|escalated|broke\s+out|intensified)(?:\s+(?:in|on|last|this)\s+\w+(?:\s+\d{4})?)?)?"
    r"|(?:[\w’'.\-]+\s+){0,4}?(?:began|erupted|started|escalated|broke\s+out|seized\s+power|took\s+power|launched)"
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
    low = _lower(sent)
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


_CUM_RE = re.compile(
    r"\b(?:since|as of|as at|so far|to date|up until now|until now|up to now|in total|a total of|total number|"
    r"totalling|totaling|overall|cumulative|this year|in all|death toll|bringing the total|the total|already|"
    r"(?:are|is|have|has)\s+now|(?:war|conflict|fighting|violence|crisis|insurgency|offensive)\s+(?:has|have)\s+(?:\w+\s+)?(?:killed|displaced|left|claimed|forced|uprooted|driven)|"
    r"over\s+(?:the\s+(?:past|last)\s+)?(?:\w+\s+)?(?:years|decades)|"
    r"across the country|nationwide|countrywide|throughout the country|across (?:Myanmar|Burma|[A-Z][a-z]+ and [A-Z][a-z]+)|"
    r"up to (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"by\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+|end\s+of\s+)?(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?,?\s+\d{4}|"
    r"from\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)[^.]{0,60}?\bto\b|"
    r"between\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)[^.]{0,30}?\band\b)\b",
    re.I,
)
_SUPERLATIVE_SINCE = re.compile(r"\b(?:deadliest|bloodiest|worst|largest|biggest|highest|heaviest|most|first|first\s+time|day|attack|incident)\b[^.;]{0,40}$", re.I)
_PARA_CUM = re.compile(r"^\W*(?:As of|As at|Since|Up until now|Up to now|To date|So far|From\s.{0,140}?\bto\b|Between\s.{0,40}?\band\b)", re.I | re.S)
_DAY_EVENT = re.compile(r"\b(?:today|yesterday|tonight|this morning|last night|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.I)
_STOCK_PRESENT = re.compile(r"\b(?:are|is|remain|remains|remained|have\s+been|has\s+been|are\s+now|are\s+still|have\s+(?:fled|crossed|sought)|has\s+(?:fled|crossed))\b", re.I)
_ASOF_RE = re.compile(
    r"\b(?:as\s+of|as\s+at|by|up\s+to|updated|until)\s+((?:early|mid|late|the\s+end\s+of|end\s+of|end)?[-\s]*"
    r"(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+\d{4})?)",
    re.I,
)


# Case-insensitive patterns run on lower-cased text with their lower-cased twins (see
# service.text.fastre.odd_case): the same matches at the same positions, several times faster.
def _lower(s: str) -> str | None:
    low = s.lower()
    return low if len(low) == len(s) and not odd_case(s) else None


# "three of the injured have since died": "since" as an adverb starts no running total
_SINCE_ADVERB = re.compile(r"\b(?:have|has|had|ever|long)\s+$", re.I)


def _lc(rx: re.Pattern[str]) -> re.Pattern[str]:
    assert not re.search(r"\\[A-Z]", rx.pattern) and "(?" + "i" not in rx.pattern, rx.pattern
    return re.compile(rx.pattern.lower())


def is_cumulative(sent: str, metric: str, local: str, split: int = 0) -> bool:
    """Running total? `local` is the clause around the figure, which starts at local[split]."""
    ll = _lower(local)
    if ll is None:
        return _is_cumulative(sent, metric, local, split)
    day = None  # a day event in the sentence: looked for only when a match asks
    for m in _CUM_RE_LC.finditer(ll):
        w = ll[m.start():m.end()]
        if w == "since" and (_SUPERLATIVE_SINCE_LC.search(ll, 0, m.start()) or _SINCE_ADVERB.search(ll, 0, m.start())):
            continue
        if w.startswith("across") or w in ("nationwide", "countrywide", "throughout the country"):
            if day is None:
                sl = _lower(sent)
                day = (_DAY_EVENT.search(sent) if sl is None else _DAY_EVENT_LC.search(sl)) is not None
            if day or m.start() < split:
                continue  # "fighting erupted across Myanmar, where 40 ...": not about the figure
        return True
    if metric in ("displaced", "refugees", "detained", "missing") and _STOCK_PRESENT_LC.search(ll):
        if _STILL_LC.search(ll):
            return True
    return False


def _is_cumulative(sent: str, metric: str, local: str, split: int = 0) -> bool:
    day = _DAY_EVENT.search(sent)
    for m in _CUM_RE.finditer(local):
        w = m.group(0).lower()
        if w == "since" and (_SUPERLATIVE_SINCE.search(local[:m.start()]) or _SINCE_ADVERB.search(local[:m.start()])):
            continue
        if w.startswith("across") or w in ("nationwide", "countrywide", "throughout the country"):
            if day or m.start() < split:
                continue  # "fighting erupted across Myanmar, where 40 ...": not about the figure
        return True
    if metric in ("displaced", "refugees", "detained", "missing") and _STOCK_PRESENT.search(local):
        if _RX_11.search(local):
            return True
    return False


# ---------------------------------------------------------------- dates
def resolve_as_of(sent: str, ref) -> str | None:
    """ISO date of an "as of"/"by"/"up to" date in the sentence. `ref` is a date, None, or a
    callable giving the reference date (only called when the expression is relative)."""
    low = _lower(sent)
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


# (only its truth is used: the word list prefix-factored, the same strings)
_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,30}(?:,\s*[A-Z0-9][\w .'\-]{1,30})?\s*(?:\([A-Za-z .]{1,30}\))?\s*[—–-]{1,2}\s")
_RELATIVE_HINT = re.compile(
    r"\b(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|ago|last|this|past|"
    r"earlier|previous|weekend|tomorrow|new\s+year|quarter|half)\b|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?![\w,]*\s*,?\s*\d{4})|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?!\s*,?\s*\d{4})")
_ADJ_AFTER = re.compile(r"(?:’s|'s|ese)?\s+(?:junta|military|army|troops|soldiers|forces|security|government|regime|"
                       r"authorities|police|refugees|nationals|citizens|people|air|navy|Junta|Army|Armed|Military|"
                       r"Government|National|Police|Now|Witness)\b")
_CAPTION = re.compile(r"\s/\s*[A-Z][^.\n]{0,80}$|\((?:Photo|File|Image)[:\s]|^(?:FILE\s*[-–—]|Photo:)")
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w’'\-]*\s+(?:of\s+|for\s+|and\s+|the\s+|on\s+)*){1,8})\(([A-Z]{2,8})\)")
_ACRONYM_SRC = re.compile(r"(?:[Tt]he\s+)?([A-Z]{2,8})")
_UNNAMED_PLACE = re.compile(r"\b(?:a|the|one|this|that)\s+(?:\w+\s+){0,2}?(?:village|town|school|camp|city|township|monastery|church|hospital|market|concert|neighbou?rhood|ward|area)\b", re.I)


class ArticleContext:
    """Per-article caches of places, attributions and dates by sentence."""

    def __init__(self, text: str, spans: list[tuple[int, int]], paras: list[int], title: str | None,
                 published: date | None, source: str | None = None):
        self.text = text
        self.publisher_org = publisher_monitor(source)
        self.spans = spans
        self.paras = paras
        self.title = title
        self._places: dict[int, list[PlaceRef]] = {}
        self._attr: dict[int, list[tuple[int, str]]] = {}
        self._dates: dict[int, list] = {}
        self._published = published
        self._ref_done = published is not None
        self._ref = published
        self._all_places: list[PlaceRef] | None = None
        self._place_starts: list[int] = []
        self.country = self._dominant_country()
        self.country_name = self._country_name(self.country)
        self._org_done = False
        self._org: str | None = None
        self._org_memo: dict = {}
        self._named_src: dict[str, str] = {}  # source as found -> as reported (see source_for)
        self._para_cum: dict[int, bool] = {}

    @property
    def strong_org(self) -> str | None:
        """The monitor named in the title or the opening (an AAPP briefing, a UNHCR update)."""
        if not hasattr(self, "_strong"):
            self._strong = default_org(self.text, self.title, strong_only=True, memo=self._org_memo)
        return self._strong

    @property
    def org(self) -> str | None:
        if not self._org_done:
            self._org_done = True
            self._org = default_org(self.text, self.title, memo=self._org_memo)
        return self._org

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

    def _load_places(self) -> None:
        if self._all_places is None:
            text = self.text
            # (not "a Britain-based war monitor", "a Yangon-based group": where a source sits)
            self._all_places = [p for p in find_places(text, 0, len(text), None)
                                if not (text.startswith("based", p.end + 1) and text[p.end:p.end + 1] in ("-", "–"))]
            self._place_starts = [p.start for p in self._all_places]

    def _dominant_country(self) -> str | None:
        """The country the article is about: most mentioned (a place inside it counts), first wins ties."""
        self._load_places()
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        datelines = [m.span() for m in (_DATELINE.match(self.text, s, e) for s, e in self.spans[:12]) if m]
        for p in self._all_places or []:
            if p.country and not any(a <= p.start < b for a, b in datelines):  # "DAKAR, Senegal (AP) —": where the reporter is
                counts[p.country] = counts.get(p.country, 0) + (1 if p.level == "country" else 2)
                first.setdefault(p.country, p.start)
        if not counts:
            return None
        return sorted(counts, key=lambda c: (-counts[c], first[c]))[0]

    def _country_name(self, code: str | None) -> str | None:
        if not code:
            return None
        for nm in _names_of_country(code):
            if nm in self.text:
                return nm
        try:
            import pycountry

            c = pycountry.countries.get(alpha_2=code)
            nm = (getattr(c, "common_name", None) or c.name) if c else None
            if nm and ", " in nm:  # "Congo, The Democratic Republic of the" -> "The Democratic Republic of the Congo"
                a, b = nm.split(", ", 1)
                nm = f"{b} {a}"
            return nm
        except Exception:
            return None

    def places(self, k: int) -> list[PlaceRef]:
        if k not in self._places:
            self._load_places()
            s, e = self.spans[k]
            s = self.dateline_end(k)
            i = bisect_left(self._place_starts, s)
            out = []
            while i < len(self._all_places) and self._all_places[i].start < e:
                if self._all_places[i].end <= e:
                    out.append(self._all_places[i])
                i += 1
            self._places[k] = out
        return self._places[k]

    def attrs(self, k: int) -> list[tuple[int, str]]:
        if k not in self._attr:
            s, e = self.spans[k]
            self._attr[k] = attributions(self.text, s, e, is_headline=self.is_headline(k))
        return self._attr[k]

    def dates(self, k: int, pos: int | None = None) -> list:
        """Date mentions of sentence k (only its 160 characters around `pos` when given)."""
        key = (k, pos)
        if key not in self._dates:
            res = []
            s, e = self.spans[k]
            if pos is not None:
                s, e = max(s, pos - 120), min(e, pos + 120)
                while s > self.spans[k][0] and self.text[s - 1].isalnum():
                    s -= 1
                while e < self.spans[k][1] and self.text[e].isalnum():
                    e += 1
            if _dates is not None and _dates.may_hold_date(self.text, s, e):
                # the reference date (estimated from the text when unpublished: costly) only for relative dates
                ref = self.ref if (self._ref_done or _RELATIVE_HINT.search(self.text, s, e)) else None
                try:
                    res = [(s + d.start, s + d.end, d) for d in _dates.find_dates(self.text[s:e], ref)]
                except Exception:
                    res = []
            self._dates[key] = res
        return self._dates[key]

    def is_headline(self, k: int) -> bool:
        s, e = self.spans[k]
        t = self.text[s:e]
        if t.endswith((".", "”", '"', "’")):
            return False
        before = self.text[max(0, s - 2):s]
        after = self.text[e:e + 1]
        return (s == 0 or "\n" in before) and (after in ("\n", ""))

    # -- resolution for one figure
    def para_cumulative(self, k: int) -> bool:
        """The paragraph opens with a running-total frame ("As of March 8, ...") and k has no day of its own."""
        got = self._para_cum.get(k)
        if got is None:
            got = self._para_cum[k] = self._para_cumulative(k)
        return got

    def _para_cumulative(self, k: int) -> bool:
        p = self.paras[k]
        j = k
        while j > 0 and self.paras[j - 1] == p:
            j -= 1
        if j == k:
            return False
        s0, e0 = self.spans[j]
        if not _PARA_CUM.match(self.text[s0:e0]):
            return False
        s, e = self.spans[k]
        return not _DAY_EVENT.search(self.text, s, e)

    def _adjectival(self, p: PlaceRef) -> bool:
        nxt = self.text[p.end:p.end + 24]
        return bool(_ADJ_AFTER.match(nxt))

    def dateline_end(self, k: int) -> int:
        """End of a wire dateline opening sentence k ("DAKAR, Senegal (AP) —"), else its start."""
        s, e = self.spans[k]
        m = _DATELINE.match(self.text, s, e)
        return m.end() if m else s

    def _usable(self, k: int) -> list[PlaceRef]:
        """Places of sentence k, without country names used as adjectives ("Myanmar troops")."""
        out = []
        for p in self.places(k):
            if p.level == "country":
                nxt = self.text[p.end:p.end + 20]
                if _RX_21.match(nxt) and not _RX_23.match(nxt):
                    continue
            out.append(p)
        return out

    def _first_specific(self) -> list[PlaceRef]:
        if not hasattr(self, "_first"):
            self._first = []
            for j in range(len(self.spans)):
                sp = [p for p in self._usable(j) if p.level != "country"]
                if sp:
                    self._first = _chain_near(self.text, sp, self.spans[j][0])
                    break
        return self._first

    def place_for(self, k: int, pos: int, cumulative: bool) -> list[PlaceRef]:
        """The place chain of a figure at char `pos` of sentence k (own, then inherited)."""
        own = self.places(k)
        if own and not cumulative and all(p.level == "country" and self._adjectival(p) for p in own):
            own = []  # "Myanmar troops killed 11 people": a country as an adjective is not the event place
        elif own:
            named = [p for p in own if not (p.level == "country" and self._adjectival(p))]
            own = named or own
        if own:
            # a place named only in a later coordinated clause with its own figure and verb
            # ("Three journalists remain missing, and 12 aid workers were abducted near Goma") is not this figure's
            # (nor is one after a semicolon: "Sagaing 1,204 killed; Magway 512 killed")
            later = [p for p in own if p.start > pos and (self.text.find(";", pos, p.start) >= 0 or (
                (self.text.find(",", pos, p.start) >= 0 or self.text.find(" w", pos, p.start) >= 0
                 or self.text.find(" but ", pos, p.start) >= 0) and _LATER_CLAUSE.search(self.text, pos, p.start)))]
            if later:
                own = [p for p in own if p not in later]
                if not own:
                    return self._inherited(k) or [p for p in self._first_specific() if p.start < self.spans[k][0]]
        if own:
            chain = _chain_near(self.text, own, pos)
            if cumulative or any(p.level != "country" for p in chain):
                return chain
            s, e = self.spans[k]
            if _UNNAMED_PLACE.search(self.text, s, e):
                return self._inherited(k) or self._first_specific() or chain
            return chain
        if cumulative and self.country_name:
            return []
        return self._inherited(k) or self._first_specific()

    def _inherited(self, k: int) -> list[PlaceRef]:
        p = self.paras[k]
        for j in range(k - 1, max(-1, k - 9), -1):
            if self.paras[j] < p - 3:
                break
            sj, ej = self.spans[j]
            if _CAPTION.search(self.text, sj, ej):
                continue  # a photo caption ("... in March 2022. / SOF") is not the story's place
            pl = [x for x in self._usable(j) if x.level != "country"]
            if pl:
                return _chain_near(self.text, pl, self.spans[j][1])
        return []

    def _expand(self, src: str | None) -> str | None:
        """"the RTG" -> "Royal Thai Government (RTG)" when the article spelled the acronym out."""
        if not src:
            return src
        m = _ACRONYM_SRC.fullmatch(src)
        if not m or "(" + m.group(1) + ")" not in self.text:
            return src  # not an acronym, or never defined: "(RTG)" must be in the text
        full = self._spelled_out(m.group(1))
        return f"{full} ({m.group(1)})" if full is not None else src

    def _spelled_out(self, acr: str) -> str | None:
        """The first definition the article gives `acr` ("Royal Thai Government (RTG)"). The
        definitions are read in order and only as far as the one asked for."""
        if not hasattr(self, "_acr"):
            self._acr: dict[str, str] = {}
            self._acr_defs = _ACRONYM_DEF.finditer(self.text)
        while acr not in self._acr:
            d = next(self._acr_defs, None)
            if d is None:
                return None
            full, got = d.group(1).strip(), d.group(2)
            words = [w for w in full.split() if w[0].isupper()]
            if words and "".join(w[0] for w in words[-len(got):]).upper() == got:
                self._acr.setdefault(got, full[full.find(words[-len(got)]):]
                                     if len(words) >= len(got) else full)
        return self._acr[acr]

    def source_for(self, k: int, pos: int) -> str | None:
        src = self._source_for(k, pos)
        if not src:
            return src
        # the same few sources recur for every figure: name each once per article
        named = self._named_src.get(src)
        if named is None:
            named = src
            m = _GENERIC_DESC.fullmatch(src)
            if m:
                named = self._named_org(m) or src
            named = self._named_src[src] = self._expand(named)
        return named

    def _named_org(self, m: re.Match[str]) -> str | None:
        """The organisation a generic descriptor stands for ("a war monitor", "the UN agency"): the
        first one of that kind the article names, as written."""
        un = bool(m.group("un")) or m.group("kind").lower() == "agency"
        kinds = _UN_AGENCIES if un else _MONITOR_ORGS
        best = None
        for name, rx in _ORG_RES:
            if name in kinds:
                # its name or acronym as written, rather than another descriptor ("UN migration agency")
                hit = next((h for h in rx.finditer(self.text) if "agency" not in h.group(0)), None)
                if hit and (best is None or hit.start() < best.start()):
                    best = hit
        if best is None:
            return None
        acr = _RX_ACR_AFTER.match(self.text, best.end())
        return best.group(0) + (acr.group(0) if acr else "")  # "International Organization for Migration (IOM)"

    def _source_for(self, k: int, pos: int) -> str | None:
        own = self.attrs(k)
        if own:
            # the nearest attribution, after the figure preferred (", the groups claimed")
            best = min(own, key=lambda a: abs(a[0] - pos))
            return best[1]
        strong = self.strong_org
        if strong:
            return strong
        p = self.paras[k]
        for j in range(k - 1, max(-1, k - 3), -1):
            if self.paras[j] != p:
                break
            a = self.attrs(j)
            if a:
                return a[-1][1]
        org = self.org
        # a specific monitor named often is the report's author; "the UN" only when the article quotes it
        if org and (org != "UN" or self._quoted(org)):
            return org  # a monitor the article quotes elsewhere
        # last resort: the publisher, when it is itself a monitor (a UNHCR update names no source)
        return self.lead_source() or self.publisher_org

    def _quoted(self, org: str) -> bool:
        """Some attribution in the article names `org`, a name without spaces or commas ("UN").

        A source is made of pieces of its sentence's text joined by spaces or ", ": such a name
        in a source is in the sentence, so only the sentences that contain it are parsed."""
        text = self.text
        return any(org in src for j, (s, e) in enumerate(self.spans) if text.find(org, s, e) >= 0
                   for _, src in self.attrs(j))

    def lead_source(self) -> str | None:
        """The source the article's lead names (first attribution in its first sentences)."""
        if not hasattr(self, "_lead"):
            self._lead = None
            for j in range(min(5, len(self.spans))):
                a = self.attrs(j)
                if a:
                    # (a government quoted in the lead speaks for its own claims, not the article's)
                    self._lead = None if _country_table().get(a[0][1]) else a[0][1]
                    break
        return self._lead


# A clause boundary, then a new subject with its own number and finite verb: "..., and 12 aid workers were"
_LATER_CLAUSE = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas)\s+|;\s*|\s(?:while|whereas|but)\s+)(?:[\w’'\-]+\s+){0,3}?"
    r"(?:\(?\d[\d,.]*\)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds|dozens|a\s+dozen)\s+(?:[\w’'\-]+\s+){0,4}?(?:were|was|are|is|have|has|had|remain|remained|remains)\b", re.I)


# A source named by its kind only: resolved to the organisation of that kind the article names.
_GENERIC_DESC = re.compile(r"(?:(?:the|a)\s+)?(?P<un>U\.?N\.?\s+)?(?:war\s+|rights\s+|humanitarian\s+|aid\s+|migration\s+|refugee\s+)?"
                           r"(?P<kind>monitor|monitoring\s+group|agency|observatory|rights\s+group|group|organi[sz]ation)", re.I)
_RX_ACR_AFTER = re.compile(r"\s\([A-Z]{2,8}\)")
_UN_AGENCIES = {"UNHCR", "OCHA", "IOM", "OHCHR", "UNICEF", "WHO"}
_MONITOR_ORGS = {"SOHR", "ACLED", "AAPP", "Human Rights Watch", "Amnesty International", "HURFOM"}


_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*")


def _chain_near(text: str, places: list[PlaceRef], pos: int) -> list[PlaceRef]:
    """Adjacent place mentions around the one nearest to pos ("Kyainseikgyi Township, Karen State")."""
    chains: list[list[PlaceRef]] = []
    for p in places:
        if chains:
            last = chains[-1][-1]
            gap = text[last.end:p.start]
            # (a country is never in or of another: "refugees from Sudan in Chad"; a list of
            # countries stays one: "Burkina Faso and Mali")
            if len(gap) <= 14 and _RX_20.fullmatch(gap) \
                    and not (last.level == p.level == "country" and not _LIST_GAP.fullmatch(gap)):
                chains[-1].append(p)
                continue
        chains.append([p])
    after = [c for c in chains if c[0].start >= pos]
    before = [c for c in chains if c[0].start < pos]
    cand = None
    if after and (after[0][0].start - pos) < 120:
        cand = after[0]
    elif before:
        cand = before[-1]
    elif after:
        cand = after[0]
    return cand or []


_NSAG_PHRASE = re.compile(r"(?:people|local)[’']?s?\s+defen[cs]e\s+force|armed\s+groups?|liberation\s+army", re.I)


def group_class(group: str | None) -> str:
    if not group:
        return "unknown"
    if _NSAG_PHRASE.search(group):
        return "non_state_armed_group"  # "People's Defence Force members", "armed group fighters"
    # who they all are: the head before a subset ("people, including a child" are not children)
    head = _SUBSET_TAIL.split(group, maxsplit=1)[0] or group
    words = set(_RX_13.findall(head.lower()))
    for cls, ws in L.GROUP_CLASSES:
        if words & ws:
            if cls == "civilians" and words <= {"people", "persons", "individuals", "others", "more"}:
                return "unknown"
            if cls == "children" and words & _ADULTS:
                return "civilians"  # "women and children"
            return cls
    return "unknown"


_SUBSET_TAIL = re.compile(r"\s*,?\s*\b(?:including|incl\.|among\s+(?:them|whom)|mostly|mainly|many\s+of\s+(?:them|whom)|"
                          r"most\s+of\s+(?:them|whom)|some\s+(?:of\s+them|believed))\b|\s*\(", re.I)
_ADULTS = frozenset("men women adults elderly parents mothers fathers teachers teacher man woman".split())


# Patterns of inline re calls, compiled once at import (hoisted from the functions above).
_RX_0 = re.compile(r"\b(?:could|would|not|cannot|remain|remains|to be|According)\b")
_RX_1 = re.compile(r"^(?:with|by|from|while|as|and)\s+")
_RX_2 = re.compile(r"^(?:in\s+(?:a|an|its|the)\s+\w+\s*,?\s*)", re.I)
_RX_3 = re.compile(r"^(?:the\s+)?([A-Z][A-Za-z]{1,9})[’']s\b")
_RX_4 = re.compile(r"\b(?:were|was|are|is|have|has|had|killed|injured|displaced|arrested|been|fled|could|would|not|cannot|can|"
                  r"died|wounded|detained|"  # (", a monitor, said three fighters died": what was said, not who)
                  r"deaths?|casualties|fatalities|injuries|bodies)\b", re.I)  # ("2,300 civilian deaths verified")
_RX_5 = re.compile(r"[\d,().\s]+")
_RX_6 = re.compile(r"\s+(?:who|which|that|on\s+condition|in\s+a\s+(?:statement|post|report))\b")
_RX_7 = re.compile(r"[a-z]+(?:ed|ing)")
_RX_8 = re.compile(r"\s+to\s+(?:have|be)\b")
_RX_9 = re.compile(r"\b(?:the|a|an|its|their|this|that|latest|new|daily|annual|weekly|his|her|for|of|on|over|with|about)\s+$",
                   re.I)  # (a noun or adjective, not a verb: "the latest report", "arrested for alleged links")
_RX_10 = re.compile(r"(?:which|who)\b")
_RX_11 = re.compile(r"\b(?:have|has)\s+been\b|\bremain|\bcurrently|\bnow\b|\bhave\s+(?:fled|crossed|sought)|\bstill\b|"
                    r"\bare\s+(?:taking\s+shelter|sheltering|staying|living|being\s+hosted|hosted)\b", re.I)
_RX_12 = re.compile(r"(?:[Tt]he\s+)?([A-Z]{2,8})")
_RX_13 = re.compile(r"[a-z0-9\-]+")
_RX_14 = re.compile(r"[A-Z]{2,}|Ministry|Government|government|[Aa]uthorit|[Oo]ffice|[Cc]ouncil|[Aa]dministration|[Oo]bservatory")
_RX_15 = re.compile(r"\b(?:and|but|while|as|that|when|after|where)\s+(?=[A-Z]|the\s|a\s)")
_RX_16 = re.compile(r"((?:[A-Z][\w’'\-\.&]*|of|the|for|and|\([A-Z]+\))(?:\s+(?:[A-Z][\w’'\-\.&]*|of|the|for|and|\([A-Z]+\))){0,9})\s*,\s*$")
_RX_17 = re.compile(r"(?:a|an)\s")
_RX_19 = re.compile(r"((?:[A-Z][\w’'\-\.&]*)(?:\s+(?:[A-Z][\w’'\-\.&]*|of|the|for|and)){0,6})\s*,\s*$")
_RX_20 = re.compile(r"\s*(?:,|in|of|and|’s|'s|near|,\s*and|in\s+the|of\s+the|\(|\)|\s)*\s*")
_RX_21 = re.compile(r"(?:’s|'s)?\s+(?:[a-z]|Junta|Army|Armed|Military|Government|Now|Witness|National|Police)")
_RX_23 = re.compile(r"\s+(?:in|on|at|since|from|to|and|as|after|before|during|for|over|with|by)\b")
# (since as so to up until in a total overall cumulative this death bringing the already are is
# have has war conflict fighting violence crisis insurgency offensive over across nationwide
# countrywide throughout by from between)
_CUM_RE_LC = _first_letters(_lc(_CUM_RE), "abcdfhinostuvw")
# (only its truth is used: the same strings, prefix-factored)
_DAY_EVENT_LC = re.compile(r"\b" + trie_alternation(
    ["today", "yesterday", "tonight", "this morning", "last night"]
    + ["on " + d for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")]) + r"\b")
_SUPERLATIVE_SINCE_LC = _lc(_SUPERLATIVE_SINCE)
_STOCK_PRESENT_LC = _first_letters(_lc(_STOCK_PRESENT), "ahir")  # (are is remain have has)
_STILL_LC = _lc(_RX_11)
_ASOF_RE_LC = _lc(_ASOF_RE)
_SINCE_EVENT_RE_LC = _lc(_SINCE_EVENT_RE)
_SINCE_DATE_RE_LC = _lc(_SINCE_DATE_RE)
_ACCORDING_LC = _lc(_ACCORDING)
_RX_4_LC = _lc(_RX_4)
_PLACE_SRC_LC = _lc(_PLACE_SRC)

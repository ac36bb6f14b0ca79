"""The links stage: which number or named victim in a sentence counts whom, and how.

Where the sentence was parsed (every sentence with a harm verb), the attachment patterns over
its dependency parse (service.extract.roles) decide first which harm word governs a number's
phrase and in which role: a patient counts, an agent ("three gunmen shot and killed a farmer")
and the whole of a partitive ("four of the five hostages") do not. Where no pattern attaches the
phrase (verbless lists, headlines, key-figure tables, displacement sentences that are not
parsed), rules over the sentence's tokens decide. Victims named without a numeral come from
patterns over the parse too (service.extract.victims). For each count-like number of a
candidate sentence, in this order:
  (a) a transitive harm verb or a harm noun + of/to just before it: "killing at least 18",
      "arrested 11 residents", "the death of around 20 civilians", "injury to two children";
  (t) a running total: "the death toll rose to 45", "the number of displaced reached 441,500";
  (c) a predicate after its noun phrase: "seven resistance fighters were killed",
      "45 troops killed or injured", "(3) heroes ..., who died today", "four children were
      among the dead"; a coordination shares its predicate ("90 soldiers and eight fighters were
      killed", "(7) women and (41) men, were killed");
  (d) a sub-total or list item after an earlier figure of the same sentence: "including seven
      children", "three of them in Yangon", "91,900 in Kayah State, 48,700 in Shan State";
  (b) a harm noun in its own noun phrase: "114 deaths", "12 dead", "5,400 new IDPs";
and a victim named without a numeral is (v): value 1 (2 for a pair), unless inside a counted phrase.
Numbers before non-people ("19 houses", "50 bombs", "three days", "110km") and numbers in
quotas, rates, sentences, warrants, aid and return figures are dropped.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import itemgetter
from typing import TYPE_CHECKING

import msgspec

from service.extract import lexicon as L
from service.extract import roles, victims
from service.extract.candidates import Candidates
from service.extract.sentences import Sentences
from service.places.names import DEMONYMS
from service.text.numbers import NumberMention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\w\s]", re.UNICODE)


class Tok(msgspec.Struct, gc=False):
    """One token of a sentence (a msgspec Struct: built several times faster than a dataclass)."""

    low: str
    start: int
    end: int
    num: int = -1           # index into the sentence's numbers, or -1
    cap: bool = False
    count: bool = False     # a number read as a count (False for words, dates, ages...)


@dataclass(slots=True)
class Link:
    num: NumberMention
    metric: str
    how: str                 # a | t | c | d | b
    trig_start: int
    trig_end: int
    np_start: int | None = None
    np_end: int | None = None
    np_words: list[str] = field(default_factory=list)
    tok_index: int = 0
    pred_tok: int = -1       # index of the predicate/trigger token
    part_of: NumberMention | None = None  # an "including" item: the number of the count it is part of
    # a count joined by "and" to the object of the harm before it: a sibling, added ("killed 3
    # rebels and 2 civilians"), not a breakdown ("killed 11 people, 4 children and 7 women")
    coordinated: bool = False


_TOKEN_SPLIT = re.compile("(" + _TOKEN_RE.pattern + ")")
_FIRST_CHAR = itemgetter(0)


def _seg_tokens(text: str, a: int, b: int, toks: list[Tok], lows: list[str]) -> None:
    """Append the tokens of text[a:b] (the token regex has no lookaround: a slice reads the same)
    and their lower-case forms. split() gives gap, token, gap, ..., gap; the positions are the
    running sums of their lengths."""
    parts = _TOKEN_SPLIT.split(text[a:b])
    if len(parts) == 1:
        return
    offs = list(accumulate(map(len, parts), initial=a))
    raws = parts[1::2]
    # an all-caps "IS" is the Islamic State, not the verb ("56 BH/IS fighters were killed")
    low = [("isil" if r == "IS" else r.lower()) for r in raws] if "IS" in raws else list(map(str.lower, raws))
    lows.extend(low)
    toks.extend(map(Tok, low, offs[1::2], offs[2::2], repeat(-1), map(str.isupper, map(_FIRST_CHAR, raws))))


def tokenize(text: str, s: int, e: int, nums: list[NumberMention]) -> tuple[list[Tok], list[str], list[int]]:
    """The sentence's tokens (each number expression one "#num" token, read as a count until
    rejected), their lower-case forms, and the indices of the number tokens."""
    toks: list[Tok] = []
    lows: list[str] = []
    num_toks: list[int] = []
    pos = s
    for k, n in enumerate(nums):
        if n.start > pos:
            _seg_tokens(text, pos, n.start, toks, lows)
        num_toks.append(len(toks))
        toks.append(Tok("#num", n.start, n.end, k, False, True))
        lows.append("#num")
        pos = n.end
    if e > pos:
        _seg_tokens(text, pos, e, toks, lows)
    drop = _scare_quotes(lows) if ('"' in lows or "“" in lows) else None
    if drop:
        toks = [t for k, t in enumerate(toks) if k not in drop]
        lows = [w for k, w in enumerate(lows) if k not in drop]
        num_toks = [k for k, w in enumerate(lows) if w == "#num"]
    return toks, lows, num_toks


_OPEN_Q = {'"', "“"}
_CLOSE_Q = {'"', "”"}
_QUOTE_MARKS = frozenset(_OPEN_Q | _CLOSE_Q | {"'", "‘", "’"})


def _scare_quotes(lows: list[str]) -> set[int]:
    """Indices of quote marks around one to three words: scare quotes, not a quotation ('killed 15
    "terrorists"' reads as 'killed 15 terrorists')."""
    drop: set[int] = set()
    n = len(lows)
    k = 0
    while k < n:
        if lows[k] in _OPEN_Q:
            for q in range(k + 2, min(n, k + 5)):
                if lows[q] in _CLOSE_Q:
                    if all(lows[x][:1].isalpha() for x in range(k + 1, q)):
                        drop.update((k, q))
                        k = q
                    break
                if not lows[q][:1].isalpha():
                    break
        k += 1
    return drop


_PUNCT_STOP = {".", ";", ":", "(", ")", "!", "?", "[", "]", "“", "”", '"', "|", "•"}
_DASHES = {"-", "–", "—"}


def _closes_dash(w: str, opening: str) -> bool:
    """Whether token w closes an aside opened by the dash `opening`: an en or em dash by either, a
    hyphen only by a hyphen (the one inside "two-thirds" closes no em dash)."""
    return w == opening or (w in _DASHES and w != "-" and opening != "-")
_FUNC = {"a", "an", "the", "another", "additional", "other", "further", "more", "total", "of", "some",
         "estimated", "over", "about", "all", "those", "these", "its", "their", "his", "her", "nearly",
         "my", "our", "your",  # (a survivor's own: "they killed my two brothers")
         "'", "‘", "“", '"', "only", "just"}


_SENTENCING = {"sentenced", "sentence", "sentences", "sentencing", "condemned", "condemn", "condemns", "convicted",
               "convicts"}


def _sentencing_before(toks: list[Tok], j: int, reach: int = 8) -> bool:
    """A sentencing verb in the clause before token j ("sentenced [seven activists] to")."""
    for q in range(j - 1, max(-1, j - 1 - reach), -1):
        w = toks[q].low
        if w in _SENTENCING:
            return True
        if w in (".", ";", ":", "!", "?"):
            return False
    return False


def _blocked_trigger(toks: list[Tok], i: int) -> bool:
    """Triggers inside phrases that are not harm: 'evading arrest', 'arrest warrant', 'sentenced to death'."""
    w = toks[i].low
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if w in ("arrest", "arrests", "arrested") and (prev in ("evading", "evade", "evaded", "avoid", "avoiding", "escape", "escaping", "resisting") or nxt in ("warrant", "warrants")):
        return True
    if w in ("death", "deaths") and prev == "to" and _sentencing_before(toks, i - 1):
        return True  # "sentenced 7 students to death": a sentence, not a killing ("beaten 5 to death" is)
    if w == "death" and nxt in ("sentence", "sentences", "row", "penalty", "threats", "threat"):
        return True
    if w in ("release", "released", "releases") and nxt in ("statement", "report", "reports", "video", "footage", "figures", "data", "list"):
        return True
    if w in ("release", "released") and prev in ("press", "news"):
        return True
    if w in ("drafted", "draft") and nxt in ("law", "bill", "plan", "proposal", "resolution", "statement", "constitution"):
        return True
    if w in ("missing",) and nxt in ("out", "from", "link", "data", "piece"):
        return True
    if w in ("cross", "crossed", "crossing") and nxt in ("fire", "crossfire", "section", "roads", "points", "point"):
        return True
    if w in ("fled",) and nxt in ("with",):
        return False
    return False


def _is_trigger(toks: list[Tok], i: int) -> str | None:
    w = toks[i].low
    m = L.VERBS.get(w)
    if m and not _blocked_trigger(toks, i):
        return m
    return None


def _combined(toks: list[Tok], i: int, metric: str) -> tuple[str, int]:
    """'killed or injured' / 'dead or wounded' -> killed_or_injured; returns (metric, last token)."""
    if i + 2 < len(toks) and toks[i + 1].low in ("or", "and/or", "/") and metric in ("killed", "injured"):
        m2 = L.VERBS.get(toks[i + 2].low) or L.NOUNS.get(toks[i + 2].low)
        if m2 in ("killed", "injured") and m2 != metric:
            return "killed_or_injured", i + 2
    return metric, i


# Every first word a rule of _shot starts with: any other word returns None at once.
_SHOT_FIRST = frozenset("""shot gunned beaten burned burnt hacked stabbed tortured lost taken took held
had suffered sustained received abandoned abandoning embraced embrace embraces embracing attained achieved sent whereabouts
unaccounted went set rounded called call calling leave leaving fled flee fleeing behind forcibly forced forcing taking
take sought seeking seek with treated
hospitalised hospitalized found find camped registered gone go goes going rendered made left rushed admitted
airlifted brought evacuated regained regain regains regaining""".split())


def _shot(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """'shot dead', 'shot and killed', 'gunned down', 'shot in the head' (injured)."""
    w = toks[i].low
    if w not in _SHOT_FIRST:
        return None
    n = len(toks)
    nxt = toks[i + 1].low if i + 1 < n else ""
    if w in ("shot", "gunned", "beaten", "burned", "burnt", "hacked", "stabbed", "tortured"):
        if nxt in ("dead", "down") and w in ("shot", "gunned"):
            return "killed", i + 1
        if nxt == "to" and i + 2 < n and toks[i + 2].low == "death":
            return "killed", i + 2
        if nxt == "alive" and w in ("burned", "burnt"):
            return "killed", i + 1
        if nxt == "and" and i + 2 < n and toks[i + 2].low in ("killed", "wounded", "injured"):
            return L.VERBS[toks[i + 2].low], i + 2
        if w == "shot" and nxt in ("in", "on", "through") and i + 3 < n and toks[i + 2].low in ("the", "his", "her", "their") \
                and toks[i + 3].low in ("thigh", "leg", "legs", "arm", "arms", "hand", "hands", "foot", "feet", "shoulder", "knee", "ankle"):
            return "injured", i + 3
    if w in ("lost",) and nxt in ("their", "his", "her") and i + 2 < n and toks[i + 2].low in ("lives", "life"):
        return "killed", i + 2
    if w in ("lost", "left", "leave", "leaving", "abandoned", "abandoning") and nxt in ("their", "his", "her") \
            and i + 2 < n and toks[i + 2].low in ("homes", "home", "houses"):
        return "displaced", i + 2  # "500 families have lost their homes", "150,000 people left their homes"
    if w in ("had", "suffered", "sustained", "received") and i + 2 < n:
        # "40 refugees had gunshot wounds", "12 suffered serious injuries"
        q = i + 2 if nxt in ("gunshot", "bullet", "shrapnel", "burn", "stab", "serious", "severe", "minor", "critical") else i + 1
        if q < n and toks[q].low in ("wounds", "injuries") and (q == i + 2 or w != "had"):
            return "injured", q
    if w in ("taken", "took", "held") and nxt == "hostage":
        return "abducted", i + 1
    if w in ("unaccounted",) and nxt == "for":
        return "missing", i + 1
    if w in ("went", "gone", "go", "goes", "going") and nxt == "missing":  # "have gone missing"
        return "missing", i + 1
    if w in ("set",) and nxt == "free":
        return "released", i + 1
    if w in ("regained", "regain", "regains", "regaining"):
        # "23 of the 61 villagers regained (their) freedom": released
        q = i + 2 if nxt in ("their", "his", "her") else i + 1
        return ("released", q) if q < n and toks[q].low == "freedom" else None
    if w in ("rounded",) and nxt == "up":
        return "detained", i + 1
    if w in ("called", "call", "calling") and nxt == "up":
        return "conscripted", i + 1  # "the junta called up 5,000 reservists"
    if w in ("taken", "took", "take", "taking") and nxt == "away":
        return "detained", i + 1  # "soldiers took away 14 men"
    if w in ("left", "fled", "leave", "leaving", "fleeing", "flee") and nxt == "the" and i + 2 < n and toks[i + 2].low == "country":
        return "refugees", i + 2  # "300,000 people have left the country": across a border
    if w in ("taken", "took") and nxt == "into" and i + 2 < n and toks[i + 2].low in ("custody", "detention"):
        return "detained", i + 2
    if w in ("taken", "took") and nxt == "alive":
        return "detained", i + 1
    if w in ("behind",) and nxt == "bars":
        return "detained", i + 1
    if w in ("forcibly", "forced") and nxt in ("recruited", "conscripted", "drafted"):
        return "conscripted", i + 1
    if w in ("forced", "forcing") and nxt == "to" and i + 2 < n and toks[i + 2].low in ("flee", "leave", "abandon", "evacuate"):
        return "displaced", i + 2
    if w in ("forced", "forcing") and nxt == "into" and i + 2 < n and toks[i + 2].low == "displacement":
        return "displaced", i + 2
    if w in ("forced", "forcing") and nxt == "to" and i + 2 < n and toks[i + 2].low in ("join", "fight", "serve"):
        return "conscripted", i + 2
    if w in ("took", "taken", "taking", "take", "sought", "seeking", "seek") and nxt in ("refuge", "shelter"):
        return "displaced", i + 1
    if w in ("sought", "seeking", "seek") and nxt in ("protection", "asylum"):
        return "refugees", i + 1
    if w in ("taking", "taken", "took") and nxt == "shelter":
        return "displaced", i + 1
    if w in ("with",) and nxt in ("wounds", "injuries", "gunshot", "bullet", "burn"):
        return "injured", i + 1
    if w in ("treated", "hospitalised", "hospitalized") and (nxt in ("in", "at", "for") or w != "treated"):
        return "injured", i
    if w in ("taken", "rushed", "admitted", "airlifted", "brought", "evacuated") and nxt == "to":
        q = i + 2
        while q < n and q < i + 4 and toks[q].low in ("a", "the", "local", "nearby", "several", "various"):
            q += 1
        if q < n and toks[q].low in ("hospital", "hospitals"):
            return "injured", q  # "23 people were taken to hospital": hurt, as news reports mean it
    if w in ("rendered", "made", "left") and nxt == "homeless":
        return "displaced", i + 1
    if w in ("found", "find") and nxt in ("shelter", "refuge"):
        return "displaced", i + 1
    if w == "camped" and nxt == "out":
        return "displaced", i + 1
    if w == "registered" and nxt in ("with", "as") and i + 2 < n and toks[i + 2].low in ("unhcr", "refugees", "asylum-seekers"):
        return "refugees", i + 2
    if w in ("embraced", "embrace", "embraces", "attained", "achieved", "embracing") and nxt in ("shahadat", "martyrdom"):
        return "killed", i + 1  # a South Asian army's words for its dead: "four soldiers embraced shahadat"
    if w == "sent" and nxt == "to" and i + 2 < n and toks[i + 2].low == "hell":
        return "killed", i + 2  # ... and for the enemy's: "13 khwarij were sent to hell"
    if w == "whereabouts" and nxt in ("are", "remain", "remains", "is") and i + 2 < n and toks[i + 2].low == "unknown":
        return "missing", i + 2  # "45 people whose whereabouts are unknown"
    return None


def trigger_at(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """The metric stated by a trigger starting at token i, and its last token."""
    r = _shot(toks, i)
    if r:
        return r
    m = _is_trigger(toks, i)
    if m:
        return _combined(toks, i, m)
    return None


def _after_ages(toks: list[Tok], k: int) -> bool:
    """Whether token k follows a list of ages ("aged 4", "aged 4, 7")."""
    j = k - 1
    while j >= 1 and toks[j].num >= 0 and not toks[j].count:
        if toks[j - 1].low in ("aged", "ages", "age"):
            return True
        if toks[j - 1].low not in (",", "and") or j < 2:
            return False
        j -= 2
    return False


# a part of a count whose own harm is a narrower one: "casualties, including 29 killed"
_NARROWER = frozenset({("killed_or_injured", "killed"), ("killed_or_injured", "injured"), ("displaced", "refugees")})
_NEEDS_VERBS = frozenset("need needs require requires lack lacks face faces depend depends rely relies".split())


def _np(toks: list[Tok], j: int, limit: int = 14) -> int:
    """End (exclusive token index) of the noun phrase starting at j."""
    k = j
    n = len(toks)
    steps = 0
    while k < n and steps < limit:
        t = toks[k]
        w = t.low
        if t.count and k > j and toks[k - 1].low in ("from", "in", "at", "across", "into"):
            k += 1  # "300 prisoners from at least (19) prisons were released"
            steps += 1
            continue
        if w == "," and k + 1 < n and toks[k + 1].num >= 0 and not toks[k + 1].count and _after_ages(toks, k):
            k += 1  # "Three children aged 4, 7 and 9 were killed": a list of ages goes on
            steps += 1
            continue
        if t.count or w in _PUNCT_STOP or w == "," or w in L.NP_STOP or w in L.CLAUSE_STOP:
            break
        if (w in L.VERBS and w not in ("displaced", "missing", "wounded", "injured", "killed")
                and not (k == j and w in L.NONPEOPLE)) or (w in L.REPORT_VERBS and w not in ("estimated", "reported", "documented", "recorded", "verified", "confirmed")) or w in L.MODALS_HYPO:
            break
        if w in ("displaced", "missing", "wounded", "injured", "killed") and k > j and toks[k - 1].low not in ("internally", "newly", "the"):
            break
        if w in ("displaced", "missing", "wounded", "injured", "killed") and k == j \
                and not (w == "displaced" and k + 1 < n and toks[k + 1].low in L.PEOPLE):
            break  # ("30 displaced people" is a noun phrase)
        if w == "dead" and k > j:
            break
        if w in _NEEDS_VERBS and "in" not in (toks[k - 1].low, toks[k - 2].low if k >= 2 else ""):  # (not "in dire need")
            break  # a verb of need ends it: "19.5 million people need assistance, and 4.8 million remain displaced"
        if _shot(toks, k):
            break  # ("251 taken hostage", "12 shot dead")
        if w in ("and", "or") and (k + 1 >= n or toks[k + 1].count or toks[k + 1].low in L.VERBS
                                   or toks[k + 1].low in ("a", "an", "one", "their", "his", "her", "its")):
            break  # ("two women and a child", "six children and their teacher": the six are children)
        if w == "and" and k + 3 < n and toks[k + 1].low == "the" and toks[k + 3].low == "of" and trigger_at(toks, k + 2):
            break  # a harm noun with its own victims is the next item: "1 fighter and the injuring of 5 others"
        if w in _DASHES:
            break  # a spaced dash ends the phrase: "9 people — including 4 children — were killed"
        k += 1
        steps += 1
    return k


def _np_head_words(toks: list[Tok], j: int, k: int) -> list[str]:
    """Words of the NP before its first preposition (the head part)."""
    out = []
    for t in toks[j:k]:
        if t.low in ("of", "from", "in", "at", "on", "near", "to", "into", "across", "with", "by", "inside",
                     "including", "among", "for", "within", "along", "between", "outside", "under", "around",
                     "over", "during", "since", "after", "before", "throughout", "this", "last", "next", "per",
                     "following", "amid", "until", "whose", "as", "like", "—", "–", "-") or t.num >= 0:
            break
        out.append(t.low)
    return out


def _non_people(words: list[str]) -> bool:
    for k, w in enumerate(words):
        if w in L.PEOPLE and k + 1 < len(words) and words[k + 1].endswith("ing"):
            return False  # the head, then a participle's phrase: "40 people fleeing the attack"
        if w in L.NONPEOPLE:
            if k + 1 < len(words) and words[k + 1] in L.PEOPLE:
                continue  # a noun before the head: "truck drivers", "camp residents", "school teachers"
            return True
        if w.endswith("-year-old") or w.endswith("-years-old") or w in ("year-old", "years-old"):
            return True
        if w in _UNIT_NOUNS:  # (?:day|week|month|year|hour|km|mile)s?
            return True
    return False


_UNIT_NOUNS = frozenset(u + p for u in ("day", "week", "month", "year", "hour", "km", "mile") for p in ("", "s"))


def _person_of_age(toks: list[Tok], i: int) -> bool:
    """One person "of" the number at i: that person's age ("a boy of seven", "a woman of 80"; not
    "a family of three", a collective noun, nor "one of five")."""
    return i > 2 and toks[i - 1].low == "of" and toks[i - 2].low in victims.PERSON_NOUNS \
        and toks[i - 3].low in ("a", "an", "one", "another")


def _age_context(toks: list[Tok], i: int, text: str, n: NumberMention) -> bool:
    prev = toks[i - 1].low if i > 0 else ""
    prev2 = toks[i - 2].low if i > 1 else ""
    if prev in ("aged", "age", "ages") or (prev in ("of",) and prev2 in ("age", "ages")):
        return True
    if prev in ("between", "under", "over", "above", "below") and prev2 in ("aged", "age"):
        return True
    if prev in ("under", "over", "above") and prev2 in ("the",):
        return False
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    nxt2 = toks[i + 2].low if i + 2 < len(toks) else ""
    after = text[n.end:n.end + 16]
    if _RX_0.match(after):
        return True
    if _RX_1.match(after):
        return True
    # "Kaung Pyae Sone Tun, 23, told" / "Sabal Phyu, 42"
    if prev == "," and i > 1 and toks[i - 2].cap and not n.qualifier and n.value < 110 and not n.parenthesized:
        if nxt in (",", ")") and toks[i - 2].num < 0:
            # a name before the comma: capitalised, not a place or a people-noun
            if toks[i - 2].low not in L.PEOPLE and toks[i - 2].low not in L.NONPEOPLE and i >= 3 and (toks[i - 3].cap or toks[i - 3].low in (",", "(")):
                return True
    # "The woman, 63, was hospitalized", "a man, 54,": one person's age set off by commas
    if prev == "," and nxt in (",", ")") and i > 1 and toks[i - 2].low in victims.PERSON_NOUNS \
            and not n.qualifier and n.value < 110 and not n.parenthesized:
        return True
    if nxt == "years" or (nxt == "-" and nxt2 in ("year", "years")):
        return True
    if _person_of_age(toks, i) and not n.qualifier and n.value < 110:
        return True
    # a decade of life: "two men in their 20s", "a woman in her late 60s"
    if after[:1] in ("s", "'", "’") and n.value % 10 == 0 and 10 <= n.value <= 100 \
            and prev in ("their", "his", "her", "early", "mid", "late", "-"):
        return True
    return False


def _skip_left(toks: list[Tok], i: int, maxn: int = 4) -> int:
    """Index of the first token left of the number after skipping determiners ('a total of')."""
    j = i - 1
    steps = 0
    while j >= 0 and steps < maxn and toks[j].low in _FUNC:
        j -= 1
        steps += 1
    return j


def _others_after(toks: list[Tok], i: int) -> bool:
    """The number i counts the rest of a group: "9 others", "9 more", "20 of his followers"."""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if nxt in ("others", "other", "more"):
        # (not "... were killed and 30 others wounded", "... and 4 others were injured": those have a
        # verb of their own, after an auxiliary or not)
        q = i + 2
        while q < len(toks) and q < i + 5 and toks[q].low in L.AUX:
            q += 1
        return q >= len(toks) or toks[q].low not in L.VERBS
    return nxt == "of" and i + 2 < len(toks) and toks[i + 2].low in ("his", "her", "their", "its", "them", "whom")


_POSSESSIVE = frozenset(("his", "her", "their", "its", "my", "our", "your"))
_PLACE_PREPS = frozenset(("in", "at", "near", "inside", "outside", "across"))


def _people_object(toks: list[Tok], i: int) -> bool:
    """The number i counts people with no verb of their own after them, so a second object of a
    verb before: "a woman and her two children", "a policeman and two passers-by" (not "... and
    two children were injured")."""
    for q in range(i + 1, min(len(toks), i + 4)):
        low = toks[q].low
        if low in L.PEOPLE or low.split("-")[0] in L.PEOPLE or low.endswith("-by") \
                or (low.endswith("s") and low.isalpha() and low not in L.NONPEOPLE and low not in _FUNC):
            nxt = toks[q + 1].low if q + 1 < len(toks) else ""
            if nxt in _PLACE_PREPS:
                # ("killed a teacher and two students in Kani": a place phrase after the object;
                # "... and two students in Kani were injured" has a verb of its own after it)
                k = q + 2
                while k < len(toks) and toks[k].low not in _PUNCT_STOP and toks[k].low not in ("and", "but"):
                    if toks[k].low in _AUX or toks[k].low in L.VERBS:
                        return False
                    k += 1
                return True
            return nxt not in L.AUX and nxt not in L.VERBS
        if low not in _FUNC and not low.isalpha():
            return False
    return False


_OBJECT_BREAK = frozenset(("in", "at", "on", "into", "from", "with", "to", "near", "after", "when", "as", "while"))


# people named by whom they are to others: what is said of them is not said of those others
_RELATIONAL = frozenset(("kidnappers", "abductors", "captors", "killers", "attackers", "relatives", "families",
                         "parents", "lawyers", "representatives", "guardians", "kin", "widows", "mothers"))


def _of_the_people(head: Token) -> bool:
    """The counted phrase is the of-phrase of a subject named by its relation to them ("the
    kidnappers of the 12 students", "relatives of the 5 victims")."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "of":
        return False
    noun = prep.head
    return noun.lower_ in _RELATIONAL and noun.dep_ in ("nsubj", "nsubjpass")


_PERIOD_WORDS = frozenset(("a", "the", "week", "weeks", "month", "months", "year", "years", "day", "days", "ago",
                           "earlier", "before", "previous", "last", "prior"))


def _compared(lowered: list[str], i: int) -> bool:
    """The number at i is what another figure is compared with ("compared with 981", "up from 61,000")."""
    return lowered[max(0, i - 2):i] in (["compared", "with"], ["compared", "to"], ["up", "from"], ["down", "from"],
                                        ["increase", "from"], ["rise", "from"]) \
        or (i > 0 and lowered[i - 1] in ("versus", "vs", "vs."))


def _later_item_of_inclusion(lowered: list[str], i: int) -> bool:
    """The count at i is a later item of a list opened by "including"/"among them" ("7 civilians
    were killed, including a mother and her 3 children")."""
    for q in range(i - 1, max(-1, i - 9), -1):
        w = lowered[q]
        if w in ("including", "among"):
            return q < i - 2
        if w in _PUNCT_STOP or w in L.VERBS or w in L.REPORT_VERBS:
            return False
    return False


def _list_goes_on(toks: list[Tok], i: int) -> bool:
    """The people counted at i are a middle item of a list, another following after "and": "killed
    a village head, his two sons and a farmer" (not "killed a commander, three sources said")."""
    for q in range(i + 1, min(len(toks), i + 5)):
        if toks[q].low in ("and", ","):
            return q > i + 1
        if toks[q].low in _PUNCT_STOP or toks[q].count:
            return False
    return False


def _verb_before_object(toks: list[Tok], j: int, reach: int = 9) -> tuple[str, int, int] | None:
    """The harm verb whose object ends before token j, within its clause and with no number in
    between: "killed [Hamas commander Mohammed Deif] and 90 others"."""
    for q in range(j - 1, max(-1, j - 1 - reach), -1):
        t = toks[q]
        if t.count or t.low in _PUNCT_STOP or t.low in ("including", "among"):
            return None  # ("killed ..., including a mother and her 3 children": a part, the list rules')
        if t.low in L.LEFT_OK and not _blocked_trigger(toks, q):
            if q > 0 and (toks[q - 1].low in _BE_FORMS or toks[q - 1].count):
                # a passive has no object to go on: "have been killed in reprisals and 30,000 ...
                # detained", "33 were killed and 15 injured, and more than 1,500 prisoners escaped"
                return None
            return L.VERBS[t.low], q, q
        if q > 0 and (r := _shot(toks, q - 1)) is not None and r[1] == q:
            return r[0], q - 1, q  # "shot dead a driver and four passengers"
        if t.low in L.VERBS or t.low in L.REPORT_VERBS:
            return None
    return None


_HELD_IN = frozenset("detention custody prison prisons jail jails".split())
_HELD_BY = frozenset("military police administrative pretrial pre-trial state government army junta".split())  # (a name is capitalised)
_BE_FORMS = frozenset("be been being was were is are".split())
_DRIVE_VERBS = frozenset({"forced", "force", "forces", "forcing", "driven", "drove", "drive", "drives", "driving",
                          "chased", "pushed", "expelled", "evicted", "ousted"})
_HOMES = frozenset({"home", "homes", "houses", "villages", "village", "land", "lands", "towns", "town", "area", "areas"})


def _driven_from_homes(toks: list[Tok], i: int, np_end: int, n: NumberMention) -> Link | None:
    """ "Fighting has forced 200,000 people from their homes", "drove 5,000 villagers out of their
    villages": displacement told by a verb of force and where people were driven from."""
    j = i - 1
    while j >= 0 and i - j <= 3 and toks[j].low not in _DRIVE_VERBS:
        if toks[j].low not in _FUNC and toks[j].low not in ("estimated",):
            j = -1
            break
        j -= 1
    if j >= 0 and toks[j].low in _DRIVE_VERBS:
        # (the noun phrase may run on over "from their homes": look inside it too)
        q = next((k for k in range(i + 1, min(np_end + 1, len(toks))) if toks[k].low in ("from", "out")), np_end)
        # ... or across a border: "drove some 580 villagers across the border into Guatemala"
        a = next((k for k in range(i + 1, min(np_end + 1, len(toks) - 2)) if toks[k].low == "across"), None)
        if a is not None and toks[a + 2].low in ("border", "frontier"):
            return Link(n, "refugees", "a", toks[j].start, toks[j].end, tok_index=i, pred_tok=j)
    else:
        # the passive: "12 million people have been forced from their homes"
        j = np_end
        while j < len(toks) and j - np_end < 4 and (toks[j].low in _AUX or toks[j].low == "being"
                                                     or toks[j].low in ("forcibly", "reportedly", "now")):
            j += 1
        if j == np_end or j >= len(toks) or toks[j].low not in _DRIVE_VERBS:
            return None
        q = j + 1
    if q < len(toks) and toks[q].low == "out" and q + 1 < len(toks) and toks[q + 1].low == "of":
        q += 1
    elif q >= len(toks) or toks[q].low != "from":
        return None
    q += 1
    if q < len(toks) and toks[q].low in ("their", "his", "her", "the"):
        q += 1
    if q < len(toks) and toks[q].low in _HOMES:
        return Link(n, "displaced", "a", toks[j].start, toks[j].end, tok_index=i, pred_tok=j)
    return None


_DEMANDED = frozenset("call calls called calling demand demands demanded demanding urge urges urged urging appeal "
                      "appeals appealed appealing seek seeks sought seeking push pushes pushed pushing negotiate "
                      "negotiating negotiated".split())
_CARE = frozenset("hospital hospitals clinic clinics treatment medical care infirmary".split())
_RELEASE_WORDS = frozenset("release releases releasing exchange exchanges exchanging free freeing".split())
_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "monday tuesday wednesday thursday friday saturday sunday last this week".split())


def _noun_before_date(toks: list[Tok], j: int) -> int | None:
    """The token index of the noun a date separates from its "of": "the release [on 2 June] of"."""
    q = j
    while q > 0 and j - q < 4 and (toks[q].low in _MONTH_WORDS or (toks[q].num >= 0 and not toks[q].count)):
        q -= 1
    if q < j and q > 0 and toks[q].low == "on" and toks[q - 1].low in L.NOUN_OF:
        return q - 1
    return None


_HOST_VERBS = frozenset("host hosts hosted hosting shelters sheltering".split())
_NATIONALS = frozenset(d.lower() + "s" for d in DEMONYMS if not d.endswith(("ese", "i", "e"))) \
    | frozenset(d.lower() for d in DEMONYMS if d.endswith(("ese", "i")))


def _foreigners_after(toks: list[Tok], i: int) -> bool:
    """The count at i is of another country's people: "430,000 (registered) Syrians"."""
    q = i + 1
    if q < len(toks) and toks[q].low in ("registered", "displaced"):
        q += 1
    return q < len(toks) and toks[q].cap and toks[q].low in _NATIONALS


def _left_link(toks: list[Tok], i: int) -> tuple[str, int, int] | None:
    """(a) a harm verb or noun+of before the number: returns (metric, trig_tok_start, trig_tok_end)."""
    j = i - 1
    steps = 0
    while j >= 0 and steps < 5:
        w = toks[j].low
        if w in ("of", "to") and j > 0:
            noun = toks[j - 1].low
            if w == "of" and noun not in L.NOUN_OF and (q := _noun_before_date(toks, j - 1)) is not None:
                noun = toks[q].low  # "the release on 2 June of 153 detainees"
                j = q + 1
            if noun in L.NOUN_OF and not (noun in ("release", "releases") and w == "to"):
                if noun in ("death", "deaths") and j > 1 and toks[j - 2].low in ("sentenced", "to", "condemned"):
                    return None
                return L.NOUN_OF[noun], j - 1, j - 1
        if (w in L.LEFT_OK or (steps == 0 and w in ("arrests", "arrest", "release"))) and not _blocked_trigger(toks, j):
            m = L.VERBS[w]
            if j >= 2 and toks[j - 1].low in ("or", "and") and toks[j - 2].low in L.VERBS:
                m1 = L.VERBS[toks[j - 2].low]
                if {m1, m} == {"killed", "injured"}:
                    return "killed_or_injured", j - 2, j
            return m, j, j
        if steps == 0 and w == ":" and (label := _key_label(toks, j)) is not None:
            return label  # key-figure tables: "Killed: 12; injured: 30", "- People held: 87"
        if steps == 0 and w in ("were", "was", "are", "is", "included", "include") and j >= 3 and toks[j - 2].low in ("the", "those") \
                and toks[j - 3].low == "among" and (L.NOUNS.get(toks[j - 1].low) or L.VERBS.get(toks[j - 1].low)):
            return (L.NOUNS.get(toks[j - 1].low) or L.VERBS[toks[j - 1].low]), j - 3, j - 1  # "Among the dead were 11 children"
        if w in ("lost", "lose", "loses", "losing") and i + 1 < len(toks) \
                and (toks[i + 1].low in L.PEOPLE or (i + 2 < len(toks) and toks[i + 2].low in L.PEOPLE)):
            return "killed", j, j  # "the rebels said they lost only 2 fighters"
        if steps == 0 and w in ("included", "include", "includes") and j >= 1 \
                and (L.NOUNS.get(toks[j - 1].low) or L.VERBS.get(toks[j - 1].low)) and not _blocked_trigger(toks, j - 1) \
                and not (i + 1 < len(toks) and (L.NOUNS.get(toks[i + 1].low) or L.VERBS.get(toks[i + 1].low))):
            # ("Casualties included 5 dead and 12 injured": the figure names its own harm)
            return (L.NOUNS.get(toks[j - 1].low) or L.VERBS[toks[j - 1].low]), j - 1, j  # "The dead included 14 women"
        if w in ("burned", "burnt", "burn", "burns", "burning") and steps == 0:
            q = next((q for q in range(i + 1, min(len(toks), i + 5)) if toks[q].low == "alive"), None)
            if q is not None and not any(toks[x].low in L.NP_STOP or toks[x].low in (",", ".") for x in range(i + 1, q)):
                return "killed", j, q  # "troops burned 11 people alive"
        if w in L.WEAK_LEFT and steps == 0:
            return L.WEAK_LEFT[w], j, j
        if w in _HOST_VERBS and _foreigners_after(toks, i):
            return "refugees", j, j  # a country "hosts some 430,000 registered Syrians": refugees
        if (w == "and" or (w == "," and _list_goes_on(toks, i))) \
                and (steps == 0 or (steps == 1 and toks[j + 1].low in _POSSESSIVE)) \
                and (_others_after(toks, i) or _people_object(toks, i)) and j >= 2 and toks[j - 1].low not in L.VERBS:
            got = _verb_before_object(toks, j)
            if got is not None and not (w == "," and any(toks[x].low in _OBJECT_BREAK for x in range(got[2] + 1, j))):
                # "killed a commander and 9 others", "killed a woman and her two children" (and a
                # list after commas, if the verb's object runs to it: not "take shelter in the
                # classrooms, one teacher and a student had been shot")
                return got
        if j > 0:
            r = _shot(toks, j - 1)
            if r and r[1] == j:
                return r[0], j - 1, j
        # "troops kill, burn 11 people"
        if steps == 0 and j >= 2 and toks[j - 1].low in (",", "and") and toks[j - 2].low in L.LEFT_OK \
                and _RX_3.fullmatch(w) and w not in _FUNC and w not in ("with", "including", "in", "on", "at", "as", "by", "from", "for", "among", "while", "then",
                                                                      "and", "or", "but") and not toks[j].cap:
            return L.VERBS[toks[j - 2].low], j - 2, j - 2
        if w in _COLLECTIVE and toks[j + 1].low == "of":
            j -= 1  # "killed a family of three", "abducted a group of 20 farmers": the count is the verb's
            steps += 1
            continue
        if w not in _FUNC:
            return None
        j -= 1
        steps += 1
    return None


_PERPETRATORS = frozenset(("suspects", "suspect", "gunmen", "gunman", "attackers", "attacker", "assailants", "assailant",
                           "perpetrators", "perpetrator", "robbers", "thieves", "kidnappers", "bandits", "raiders",
                           "assassins", "criminals", "culprits", "shooters", "hijackers", "abductors"))
_COLLECTIVE = frozenset(("family", "group", "crowd", "party", "team", "band", "convoy", "busload", "boatload"))
_CELL_START = frozenset((";", ",", "|", "•", "\n", "-"))  # what opens a key-figure cell ("- People held: 87")
# the other words a key-figure label may have besides its harm: who, and how it was counted
_COUNTED_BY = frozenset({"recorded", "documented", "verified", "since"})
_LABEL_WORDS = frozenset({"reported", "recorded", "confirmed", "documented", "verified", "total", "newly",
                          "internally", "estimated", "civilian", "new", "number", "of", "and", "or", "by", "across",
                          "neighbouring", "neighboring", "countries", "country", "abroad", "inside", "outside",
                          "at", "least", "from", "all", "people",
                          # the period a label counts over: "Total killed since coup:", "Killed in 2025:"
                          "since", "coup", "in", "the", "war", "conflict", "so", "far", "to", "date", "this", "year"})


def _key_label(toks: list[Tok], colon: int) -> tuple[str, int, int] | None:
    """The harm a key-figure label names before its colon: "Killed:", "People held:", "Displaced
    people:", "Civilian deaths reported:" -- a cell of up to four words, one of them a harm."""
    harm = None
    j = colon - 1
    if j > 0 and toks[j].low == ")":
        # a qualifier in brackets before the colon: "People displaced (since Nov 2023): 1,200,000"
        k = next((k for k in range(j - 1, max(-1, j - 10), -1) if toks[k].low in ("(", ")")), -1)
        if k < 1 or toks[k].low != "(":
            return None
        j = k - 1
    end = j
    while j >= 0 and toks[j].low not in _CELL_START:
        w = toks[j].low
        m = L.NOUNS.get(w) or L.VERBS.get(w) or L.PRED_ONLY.get(w)
        if m and harm is None:
            harm = (m, j)
        elif m and (m == harm[0] or (j + 1 < colon and toks[j + 1].low == "or")):
            # "Refugees and asylum-seekers:"; "Abducted or detained in 2025:" (the first harm named)
            harm = (m, j) if m != harm[0] else harm
        elif w not in L.PEOPLE and w not in _LABEL_WORDS and not (toks[j].num >= 0 and not toks[j].count) \
                and not toks[j].cap and w not in _MONTH_WORDS:
            # (its period, place and counter may be named: "Killed since April 2023:", "Refugees
            # in neighbouring countries:", "Reported fatalities recorded by ACLED:")
            return None
        if end - j > 9:
            return None
        j -= 1
    if harm is None:
        return None
    word = toks[harm[1]].low
    if word in ("fatalities", "casualties") and not (j < 0 and harm[1] == 0 and end == 0 and word == "fatalities") \
            and not _COUNTED_BY.intersection(x.low for x in toks[j + 1:end + 1]):
        # ("Fatalities: 3" alone opens an event note's total; inside a table it may be anything,
        # unless the label says who counted them or since when: "Reported fatalities recorded by
        # ACLED since April 2023:")
        return None
    return harm[0], harm[1], harm[1]
_MONTH_ABBR = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_PREP_OF_TOLL = frozenset("on in of from across at against".split())


def _toll_link(toks: list[Tok], i: int) -> tuple[str, int, int] | None:
    """(t) 'the death toll has risen to 45', 'displacement ... exceeded 300,000'."""
    j = i - 1
    if j < 0 or toks[j].low not in L.TOLL_LINK:
        return None
    # walk left over link words
    link_words = set()
    while j >= 0 and (toks[j].low in L.TOLL_LINK or toks[j].low in ("has", "have", "had", "now", "already", "a", "new", "high", "the", "further")
                      or (toks[j].count and j > 0 and toks[j - 1].low == "from" and toks[j + 1].low == "to")):
        # (over the count it rose from: "the toll rose from 31 to 36")
        link_words.add(toks[j].low)
        j -= 2 if toks[j].count else 1
    comma_ok = bool(link_words & {"totaling", "totalling", "numbering", "number"}) or (j >= 0 and toks[j].low == "whose")
    lo = max(0, j - 24)
    for k in range(j, lo - 1, -1):
        w = toks[k].low
        if toks[k].count and k + 1 < j and _non_people([toks[k + 1].low]) and k > 0 and toks[k - 1].low in _PREP_OF_TOLL:
            continue  # a count of things inside the subject: "the death toll from the attacks on three communities"
        if (w in (".", ";", "?", "!") and not (w == "." and k > 0 and toks[k - 1].low in _MONTH_ABBR)) or toks[k].count:
            break  # ("since Oct. 7 has surged to": an abbreviation's dot is no boundary)
        if w == "toll" or w == "tally":
            metric = "killed"
            # "injury toll"
            if k > 0 and toks[k - 1].low in ("injury", "casualty"):
                metric = "injured" if toks[k - 1].low == "injury" else "killed_or_injured"
            return metric, k - 1 if k > 0 and toks[k - 1].low in ("death", "injury", "casualty") else k, k
        if w in ("number", "total", "figures", "figure", "count"):
            for q in range(k + 1, min(k + 7, i)):
                m = L.NOUNS.get(toks[q].low) or L.VERBS.get(toks[q].low)
                if m and not _blocked_trigger(toks, q):
                    if q + 1 < i and (m2 := L.VERBS.get(toks[q + 1].low)) and m2 != m and not _blocked_trigger(toks, q + 1):
                        return m2, k, q + 1  # a participle says what befell them: "the number of hostages freed"
                    return m, k, q
        if w in ("displacement", "displaced", "idps", "refugees", "casualties", "deaths", "dead", "detainees", "arrests"):
            if k + 1 <= j and k >= j - 8 and toks[i - 1].low != "of" and (comma_ok or not any(t.low == "," for t in toks[k + 1:i])):
                return L.NOUNS[w], k, k
    return None


_REVISING = frozenset("raised revised updated corrected lowered adjusted".split())


def _revised_from(toks: list[Tok], k: int) -> int:
    """Where a toll's quote starts: at the verb revising it ("revised the death toll ... to 14"), so
    that the quote says the number updates an earlier count (series_input's toll_update reads it)."""
    j = k - 1 if k > 0 and toks[k - 1].low == "the" else k
    return j - 1 if j > 0 and toks[j - 1].low in _REVISING else k


_HELD = frozenset(("prisoners", "detainees", "inmates", "captives", "hostages"))
_STAY_VERBS = frozenset(("remain", "remains", "remained", "remaining", "live", "lives", "lived", "living", "stay",
                         "stays", "stayed", "staying", "sheltering", "sheltered", "housed", "crammed", "crowded"))
_CAMPS = frozenset(("camps", "camp", "shelters", "shelter", "sites", "site", "settlements", "centres", "centers",
                    "tents", "tarps", "tarpaulins"))
_CAMP_KINDS = frozenset(("displacement", "idp", "idps", "refugee", "emergency", "collective", "evacuation",
                         "temporary", "makeshift", "informal", "transit", "relief"))


def _in_camps(toks: list[Tok], i: int, np_end: int, n: NumberMention) -> Link | None:
    """ "120,000 people remain in camps", "690,400 are living in 149 emergency shelters", "2,000
    ... living under tarps": people who stay in camps, shelters or tents are displaced (a stock).
    A bare "camp" or "site" must say what kind it is ("displacement sites"). Migrants in camps
    are migrants ("20,000 sub-Saharan migrants live in informal camps around Sfax")."""
    if any(t.low in ("migrants", "migrant", "workers") for t in toks[i + 1:np_end]):
        return None
    k = np_end
    while k < len(toks) and k < np_end + 6 and (toks[k].low in L.PEOPLE or toks[k].low in (",", "and")):
        k += 1  # the rest of a coordination: "2,000 men, women and children living under tarps"
    while k < len(toks) and k < np_end + 9 and toks[k].low not in _STAY_VERBS and toks[k].low in L.AUX:
        k += 1  # ("are now living": the lexicon's auxiliaries include now, still, currently)
    if k >= len(toks) or toks[k].low not in _STAY_VERBS:
        return None
    verb = k
    k += 1
    if k >= len(toks) or toks[k].low not in ("in", "at", "inside", "under"):
        return None
    for q in range(k + 1, min(len(toks), k + 6)):
        w = toks[q].low
        if w in _CAMPS:
            kinds = {t.low for t in toks[k + 1:q]}
            if w in ("camps", "shelters", "tents", "tarps", "tarpaulins") or kinds & _CAMP_KINDS:
                return Link(n, "displaced", "c", toks[verb].start, toks[q].end, tok_index=i, pred_tok=verb)
            return None
        if w in _PUNCT_STOP or w == ",":
            return None
    return None


_BRINGING_VERBS = frozenset(("bringing", "brings", "brought", "taking", "takes", "took", "raising", "raises", "raised",
                             "pushing", "pushes", "pushed"))


def _bringing_total(toks: list[Tok], i: int) -> int | None:
    """The token of "total" in "bringing the total (in the state) to N", a total that names no harm
    of its own; None where the words before the number are not that."""
    if i < 3 or toks[i - 1].low != "to":
        return None
    for k in range(i - 2, max(-1, i - 10), -1):
        w = toks[k].low
        if w in _PUNCT_STOP or w == "," or toks[k].count:
            return None
        if w in ("total", "tally", "number", "figure") and k >= 2 and (
                toks[k - 1].low in _BRINGING_VERBS or (toks[k - 1].low in ("the", "its", "overall", "cumulative")
                                                      and toks[k - 2].low in _BRINGING_VERBS)
                or (k >= 3 and toks[k - 1].low in ("overall", "cumulative") and toks[k - 3].low in _BRINGING_VERBS)):
            return k
    return None


def _of_them(toks: list[Tok], j: int) -> bool:
    """Whether the count at j is a part of the people counted before it ("five of them"): its own
    predicate is no complement of theirs ("pushed 57 migrants into the river and five of them
    drowned": 57 did not drown)."""
    return j + 2 < len(toks) and toks[j + 1].low == "of" and toks[j + 2].low in ("them", "those", "these", "whom")


def _predicate(toks: list[Tok], i: int, np_end: int, allow_cross: bool = True) -> tuple[str, int, int] | None:
    """(c) harm predicate after the NP (skipping auxiliaries, relatives, appositions, shared coordinations)."""
    n = len(toks)
    k = np_end
    steps = 0
    saw_aux = False
    crossed = 0
    aside_end = -1  # the closing comma of an apposition crossed
    while k < n and steps < 16:
        t = toks[k]
        w = t.low
        r = trigger_at(toks, k)
        if r:
            if w in ("taken", "held") and k + 1 < n and toks[k + 1].low in ("in", "to", "into", "care", "by") and r[1] == k:
                return None
            if w in ("wounds", "wound") and k == i + 2 and toks[k - 1].low in _WOUND_KINDS:
                return None  # a count of wounds, not of the wounded: "his body bore 14 gunshot wounds"
            if w in L.PRED_ONLY and not saw_aux and w not in L.VERBS and r[1] == k:
                return None  # ("251 taken hostage": the phrase says it all)
            if _dead_after(toks, r[1]):
                return "killed", k, r[1] + 1
            return r[0], k, r[1]
        if w in L.PRED_ONLY and saw_aux:
            if w == "held" and k + 1 < n and toks[k + 1].low == "in" and _HELD_IN.intersection(x.low for x in toks[k + 2:k + 5]):
                return "detained", k, k  # "were held in official detention centres"
            if k + 1 < n and toks[k + 1].low in ("in", "to", "into", "care", "up", "back"):
                return None
            return L.PRED_ONLY[w], k, k
        if w == "dead" and (saw_aux or k == np_end or k == crossed):
            return "killed", k, k
        if w == "as" and (saw_aux or k == np_end) and k + 1 < n and toks[k + 1].low in _AS_STATE \
                and (r := trigger_at(toks, k + 1) or (("killed", k + 1, k + 1) if toks[k + 1].low == "dead" else None)):
            # a count listed as a state: "registered 2,000 people as missing", "45 soldiers were
            # listed as dead"
            return r[0], k + 1, r[1]
        if w in ("in", "under") and saw_aux:
            # "are in detention", "are in Israeli jails", "remain in military custody"
            q = next((q for q in range(k + 1, min(n, k + 4)) if toks[q].low in _HELD_IN), None)
            if q is not None and all(toks[x].cap or toks[x].low in _HELD_BY for x in range(k + 1, q)):
                return "detained", k, q
        if w == "among" and k + 1 < n:
            q = k + 1
            while q < n and q < k + 6 and (toks[q].low in ("the", "those", "them", "people", "persons") or toks[q].count):
                q += 1
            if q < n:
                m = L.NOUNS.get(toks[q].low) or L.VERBS.get(toks[q].low)
                if m:
                    return m, k, q
                q2 = _np(toks, q, 4)
                if q2 < n:
                    r = trigger_at(toks, q2)
                    if r:
                        return r[0], k, r[1]
            return None
        if w == "whose" and k == np_end and k + 1 < n and toks[k + 1].low == "whereabouts" and (r := trigger_at(toks, k + 1)):
            return r[0], k + 1, r[1]  # "45 people whose whereabouts are unknown"
        if w == "rescued" and saw_aux and k + 2 < n and toks[k + 1].low in ("or", "and") and trigger_at(toks, k + 2):
            k += 2  # "have since been rescued or freed": the harm word after the coordination says it
            steps += 1
            continue
        if w in L.AUX or (saw_aux and MANNER_ADVERB.fullmatch(w)):
            saw_aux = True  # ("had been extrajudicially executed")
            k += 1
            steps += 1
            continue
        if w in ("not", "no", "never") or w in L.MODALS_HYPO or w in L.RETURN_VERBS:
            return None
        if w == ",":
            nxt = toks[k + 1] if k + 1 < n else None
            if nxt is None:
                return None
            # an apposition that names who they all were: ", all civilians,", ", all of them children,"
            all_noun = nxt.low == "all" and k + 2 < n and (
                toks[k + 2].low in L.PEOPLE
                or (k + 4 < n and toks[k + 2].low == "of" and toks[k + 3].low == "them" and toks[k + 4].low in L.PEOPLE))
            if (nxt.low in ("who", "which", "that", "were", "was", "are", "have", "had", "all", "had") and not all_noun) \
                    or (k == aside_end and trigger_at(toks, k + 1)):
                # (the verb right after an apposition's closing comma: "Two refugees, an elderly
                # woman and a boy, died in the fire")
                k += 1
                steps += 1
                continue
            if allow_cross and (nxt.count or (nxt.low == "and" and k + 2 < n and toks[k + 2].count)):
                if _of_them(toks, k + (1 if nxt.count else 2)):
                    return None
                k = crossed = _np(toks, k + (1 if nxt.count else 2) + 1)  # ("7 rebels, 2 soldiers dead")
                steps += 1
                continue
            if not saw_aux and (nxt.low in ("including", "mostly", "most", "many", "the", "among", "incl", "some", "mainly", "both", "a", "an") or not nxt.count):
                # apposition: ", including pro-democracy activists and civilians, have been killed"
                q = k + 1
                while q < n and q < k + 14 and toks[q].low not in (",", ".", ";", ":", "(", ")") \
                        and (not toks[q].count or nxt.low in ("including", "incl", "among") or _person_of_age(toks, q)):
                    if trigger_at(toks, q) or (toks[q].low in L.NP_STOP and not (all_noun and q == k + 1)):
                        break
                    q += 1
                if q >= n or (toks[q].low != "," and not (k > 0 and toks[k - 1].low in L.PEOPLE)):
                    return None
                k = aside_end = q
                steps += 1
                continue
            return None
        if w in ("and", "or", ";") and allow_cross and k + 1 < n and toks[k + 1].count and not saw_aux:
            if _of_them(toks, k + 1):
                return None
            if w == ";" and (q := _np(toks, k + 2)) < n and toks[q].low in L.AUX:
                return None  # a clause of its own: "274 suspects to the judiciary; 31 have been arrested"
            k = _np(toks, k + 2)
            crossed = k  # ("left 3 fighters and 1 policeman dead": the coordination's complement)
            steps += 1
            continue
        if w in ("and", "or") and not saw_aux and k == np_end and k + 1 < n \
                and toks[k + 1].low in ("a", "an", "one", "their", "his", "her", "its"):
            k = _np(toks, k + 2)  # a shared predicate: "six children and their teacher were killed"
            steps += 1
            continue
        if w in _DASHES and not saw_aux and k == np_end:
            # an apposition between dashes: "Nine people — including four children — were killed"
            # (closed by a dash of its kind: "200,000 people—over two-thirds of the population—have")
            q = k + 1
            while q < n and q < k + 14 and not _closes_dash(toks[q].low, w) and toks[q].low not in (".", ";", ":", "(", ")"):
                if trigger_at(toks, q) or toks[q].low in L.NP_STOP:
                    return None
                q += 1
            if q < n and _closes_dash(toks[q].low, w):
                k = q + 1
                steps += 1
                continue
            return None
        if w == "(" and not saw_aux and k == np_end and k + 3 < n and toks[k + 1].count \
                and toks[k + 2].low in _HEADCOUNT_UNITS and toks[k + 3].low == ")":
            # the same people counted in another unit: "11,500 people (2,300 households) were displaced"
            k = crossed = np_end = k + 4
            steps += 1
            continue
        if w == ")" and not saw_aux and k == np_end and i > 0 and toks[i - 1].low == "(":
            # ... and the count in the brackets shares the predicate after them: "2,300 households
            # (approximately 11,500 people) were displaced"
            k = crossed = np_end = k + 1
            steps += 1
            continue
        if w == "(" and not saw_aux and k == np_end:
            # an aside in brackets: "left 3 TMF fighters (including the director of the council) dead"
            q = k + 1
            while q < n and q < k + 16 and toks[q].low not in (")", ".", ";", ":", "("):
                if trigger_at(toks, q) or toks[q].count:
                    return None
                q += 1
            if q < n and toks[q].low == ")":
                k = crossed = np_end = q + 1
                steps += 1
                continue
            return None
        if w in ("in", "from", "at", "near", "on") and not saw_aux:
            q = k + 1
            while q < n and q < k + 5 and (toks[q].cap or toks[q].low in ("the", "’s", "'s", "of")):
                q += 1
            if q > k + 1:
                k = q
                steps += 1
                continue
            return None
        return None
    return None


_WOUND_KINDS = frozenset("gunshot bullet stab knife shrapnel machete entry exit".split())
_HEADCOUNT_UNITS = frozenset("people persons individuals households families hhs".split())
_AS_STATE = frozenset("missing dead killed wounded injured disappeared detained captured abducted kidnapped "
                      "hostages prisoners casualties displaced refugees".split())


def _rate_later(tail: list[str]) -> bool:
    """'every day' / 'per week' later in the clause (before a comma or full stop)."""
    for q in range(len(tail) - 1):
        w = tail[q]
        if w in (",", "."):
            return False
        if w in ("every", "each", "per") and tail[q + 1] in L.RATE_WORDS:
            return True
    return False


def _euphemism(toks: list[Tok], i: int, np_end: int, n: NumberMention) -> Link | None:
    """'the army neutralized 35 terrorists', '10 assailants were eliminated' (a people head only)."""
    j = _skip_left(toks, i)
    if j >= 0 and toks[j].low in L.EUPHEMISMS:
        return Link(n, "killed", "a", toks[j].start, toks[j].end, tok_index=i, pred_tok=j)
    k, nt = np_end, len(toks)
    for q in range(i + 2, min(np_end + 1, nt)):
        # a headline's passive drops its auxiliary: "More than 40 terrorists neutralised in
        # Boulkessi" (not "5 soldiers neutralised 40 terrorists", whose object follows)
        if toks[q].low in L.EUPHEMISMS and toks[q].low.endswith("ed") and toks[q - 1].low in L.EUPHEMISM_HEADS \
                and (q + 1 >= nt or toks[q + 1].low in _HEADLINE_PASSIVE_NEXT):
            return Link(n, "killed", "c", toks[q].start, toks[q].end, tok_index=i, pred_tok=q)
        if toks[q].low not in L.EUPHEMISM_HEADS and not toks[q].low.isalpha():
            break
    saw_aux = False
    while k < nt and k < np_end + 5:
        w = toks[k].low
        if w in L.EUPHEMISMS and saw_aux:
            return Link(n, "killed", "c", toks[k].start, toks[k].end, tok_index=i, pred_tok=k)
        if w not in L.AUX:
            break
        saw_aux = True
        k += 1
    return None


_SURVIVED = frozenset("survived survive survives unharmed unhurt spared".split())
_NUMBER_PUT = re.compile(r"(?:.*\s)?(?:put|puts|putting|placed|places|placing|estimated|estimates)\s+the\s+"
                         r"(?:total\s+|overall\s+)?number$")


_HEADLINE_PASSIVE_NEXT = frozenset(("in", "on", "at", "near", "by", "during", "after", "as", ",", ".", ":", ";", "-",
                                    "–", "—", "|"))


def _gapped_item(toks: list[Tok], i: int, prev: Link) -> bool:
    """ "Kachin State hosts 120,000 IDPs, Shan State 80,000 and Sagaing 60,000": number i is an
    item of a list that leaves out its first item's verb and noun, labelled by the place written
    right before it, and ends there."""
    j = i - 1
    if j <= prev.tok_index or (i + 1 < len(toks) and toks[i + 1].low not in (",", "and", ".", ";")):
        return False
    if toks[j].low in ("another", "further") and j - 1 > prev.tok_index:
        j -= 2 if toks[j - 1].low == "a" else 1  # "; in April, another 150."
        if toks[j].low != ",":
            return False
    if toks[j].low == "," and j - 1 > prev.tok_index and toks[j - 1].cap:
        # the label is a place or a time set off by its comma: "; in April, another 150", "and in
        # Magway, 512"
        q = j - 1
        while q > prev.tok_index and q > j - 5 and toks[q].cap:
            q -= 1
        return q - 1 > prev.tok_index and toks[q].low in ("in", "on", "at") and toks[q - 1].low in (",", "and", ";")
    if toks[j].cap:
        q = j
        while q > prev.tok_index and q > j - 4 and toks[q].cap:
            q -= 1
        return q > prev.tok_index and toks[q].low in (",", "and")
    # ... or by a part of the land after "the": "The north hosts 52,000 displaced people and the east 31,000"
    q = j
    while q > prev.tok_index and q > j - 3 and (toks[q].low in _AREA_NOUNS or toks[q].low in _AREA_ADJ):
        q -= 1
    return q < j and toks[j].low in _AREA_NOUNS and q - 1 > prev.tok_index and toks[q].low == "the" \
        and toks[q - 1].low in (",", "and")


_AREA_NOUNS = frozenset("north south east west northeast northwest southeast southwest north-east north-west "
                        "south-east south-west centre center capital city region regions province provinces state "
                        "states district districts camp camps town towns coast border interior rest remainder "
                        "countryside highlands lowlands delta".split())
_AREA_ADJ = frozenset("northern southern eastern western central north-eastern north-western south-eastern "
                      "south-western northeastern northwestern southeastern southwestern coastal".split())


def _parallel_place_item(toks: list[Tok], i: int, prev: Link) -> bool:
    """ "Two people were killed in Kostiantynivka and one in Pokrovsk": number i repeats the count
    before it for another place (its predicate left out), a claim of its own, not a part."""
    n = len(toks)
    # (the item before may itself be one: "136,300 IDPs in Sagaing, 33,800 in Chin and 21,400 in Magway")
    # (or the count of a verb before it: "killed three villagers in Pauk and two in Gangaw")
    anchor = prev.pred_tok if prev.tok_index < prev.pred_tok < i else prev.tok_index \
        if prev.coordinated or 0 <= prev.pred_tok < prev.tok_index else None
    if anchor is None or i < 2 or toks[i - 1].low not in ("and", ",") or i + 2 >= n \
            or toks[i + 1].low not in ("in", "at", "near") or not toks[i + 2].cap:
        return False
    q = i - 2
    # (past a date closing the item before: "in Pauk on 2 May 2024 and two in Gangaw")
    while q > anchor and ((toks[q].num >= 0 and not toks[q].count) or toks[q].low in _DATE_WORDS):
        q -= 1
    last = q
    while q > anchor and toks[q].cap:
        q -= 1
    return q < last and toks[q].low in ("in", "at", "near")


_DATE_WORDS = frozenset("on last this early late morning night evening afternoon week month january february "
                        "march april may june july august september october november december monday tuesday "
                        "wednesday thursday friday saturday sunday".split())


def _without_attribution(words: list[str]) -> list[str]:
    """The words between a count and its item without an attribution set off by commas (", according
    to ACLED,", ", the UN said,"), which says who counted, not what."""
    out: list[str] = []
    k = 0
    while k < len(words):
        if words[k] == ",":
            end = next((q for q in range(k + 1, min(len(words), k + 16)) if words[q] == ","), None)
            if end is not None and (words[k + 1:k + 3] == ["according", "to"] or words[k + 1] in ("said", "says")
                                    or words[end - 1] in ("said", "says", "reported", "added", "stated")):
                k = end  # (its closing comma stays: it may introduce the item)
                continue
        out.append(words[k])
        k += 1
    return out


def _inherit(toks: list[Tok], i: int, prev: Link | None) -> bool:
    """(d) a sub-total/list item: 'including seven children', '91,900 in Kayah State, 48,700 in ...'."""
    if prev is None:
        return False
    gap = toks[prev.tok_index + 1:i]
    if len(gap) > 22:
        return False
    words = _without_attribution([t.low for t in gap])
    j = i - 1
    introducer = toks[j].low if j >= 0 else ""
    # (a colon opens the breakdown of the count before it over a clause on that count: "875
    # Palestinians killed while seeking food: 674 near GHF sites and 201 on the routes")
    colon = introducer == ":" or (introducer == "and" and ":" in words)
    for w in words:
        if (w in L.CLAUSE_STOP - {"as", "since", "during", "following", "amid"} and not colon) or w in L.REPORT_VERBS \
                or w in L.RETURN_VERBS or w in (".", "?", "!"):
            return False
    if introducer == ":":
        # "Killed: 3; Injured: 7; Houses burned: 45": a short label of its own that counts things
        label: list[str] = []
        for t in reversed(gap[:-1]):
            if t.low in (";", ",", "|", "•", "(", ")"):
                break
            label.insert(0, t.low)
        if 0 < len(label) <= 3 and label[0] in L.NONPEOPLE:
            return False
    if introducer in ("including", "incl", "among", "of", "them", "—", "–", "-", ":", "(", ",", ";", "and", "whom"):
        return True
    if _gapped_item(toks, i, prev):
        return True
    if introducer == "as" and j > 0 and toks[j - 1].low == "well":
        return True
    if introducer == "by" and j > 0 and toks[j - 1].low == "followed":
        return True
    # "three of them" is handled by the caller (NP words)
    return False


_INTENT = {"aims", "aim", "plans", "plan", "intend", "intends", "aiming", "expected", "allow", "allows", "allowing",
           "permit", "permits", "authorise", "authorize", "authorises", "authorizes", "empower", "empowers", "would",
           "could", "threatened", "threatens", "vowed", "vows", "pledged", "seeks", "sought", "wants", "tried",
           "attempted", "attempting", "trying"}
_AUX = {"were", "was", "are", "is", "been", "be", "have", "has", "had"}
_LATER = {"later", "subsequently", "since", "then", "eventually", "also", "reportedly"}
# A harm participle before a people noun, and what may happen to such people next
_ATTRIBUTIVE = {"injured", "wounded", "abducted", "kidnapped", "detained", "arrested", "captured", "missing"}
_THEN = {("injured", "killed"), ("abducted", "released"), ("abducted", "killed"), ("detained", "released"),
         ("detained", "killed"), ("missing", "killed")}
def _harm_union(toks: list[Tok], last: int, metric: str) -> bool:
    """Whether the harm ending at token `last` opens a list of harms joined by "or" ("killed,
    injured or captured", "killed or wounded") that names the dead among others."""
    harms, q, joined_or = {metric}, last + 1, False
    while q + 1 < len(toks) and toks[q].low in (",", "or", "and"):
        joined_or = joined_or or toks[q].low == "or"
        r = trigger_at(toks, q + 1)
        if r is None:
            break
        harms.add(r[0])
        q = r[1] + 1
    return joined_or and "killed" in harms and len(harms) > 1


# what may stand between "and" and the second harm of one count: "and later found killed"
_THEN_WORDS = frozenset({"later", "then", "subsequently", "eventually", "also", "reportedly", "allegedly", "was",
                         "were", "been", "being", "had", "found"})
_COMBATANTS = frozenset().union(*(ws for cls, ws in L.GROUP_CLASSES if cls in ("state_forces", "non_state_armed_group")))
def _past_aux(lowered: list[str], q: int) -> int:
    """The first token from q on that is not an auxiliary or a time adverb (at most 4 skipped)."""
    end = min(len(lowered), q + 5)
    while q < end and (lowered[q] in _AUX or lowered[q] in _LATER):
        q += 1
    return q


_FREEING = frozenset("rescued freed released liberated rescue rescues frees".split())


def _what_next(toks: list[Tok], q: int, metric: str) -> tuple[str, int] | None:
    """The harm the predicate at token q states for people already `metric`: its trigger, or
    freedom for captives who were rescued or escaped ("12 of the abducted had escaped")."""
    r = trigger_at(toks, q)
    if r is None and metric in ("abducted", "detained") and toks[q].low in ("rescued", "escaped"):
        return "released", q
    return r


# A manner adverb ("forcibly", "extrajudicially"): skipped between an auxiliary and its verb, and
# before a verb in the subject search
MANNER_ADVERB = re.compile(r"[a-z]{2,}(?:ibly|ably|ally|edly|ately|ently|antly|ively|ously|fully|lessly|arily)")
_BLOCK_AFTER = {"sentenced", "convicted", "warrants", "warrant", "charged", "sentences", "serving", "sentence"}


def _age_list_item(toks: list[Tok], i: int, skipped: set[int]) -> bool:
    """Whether number i continues a list of ages: "aged 6 and 10", "aged 6, 10 and 12"."""
    j = i
    while j >= 2 and toks[j - 1].low in ("and", ",", "or", "to") and (j - 2) in skipped and toks[j - 2].num >= 0:
        j -= 2
        if j >= 1 and toks[j - 1].low in ("aged", "ages", "age"):
            return True
    return False


def _number_ok(toks: list[Tok], i: int, text: str, n: NumberMention, skipped: set[int]) -> bool:
    if n.kind != "count" or n.value <= 0 or n.value > 20_000_000:
        return False
    if _age_context(toks, i, text, n):
        return False
    # "aged 6 and 10": the second of an age pair (not "19 aged 5 to 14, 5 aged 14 to 18, ten
    # children whose age ...": a count of people, its noun or own age after it, is the next item)
    if _age_list_item(toks, i, skipped) \
            and not (i + 1 < len(toks) and (toks[i + 1].low in ("aged", "age") or toks[i + 1].low in L.PEOPLE)):
        return False
    # a population descriptor: "Kathea's 450 residents", "the town's 8,000 people"
    if i >= 1 and (toks[i - 1].low.endswith("’s") or toks[i - 1].low.endswith("'s")):
        return False
    # the population a fraction is taken of: "half of the 2,000 residents fled", "80 per cent of the
    # 300 villagers" (not "some of the 1,000 people the military conscripted": a count of its own)
    # ("none of the 30 passengers was hurt": the 30 are who was spared)
    if i >= 3 and toks[i - 1].low == "the" and toks[i - 2].low == "of" and toks[i - 3].low in _OF_THE_WHOLE:
        return False
    if i >= 2 and toks[i - 1].low == "of" and toks[i - 2].low in ("none", "neither"):
        return False
    # a number a correction takes back: "48 people were injured, not 84", "21, rather than 12",
    # "An earlier version of this story incorrectly said 12 people were killed"
    if i >= 1 and (toks[i - 1].low == "not" and i >= 2 and toks[i - 2].low in (",", "and", "but")
                   or toks[i - 1].low == "than" and i >= 2 and toks[i - 2].low == "rather"
                   or toks[i - 1].low == "of" and i >= 2 and toks[i - 2].low == "instead"):
        return False
    # (a report taken back, not a harm done by mistake: "mistakenly killed six civilians" counts)
    if any(toks[q].low in ("incorrectly", "erroneously", "wrongly", "mistakenly")
           and (toks[q + 1].low in L.REPORT_VERBS or toks[q + 1].low in ("stated", "gave", "put", "listed", "reported"))
           for q in range(max(0, i - 6), i - 1)) \
            or (len(toks) > 3 and [t.low for t in toks[:3]] == ["an", "earlier", "version"]):
        return False
    # the people a reporter heard: "Frontier spoke to 14 displaced people", "interviewed 30 refugees"
    if i >= 1 and (toks[i - 1].low in ("interviewed", "surveyed", "interviewing")
                   or (i >= 2 and toks[i - 1].low in ("to", "with") and toks[i - 2].low in ("spoke", "talked", "speaking",
                                                                                            "talking", "met", "meeting"))):
        return False
    # the speaker: "said one villager" (not "said one woman was killed": the said clause's subject)
    if n.value == 1 and i >= 1 and toks[i - 1].low in L.REPORT_VERBS:
        e = _np(toks, i + 1)
        if e >= len(toks) or toks[e].low not in L.AUX:
            return False
    return True


_FRACTIONS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "tenth", "majority", "minority",
              "proportion", "share", "fraction", "percent", "cent", "%"}
_OF_THE_WHOLE = _FRACTIONS | {"none", "neither"}


# "28 of the 75 victims", "Of the remaining 47 victims, six were ...": a part of people already
# counted, named by a harm noun (or "victims", whose harm is the figure before it)
_PARTITIVE_SKIP = {"remaining", "other", "total", "reported", "confirmed", "civilian", "civilians"}


def _partitive_head(toks: list[Tok], j: int) -> str | None:
    """The head noun of "the [remaining] [N] <noun>" starting at token j ("the")."""
    q = j + 1
    while q < len(toks) and q <= j + 4 and (toks[q].low in _PARTITIVE_SKIP or toks[q].num >= 0):
        q += 1
    return toks[q].low if q < len(toks) else None


def _people_harm(word: str | None, prev: Link | None) -> str | None:
    """The harm of people named by a partitive's head noun."""
    if word in ("victims", "victim"):
        # the harm of the figure before it in the sentence; else the dead, the sense "victims"
        # has in a partitive of a conflict report ("28 of the 75 victims were from the KIA")
        return prev.metric if prev is not None else "killed"
    m = L.NOUNS.get(word or "")
    return m if m and word not in ("lives", "asylum", "missing", "displacement", "displacements") else None


def _partitive(toks: list[Tok], i: int, prev: Link | None) -> str | None:
    """The harm of a count that is a part of people counted before: "28 of the 75 victims", or an
    item after a fronted "Of the remaining 47 victims, ..." ("six were ..., and eight were ...")."""
    nt = len(toks)
    if i + 2 < nt and toks[i + 1].low == "of" and toks[i + 2].low == "the":
        # (only "victims": "four of the five hostages were freed" is the predicate's, later)
        head = _partitive_head(toks, i + 2)
        return _people_harm(head, prev) if head in ("victims", "victim") else None
    # a fronted "Of the ... <noun>," opening the sentence, then counts and "were"
    if i + 1 < nt and toks[i + 1].low in ("were", "was") and len(toks) > 2 and toks[0].low == "of" \
            and toks[1].low == "the":
        comma = next((q for q in range(2, min(i, 8)) if toks[q].low == ","), None)
        # (words, numbers and commas up to the count: no other punctuation opens a new clause)
        if comma is not None and all(t.low == "," or t.num >= 0 or t.cap or t.low.isalpha() for t in toks[comma:i]):
            return _people_harm(_partitive_head(toks, 1), prev)
    return None


def _same_list(toks: list[Tok], j: int, i: int) -> bool:
    """Number i is coordinated with number j: only j's noun phrase (with its place: "5,000 people in
    Kachin and 3,000 in Shan") and "and" lie between them."""
    return i - j <= 8 and all(not t.count and t.low not in _PUNCT_STOP and t.low != ","
                              and (t.low not in L.AUX or t.low == "in")
                              and trigger_at(toks, q) is None for q, t in enumerate(toks[j + 1:i - 1], j + 1))


# "aid groups said": an aid word naming who speaks
_SOURCE_NOUNS = frozenset(("groups", "group", "agencies", "agency", "workers", "worker", "organisations",
                           "organizations", "officials", "sources"))


def _finite_verb_at(doc: Doc, offset: int) -> bool:
    """Whether the parse reads the word at char `offset` as a finite verb (not a participle)."""
    t = roles.token_at(doc, offset)
    return t is not None and t.tag_ in ("VBD", "VBZ", "VBP")


def _verb_at(doc: Doc, offset: int) -> bool:
    """Whether the parse reads the word at char `offset` of its sentence as a verb."""
    t = roles.token_at(doc, offset)
    return t is not None and t.tag_.startswith("VB")


def _parsed_roles(doc: Doc | None, s: int, toks: list[Tok], nums: list[NumberMention]
                  ) -> tuple[dict[int, Token], dict[int, tuple[str, int]]]:
    """The parse's reading of the numbers (indices into nums) of a count: the head of each one's
    phrase, and for those a parse pattern attaches to a harm word, the role (patient | part |
    agent | whole) and the harm word's token index (service.extract.roles)."""
    if doc is None:
        return {}, {}
    heads = {k: h for k, n in enumerate(nums) if n.kind == "count"
             and (h := roles.phrase_head(doc, n.num_start - s, n.num_end - s)) is not None}
    found = roles.roles(doc)
    if not found:
        return heads, {}
    at = {t.start: k for k, t in enumerate(toks)}
    out: dict[int, tuple[str, int]] = {}
    for k, head in heads.items():
        r = roles.role_of(found, head)
        q = at.get(s + doc[r.pred].idx) if r is not None else None
        if q is not None:
            out[k] = (r.role, q)
    return heads, out


def _dead_after(toks: list[Tok], last: int) -> bool:
    """A harm word followed by "dead" tells a death: "two men were captured dead"."""
    return last + 1 < len(toks) and toks[last + 1].low == "dead"


def _meaning(toks: list[Tok], q: int, role: str) -> tuple[str, int] | None:
    """What the harm word at token q says happened (the lexicon's reading), and its last token."""
    r = trigger_at(toks, q)
    if r is not None and _dead_after(toks, r[1]):
        r = ("killed", r[1] + 1)
    if r is None and toks[q].low == "dead":
        r = ("killed", q)
    if r is None and role == "part" and L.NOUNS.get(toks[q].low):
        r = (L.NOUNS[toks[q].low], q)
    if r is None and toks[q].low in L.EUPHEMISMS:
        r = (L.EUPHEMISMS[toks[q].low], q)
    return r


def link_numbers(text: str, s: int, e: int, nums: list[NumberMention],
                 seen_values: set[int] | frozenset = frozenset(), doc: Doc | None = None,
                 before: str | None = None) -> list[Link]:
    """The harm links of the numbers `nums` of sentence text[s:e], whose parse is `doc` when the
    sentence was parsed. `seen_values` are the values of the figures of the sentences before
    ("These (3) heroes": the figure told before); `before` is the harm of the last figure of the
    sentence just before, which "Among them" and "the number" stand for."""
    if not any(n.kind == "count" and n.value > 0 for n in nums):
        return []  # only dates, years, ages...: nothing to link
    toks, lowered, num_toks = tokenize(text, s, e, nums)
    heads, parsed = _parsed_roles(doc, s, toks, nums)
    skipped: set[int] = set()
    for i in num_toks:
        if not _number_ok(toks, i, text, nums[toks[i].num], skipped):
            toks[i].count = False
            skipped.add(i)
    links: list[Link] = []
    prev_link: Link | None = None
    nt = len(toks)
    starts = [x.start for x in toks]  # (the token a link's trigger starts at, by bisection)
    for i in num_toks:
        t = toks[i]
        if not t.count:
            continue
        n = nums[t.num]
        np_end = _np(toks, i + 1)
        head = _np_head_words(toks, i + 1, np_end)
        h = heads.get(t.num)
        if h is not None and h.lower_ in head[:-1]:
            # the parse knows where the number's phrase ends: "killed 12 villagers and looted
            # shops" counts villagers, not the shops of the next conjunct
            head = head[:head.index(h.lower_) + 1]
            if i + 2 + len(head) < nt and toks[i + 1 + len(head)].low in ("and", "or") and _verb_at(h.doc, toks[i + 2 + len(head)].start - s):
                np_end = i + 1 + len(head)  # (its phrase too: not "12 villagers and looted shops")
        if _non_people(head) and not (_compared(lowered, i) and all(w in _PERIOD_WORDS for w in head)):
            continue  # (not "up from 61,000 a week ago": a count and its time)
        if head == ["head"] and i + 3 < nt and lowered[i + 2] == "of" \
                and _non_people(_np_head_words(toks, i + 3, _np(toks, i + 3))):
            continue  # livestock is counted by the head: "took away more than 500 head of cattle"
        if not head and i + 2 < nt and lowered[i + 1] == "of" and lowered[i + 2] not in ("them", "whom", "us", "those", "these"):
            # a part of things is things: "shot down 82 of the 104 drones"
            q = i + 2 + (lowered[i + 2] in ("the", "those", "these", "its", "their"))
            q += q < nt and toks[q].low == "#num"
            if q < nt and _non_people(_np_head_words(toks, q, _np(toks, q))):
                continue
        # rates and quotas: "5,000 people a month", "1,400 people daily"
        nxt_words = lowered[np_end:np_end + 3]
        if (len(nxt_words) >= 2 and nxt_words[0] in ("a", "per", "each", "every") and nxt_words[1] in L.RATE_WORDS
                and nxt_words[2:3] != ["ago"]) or (nxt_words[:1] and nxt_words[0] in ("daily", "annually", "monthly")):
            continue  # (not "61,000 a week ago": a time, not a rate)
        if "average" in lowered[max(0, i - 3):i] or "rate" in lowered[max(0, i - 2):i]:
            continue
        # "about a dozen of the injured are dying every day": a rate later in the clause
        tail = lowered[i + 1:i + 12]
        if ("every" in tail or "each" in tail or "per" in tail) and _rate_later(tail):
            continue
        # (quotation marks aside: "vowed to 'kill 100 soldiers'" is a threat as much as without them)
        left_words = [w for w in lowered[max(0, i - 7):i] if w not in _QUOTE_MARKS][-6:]
        if any(w in L.HYPO_WORDS for w in left_words[-3:]) or ("to" in left_words[-2:] and any(w in _INTENT for w in left_words)):
            continue  # "the bill would allow authorities to detain up to 500", "vowed to kill 20"
        if i > 0 and lowered[i - 1] in ("these", "those") and n.value in seen_values:
            continue  # "These (3) heroes ...": the figure of the sentence before, mentioned again
        has_noun = any(L.NOUNS.get(w) for w in head)
        link: Link | None = None
        intro = lowered[i - 1] if i > 0 else ""
        if intro in ("them", "whom", "those") and i > 1 and lowered[i - 2] == "among":
            intro = "among"  # "At least 18 people, among them six children, were killed"
        # "killed 19 people, 11 of them children, and wounded 30": a part set off by commas, whose
        # phrase ends at the next comma (not "12 of them were later released": a clause of its own)
        of_them = (lowered[i + 1:i + 3] in (["of", "them"], ["of", "whom"]) and i > 0
                   and lowered[i - 1] in (",", "(", "—", "–") and np_end < nt and lowered[np_end] in (",", ")", "—", "–"))
        if prev_link is not None and (intro in ("including", "incl", "among") or of_them) and _inherit(toks, i, prev_link):
            own = next(((q, L.NOUNS[lowered[q]]) for q in range(i + 1, np_end) if L.NOUNS.get(lowered[q]) in ("killed", "injured")), None)
            if own is None and np_end < nt:
                # ... or its own verb right after it: "113 civilian casualties, including 29 people
                # killed", "displaced 63,000 people, including some 10,000 who crossed into Ethiopia"
                q = np_end + (1 if lowered[np_end] in ("who", "that") else 0)
                r = trigger_at(toks, q) if q < nt else None
                if r is not None and (prev_link.metric, r[0]) in _NARROWER:
                    own = (q, r[0])
            if own and (prev_link.metric, own[1]) in _NARROWER:
                # "300 casualties, including 50 deaths": the sub-total names its own harm
                link = Link(n, own[1], "b", toks[own[0]].start, toks[own[0]].end, tok_index=i, pred_tok=own[0])
            else:
                link = Link(n, prev_link.metric, "d", prev_link.trig_start, prev_link.trig_end, tok_index=i,
                            part_of=prev_link.num)
        elif prev_link is not None and prev_link.part_of is not None and intro == "and" \
                and _same_list(toks, prev_link.tok_index, i) \
                and not (np_end < nt and (lowered[np_end] in L.VERBS or L.NOUNS.get(lowered[np_end]))):
            # (not "... among them 1 police officer and 3 civilians and 9 others injured": a harm of its own)
            # "five security personnel including one policeman and four army personnel were killed":
            # the second item of the "including" list is a part of the same count
            link = Link(n, prev_link.metric, "d", prev_link.trig_start, prev_link.trig_end, tok_index=i,
                        part_of=prev_link.part_of)
        # the parse says which harm word governs the phrase, the lexicon what it means; where no
        # pattern attaches the phrase, the token rules below decide (headlines, lists, tables)
        role = parsed.get(t.num)
        if role is not None and role[0] != "whole" and (has_noun or (i + 1 < nt and lowered[i + 1] in _ATTRIBUTIVE)):
            role = None  # "1 fatality, 2 injured", "the 12 injured soldiers were evacuated": the phrase
            # says what they are (and rule (c) below what then happened to them)
        if role is not None and role[1] > i and t.num in heads \
                and roles.in_relative_clause(heads[t.num], toks[role[1]].start - s) and _left_link(toks, i) is not None:
            # the harm a relative clause tells is the people's past (or their deed); the harm verb
            # before the count is what happened to them: "released 20 activists who had been
            # detained since 2024", "arrested 5 men who had killed a farmer"
            role = None
        if link is None and role is not None and role[0] == "agent" and not has_noun:
            continue  # "three gunmen shot and killed a farmer": the gunmen did it
        if link is None and role is not None and role[0] == "whole":
            continue  # "four of the five hostages were freed": the four were
        said = _meaning(toks, role[1], role[0]) if role is not None and role[0] in ("patient", "part") else None
        if link is None and said is not None and role[0] == "part":
            # "of the dead, 12 were children": a part of the dead counted elsewhere
            link = Link(n, said[0], "d", toks[role[1]].start, toks[said[1]].end, tok_index=i, pred_tok=role[1])
        # the parse's predicate, before or after the number, stands in for rules (a), (t) and (c)
        by_parse = (said[0], role[1], said[1]) if said is not None else None
        la = None
        if link is None:
            la = _left_link(toks, i) if by_parse is None else by_parse if role[1] < i else None
        if la and by_parse is None and t.num in heads and roles.clause_apart(doc, heads[t.num], toks[la[1]].start - s):
            la = None  # "soldiers who were escorting 50 families": the clause's count is not the main verb's
        if la and by_parse is None and not has_noun and i + 1 < nt and lowered[i + 1] in L.VERBS \
                and not any(w in L.PEOPLE for w in lowered[i + 2:i + 4]):
            # "1 killed 3 injured", "2 dead 5 wounded": a count followed by its own harm is that
            # harm's (not "executed 7 detained villagers": a participle before its noun says what
            # the people were)
            la = None
        if la:
            link = Link(n, la[0], "a", toks[la[1]].start, toks[la[2]].end, tok_index=i, pred_tok=la[1])
        if link is None and by_parse is None:
            lt = _toll_link(toks, i)
            if lt:
                link = Link(n, lt[0], "t", toks[_revised_from(toks, lt[1])].start, toks[lt[2]].end, tok_index=i,
                            pred_tok=lt[1])
            elif prev_link is not None and (q := _bringing_total(toks, i)) is not None:
                # "3,000 were newly displaced, bringing the total in the state to 150,000": the
                # total of what the increment before it counts
                link = Link(n, prev_link.metric, "t", toks[q].start, toks[q].end, tok_index=i, pred_tok=q)
        # a count repeating the one before for another place: it takes that count's predicate, not
        # one across the next count's ("11 were killed in Kramatorsk, five in Sloviansk, and 30
        # were injured"), and is a claim of its own
        parallel = prev_link is not None and _parallel_place_item(toks, i, prev_link)
        if link is None and prev_link is not None and prev_link.pred_tok >= 0 and i > 0 and lowered[i - 1] in ("and", ",") \
                and i + 2 < nt and lowered[i + 1] == "of" and lowered[i + 2] not in ("them", "those", "these", "whom") \
                and prev_link.pred_tok + 1 < nt \
                and lowered[prev_link.pred_tok] in ("died", "die", "dies") and lowered[prev_link.pred_tok + 1] == "of":
            # the verb gapped before its cause: "13 died of asphyxiation and four of gunshot wounds"
            # (the four died of the wounds, not were wounded)
            link = Link(n, prev_link.metric, "c", prev_link.trig_start, prev_link.trig_end, tok_index=i,
                        pred_tok=prev_link.pred_tok, coordinated=True)
        if link is None:
            lp = _predicate(toks, i, np_end, allow_cross=not has_noun and not parallel) if by_parse is None \
                else by_parse if role[1] > i else None
            if lp and has_noun and (toks[lp[1]].low in ("arrived", "sheltering", "sheltered", "fled")
                                    or lowered[lp[2]] in ("hospital", "hospitals")):
                lp = None  # ("12 bodies were taken to hospital": the noun says what they are)
            if lp and toks[lp[1]].low == "arrived" and any(w in ("troops", "soldiers", "fighters", "forces", "militants", "police",
                                                                 "officers", "personnel", "columns", "column", "reinforcements",
                                                                 "officials", "delegates", "delegation") for w in head):
                lp = None
            if lp and lp[0] == "displaced" and any(L.NOUNS.get(w) == "refugees" for w in head):
                lp = ("refugees", lp[1], lp[2])
            if lp and by_parse is None and t.num in heads and "with" not in lowered[max(i, lp[1] - 3):lp[1] + 1] \
                    and roles.modifies_another(doc, heads[t.num], toks[lp[1]].start - s):
                lp = None  # "20 friends and family of a man who died": the man died (the parse says;
                # "with ... wounds" says what the people had, wherever the parser hangs it)
            if lp and by_parse is None and t.num in heads and roles.told_of_another(doc, heads[t.num], toks[lp[1]].start - s):
                lp = None  # "protesters carried the coffins of those killed": those were
            if lp and by_parse is None and t.num in heads and roles.acts_on_another(doc, heads[t.num], toks[lp[1]].start - s,
                                                                                          toks[lp[2]].end - s):
                lp = None  # "12 men beat a police team, injuring one officer": the officer was
            if lp and t.num in heads and _of_the_people(heads[t.num]):
                lp = None  # "The kidnappers of the 12 students have released five": the kidnappers did
            if lp and by_parse is None and t.num in heads and roles.clause_apart(doc, heads[t.num], toks[lp[1]].start - s):
                lp = None  # "three soldiers who were escorting 50 displaced families were killed"
            if lp:
                link = Link(n, lp[0], "c", toks[lp[1]].start, toks[lp[2]].end, tok_index=i, pred_tok=lp[1])
        if link is not None and link.how == "c" and prev_link is not None \
                and lowered[i + 1:i + 3] in (["of", "them"], ["of", "whom"]) \
                and any(toks[q].count for q in range(i + 1, link.pred_tok)):
            # "16 were injured, two of them gang members, and 6,270 residents fled": a part of the
            # count before it; the predicate after the next count is that count's
            link = None
        if link is None:
            link = _driven_from_homes(toks, i, np_end, n)
        if link is None and not any(w in _COMBATANTS or w in _HELD for w in head):
            link = _in_camps(toks, i, np_end, n)  # (not "300 soldiers remain in the camps")
            if link is not None and any(L.NOUNS.get(w) == "refugees" for w in head):
                # "1 million Rohingya refugees live in the camps of Cox's Bazar": refugees, in camps
                link = dataclasses.replace(link, metric="refugees")
        if link is None and any(w in L.EUPHEMISM_HEADS for w in head):
            link = _euphemism(toks, i, np_end, n)
        if link is None and i >= 2 and toks[i - 1].low == "(" and L.NOUNS.get(toks[i - 2].low):
            link = Link(n, L.NOUNS[toks[i - 2].low], "b", toks[i - 2].start, toks[i - 2].end, tok_index=i, pred_tok=i - 2)
        # sub-totals prefer inheritance over their own noun ("including about 402 political prisoners")
        intro = lowered[i - 1] if i > 0 else ""
        if link is not None and link.how == "c" and prev_link is not None and link.metric == prev_link.metric \
                and (intro in ("including", "incl") or _later_item_of_inclusion(lowered, i)):
            # an item of an "including" list whose relative clause tells the same harm again is still
            # a part: "Three were injured, including a captain and two officers who sustained minor injuries"
            link = Link(n, link.metric, "d", link.trig_start, link.trig_end, tok_index=i, pred_tok=link.pred_tok)
        if link is None and prev_link is not None and (intro in ("including", "incl", "among", "whom")
                                                       or _later_item_of_inclusion(lowered, i) or
                                                       lowered[i + 1:i + 3] in (["of", "them"], ["of", "whom"])):
            if _inherit(toks, i, prev_link) or lowered[i + 1:i + 3] in (["of", "them"], ["of", "whom"]) \
                    or _later_item_of_inclusion(lowered, i):
                link = Link(n, prev_link.metric, "d", prev_link.trig_start, prev_link.trig_end, tok_index=i)
        if link is None:
            for q in range(i + 1, np_end):
                w = lowered[q]
                m = L.NOUNS.get(w)
                if not m and w == "prisoners" and q > i + 1 and lowered[q - 1] == "political":
                    m = "detained"  # "2,000 political prisoners"
                if m and not _blocked_trigger(toks, q):
                    if w in ("asylum",) and (q + 1 >= nt or lowered[q + 1] not in ("seekers", "-", "seeker")):
                        continue
                    if w == "lives" and not any(x in lowered[max(0, i - 3):i] for x in ("claimed", "cost", "costing", "took", "taken", "lost", "claiming", "claim")):
                        continue
                    if w == "fallen" and (q + 1 >= nt or lowered[q + 1] not in L.PEOPLE | {"heroes", "comrades"}):
                        continue
                    # "refugee camps", "IDP camps", "death sentence": a noun modifying another noun
                    if q + 1 < np_end and lowered[q + 1] in L.NONPEOPLE | {"camp", "camps", "sentence", "sentences", "row", "threats", "settlements", "sites", "centres", "centers", "locations", "crisis", "situation", "response", "status", "figures", "influx", "population", "communities", "community", "families"}:
                        continue
                    m2, last = _combined(toks, q, m)
                    link = Link(n, m2, "b", toks[q].start, toks[last].end, tok_index=i, pred_tok=q)
                    break
        if link is None and np_end + 1 < nt and lowered[np_end] == "and" and toks[np_end + 1].count:
            # "25 ADF fighters and 6 military fatalities": the harm noun closing a coordination of
            # counts is each count's ("2 rebel and 1 military fatality")
            np2 = _np(toks, np_end + 2)
            m = L.NOUNS.get(lowered[np2 - 1]) if np2 > np_end + 2 else None
            if m in ("killed", "injured", "killed_or_injured") and lowered[np2 - 1] not in ("dead", "killed", "injured", "wounded"):
                link = Link(n, m, "b", toks[np2 - 1].start, toks[np2 - 1].end, tok_index=i, pred_tok=np2 - 1)
        if link is None:
            # with no predicate of its own: a part of people counted before ("28 of the 75 victims")
            part = _partitive(toks, i, prev_link)
            if part is not None:
                link = Link(n, part, "d", toks[i].start, toks[i].end, tok_index=i)
        if link is None and before is not None and prev_link is None and not has_noun:
            if nt > 2 and lowered[0] in ("among", "of") and lowered[1] in ("them", "those", "these") and i > 1 \
                    and (any(w in L.PEOPLE for w in head) or (np_end + 1 < nt and lowered[np_end] in _AUX
                                                              and any(w in L.PEOPLE for w in lowered[np_end + 1:np_end + 4]))):
                # the people the sentence before counted: "Police recovered 38 bodies. Among them are
                # 11 women and 6 children", "4,000 people crossed. Of them, about 1,500 were children"
                link = Link(n, before, "d", toks[0].start, toks[1].end, tok_index=i)
            elif i <= 2 and i + 4 < nt and lowered[i + 1] == "of" and lowered[i + 2] in ("them", "those", "these") \
                    and lowered[i + 3] in ("were", "was", "are", "is") and any(w in L.PEOPLE for w in lowered[i + 4:i + 7]):
                # "... 100,600 people crossed into Armenia. About 30,000 of them were children"
                link = Link(n, before, "d", toks[i + 1].start, toks[i + 2].end, tok_index=i)
            elif i > 3 and lowered[i - 1] == "at" and _NUMBER_PUT.match(" ".join(lowered[max(0, i - 6):i - 1])):
                # the same count told by another source: "Thai authorities put the number at 480"
                q = lowered.index("number", max(0, i - 6))
                link = Link(n, before, "a", toks[q].start, toks[q].end, tok_index=i, pred_tok=q)
        if link is None and prev_link is not None and prev_link.pred_tok >= 0 \
                and (prev_link.how == "d" or (prev_link.how == "c" and lowered[prev_link.tok_index + 1] == "of")) \
                and intro == "and" and i + 2 < nt and lowered[i + 1] in ("were", "was", "are", "is") \
                and lowered[i + 2] in L.PEOPLE:
            # "Of those killed, 212 were women and 150 were children": the breakdown goes on (and
            # "26 of the dead were civilians and 6 were soldiers": a sibling, not a part of the 26)
            link = Link(n, prev_link.metric, "d", prev_link.trig_start, prev_link.trig_end, tok_index=i,
                        pred_tok=prev_link.pred_tok, coordinated=prev_link.how == "c")
        if link is None and prev_link is not None and _compared(lowered, i) \
                and all(w in _PERIOD_WORDS for w in head):
            # "killed 1,520 people this year, compared with 981 in all of 2024", "rose to 75,000,
            # up from 61,000 a week ago": the same harm, counted for another period
            link = Link(n, prev_link.metric, "d", prev_link.trig_start, prev_link.trig_end, tok_index=i,
                        coordinated=True)
        if link is None and prev_link is not None and _inherit(toks, i, prev_link):
            ok = (not head or any(w in L.PEOPLE for w in head) or (i + 1 < nt and lowered[i + 1] in ("in", "from", "to", "at", "aged"))
                  or all(toks[q].cap for q in range(i + 1, i + 1 + len(head))))
            nxt = lowered[np_end] if np_end < nt else ""
            intro_w = lowered[i - 1] if i > 0 else ""
            frame = lowered[max(0, prev_link.tok_index - 3):prev_link.tok_index]
            gapped = _gapped_item(toks, i, prev_link)
            parallel_item = prev_link.part_of is None and parallel
            ok = ok or gapped
            # (or a finite verb the parse finds in its phrase: "were killed and 15 injured, and
            # more than 1,500 prisoners escaped")
            if (nxt in L.NP_STOP and nxt not in ("who", "whose", "which", "that")
                    or (doc is not None and any(_finite_verb_at(doc, toks[q].start - s) and not trigger_at(toks, q)
                                                for q in range(i + 1, np_end)))) \
                    and intro_w not in ("of", "including", "incl", "among", "whom", "them") \
                    and not ("among" in frame or "of" in frame) and not gapped and not parallel_item:
                ok = False  # "6 were abducted; 2 later escaped": a new clause with its own verb
            if ok and nxt not in L.RETURN_VERBS:
                # the items of a gapped list are claims of their own places, unless the list
                # breaks a total down ("including 12 in Sagaing, Magway 8")
                link = Link(n, prev_link.metric, "d", prev_link.trig_start, prev_link.trig_end, tok_index=i,
                            coordinated=(gapped and prev_link.part_of is None)
                            or (intro_w == "and" and prev_link.how != "d" and _same_list(toks, prev_link.tok_index, i))
                            or parallel_item,
                            part_of=prev_link.part_of if gapped else None)
        if link is None:
            continue
        if link.how == "d" and any(w in _SURVIVED for w in lowered[np_end:np_end + 5]):
            continue  # "Three of the victims initially counted had survived": the ones spared
        if link.how != "a" and i >= 1 and lowered[i - 1] in _SENTENCING:
            continue  # "the court sentenced 29 people to death over the killing of ...": convicts, not victims
        # sentences, warrants, convictions right after the number: not a harm count
        blk = [q for q in range(i + 1, min(nt, np_end + (12 if link.how == "d" else 5))) if lowered[q] in _BLOCK_AFTER]
        if blk and (link.how != "c" or link.pred_tok > blk[0]) and link.how != "a":
            continue
        # return / aid context for noun figures ("another 10,000 who left have returned")
        after = lowered[np_end:np_end + 6]
        if link.how in ("b", "d") and (any(w in L.RETURN_VERBS for w in after[:4])
                                       or (i >= 1 and lowered[i - 1] in L.RETURN_VERBS)):
            continue  # (or "UNHCR repatriated 500 refugees")
        left5 = lowered[max(0, i - 5):i]
        for sep in ("|", ";", "•", ":"):
            if sep in left5:
                left5 = left5[len(left5) - left5[::-1].index(sep):]
        if any(w in L.AID_WORDS and not (link.how == "t" and w.startswith("reach")) for w in left5) and link.how in ("b", "t"):
            continue
        if link.how == "b" and any(w in L.AID_WORDS and not (q + 1 < len(after) and after[q + 1] in _SOURCE_NOUNS)
                                   for q, w in enumerate(after[:4])):
            continue  # ("..., aid groups said": a source, not aid given)
        if link.how != "t" and any(w in L.AID_WORDS for w in left5[-2:]):
            continue
        if link.metric in ("displaced", "refugees", "crossed_border") and (
                any(w in _PERPETRATORS for w in head)
                or lowered[link.pred_tok + 1:link.pred_tok + 3] == ["the", "scene"]):
            continue  # "Three suspects managed to flee", "the gunmen fled the scene": an escape, not a flight from harm
        if link.metric == "detained" and link.how in ("a", "c") and any(w in ("hostages", "hostage", "captives") for w in head):
            link.metric = "abducted"  # "holding 130 hostages"
        if link.how == "a" and np_end - i > 2 and lowered[np_end - 1] in ("prisoner", "prisoners", "captive") \
                and lowered[np_end - 2] in L.PEOPLE and lowered[link.pred_tok] in ("taken", "took", "take", "taking"):
            if lowered[np_end - 1] != "captive" or lowered[np_end - 2] in _COMBATANTS:
                link.metric = "detained"  # "had taken 300 junta soldiers prisoner": captured, like "captured 300"
            np_end -= 1  # ("took 30 villagers captive": abducted)
        # "over 100 abducted worshippers have been freed", "two of the seven injured soldiers later
        # died": a participle before the noun says who they are, the clause's predicate what then
        # happened to them (to the two of the seven; the seven stay injured)
        later = None
        if link.how == "c" and link.pred_tok == i + 1 and lowered[i + 1] in _ATTRIBUTIVE:
            np2 = _np(toks, i + 2)
            if np2 > i + 2 and any(w in L.PEOPLE for w in _np_head_words(toks, i + 2, np2)):
                q = _past_aux(lowered, np2)
                r = _what_next(toks, q, link.metric) if q < nt else None
                if r and (link.metric, r[0]) in _THEN:
                    if i >= 3 and lowered[i - 1] == "the" and lowered[i - 2] == "of" and toks[i - 3].count:
                        # (the part, linked by the parse already, is told here with whom it counts)
                        links = [x for x in links if x.num is not nums[toks[i - 3].num]]
                        later = Link(nums[toks[i - 3].num], r[0], "c", toks[q].start, toks[r[1]].end, toks[i + 2].start,
                                     toks[np2 - 1].end, lowered[i + 2:np2], i - 3, q)
                    else:
                        link = Link(n, r[0], "c", toks[q].start, toks[r[1]].end, tok_index=i, pred_tok=q)
                    np_end = np2
        if link.how == "c" and link.metric in ("abducted", "detained") and lowered[link.pred_tok] in _ATTRIBUTIVE:
            if link.pred_tok == i + 1 and i > 0 and (lowered[i - 1] in _FREEING
                                                      or (i > 1 and lowered[i - 1] in ("the", "all") and lowered[i - 2] in _FREEING)):
                # "Police rescued 15 kidnapped victims": their freedom, not a new abduction
                v = i - 1 if lowered[i - 1] in _FREEING else i - 2
                link = Link(n, "released", "a", toks[v].start, toks[v].end, tok_index=i, pred_tok=v)
            elif link.pred_tok > i + 1 and lowered[link.pred_tok - 1] not in _AUX and lowered[link.pred_tok - 1] not in _LATER \
                    and not (i >= 2 and lowered[i - 1] == "the" and lowered[i - 2] == "of"):  # (not "three of the 12 abducted")
                # "The 42 passengers kidnapped on the highway last week were rescued on Monday":
                # the reduced relative says who they are, the clause's predicate what happened
                q = next((q for q in range(link.pred_tok + 1, min(nt, link.pred_tok + 10))
                          if lowered[q] in ("were", "was", "have", "has", "had") or lowered[q] in _PUNCT_STOP
                          or lowered[q] == ","), None)
                if q is not None and lowered[q] in ("were", "was", "have", "has", "had"):
                    q2 = _past_aux(lowered, q)
                    r = _what_next(toks, q2, link.metric) if q2 < nt else None
                    if r and r[0] == "released":
                        link = Link(n, "released", "c", toks[q2].start, toks[r[1]].end, tok_index=i, pred_tok=q2)
        # "nine of those arrested were later released": the arrest names who they are; the
        # clause's own predicate says what happened to the nine
        if link.how in ("c", "b") and link.pred_tok == i + 3 and lowered[i + 1] == "of" and lowered[i + 2] in ("those", "the"):
            # (and "14 of the abductees had been rescued": the noun names who they are)
            q = _past_aux(lowered, link.pred_tok + 1)
            r = _what_next(toks, q, link.metric) if q > link.pred_tok + 1 and q < nt else None
            if r and r[0] != link.metric:
                link = Link(n, r[0], "c", toks[q].start, toks[r[1]].end, tok_index=i, pred_tok=q)
        # "four of the five hostages were freed": the clause's predicate counts the four, not the
        # five they are taken from ("three of the 12 people abducted": a reduced relative, the 12's)
        if link.how == "c" and i >= 3 and lowered[i - 1] == "the" and lowered[i - 2] == "of" and toks[i - 3].count \
                and link.pred_tok > 0 and lowered[link.pred_tok - 1] in _AUX \
                and not any(x.num is nums[toks[i - 3].num] for x in links):
            link.num = nums[toks[i - 3].num]
        q = bisect_left(starts, link.trig_start) if link.metric in ("displaced", "released") else nt
        if q < nt and starts[q] != link.trig_start:
            q = nt
        if link.metric == "displaced" and q < nt and lowered[q].startswith("evacuat") \
                and _CARE.intersection(lowered[q + 1:q + 7]):
            continue  # taken for care, not displaced: "27 of the wounded were evacuated to the regional hospital"
        if link.metric == "released" and q < nt and lowered[q] in _RELEASE_WORDS \
                and _DEMANDED.intersection(lowered[max(0, q - 5):q]):
            # a release asked for is not done: "calls for the immediate release of 31 soldiers
            # reportedly captured" counts people still held, if the phrase says how they are held
            held = next((L.VERBS.get(w) or L.NOUNS.get(w) for w in lowered[i + 1:min(nt, i + 7)]
                         if (L.VERBS.get(w) or L.NOUNS.get(w)) in ("detained", "abducted")), None)
            if held is None:
                continue
            link = Link(n, held, "c", link.trig_start, link.trig_end, tok_index=i, pred_tok=q)
        np_from = i + 1
        if said is not None and i + 3 < nt and lowered[i + 1] == "of" and lowered[i + 2] in ("the", "those", "these") \
                and toks[i + 3].count:
            np_from = i + 4  # "four of the five hostages were freed": the four are hostages
            np_end = _np(toks, np_from)
        link.np_start = toks[np_from].start if np_end > np_from else None
        link.np_end = toks[np_end - 1].end if np_end > np_from else None
        link.np_words = lowered[np_from:np_end]
        links.append(link)
        prev_link = link
        if later is not None:
            links.append(later)
        # one number, two harms: "one protester was shot in the thigh and detained"
        if link.how == "c" and link.pred_tok >= 0:
            k = link.pred_tok
            r = trigger_at(toks, k)
            last = r[1] if r else k
            if _harm_union(toks, last, link.metric):
                # "5 PKK militants were killed, injured or captured": one number for any of these
                # harms counts casualties, not the dead
                link.metric = "killed_or_injured"
                continue
            q = last + 1
            while q < nt and q < last + 6 and lowered[q] != "and":
                if lowered[q] in (",", ".", ";") or toks[q].count:
                    break
                q += 1
            if q < nt and lowered[q] == "and" and q + 1 < nt:
                # ("were abducted and later killed", "was detained and later found killed")
                p2 = q + 1
                while p2 < nt - 1 and p2 < q + 4 and (lowered[p2] in _THEN_WORDS or MANNER_ADVERB.fullmatch(lowered[p2])):
                    p2 += 1
                r2 = trigger_at(toks, p2)
                if r2 and {r2[0], link.metric} == {"killed", "injured"} and q == last + 1 and p2 == q + 1:
                    # "7 militants were killed and wounded": one number for both harms is casualties
                    link.metric = "killed_or_injured"
                    link.trig_end = toks[r2[1]].end
                elif r2 and r2[0] != link.metric and link.metric != "killed_or_injured" \
                        and (p2 == q + 1 or (link.metric, r2[0]) in _THEN) \
                        and not (link.metric == "injured" and r2[0] == "displaced"):
                    # (the wounded "evacuated to Ouallam" were taken for care, not displaced)
                    links.append(Link(n, r2[0], "c", toks[p2].start, toks[r2[1]].end, link.np_start, link.np_end,
                                      list(link.np_words), i, p2))
    return links


@dataclass(slots=True)
class Linked:
    """One number or named victim linked to a harm, in sentence k."""

    k: int
    link: Link
    victim: victims.Victim | None = None  # set for a victim named without a numeral ("a civilian was killed")


_BORDER = re.compile(r"\b(?:border|frontier|into|over\s+to|across)\b", re.I)


def _victim_links(text: str, found: list[victims.Victim], links: list[Link]) -> list[tuple[Link, victims.Victim]]:
    """Links for the victims of a sentence that no counted figure of it already covers."""
    taken = [(min(x.num.start, x.np_start if x.np_start is not None else x.num.start),
              max(x.num.end, x.np_end if x.np_end is not None else x.num.end)) for x in links]
    out = []
    for v in found:
        if any(a < v.end and v.start < b for a, b in taken):
            continue  # "killed five people, including one woman": the numeral's own phrase
        n = NumberMention(v.start, v.end, text[v.start:v.end], v.value, None, None, None, False, v.start, v.end,
                          "count", True)
        link = Link(n, v.metric, "v", v.verb_start, v.verb_end, v.start, v.end,
                    text[v.start:v.end].lower().split())
        out.append((link, v))
    return out


def link(sents: Sentences, cands: Candidates, parses: dict[int, Doc]) -> list[Linked]:
    """The links of every candidate sentence, in document order."""
    text = sents.text
    seen_values: set[int] = set()  # the values linked in the sentences before ("These (3) heroes")
    before, last_k = None, -2  # the harm of the last figure and its sentence
    out: list[Linked] = []
    for k in cands.sentences():
        s, e = sents.spans[k]
        nums = cands.numbers.get(k)
        links = link_numbers(text, s, e, nums, seen_values, parses.get(k),
                             before if last_k == k - 1 else None) if nums is not None else []
        named: dict[int, victims.Victim] = {}
        if k in parses:
            # (a wire dateline is no person: "KHARTOUM, Nov 20 (Sudan Tribune) - ... dozens injured"
            # is parsed with the city as the subject)
            dl = sents.dateline_end(k)
            found = [v for v in victims.find(parses[k], s) if v.start >= dl]
            for lk, v in _victim_links(text, found, links):
                links.append(lk)
                named[id(lk)] = v
        for lk in links:
            if lk.metric == "refugees" and text[lk.trig_start:lk.trig_end].lower().startswith("cross") \
                    and not _BORDER.search(text[s:e]):
                continue  # "crossed" without a border is no displacement figure
            if lk.metric == "released" and _DISCHARGED.match(text, lk.trig_end):
                continue  # "released from hospital": discharged, not freed
            out.append(Linked(k, lk, named.get(id(lk))))
            seen_values.add(int(lk.num.value))
            before, last_k = lk.metric, k
    return out


_DISCHARGED = re.compile(r"\s+(?:\w+\s+)?from\s+(?:the\s+|a\s+)?(?:hospitals?|clinics?|treatment|medical\s+care|intensive\s+care)\b", re.I)


# Patterns of inline re calls, compiled once at import (hoisted from the functions above).
_RX_0 = re.compile(r"^[-\s]?(?:year|yr)s?[-\s]old|^[-\s]years?[-\s]of[-\s]age|^\s*years\s+old", re.I)
_RX_1 = re.compile(r"^-(?:year|month|day|week|hour|km|mile|kilomet)", re.I)
_RX_2 = re.compile(r"(?:day|week|month|year|hour|km|mile)s?")
_RX_3 = re.compile(r"[a-z]+(?:ed|s|t|n)?")

"""The relations stage: relations between the figures of one article, so that each person is counted once.

Every figure is one of:
- independent: a claim of its own;
- restates: the same claim again (a headline or lead against the body, "N fatalities." closing an
  event note, "the 11 bodies", a total that restates the figures it sums: "killing four cadres
  and a police officer ... 5 fatalities", told before its breakdown too: "killed 40 soldiers ...
  30 in Kachin and 10 in Sagaing", or a roundup's national total before its regions' counts);
- part_of: a subset or breakdown of another ("including four children", "of whom 318 were
  children", "among them"), or a figure an event note's closing total sums up ("Three men were
  killed ... A fourth died later. 4 fatalities.");
- adds_to: an increment of the running total it names ("7,000 more fled, bringing the total to
  89,000").
`related_to` holds the related figure's key (service.extract.figure.figure_key). Only independent
claims and increments count in a flow series; restatements and parts stay for provenance and
breakdowns.

Victims named without a numeral (service.extract.victims) are dropped, not kept as relations,
when they are inside a counted figure of the same harm (the dev gold's "subset of" convention) or
name again a victim named before ("a man was shot dead ... the man"); a victim coordinated with a
counted phrase under one predicate ("four cadres and a police officer were killed") adds to it.
"""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from service.metrics import METRICS
from service.extract.figure import Figure, figure_key
from service.extract.lexicon import ASSOCIATES, KIN

if TYPE_CHECKING:  # pragma: no cover
    from service.extract.attributes import Attributed, Origin


_STOCKS = frozenset(m.name for m in METRICS if m.kind == "stock")


def _compatible(a: Figure, b: Figure) -> bool:
    """Two mentions can be one claim: no two different places, days or kinds of victim tell them apart."""
    if a.place_code and b.place_code and a.place_code != b.place_code and not _holds(a, b) and not _holds(b, a):
        la, lb = (a.location or "").lower(), (b.location or "").lower()
        if la and lb and la not in lb and lb not in la:
            return False
    if a.date_precision == "day" and b.date_precision == "day" and a.event_date_start and b.event_date_start \
            and a.event_date_start != b.event_date_start:
        return False
    if a.group_class != b.group_class and "unknown" not in (a.group_class, b.group_class) and not _named_within(a, b):
        return False  # "2 policemen were killed ... 2 militants were also killed"
    # (a head-count is one whether or not its sentence read as a running total: "3 million now
    # displaced" and "has passed 3 million")
    return (a.cumulative == b.cumulative or a.metric in _STOCKS) and a.unit == b.unit


_WORD = re.compile(r"[a-z]+")


def _named_within(a: Figure, b: Figure) -> bool:
    """Whether one group is named within the other: a headline's "pupils" and its lead's "pupils and
    teachers" are one group told short and long."""
    wa, wb = set(_WORD.findall((a.group or "").lower())), set(_WORD.findall((b.group or "").lower()))
    return bool(wa and wb and (wa <= wb or wb <= wa))


def _same_amount(a: Figure, b: Figure) -> bool:
    """The same amount, or the same range told by one bound ("Up to 15,000 killed" and "between
    10,000 and 15,000 people were killed")."""
    if a.value == b.value:
        return True
    ranged = a.low is not None and a.high is not None or b.low is not None and b.high is not None
    return ranged and ((a.high is not None and a.high == b.high) or (a.low is not None and a.low == b.low))


def _rounded_of(g: Figure, go: "Origin", f: Figure, fo: "Origin") -> bool:
    """`g` is a round telling of the count `f` told after it: a headline's, or a head-count told
    by a bound or an approximation in the same or the next paragraph."""
    if g.relation != "independent" or not _rounds_to(g, f):
        return False
    if go.headline and not fo.headline:
        return True
    # (the count within the bound: "over 2,000" is not 1,978; at the same place)
    within = {"more than": f.value > g.value, "at least": f.value >= g.value, "nearly": f.value < g.value,
              "about": True}.get(g.qualifier or "", False)
    return f.metric in _STOCKS and within and 0 <= fo.para - go.para <= 1 and g.place_code == f.place_code


def _rounds_to(head: Figure, body: Figure) -> bool:
    """A headline's round number for the body's count ("3 million now displaced" over "3,042,000
    internally displaced people"): two significant digits at most, within 5% of it."""
    v = head.value
    if v < 1000 or body.value == v:
        return False
    digits = len(str(v))
    return v % 10 ** max(0, digits - 2) == 0 and abs(body.value - v) <= 0.05 * v


def _holds(a: Figure, b: Figure) -> bool:
    """Whether `a` is placed in a unit that holds `b`'s place (a headline's "Haitian town" and the
    body's "Pont-Sonde in Haiti's Artibonite region")."""
    return a.place_code in (b.country, b.admin1, b.admin1_pcode)


# the victim's sentence says it belongs to a count told elsewhere: "was also killed", "among the
# dead", "in the attack", "were freed along with some journalists"
_INSIDE = re.compile(r"\b(?:also|among|along\s+with|together\s+with|as\s+part\s+of|in\s+the\s+(?:same\s+)?(?:attack|strike|airstrike|air\s?strike|raid|"
                     r"bombing|shelling|explosion|blast|massacre|incident|assault|ambush|clashes?))\b", re.I)


# "four children [were] among (the) (at least) 10 ...": a count and the larger count holding it
_AMONG_WHOLE = re.compile(r"(?:\s+[\w’'-]+){0,4}?\s+(?:were|was|are|is)\s+(?:also\s+|reportedly\s+)?among\s+(?:the\s+)?"
                          r"(?:at\s+least\s+|some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+|over\s+)?", re.I)
_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_THEY = frozenset({"they", "them"})
_WORDS = re.compile(r"[^\W\d_]{2,}")
# what stands between the items of one list of counts: "3 Spanish tourists and 3 Afghans"
_LIST_BETWEEN = re.compile(r"\s+[^\W\d][\w'’\- ]{0,60}?(?:,\s*|\s+and\s+|,\s+and\s+)")
# someone named by whom they are to a person named before: "his wife", "her two sons"
_KIN_OF = re.compile(r"(?:his|her|their)\s+(?:\w+\s+)?(?:" + "|".join(sorted(KIN | ASSOCIATES, key=len, reverse=True))
                     + r")s?\b", re.I)
# a count told as the one before: "the two fatalities"
_THE_BEFORE = re.compile(r"\b(?:the|these|those|both)\s+$", re.I)
# "At least 2 of the victims, who were beheaded, were Batwa": some of the people counted before,
# whatever their own clause says happened to them
_OF_THE_HARMED = re.compile(r"\s+of\s+(?:the|those|these)\s+((?:victims|dead|deceased|bodies|casualties|fatalities|"
                            r"wounded|injured|killed|abducted|kidnapped|hostages|captives|detainees|detained|arrested|"
                            r"missing|people\s+(?:killed|injured|wounded|abducted|kidnapped|detained|arrested)))\b", re.I)
# the harm a "some of the ..." noun names, where it names one: "two of the wounded died" are not
# some of the dead
_HARMED_METRIC = {"dead": "killed", "deceased": "killed", "bodies": "killed", "fatalities": "killed", "killed": "killed",
                  "wounded": "injured", "injured": "injured", "abducted": "abducted", "kidnapped": "abducted",
                  "hostages": "abducted", "captives": "abducted", "detainees": "detained", "detained": "detained",
                  "arrested": "detained", "missing": "missing"}
_MORE_AFTER = re.compile(r"\s+(?:more|others|additional|further|new)\b", re.I)
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those)\b(?!\s+(?:who|killed|injured|wounded|detained|arrested|abducted))", re.I)
_ADDITIVE = re.compile(r"\b(?:also|other|others|another|more|further|additional)\b", re.I)
_BARE_START = re.compile(r"[\s\W]*")  # nothing but spaces and punctuation before the number
# the people counted before, broken down: "The dead include 11 tribal fighters", "The victims were 3 men"
_THE_HARMED_INCLUDE = re.compile(r"\b(?:the|those)\s+(?:dead|deceased|victims|fatalities|wounded|injured|abducted|detained)\s+"
                                 r"(?:include[sd]?|were|are|comprised?)\s+(?:at\s+least\s+|some\s+)?"
                                 # (and every later item of its list: "..., five SDF members and two civilians")
                                 r"(?:[^.;:()]*?(?:,|\band)\s+)?$", re.I)
# a toll that rises to its number ("the death toll ... rose to 19", "has climbed to 405")
_ROSE_TO = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|increased|increases|jumped|reached|reaches|went\s+up)\s+"
                      r"(?:again\s+|further\s+)?(?:to\s+)?(?:at\s+least\s+|more\s+than\s+|some\s+)?$", re.I)
# ... and the deaths that raised it, told after it: "rose to 19 on Saturday after four of the
# wounded died" (no other figure between)
_AFTER_MORE_DIED = re.compile(r"[^.;]{0,60}?\b(?:after|as|when)\s+(?:[a-z’'\-]+\s+){0,4}?"
                              r"(?:another\s+|a\s+further\s+)?", re.I)
# a victim said to be one of a count: "killing 3 SDF fighters, among them a commander" (the
# parse may hang the words on the victim itself: _INCLUDED_START)
_INCLUDED_BEFORE = re.compile(r"\b(?:among\s+them|among\s+whom|including|of\s+whom|one\s+of\s+them|one\s+of\s+whom)"
                              r"\s*(?:was\s+|were\s+)?$", re.I)
_INCLUDED_START = re.compile(r"(?:among\s+them|among\s+whom|including|of\s+whom)\s", re.I)
# a victim phrase that says it is one more person: "Another villager ... died of her wounds"
_ONE_MORE = re.compile(r"(?:another|a\s+further|one\s+more|an\s+additional)\b", re.I)


def _elsewhere(text: str, f: Figure, g: Figure) -> bool:
    """Whether the victim's own sentence places it somewhere the count is not: "one person was
    killed ... in Kherson. In the Kharkiv region, a 67-year-old man died" are two people."""
    if not f.location or text.find(f.location, f.sentence_start, f.sentence_end) < 0:
        return False  # its place is inherited, so it is the count's
    # (only different regions or countries: a town and the region holding it are one scene)
    if f.country and g.country and f.country != g.country:
        return True
    return bool(f.admin1 and g.admin1 and f.admin1 != g.admin1)


def _said_inside(text: str, f: Figure, counts: list[tuple[Figure, Origin]]) -> bool:
    """A victim said to be one of a count before it in its sentence, of whatever kind: "killing 3
    SDF fighters, among them a commander"."""
    return (_INCLUDED_BEFORE.search(text, max(f.sentence_start, f.number_start - 30), f.number_start) is not None
            or _INCLUDED_START.match(text, f.number_start) is not None) \
        and any(g.metric == f.metric and g.sentence_start == f.sentence_start and g.char_start < f.number_start
                and g.value > 1 for g, _ in counts)


def _inside_count(text: str, f: Figure, o: Origin, counts: list[tuple[Figure, Origin]]) -> bool:
    """Whether a victim named without a numeral is one of the people a counted figure of the same
    harm already holds: told in the same paragraph, named by that figure's sentence ("at least
    eight people were killed, including a 14-year-old boy" ... "the shooting death of a
    14-year-old boy"), or said to belong to it. A daily briefing's "(3) fallen heroes" does not
    hold the mechanic of its third paragraph's incident."""
    # (a count told after the victim as more people does not hold them: "shot dead a social leader
    # ... Three members of his family were also killed")
    if _ONE_MORE.match(text, f.number_start):
        return False
    same = [(g, q) for g, q in counts if g.metric == f.metric and not _elsewhere(text, f, g)
            and not (g.char_start > f.char_end and _ADDITIVE.search(text, g.sentence_start, g.sentence_end))
            and not _other_kind(o.head, g.group)]
    if not same:
        return False
    if any(q.para == o.para for _, q in same) or _INSIDE.search(text, f.sentence_start, f.sentence_end):
        return True
    head = re.compile(r"\b" + re.escape(o.head.lower()[:max(3, len(o.head) - 1)]), re.I) \
        if o.head and o.head not in _PRONOUNS else None  # ("he" is in "heroes")
    return head is not None and any(head.search(text, g.sentence_start, g.sentence_end) for g, _ in same)


# the words of a count that may hold any one person: "eight people were killed" holds "a boy"
_ANYONE = frozenset("""people persons person civilians civilian villagers villager residents resident individuals
victims victim others members locals inhabitants dead casualties fatalities bodies lives""".split())


def _other_kind(head: str | None, group: str | None) -> bool:
    """Whether a count names people of another kind than the victim: "two farmers" do not hold "a
    driver" (while "eight people" hold "a boy", and "two farmers" hold "a farmer")."""
    words = _WORD.findall((group or "").lower())
    if not head or not words or head.lower() in _PRONOUNS or (head[:1].isupper() and not head.isupper()):
        return False  # (a person named by name may be of any kind; "IDP" is a noun)
    last = words[-1]
    if last in _ANYONE:
        return False
    h = head.lower()
    return not any(w == h or w.rstrip("s") == h or w[:-3] + "y" == h or w[:-3] + "man" == h for w in words)


# what may stand between the items of one list: "five children and their grandmother"
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|plus)?\s*", re.I)


def _in_breakdown(text: str, f: Figure, o: Origin, figs: list[Figure], origins: list[Origin]) -> bool:
    """Whether a victim coordinated with a counted phrase is the next item of a breakdown ("killed
    11 members of the family, among them five children and their grandmother"): a part of the
    total like the item it is listed with, not one more person. In a list of the harmed ("The dead
    were 15 soldiers, three volunteers and a driver") it is when a count told before the list
    holds the list."""
    harmed = _THE_HARMED_INCLUDE.search(text, f.sentence_start, f.number_start)
    if harmed:
        return any(g.metric == f.metric and g.char_end <= harmed.start() and not g.vague and not g.cumulative
                   and g.value > 1 and 0 <= o.para - q.para <= 1 for g, q in zip(figs, origins))
    return any(q.how == "d" and g.metric == f.metric and g.sentence_start == f.sentence_start
               and g.number_start < f.number_start and _LIST_GAP.fullmatch(text, g.char_end, f.number_start)
               for g, q in zip(figs, origins))


def _counted_victims(text: str, figs: list[Figure], origins: list[Origin]) -> list[int]:
    """Indices of the figures kept: victims without a numeral that are parts or restatements go."""
    keep: list[int] = []
    counts = [(f, o) for f, o in zip(figs, origins) if o.how != "v" and not f.cumulative and not f.vague]
    named: list[tuple[str, str]] = []  # (metric, head) of the victims kept so far
    person: tuple[int, set[str]] | None = None  # the latest person named: (paragraph, harms counted)
    for i, (f, o) in enumerate(zip(figs, origins)):
        if o.how == "v" and o.head in _THEY:
            # "abducted 9 regime soldiers ... They later killed them": as many as the count they
            # stand for, when it told another harm (the same harm again restates it)
            ante = next((j for j in range(i - 1, -1, -1) if origins[j].how != "v" and not figs[j].vague
                         and figs[j].value > 1 and 0 <= o.para - origins[j].para <= 1), None)
            if ante is None or figs[ante].metric == f.metric \
                    or _WORDS.search(text, figs[ante].sentence_end, f.sentence_start) is not None:
                # (nor for a count a sentence between has moved on from: "injuring 40 people. The
                # deceased were identified as A, B and C. They were shot dead")
                continue
            g = figs[ante]
            f.value, f.low, f.high, f.qualifier = g.value, g.low, g.high, g.qualifier
            f.group, f.group_class = g.group, g.group_class
            keep.append(i)
            continue
        if o.how == "v":
            pronoun = o.head in _PRONOUNS
            if not pronoun:
                person = (o.para, set())
            if (_said_inside(text, f, counts) or (not o.joined and _inside_count(text, f, o, counts))) \
                    and not (not o.definite and _completes_breakdown(f, i, figs, origins)):
                continue  # part of the counted figure ("the commander was also killed")
            if o.joined and _in_breakdown(text, f, o, figs, origins):
                continue
            if pronoun and person is not None and o.para - person[0] <= 1:
                # "he" is the person named last: the same harm again restates it, another harm
                # is new ("arrested the cycle mechanic ... He was shot dead")
                if f.metric in person[1]:
                    continue
            elif o.definite and (any(h == o.head and (m == f.metric or {m, f.metric} == {"killed", "injured"})
                                     for m, h in named) or (
                    not any(h == o.head for _, h in named)
                    and any(m == f.metric for m, _ in named) and not _KIN_OF.match(text, f.number_start))):
                # "a man was killed ... the man", "he": named before (not "his wife": someone new;
                # nor another harm of the one named: "arrested a student ... The student died in custody";
                # but the wounds of one who died are their death's: "the death of a child. The child
                # was critically injured")
                continue
            if person is not None:
                person[1].add(f.metric)
            named.append((f.metric, o.head))
        keep.append(i)
    return keep


def _completes_breakdown(f: Figure, i: int, figs: list[Figure], origins: list[Origin]) -> bool:
    """Whether the victim named without a numeral at i is the last item of a breakdown told after
    a total: "killed three people ... A drone struck a minibus, killing two women ... A man was
    killed when ..." (2 + 1 is the 3; the man is kept for the breakdown to add up, not dropped
    as inside the 3). Asked of a victim told as someone new ("a man"), not as one of those
    counted ("the other", "his brother")."""
    earlier = [j for j in range(i) if figs[j].metric == f.metric and origins[j].how not in ("v", "d")
               and not figs[j].vague and not figs[j].cumulative]
    for a in earlier:
        parts = [j for j in earlier if j > a and figs[j].value < figs[a].value]
        if parts and sum(figs[j].value for j in parts) + f.value == figs[a].value:
            return True
    return False


def _breakdown_of_the_sum(text: str, figs: list[Figure], origins: list[Origin]) -> None:
    """A list after a colon breaks down the count it adds up to, not the count written last before
    it: "25 people were killed and dozens injured in two attacks: 18 in Beni and 7 in Lubero" (the 18
    and 7 are killed, parts of the 25; the linker, reading them after "dozens injured", took them
    as injured)."""
    j = 0
    while j < len(figs):
        if origins[j].how != "d" or figs[j].vague:
            j += 1
            continue
        k = j
        while k + 1 < len(figs) and origins[k + 1].how == "d" and figs[k + 1].sentence_start == figs[j].sentence_start \
                and figs[k + 1].metric == figs[j].metric and not figs[k + 1].vague:
            k += 1
        items = figs[j:k + 1]
        before = [i for i in range(j) if figs[i].sentence_start == figs[j].sentence_start and not figs[i].vague
                  and origins[i].how != "d"]
        if len(items) >= 2 and before and text.find(":", figs[before[-1]].char_end, items[0].number_start) >= 0:
            total = sum(f.value for f in items)
            whole = next((i for i in reversed(before) if figs[i].value == total), None)
            if whole is not None and figs[whole].metric != items[0].metric \
                    and not any(figs[i].metric == items[0].metric and figs[i].value == total for i in before):
                for f in items:
                    f.metric = figs[whole].metric
        j = k + 1


def relate(text: str, attributed: list[Attributed]) -> list[Figure]:
    """The article's figures (in text order) with relation and related_to set; victims without a
    numeral that are parts or restatements of others are left out."""
    figs = [a.figure for a in attributed]
    origins = [a.origin for a in attributed]
    keep = _counted_victims(text, figs, origins)
    figs = [figs[i] for i in keep]
    origins = [origins[i] for i in keep]
    _breakdown_of_the_sum(text, figs, origins)
    keys = [figure_key(f.article_id, f.char_start, f.char_end, f.metric) for f in figs]
    root: list[int] = list(range(len(figs)))  # the independent claim each figure comes back to
    for j, (f, o) in enumerate(zip(figs, origins)):
        if f.vague:
            continue
        # an item of a list of the harmed ("The dead were 15 soldiers, three volunteers and ..."):
        # part of a total told before the list, else a claim of its own, never of the item before it
        harmed = None if f.implied or f.cumulative \
            else _THE_HARMED_INCLUDE.search(text, f.sentence_start, f.number_start)
        if o.how == "d" and not o.coordinated and not harmed:
            # a sub-total: of the count its "including" names, else the nearest earlier figure of
            # the same harm that can hold it
            whole = next((i for i in range(j - 1, -1, -1) if figs[i].number_start == o.part_of
                          and figs[i].metric == f.metric and not figs[i].vague and figs[i].value >= f.value), None) \
                if o.part_of is not None else None
            if whole is not None:
                f.relation, f.related_to, root[j] = "part_of", keys[root[whole]], root[whole]
                continue
            for i in range(j - 1, -1, -1):
                g = figs[i]
                if g.metric == f.metric and origins[i].how != "d" and not g.vague and g.value >= f.value:
                    f.relation, f.related_to, root[j] = "part_of", keys[root[i]], root[i]
                    break
            continue
        of = _OF_THE_HARMED.match(text, f.number_end)
        of_harm = _HARMED_METRIC.get(of.group(1).split()[-1].lower(), f.metric) if of else f.metric
        # ("thirty persons were injured ..., three of them received bullet injuries": the people
        # just counted, whatever befell them since: a part when it is the same harm; "33 wounded
        # ... Two of them died" are some of the wounded, no part of the dead)
        if of is None and (them := _OF_THEM.match(text, f.number_end)) is not None:
            last = next((i for i in range(j - 1, -1, -1) if not figs[i].vague), None)
            of = them if last is not None and figs[last].metric == f.metric else None
        if f.group is None and not f.implied and not f.cumulative and not o.increment and of_harm == f.metric \
                and _BARE_START.fullmatch(text, f.sentence_start, f.number_start) \
                and not _MORE_AFTER.match(text, f.number_end):  # ("300 more arrived": new people)
            # "... killed two civilians. One was burnt alive and ...": a bare number opening the next
            # sentence counts some of the people just counted, not new ones
            whole = next((i for i in range(j - 1, -1, -1) if figs[i].metric == f.metric and figs[i].relation == "independent"
                          and origins[i].para == o.para and figs[i].sentence_start < f.sentence_start
                          and not figs[i].vague and figs[i].value > f.value and _compatible(figs[i], f)), None)
            if whole is not None and not any(figs[x].sentence_start > figs[whole].sentence_end
                                             and figs[x].sentence_start < f.sentence_start for x in range(whole + 1, j)):
                f.relation, f.related_to, root[j] = "part_of", keys[root[whole]], root[whole]
                continue
        if not f.implied and not f.cumulative and ((of and of_harm == f.metric) or harmed):
            # "two of the victims", "The dead include 11 tribal fighters, five SDF members and two
            # civilians": a part or a breakdown of the people counted before (before the list)
            before = harmed.start() if harmed else f.char_start
            whole = next((i for i in range(j - 1, -1, -1) if figs[i].metric == f.metric
                          and figs[i].relation in ("independent", "adds_to") and not figs[i].vague
                          and figs[i].value > f.value and figs[i].char_start < before), None)
            if whole is not None:
                f.relation, f.related_to, root[j] = "part_of", keys[root[whole]], root[whole]
                continue
            if harmed:
                continue
        if not f.implied and not f.cumulative:
            # "Four children were among 10 people killed": the count it is among holds it
            whole = next((i for i in range(j + 1, len(figs)) if figs[i].metric == f.metric
                          and figs[i].sentence_start == f.sentence_start and not figs[i].vague
                          and figs[i].value > f.value
                          and _AMONG_WHOLE.fullmatch(text, f.number_end, figs[i].number_start)), None)
            if whole is not None:
                f.relation, f.related_to = "part_of", keys[whole]
                continue
        if not f.cumulative and not f.vague:
            # "the toll rose to 19 after four of the wounded died": the four are the toll's rise,
            # inside an incident's toll, an increment of a running total
            toll = next((i for i in range(j - 1, -1, -1) if figs[i].metric == f.metric and not figs[i].vague
                         and figs[i].sentence_start == f.sentence_start and figs[i].value > f.value
                         and _ROSE_TO.search(text, figs[i].char_start, figs[i].number_start)
                         and _AFTER_MORE_DIED.fullmatch(text, figs[i].number_end, f.number_start)
                         and not any(figs[x].sentence_start == f.sentence_start for x in range(i + 1, j))), None)
            if toll is not None:
                rel = "adds_to" if figs[toll].cumulative else "part_of"
                f.relation, f.related_to = rel, keys[root[toll]]
                if rel == "part_of":
                    root[j] = root[toll]
                continue
        if o.increment and not f.cumulative:
            total = next((i for i in range(j + 1, len(figs)) if figs[i].metric == f.metric and figs[i].cumulative
                          and figs[i].sentence_start == f.sentence_start), None)
            if total is not None:
                f.relation, f.related_to = "adds_to", keys[total]
                continue
        # (a victim named without a numeral restates no one by its value: "a farmer ... a teacher")
        # (but "the two fatalities" after "a drug suspect and his companion were killed" are they)
        the = _THE_BEFORE.search(text, max(f.sentence_start, f.number_start - 8), f.number_start) is not None
        # (nor is the next item of a list: "3 Spanish tourists and 3 Afghans")
        same = None if f.implied else next((i for i in range(j) if (not figs[i].implied or (the and figs[i].value > 1))
                                            and not _LIST_BETWEEN.fullmatch(text, figs[i].number_end, f.number_start)
                                            and figs[i].metric == f.metric
                                            and (_same_amount(figs[i], f) or _rounded_of(figs[i], origins[i], f, o))
                                            and figs[i].relation != "part_of" and not figs[i].vague
                                            and _compatible(figs[i], f)), None)
        rounded = same is not None and not _same_amount(figs[same], f)
        if same is not None and (origins[same].headline and not o.headline or rounded) \
                and figs[same].relation == "independent" and root[same] == same:
            # (and a round number told before the count it rounds: "has passed 3 million" before
            # "3,042,000 internally displaced people")
            # a headline's figure told again in the body: the body's telling is the claim (it says
            # when, where and who), the headline restates it
            figs[same].relation, figs[same].related_to = "restates", keys[j]
            for x in range(j):
                if root[x] == same:
                    root[x] = j
                    if figs[x].related_to == keys[same]:
                        figs[x].related_to = keys[j]
            continue
        if same is not None:
            f.relation, f.related_to, root[j] = "restates", keys[root[same]], root[same]
            continue
        # a total of the claims before it ("... 5 fatalities" after 4 and 1), told after them (not
        # the next item of their own list: "killed a teacher and two farmers")
        before = [i for i in range(j) if figs[i].metric == f.metric and figs[i].relation in ("independent", "adds_to")
                  and not figs[i].vague and not figs[i].cumulative]
        if not f.cumulative and len(before) >= 2 and sum(figs[i].value for i in before) == f.value \
                and not any(f.char_start <= figs[i].char_start < f.char_end for i in before):
            f.relation, f.related_to, root[j] = "restates", keys[before[0]], before[0]
        elif o.summary and not f.cumulative and before and f.value >= max(figs[i].value for i in before):
            # the closing total of an event note ("Three men were killed ... A fourth died later. 4
            # fatalities."): what was told before is part of it
            for i in before:
                figs[i].relation, figs[i].related_to, root[i] = "part_of", keys[j], j
    _breakdowns(text, figs, keys)
    return figs


def _breakdowns(text: str, figs: list[Figure], keys: list[str]) -> None:
    """Counts of one sentence that add up to a total told before them break it down ("killed 40
    junta soldiers ... The killing of 30 regime troops by the KIA in Kachin, and of 10 junta soldiers
    in Sagaing"): the total then restates them, as a total told after its parts does, so that the
    parts' own places and days are what a series counts, and no one twice."""
    by_sentence: dict[tuple[int, str], list[int]] = {}
    for j, f in enumerate(figs):
        if f.relation == "independent" and not f.cumulative and not f.vague and not f.implied:
            by_sentence.setdefault((f.sentence_start, f.metric), []).append(j)
    for (start, metric), parts in by_sentence.items():
        if len(parts) < 2:
            continue
        total = sum(figs[j].value for j in parts)
        whole = next((i for i in range(parts[0] - 1, -1, -1) if figs[i].metric == metric
                      and figs[i].sentence_start < start and figs[i].relation == "independent"
                      and not figs[i].cumulative and not figs[i].vague and figs[i].value == total
                      and all(_same_day(figs[i], figs[j]) for j in parts)), None)
        if whole is not None:
            figs[whole].relation, figs[whole].related_to = "restates", keys[parts[0]]
    _placed_parts(figs, keys)
    _roundups(text, figs, keys)


def _placed_parts(figs: list[Figure], keys: list[str]) -> None:
    """A total broken down place by place ("killed nine people in Dnipropetrovsk Oblast: eight in
    Dnipro and one in Nikopol") is told again by its parts, which say where: they are the claims
    (each place's series counts its own, and another report of the Dnipro strike meets its eight),
    the total restates them. Parts that do not add up to it, or share a place (four children and
    three women), stay parts."""
    by_whole: dict[str, list[int]] = {}
    for j, f in enumerate(figs):
        if f.relation == "part_of" and f.related_to is not None and not f.vague and not f.implied:
            by_whole.setdefault(f.related_to, []).append(j)
    at = {k: i for i, k in enumerate(keys)}
    for w, parts in by_whole.items():
        whole = at.get(w)
        if whole is None or len(parts) < 2 or figs[whole].relation != "independent" or figs[whole].cumulative:
            continue
        total = figs[whole]
        codes = [figs[j].place_code for j in parts]
        if sum(figs[j].value for j in parts) != total.value or None in codes or len(set(codes)) < len(codes) \
                or total.place_code in codes or not all(_within(figs[j], total) for j in parts):
            continue
        for j in parts:
            figs[j].relation, figs[j].related_to = "independent", None
        total.relation, total.related_to = "restates", keys[parts[0]]


def _roundups(text: str, figs: list[Figure], keys: list[str]) -> None:
    """A total whose next counts of the same harm, each in a place inside the total's, add up to it
    is a roundup told place by place ("Russian attacks killed seven civilians across Ukraine ... In
    Donetsk Oblast, shelling killed three ... In Kharkiv Oblast, a woman was killed ..."): the total
    restates them, so each region's series counts its own."""
    for t, total in enumerate(figs):
        if total.relation != "independent" or total.cumulative or total.vague or total.implied or total.value < 3:
            continue
        parts: list[int] = []
        acc = 0
        for j in range(t + 1, len(figs)):
            f = figs[j]
            if f.metric != total.metric or f.relation not in ("independent", "adds_to") or f.cumulative or f.vague:
                continue
            if f.sentence_start <= total.sentence_start or not _within(f, total) or not _same_day(total, f):
                break
            if acc + f.value > total.value:
                break
            parts.append(j)
            acc += f.value
            if acc == total.value:
                break
        if acc == total.value and len(parts) >= 2:
            total.relation, total.related_to = "restates", keys[parts[0]]
        elif parts and acc < total.value and all(figs[j].place_code != total.place_code for j in parts) \
                and _AGGREGATE.search(text, total.sentence_start, total.sentence_end) \
                and all(_told_day(text, figs[j]) in (None, _told_day(text, total)) for j in parts):
            # told for some places only ("killed 7 across Ukraine ... In Kharkiv Oblast, two people
            # were killed"): those are parts of the total, which counts whole
            for j in parts:
                if figs[j].relation == "independent":
                    figs[j].relation, figs[j].related_to = "part_of", keys[t]


# a roundup's total: over an area or a period ("across Ukraine", "over the past day")
_AGGREGATE = re.compile(r"\b(?:across|nationwide|countrywide|throughout|in\s+total|in\s+all|all\s+over|"
                        r"over\s+the\s+(?:past|last)\s+(?:day|24\s+hours|week)|in\s+the\s+(?:past|last)\s+24\s+hours)\b", re.I)


def _told_day(text: str, f: Figure) -> str | None:
    """The day a figure is told for: its date, else the days its sentence names ("on Tuesday")."""
    if f.event_date_start:
        return f.event_date_start
    days = sorted({m.group(0).lower() for m in _DAY_WORD.finditer(text, f.sentence_start, f.sentence_end)})
    return " ".join(days) or None


_DAY_WORD = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b", re.I)


def _within(f: Figure, total: Figure) -> bool:
    """`f` is placed inside `total`'s place (a region of the country, a town of the region)."""
    if total.place_code is None or f.place_code is None:
        return False
    # (MIMU p-codes nest by prefix: a township's MMR005001 is in its region's MMR005)
    return total.place_code == f.place_code or _holds(total, f) or f.place_code.startswith(total.place_code)


def _same_day(a: Figure, b: Figure) -> bool:
    """No two days a day apart tell them apart (a wire's total is often dated by the day its source
    spoke: "killed 25 ..., sources told AFP on Monday. The assault on Sunday ...")."""
    if not (a.date_precision == "day" and b.date_precision == "day" and a.event_date_start and b.event_date_start):
        return True
    return abs((date.fromisoformat(a.event_date_start) - date.fromisoformat(b.event_date_start)).days) <= 1

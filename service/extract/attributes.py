"""The attributes stage: each link made a Figure, with what its sentence and its frames say.

Read in document order, because a figure is read against the figures before it: a sub-total
takes its total's final metric, "14 others" its neighbour's group, an item of a running total's
breakdown ("This included: - 1,240 in Donetsk") its total's group and running-total flag. That
memory is the `Carry`; everything else a figure gets from its own link, its sentence and the
document frames (service.extract.frames), one step each:
  _metric        refugees (across a border) or displaced (inside the country); a sub-total's is
                 its total's
  _own_group     who, as written (the number's noun phrase, an apposition); group_class its class
  running total  the time frame's decision (TimeFrame.running_total): since, as of, increments
  _breakdown_group  a running total's group for the items of its breakdown
  _where         the place frame's chain; a refugee figure is placed where people arrived
  source, event date  the source and time frames
  _perpetrator   a by-phrase, else the subject of an active harm verb
  _confidence    0.85 for a verb link, 0.8 running total, 0.75 harm noun, 0.6 inherited; +0.1
                 with a people noun, -0.05 for spelled numbers; at most 0.4 when vague
One figure per number and metric; its relations to the others are the next stage's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.extract import EXTRACTOR_VERSION
from service.extract import frames as F
from service.extract import lexicon as L
from service.extract.figure import Figure
from service.extract.frames import time as T
from service.extract.frames.places import chain_near, homonym
from service.extract.links import MANNER_ADVERB, Link, Linked
from service.extract.sentences import Sentences


# "3 fatalities." / "Fatalities: 4" opening a sentence: an event note's total of what it told
_SUMMARY_NOUN = re.compile(r"(?i:fatalit(?:y|ies)|deaths|dead)")


@dataclass(slots=True)
class Origin:
    """What the links stage knew about a figure that the relations stage needs."""

    how: str                    # the link kind (service.extract.links.Link.how; "v" for a victim)
    increment: bool = False     # followed by "bringing the total to" a running total
    definite: bool = False      # a victim phrase that may name someone mentioned before
    head: str = ""              # the victim phrase's head noun or name
    joined: bool = False        # a victim coordinated with a counted phrase
    summary: bool = False       # "3 fatalities." opening a sentence: the note's total of what it told
    para: int = 0               # the paragraph of its sentence
    part_of: int | None = None  # an "including" item: where the number of the count it is part of starts
    coordinated: bool = False   # a count added to the one before it by "and" (links.Link.coordinated)
    headline: bool = False      # told in the headline


@dataclass(slots=True)
class Attributed:
    figure: Figure
    origin: Origin  # how it was found, for the relations stage


@dataclass(slots=True)
class Carry:
    """What the figures read so far tell the next one (document order)."""

    last_fig: tuple[int, str, str] | None = None  # the figure before: (sentence, final metric, linked metric)
    prev_group: str | None = None   # the last own group of a figure that is no sub-total ("14 others" take it)
    prev_group_sent: int = -1       # ... and its sentence
    frame_group: str | None = None  # the group of a running total whose breakdown may follow
    frame_sent: int = -99           # the sentence that last used or set it
    run: T.Running = field(default_factory=T.Running)  # the running-total memory (the time frame's)


def _quote_span(link: Link, group_end: int | None = None) -> tuple[int, int]:
    n = link.num
    s, e = n.start, n.end
    if group_end is not None:
        e = max(e, group_end)
    if link.how in ("a", "t", "b", "c", "v"):
        s = min(s, link.trig_start)
        e = max(e, link.trig_end)
    return s, e


_DEST_PREP = re.compile(r"\s*(?:(?:over|back|out|away|from\s+(?:their|his|her)\s+homes?|(?:their|his|her)\s+homes?|the\s+(?:country|fighting|violence|clashes)"
                        r"|from\s+(?:the\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})\s+)*"
                        r"(?P<prep>into|to|in|towards?|for|at)\s+(?:the\s+|neighbou?ring\s+)*")
_ORIGIN_AFTER = re.compile(r"(?:’s|'s)?\s+(?:nationals|refugees|citizens|migrants|asylum|people|civilians|villagers|residents)\b")
_WHO_FLED_ABROAD = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:who|that)\s+(?:have\s+|had\s+|were\s+)?(?:fled|crossed|sought\s+refuge|left)"
                              r"\s+(?:[\w\-]+\s+){0,2}?(?:abroad|overseas|across\s+(?:the|a)\s+(?:international\s+)?border|"
                              r"to\s+neighbou?ring\s+countries|into\s+neighbou?ring)", re.I)
_ARRIVAL = ("arrived", "shelter", "refuge", "sheltering", "sheltered", "protection")


def _refugee_or_idp(text: str, ctx: F.Frames, k: int, link: Link) -> str:
    """Displacement across a border is a refugee figure; 'crossed' without a border is nothing."""
    s, e = ctx.place.sents.spans[k]
    trig = text[link.trig_start:link.trig_end].lower()
    after = text[link.trig_end:min(e, link.trig_end + 120)]
    if link.metric == "refugees" and trig.startswith("cross"):
        return "refugees"  # (across a border: service.extract.links drops the other crossings)
    if link.metric == "displaced" and link.how == "d" and _WHO_FLED_ABROAD.match(text, link.num.end):
        return "refugees"  # a part told as having left the country: "including nearly 4 million who fled abroad"
    if link.metric != "displaced" or link.how not in ("a", "c"):
        return link.metric
    if _RX_0.match(after):
        return "refugees"
    for p in ctx.place.places(k):
        if link.trig_end < p.start <= link.trig_end + 2 and p.level == "country" and trig.startswith(("fled", "flee")):
            return "refugees"  # "fled Sudan"
    if _RX_1.match(after):
        return "refugees"
    m = _DEST_PREP.match(after)
    if not m:
        return link.metric
    dest_at = link.trig_end + m.end()
    prep = m.group("prep")
    arrival = any(w in trig for w in _ARRIVAL)
    if prep == "in" and not arrival:
        return link.metric
    # where they come from: "people from Myanmar", "Myanmar refugees", else the article's country
    origin = None
    for p in ctx.place.places(k):
        if p.level == "country" and p.country and (text[max(s, p.start - 5):p.start].lower().endswith("from ")
                                                   or _ORIGIN_AFTER.match(text, p.end)):
            origin = p.country
            break
    home = origin or ctx.place.country
    for p in ctx.place.places(k):
        if dest_at - 2 <= p.start <= dest_at + 12:
            if p.level == "country" and p.country and (p.country != home or not origin):
                return "refugees"
            if p.country and home and p.country != home:
                return "refugees"
            break
    return link.metric


# "by Tuesday", "by the end of May", "by then": a deadline, not an agent
_BY_TIME = (r"(?:the\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
            r"August|September|October|November|December|\d|now|then|today|tonight|tomorrow|yesterday|noon|midnight|"
            r"dawn|dusk|nightfall|morning|afternoon|evening|end|early|late|mid|middle|that\s+time|"
            r"(?:next|last|this)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|time))\b")
# A by-phrase naming who did it, and where it ends: punctuation, a preposition or time word, the
# next figure ("by the junta and 26,421 arrested"), or a verb ("by fighting need shelter").
_BY_AGENT = (r"by\s+(?!" + _BY_TIME + r")((?:the\s+|a\s+)?(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+?)(?=\s*(?:[,.;:]|\bin\b|\bon\b|\bat\b|\bnear\b|"
             r"\bduring\b|\bafter\b|\bby\b|\bwho\b|\bwhile\b|\bas\b|\bfrom\b|\bsince\b|\bthis\b|\blast\b|\byesterday\b|"
             r"\btoday\b|\bearlier\b|\s+(?:and|or)\s+[\d(]|\b(?:between|across|over|around|are|is|were|was|have|has|had|"
             r"need|needs|remain|remains|remained|require|requires|face|faces|live|lives|now|still)\b|$))")
_PERP_BY = re.compile(r"^\s*(?:\w+\s+){0,3}?" + _BY_AGENT)
_NOMINAL_BY = re.compile(r"\s*(?:[\w’'\-]+\s+){0,3}?" + _BY_AGENT)
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
_SUBJ_SKIP = {"so", "far", "already", "now", "just", "since", "thus", "yet", "again", "then", "also", "later",
              "subsequently", "eventually", "finally", "immediately"}
_TIME_ADV = {"yesterday", "today", "overnight", "earlier", "meanwhile", "later"}
_SUBJ_AUX = {"has", "have", "had", "also", "reportedly", "allegedly"}
_BE = {"is", "are", "was", "were", "been", "being"}
# words no subject starts with: a verb form ("is estimated to have killed") or a preposition ("on
# Thursday night killed": a time phrase, the subject is further back)
_NO_SUBJECT_START = {"is", "are", "was", "were", "be", "been", "being", "to", "estimated", "believed", "thought",
                     "said", "reported", "feared", "likely", "expected", "known", "understood", "alleged",
                     "on", "in", "at", "during", "after", "before", "since", "by", "from", "near", "over"}
_SUBJ_STOP = {"the", "a", "an", "and", "of", "in", "on", "at", "that", "which", "who", "when", "as", "after", "while", ","}


def _perpetrator(text: str, s: int, link: Link) -> str | None:
    after = text[link.trig_end:link.trig_end + 80]
    m = _PERP_BY.match(after)
    if m:
        return m.group(1).strip()
    if link.how == "a" and _OF_THE.fullmatch(text, link.trig_end, link.num.start):
        # a nominal harm names its agent after the victims: "the killing of at least 87 civilians by
        # government forces"; its own subject ("Human Rights Watch documented ...") is no perpetrator
        m = _NOMINAL_BY.match(text, link.num.end, link.num.end + 80)
        return m.group(1).strip() if m else None
    if link.how == "a":
        # active voice: the subject before the verb ("security forces killed ...")
        before = text[s:link.trig_start]
        if _RX_5.search(text[link.trig_start:link.trig_end]) and _RX_6.search(before):
            return None  # ", killing 8": the subject is the clause's, not a neighbour's
        words = _RX_2.findall(before)
        subj: list[str] = []
        bounded = len(words) <= 18  # the sentence's start bounds the subject
        for w in reversed(words[-18:]):
            if not subj and w.lower() in _BE:
                continue  # "The Houthis are holding 13 UN staff"
            if w in (",", ";", ":", "(", ")", "—", "–", "-", "--") or w.lower() in _SUBJ_AUX:
                if subj:
                    bounded = True
                    break
                continue
            if w.lower() in ("that", "which", "who", "and", "when", "said", "after", "while", "as", "says"):
                bounded = True
                break
            if MANNER_ADVERB.fullmatch(w) or (not subj and w.lower() in _SUBJ_SKIP):
                continue  # "the regime has forcibly recruited", "Authorities have so far evacuated"
            subj.insert(0, w)
            if len(subj) >= 16:
                bounded = False
                break
        if not bounded:
            return None  # where the subject starts is unknown: its tail is no perpetrator ("a camp for")
        # the head of the subject, before its prepositional phrases: "A Russian missile strike on the city of Dnipro"
        for q, w in enumerate(subj):
            if q and w.lower() in ("on", "in", "at", "near", "from", "of", "against", "with", "during", "across", "by"):
                subj = subj[:q]
                break
        # "military forces shelled Mindat": stop before an earlier verb of the clause
        for q, w in enumerate(subj):
            if q and _RX_8.fullmatch(w):
                subj = subj[:q]
                break
        if subj and subj[0].islower() and subj[0].endswith("ing"):
            # "after leaving Dawei City the military then arrested": the subject starts at its article
            k = max((q for q, w in enumerate(subj) if w.lower() in ("the", "a", "an")), default=0)
            if k:
                subj = subj[k:]  # (not "ongoing fighting": no article after the first word)
        while len(subj) > 1 and subj[0].lower() in _TIME_ADV:
            subj = subj[1:]  # "Yesterday troops killed"
        if subj and subj[0].lower() in _NO_SUBJECT_START:
            # "The war, which lasted two years, is estimated to have killed": no subject left; "A junta
            # airstrike on a monastery in X, on Thursday night killed": a time, the subject is further back
            return None
        if subj and not all(w.lower() in _SUBJ_STOP | {"it", "they", "he", "she", "we", "who", "which", "there"} for w in subj) \
                and not any(w[:1].isdigit() for w in subj):  # (no count; "M23 rebels" is a name)
            return " ".join(subj)
    return None


_AUX_TAIL = re.compile(r"(?:[\s,]+(?:have|has|had|been|were|was|are|is|being|be|also|reportedly|allegedly|now|still|already|all|"
                       r"confirmed|believed|feared|thought|presumed|later|recently|newly|currently|internally|forcibly|"
                       r"fatally|brutally|who|that|which|to|in\s+total|in\s+all|so\s+far|the|estimated|total|remain|remains|"
                       r"remained|and|or))+\s*$", re.I)
_CUT_NUM = re.compile(r"\s*(?:,\s*(?:including|incl\.?|among\s+them)\b|,|;|\band\b|\bor\b)\s*(?:\(?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                      r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?)\b)", re.I)
_CUT_AUX = re.compile(r"[\s,]+(?:were|was|are|is|have|has|had|been|being|remain(?:s|ed)?|who|that|which|reportedly|allegedly|"
                      r"may|might|could|would|will|must|should)\b", re.I)
_CUT_COORD = re.compile(r"\s+(?:and|or)\s+(?:a|an|one|their|his|her|its)\s", re.I)
_SUBSET_START = re.compile(r"(?:including|incl\.?|among\s+them|among\s+whom)\s", re.I)
_ADVERB_TAIL = re.compile(r"(?:\s+(?:newly|recently|reportedly|allegedly|forcibly|internally|currently|temporarily|"
                          r"permanently|previously|initially|originally|fatally|seriously|critically|severely|badly|"
                          r"lightly|now|still))+$", re.I)
_TRIGGER_WORDS = re.compile(r"\b(?:dead|deaths?|bodies|casualties|fatalities|killed|injured|injuries|wounded|missing|displaced|went|"
                            r"estimated|total|displacements?|killings?|abductions?|kidnappings?|disappearances?|arrests?|"
                            r"detentions?|new|enforced|homeless|abducted|kidnapped|detained|arrested|released|freed)\b", re.I)


_NOT_AS_REPORTED = re.compile(r",?\s+not\s+(?:the\s+)?\d")


def _group(text: str, link: Link, prev: str | None) -> str | None:
    """Who, as written: the number's noun phrase (with an apposition before its verb)."""
    g = None
    if link.np_start is not None and link.np_end is not None:
        end = link.np_end
        if link.how == "c" and link.trig_start > end and link.trig_start - end < 120:
            seg = text[link.np_start:link.trig_start]
            cut = _CUT_NUM.search(seg)
            if cut:
                seg = seg[:cut.start()]
            seg = _CUT_AUX.split(seg, maxsplit=1)[0]
            seg = _CUT_COORD.split(seg, maxsplit=1)[0]  # "six children and their teacher": the six are children
            seg = _AUX_TAIL.sub("", seg)
            if len(seg) > end - link.np_start:
                end = link.np_start + len(seg)
        m_par = _RX_3.match(text, end, end + 12)  # (no lookbehind: the same as on the slice)
        if m_par:
            end = m_par.end()  # "internally displaced persons (IDPs)"
        g = text[link.np_start:end]
        g = _RX_7.split(g, maxsplit=1)[0]
        g = _NOT_AS_REPORTED.split(g, maxsplit=1)[0]  # "10 people, not 12 as earlier reported,": a correction, not who
        g = g.strip(" ,;:-–—()“”\"\n'’‘")
        g = _RX_9.sub("", g).strip()
        if g and g.rsplit(None, 1)[-1].lower() in _TAIL_WORDS:
            g = _GROUP_TAIL.sub("", g)  # "14 others overnight", "12 men and (later released)"
        if g.count("(") == g.count(")") + 1 and text.startswith(")", link.np_start + len(g)):
            g += ")"  # "internally displaced persons (IDPs)"
        if _RX_4.match(g):
            g = ""
        if g[:1] in "aAoObBtT" and _CONJ_START.match(g):
            g = ""  # "shot more than 30 and burned the bodies": a new verb phrase, not who
        hm = _HARM_HEAD.fullmatch(g) if g[:1] in "cC" else None
        if hm:
            g = hm.group(1).lower().replace("civilian", "civilians").replace("child", "children")  # "civilian casualties" -> civilians
        if g[:1] in "iIaA" and _SUBSET_START.match(g):
            g = ""  # "kills 40 including children": the children are some of the 40, not who they were
        if " " in g:
            g = _ADVERB_TAIL.sub("", g) or g  # "3,000 people recently displaced by ...": "people recently"
        words = _RX_10.findall(g)
        if g and all(_TRIGGER_WORDS.fullmatch(w) or w.lower() in ("and", "or", "the", "in", "of", "more", "further", "other")
                     for w in words):
            g = ""
        g = g or None
    if (g is None or g.lower() in ("others", "other", "more")) and prev:
        return prev
    return g


def _confidence(link: Link, vague: bool) -> float:
    base = {"a": 0.85, "c": 0.85, "t": 0.8, "b": 0.75, "d": 0.6}.get(link.how, 0.5)
    if link.np_words and any(w in L.PEOPLE for w in link.np_words):
        base += 0.1
    elif link.how in ("a", "c"):
        base -= 0.05
    if link.num.spelled:
        base -= 0.05
    if vague:
        base = min(base, 0.4)
    return round(max(0.05, min(base, 0.98)), 2)


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
_RX_13 = re.compile(r"[a-z0-9\-]+")


def _metric(sents: Sentences, ctx: F.Frames, item: Linked, c: Carry) -> str:
    """The link's metric, refined: refugees or displaced, a sub-total's is its total's."""
    text, paras, k, link = sents.text, sents.paras, item.k, item.link
    metric = _refugee_or_idp(text, ctx, k, link) if link.metric in ("refugees", "displaced") else link.metric
    if link.how == "d" and c.last_fig is not None and c.last_fig[0] == k and link.metric == c.last_fig[2] \
            and metric == link.metric:
        metric = c.last_fig[1]  # a sub-total takes its total's final metric (unless it says it left the country)
    elif metric == "displaced" and c.last_fig is not None and c.last_fig[1] == "refugees" \
            and paras[c.last_fig[0]] == paras[k] and k - c.last_fig[0] <= 2 \
            and _RX_11.search(text[link.trig_start:link.trig_end]):
        metric = "refugees"  # "... refugees are taking shelter in A, while 1,978 people are taking shelter in B"
    if metric in ("abducted", "detained"):
        e = sents.spans[k][1]
        if _FOR_SERVICE.match(text, link.trig_end, min(e, link.trig_end + 60)):
            metric = "conscripted"  # "18 young men taken for military service", "seized ... to fight for the army"
    c.last_fig = (k, metric, link.metric)
    return metric


# people taken or seized for an army: conscription, not a kidnapping or an arrest
_FOR_SERVICE = re.compile(r"[^.;]*?\b(?:for\s+(?:compulsory\s+|forced\s+)?(?:military\s+service|conscription)|"
                          r"into\s+(?:the\s+)?(?:army|military|armed\s+forces)|"
                          r"to\s+(?:serve|fight)\s+(?:in|for|with)\s+the\s+(?:army|military|armed\s+forces))\b", re.I)


# a breakdown item said to be someone: "28 of the 75 victims were from the KIA", "six were Kachin
# ethnic businessmen and eight were members of the National League for Democracy (NLD)"
_PART_IS = re.compile(r"\s+(?:of\s+the\s+[^,.;]{0,40}?\s+)?(?:were|was)\s+(?:from\s+the\s+|from\s+)?"
                      r"((?!killed|injured|wounded|arrested|detained|released|freed|abducted|missing|among)"
                      r"[A-Za-z][\w’'\-]*(?:\s+(?!and\b|who\b|while\b)[\w’'\-()]+){0,7}?)(?=\s*(?:[,.;]|\s+and\s|\s+who\s|$))")


def _own_group(text: str, link: Link, k: int, s: int, c: Carry) -> str | None:
    """Who, as written in the figure's own phrase (or its neighbour's, for "14 others")."""
    n = link.num
    prev_end = c.run.prev_num_end
    # (not across the cells of a key-figures line: "450K refugees | 1,200 killed")
    group = _group(text, link, c.prev_group if c.prev_group_sent == k and text.find("|", prev_end, n.start) < 0
                   and text.find("•", prev_end, n.start) < 0 else None)
    if group is None and link.how == "t":
        ta = _TOLL_AMONG.search(text, max(s, link.trig_start - 20), n.start)
        if ta:
            group = ta.group(1)  # "the death toll among Alawite residents ... has risen to 340"
    if group is None and link.how == "d":
        pn = _PART_IS.match(text, n.end, n.end + 160)
        if pn:
            group = pn.group(1)  # "six were Kachin ethnic businessmen": who the part is
    if group and group.lower() in ("people", "persons", "others", "civilians"):
        at = max(link.trig_end, n.end, link.np_end or 0)
        mostly = _MOSTLY.match(text, at, at + 60)
        if mostly:
            group = f"{group}, {mostly.group(1)} {mostly.group(2)}"  # "20 people dead, mainly traders"
    if link.how != "d" and group and group.lower() not in ("people", "persons", "others"):
        c.prev_group, c.prev_group_sent = group, k
    return group


# who most of a count were, said right after it: "left 20 people dead, mainly traders"
_MOSTLY = re.compile(r"\s*(?:dead|killed|injured|wounded)?\s*[,(—–-]\s*(mainly|mostly|largely|predominantly|chiefly)\s+"
                     r"([a-z][a-z\-]+(?:\s+(?:and\s+)?[a-z][a-z\-]+){0,3}?)(?=\s*[,.;)\"”]|\s*$)")


def _quote(text: str, link: Link, group: str | None, s: int, e: int) -> tuple[int, int]:
    """The quote: the number and its link's words, with the group when it follows the number."""
    g_end = None
    if group and link.np_start is not None:
        gi = text.find(group, link.np_start, link.np_start + 400)
        if gi == link.np_start:
            g_end = gi + len(group)
    qs, qe = _quote_span(link, g_end)
    rev = _REVISED_TO.search(text, max(s, link.num.start - 60), link.num.start)
    if rev is not None:
        qs = min(qs, rev.start())  # "revised its count to 4,627 people killed": the quote says it is a revision
    return max(qs, s), min(qe, e)


# what another figure is compared with: its own period ("compared with 981 in all of 2024")
_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|up\s+from|down\s+from|versus|vs\.?)\s+$", re.I)
_REVISED_TO = re.compile(r"\b(?:revised|raised|updated|corrected|adjusted)\s+(?:(?:its|the|their|his|her)\s+)?"
                         r"(?:(?:death|casualty|civilian)\s+)?(?:toll|count|figure|tally|number|estimate)?\s*"
                         r"(?:up(?:wards?)?\s+)?to\s+$", re.I)


def _breakdown_group(sents: Sentences, ctx: F.Frames, k: int, link: Link, group: str | None, prev_sent: int,
                     c: Carry) -> str | None:
    """A running total's group passes to the items of its breakdown ("This included: - 1,240 in
    Donetsk"); `prev_sent` is the sentence of the figure before."""
    text = sents.text
    s = sents.spans[k][0]
    n = link.num
    if group is None and c.frame_group and (c.frame_sent == k or ctx.time.list_continues(prev_sent, k)) \
            and k - c.frame_sent <= 12:
        group, c.frame_sent = c.frame_group, k  # an item of a total's breakdown: the total's group
    elif group and link.how != "d" and text.count("(", s, n.start) <= text.count(")", s, n.start):
        c.frame_group, c.frame_sent = group, k  # (not a breakdown item itself: "(219 men, 165 women ...)")
    return group


@dataclass(slots=True)
class Where:
    location: str | None = None     # as written
    country: str | None = None
    admin1: str | None = None
    code: str | None = None         # the most precise code the gazetteer gives (else admin1, country)
    admin1_pcode: str | None = None
    township: str | None = None
    lat: float | None = None
    lon: float | None = None


_LEVELS = ("town", "township", "district", "admin1", "country")
_LIST_WORD = re.compile(r"\s(?:and|or)\s|&|/")


# the war people fled ("who fled the war in Sudan"), a host's verb ("Chad now hosts")
_WAR_IN = re.compile(r"\b(?:war|fighting|conflict|violence|crisis|clashes|persecution)\s+in\s+(?:the\s+)?\Z", re.I)
_HOSTS = re.compile(r"\s+(?:now\s+|currently\s+|already\s+|still\s+)?(?:hosts|hosted|is\s+hosting|has\s+hosted|"
                    r"has\s+received|received|shelters|is\s+sheltering|has\s+taken\s+in|took\s+in)\b", re.I)


# between a gapped list's place and its count ("and Moldova about 120,000")
_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:about|some|around|nearly|almost|more\s+than|over|at\s+least|roughly)\s+)?")
_GAPPED_HOST = re.compile(_GAP.pattern + r"\d")  # a place followed by its own count
_TO_PLACE = re.compile(r"\s+(?:\w+\s+){0,2}?(?:into|to|in)\s+(?:neighbouring\s+|neighboring\s+)?", re.I)
_LIST_BEFORE = re.compile(r"(?:,|\band)\s+$")


_OTHER_KIND = re.compile(r"\s+(?:commune|village|sub-?district|locality|ward|neighbou?rhood)\b")
_WRITTEN_VILLAGE = re.compile(r"\b(?:village|hamlet)\Z", re.I)


def _where(sents: Sentences, ctx: F.Frames, k: int, link: Link, metric: str, cumulative: bool,
           claimed: str | None) -> Where:
    """The figure's place: the place frame's chain, a refugee figure's destination, else the country."""
    text, lt = sents.text, sents.lt
    s = sents.spans[k][0]
    places = ctx.place.place_for(k, link.num.start, cumulative, link.num.end)
    if metric == "refugees":
        # a refugee figure is located where people arrived: the place after the verb
        own = ctx.place.places(k)
        # (not the next item's host of a gapped list: "Poland hosts 950,000 and Moldova 120,000")
        dest = [p for p in own if link.trig_end <= p.start <= link.trig_end + 60
                and not lt.endswith("from ", max(s, p.start - 5), p.start)  # (not where they came from,
                and not _WAR_IN.search(text, max(s, p.start - 40), p.start)  # nor the war they fled)
                and not _GAPPED_HOST.match(text, p.end)]
        # a gapped item's own place: "... into Egypt and 600,000 into Chad", "... and Moldova about 120,000"
        gapped = [p for p in own if link.num.end <= p.start <= link.num.end + 40
                  and _TO_PLACE.fullmatch(text, link.num.end, p.start)] \
            or [p for p in own if p.end <= link.num.start and _GAP.fullmatch(text, p.end, link.num.start)
                and _LIST_BEFORE.search(text, max(s, p.start - 8), p.start)]
        # ... or the host the sentence opens with ("Chad now hosts more than 1.1 million refugees")
        host = [p for p in own if p.start < link.num.start and _HOSTS.match(text, p.end)]
        if gapped and link.num.start > link.trig_start:
            places = chain_near(text, gapped, gapped[0].start)
        elif dest:
            places = chain_near(text, dest, dest[0].start)
        elif host:
            places = chain_near(text, host, host[0].start)
    if places and claimed and text[places[0].start:places[-1].end] == claimed:
        places = []  # "according to Kyiv": a capital that speaks for its government is no scene
    if not places:
        if ctx.place.country_name:
            return Where(ctx.place.country_name, ctx.place.country, code=ctx.place.country)
        return Where()
    location = text[places[0].start:places[-1].end]
    if location.count("(") > location.count(")"):
        location = location[:location.rfind("(")].rstrip(" ,")
    # a chain names the smallest place first, then what holds it: the largest unit written is the
    # writer's own disambiguation, so a smaller name read elsewhere ("Hamirpur village near Rapar
    # town (Kachchh, Gujarat)": a Hamirpur of Uttar Pradesh) is not the figure's place
    # (not a list: "a road linking Kandahar and Urozgan province")
    listed = _LIST_WORD.search(text, places[0].end, places[-1].start) is not None
    # (a province written last is that too where provinces are second-level units: "Barangay
    # Guibonon, Esperanza, Agusan del Sur" is not the Esperanza of Masbate)
    unit = None if listed else next((p for p in reversed(places) if p.level == "admin1"), None) or next(
        (p for p in reversed(places) if p.level == "district" and p.admin1 and p is not places[0]), None)
    units = {p.admin1 for p in places if p.level == "admin1"}
    countries = {p.country for p in places if p.country}
    if listed and len(units) > 1 and len(countries) == 1:
        # a count over a list of first-level units ("in Sagaing and Magway regions", "in Kayin,
        # Kayah and Mon") is no count of any one of them: it stands for their country
        (country,) = countries
        return Where(location, country, None, country)
    # (a name only one unit has is the writer's slip when the unit differs: "Demoso Township
    # (Loikaw District, Kayin State)" is in Kayah)
    # (nor is a name of another country inside the chain: "Tal Afar (Tal Afar, Ninewa)" is not
    # Ethiopia's Afar)
    # (and a town's name with another kind word is that kind of place, not the town, as a unit's
    # name before another unit is no unit: "Kandal village, Samraong commune, Ou Chrov district
    # of Banteay Meanchey", "Lalpur village of Bhagabanpur area (East Midnapore district, West
    # Bengal)": the gazetteer's towns are of 15,000 people and more)
    inside = [p for p in places if unit is None or (p.country in (None, unit.country) and (
        p.admin1 in (None, unit.admin1) or p.level == "country"
        or not (p.level == "admin1" or homonym(p) or _OTHER_KIND.match(text, p.end)
                or (p.level == "town" and _WRITTEN_VILLAGE.search(p.text)))))] or places
    best = min(inside, key=lambda p: _LEVELS.index(p.level) if p.level in _LEVELS else 5)
    country = best.country
    admin1 = best.admin1 if best.level != "country" else None
    if admin1 is None and best.level != "country":
        # "Tongaat (eThekwini, KwaZulu-Natal)": a town the gazetteer knows without its region
        # lies in the region its chain names
        admin1 = next((p.admin1 for p in places if p.admin1 and p.country == country), None)
    if country is None:
        country = ctx.place.country
    # a place the gazetteer does not know sits in the most precise unit it does know, so that its
    # figures count in their region's or country's series
    # (a place the gazetteer holds without its first-level unit counts in the unit its chain
    # names: "the Rumbek area (Lakes state)")
    code = best.code if best.admin1 is not None or best.level == "country" or admin1 is None else admin1
    return Where(location, country, admin1, code or admin1 or country, best.admin1_pcode,
                 best.name if best.level in ("township", "town") else None, best.lat, best.lon)


def attribute(sents: Sentences, linked: list[Linked], ctx: F.Frames, *, article_id: str) -> list[Attributed]:
    """A Figure for each link, one per number and metric, ordered by (char_start, metric)."""
    text = sents.text
    c = Carry()
    out: list[Attributed] = []
    for item in linked:
        k, link, victim = item.k, item.link, item.victim
        s, e = sents.spans[k]
        n = link.num
        metric = _metric(sents, ctx, item, c)
        group = _own_group(text, link, k, s, c)
        qs, qe = _quote(text, link, group, s, e)
        prev_sent = c.run.prev_sent
        rt = ctx.time.running_total(k, how=link.how, metric=metric, num=(n.start, n.end), quote=(qs, qe),
                                    victim=victim is not None, run=c.run)
        if rt.own:
            group = _breakdown_group(sents, ctx, k, link, group, prev_sent, c)
        claimed = ctx.source.source_for(k, n.start)
        where = _where(sents, ctx, k, link, metric, rt.cumulative, claimed)
        perp = victim.agent if victim is not None and victim.agent else _perpetrator(text, s, link)
        compared = _COMPARED_BEFORE.search(text, max(s, n.start - 16), n.start) is not None
        ev = ctx.time.event_date(k, n.start, link.trig_start) if not rt.cumulative or compared \
            else ctx.time.window(k) if rt.since is None and rt.as_of is None and link.how != "t" else None
        fig = Figure(
            article_id=article_id,
            metric=metric,
            value=int(n.value),
            low=n.low,
            high=n.high,
            qualifier=n.qualifier,
            vague=bool(n.vague),
            unit="households" if any(w in ("families", "households", "household") for w in link.np_words[:3]) else "people",
            group=group,
            group_class=group_class(group),
            perpetrator=perp,
            location=where.location,
            country=where.country,
            admin1=where.admin1,
            place_code=where.code,
            event_date_start=ev.date_start.isoformat() if ev and ev.date_start else None,
            event_date_end=ev.date_end.isoformat() if ev and ev.date_end else None,
            cumulative=rt.cumulative,
            since=rt.since,
            as_of=rt.as_of,
            claimed_by=claimed,
            quote=text[qs:qe],
            char_start=qs,
            char_end=qe,
            confidence=_confidence(link, n.vague),
            extractor_version=EXTRACTOR_VERSION,
            sentence_start=s,
            sentence_end=e,
            number_start=n.start,
            number_end=n.end,
            number_text=n.text,
            admin1_pcode=where.admin1_pcode,
            township=where.township,
            lat=where.lat,
            lon=where.lon,
            date_precision=getattr(ev, "precision", None) if ev else None,
            date_text=ev.text if ev else None,
            implied=victim is not None,
            cause=ctx.cause.cause_for(k, (qs, qe), metric),
            disputed=ctx.source.disputed(k, n.start, n.end),
        )
        out.append(Attributed(fig, Origin(
            link.how, increment=rt.increment,
            summary=_SUMMARY_NOUN.fullmatch(text, link.trig_start, link.trig_end) is not None
            and (len(text[s:n.start].split()) <= 2 or text[n.start - 1:n.start] in (".", ";")),  # ("reported.4 fatalities.")
            para=sents.paras[k],
            definite=victim is not None and victim.definite, head=victim.head if victim else "",
            joined=victim is not None and victim.joined,
            part_of=link.part_of.start if link.part_of is not None else None, coordinated=link.coordinated,
            headline=sents.is_headline(k))))
    out.sort(key=lambda a: (a.figure.char_start, a.figure.metric, a.figure.char_end, a.figure.value))
    kept: list[Attributed] = []
    seen = set()
    for a in out:
        key = (a.figure.number_start, a.figure.metric)
        if key in seen:
            continue
        seen.add(key)
        kept.append(a)
    return kept


# Patterns of inline re calls, compiled once at import (hoisted from the functions above).
_RX_0 = re.compile(r"\s*(?:(?:their|his|her)\s+(?:homes?|country)\s+)?(?:[A-Z][\w’'\-]+\s+)?(?:(?:in)?to|for|towards?)\s+(?:neighbou?ring|other|nearby|third)\s+countr")
_RX_1 = re.compile(r"\s*(?:(?:across|over)\s+(?:the|a|an)\s+(?:international\s+)?(?:border|frontier)|abroad|overseas)", re.I)
_RX_2 = re.compile(r"[\w’'\-]+|[,;:()—–]")
_RX_3 = re.compile(r"\s*\([A-Z][A-Za-z]{1,8}\)")
_RX_4 = re.compile(r"(?:in|to|from|at|on|for|with|by|between|during|since|after|before|across|near|among|amid|into|"
                  r"inside|outside|within|through|throughout|until|over|under)\b", re.I)
_RX_5 = re.compile(r"ing$")
_RX_6 = re.compile(r"[,;]\s*$")
_RX_7 = re.compile(r"(?<!aged)\s+between\s|\s+(?:(?:in|at|near|on|during|across|inside|outside|within|over|last|this|since|after|before|as|when|while|by|into|to|from|with|under|amid|during|for|"
                   r"ahead|despite|following|because|due|towards?|against|along|around|through|throughout|until|via|without|out\s+of)(?:\s|$)|[—–-]\s"
                   # a second verb phrase: "killed more than 20,000 people and forced over two million to flee"
                   r"|(?:and|or)\s+(?=(?:\w+ed|drove|left|sent|made|took|fled)(?:\s+(?:a|an|the|more|over|about|some|at|nearly|almost|"
                   r"around|hundreds|thousands|dozens|millions|tens|\d)|\s*$)))")
_TAIL_WORDS = {"overnight", "yesterday", "today", "tonight", "earlier", "later", "and", "or", "alone", "far", "week", "each",
               "verified", "confirmed", "reported", "recorded", "documented"}
_CONJ_START = re.compile(r"(?:and|or|but|then)\b", re.I)
_HARM_HEAD = re.compile(r"(civilian|child)\s+(?:casualties|deaths|fatalities|dead|injuries|victims|losses)", re.I)
_TOLL_AMONG = re.compile(r"\b(?:toll|number|tally|count)\s+(?:of\s+(?:deaths|dead|casualties|victims)\s+)?among\s+((?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,3}?)"
                         r"(?=\s+(?:on|in|at|from|across|has|have|had|is|was|rose|risen|climbed|reached|stands|stood|now)\b|\s*,)", re.I)
_GROUP_TAIL = re.compile(r"(?:\s+(?:overnight|yesterday|today|tonight|earlier|later|and|or|alone|each|so\s+far|this\s+week|"
                         r"verified|confirmed|reported|recorded|documented))+$", re.I)
_RX_8 = re.compile(r"[a-z]+ed")
_RX_9 = re.compile(r"^(?:of\s+them|of\s+whom|of\s+the|of\b|estimated\s+(?:total\s+)?)\s*", re.I)  # (not "officers")
_RX_10 = re.compile(r"[\w’'\-]+")
_RX_11 = re.compile(r"shelter|refuge|arriv", re.I)

"""The source frame: who claims each figure.

Attributions are read per sentence ("according to X", "X said", "said X", "X put the toll at",
a headline's "- X"). A figure takes the nearest attribution of its own sentence, else the
monitor named in the title or the opening (an AAPP briefing), else the last attribution of the
sentences before it in its paragraph, else a monitor the article quotes, else the source its
lead names, else the publisher when it is a monitor itself ("UNHCR (via ReliefWeb)" -> UNHCR).
A source named by its kind ("a war monitor") is the organisation of that kind the article
names; an acronym the article spells out is given in full.
"""
from __future__ import annotations

import re

from service.extract.frames.fastcase import first_letters, lc, lowered
from service.extract.frames.places import _country_names_re, _country_table
from service.extract.sentences import Sentences
from service.text.fastre import odd_case, trie_alternation

# (a passive report names its source after "by": "the toll was confirmed by hospital officials")
_ACCORDING = re.compile(r"\b(?:according\s+to|citing|(?:cited|quoted|confirmed|reported|announced|documented|verified|"
                        r"recorded|compiled|counted|tallied)\s+by)\s+"
                        r"(?:(?:the\s+|a\s+|an\s+)?(?:latest\s+|new\s+|official\s+)?(?:data|figures|monitoring|a\s+report|report|reports|statement|list|tally|count|estimates|research|survey)\s+(?:from|by|(?:released|compiled|published|shared|collected|gathered|provided|obtained)\s+by|of)\s+)?"
                        r"((?:the\s+)?(?:(?:[A-Z]\.){2,}|(?![A-Z]\.[A-Z]\.)[^,.;:“”\"\n]){2,90}?)(?=\s*(?:[,.;:“”\"\n]|$|\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d)|\bwhich\b|\bthat\b|\bwho\b|\bin\s+(?:its|a|an|the|January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b|\bwith\b))",
                        re.I)
_VERBS_SRC = (r"said|says|say|told|tells|reported|reports|report|claimed|claims|claim|confirmed|confirms|announced|"
              r"stated|states|estimated|estimates|estimate|documented|recorded|noted|alleged|counted|verified|added|wrote|posted|revealed|compiled|"
              r"indicated|tallied|cited|warned|explained|reporting|saying")
_SAID_AFTER = re.compile(
    r"(?:^|[,“”\"—–-]\s*|\b(?:and|but|that)\s+)((?:the\s+|a\s+|an\s+)?(?:[A-Za-zÀ-ÖØ-öø-ÿ’'\-\.&()]+\s+){0,7}?[A-Za-zÀ-ÖØ-öø-ÿ’'\-\.&()]+)\s*,?\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:also\s+|previously\s+|earlier\s+)?(?:{_VERBS_SRC})\b",
)
_SAID_INVERTED = re.compile(
    r"(?:[,“”\"]|(?<=[,.!?])['’])\s*(?:said|says|reported|according to)\s+"  # (not "told": ", told the BBC" names who heard it; a quote may close with ' too)
    r"(?!\(?\d|(?i:that|at\s+least|more\s+than|dozens|hundreds|thousands)\b)"  # (not "said 17 fighters died")
    r"((?:the\s+|a\s+|an\s+)?(?:(?:[A-Z]\.){2,}|(?![A-Z]\.[A-Z]\.)[^,.;:“”\"\n]){2,80}?)"  # ("the U.N. refugee agency")
    r"(?=\s*(?:[,.;:“”\"\n]|$|\bwho\b|\bon\s+condition\b|\bin\s+a\b))",
)
_HEADLINE_SRC = re.compile(r"(?:\s[-–—]\s|:\s)([A-Za-z][\w’'\.\- ]{1,40})\s*$")
# what a title after its colon may name that is the document, not who speaks ("North Kivu:
# Situation Report No. 12", "Sudan: Flash Update #3")
_DOC_TITLE = re.compile(r"\b(?:situation\s+reports?|sitreps?|flash\s+updates?|updates?|snapshots?|fact\s*sheets?|"
                        r"bulletins?|dashboards?|key\s+figures|overview|briefing|highlights|no\.?\s*\d+|issue\s+\d+)\b", re.I)
_BAD_SRC_START = re.compile(r"^(?:it|he|she|they|we|i|you|this|that|there|which|who|what|and|but|as|so|or|if|some|many|all|its|his|her|their|police\s+and|with|on|in|at|to|for)$", re.I)
# who may speak for a victim or a colleague after "their"/"his"/"her" ("their colleagues said")
_KIN_AND_PEERS = frozenset("""colleagues colleague relatives relative family families parents father mother brother
sister son daughter wife husband widow lawyer lawyers friends friend neighbours neighbors classmates
comrades""".split())
# who speaks for an organisation named before ("Its spokesman ... said")
_SPEAKING_ROLES = frozenset("""spokesman spokeswoman spokesperson spokespeople spokesmen commander commanders leader
leaders chief head president director secretary official officials representative representatives""".split())
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "there", "him", "her",
             "them", "us", "me"}
# a pronoun that reports: the source is the one named last ("He said", "It added", "according to him")
_PRONOUN_SAYS = re.compile(r"\b(?:(?:he|she|it|they)\s+(?:also\s+|later\s+|further\s+)?(?:said|says|added|adds|told|stated|"
                           r"noted|reported|estimated|estimates|confirmed|claimed|announced)|according\s+to\s+(?:him|her|them|it))\b",
                           re.I)
_SRC_TRIM_LEAD = re.compile(r"^(?:and|but|that|while|as|also|however|meanwhile|monitoring\s+by|data\s+from|figures\s+from)\s+", re.I)
_GENERIC_SRC = {"report", "reports", "data", "figures", "estimates", "statistics", "information", "list", "tally", "count",
                "research", "sources", "figure", "number", "numbers", "study", "the", "a", "an", "with"}
_SOURCE_KINDS = {"local", "security", "medical", "hospital", "military", "humanitarian", "police", "diplomatic",
                 "government", "official", "tribal", "community", "health", "rebel", "army", "intelligence", "judicial"}
_ORGISH = re.compile(r"[Mm]inistr|[Gg]overnment|[Oo]ffice|[Aa]genc|[Aa]rmy|[Cc]ouncil|[Oo]bservatory|[Gg]roup|[Ff]orces|[Mm]edia|"
                     r"[Pp]olice|[Aa]uthorit|[Oo]fficial|[Ss]pokes|[Mm]inister|[Cc]ommission|[Nn]ews|[Rr]adio|[Tt]elevision|"
                     r"[Cc]ommittee|[Oo]rgani[sz]ation|[Aa]ssociation|[Mm]ilitary|[Jj]unta|[Rr]ebels|[Pp]resident|[Gg]overnor|"
                     r"[Ss]ervice|"  # ("Israel's prison service")
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
    if m and m.group(1).isupper() and _country_table().get(m.group(1)) is None:
        return m.group(1)  # "AAPP’s Documentation and Research Department" -> AAPP (not "the DRC's health ministry")
    words = s.split()
    if len(words) >= 2 and words[0].lower() in ("their", "his", "her") and words[1].lower() in _KIN_AND_PEERS:
        words = words[1:]  # "..., their colleagues said": the colleagues speak
        s = " ".join(words)
    elif len(words) >= 3 and words[0].lower() in ("its", "their") and words[1].lower() in _SPEAKING_ROLES \
            and words[2][:1].isupper():
        words = words[1:]  # "Its spokesman Sebby Sambom said": the spokesman, named, speaks
        s = " ".join(words)
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
    ls = lowered(s)
    if (_RX_4.search(s) if ls is None else _RX_4_LC.search(ls)) and _RX_4.search(_CAPS_WORD.sub("", s)):
        return None  # (what was said, not who; an acronym is a name: "The IS group")
    if (_PLACE_SRC.search(s) if ls is None else _PLACE_SRC_LC.search(ls)) and not _RX_14.search(s):
        return None
    if _RX_5.fullmatch(s):
        return None
    if len(words) >= 2 and words[-1].lower() in ("figures", "data", "statistics", "estimates", "tallies") \
            and _ORGISH.search(" ".join(words[:-1])) and not _RX_4.search(s):
        # "according to (Armenian) government figures": the government's
        words = words[:-1]
        s = " ".join(words)
    lw = {w.lower().strip("(),") for w in words}
    if lw & {"figure", "figures", "number", "double", "half", "times", "properties", "houses", "homes"}:
        return None
    if _country_names_re().search(s) and not _ORGISH.search(_BRACKETED.sub("", _country_names_re().sub("", s))) \
            and _country_table().get(s) is None:
        # "eastern Democratic Republic of Congo (DRC)": a place, not a source; a country's bare
        # name is its government speaking ("Israel said it had detained ...")
        return None
    return s



# (the verb list prefix-factored: with the \b after it, the same spans, faster; the letters: has
# have had also previously earlier, and the verbs')
_ALLEGED_ADJ = re.compile(r"\s+(?!that\b)[\w’'\-]")
_VERB_FIND = first_letters(re.compile(r"\b(?:has\s+|have\s+|had\s+)?(?:also\s+|previously\s+|earlier\s+)?(?:"
                                       + trie_alternation(_VERBS_SRC.split("|")) + r"\b"
                                       # ... and who gives a number of their own: "residents put the toll at 9"
                                       r"|(?:put|puts|putting|placed|places|gave|gives)(?=\s+(?:the|a|its|their)\s+"
                                       r"(?:[a-z\-]+\s+)?(?:toll|number|figure|count|tally)\b))"), "acdeghinprstvw")
# The characters of a word that can be part of a source: a non-empty word is one (a match of
# [A-Za-zÀ-ÖØ-öø-ÿ’'\-\.&()]+) when stripping them leaves nothing (accented names: "Houngbédji").
_SRC_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz’'-.&()" + "".join(
    chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha())
# (the word list prefix-factored: the same matches, faster; only its truth is used)
_ATTR_HINT = re.compile(r"\b" + trie_alternation(_VERBS_SRC.split("|") + ["according", "citing", "cited", "quoted"])
                        + r"\b|\s[-–—]\s|:\s")
# its three parts, each searched with a cheap prefix: ":", a dash, then the words
_ATTR_HINT_PARTS = (re.compile(r":\s"), re.compile(r"[-–—](?<=\s[-–—])\s"),
                    re.compile(_ATTR_HINT.pattern[:_ATTR_HINT.pattern.rindex("|\\s[-")]))


_CLAIMED_LIVES = re.compile(r"\s+(?:the\s+|a\s+|at\s+least\s+|more\s+than\s+|over\s+|some\s+|nearly\s+|about\s+)*(?:lives?\b|[\d,]+\s+(?:\w+\s+)?lives\b|\w+\s+lives\b)", re.I)


_NOT_A_REPORT = re.compile(r"\s*:|\s+(?:killed|dead|injured|wounded|missing|displaced|arrested|detained|abducted|"
                           r"kidnapped|captured|held|executed)\b", re.I)


# "states" closing its phrase is the plural of state ("in Kayah and Shan states."), not a verb
_UNIT_NOUN_END = re.compile(r"\s*(?:[.,;:)]|$)")


# adverbs of a reporting verb ("initially reported"): no part of its subject
_REPORT_ADVERBS = frozenset("""initially originally previously earlier first widely officially publicly separately
later also jointly repeatedly recently further subsequently reportedly already""".split())


# "Local sources put the death toll at 25", "Authorities revised the death toll to 14": who puts
# a number on it claims it
_PUT_TOLL = re.compile(r"((?:[A-Z][\w’'\-]*|the|local|medical|security|hospital|health|rights)(?:\s+[\w’'\-]+){0,5}?)\s+"
                       r"(?:put|puts|placed|places|estimated|estimates|set|sets|revised|raised|updated|corrected|lowered)\s+"
                       r"(?:the\s+|its\s+|their\s+)?"
                       r"(?:death\s+|casualty\s+|civilian\s+)?(?:toll|number|figure|count|total)\b(?:\s+at\b)?")


# a discourse adverb set off between a subject and its reporting verb
_ASIDE_BEFORE_VERB = re.compile(r",\s*(?:however|meanwhile|though|too|also|in\s+turn|for\s+(?:its|their|his|her)\s+part|"
                                r"separately|instead|in\s+addition|moreover|furthermore|likewise|similarly|in\s+contrast|"
                                r"by\s+contrast|for\s+example|for\s+instance)\s*,\s*$", re.I)


def _subjects_of_report_verbs(sent: str) -> list[tuple[str, int]]:
    """For each reporting verb ("X said", "X, a spokesman, told"), the words before it back to a boundary."""
    out = []
    for m in _VERB_FIND.finditer(sent):
        if _RX_8.match(sent, m.end(), m.end() + 12) and not m.group().lower().endswith(("claimed", "claims", "claim")):
            continue  # "properties estimated to have been burned": not a source (but "NAS claimed to have killed" is NAS's claim)
        if _NOT_A_REPORT.match(sent, m.end()):
            continue  # "15 civilians reported killed", "Incident report: ...": not a source
        if "claim" in m.group().lower() and _CLAIMED_LIVES.match(sent, m.end()):
            continue  # "the fighting has claimed the lives of 80": harm, not a source
        if m.group().lower() == "states" and _UNIT_NOUN_END.match(sent, m.end()):
            continue  # "on the border between Kayah and Shan states.": the units, not a report
        if m.group().lower().endswith("alleged") and _ALLEGED_ADJ.match(sent, m.end()):
            continue  # "shells fired by alleged LNA forces": an adjective, not a verb
        if _RX_9.search(sent[max(0, m.start() - 12):m.start()]):
            continue  # "the latest report": a noun, not a verb
        if m.group().lower() in ("saying", "adding") and out and sent[:m.start()].rstrip().endswith(","):
            # "The group claimed responsibility for the attack on Telegram, saying ...": said by
            # the subject of the report before it
            out.append(out[-1])
            continue
        lo = max(0, m.start() - 140)
        seg = sent[lo:m.start()]
        if (aside := _ASIDE_BEFORE_VERB.search(seg)) is not None:
            seg = seg[:aside.start()]  # "Local sources, however, said": the sources said
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
            if not got and w.lower() in _REPORT_ADVERBS:
                continue  # "the 12 initially reported", "officials later said": how, not who
            got.append((w, pos))
            if len(got) >= 8:
                break
        if got and (rel := _RELATIVE_BEFORE.search(sent, lo, got[0][1])) is not None \
                and not _VERB_FIND.search(sent, rel.end(), got[0][1]):
            # "A resident who lost his brother and two nephews told AFP": who told is the one the
            # relative clause is about, not the clause's object
            sub = _subjects_of_report_verbs(sent[:rel.start()] + " said")
            if sub and sub[-1][1] + len(sub[-1][0]) >= rel.start() - 1:
                got = [(sub[-1][0], sub[-1][1])]
        if got:
            got.reverse()
            if m.group().lower() in ("saying", "adding"):
                # "The TNLA released a statement on Friday, saying ...": the subject of the clause
                # the participle hangs on, before its verb
                verb = next((i for i, (w, _) in enumerate(got) if i > 0 and w.islower() and w.endswith("ed")), None)
                if verb is not None:
                    got = got[:verb]
            out.append((" ".join(w for w, _ in got), got[0][1]))
    return out


# a relative clause on the reporting verb's subject, closing right before the words found
# (not one closed by a comma: "11 people who had been rounded up ..., local residents say")
_RELATIVE_BEFORE = re.compile(r"\s+who\s+(?:had\s+|has\s+|have\s+)?[a-z]+\b[^.;:“”\",]*$")


def attributions(text: str, s: int, e: int, is_headline: bool = False) -> list[tuple[int, str]]:
    """(position, source) pairs stated in text[s:e]."""
    sent = text[s:e]
    out: list[tuple[int, str]] = []
    low = sent.lower()
    c, d, w = _ATTR_HINT_PARTS
    simple = len(low) == len(sent) and not odd_case(sent)
    tollish = "toll" in low or "number" in low or "figure" in low  # ("Officials put the death toll at 64")
    if simple and not is_headline:
        # Only a headline's source follows ": " or a dash. Every other match has one of the words
        # (lower case, between word boundaries), found in `low` at the same place: lower-casing
        # keeps each character's length here, and whether it is a word or space character.
        if not w.search(low) and not tollish:
            return out
    elif not (c.search(low) or d.search(low) or w.search(low) or tollish):  # _ATTR_HINT.search(low)
        return out
    if simple:
        # every _ACCORDING match has one of these
        if "accord" in low or "citing" in low or "cited" in low or "quoted" in low or " by " in low:
            for m in _ACCORDING_LC.finditer(low):
                src = _clean_source(sent[m.start(1):m.end(1)])
                if src and not _DENIED.search(sent, max(0, m.start() - 16), m.start()):
                    out.append((s + m.start(), src))
    else:
        for m in _ACCORDING.finditer(sent):
            src = _clean_source(m.group(1))
            if src and not _DENIED.search(sent, max(0, m.start() - 16), m.start()):
                out.append((s + m.start(), src))
    # ", said the UN.": the source is after the verb, and the words before the comma are no subject
    inverted_at = {m.start() for m in _SAID_INVERTED.finditer(sent) if sent[m.start()] == "," and _clean_source(m.group(1))}
    for src, src_start in _subjects_of_report_verbs(sent):
        src_end = src_start + len(src)
        if len(sent) - len(sent[src_end:].lstrip()) in inverted_at:
            continue
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
    if tollish:
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
            if src and len(src.split()) <= 5 and not _DOC_TITLE.search(src):
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


# an organisation named as whose people or things were harmed ("two UN peacekeepers", "an ICRC
# convoy") is not the monitor reporting
_ORG_AS_MODIFIER = re.compile(r"\s+(?:peacekeep\w*|staff\w*|aid\s+workers?|workers?|personnel|employees?|volunteers?|"
                              r"convoys?|bases?|compounds?|vehicles?|trucks?|schools?|clinics?|hospitals?|facilit\w+|"
                              r"shelters?|premises|warehouses?|contractors?|guards?|troops|soldiers|helicopters?|"
                              r"drivers?|doctors?|nurses?|teachers?)\b", re.I)


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
            n = memo[name] = sum(1 for m in rx.finditer(text) if not _ORG_AS_MODIFIER.match(text, m.end())) \
                if _ORG_NEEDS.get(name, "") in text else 0
        return n

    def in_head(name: str, rx: re.Pattern[str]) -> bool:
        key = (name, "head")
        got = memo.get(key)
        if got is None:
            got = memo[key] = _ORG_NEEDS.get(name, "") in head and any(
                not _ORG_AS_MODIFIER.match(head, m.end()) for m in rx.finditer(head))
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



_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w’'\-]*\s+(?:of\s+|for\s+|and\s+|the\s+|on\s+)*){1,8})\(([A-Z]{2,8})\)")
_ACRONYM_SRC = re.compile(r"(?:[Tt]he\s+)?([A-Z]{2,8})")


# A source named by its kind only: resolved to the organisation of that kind the article names.
_GENERIC_DESC = re.compile(r"(?:(?:the|a)\s+)?(?P<un>U\.?N\.?\s+)?(?:war\s+|rights\s+|humanitarian\s+|aid\s+|migration\s+|refugee\s+)?"
                           r"(?P<kind>monitor|monitoring\s+group|agency|observatory|rights\s+group|group|organi[sz]ation)", re.I)
_RX_ACR_AFTER = re.compile(r"\s\([A-Z]{2,8}\)")
_UN_AGENCIES = {"UNHCR", "OCHA", "IOM", "OHCHR", "UNICEF", "WHO"}
_MONITOR_ORGS = {"SOHR", "ACLED", "AAPP", "Human Rights Watch", "Amnesty International", "HURFOM"}


# Patterns of inline re calls, compiled once at import (hoisted from the functions above).
_BRACKETED = re.compile(r"\([^()]*\)")  # (a country's own short name: "Congo (DRC)")
_RX_0 = re.compile(r"\b(?:could|would|not|cannot|remain|remains|to be|According)\b|\bearlier\s+version\b")  # ("An earlier version of this story said")
_RX_1 = re.compile(r"^(?:with|by|from|while|as|and)\s+")
_RX_2 = re.compile(r"^(?:in\s+(?:a|an|its|the)\s+\w+\s*,?\s*)", re.I)
_RX_3 = re.compile(r"^(?:the\s+)?([A-Z][A-Za-z]{1,9})[’']s\b")
_RX_4 = re.compile(r"\b(?:were|was|are|is|have|has|had|killed|injured|displaced|arrested|been|fled|could|would|not|cannot|can|"
                  r"died|wounded|detained|"  # (", a monitor, said three fighters died": what was said, not who)
                  r"deaths?|casualties|fatalities|injuries|bodies)\b", re.I)  # ("2,300 civilian deaths verified")
_RX_5 = re.compile(r"[\d,().\s]+")
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_RX_6 = re.compile(r"\s+(?:who|which|that|on\s+condition|in\s+a\s+(?:statement|post|report))\b")
_RX_7 = re.compile(r"[a-z]+(?:ed|ing)")
_RX_8 = re.compile(r"\s+to\s+(?:have|be)\b")
_RX_9 = re.compile(r"\b(?:the|a|an|its|their|this|that|latest|new|daily|annual|weekly|his|her|for|of|on|over|with|about)\s+$",
                   re.I)  # (a noun or adjective, not a verb: "the latest report", "arrested for alleged links")
_RX_10 = re.compile(r"(?:which|who)\b")
_RX_14 = re.compile(r"[A-Z]{2,}|Ministry|Government|government|[Aa]uthorit|[Oo]ffice|[Cc]ouncil|[Aa]dministration|[Oo]bservatory|"
                    r"[Ss]pokes(?:man|woman|person)|[Oo]fficials?\b|[Aa]dministrator|[Cc]ommander|"  # ("a Tamu Township spokesman")
                    # an organisation named after its area: "the Southern Border Provinces Police Operation Centre"
                    r"\b(?:Police|Cent(?:re|er)|Service|Agency|Command)\b|"
                    # people named by their place's role: "camp coordinators", "village elders", "hospital staff",
                    # "a health worker at the town's hospital"
                    r"\b(?:[Cc]oordinators?|[Ll]eaders?|[Ee]lders?|[Cc]hiefs?|[Mm]anagers?|[Ww]orkers?|[Vv]olunteers?|[Ss]taff|"
                    r"[Dd]octors?|[Mm]edics?|[Rr]esidents?|[Ww]itness(?:es)?)\b")
_RX_15 = re.compile(r"\b(?:and|but|while|as|that|when|after|where)\s+(?=[A-Z]|the\s|a\s)")
_RX_16 = re.compile(r"((?:[A-Z][\w’'\-\.&]*|of|the|for|and|\([A-Z]+\))(?:\s+(?:[A-Z][\w’'\-\.&]*|of|the|for|and|\([A-Z]+\))){0,9})\s*,\s*$")
_RX_17 = re.compile(r"(?:a|an)\s")
_RX_19 = re.compile(r"((?:[A-Z][\w’'\-\.&]*)(?:\s+(?:[A-Z][\w’'\-\.&]*|of|the|for|and)){0,6})\s*,\s*$")
_ACCORDING_LC = lc(_ACCORDING)
_RX_4_LC = lc(_RX_4)
_PLACE_SRC_LC = lc(_PLACE_SRC)


# "which has not been confirmed by any Turkish source": who did not say it
_DENIED = re.compile(r"\b(?:not|never|yet\s+to\s+be)\s+(?:been\s+|be\s+)?\Z", re.I)
# where one claim's clause ends and a contrasted one begins
_CONTRAST = re.compile(r",?\s+(?:while|whereas|but)\s+|;\s+")


def _clause_around(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    """The span of the contrasted clause of text[s:e] that holds `pos`."""
    a, b = s, e
    for m in _CONTRAST.finditer(text, s, e):
        if m.end() <= pos:
            a = m.end()
        elif m.start() >= pos:
            b = m.start()
            break
    return a, b


# A claim the text itself says another party denies or has not confirmed (a careful analyst codes
# it as disputed, not as fact): after the figure in its sentence ("15 soldiers died, which has not
# been confirmed by any Turkish source", "a man was reportedly killed, although this was formally
# denied"), ...
_DISPUTED_AFTER = re.compile(
    r"[,;]\s*(?:a\s+claim\s+(?:that\s+)?|which\s+|(?:al)?though\s+(?:this|that|it)\s+|but\s+(?:this|that|it)\s+)"
    r"(?:has|had|was|were|is|have)\s+(?:not\s+been\s+(?:confirmed|verified|corroborated)\s+by\b"
    r"|(?:been\s+)?(?:formally\s+|officially\s+|strongly\s+|flatly\s+)?(?:denied|disputed|refuted|rejected))", re.I)
# ... a claim its own sentence calls unverified ("unverified social media accounts claimed that six
# soldiers were killed") ...
_UNVERIFIED_SOURCE = re.compile(r"\bunverified\s+(?:[\w-]+\s+){0,2}?(?:accounts?|reports?|posts?|claims?|sources?)\b", re.I)
# ... or a claim a later sentence of its paragraph denies ("The military spokesperson also denied
# the claims"; not "denied the allegations", which disputes who did it, not how many died)
_DENIES_CLAIM = re.compile(r"\b(?:denied|disputed|refuted|rejected|dismissed)\s+(?:the|these|this|those|its|their|such)\s+"
                           r"(?:\w+\s+)?(?:claims?|figures?|tolls?|numbers?|casualty\s+figures?)\b", re.I)
_ANOTHER_COUNT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds)\b", re.I)
_CLAIM_VERB = re.compile(r"\bclaim(?:ed|s|ing)?\b", re.I)


class SourceFrame:
    """The attributions of an article, by sentence, and the source each figure takes."""

    def __init__(self, sents: Sentences, title: str | None, source: str | None):
        self.sents = sents
        self.text = sents.text
        self.title = title
        self.publisher_org = publisher_monitor(source)
        self._attr: dict[int, list[tuple[int, str]]] = {}
        self._org_done = False
        self._org: str | None = None
        self._org_memo: dict = {}
        self._named_src: dict[str, str] = {}  # source as found -> as reported (see source_for)

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

    def attrs(self, k: int) -> list[tuple[int, str]]:
        """(position, source) pairs stated in sentence k."""
        if k not in self._attr:
            s, e = self.sents.spans[k]
            self._attr[k] = attributions(self.text, s, e, is_headline=self.sents.is_headline(k))
        return self._attr[k]

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

    def disputed(self, k: int, pos: int, end: int) -> bool:
        """Whether the text says the claim of the figure whose number spans [pos, end) of sentence
        k is denied or not confirmed by another party (_DISPUTED_AFTER, _UNVERIFIED_SOURCE,
        _DENIES_CLAIM)."""
        s, e = self.sents.spans[k]
        text = self.text
        after = _DISPUTED_AFTER.search(text, end, e)
        if (after and not _ANOTHER_COUNT.search(text, end, after.start())) or _UNVERIFIED_SOURCE.search(text, s, pos):
            return True  # (the clause's own figure: not "3 died and 15 were claimed, which ...")
        if not _CLAIM_VERB.search(text, s, pos):
            return False
        # (a denial within the next two sentences of the paragraph)
        for j in range(k + 1, min(k + 3, len(self.sents.spans))):
            a, b = self.sents.spans[j]
            if "\n" in text[e:a]:
                break
            if _DENIES_CLAIM.search(text, a, b):
                return True
            e = b
        return False

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
        if len(own) > 1:
            # a country's name as the subject of "recorded" is where, when the sentence names who
            # said it: "Since 2022, Ukraine has recorded 10,582 civilian deaths, the UN mission said"
            table = _country_table()
            own = [a for a in own if a[1] not in table] or own
        if own:
            # the nearest attribution of the figure's own clause ("The army said it killed 30
            # militants, while residents said 5 civilians died": 30 is the army's), after the
            # figure preferred (", the groups claimed")
            a, b = _clause_around(self.text, *self.sents.spans[k], pos)
            best = min([x for x in own if a <= x[0] < b] or own, key=lambda x: abs(x[0] - pos))
            return best[1]
        s, e = self.sents.spans[k]
        if _PRONOUN_SAYS.search(self.text, s, e):
            # "He said 8,000 people had crossed", "It added", "according to him": the source named last
            for j in range(k - 1, max(-1, k - 4), -1):
                a = self.attrs(j)
                if a:
                    return a[-1][1]
        strong = self.strong_org
        if strong:
            return strong
        p = self.sents.paras[k]
        for j in range(k - 1, max(-1, k - 3), -1):
            if self.sents.paras[j] != p:
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
        return any(org in src for j, (s, e) in enumerate(self.sents.spans) if text.find(org, s, e) >= 0
                   for _, src in self.attrs(j))

    def lead_source(self) -> str | None:
        """The source the article's lead names (first attribution in its first sentences)."""
        if not hasattr(self, "_lead"):
            self._lead = None
            for j in range(min(5, len(self.sents.spans))):
                a = self.attrs(j)
                if a:
                    # (a government quoted in the lead speaks for its own claims, not the article's)
                    self._lead = None if _country_table().get(a[0][1]) else a[0][1]
                    break
        return self._lead


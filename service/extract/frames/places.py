"""The place frame: where each figure happened.

Places are found once per article (the gazetteer, service.places.gazetteer, plus a fallback for
villages and camps it does not know, "Kya Paing village"). A figure takes the place chain nearest
it in its own sentence ("Kyainseikgyi Township, Karen State"); a sentence without a place of its
own inherits the nearest earlier one in its paragraph, then in the paragraphs before, then the
article's first specific place, else the article's dominant country. National running totals
take the country. A country used as an adjective ("Myanmar troops") or where a source sits ("a
Britain-based monitor") is no scene.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache

from service.extract.sentences import Sentences
from service.places.names import DEMONYMS
from service.text.fastre import trie_alternation

try:  # the gazetteer is written in parallel; degrade gracefully
    from service.places.gazetteer import gazetteer as _gazetteer
except Exception:  # pragma: no cover - depends on the checkout state
    _gazetteer = None


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


# (and the local units of other countries' reports: "Ethiope East LGA", "Shailkupa upazila",
# "Fresnillo municipality", "Kongor payam", "Twic East County")
_PLACE_TYPES = (r"Township|township|State|state|Region|region|Division|division|[Vv]illage|[Tt]own|[Cc]ity|"
                r"[Dd]istrict|[Pp]rovince|[Pp]rison|[Cc]amp|Strip|[Tt]erritory|[Oo]blast|[Gg]overnorate|[Rr]iver|[Ii]sland|[Ww]ard|"
                r"LGA|[Uu]pazila|[Mm]unicipality|[Pp]ayam|[Ww]oreda|[Cc]ounty|[Cc]ommune|[Tt]ehsil|"
                r"[Aa]rea|[Zz]one|[Ss]ector")
_FALLBACK_RE = re.compile(
    rf"\b((?:[A-Z][\w’'\-]*\s){{0,3}}[A-Z][\w’'\-]*\s(?:{_PLACE_TYPES}))\b"
)
_CONNECTOR = r"(?:(?:de|del|de\s+la|la|las|los|el|do|da|dos|das)\s+)?"
# the words that name a part of a city (_SUBCITY_NAME adds "Conjunto", here "Barangay" a village)
_CITY_PART_WORDS = r"Colonia|Barrio|Fraccionamiento|Bairro|Comunidade|[Cc]omunidad"
_LOCAL_NAMED = re.compile(r"\b(?:" + _CITY_PART_WORDS + r"|Barangay|Brgy\.)\s+"
                          + _CONNECTOR + r"[A-Z][\w’'\-]*(?:\s+" + _CONNECTOR + r"[A-Z][\w’'\-]*){0,3}")
_STOP_CAPS = {"The", "A", "An", "In", "On", "At", "By", "Of", "And", "But", "From", "This", "That", "These",
              "Those", "Junta", "Military", "Myanmar’s", "Myanmar's", "Since", "As", "Over", "More"}


# (the same words prefix-factored: with the \b after them, the same spans, faster)
_TYPE_RE = re.compile(r"\s" + trie_alternation(
    [w for alt in _PLACE_TYPES.split("|")
     for w in ([alt[1] + alt[4:], alt[2] + alt[4:]] if alt.startswith("[") else [alt])]) + r"\b")
# (an Arabic article in lower case stays in the name: "Wad al-Noura village")
_CAPS_BEFORE = re.compile(r"(?:(?:[A-Z]|(?:al|el|ad|ar|as|ash|at|az|an|ed|el|en|er|es|et|ez)-[A-Z])[\w’'\-]*\s)"
                          # (an Arabic article written apart inside the name: "Ain al Arab city")
                          r"(?:(?:(?:al|el|ad|ar|as|ash|at|az|an)\s)?(?:[A-Z]|(?:al|el|ad|ar|as|ash|at|az|an|ed|el|en|er|es|et|ez)-[A-Z])"
                          r"[\w’'\-]*\s){0,3}$")


_NOT_PLACE = re.compile(r"Islamic State|United States|Shan State Army|Kachin Independence|Arakan Army|Wa State Army|"
                        r"(?:Light\s+)?Infantry\s+Division|Armou?red\s+Division|Airborne\s+Division")  # (army units)
_NAMED_CAMP = re.compile(r"\b[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*){0,3}\s(?:refugee|IDP|displacement|displaced\s+persons|"
                         r"transit|[Rr]eception)\s+camp\b")
# "Ein Issa area", "Afdere zone", "Shahpur sector": a local area an event note names; not an area
# named by who holds it or what it is for ("a Taliban-controlled area", "the Special Economic Zone")
_AREA_WORDS = frozenset({"area", "zone", "sector"})
_NOT_AN_AREA_NAME = re.compile(r"-(?:controlled|held|run|based|dominated|populated|affected|hit)\b|"
                               r"\b(?:Security|Economic|Industrial|Buffer|Border|Free|Trade|Special|Military|"
                               r"Restricted|Exclusion|Conflict|War|Combat|Danger|Safe|Humanitarian|Residential|"
                               r"Rural|Urban|Private|Public|Agricultural|Occupied)\b")
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


# a capitalised organisation word after "X Region" makes it part of a name: "Kachin Region
# People's Defense Force", "Sagaing Region Military Council"
_ORG_AFTER = re.compile(r"\s+(?:People[’']?s?|Defen[cs]e|Army|Military|Council|Force|Forces|Government|Party|"
                        r"Front|Alliance|Organi[sz]ation|Administration|Committee|Police|Union|Youth|Women)\b")


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
        if len(words) >= 2 and not _NOT_PLACE.match(text, st, en) and not _ORG_AFTER.match(text, en) \
                and not (words[-1].casefold() in _AREA_WORDS and _NOT_AN_AREA_NAME.search(" ".join(words[:-1]))):
            # "the Israeli town of ...", "a Sudanese village": a place of the country its people name
            cc = DEMONYMS.get(words[0]) if len(words) == 2 else None
            out.append(PlaceRef(st, en, text[st:en], country=cc, code=cc, level="country" if cc else None))
    # "Mazen refugee camp", "Zamzam IDP camp": a camp named before what it is for
    for m in _NAMED_CAMP.finditer(text, s, e):
        if m.group(0).split()[0] not in _STOP_CAPS:
            out.append(PlaceRef(m.start(), m.end(), m.group(0)))
    # "the city of Banyas", "the village of Al-Tuwaimah"
    for m in _type_of_matches(text, s, e):
        out.append(PlaceRef(m.start(), m.end(), m.group(0)))
    # "Colonia La Esperanza", "comunidad Santiaguillo", "Barangay Camudlas": a part of a city or a
    # village named after the word for one
    for m in _LOCAL_NAMED.finditer(text, s, e):
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


def homonym(p: PlaceRef) -> bool:
    """Whether p's name, without a kind word ("Hamirpur village"), names places in more than one
    first-level unit."""
    if _gazetteer is None or p.code is None or p.level in ("country", "locality"):
        return False
    return len(_gazetteer().first_levels(p.name or _KIND_WORDS.sub("", p.text))) > 1


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
            out = _city_parts(text, out)
            return _named_again(_named_before_known(text, s, _placed_by_parenthesis(text, _neighbourhoods(text, out))))
        except Exception:
            pass
    return _fallback_places(text, s, e)


# the area around a known place holds the place written before it: "the town of Aghtrin in the
# northern countryside of Aleppo", "Al-Mayadin, on the outskirts of Deir ez-Zor"
_AREA_OF_RX = (r"\s*,?\s*(?:in|on)\s+the\s+(?:(?:north|south|east|west)(?:ern)?\s+|(?:north|south)-?(?:east|west)(?:ern)?\s+)?"
               r"(?:countryside|outskirts|suburbs|rural\s+areas?|hinterland)\s+(?i:of)\s+(?:the\s+)?")
_AREA_OF = re.compile(_AREA_OF_RX)
# ... and so does a landmark near it: "an attack in Nohao, near the town of Bittou"
_NEAR_RX = r",\s*(?:near|outside|close\s+to|not\s+far\s+from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?"
_NEAR = re.compile(_NEAR_RX)

# (with the part of it that the place is in: "in Tawori, eastern Burkina Faso", "in Kadawa,
# northwestern Nigeria")
_DIRECTION_RX = r"(?:(?:north|south)-?(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central|upper|lower|far-?(?:north|south|east|west)(?:ern)?)"
# "in Nacoba (Macomia, Cabo Delgado)", "in Buni Yadi, Borno": a name the gazetteer does not know,
# right before a place it does, introduced as a scene. The reports' convention is the smaller
# place first, then what it lies in; the name is kept as written, inside that place.
# (the known place may come later in the parenthesis, after units it does not know: "near Buni
# Yadi (Gujiba LGA, Borno)"; or right after the part of it: "in Akashat western Anbar province")
_NAME_BEFORE = re.compile(r"\b(?:in|at|near|outside|attacked|raided|stormed|shelled|bombed|targeted|struck)\s+((?:(?:al|el|ad|ar|as|ash|an)-)?[A-Z][\w’'\-]*"
                          r"(?:\s+(?:(?:al|el|ad|ar|as|ash|an|de|del|da|do|dos|das|la|el)[\s-])?[A-Z][\w’'\-]*){0,3})"
                          r"(?:\s*(?:,|\((?:[^()]{0,40}?,)?)\s*(?:" + _DIRECTION_RX + r"\s+)?|\s+" + _DIRECTION_RX + r"\s+|"
                          + _AREA_OF_RX + "|" + _NEAR_RX
                          + r"|(?P<in>\s+in\s+(?:the\s+)?))$")
# ("at Mukeshefah in Saladin province": "in" a known place only after a preposition of place, not
# "killed Houthis in Marib")
_PLACE_PREPOSITION = re.compile(r"(?:in|at|near)\s")
_MONTHS = frozenset("January February March April May June July August September October November December".split())


def _placed(start: int, end: int, written: str, unit: PlaceRef) -> PlaceRef:
    """The place written at [start, end) as `written`, a locality inside `unit` (the gazetteer
    does not know it, or knows it only as part of `unit`)."""
    return PlaceRef(start, end, written, unit.country, unit.admin1, unit.admin1_pcode, unit.code, "locality",
                    unit.lat, unit.lon, None)


# the words that say what kind of place a name is: "Mzeireb town" is Mzeireb
_KIND_WORDS = re.compile(r"^(?:the\s+)?(?:(?:village|town|city|hamlet|camp|area|locality)\s+of\s+)?|"
                         r"\s+(?:village|town|city|hamlet|camp|area|locality)$", re.I)


def _named_again(places: list[PlaceRef]) -> list[PlaceRef]:
    """`places` with an unknown place named again after it was placed ("in Mzeireb in the
    western countryside of Dar'a. ... in Mzeireb town") put where it was placed."""
    placed: dict[str, PlaceRef] = {}
    out = []
    for p in places:
        key = _KIND_WORDS.sub("", p.text).casefold()
        if p.country is None and key in placed:
            q = placed[key]
            p = _placed(p.start, p.end, p.text, q)
        elif p.level == "locality" and p.country is not None:
            placed.setdefault(key, p)
        out.append(p)
    return out


# "Mogadishu-Hodan district", "Kabul-PD5 district": a city and its part written as one compound
_CITY_PART_COMPOUND = re.compile(r"[-‑][A-Z][\w’']*(?:\s[A-Z][\w’']*)?\s+(?:[Dd]istrict|[Nn]eighbou?rhood|[Qq]uarter|"
                                 r"[Ss]ector|[Aa]rea|[Ww]ard)\b")


def _city_parts(text: str, places: list[PlaceRef]) -> list[PlaceRef]:
    """`places` with a known town written as the first half of a compound naming its part
    replaced by the compound, kept as written and placed in the town; the unknown place the
    fallback found inside the compound goes."""
    out: list[PlaceRef] = []
    for p in places:
        if out and out[-1].end > p.start:
            continue  # (inside the compound just made)
        m = _CITY_PART_COMPOUND.match(text, p.end) if p.level == "town" else None
        if m is not None:
            p = _placed(p.start, m.end(), text[p.start:m.end()], p)
        out.append(p)
    return out


def _named_before_known(text: str, s: int, places: list[PlaceRef]) -> list[PlaceRef]:
    """`places` with the unknown names written right before a known place added, each inside it."""
    added: list[PlaceRef] = []
    replaced: set[int] = set()
    prev_end = s
    for p in places:
        if p.country is None:
            continue  # (an unknown unit may stand between: "near Buni Yadi (Gujiba LGA, Borno)")
        m = _NAME_BEFORE.search(text, max(prev_end, p.start - 60), p.start)
        if m is not None and not (set(m.group(1).split()) & (_STOP_CAPS | _MONTHS)) \
                and (m.group("in") is None or _PLACE_PREPOSITION.match(text, m.start())):
            a, b = m.span(1)
            overlap = [k for k, q in enumerate(places) if q.start < b and a < q.end]
            # (a place found without a known unit, "Barangay Labangal", is this one, now placed)
            if all(places[k].country is None for k in overlap):
                replaced.update(overlap)
                added.append(_placed(a, b, text[a:b], p))
        prev_end = p.end
    if not added:
        return places
    return sorted([q for k, q in enumerate(places) if k not in replaced] + added, key=lambda p: (p.start, p.end))



# "in Fortaleza, Ceara, ... in Bom Jardim neighborhood", "Vila das Flores", "Colonia del Valle":
# a part of a city, whose name is often a town's elsewhere in the country
_SUBCITY_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|communit(?:y|ies)|favelas?|barrios?|quarters?|slums?)\b", re.I)
_SUBCITY_BEFORE = re.compile(r"\b(?:Colonia|Barrio|Fraccionamiento|fraccionamiento|Vila|Morro|Jardim|Conjunto|Comunidade|Bairro)"
                             r"\s+(?:(?:de|do|da|dos|das|del|de\s+la|la|las|los|el)\s+)?$")
_SUBCITY_NAME = re.compile(r"(?:" + _CITY_PART_WORDS + r"|Conjunto)\s")  # (not "Vila Velha", a city)


def _neighbourhoods(text: str, places: list[PlaceRef]) -> list[PlaceRef]:
    """`places` with each part of a city read inside the last known place named before it in the
    sentence (kept as written), or as a place the gazetteer does not know when there is none."""
    out: list[PlaceRef] = []
    last: PlaceRef | None = None
    for p in places:
        if p.level != "country" and (_SUBCITY_AFTER.match(text, p.end) or _SUBCITY_NAME.match(p.text)
                                     or _SUBCITY_BEFORE.search(text, max(0, p.start - 30), p.start)):
            out.append(PlaceRef(p.start, p.end, p.text) if last is None else
                       _placed(p.start, p.end, p.text, last))
            continue
        if p.country is not None and p.level != "country":
            last = p
        out.append(p)
    return out


# "in Kibanda village (Idjwi, Sud-Kivu)", "in Oicha (Beni, Nord-Kivu)": a parenthesis after a
# place lists, smallest first, the units it lies in (after the other spelling an event note
# gives in square brackets: "the village of Zibane [Ziban] (Anzourou, Tillaberi)")
_OTHER_SPELLING = r"(?:\s*\[[^\[\]()]{1,40}\])?"
_UNITS_AFTER = re.compile(_OTHER_SPELLING + r"\s*\(([^()]{1,80})\)")


# ... or "in" the unit written right after it: "Myo Thit village in Momauk Township"
_IN_UNIT = re.compile(r"\s+in\s+(?:the\s+)?")


def _placed_by_parenthesis(text: str, places: list[PlaceRef]) -> list[PlaceRef]:
    """`places` with each village the gazetteer does not know put inside the last known unit of
    the parenthesis written right after it, or inside the unit it is said to be "in" (kept as
    written, like _named_before_known's)."""
    out = list(places)
    for k, p in enumerate(places):
        if p.country is None and k + 1 < len(places) and (m := _IN_UNIT.match(text, p.end)) is not None \
                and m.end() == places[k + 1].start and places[k + 1].country is not None \
                and places[k + 1].level in ("admin1", "district", "township"):
            q = places[k + 1]
            out[k] = _placed(p.start, p.end, p.text, q)
            continue
        if p.country is not None and p.level in ("country", "admin1"):
            continue
        m = _UNITS_AFTER.match(text, p.end)
        if m is None:
            continue
        known = [q for q in places if q.country is not None and m.start(1) <= q.start and q.end <= m.end(1)
                 and q.level != "country"]
        if not known:
            continue
        q = known[-1]
        # a town the gazetteer knows elsewhere in the country is a homonym there: "Kahuta (Haveli
        # district, AJK)" is not the Kahuta of Punjab
        if p.country is None or (q.country == p.country and q.admin1 is not None and q.admin1 != p.admin1):
            out[k] = _placed(p.start, p.end, p.text, q)
    return out


_ACTOR_BEFORE = re.compile(r"(?:\b(?:attributed|blamed|claimed|carried\s+out|launched|conducted|brokered|backed|"
                           r"supported|funded|mediated|sponsored|armed|operated)\s+(?:to|on|by)|\bby|\bborder\s+with)"
                           r"\s+(?:the\s+)?\Z")
_ROUNDUP_PERIOD = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours|48\s+hours|week)\b"
                             r"|\bovernight\s+across\b", re.I)
_ADJ_AFTER = re.compile(r"-(?:based|backed|led|funded|brokered|made|supplied)\b|"
                        r"(?:’s|'s|ese|\.)?\s+(?:(?:former|special|senior|top|deputy|chief|acting)\s+)*(?:junta|military|army|troops|soldiers?|forces|security|government|regime|"
                       r"authorities|police(?:m[ae]n)?|refugees|nationals?|citizens?|people|air|navy|"
                       r"personnel|civilians?|fighters?|militants?|officers?|journalists?|pilgrims?|migrants?|Junta|Army|Armed|Military|"
                       r"Government|National|Police|Now|Witness|envoys?|ambassadors?|diplomats?|officials?|embassy|"
                       r"ministers?|president|spokes(?:man|woman|person)|administration|delegation|intelligence|"
                       r"Envoy|Ambassador|Embassy|Minister|President|State\s+Department)\b")
# "the total killed in the airstrike has reached 168", "residents have fled the town": a running
# total of the story's own event or place, not the country's
_EVENT_ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(?:[\w’'\-]+\s+){0,2}?(?:air\s?strikes?|attacks?|bombings?|massacres?|"
                            r"blasts?|explosions?|raids?|shelling|assault|offensive|town|village|city|camp|township)\b",
                            re.I)
_UNNAMED_PLACE = re.compile(r"\b(?:a|the|one|this|that)\s+(?:\w+\s+){0,2}?(?:village|town|school|camp|city|township|monastery|church|hospital|market|concert|neighbou?rhood|ward|area)\b", re.I)


# A clause boundary, then a new subject with its own number and finite verb: "..., and 12 aid workers were"
_LATER_CLAUSE = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas)\s+|;\s*|\s(?:while|whereas|but)\s+)(?:[\w’'\-]+\s+){0,3}?"
    r"(?:\(?\d[\d,.]*\)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds|dozens|a\s+dozen)\s+(?:[\w’'\-]+\s+){0,4}?(?:were|was|are|is|have|has|had|remain|remained|remains)\b", re.I)


_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*")
# a place after a boundary and another count is that count's: "killed at least five protesters on
# Monday, three of them in Yangon" (Yangon is the three's), "Banyas recorded 60 deaths—while the
# village of Al-Tuwaimah suffered 31" (the village is the 31's)
_NUMBER_WORD = r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)\b)"
_COUNT_AFTER_BOUNDARY = re.compile(r"[,;—–]\s*(?:[A-Za-z’']+\s+){0,2}?" + _NUMBER_WORD)


def _of_a_later_count(text: str, pos: int, start: int) -> bool:
    """A place at `start` belongs to a count after the figure's own (ending at `pos`), set off by a
    boundary, when nothing closes that count's phrase before the place: "five protesters, three
    of them in Yangon" (not "12 villagers, including 3 children, in Kani Township")."""
    last = None
    for last in _COUNT_AFTER_BOUNDARY.finditer(text, pos, start):
        pass
    # (a count that only adds a second harm to the same verb phrase shares its scene: "killed a
    # family of three, ..., and injured two others in Salah Aldeen")
    return last is not None and not any(c in text[last.end():start] for c in ",—–") \
        and _SHARED_SCENE_VERB.search(last.group()) is None


_SHARED_SCENE_VERB = re.compile(r"(?:^[,;]\s*|\band\s+)(?:injur|wound|hurt|maim|abduct|kidnap|arrest|detain|displac)\w*\s+\S+$",
                                re.I)


_CLAUSE_BOUNDARY = re.compile(r"[,;—–]\s*(?:and|but|while|whereas)\s|\s(?:but|while|whereas)\s")
_OWN_COUNT_AFTER = re.compile(r"[^.;\d]{0,40}?" + _NUMBER_WORD)
# a place right before a number is that number's label ("..., Shan State 80,000")
_LABEL_OF_NUMBER = re.compile(r" \(?\d")


def chain_near(text: str, places: list[PlaceRef], pos: int) -> list[PlaceRef]:
    """Adjacent place mentions around the one nearest to pos ("Kyainseikgyi Township, Karen State")."""
    chains: list[list[PlaceRef]] = []
    for p in places:
        if chains:
            last = chains[-1][-1]
            gap = text[last.end:p.start]
            # (a country is never in or of another: "refugees from Sudan in Chad"; a list of
            # countries stays one: "Burkina Faso and Mali")
            if (len(gap) <= 14 and _RX_20.fullmatch(gap)
                    and not (last.level == p.level == "country" and not _LIST_GAP.fullmatch(gap))) \
                    or _UNITS_OPEN.fullmatch(gap) or _AREA_OF.fullmatch(gap) or _UNITS_LATER.fullmatch(gap) \
                    or (last.level == "locality" and _NEAR.fullmatch(gap)) \
                    or (last.code is None and _UNKNOWN_BETWEEN.fullmatch(gap)) or _LABELLED_UNIT_BETWEEN.fullmatch(gap) \
                    or (last.country is None and _LOCATIVE_GAP.fullmatch(gap)):
                chains[-1].append(p)
                continue
        chains.append([p])
    # a place written right before the number labels it: "Shan State 80,000", "Sagaing 1,204 killed"
    label = [c for c in chains if 0 <= pos - c[-1].end <= 2 and not text[c[-1].end:pos].strip()]
    if label:
        return label[-1]
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


# the units a parenthesis after a place lists, known or not, belong to its chain: "Nacoba
# village (Quissanga, Cabo Delgado)" is one place, in Cabo Delgado
_UNITS_OPEN = re.compile(_OTHER_SPELLING + r"(?:\s+(?:[Aa]rea|[Zz]one|[Ss]ector|[Cc]ounty|[Tt]own|[Cc]ity|[Vv]illage|LGA|[Dd]istrict|"
                         r"[Mm]unicipality|[Pp]rovince|[Cc]ommune|[Ss]ubdivision|[Ll]ocality|[Tt]ownship|[Uu]pazila|"
                         r"[Ww]oreda|[Tt]ehsil|[Pp]ayam))?"
                         r"\s*\([^()]{0,40}")  # (a kind word the name was matched without: "the Rumbek area (Lakes state)")
# ... and so do those of a parenthesis after the area around it: "the village of Mabatundu in the
# Bambuba-Kisiki area (Beni, Nord-Kivu)", "near Pardhoni village under Manpur Police Station limits
# (Rajnandgaon, Chhattisgarh)"
_UNITS_LATER = re.compile(r"(?:\s+(?:in|near|under|within|of)|\s*,\s*(?:in|within))\s[^().,;:\d\n]{0,60}\([^()]{0,40}")
# an unknown place lies in the next place its locative phrase names: "in the Ghareza area in the
# limits of Gardez city", "in Sehi area (unknown location) in the central district of Bitlis",
# "Al Wadi Al Kabeer area between Harim and Sarmada towns in north-western Idleb"
# (after the kind of place it is, or a comma before "in" or "within": "Dabakayow Madow village
# neighbourhood in Mogadishu", "Njiapanda village, within Zacharia locality")
_LOCATIVE_GAP = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:(?:neighbou?rhood|locality|area|commune|quarter|sector)\s+)?"
                           r"(?:(?:in|of|on|near|outside|within|between)|,\s*(?:in|within))\s[^.,;:()\d\n]{0,60}")
# an unknown unit between an unknown place and a known one: "Barangay Tumantangis, Indanan, Sulu"
_UNKNOWN_BETWEEN = re.compile(r"\s*,\s*[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2}(?:\s*\([^()]{1,30}\))?"
                              r"(?:\s+(?:city|town|district|village|area|locality|commune))?\s*,\s*")
# a place's kind word before the comma to the unit that holds it: "Samraong commune, Ou Chrov
# district of Banteay Meanchey"
_UNIT_KIND = r"(?:commune|village|town|district|sub-?district|municipality|locality|county|tehsil|upazila|LGA|province)"
_LABELLED_UNIT_BETWEEN = re.compile(r"\s+" + _UNIT_KIND + r"\s*,\s*")
_RX_20 = re.compile(r"\s*(?:,|in|of|and|’s|'s|near|,\s*and|in\s+the|of\s+the|\(|\)|\s|center|centre|"
                    r"(?:north|south|east|west)(?:ern)?|central)*\s*")  # ("Ghoryan district center, Herat")
_RX_21 = re.compile(r"(?:’s|'s)?\s+(?:[a-z]|Junta|Army|Armed|Military|Government|Now|Witness|National|Police)")
_RX_23 = re.compile(r"\s+(?:in|on|at|since|from|to|and|as|after|before|during|for|over|with|by)\b")
# the word before a "from" that ends right before a place
_FROM_BEFORE = re.compile(r"([A-Za-z\-]+)\s+(?:originally\s+)?from\s+(?:the\s+)?"
                          r"(?:[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,2}(?:,|,?\s+and|,?\s+or)\s+){0,3}$")  # (down a list)
# "from X in Y": someone from X, at Y ("an individual from Afrin in Idleb")
_FROM_ANY = re.compile(r"\bfrom\s+(?:the\s+)?$")
_IN_OTHER = re.compile(r"\s+in\s+(?:the\s+)?")
# (not a place where people were held: "prisoners from Buenos Aires' prisons", "from Insein Prison")
_HELD_AT = re.compile(r"(?:['’]s?|\s+(?:prisons?|jails?|camps?|detention|centres?|centers?|hospitals?|shelters?))\b", re.I)
_TRAVELLERS = frozenset("""deported expelled repatriated returned returning deportees returnees
passengers passenger travellers travelers traveller traveler workers worker labourers
laborers labourer laborer migrants migrant pilgrims pilgrim tourists tourist traders trader truckers drivers driver
refugees refugee idps nationals national citizens citizen visitors visitor reinforcements fighters militants troops
peacekeepers peacekeeper arrivals""".split())
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")
# a country naming a currency ("the US dollar", "Lebanese pound")
_CURRENCY_AFTER = re.compile(r"\s*-?\s*(?:dollars?|pounds?|euros?|rupees?|currency|exchange\s+rates?)\b", re.I)


# administrative units that only one country has, by the name its reports give them
# (not "oblast", "wilaya", "tehsil": several countries have them)
_UNIT_COUNTRY = {"lga": "NG", "lgas": "NG", "upazila": "BD", "upazilla": "BD", "barangay": "PH", "tambon": "TH",
                 "amphoe": "TH", "woreda": "ET", "kebele": "ET", "mandal": "IN"}
_COUNTRY_UNIT = re.compile(r"\b(?:" + "|".join(sorted(_UNIT_COUNTRY, key=len, reverse=True)) + r")\b", re.I)


# a sentence that opens by setting its scene: "On 5 May 2020, in Londrina, Parana, ...", "In
# Sagaing Region, ..."
_SCENE_OPENER = re.compile(r"\W*(?:(?:On|Around|Between|As reported on|Since|Overnight|Late|Early)\b[^,.;]{0,60},\s*)?[Ii]n\s+(?:the\s+)?\Z")


# ... a country as that scene, where a roundup turns to it: "In northern Benin, ..."
_COUNTRY_SCENE = re.compile(r"\W*(?:(?:On|Meanwhile|Elsewhere|Separately)\b[^,.;]{0,60},\s*)?[Ii]n\s+(?:neighbou?ring\s+)?"
                            r"(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s+)?\Z")


def _inside_scene(text: str, s: int, places: list[PlaceRef]) -> list[PlaceRef]:
    """`places` with each place the gazetteer does not know put inside the known place (below the
    country) a sentence opens with as its scene, kept as written: "in Londrina, Parana, a former
    officer was shot to death in Lerroville district" (the district is Londrina's)."""
    if not places or places[0].country is None or places[0].level == "country" \
            or not _SCENE_OPENER.match(text, s, places[0].start):
        return places
    scene = places[0]
    k = 1
    while k < len(places) and places[k].country == scene.country and places[k].start - places[k - 1].end <= 3:
        scene = places[k] if places[k].level == "admin1" and scene.admin1 is None else scene  # ("Guatemala City, Guatemala")
        k += 1
    return [p if p.country is not None or p.start < scene.end else
            _placed(p.start, p.end, p.text, scene) for p in places]


# a speaker or an office named after the place it speaks for: "a Tamu Township spokesman", "a Kachin State
# government spokeswoman", "the Taliban district head of intelligence", "the Nad Ali district governor"
_SPOKESMAN_AFTER = re.compile(r"(?:\s+(?:[A-Z][\w’'-]*|government|military|police|army|council))*?\s+(?:spokes(?:man|woman|person)|head|chief|governor|commander|administrator|officials?)\b")


# ... or one person the place describes who then speaks: "a Tamu Township resident who helped
# evacuate the wounded said" (where the source lives, not the scene)
_ONE_PERSON_BEFORE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+$")
_SOURCE_PERSON_AFTER = re.compile(r"(?:\s+(?:[Tt]ownship|[Rr]egion|[Ss]tate|[Dd]istrict|[Pp]rovince|town|village|city))?"
                                  r"\s+(?:resident|villager|local|native|source|witness|volunteer|rescuer|doctor|medic|"
                                  r"nurse|teacher|activist|journalist|reporter|farmer|trader|man|woman)\b"
                                  r"[^.;]{0,100}?\b(?:said|says|told)\b")


# a place phrase set off by a comma and closing its sentence: ", in Pur Chaman district, Farah."
_SCENE_SET_OFF = re.compile(r",\s*(?:in|near|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}\Z")
_SENTENCE_REST = re.compile(r"[\s)]*[.!]?[\s\"”’']*")


# an aside that says where a place lies by a landmark: "Sagaing region -- near the country's
# second-largest city, Mandalay -- has put up ..." (Mandalay is no scene of what follows)
_LANDMARK_ASIDE = re.compile(r"(?:--|[—–(])\s*(?:near|close\s+to|not\s+far\s+from|(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\b"
                             r"[^—–()]{0,120}?(?:--|[—–)])")


# a place that names a road, a railway or a bridge: "along the Yangon-Mandalay railway", "at the
# intersection of Bagaya Road and Pyay Road", "the Gangaw-Kalay road": a landmark of the scene
# (which the road may leave), not the scene itself (_landmark)
_ROAD_AFTER = re.compile(r"(?:\s*[-–/]\s*[A-Z][\w’'\-]*)*\s+(?:[Rr]oad|[Hh]ighway|[Rr]ailway|[Rr]ailroad|[Ss]treet|"
                         r"[Aa]venue|[Ff]lyover|[Ii]ntersection|[Jj]unction|[Bb]ridge|[Ee]xpressway|[Mm]otorway|"
                         r"[Bb]ypass)s?\b"
                         # ... and a local armed group named after its home ("the Monywa PDF", "the
                         # Yei militia"), which fights where the scene is, not only at home
                         r"|\s+(?:PDFs?|LDFs?|CJTF|[Mm]ilitias?|[Vv]igilantes?|Guerrilla|[Dd]efen[cs]e\s+[Ff]orces?)\b")
# a place named as one side of a border ("at the border between Marib and Al Bayda governorates",
# "on the administrative border between Deir-ez-Zor and Homs"): a line between two units, which
# says where the scene lies less than the place the sentence names before it
_RELATIVE_ON_PLACE = re.compile(r",\s+(?:which|that)\s+(?:includes?|included|borders?|bordered|contains?|"
                               r"is\s+home\s+to|has|surrounds?)\s+(?:the\s+(?:city|town|capital|province|district)\s+of\s+)?"
                               r"(?:the\s+)?(?:[\w’'\-]+\s+){0,3}?", re.I)
# where a group works from, not where anything happened: "a drug ring operating in Calamba City"
_BASE_BEFORE = re.compile(r"\b(?:operating|operates|based|active|headquartered|stationed)\s+(?:in|at|out\s+of|from)\s+"
                          r"(?:the\s+)?$")
# where the hurt were taken for care, not where they were hurt: "wounded and airlifted to Bor"
_TO_PLACE = r"\s+(?:by\s+\w+\s+)?(?:to|in)\s+(?:the\s+|a\s+)?(?:[\w’'\-]+\s+){0,3}?(?:in\s+)?$"
_TAKEN_TO = re.compile(r"\b(?:taken|rushed|airlifted|flown|transported|transferred|brought|referred|admitted)" + _TO_PLACE,
                       re.I)
# (the hurt "evacuated to" a town went there for care; the displaced evacuated to one live there now)
_HURT_EVACUATED_TO = re.compile(r"\b(?:injured|wounded|hurt)\b[^.;]{0,60}?\bevacuated" + _TO_PLACE, re.I)
_BORDER_BETWEEN = re.compile(r"\b(?:borders?|boundary|boundaries|frontier)\s+(?:area\s+|line\s+)?between\s+(?:the\s+)?"
                             r"(?:[^\s,.;:()]+\s+){0,5}$"
                             # ... or the unit on the other side of it ("close to the border with Tonj
                             # South", "along its boundary with Kayin State")
                             r"|\b(?:border|boundary|frontier)\s+with\s+(?:the\s+)?$")
# a country's name opening a longer proper name ("the Myanmar Economic Bank", "Syria Civil Defence",
# "Iraq Body Count"): an organisation, not the place (not "Myanmar State", "Syria On Monday")
_PROPER_NAME_AFTER = re.compile(r"\s+(?!(?:State|Region|Province|District|Border|On|In|At|Since|And|But|Or|For|"
                                r"January|February|March|April|May|June|July|August|September|October|November|"
                                r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]")


_UNIT_RANK = {"locality": 0, "town": 1, "township": 2, "district": 3, "admin1": 4}


def _in_largest_unit(chain: list[PlaceRef], scene: list[PlaceRef]) -> list[PlaceRef]:
    """`chain` (places the gazetteer does not know) put inside the largest known unit of `scene`,
    kept as written; unchanged when the scene knows none."""
    unit = max((p for p in scene if p.country is not None and p.admin1 is not None and p.level in _UNIT_RANK),
               key=lambda p: _UNIT_RANK[p.level], default=None)
    return chain if unit is None else [_placed(p.start, p.end, p.text, unit) for p in chain]


class PlaceFrame:
    """The places of an article, by sentence, and the place chain each figure takes."""

    def __init__(self, sents: Sentences):
        self.sents = sents
        self.text = sents.text
        text = self.text
        # (not "a Britain-based war monitor", "a Yangon-based group", "a Tamu Township spokesman":
        # where a source sits)
        found = [p for p in find_places(text, 0, len(text), None)
                 if not (text.startswith("based", p.end + 1) and text[p.end:p.end + 1] in ("-", "–"))
                 and not _SPOKESMAN_AFTER.match(text, p.end)]
        # (where a local source lives still says which country the story is about)
        self._sources_at: list[PlaceRef] = []
        self._all: list[PlaceRef] = []
        for p in found:
            source = _ONE_PERSON_BEFORE.search(text, max(0, p.start - 5), p.start) and _SOURCE_PERSON_AFTER.match(text, p.end)
            (self._sources_at if source else self._all).append(p)
        self._starts = [p.start for p in self._all]
        self._places: dict[int, list[PlaceRef]] = {}
        self._first: list[PlaceRef] | None = None  # the article's first specific place chain
        self._dateline = self._dateline_places()
        self._filed: list[PlaceRef] | None = None  # _filed_at, once asked
        self.country = self._dominant_country()
        self.country_name = self._country_name(self.country)

    def _dominant_country(self) -> str | None:
        """The country the article is about: most mentioned (a place inside it counts), first wins ties."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        sents = self.sents
        datelines = [(sents.spans[k][0], end) for k in range(min(12, len(sents.spans)))
                     if (end := sents.dateline_end(k)) != sents.spans[k][0]]
        for p in self._all + self._sources_at:
            if p.level == "country" and _CURRENCY_AFTER.match(self.text, p.end):
                continue  # "against the high US dollar exchange rate": money, not a place the story is in
            if self._origin(p):
                continue  # "a peacekeeper from Zambia": where someone came from, not where the story is
            if p.country and not any(a <= p.start < b for a, b in datelines):  # "DAKAR, Senegal (AP) —": where the reporter is
                counts[p.country] = counts.get(p.country, 0) + (1 if p.level == "country" else 2)
                first.setdefault(p.country, p.start)
        if not counts and (dl := self._dateline):
            # no place named but where the story was filed ("YANGON (Reuters) - Security forces
            # killed 12 protesters on Sunday"): the figures count in that country's series
            return next((p.country for p in dl if p.country), None)
        if not counts:
            # no place known, but a kind of unit only one country has ("Bassa LGA", "Barangay
            # Camudlas", "Shailkupa upazila"): the figures count in that country's series
            m = _COUNTRY_UNIT.search(self.text)
            return _UNIT_COUNTRY[m.group(0).lower()] if m else None
        return sorted(counts, key=lambda c: (-counts[c], first[c]))[0]

    def _dateline_places(self) -> list[PlaceRef]:
        """The places of the first wire dateline of the article's opening ("MINDAT —", "YANGON
        (Reuters) -"), without a country's own name."""
        for k in range(min(3, len(self.sents.spans))):
            s, end = self.sents.spans[k][0], self.sents.dateline_end(k)
            if end != s:
                return [p for p in self._all if s <= p.start < end and p.level != "country"]
        return []

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
        """The places named in sentence k (after its dateline)."""
        if k not in self._places:
            s, e = self.sents.spans[k]
            s = self.sents.dateline_end(k)
            i = bisect_left(self._starts, s)
            out = []
            while i < len(self._all) and self._all[i].start < e:
                if self._all[i].end <= e:
                    out.append(self._all[i])
                i += 1
            self._places[k] = _inside_scene(self.text, s, out)
        return self._places[k]

    def _adjectival(self, p: PlaceRef, k: int) -> bool:
        nxt = self.text[p.end:p.end + 24]
        # (a country in an actor's role is no scene either: "a strike attributed to Turkey",
        # "a truce brokered by Jordan", "on the border with Algeria")
        if _ACTOR_BEFORE.search(self.text, max(0, p.start - 30), p.start):
            return True
        # (a Title Case headline capitalises every word: "Sudan Fighting Kills 50")
        return bool(_ADJ_AFTER.match(nxt)) or (not self.sents.is_headline(k) and bool(_PROPER_NAME_AFTER.match(nxt)))

    def _landmark(self, p: PlaceRef) -> bool:
        return p.level != "country" and (_ROAD_AFTER.match(self.text, p.end) is not None
                                         or _BORDER_BETWEEN.search(self.text[max(0, p.start - 90):p.start]) is not None
                                         or self._base(p))

    def _base(self, p: PlaceRef) -> bool:
        return _BASE_BEFORE.search(self.text, max(0, p.start - 40), p.start) is not None or self._taken_to(p)

    def _taken_to(self, p: PlaceRef) -> bool:
        """`p` is where the hurt were taken for care: "wounded and airlifted to Bor"."""
        return _TAKEN_TO.search(self.text, max(0, p.start - 60), p.start) is not None \
            or _HURT_EVACUATED_TO.search(self.text, max(0, p.start - 120), p.start) is not None

    def _origin(self, p: PlaceRef) -> bool:
        """`p` follows "from" after a word for people away from home: "passengers from Punjab",
        "refugees from Sudan" (not "residents from Pa Khet village": arrested at home), and down
        its list ("reinforcements from Idleb and Afrin"); or anyone "from" a town said to be in
        another unit ("an individual from Afrin in Idleb")."""
        m = _FROM_BEFORE.search(self.text, max(0, p.start - 80), p.start)
        if m is not None and m.group(1).lower() in _TRAVELLERS and not _HELD_AT.match(self.text, p.end):
            return True
        if p.admin1 is None or p.level not in ("town", "locality", "township") \
                or _FROM_ANY.search(self.text, max(0, p.start - 12), p.start) is None \
                or (m := _IN_OTHER.match(self.text, p.end)) is None:
            return False
        x = bisect_left(self._starts, m.end())
        q = self._all[x] if x < len(self._all) and self._all[x].start == m.end() else None
        return q is not None and q.level in ("admin1", "district", "town") and q.country == p.country \
            and q.admin1 not in (None, p.admin1)

    def _off_road(self, places: list[PlaceRef]) -> list[PlaceRef]:
        """`places` without those naming a road or a group, unless nothing else is left."""
        return [p for p in places if not self._landmark(p)] or places

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
        if self._first is None:
            self._first = []
            for j in range(len(self.sents.spans)):
                if self.sents.is_caption(j):
                    continue  # a photo caption's place is where the photo was taken
                sp = self._off_road([p for p in self._usable(j) if p.level != "country" and not self._origin(p)])
                if sp:
                    self._first = chain_near(self.text, sp, self.sents.spans[j][0])
                    break
        return self._first

    def _topic_place(self, k: int) -> list[PlaceRef]:
        """The article's first specific place for a figure of sentence k without a place of its
        own: a headline summarises the story (its place may come after it); a body sentence
        only continues what was said before it ("at least eight people were killed Wednesday"
        before the story turns to Yangon is the country's count)."""
        first = self._first_specific()
        if not first or self.sents.is_headline(k) or first[0].start < self.sents.spans[k][0] \
                or _UNNAMED_PLACE.search(self.text, *self.sents.spans[k]):
            return first  # ("an air strike on a village ... killed 40": the village named later)
        # a lead names its place in its next sentences: the same or the next paragraph
        j = bisect_left(self.sents.spans, (first[0].start + 1,)) - 1
        return first if 0 <= j < len(self.sents.paras) and self.sents.paras[j] <= self.sents.paras[k] + 1 else []

    def place_for(self, k: int, pos: int, cumulative: bool, num_end: int | None = None) -> list[PlaceRef]:
        """The place chain of a figure at char `pos` of sentence k (own, then inherited); its
        number expression ends at `num_end` (default: pos)."""
        own = self.places(k)
        if own and not cumulative and all(p.level == "country" and self._adjectival(p, k) for p in own):
            own = []  # "Myanmar troops killed 11 people": a country as an adjective is not the event place
        elif own:
            named = [p for p in own if not (p.level == "country" and self._adjectival(p, k))]
            own = named or own
        if own:
            # where the people came from is no scene ("shot dead 9 passengers from Punjab near
            # Mastung", "killed 5 workers from Bihar" in a story from Kashmir)
            home = [p for p in own if self._origin(p)]
            for p in own:  # (down its list: "heroes from Myitkyina and Pyapon")
                if p not in home and any(_LIST_JOIN.fullmatch(self.text, h.end, p.start) for h in home):
                    home.append(p)
            if home:
                # (and with no other place of its own, the scene comes from the story: "A
                # peacekeeper from Zambia was killed near Obo" was not killed in Zambia)
                own = [p for p in own if p not in home]
        if len(own) > 1:
            # a place named inside a relative clause on another place is not the scene: "In the
            # Ouest department, which includes Port-au-Prince, 310,000 people are displaced"
            aside = [p for p in own if any(q.end <= p.start and _RELATIVE_ON_PLACE.fullmatch(self.text, q.end, p.start)
                                           for q in own)]
            own = [p for p in own if p not in aside] or own
        if own and all(self._landmark(p) for p in own) and (inherited := self._inherited(k)):
            return inherited  # ("5 killed on the Yangon-Mandalay highway" after "In Bago Region, ...")
        if own and all(self._taken_to(p) for p in own):
            # nothing told where they were hurt: the story's scene, else its country
            return [p for p in self._topic_place(k) if not self._taken_to(p)] or self._filed_at()
        own = self._off_road(own)
        if own:
            # a place named only in a later coordinated clause with its own figure and verb
            # ("Three journalists remain missing, and 12 aid workers were abducted near Goma") is not this figure's
            # (nor is one after a semicolon: "Sagaing 1,204 killed; Magway 512 killed")
            later = [p for p in own if p.start > pos and (self.text.find(";", pos, p.start) >= 0
                                                         or _LABEL_OF_NUMBER.match(self.text, p.end)
                                                         or _of_a_later_count(self.text, num_end or pos, p.start)
                                                         or (_CLAUSE_BOUNDARY.search(self.text, pos, p.start)
                                                             and _OWN_COUNT_AFTER.match(self.text, p.end)) or (
                (self.text.find(",", pos, p.start) >= 0 or self.text.find(" w", pos, p.start) >= 0
                 or self.text.find(" but ", pos, p.start) >= 0) and _LATER_CLAUSE.search(self.text, pos, p.start)))]
            later = [p for p in later if not self._closing_scene(k, own, p)]
            if later:
                own = [p for p in own if p not in later]
                if not own:
                    return self._inherited(k) or [p for p in self._first_specific() if p.start < self.sents.spans[k][0]]
        if own:
            chain = chain_near(self.text, own, pos)
            if chain and not cumulative and all(p.country is None for p in chain):
                chain = self._inside_known(k, chain)
            if cumulative or any(p.level != "country" for p in chain):
                return chain
            s, e = self.sents.spans[k]
            if _UNNAMED_PLACE.search(self.text, s, e):
                return self._inherited(k) or self._first_specific() or chain
            return chain
        if cumulative and self.country_name and not _EVENT_ANAPHOR.search(self.text, *self.sents.spans[k]):
            return []  # a running total without a place of its own is the country's
        if self.country_name and _ROUNDUP_PERIOD.search(self.text, *self.sents.spans[k]):
            return []  # so is a roundup's ("attacks killed seven civilians over the past day")
        return self._inherited(k) or self._topic_place(k) or self._filed_at()

    def _filed_at(self) -> list[PlaceRef]:
        """Where the story was filed, for a figure of an article that names no other place below a
        country ("MINDAT — Two villagers were killed by junta artillery on Tuesday"): a local
        outlet's dateline is its scene; not when the article is about another country
        ("BANGKOK (Reuters) - Myanmar's junta ...")."""
        if self._filed is None:
            dl = self._dateline
            named = any(p.level != "country" and p.start >= self.sents.dateline_end(0) for p in self._all)
            self._filed = dl if dl and not named and all(p.country == self.country for p in dl) else []
        return self._filed

    def _inside_known(self, k: int, chain: list[PlaceRef]) -> list[PlaceRef]:
        """A chain of places the gazetteer does not know ("in Miguel Castro Castro prison"), put
        inside the largest known unit of the scene the sentence inherits ("On 27 April 2020, in
        Lima-San Juan de Lurigancho, Lima Province, ...") and kept as written."""
        scene = self._inherited(k) or [p for p in self._first_specific() if p.start < self.sents.spans[k][0]]
        return _in_largest_unit(chain, scene)

    def _closing_scene(self, k: int, own: list[PlaceRef], p: PlaceRef) -> bool:
        """p is in a place phrase set off by a comma that closes the sentence, so it scopes over
        every clause before it: "12 militants were killed, and 11 were injured, in Pur Chaman
        district, Farah." (not "..., and 11 were injured in Farah", which is the last clause's)."""
        first = p
        for q in reversed([q for q in own if q.start < p.start]):
            if q.end > first.start or not _RX_20.fullmatch(self.text, q.end, first.start):
                break
            first = q
        last = p
        for q in [q for q in own if q.start > p.start]:
            if not _RX_20.fullmatch(self.text, last.end, q.start):
                break
            last = q
        s, e = self.sents.spans[k]
        return bool(_SCENE_SET_OFF.search(self.text, max(s, first.start - 40), first.start)) \
            and bool(_SENTENCE_REST.fullmatch(self.text, last.end, e))

    def _inherited(self, k: int) -> list[PlaceRef]:
        p = self.sents.paras[k]
        # a country a later sentence sets as its scene ("In northern Benin, a patrol ran into an
        # ambush. Eight soldiers were killed.") ends the scene of another country told before it
        scene_country: PlaceRef | None = None
        for j in range(k - 1, max(-1, k - 9), -1):
            if self.sents.paras[j] < p - 3:
                break
            if self.sents.is_caption(j):
                continue  # a photo caption ("... in March 2022. / SOF") is not the story's place
            # (a sentence naming only where a group is based tells no scene to the next one)
            # (nor where people came from: "brought reinforcements from Idleb and Afrin")
            pl = self._off_road([x for x in self._usable(j) if x.level != "country" and not self._base(x)
                                 and not self._origin(x)])
            asides = [m.span() for m in _LANDMARK_ASIDE.finditer(self.text, *self.sents.spans[j])]
            pl = [x for x in pl if not any(a <= x.start and x.end <= b for a, b in asides)] or pl
            if pl:
                chain = chain_near(self.text, pl, self.sents.spans[j][1])
                if all(x.country is None for x in chain):
                    # the unknown place last named lies in the largest unit its sentence knows:
                    # "in Lima-San Juan de Lurigancho, Lima Province, a riot ... in Miguel Castro
                    # Castro prison. ... 9 prisoners were killed"
                    chain = _in_largest_unit(chain, pl)
                if scene_country is not None and all(x.country not in (None, scene_country.country) for x in chain):
                    return [scene_country]
                return chain
            if scene_country is None:
                scene_country = next((x for x in self._usable(j) if x.level == "country" and not self._adjectival(x, j)
                                      and _COUNTRY_SCENE.match(self.text, self.sents.spans[j][0], x.start)), None)

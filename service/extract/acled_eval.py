"""The ACLED section of `humstat eval`: event totals, dates, places and monthly series measured
on ACLED event notes (../shared/acled-dev/events.csv), read at run time, never copied.

    from service.extract.acled_eval import run
    report = run(Path("../shared"))   # None when the slice is absent

What it measures (printed, and returned as a dict for the quality ratchet):
- Event totals and dates: the official scorer `shared/eval/acled_score.py` (a subprocess, as
  evaluate.py runs score.py) scores `humstat extract` predictions, written with every contract
  field, on the articles it makes itself: once with the published date (= ACLED's event date)
  and once without (`make --no-published`, the date must come from the text).
- Places (`admin1_ok`, `country_ok`): on events with a killed figure, whether the first killed
  figure that carries a place (text order) is in ACLED's admin1 / country. See `place_matches`
  for the matching rule. `admin1_any_ok` (and `admin1_any_myanmar_ok`, the Myanmar notes alone)
  does the same over events with a figure of any metric: the Myanmar notes code no deaths.
- Series (`wape_country`, `wape_admin1`): the notes are ingested (published = event date)
  into a temporary in-memory store through the normal ingest path; the product's monthly
  `killed` series (service.query.series.series) per country and per admin1 are compared with
  ACLED's fatality sums per (place, month), coding-remark rows set aside with the scorer's own
  REMARK pattern. WAPE = sum|pred - true| / sum(true). A slice (`origin`) coded 0 everywhere
  (Myanmar 2021) has no WAPE: its predicted deaths are reported as false-alarm deaths instead.
"""
from __future__ import annotations

import difflib
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import polars as pl

EVENTS_REL = "acled-dev/events.csv"
SCORER_REL = "eval/acled_score.py"

# Words that name the kind of unit, not the unit: "Donetsk Oblast" and ACLED's "Donetsk" are
# one place. "city" is not among them: "Mexico City" and the State of Mexico are two places.
_TYPE_WORDS = frozenset({
    "state", "region", "province", "oblast", "governorate", "division", "prefecture", "county",
    "department", "municipality", "territory", "district", "republic", "autonomous", "emirate",
    "wilaya", "voivodeship", "canton", "parish", "zone", "of", "the",
})
_TOKEN = re.compile(r"[^\W_]+")
# Letters NFKD does not take apart: Turkish dotless i, Nordic and Slavic letters with strokes.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"})
# Arabic article forms that transliterations write or drop at will ("Ar-Raqqa" = "Raqqa").
_ARTICLES = frozenset({"al", "ar", "as", "ad", "an", "ash", "at", "az", "el"})
# ACLED splits two Myanmar states into parts ("Shan-North", "Bago-East"); ISO 3166-2 has the
# whole state only (MM-17), so the part also matches its whole state by name.
_PART = re.compile(r"[-\s(]+(north|south|east|west)\)?\s*$", re.I)


# --------------------------------------------------------------------------- names


def fold_key(name: str | None, *, strip_types: bool = True) -> str:
    """A place name for comparison: accents folded ("Ağrı" -> "agri"), case folded, punctuation
    dropped, and (with strip_types) unit-type words and a leading Arabic article dropped unless
    nothing else is left ("Ar-Raqqa" -> "raqqa", "Donetsk Oblast" -> "donetsk")."""
    if not name:
        return ""
    flat = "".join(c for c in unicodedata.normalize("NFKD", name.translate(_LETTERS))
                   if unicodedata.category(c) not in ("Mn", "Lm"))
    toks = [t.casefold() for t in _TOKEN.findall(flat)]
    if strip_types:
        kept = [t for t in toks if t not in _TYPE_WORDS]
        if len(kept) > 1 and kept[0] in _ARTICLES:
            kept = kept[1:]
        toks = kept or toks
    return " ".join(toks)


def whole_state(name: str | None) -> str | None:
    """ACLED's part of a split state, as its whole state ("Shan-North" -> "Shan"); else None."""
    if not name or not _PART.search(name):
        return None
    return _PART.sub("", name).strip() or None


@lru_cache(maxsize=None)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 for an ACLED country name: pycountry's exact lookup, then the
    gazetteer's search (it knows "Ivory Coast", "Democratic Republic of Congo", "Russia"; a
    name it holds as a unit, "Kosovo" = RS-KM, gives that unit's country), then pycountry's
    fuzzy search."""
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        pass
    from service.places.gazetteer import gazetteer

    found = gazetteer().search(name, limit=5)
    for p in found:
        if p.level == "country":
            return p.country
    if found and found[0].level == "admin1":
        return found[0].country
    try:
        return pycountry.countries.search_fuzzy(name)[0].alpha_2
    except LookupError:
        return None


def admin1_table(countries: Iterable[str]) -> pl.DataFrame:
    """The gazetteer's first-level units of these countries, one row per (unit, name key):
    code (the place code a series takes), iso (ISO 3166-2), country, key (types stripped),
    full (the whole name folded), alias (False: the unit's own name); from each unit's name
    and aliases."""
    from service.places.gazetteer import gazetteer

    places = gazetteer().frame().filter(pl.col("level") == "admin1", pl.col("country").is_in(list(countries)))
    # alias=False for the unit's own name: where a name is one unit's name and another's
    # alias ("Sanaa": the governorate; an alias of the capital city's unit), the name wins
    own = places.select("code", pl.col("admin1").alias("iso"), "country", pl.col("name").alias("n"), alias=pl.lit(False))
    other = (places.select("code", pl.col("admin1").alias("iso"), "country", pl.col("aliases").alias("n"), alias=pl.lit(True))
             .explode("n", empty_as_null=False))
    names = pl.concat([own, other]).drop_nulls("n").unique()
    # name folding is Unicode work polars has no expression for: done once per distinct name
    distinct = names.select(pl.col("n").unique())
    keyed = distinct.with_columns(
        pl.col("n").map_elements(fold_key, return_dtype=pl.String).alias("key"),
        pl.col("n").map_elements(lambda s: fold_key(s, strip_types=False), return_dtype=pl.String).alias("full"))
    return (names.join(keyed, on="n").drop("n").filter(pl.col("key") != "")
                 .sort("alias").unique(["code", "key", "full"], keep="first"))


def resolve_admin1(places: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """`places` (country ISO alpha-2 `cc`, ACLED `admin1` name) with `a1_code` (the gazetteer
    unit's place code, None when not found) and `a1_iso` (its ISO 3166-2). Tiers, first hit
    wins, always within the country: the whole folded name ("Mexico City" is not "Mexico");
    the name without type words and article ("Ar-Raqqa" = "Raqqa"); the name as the first
    words of one unit's name ("Michoacan" = "Michoacan de Ocampo"); one unit's name spelled
    nearly alike (difflib ratio >= 0.85, same first letter: "Urozgan" = "Uruzgan", while
    "Western" is not "Eastern"). A name that is one unit's own name and another's alias goes
    to the first; otherwise several fits take the smallest code (exact tiers) or none (loose)."""
    base = places.select("cc", "admin1").unique().with_columns(
        pl.col("admin1").map_elements(lambda s: fold_key(s, strip_types=False), return_dtype=pl.String).alias("_full"),
        pl.col("admin1").map_elements(fold_key, return_dtype=pl.String).alias("_key"))
    ranked = table.sort("alias", "code")  # a unit's own name before an alias, then the smallest code
    by_full = ranked.group_by("country", "full", maintain_order=True).agg(pl.col("code", "iso").first().name.suffix("_1"))
    by_key = ranked.group_by("country", "key", maintain_order=True).agg(pl.col("code", "iso").first().name.suffix("_2"))
    res = (base.join(by_full, left_on=["cc", "_full"], right_on=["country", "full"], how="left")
               .join(by_key, left_on=["cc", "_key"], right_on=["country", "key"], how="left")
               .with_columns(pl.coalesce("code_1", "code_2").alias("a1_code"), pl.coalesce("iso_1", "iso_2").alias("a1_iso")))
    # the loose tiers run on the few distinct names left (a few hundred at most)
    left = res.filter(pl.col("a1_code").is_null() & pl.col("cc").is_not_null() & (pl.col("_key") != ""))
    if left.height:
        units: dict[str, list[tuple[str, str, str]]] = {}
        for cc, key, code, iso in table.select("country", "key", "code", "iso").sort("code").iter_rows():
            units.setdefault(cc, []).append((key, code, iso))
        found = [_loose(key, units.get(cc, [])) for cc, key in left.select("cc", "_key").iter_rows()]
        loose = left.select("cc", "admin1").with_columns(
            pl.Series("l_code", [f[0] if f else None for f in found], dtype=pl.String),
            pl.Series("l_iso", [f[1] if f else None for f in found], dtype=pl.String))
        res = (res.join(loose, on=["cc", "admin1"], how="left", nulls_equal=True)
                  .with_columns(pl.coalesce("a1_code", "l_code").alias("a1_code"), pl.coalesce("a1_iso", "l_iso").alias("a1_iso")))
    res = res.select("cc", "admin1", "a1_code", "a1_iso")
    return places.join(res, on=["cc", "admin1"], how="left", nulls_equal=True)


def _loose(key: str, units: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    """(code, iso) of the one unit whose name starts with `key`'s words, else of the one
    unit whose name is spelled nearly alike; None when none or several fit."""
    prefix = {(code, iso) for k, code, iso in units if k.startswith(key + " ")}
    if len(prefix) == 1:
        return prefix.pop()
    if prefix:
        return None
    scored: dict[tuple[str, str], float] = {}
    for k, code, iso in units:
        if k[:1] == key[:1]:
            r = difflib.SequenceMatcher(None, key, k).ratio()
            if r >= 0.85 and r > scored.get((code, iso), 0.0):
                scored[(code, iso)] = r
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # a tie: no guess
    return ranked[0][0]


# --------------------------------------------------------------------------- places


def place_matches(events: pl.DataFrame, preds: pl.DataFrame, table: pl.DataFrame,
                  metric: str | None = "killed") -> pl.DataFrame:
    """Per event with a killed figure (any figure when `metric` is None): `country_ok` and
    `admin1_ok`.

    events: event_id, cc (ACLED country as ISO alpha-2), admin1 (ACLED's name), a1_iso (ISO
    3166-2 of the unit ACLED's name resolves to, from resolve_admin1; may be null).
    preds: `humstat extract` rows (article_id, metric, char_start, country, admin1, location).
    table: admin1_table(...) of the predicted countries.

    The event's place is that of its first killed figure (text order) naming a country, an
    admin1 or a location; an event whose killed figures name none is wrong on both. Rule:
    - country_ok: the figure's country is ACLED's country (ISO alpha-2).
    - admin1_ok: the figure's ISO 3166-2 admin1 is the unit ACLED's admin1 resolves to, or
      ACLED's admin1 name, folded (case, accents, punctuation, unit-type words: "Donetsk" =
      "Donetsk Oblast" = "donetska oblast"), equals the folded name or an alias of the
      figure's admin1 unit, or the figure's location as written. A part of a split state
      ("Shan-North") also matches its whole state ("Shan State", MM-17), since ISO 3166-2 has
      no finer unit.
    """
    killed = (preds.filter(pl.col("metric") == metric if metric else pl.lit(True))
              .with_columns(pl.any_horizontal(pl.col("country", "admin1", "location").is_not_null()).alias("_placed"))
              .sort("article_id", pl.col("_placed").not_(), "char_start")
              .group_by("article_id", maintain_order=True).first()
              .select(pl.col("article_id").alias("event_id"), pl.col("country").alias("p_cc"),
                      pl.col("admin1").alias("p_a1"), pl.col("location").alias("p_loc")))
    # every folded name of each predicted admin1 unit, as a list per ISO code
    names = table.group_by("iso").agg(pl.col("key").unique().alias("p_names"))
    ev = events.with_columns(
        pl.col("admin1").map_elements(fold_key, return_dtype=pl.String).alias("_key"),
        pl.col("admin1").map_elements(lambda s: fold_key(whole_state(s)), return_dtype=pl.String).alias("_whole"))
    out = (ev.join(killed, on="event_id", how="inner")
             .join(names, left_on="p_a1", right_on="iso", how="left")
             .with_columns(pl.col("p_loc").map_elements(fold_key, return_dtype=pl.String).alias("_loc")))
    in_names = lambda c: pl.col("p_names").list.contains(pl.col(c)).fill_null(False)  # noqa: E731
    admin1_ok = (
        (pl.col("p_a1").is_not_null() & (pl.col("p_a1") == pl.col("a1_iso"))).fill_null(False)
        | (pl.col("_key") != "") & (in_names("_key") | (pl.col("_loc") == pl.col("_key")).fill_null(False))
        | (pl.col("_whole") != "") & (in_names("_whole") | (pl.col("_loc") == pl.col("_whole")).fill_null(False))
    )
    return out.select("event_id", (pl.col("p_cc") == pl.col("cc")).fill_null(False).alias("country_ok"),
                      admin1_ok.alias("admin1_ok"))


# --------------------------------------------------------------------------- series


def compare(truth: pl.DataFrame, pred: pl.DataFrame) -> pl.DataFrame:
    """truth (code, month, true) against pred (code, month, pred), outer-joined: a (place, month)
    only one side has counts 0 on the other (ACLED codes every event, so a month without
    events is 0 deaths; the product's series has no point there, also 0 deaths)."""
    return (truth.join(pred, on=["code", "month"], how="full", coalesce=True)
                 .with_columns(pl.col("true").fill_null(0), pl.col("pred").fill_null(0)))


def wape(frame: pl.DataFrame) -> float | None:
    """sum|pred - true| / sum(true) over the frame's rows; None when there are no true deaths."""
    true = frame["true"].sum()
    if not true:
        return None
    return float((frame["pred"] - frame["true"]).abs().sum()) / float(true)


def product_series(store: Any, codes: Iterable[str]) -> pl.DataFrame:
    """The product's monthly `killed` series at each place code: (code, month, pred)."""
    from service.query.series import series

    rows: list[dict] = []
    for code in sorted(set(codes)):  # one call per place: the product's own definition
        for p in series(store, metric="killed", place=code, interval="month").points:
            rows.append({"code": code, "month": p.period_start, "pred": p.value})
    return pl.DataFrame(rows, schema={"code": pl.String, "month": pl.Date, "pred": pl.Int64})


def monthly_truth(events: pl.DataFrame, key: str) -> pl.DataFrame:
    """ACLED's fatality sums per (place `key`, month): (code, month, true)."""
    return (events.filter(pl.col(key).is_not_null())
                  .group_by(pl.col(key).alias("code"), pl.col("day").dt.truncate("1mo").alias("month"))
                  .agg(pl.col("fatalities").sum().alias("true")))


# --------------------------------------------------------------------------- data


def load_scorer(path: Path) -> ModuleType:
    """The official scorer as a module, for its REMARK pattern (the rows it sets aside)."""
    spec = importlib.util.spec_from_file_location("acled_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_events(path: Path, remark: re.Pattern[str]) -> pl.DataFrame:
    """events.csv without coding-remark rows, with `day` (a Date: ACLED writes both
    2021-01-02T00:00:00Z and 27-Apr-20), integer `fatalities` and `cc` (ISO alpha-2)."""
    ev = pl.read_csv(path, infer_schema_length=0)
    ev = ev.filter(~pl.col("notes").str.contains(remark.pattern if not remark.flags & re.I else "(?i)" + remark.pattern))
    s = pl.col("event_date")
    ev = ev.with_columns(
        pl.coalesce(s.str.strptime(pl.Date, "%Y-%m-%dT%H:%M:%SZ", strict=False),
                    s.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
                    s.str.strptime(pl.Date, "%d-%b-%y", strict=False),
                    s.str.strptime(pl.Date, "%d %B %Y", strict=False)).alias("day"),
        pl.col("fatalities").cast(pl.Int64, strict=False).fill_null(0),
        pl.col("event_id_cnty").alias("event_id"),
    )
    codes = pl.DataFrame({"country": ev["country"].unique().to_list()}).with_columns(
        pl.col("country").map_elements(country_code, return_dtype=pl.String).alias("cc"))
    return ev.join(codes, on="country", how="left")


# --------------------------------------------------------------------------- run


def _scorer(shared: Path, *args: str) -> str:
    cmd = [sys.executable, str(shared / SCORER_REL), *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def run(shared: Path, *, out: IO[str] = sys.stdout, dump: str | None = None,
        predict: Callable[[Path], list[dict]] | None = None) -> dict | None:
    """Measure the extractor and the series on the ACLED slice; print the section to `out`.

    Returns {"exact", "false_alarm_rate", "date_ok", "date_ok_no_published", "admin1_ok",
    "admin1_any_ok", "admin1_any_myanmar_ok", "country_ok", "wape_country", "wape_admin1", "myanmar_false_alarm_deaths", ...} or None
    (after one line saying why) when events.csv or the scorer is absent.
    """
    shared = Path(shared)
    events_path, scorer_path = shared / EVENTS_REL, shared / SCORER_REL
    if not events_path.exists() or not scorer_path.exists():
        missing = events_path if not events_path.exists() else scorer_path
        print(f"== acled == skipped: {missing} not found (the ACLED slice lives in ../shared, never in the repo)", file=out)
        return None
    if predict is None:
        from service.extract.evaluate import predict
    from service.extract import EXTRACTOR_VERSION

    timings: dict[str, float] = {}
    t_all = time.perf_counter()
    res: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(dump) if dump else Path(tmp)
        preds_pub: list[dict] = []
        for tag, flags in (("published", []), ("no_published", ["--no-published"])):
            arts = Path(tmp) / f"acled_articles_{tag}.jsonl"
            t = time.perf_counter()
            _scorer(shared, "make", str(events_path), str(arts), *flags)
            t1 = time.perf_counter()
            # the figures a conflict series counts: a disaster's, an accident's or an illness's
            # dead (cause, service/extract/frames/cause.py) are no political violence to ACLED; a
            # claim the note says is denied or not confirmed counts as the series counts it, 0
            # (sql/views.sql series_amount)
            rows = [{**r, "value": 0} if r.get("disputed") else r
                    for r in predict(arts) if r.get("cause", "conflict") == "conflict"]
            t2 = time.perf_counter()
            pred = base / ("acled_pred.jsonl" if tag == "published" else "acled_pred_no_published.jsonl")
            _write(rows, pred)
            rep = json.loads(_scorer(shared, "score", str(events_path), str(pred), "--json"))
            timings[f"extract_{tag}"] = t2 - t1
            timings[f"make_score_{tag}"] = time.perf_counter() - t2 + (t1 - t)
            if tag == "published":
                preds_pub, arts_pub = rows, Path(tmp) / "acled_articles_ingest.jsonl"
                arts.rename(arts_pub)  # kept for the ingest below (the same articles, published = event date)
                res.update(exact=rep["exact_rate"], false_alarm_rate=rep["false_alarm_rate"],
                           date_ok=rep["event_date_rate"], official=rep)
            else:
                res.update(date_ok_no_published=rep["event_date_rate"], exact_no_published=rep["exact_rate"],
                           official_no_published=rep)

        t = time.perf_counter()
        events = read_events(events_path, load_scorer(scorer_path).REMARK)
        pred_frame = pl.DataFrame(preds_pub, infer_schema_length=None) if preds_pub else pl.DataFrame(
            schema={"article_id": pl.String, "metric": pl.String, "char_start": pl.Int64, "country": pl.String,
                    "admin1": pl.String, "location": pl.String})
        countries = set(events["cc"].drop_nulls().to_list()) | set(pred_frame["country"].drop_nulls().to_list())
        table = admin1_table(countries)
        events = resolve_admin1(events, table)
        places = place_matches(events.select("event_id", "cc", "admin1", "a1_iso"), pred_frame, table)
        n_placed = places.height
        res["admin1_ok"] = round(places["admin1_ok"].mean(), 3) if n_placed else 0.0
        res["country_ok"] = round(places["country_ok"].mean(), 3) if n_placed else 0.0
        res["place_events"] = n_placed
        # the place of any figure: the Myanmar notes (no deaths) and the injured, displaced,
        # detained of every note say where as much as the dead do
        anyp = place_matches(events.select("event_id", "cc", "admin1", "a1_iso"), pred_frame, table, metric=None)
        res["admin1_any_ok"] = round(anyp["admin1_ok"].mean(), 3) if anyp.height else 0.0
        mm = anyp.join(events.filter(pl.col("cc") == "MM").select("event_id"), on="event_id")
        res["admin1_any_myanmar_ok"] = round(mm["admin1_ok"].mean(), 3) if mm.height else 0.0
        res["place_events_any"], res["place_events_any_myanmar"] = anyp.height, mm.height
        timings["places"] = time.perf_counter() - t

        res.update(_series(events, arts_pub, timings, out))
    timings["total"] = time.perf_counter() - t_all
    res["timings"] = {k: round(v, 2) for k, v in timings.items()}
    _print(res, EXTRACTOR_VERSION, out)
    return res


def _series(events: pl.DataFrame, articles: Path, timings: dict[str, float], out: IO[str]) -> dict[str, Any]:
    """Ingest the notes into a temporary store and compare the product's monthly series with
    ACLED's per country and per admin1 (see the module docstring)."""
    from service.articles import readers
    from service.ingest import ingest
    from service.store.db import open_store

    t = time.perf_counter()
    store = open_store(":memory:")  # temporary: gone with the process, nothing on disk
    try:
        # jobs=1: the eval shares two cores; extraction of the notes takes a few seconds anyway
        report = ingest(store, readers.read_jsonl(articles), kind="ingest", origin="humstat eval (ACLED)",
                        batch_size=1000, jobs=1)
        timings["ingest"] = time.perf_counter() - t
        t = time.perf_counter()
        with store.read() as cur:
            stored = cur.execute(
                "SELECT DISTINCT split_part(place_path, '/', 1) AS cc, split_part(place_path, '/', 2) AS a1 "
                "FROM figures WHERE metric = 'killed' AND version_to IS NULL AND place_path IS NOT NULL").pl()
        # A slice (origin) ACLED coded 0 everywhere has no WAPE; its countries are set apart.
        zero = events.group_by("origin").agg(pl.col("fatalities").sum().alias("f"), pl.col("cc").unique())
        zero_cc = set(zero.filter(pl.col("f") == 0).explode("cc", empty_as_null=False)["cc"].drop_nulls().to_list())
        live = events.filter(~pl.col("cc").is_in(list(zero_cc)))
        from service.places.gazetteer import gazetteer

        gaz = gazetteer()
        stored_a1 = {c for c in stored["a1"].to_list() if c and (p := gaz.get(c)) and p.level == "admin1"}
        cc_codes = (set(live["cc"].drop_nulls().to_list()) | set(stored["cc"].drop_nulls().to_list())) - zero_cc - {""}
        a1_codes = (set(live["a1_code"].drop_nulls().to_list())
                    | {c for c in stored_a1 if gaz.get(c).country not in zero_cc})
        zero_a1 = set(events.filter(pl.col("cc").is_in(list(zero_cc)))["a1_code"].drop_nulls().to_list())
        pred = product_series(store, cc_codes | zero_cc | a1_codes | zero_a1)
    finally:
        store.close()
    by_cc = compare(monthly_truth(live, "cc").filter(pl.col("code").is_in(list(cc_codes))),
                    pred.filter(pl.col("code").is_in(list(cc_codes))))
    by_a1 = compare(monthly_truth(live, "a1_code"), pred.filter(pl.col("code").is_in(list(a1_codes))))
    # each admin1 row's country, for the per-country admin1 WAPE
    a1_cc = pl.DataFrame({"code": sorted(a1_codes), "cc": [gaz.get(c).country for c in sorted(a1_codes)]},
                         schema={"code": pl.String, "cc": pl.String})
    by_a1 = by_a1.join(a1_cc, on="code", how="left")
    worst = by_cc.with_columns((pl.col("pred") - pl.col("true")).abs().alias("err")).sort("err", descending=True).head(1)
    top = (live.group_by("cc").agg(pl.col("fatalities").sum().alias("deaths"), pl.col("country").first())
               .sort("deaths", "cc", descending=[True, False]).head(5))
    per_country = []
    for cc, name, deaths in top.select("cc", "country", "deaths").iter_rows():
        c = by_cc.filter(pl.col("code") == cc)
        a = by_a1.filter(pl.col("cc") == cc)
        per_country.append({"country": name, "cc": cc, "true": int(deaths), "pred": int(c["pred"].sum()),
                            "wape_country": wape(c), "wape_admin1": wape(a)})
    # the unresolved share: ACLED deaths in admin1 names the gazetteer does not know are left
    # out of the admin1 comparison (printed so the number is read with it)
    unresolved = live.filter(pl.col("a1_code").is_null() & pl.col("admin1").is_not_null())
    zero_pred = pred.filter(pl.col("code").is_in(list(zero_cc)))
    zero_states = (pred.filter(pl.col("code").is_in(list(zero_a1)))
                       .group_by("code").agg(pl.col("pred").sum()).filter(pl.col("pred") > 0)
                       .sort("pred", "code", descending=[True, False]))
    timings["series"] = time.perf_counter() - t
    return {
        "wape_country": _round4(wape(by_cc)), "wape_admin1": _round4(wape(by_a1)),
        "series_true_deaths": int(by_cc["true"].sum()), "series_pred_deaths": int(by_cc["pred"].sum()),
        "admin1_unresolved_deaths": int(unresolved["fatalities"].sum()),
        "admin1_resolved_units": len(set(live["a1_code"].drop_nulls().to_list())),
        "admin1_names": live.filter(pl.col("admin1").is_not_null()).select("cc", "admin1").n_unique(),
        "top_countries": per_country,
        "worst_cell": {k: str(v) for k, v in worst.row(0, named=True).items()} if worst.height else None,
        "myanmar_false_alarm_deaths": int(zero_pred["pred"].sum()),
        "myanmar_states_with_deaths": {c: int(v) for c, v in zero_states.iter_rows()},
        "myanmar_states_resolved": len(zero_a1),
        "ingest": {"articles": report.new, "duplicates": report.duplicates, "failed": report.failed,
                   "killed_figures": report.figures.get("killed", 0)},
    }


def _round4(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _print(r: dict[str, Any], version: str, out: IO[str]) -> None:
    o, n = r["official"], r["official_no_published"]
    print(f"== acled (extractor {version}) ==", file=out)
    print(f"exact death total {o['exact_total']}/{o['events_with_deaths']} ({r['exact']:.3f}); "
          f"false alarms {o['false_alarms']}/{o['events_coded_zero']} ({r['false_alarm_rate']:.3f}); "
          f"event date right on {r['date_ok']:.3f} with the published date, {r['date_ok_no_published']:.3f} without "
          f"(exact without: {r['exact_no_published']:.3f})", file=out)
    print(f"places (events with a killed figure, n={r['place_events']}): admin1 {r['admin1_ok']:.3f}, "
          f"country {r['country_ok']:.3f}", file=out)
    print(f"places (events with any figure, n={r['place_events_any']}): admin1 {r['admin1_any_ok']:.3f}; "
          f"Myanmar's (n={r['place_events_any_myanmar']}) {r['admin1_any_myanmar_ok']:.3f}", file=out)
    print(f"monthly killed series vs ACLED: WAPE country {_fmt(r['wape_country'])}, admin1 {_fmt(r['wape_admin1'])} "
          f"(deaths {r['series_pred_deaths']} predicted / {r['series_true_deaths']} ACLED; "
          f"{r['admin1_resolved_units']} of {r['admin1_names']} admin1 names resolved, "
          f"{r['admin1_unresolved_deaths']} deaths in unresolved ones left out)", file=out)
    if r.get("worst_cell"):
        w = r["worst_cell"]
        print(f"  largest error: {w['code']} {w['month'][:7]}: {w['pred']} predicted, {w['true']} ACLED", file=out)
    for c in r["top_countries"]:
        print(f"  {c['country'][:14]:<14} deaths {c['pred']:>4} / {c['true']:>4}  WAPE country {_fmt(c['wape_country'])}"
              f", admin1 {_fmt(c['wape_admin1'])}", file=out)
    states = ", ".join(f"{k} {v}" for k, v in list(r["myanmar_states_with_deaths"].items())[:6])
    print(f"Myanmar 2021 (coded 0 everywhere, no WAPE): false-alarm deaths {r['myanmar_false_alarm_deaths']}"
          + (f" ({states})" if states else "") + f"; {r['myanmar_states_resolved']} states resolved", file=out)
    ing, t = r["ingest"], r["timings"]
    print(f"ingest: {ing['articles']} notes, {ing['duplicates']} duplicate content, {ing['failed']} failed, "
          f"{ing['killed_figures']} killed figures", file=out)
    print("timings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in t.items()), file=out)
    print(file=out)

"""Regenerate admin1_en.csv: English names of first-level subdivisions, with GeoNames' admin1 code.

pycountry carries ISO 3166-2 names in local forms ("Shamāl Sīnā'", "Uruzgān"); news and event
notes write English exonyms ("North Sinai", "Urozgan"). The npm package iso3166-2-db (MIT,
esosedi/3166) ships each subdivision's English name from Wikipedia/OpenStreetMap with its ISO
code and GeoNames admin1 code. Run once by hand when updating; nothing downloads at run time:

    npm pack iso3166-2-db@2.3.11 && tar xzf iso3166-2-db-2.3.11.tgz
    python service/places/data/make_admin1_en.py package/regions > service/places/data/admin1_en.csv
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # run as a script from anywhere
from service.places.build import _PAREN, _core, first_level_subdivisions, fold  # noqa: E402


def _key(name: str) -> str:
    """A subdivision's name without accents, case and type words ("Zacapa Department" -> "zacapa")."""
    return _core(fold(_PAREN.sub("", name))).casefold()


def rows(regions: Path) -> list[dict[str, str]]:
    units = first_level_subdivisions()
    first_level = {s.code for s in units}
    # where ISO renumbered a country's subdivisions after the package's data (Guatemala's
    # "GT-ZA" is ISO's "GT-19" now) or the package has no ISO code, the record's English name
    # finds the unit: the one unit of the country with that name
    by_name: dict[tuple[str, str], list[str]] = {}
    for u in units:
        by_name.setdefault((u.country_code, _key(u.name)), []).append(u.code)
    by_code: dict[str, dict[str, str]] = {}
    for path in sorted(regions.glob("*/en.json")):
        cc = path.parent.name
        if cc == "MM":  # MIMU's own English names cover Myanmar
            continue
        records = json.loads(path.read_text(encoding="utf-8"))
        direct = {f"{cc}-{r.get('iso') or ''}" for r in records} & first_level
        for r in records:
            code = f"{cc}-{r.get('iso') or ''}"
            name = (r.get("name") or "").strip()
            if code not in first_level and name:
                found = [c for c in by_name.get((cc, _key(name)), []) if c not in direct]
                code = found[0] if len(found) == 1 else code
            if code not in first_level or not name:
                continue
            row = by_code.setdefault(code, {"iso_3166_2": code, "country": cc, "name_en": name,
                                            "alt_names": "", "geonames_admin1": r.get("admin") or ""})
            if name != row["name_en"]:  # a second record of one code ("Oruzgan", "Urozgan Province")
                alts = [a for a in row["alt_names"].split("|") if a]
                row["alt_names"] = "|".join(sorted({*alts, name}))
    return [by_code[k] for k in sorted(by_code)]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = csv.DictWriter(sys.stdout, ["iso_3166_2", "country", "name_en", "alt_names", "geonames_admin1"],
                         lineterminator="\n")
    out.writeheader()
    out.writerows(rows(Path(argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

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
from service.places.build import first_level_subdivisions  # noqa: E402


def rows(regions: Path) -> list[dict[str, str]]:
    first_level = {s.code for s in first_level_subdivisions()}
    by_code: dict[str, dict[str, str]] = {}
    for path in sorted(regions.glob("*/en.json")):
        cc = path.parent.name
        if cc == "MM":  # MIMU's own English names cover Myanmar
            continue
        for r in json.loads(path.read_text(encoding="utf-8")):
            code = f"{cc}-{r.get('iso') or ''}"
            name = (r.get("name") or "").strip()
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

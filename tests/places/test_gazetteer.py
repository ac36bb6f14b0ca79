"""Gazetteer: records, hierarchy and the place-name matcher. Sentences are our own."""
from __future__ import annotations


import pytest

from service.places import Gazetteer, Place, PlaceMention, country_of_text, gazetteer


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return gazetteer()


def found(g: Gazetteer, text: str, **kw) -> list[tuple[str, str]]:
    ms = g.find(text, **kw)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.place.code) for m in ms]


# ---------------------------------------------------------------- records and hierarchy
def test_singleton_is_cached(g: Gazetteer) -> None:
    assert gazetteer() is g


def test_myanmar_township_record(g: Gazetteer) -> None:
    p = g.get("MMR003007")
    assert p is not None and p.name == "Kyainseikgyi" and p.level == "township"
    assert p.country == "MM" and p.admin1 == "MM-13" and p.admin1_pcode == "MMR003"
    assert p.parent_code == "MMR003D003"
    assert p.path == "MM/MMR003/MMR003D003/MMR003007/"
    assert p.lat is not None and p.lon is not None


def test_town_under_its_township(g: Gazetteer) -> None:
    town = g.get("MMR003005701")  # Myawaddy town
    assert town is not None and town.level == "town" and town.parent_code == "MMR003005"
    assert g.get("MMR003005").contains(town)
    assert [a.code for a in g.ancestors(town)] == ["MM", "MMR003", "MMR003D002", "MMR003005", "MMR003005701"]


def test_split_states_have_one_parent_unit(g: Gazetteer) -> None:
    shan = g.get("MM-17")
    assert shan is not None and shan.name == "Shan State" and shan.level == "admin1"
    parts = {c.code for c in g.children("MM-17")}
    assert parts == {"MMR014", "MMR015", "MMR016"}
    lashio = g.get("MMR015001")
    assert lashio.path.startswith(shan.path) and lashio.admin1 == "MM-17"
    bago = g.get("MM-02")
    assert {c.code for c in g.children("MM-02")} == {"MMR007", "MMR008"}
    assert bago.name == "Bago Region"


def test_iso_codes_of_myanmar_states_resolve_to_mimu(g: Gazetteer) -> None:
    assert g.get("MM-13").code == "MMR003"
    assert g.get("mmr003").code == "MMR003"
    assert g.get("MMR").code == "MM"  # alpha-3


def test_every_path_prefix_selects_exactly_descendants(g: Gazetteer) -> None:
    df = g.frame()
    assert df.height == len(g)
    paths = df["path"].to_list()
    codes = df["code"].to_list()
    assert len(set(codes)) == len(codes)
    by_code = dict(zip(codes, paths))
    for code, path in zip(codes, paths):
        assert path.endswith(code + "/")
        parts = path.rstrip("/").split("/")
        # every ancestor in the path exists, and the parent is the one before last
        assert all(a in by_code for a in parts)
    # "GN:123/" must not select "GN:1234/": trailing slash makes prefixes exact
    kayin = by_code["MMR003"]
    below = [c for c, p in zip(codes, paths) if p.startswith(kayin)]
    assert all(g.get(c).admin1_pcode == "MMR003" for c in below)
    assert len(below) > 7 + 1


def test_frame_columns(g: Gazetteer) -> None:
    df = g.frame()
    assert df.columns == ["code", "name", "level", "country", "admin1", "admin1_pcode",
                          "parent_code", "path", "lat", "lon", "aliases"]
    assert set(df["level"].unique().to_list()) == {"country", "admin1", "district", "township", "town"}
    row = df.filter(df["code"] == "MMR003").row(0, named=True)
    assert "Karen State" in row["aliases"]


def test_countries_and_subdivisions_everywhere(g: Gazetteer) -> None:
    assert g.get("SD").name == "Sudan"
    assert g.get("UA-63").name == "Kharkiv Oblast"
    assert g.get("SD-DN").level == "admin1" and g.get("SD-DN").parent_code == "SD"
    assert g.get("PS").name == "Palestine"


def test_border_places(g: Gazetteer) -> None:
    mae_sot = g.search("Mae Sot")[0]
    assert mae_sot.country == "TH" and mae_sot.admin1 == "TH-63" and mae_sot.level == "town"
    assert mae_sot.path.startswith("TH/TH-63/")
    tpp = [p for p in g.search("Three Pagodas Pass") if p.country == "TH"]
    assert tpp and tpp[0].code.startswith("BP:")


# ---------------------------------------------------------------- search
def test_search_exact_name_first(g: Gazetteer) -> None:
    assert g.search("kayin state")[0].code == "MMR003"
    assert g.search("Karen")[0].code == "MMR003"
    assert g.search("MMR003005")[0].code == "MMR003005"
    assert g.search("myanmar")[0].code == "MM"
    assert len(g.search("a", limit=5)) <= 5
    assert g.search("") == []


# ---------------------------------------------------------------- matching
def test_township_then_state(g: Gazetteer) -> None:
    assert found(g, "Fighting near Kyainseikgyi Township, Karen State, went on.") == [
        ("Kyainseikgyi Township", "MMR003007"), ("Karen State", "MMR003")]


def test_aliases_and_plural_type_words(g: Gazetteer) -> None:
    text = "Clashes hit Mon and Karen states, and Magwe, Sagaing and Irrawaddy regions."
    assert found(g, text) == [("Mon", "MMR011"), ("Karen states", "MMR003"),
                              ("Magwe", "MMR009"), ("Sagaing", "MMR005"),
                              ("Irrawaddy regions", "MMR017")]


def test_region_suffix_and_bare_state(g: Gazetteer) -> None:
    assert found(g, "Troops entered Sagaing Region.") == [("Sagaing Region", "MMR005")]
    assert found(g, "Villagers in Sagaing fled.") == [("Sagaing", "MMR005")]


def test_cities_versus_regions(g: Gazetteer) -> None:
    assert found(g, "Protests in Yangon and Mandalay Region.") == [
        ("Yangon", "MMR013000777"), ("Mandalay Region", "MMR010")]


def test_whole_shan_and_its_parts(g: Gazetteer) -> None:
    assert found(g, "Both Shan State and northern Shan were hit.") == [
        ("Shan State", "MM-17"), ("northern Shan", "MMR015")]
    assert found(g, "displaced in Shan (South) and Bago (East)") == [
        ("Shan (South)", "MMR014"), ("Bago (East)", "MMR007")]
    assert found(g, "in northern and southern Shan State") == [
        ("northern", "MMR015"), ("southern Shan State", "MMR014")]


def test_thai_border_and_border_town(g: Gazetteer) -> None:
    res = found(g, "Soldiers crossed the Thai border near Mae Sot, Thailand.")
    assert res[0] == ("Thai border", "TH")
    assert res[1][0] == "Mae Sot" and g.get(res[1][1]).country == "TH"
    assert res[2] == ("Thailand", "TH")
    assert found(g, "Thai officials said nothing.") == []
    assert [c for _, c in found(g, "along the Thai-Myanmar border")] == ["TH", "MM"]


def test_organisations_and_people_are_not_places(g: Gazetteer) -> None:
    assert found(g, "The Kachin Independence Army and the Arakan Army signed.") == []
    assert found(g, "Senior General Min Aung Hlaing spoke.") == []
    assert found(g, "She told Myanmar Now that the Karen National Union agreed.") == []
    assert found(g, "A villager, U Kyaw, said Kyaw Soe was hurt.") == []


def test_ordinary_words_do_not_match(g: Gazetteer) -> None:
    text = ("Mission staff said the victory was bittersweet. Victoria, a nurse, said Save "
            "the Children helped. Police said Most of Reading was calm. Of the dead, many were old.")
    assert found(g, text) == []
    assert found(g, "the mission in mandalay") == []  # lowercase names are not names


def test_the_irrawaddy_is_a_magazine(g: Gazetteer) -> None:
    assert found(g, "according to The Irrawaddy, in Irrawaddy Region") == [
        ("Irrawaddy Region", "MMR017")]


def test_world_places(g: Gazetteer) -> None:
    res = found(g, "Shelling hit Kharkiv and the Kharkiv region; Donetsk and Luhansk regions too.")
    codes = [c for _, c in res]
    assert g.get(codes[0]).level == "town" and g.get(codes[0]).country == "UA"
    assert codes[1:] == ["UA-63", "UA-14", "UA-09"]
    assert found(g, "in El-Fasher, North Darfur")[1] == ("North Darfur", "SD-DN")
    assert g.get(found(g, "in El-Fasher, North Darfur")[0][1]).country == "SD"
    assert found(g, "Gaza, the Gaza Strip and the West Bank") == [
        ("Gaza", "PS"), ("Gaza Strip", "PS"), ("West Bank", "PS")]
    assert [c for _, c in found(g, "DR Congo, the DRC, Burma, Syria, Ivory Coast, Türkiye, the UK and the US")] == [
        "CD", "CD", "MM", "SY", "CI", "TR", "GB", "US"]
    assert found(g, "fighting in South and North Kivu provinces") == [
        ("South", "CD-SK"), ("North Kivu provinces", "CD-NK")]


def test_common_word_subdivisions_need_a_type_word(g: Gazetteer) -> None:
    assert found(g, "Northern villages were calm, the Centre said.") == []
    assert ("Northern State", "SD-NO") in found(g, "Refugees reached Sudan's Northern State.")


def test_a_subdivisions_own_type_word_tells_homonyms_apart(g: Gazetteer) -> None:
    # Nigeria's Plateau State and Benin's Plateau department share their bare name
    assert found(g, "Gunmen attacked villages in Plateau State.") == [("Plateau State", "NG-PL")]
    assert found(g, "in Bokkos, Plateau state, on Sunday") == [("Plateau state", "NG-PL")]
    assert found(g, "floods in the Plateau Department") == [("Plateau Department", "BJ-PL")]
    assert found(g, "Fighting near the plateau.") == []


def test_spacing_variants(g: Gazetteer) -> None:
    assert found(g, "fighting in Kyain Seik Gyi township") == [("Kyain Seik Gyi township", "MMR003007")]
    assert found(g, "in Hpa-an and Pa-an") == [("Hpa-an", "MMR003001"), ("Pa-an", "MMR003001")]


def test_context_country_breaks_ties(g: Gazetteer) -> None:
    # Tripoli exists in Libya and Lebanon
    lb = found(g, "Shelling near Tripoli.", context_country="LB")
    ly = found(g, "Shelling near Tripoli.", context_country="LY")
    assert g.get(lb[0][1]).country == "LB" and g.get(ly[0][1]).country == "LY"


def test_mentions_are_ordered_and_disjoint(g: Gazetteer) -> None:
    ms = g.find("Yangon, Mandalay, Kachin State, Hpakant Township and Thailand")
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    assert all(isinstance(m, PlaceMention) and isinstance(m.place, Place) for m in ms)


def test_country_of_text() -> None:
    assert country_of_text("Junta troops burned homes in Kanbalu Township, Sagaing Region. "
                           "Some fled to Thailand.") == "MM"
    assert country_of_text("Shelling in Kharkiv and Donetsk regions killed five.") == "UA"
    assert country_of_text("Nothing here names a place.") is None


def test_ethnic_names_need_a_type_word(g: Gazetteer) -> None:
    assert found(g, "Karen refugees and Mon villagers met.") == []
    assert found(g, "They fled Karen State for Mon State.") == [
        ("Karen State", "MMR003"), ("Mon State", "MMR011")]
    assert found(g, "Fighting in Karenni continued.") == [("Karenni", "MMR002")]


def test_demonym_border_phrases(g: Gazetteer) -> None:
    assert found(g, "They reached the Burmese border and then the Chinese side.") == [
        ("Burmese border", "MM"), ("Chinese side", "CN")]


def test_type_word_selects_level(g: Gazetteer) -> None:
    res = found(g, "Hpapun District, Hpapun Township and Hpapun Town")
    assert res[:2] == [("Hpapun District", "MMR003D004"), ("Hpapun Township", "MMR003003")]
    assert res[2][0] == "Hpapun Town"
    town = g.get(res[2][1])
    assert town.level == "town" and town.parent_code == "MMR003003"
    assert found(g, "Villagers fled Hpapun.") == [("Hpapun", "MMR003003")]  # bare: township
    assert found(g, "the province of Hama") == [("Hama", "SY-HM")]
    assert g.get(found(g, "in the city of Hama")[0][1]).level == "town"


def test_world_towns_sit_under_their_subdivision(g: Gazetteer) -> None:
    fasher = g.get(found(g, "in El Fasher")[0][1])
    assert fasher.admin1 == "SD-DN" and fasher.path == f"SD/SD-DN/{fasher.code}/"
    goma = g.get(found(g, "in Goma")[0][1])
    assert goma.admin1 == "CD-NK"
    assert g.get("SD-DN").contains(fasher)


def test_palestinian_towns_sit_under_their_governorate(g: Gazetteer) -> None:
    # GeoNames groups Palestine's towns as "West Bank" and "Gaza" only: the governorate is ours
    for text, a1 in [("in Jenin", "PS-JEN"), ("in Khan Younis", "PS-KYS"), ("in Jabalia", "PS-NGZ"),
                     ("in Nablus", "PS-NBS"), ("in Rafah", "PS-RFH"), ("in Hebron", "PS-HBN")]:
        town = g.get(found(g, text, context_country="PS")[0][1])
        assert town.level == "town" and town.admin1 == a1, (text, town)
        assert g.get(a1).contains(town)


def test_conflict_town_spellings(g: Gazetteer) -> None:
    for name, cc in [("Geneina", "SD"), ("Avdiivka", "UA"), ("Deir al-Balah", "PS"),
                     ("Mekelle", "ET"), ("Sievierodonetsk", "UA"), ("Khan Younis", "PS")]:
        res = found(g, f"Shelling hit {name} again.")
        assert len(res) == 1 and res[0][0] == name and g.get(res[0][1]).country == cc, (name, res)


def test_foreign_homonyms_need_their_country(g: Gazetteer) -> None:
    # small foreign towns whose names are also personal names are dropped unless the
    # text mentions their country
    assert found(g, "A teacher, Soe, said the school in Kanbalu burned.") == [("Kanbalu", "MMR005007")]
    assert found(g, "The Sydney Morning Herald reported the toll.") == []


def test_all_caps_datelines(g: Gazetteer) -> None:
    assert [c for _, c in found(g, "BANGKOK (Reuters) - Myanmar troops")] [1] == "MM"
    assert found(g, "MON State") == []  # shouting short words are not names


def test_frame_loads_into_duckdb_and_prefix_selects_descendants(g: Gazetteer) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    df = g.frame()
    con.register("df", df)
    con.execute("CREATE TABLE places AS SELECT * FROM df")
    shan_path = g.get("MM-17").path
    n_shan = con.execute("SELECT count(*) FROM places WHERE path LIKE ? || '%'", [shan_path]).fetchone()[0]
    n_parts = sum(con.execute("SELECT count(*) FROM places WHERE path LIKE ? || '%'",
                              [g.get(c).path]).fetchone()[0] for c in ("MMR014", "MMR015", "MMR016"))
    assert n_shan == n_parts + 1  # the three MIMU parts and everything under them, plus itself
    row = con.execute("SELECT level, admin1, aliases FROM places WHERE code = 'MMR009'").fetchone()
    assert row[0] == "admin1" and row[1] == "MM-03" and "Magwe" in row[2]


def test_regions_resolve_to_the_unit_containing_them(g: Gazetteer) -> None:
    assert found(g, "Refugees from Darfur reached camps; North Darfur is besieged.") == [
        ("Darfur", "SD"), ("North Darfur", "SD-DN")]
    assert found(g, "Shelling across the Donbas.") == [("Donbas", "UA")]


def test_find_properties_on_arbitrary_text(g: Gazetteer) -> None:
    """Offsets are exact, mentions ordered and disjoint, whatever the input."""
    pytest.importorskip("hypothesis")
    from hypothesis import given, settings, strategies as st

    words = st.sampled_from(["Yangon", "Karen", "State", "states", "and", "Mon", ",", "the",
                             "Thai", "border", "U", "Kyaw", "Hpa-an", "(", ")", "South",
                             "North", "Kivu", "’s", "MYANMAR", "Gaza", "Strip", "\n", "Mae",
                             "Sot", "ၶ", "Zalingei", "province", "of", "Hama", "."])

    @settings(max_examples=200, deadline=None)
    @given(st.lists(words, max_size=30), st.sampled_from([" ", "", "  "]))
    def check(parts: list[str], sep: str) -> None:
        text = sep.join(parts)
        ms = g.find(text)
        for m in ms:
            assert text[m.start:m.end] == m.text and m.start < m.end
        assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))

    check()


def test_degenerate_inputs(g: Gazetteer) -> None:
    assert g.find("") == [] and g.find("   \n") == [] and g.find("၁၂၃ ရန်ကုန်") == []
    assert g.get("") is None and g.get("XX-NOPE") is None
    long = "Clashes in Sagaing Region displaced 3,000. " * 2500  # ~100k characters
    assert len(g.find(long)) == 2500


# ---------------------------------------------------------------- the lazy token view is exact
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ["Shan", "State", "northern", "Northern", "nörthern", "central", "Kyain", "Seik", "Gyi", "the", "U", "Kyaw", "MON",
          "Ḩalab", "El-Fasher", "of", ",", ".", "-", "’s", "_", "2021", "\n", "Ｎorth", "ſouth", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join))
def test_token_view_and_candidates(text: str) -> None:
    import re

    from service.places.build import norm_token
    from service.places.gazetteer import _DIRECTIONS, Gazetteer

    toks = Gazetteer._tokens(None, text)  # type: ignore[arg-type]
    ref = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+", text)]
    assert [(toks[k].start, toks[k].end, toks[k].raw) for k in range(len(toks))] == ref
    assert toks.candidates() == [k for k, (_, _, r) in enumerate(ref)
                                 if r[0].isupper() or norm_token(r) in _DIRECTIONS]


def test_english_names_of_subdivisions_everywhere(g: Gazetteer) -> None:
    """pycountry has "Shamāl Sīnā'" and "Uruzgān"; English text writes the exonyms."""
    assert found(g, "a raid in Bir Al-Abd, North Sinai, left 18 dead") == [("North Sinai", "EG-SIN")]
    assert found(g, "killed in Chora district, Urozgan.") == [("Urozgan", "AF-URU")]
    assert found(g, "a checkpoint in Diyala Governorate") == [("Diyala Governorate", "IQ-DI")]
    assert g.get("EG-SIN").name == "North Sinai"


def test_geonames_towns_sit_in_their_subdivision(g: Gazetteer) -> None:
    """GeoNames' own admin1 code ties a town to its ISO subdivision (data/admin1_en.csv)."""
    kirkuk = g.get(found(g, "in Kirkuk city")[0][1])
    assert (kirkuk.level, kirkuk.admin1) == ("town", "IQ-KI")
    assert g.get(found(g, "in Maiduguri")[0][1]).admin1 == "NG-BO"


def test_subdivisions_iso_renumbered_still_hold_their_towns(g: Gazetteer) -> None:
    """Where ISO renumbered a country's subdivisions after the English names' source (Guatemala's
    departments) or that source has no ISO code (Chhattisgarh, Gilgit-Baltistan), the English
    name ties the GeoNames admin1 code to the ISO unit (data/make_admin1_en.py)."""
    assert g.get(found(g, "in Guatemala City")[0][1]).admin1 == "GT-01"
    assert g.get(found(g, "in Raipur, Chhattisgarh")[0][1]).admin1 == "IN-CG"
    assert g.get(found(g, "near Gilgit town")[0][1]).admin1 == "PK-GB"


def test_a_type_word_written_first_is_no_part_of_the_name(g: Gazetteer) -> None:
    """"State of Mexico" is Mexico state, "Canton of Bern" is Bern; dropping "City" from "Mexico
    City" leaves no second name "Mexico" for it (a bare "Mexico" is the country)."""
    assert g.get("MX-MEX").name == "Mexico" and g.get("CH-BE").name == "Bern"
    assert "Mexico" not in g.get("MX-CMX").aliases
    assert found(g, "clashes in the State of Mexico") == [("State of Mexico", "MX-MEX")]


def test_the_last_item_of_a_chain_of_unknown_places_is_their_unit(g: Gazetteer) -> None:
    """"Barangay X, Municipality, Province": after places the gazetteer does not know, the chain
    closes on the unit they lie in, where its name is one (the province, not the same-named city)."""
    assert found(g, "On 3 May, in Barangay Malinao, Tulunan, Cotabato, a farmer was shot.") == [("Cotabato", "PH-NCO")]
    assert [c for _, c in found(g, "In Kabul, Afghanistan, a bomb exploded.")][0] != "AF-KAB"  # (a known town stays)


def test_a_name_joined_by_de_is_one_name(g: Gazetteer) -> None:
    """Spanish and Portuguese place names join their parts with "de", "da", "das": "Ecatzingo de
    Hidalgo" is a town of Mexico state, not Hidalgo state, "Vila das Flores" no Flores."""
    assert ("Hidalgo", "MX-HID") not in found(g, "near Ecatzingo de Hidalgo, Mexico, two were killed")
    assert all(n != "Flores" for n, _ in found(g, "in Pacatuba, Ceara, a shooting in Vila das Flores neighborhood"))
    assert found(g, "troops moved into Hidalgo state on Monday") == [("Hidalgo state", "MX-HID")]


def test_a_place_is_read_in_the_unit_written_after_it(g: Gazetteer) -> None:
    """ "Town, Region": the region the writer adds disambiguates the town; a town with no
    reading in that region's country is a local place the gazetteer does not know."""
    assert [g.get(c).country for _, c in found(g, "On 8 May, in Belem, Para, a woman was shot.")] == ["BR", "BR"]
    assert all(g.get(c).country == "MX" for _, c in found(g, "in Rosales, Chihuahua, armed men clashed"))
    assert found(g, "in Santa Fe, Ocotepeque, armed men shot the passengers") == [("Ocotepeque", "HN-OC")]
    # the unit's reading follows a place already read in its country
    assert [t for t, _ in found(g, "in Sittwe, Rakhine State.")] == ["Sittwe", "Rakhine State"]
    assert g.get(found(g, "in Monywa City, Sagaing Region.")[0][1]).level == "town"
    # in the unit, not only in its country: Trindade in Pernambuco (Trindade, Goias is another
    # town); Celaya is read in Guanajuato state, not in Guanajuato city; a name with no reading
    # in the unit is a local place there, and the unit is the place
    assert [g.get(c).admin1 for _, c in found(g, "in Trindade, Pernambuco, two men were killed")] == ["BR-PE", "BR-PE"]
    assert [(g.get(c).level, g.get(c).admin1) for _, c in found(g, "in Celaya, Guanajuato, two men were killed")] == [
        ("town", "MX-GUA"), ("admin1", "MX-GUA")]
    assert found(g, "in Benito Juarez, Nuevo Leon, a man was shot dead") == [("Nuevo Leon", "MX-NLE")]
    # without the comma: a region after a town is no person's second name
    assert [g.get(c).country for _, c in found(g, "in Tijuana Baja California, a man was found dead")][:1] == ["MX"]


def test_a_clause_after_a_place_is_no_apposition(g: Gazetteer) -> None:
    got = found(g, "Following the attack in Dnipro, Russia launched a new wave of drones.")
    assert [g.get(c).country for _, c in got] == ["UA", "RU"]
    assert [g.get(c).country for _, c in found(g, "DR Congo, Burma, Syria and the UK")] == ["CD", "MM", "SY", "GB"]


def test_a_name_shared_abroad_is_not_read_abroad(g: Gazetteer) -> None:
    """A name several countries share, none of them the one the text is about, is a local place."""
    assert found(g, "Gunmen attacked Santa Fe village in Ocotepeque department, Honduras.") == [
        ("Ocotepeque department", "HN-OC"), ("Honduras", "HN")]


def test_a_foreign_name_inside_a_longer_one_is_no_place(g: Gazetteer) -> None:
    # "Jardines la Mesa" is a neighbourhood of Tijuana, not Mesa, Arizona
    got = found(g, "In Tijuana, Baja California, a man was found dead in Colonia Jardines la Mesa.")
    assert {g.get(c).country for _, c in got} == {"MX"}
    # "Qala I Naw" is Badghis's capital, not Qala on Gozo; the name is no evidence of Malta either
    got = found(g, "An airstrike killed at least 10 militants in Laman area of Qala I Naw district, Badghis.")
    assert {g.get(c).country for _, c in got} == {"AF"}
    # nor of its own country when the text names none: "Santa Rosa de Lima" is not Guatemala's Santa Rosa
    assert all(g.get(c).country != "GT" for _, c in found(g, "In Santa Rosa de Lima (La Union), a body was found."))
    # a particle only joins names: "Mandalay" in "the fighting in Mandalay" stays Mandalay
    assert [g.get(c).country for _, c in found(g, "Five people were killed in the fighting in Mandalay.")] == ["MM"]


def test_a_foreign_city_in_a_text_about_another_country_needs_its_country_named(g: Gazetteer) -> None:
    got = found(g, "Gunmen shot and killed a civilian from al Hunaydah in Mansura in Ar-Raqqa.")
    assert {g.get(c).country for _, c in got} == {"SY"}  # not Mansoura in Egypt
    got = found(g, "Refugees from Raqqa reached Mansoura, Egypt, last week.")
    assert "EG" in {g.get(c).country for _, c in got}


def test_a_unit_outvotes_a_town_for_the_texts_country(g: Gazetteer) -> None:
    # one town (Egypt) against one province (Syria): the province is the writer's disambiguation
    assert g._auto_context(g._scan("in Mansura in Ar-Raqqa"), "in Mansura in Ar-Raqqa") == "SY"


def test_a_country_named_for_whose_forces_says_nothing_of_where(g: Gazetteer) -> None:
    # "US forces" does not make the text about the United States: Deir ez-Zor stays
    got = found(g, "US forces shot dead a civilian near a gas field in the eastern countryside of Deir-ez-Zor.")
    assert ("Deir-ez-Zor", "SY") in {(t, g.get(c).country) for t, c in got}
    # a country named as the scene still is one
    assert "IQ" in {g.get(c).country for _, c in found(g, "Two men were killed in Mosul, Iraq.")}


def test_regions_as_their_countries_reports_spell_them(g: Gazetteer) -> None:
    # Cameroon's French region names, read in Cameroon by the town before them (Haiti has a Nord-Ouest)
    assert [g.get(c).admin1 for _, c in found(g, "in Bamenda town (Mezam, Nord-Ouest).")] == ["CM-NW", "CM-NW"]
    assert [g.get(c).admin1 for _, c in found(g, "Port-de-Paix, Nord-Ouest, Haiti")][:2] == ["HT-NO", "HT-NO"]
    assert found(g, "Northwest of the city, troops advanced") == []
    # Somalia's and Libya's as Somali, Libyan and ACLED reports write them
    assert [c for _, c in found(g, "in Qalimow village (Balcad, Middle Shabelle)")] == ["SO-SD"]
    assert [c for _, c in found(g, "in Al Krimiyah (Aljfara).")] == ["LY-JI"]


def test_a_headline_short_name_of_a_country(g: Gazetteer) -> None:
    assert [c for _, c in found(g, "Burkina attack: dozens dead, 200 missing")] == ["BF"]


def test_second_level_units_lie_in_their_first_level_unit() -> None:
    """Provinces and districts under a region (ISO 3166-2 subdivisions with a parent) are places
    of their own, inside that region; a same-named city outranks a one-word province."""
    g = gazetteer()
    for text, code, admin1 in (("in Panglao, Bohol.", "PH-BOH", "PH-07"),
                               ("near Tokabangou (Markoye, Oudalan).", "BF-OUD", "BF-12"),
                               ("in Shailkupa upazila (Jhenaidah).", "BD-23", "BD-D")):
        got = [(m.place.code, m.place.admin1, m.place.level) for m in g.find(text)]
        assert (code, admin1, "district") in got, (text, got)
    assert [m.place.level for m in g.find("Fighting in Cebu left two dead.")] == ["town"]


def test_a_region_named_like_a_big_city_abroad_yields_to_the_city() -> None:
    """ "San Salvador" is El Salvador's capital before the Bahamas' San Salvador Island."""
    assert [m.place.code for m in gazetteer().find("A man was shot in San Salvador.")] == ["GN:3583361"]


def test_a_name_after_a_local_unit_is_a_first_level_unit() -> None:
    """ "Daman district, Kandahar": Afghanistan's province, not India's town, even when nothing
    else in the text names a country."""
    got = [m.place.code for m in gazetteer().find("in the Morghan Qichi village of Daman district, Kandahar.")]
    assert got == ["AF-KAN"]


def test_south_asian_abbreviations_of_first_level_units() -> None:
    g = gazetteer()
    for text, code in (("in Naushera sector area (Rajouri district, J&K) in which", "IN-JK"),
                       ("in Idak area (NW, KPK).", "PK-KP"), ("in Rakh Chikri sector area (Haveli district, AJK)", "PK-JK"),
                       ("beaten to death in Amethi (UP) over a land dispute", "IN-UP"),
                       ("In UP's Ballia district, police said", "IN-UP")):
        assert code in [m.place.code for m in g.find(text)], text
    assert g.find("the kpk said") == []  # (upper case only)
    # an acronym that is an English word too, only where it is no word: not shouted or in a sentence
    assert g.find("Up to 20 people died; the toll went up.") == []
    assert g.find("DEATH TOLL GOES UP IN RAID") == []


def test_a_name_joined_to_another_by_a_hyphenated_particle_is_no_place() -> None:
    """ "Shar-i-Shali" is not Sarh in Chad."""
    got = [m.place.country for m in gazetteer().find("militants at Shar-i-Shali town (Pulwama district, J&K)")]
    assert "TD" not in got


def test_a_town_before_its_second_level_unit() -> None:
    """ "Cebu City, Cebu": the town, in the province; "Monreal, Masbate": no Montreal (a local place
    the gazetteer does not know), Masbate."""
    g = gazetteer()
    assert [(m.text, m.place.level) for m in g.find("in Cebu City, Cebu, a man")] == [("Cebu City", "town"), ("Cebu", "district")]
    assert [m.place.code for m in g.find("in Macarthur, Monreal, Masbate. The firefight")] == ["PH-MAS"]


def test_the_last_item_of_a_bracketed_chain_is_a_first_level_unit_even_an_english_word() -> None:
    """ "(Ethiope East LGA, Delta)", "(Baydhaba, Bay)": Nigeria's Delta State and Somalia's Bay
    region, with no other clue in the text; a lower-case chain names no unit ("(a village, Bay)")
    and the bare words stay words."""
    g = gazetteer()
    assert "NG-DE" in [m.place.code for m in g.find("Traders demonstrated in Abraka (Ethiope East LGA, Delta) over")]
    assert "SO-BY" in [m.place.code for m in g.find("killed a soldier near Mayafulka (Baydhaba, Bay). The victim")]
    assert "SO-BY" in [m.place.code for m in g.find("in Bardaale town (Buur Hakaba,Bay).")]
    assert g.find("shells hit (a village, Bay) yesterday") == []
    assert g.find("A Delta flight landed in the bay.") == []


def test_a_local_unit_word_says_its_country() -> None:
    """ "(Bassa LGA, Plateau)": a Local Government Area is Nigeria's, so Plateau State, not Benin's
    Plateau department."""
    got = [m.place.code for m in gazetteer().find("gunmen killed 1 resident of Miango (Bassa LGA, Plateau)")]
    assert "NG-PL" in got and "BJ-PL" not in got


def test_mexico_city_by_its_former_name() -> None:
    assert "MX-CMX" in [m.place.code for m in gazetteer().find("gunmen killed a man in Iztapalapa, Distrito Federal.")]


def test_first_level_is_the_administration_not_a_grouping(g: Gazetteer) -> None:
    # ISO's first level for Indonesia is island groups and for Uganda four regions; Iraq's
    # Kurdistan Region sits over three governorates. Reports, OCHA and ACLED name the
    # provinces, districts and governorates, so those are the first level here.
    assert found(g, "Clashes in Intan Jaya, Central Papua, and in West Papua.")[-2:] == [
        ("Central Papua", "ID-PT"), ("West Papua", "ID-PB")]
    assert found(g, "in Sulaymaniyah province") == [("Sulaymaniyah province", "IQ-SU")]
    assert g.get("IQ-AR").level == "admin1" and g.get("IQ-KR") is None
    assert found(g, "Two died in Kasese district.") == [("Kasese district", "UG-406")]
    assert g.get("UG-406").parent_code == "UG"
    assert g.get("ID-JW") is None and g.get("ID-JK").name == "Jakarta"
    # towns take the province, not the island group
    jayapura = [c for _, c in found(g, "in Jayapura")]
    assert g.get(jayapura[0]).admin1 == "ID-PA"
    # an administration over administrations stays: France's regions, Serbia's provinces
    assert g.get("FR-IDF").level == "admin1" and g.get("RS-VO").level == "admin1"
    assert found(g, "a raid in the Bangsamoro region") == [("Bangsamoro region", "PH-14")]


def test_a_village_is_no_unit_of_its_name(g: Gazetteer) -> None:
    # Myanmar's villages repeat township names: "Kyauk Tan village" in Sagaing is no part of
    # Yangon's Kyauktan township, nor the town that is that township's seat
    assert found(g, "houses burned in Kyauk Tan village.") == []
    assert found(g, "shelling hit Kyauktan township.") == [("Kyauktan township", "MMR013024")]
    # a plural kind word closes a list, as "states" does
    assert found(g, "in Shwe Ta Chaung and Kyauk Tan villages") == []
    # a populated place that is no unit's seat is still a village's reading
    assert g.first_levels("Hamirpur") == {"IN-UP", "IN-HP"}
    # and a region a headline names its village by: "kills 50 in Sagaing village"
    assert found(g, "airstrike kills 50 in Sagaing village") == [("Sagaing village", "MMR005")]


def test_a_place_in_the_unit_written_after_it(g: Gazetteer) -> None:
    # "X in Y", Y a unit: the writer's own disambiguation, as "X, Y" is. No reading of Myo Thit
    # lies in Momauk Township, so it is a place the gazetteer does not know there
    got = found(g, "in Myo Thit in Momauk Township (Bhamo District, Kachin State)")
    assert got[0] == ("Momauk Township", "MMR001012")
    assert ("Myo Thit", "MMR009005") not in got
    # a reading inside the unit stays
    assert found(g, "killed in Mandalay in Mandalay Region")[0][1].startswith("MMR010")


def test_a_unit_typed_one_letter_wrong_closing_a_chain(g: Gazetteer) -> None:
    # "Samamngan" (Samangan, one letter doubled) closing the chain of an event note that names no
    # country; the same word elsewhere, or a word that is no unit typed wrong, is no place
    got = found(g, "killed in the Rum villages of Dara i Sufi Bala district, Samamngan.")
    assert ("Samamngan", "AF-SAM") in got
    assert found(g, "Samamngan said nothing.") == []
    # ("(Central)" after a town is its first-level unit, as "(Lilongwe, Central)" is: not a typo)
    assert [c for _, c in found(g, "protesters took to the streets in Lilongwe (Central).")][-1] == "MW-C"
    # a country named: its own units only ("Kandhar" is Kandahar typed wrong, in Afghanistan)
    assert ("Kandhaar", "AF-KAN") in found(g, "Troops killed 4 in Maywand district, Kandhaar. Afghanistan's army said so.")


def test_a_town_geonames_writes_with_an_initial_ayn_is_found_as_english_writes_it(g: Gazetteer) -> None:
    """GeoNames has "‘Afrīn" and "‘Anah"; reports write "Afrin" and "Anah"."""
    ms = g.find("the body was found in Qatma in Afrin") + g.find("clashes near Anah in Anbar")
    assert [(m.text, m.place.level, m.place.admin1) for m in ms if m.text in ("Afrin", "Anah")] == [
        ("Afrin", "town", "SY-HL"), ("Anah", "town", "IQ-AN")]

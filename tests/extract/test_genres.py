"""Short hand-written texts in the genres the extractor meets beyond the dev set.

ACLED-style event notes, OCHA situation reports, UN press releases, wire copy, HRW/Amnesty
reports and casualty headlines from Sahel, Sudan, Ukraine, Gaza, DR Congo, Yemen, Syria, Ethiopia
and Myanmar reporting. Every text is written for these tests (no article text is copied).

Each case lists every figure the text states (metric and value, exactly) and the attributes the
text makes certain; negatives list sentences that state no humanitarian figure at all.
"""
from __future__ import annotations

from datetime import date

import pytest

from service.extract import extract_figures

PUB = date(2024, 6, 1)

# (id, text, [expected figures]); each expected figure: metric, value and any attribute to check.
CASES: list[tuple[str, str, list[dict]]] = [
    # --- ACLED-style event notes
    ("acled_note",
     "On 3 March 2024, unidentified gunmen killed 4 civilians in Kaya (Centre-Nord). Fatalities: 4.",
     [dict(metric="killed", value=4, group="civilians", group_class="civilians", country="BF", admin1="BF-05",
           cumulative=False, relation="independent"),
      dict(metric="killed", value=4, quote="Fatalities: 4", relation="restates")]),
    # the age is no count; the man named without a numeral is one victim
    ("age", "A 45-year-old man was killed.", [dict(metric="killed", value=1, implied=True)]),
    ("acled_euphemism_active",
     "The army said it had neutralized 35 terrorists during operations in the Centre-Nord region.",
     [dict(metric="killed", value=35, group="terrorists", group_class="non_state_armed_group",
           claimed_by="The army", country="BF", admin1="BF-05")]),
    ("sahel_attribution_priority",
     "Armed men stormed the village of Tillia, killing 12 people, including five children, and kidnapping "
     "30 women, local sources said. The army said 10 assailants were neutralized.",
     [dict(metric="killed", value=12, claimed_by="local sources"),
      dict(metric="killed", value=5, group="children", group_class="children", claimed_by="local sources"),
      dict(metric="abducted", value=30, group="women", claimed_by="local sources"),
      dict(metric="killed", value=10, group="assailants", group_class="non_state_armed_group", claimed_by="The army")]),
    ("burkina_wire",
     "Suspected jihadists killed 23 soldiers in northern Burkina Faso, the army said on Tuesday.",
     [dict(metric="killed", value=23, group="soldiers", group_class="state_forces", claimed_by="the army",
           country="BF")]),
    ("mali_split_passive",
     "Five soldiers were killed and 12 wounded in the ambush near Mopti.",
     [dict(metric="killed", value=5, group="soldiers", group_class="state_forces", country="ML"),
      dict(metric="injured", value=12, country="ML")]),
    ("participle_pair",
     "Militants attacked a convoy, killing 8 soldiers and wounding 15.",
     [dict(metric="killed", value=8, group="soldiers"), dict(metric="injured", value=15)]),
    ("nigeria_died_injured",
     "Fifteen people died and 40 were injured when a bus hit a landmine in Borno State.",
     [dict(metric="killed", value=15, country="NG", admin1="NG-BO"),
      dict(metric="injured", value=40, country="NG", admin1="NG-BO")]),
    # --- running totals vs incident tolls
    ("gaza_running_toll",
     "The death toll from Israeli strikes on Gaza has risen to 35,000, the health ministry said.",
     [dict(metric="killed", value=35000, cumulative=True, claimed_by="the health ministry", country="PS")]),
    ("incident_toll",
     "The death toll from Monday's attack on the market rose to 12, officials said.",
     [dict(metric="killed", value=12, cumulative=False, claimed_by="officials")]),
    ("incident_toll_quake",
     "The death toll from the earthquake rose to 2,000.",
     [dict(metric="killed", value=2000, cumulative=False)]),
    # "this year" closing a superlative ranks one event in the year; it totals nothing
    ("superlative_this_year",
     "At least 23 civilians were killed in Kyiv on 28 May, making it the deadliest attack on the capital this "
     "year. Last month, 44 worshippers were killed at a mosque in Fambita, in one of the deadliest attacks in "
     "the country this year. More than 1,900 civilians have been killed in the country this year.",
     [dict(metric="killed", value=23, cumulative=False, event_date_start="2024-05-28"),
      dict(metric="killed", value=44, cumulative=False, event_date_start="2024-05-01"),
      dict(metric="killed", value=1900, cumulative=True)]),
    # a breakdown of the dead goes on after "and" with its verb told again
    ("partitive_breakdown_goes_on",
     "Gunmen killed 32 people in Maru on Sunday. Police said 26 of the dead were civilians and 6 were soldiers.",
     [dict(metric="killed", value=32, relation="independent"), dict(metric="killed", value=26, relation="part_of"),
      dict(metric="killed", value=6, relation="part_of")]),
    # headlines: the present tense, and a passive without its auxiliary
    ("headline_present_behead", "Gunmen behead 6 villagers in Muidumbe", [dict(metric="killed", value=6)]),
    ("headline_euphemism_passive", "More than 40 terrorists neutralised in Boulkessi, army says",
     [dict(metric="killed", value=40, qualifier="more than")]),
    ("euphemism_active_agents", "Five soldiers neutralised 40 terrorists near Djibo.", [dict(metric="killed", value=40)]),
    # "Among them", "Of them" and "the number" stand for the people the sentence before counted
    ("among_them_next_sentence",
     "Police recovered 38 bodies from the river. Among them are 11 women and 6 children.",
     [dict(metric="killed", value=38), dict(metric="killed", value=11, relation="part_of"),
      dict(metric="killed", value=6, relation="part_of")]),
    ("of_them_next_sentence",
     "More than 4,000 people crossed into Thailand. Of them, about 1,500 were children.",
     [dict(metric="refugees", value=4000), dict(metric="refugees", value=1500, relation="part_of")]),
    # ... not before counts of something else: the sentenced are no new harm
    ("of_them_sentenced", "A total of 2,665 people have been arrested. Of them, 15 were convicted; 2 to two years in "
                          "prison and 8 to three months.", [dict(metric="detained", value=2665)]),
    ("put_the_number_at",
     "The KNU said more than 600 villagers had crossed into Thailand. Thai authorities put the number at 480.",
     [dict(metric="refugees", value=600, claimed_by="The KNU"),
      dict(metric="refugees", value=480, claimed_by="Thai authorities", relation="independent")]),
    ("mistaken_harm_counts", "An air force strike on bandits mistakenly killed six civilians in Maradun.",
     [dict(metric="killed", value=6)]),
    ("correction_not", "This story has been corrected to show that 48 people were injured, not 84.",
     [dict(metric="injured", value=48)]),
    # South Asian and Central African wire words
    ("decade_of_life", "Two men in their 20s suffered light shrapnel wounds.", [dict(metric="injured", value=2)]),
    ("lost_his_life", "A police constable lost his life in the attack on the checkpoint.",
     [dict(metric="killed", value=1, implied=True)]),
    ("gendarme", "Separatists killed a gendarme in Bamenda on Sunday.", [dict(metric="killed", value=1)]),
    ("euphemism_separatists", "Troops neutralised five separatists near Bamenda.", [dict(metric="killed", value=5)]),
    ("seizing_students", "Gunmen stormed the school, seizing 13 students.", [dict(metric="abducted", value=13)]),
    ("hunger_strike", "A prisoner lost his life on the 60th day of his hunger strike.",
     [dict(metric="killed", value=1, cause="illness")]),
    # lists and coordinations that share one verb
    ("headline_comma_list", "Two soldiers, three militants killed in Kupwara gunfight",
     [dict(metric="killed", value=2), dict(metric="killed", value=3)]),
    ("headline_comma_list_dead", "7 rebels, 2 soldiers dead in Mindanao clash",
     [dict(metric="killed", value=7), dict(metric="killed", value=2)]),
    ("gapped_ordinal", "Two soldiers were killed and a third wounded in the ambush.",
     [dict(metric="killed", value=2), dict(metric="injured", value=1)]),
    ("gapped_another", "Gunmen killed a police officer and injured another on the highway.",
     [dict(metric="killed", value=1), dict(metric="injured", value=1)]),
    ("second_verb_phrase_flee", "The crisis has killed more than 6,500 people and forced over 630,000 others to "
                                "flee their homes.",
     [dict(metric="killed", value=6500), dict(metric="displaced", value=630000)]),
    # a relative clause tells the people's past or their deed; the verb before the count, what happened to them
    ("relative_clause_past", "Authorities released 20 activists who had been detained in Insein prison.",
     [dict(metric="released", value=20)]),
    ("relative_clause_deed", "Police arrested 5 men who had killed a farmer.",
     [dict(metric="detained", value=5), dict(metric="killed", value=1)]),
    # a part of the displaced told as having left the country is a refugee figure
    ("part_fled_abroad", "The war has displaced more than 12 million people, including nearly 4 million who fled abroad.",
     [dict(metric="displaced", value=12000000), dict(metric="refugees", value=4000000)]),
    ("part_fled_at_home", "Fighting displaced 50,000 people, including 8,000 who fled to camps in the north.",
     [dict(metric="displaced", value=50000), dict(metric="displaced", value=8000, relation="part_of")]),
    ("total_since_war",
     "The total death toll since the war began has risen to 41,000.",
     [dict(metric="killed", value=41000, cumulative=True)]),
    ("in_total_so_far",
     "In total, 1,543 people have been killed in the region so far this year.",
     [dict(metric="killed", value=1543, cumulative=True)]),
    ("ukraine_hrmmu",
     "According to the UN Human Rights Monitoring Mission in Ukraine, at least 11,520 civilians have been "
     "killed since February 2022.",
     [dict(metric="killed", value=11520, low=11520, qualifier="at least", cumulative=True, group="civilians",
           country="UA")]),
    ("war_has_killed",
     "The war has killed more than 20,000 people, according to the United Nations.",
     [dict(metric="killed", value=20000, low=20001, qualifier="more than", cumulative=True,
           claimed_by="the United Nations")]),
    ("aapp_since_coup",
     "The Assistance Association for Political Prisoners (AAPP) says 5,350 people have been killed by the "
     "junta since the coup.",
     [dict(metric="killed", value=5350, cumulative=True, since="the coup")]),
    # --- OCHA / UNHCR
    ("ocha_sudan_idps",
     "Since the start of the war in April 2023, more than 8.8 million people have been displaced inside "
     "Sudan, OCHA said.",
     [dict(metric="displaced", value=8800000, low=8800001, qualifier="more than", cumulative=True,
           claimed_by="OCHA", country="SD")]),
    ("fled_to_chad",
     "About 12,000 people have fled to Chad since April.",
     [dict(metric="refugees", value=12000, qualifier="about", country="TD")]),
    ("fled_to_town",
     "Some 20,000 people fled to Tawila after the attack on Zamzam camp.",
     [dict(metric="displaced", value=20000, qualifier="about")]),
    ("sudanese_refugees",
     "There are 600,000 Sudanese refugees in Chad, UNHCR said.",
     [dict(metric="refugees", value=600000, group="Sudanese refugees", claimed_by="UNHCR", country="TD")]),
    ("idps_acronym",
     "There are now 1.2 million internally displaced persons (IDPs) in the region.",
     [dict(metric="displaced", value=1200000, group="internally displaced persons (IDPs)", cumulative=True)]),
    ("households",
     "More than 3,000 households were displaced by the floods and fighting in Shabelle.",
     [dict(metric="displaced", value=3000, low=3001, qualifier="more than", unit="households")]),
    ("families_forced_to_flee",
     "Approximately 500 families were forced to flee their homes in Sagaing Region.",
     [dict(metric="displaced", value=500, qualifier="about", unit="households", country="MM", admin1="MM-01")]),
    ("crossed_into_thailand",
     "Some 2,300 people crossed the border into Thailand, Thai authorities said.",
     [dict(metric="refugees", value=2300, qualifier="about", country="TH", claimed_by="Thai authorities")]),
    # a host verb states a standing population, as "there are" does
    ("host_country_stock",
     "Uganda hosts some 1.6 million refugees, the largest number in Africa.",
     [dict(metric="refugees", value=1600000, qualifier="about", cumulative=True, country="UG")]),
    ("host_region_stock",
     "Camps in Idlib are hosting more than 50,000 displaced people, aid groups said.",
     [dict(metric="displaced", value=50000, low=50001, qualifier="more than", cumulative=True,
           claimed_by="aid groups")]),
    # people staying in camps or shelters are displaced; soldiers in a camp are not
    ("remain_in_camps",
     "In Rakhine, 120,000 people remain in camps, most of them Rohingya.",
     [dict(metric="displaced", value=120000, country="MM", admin1="MM-16")]),
    ("living_in_shelters",
     "Some 2,000 families are staying in displacement sites near the town.",
     [dict(metric="displaced", value=2000, qualifier="about", unit="households")]),
    ("living_under_tarps",
     "Reporters saw about 3,000 men, women and children living under tarps on the river bank.",
     [dict(metric="displaced", value=3000, qualifier="about")]),
    # a count of people, a participle's phrase, then what harmed them
    ("fleeing_with_wounds",
     "A nurse said she treated about 30 villagers fleeing the shelling with shrapnel wounds.",
     [dict(metric="injured", value=30, qualifier="about")]),
    # a total that names no harm of its own is the total of the increment before it
    ("bringing_the_total",
     "Nearly 3,000 people were newly displaced in Kachin last week, bringing the total in the state to 150,000.",
     [dict(metric="displaced", value=3000, qualifier="nearly", relation="adds_to"),
      dict(metric="displaced", value=150000, cumulative=True, relation="independent")]),
    ("refugees_reached",
     "The number of refugees in Bangladesh reached 1 million.",
     [dict(metric="refugees", value=1000000, cumulative=True, country="BD")]),
    # --- casualty wording
    ("left_dead",
     "The explosion left 20 dead in Aden.",
     [dict(metric="killed", value=20, country="YE")]),
    ("left_dead_injured",
     "The shelling left 7 dead and 19 injured, the governor said.",
     [dict(metric="killed", value=7, claimed_by="the governor"), dict(metric="injured", value=19)]),
    ("of_them_children",
     "The strike killed 31 people, 12 of them children.",
     [dict(metric="killed", value=31), dict(metric="killed", value=12, group="children", group_class="children")]),
    ("bodies_found",
     "The bodies of 15 people were found near Bunia.",
     [dict(metric="killed", value=15, country="CD")]),
    ("lost_their_lives",
     "At least 45 civilians lost their lives in the attack.",
     [dict(metric="killed", value=45, low=45, qualifier="at least", group="civilians", group_class="civilians")]),
    ("claimed_the_lives",
     "The fighting has claimed the lives of 80 people.",
     [dict(metric="killed", value=80, claimed_by=None)]),
    ("fatalities_noun",
     "The clashes caused 14 fatalities.",
     [dict(metric="killed", value=14)]),
    ("casualties_including_deaths",
     "Fighting in Khartoum caused 300 casualties, including 50 deaths.",
     [dict(metric="killed_or_injured", value=300, country="SD", admin1="SD-KH"),
      dict(metric="killed", value=50, country="SD")]),
    ("casualties_table",
     "Casualties: 12 killed, 30 injured.",
     [dict(metric="killed", value=12), dict(metric="injured", value=30)]),
    ("parenthesized_subtotal",
     "Heavy shelling killed at least 70 civilians, including (12) children.",
     [dict(metric="killed", value=70, low=70, qualifier="at least", group="civilians"),
      dict(metric="killed", value=12, group="children", group_class="children")]),
    ("among_killed",
     "A journalist and two aid workers were among 9 people killed in the strike.",
     [dict(metric="killed", value=2, group="aid workers"), dict(metric="killed", value=9)]),
    ("between_range",
     "Between 20 and 30 villagers were killed in the attack, witnesses said.",
     [dict(metric="killed", value=25, low=20, high=30, qualifier="between", group="villagers", claimed_by="witnesses")]),
    ("up_to",
     "The attack killed up to 40 people.",
     [dict(metric="killed", value=40, high=40, qualifier="up to")]),
    ("a_dozen_exact",
     "The gunmen killed a dozen villagers.",
     [dict(metric="killed", value=12, vague=False, group="villagers")]),
    ("scores_vague",
     "Scores of people were killed in the raid.",
     [dict(metric="killed", value=20, vague=True)]),
    ("nearly",
     "Nearly 2,000 people were displaced.",
     [dict(metric="displaced", value=2000, qualifier="nearly")]),
    ("shot_dead_myanmar",
     "Five men were shot dead in Kachin State.",
     [dict(metric="killed", value=5, group="men", country="MM", admin1="MM-11")]),
    ("bodies_quote",
     "\"We counted 17 bodies,\" a resident told Reuters.",
     [dict(metric="killed", value=17)]),
    # --- headlines
    ("headline_gaza",
     "Gaza: 27 killed in Israeli strike on school sheltering displaced families",
     [dict(metric="killed", value=27, country="PS")]),
    ("headline_kharkiv",
     "Russian missile strike on Kharkiv kills 7, injures 30",
     [dict(metric="killed", value=7, country="UA", admin1="UA-63"), dict(metric="injured", value=30, country="UA")]),
    ("odesa_wire",
     "A Russian drone attack on Odesa killed two people and injured 14 others overnight, Ukrainian officials said.",
     [dict(metric="killed", value=2, claimed_by="Ukrainian officials", country="UA"),
      dict(metric="injured", value=14, group="others", claimed_by="Ukrainian officials")]),
    ("rafah_wire",
     "At least eight Palestinians were killed and 30 others wounded in an Israeli airstrike on Rafah on "
     "Tuesday, medics said.",
     [dict(metric="killed", value=8, low=8, qualifier="at least", group="Palestinians", claimed_by="medics", country="PS"),
      dict(metric="injured", value=30, claimed_by="medics")]),
    # --- HRW / Amnesty / monitors
    ("hrw_by_phrase",
     "Human Rights Watch documented the killing of at least 50 civilians by RSF fighters in El Geneina, West Darfur.",
     [dict(metric="killed", value=50, qualifier="at least", group="civilians", group_class="civilians",
           claimed_by="Human Rights Watch", country="SD")]),
    ("amnesty_detained",
     "Amnesty International said security forces detained more than 300 protesters in Addis Ababa.",
     [dict(metric="detained", value=300, low=301, qualifier="more than", group="protesters",
           claimed_by="Amnesty International", country="ET", admin1="ET-AA")]),
    ("tigray",
     "In Tigray, 1,200 people were killed in the fighting, the regional health bureau said.",
     [dict(metric="killed", value=1200, country="ET", admin1="ET-TI", claimed_by="the regional health bureau")]),
    ("sohr",
     "The Syrian Observatory for Human Rights said 14 pro-government fighters were killed in clashes with "
     "jihadists in Idlib province.",
     [dict(metric="killed", value=14, group="pro-government fighters", country="SY", admin1="SY-ID")]),
    # --- detention, release, missing, abduction, conscription
    ("arrested_people",
     "Police arrested 25 people during the protest in Yangon.",
     [dict(metric="detained", value=25, country="MM", admin1="MM-06")]),
    ("over_arrested",
     "Over 1,000 people were arrested.",
     [dict(metric="detained", value=1000, low=1001, qualifier="more than")]),
    ("political_prisoners",
     "The junta holds 2,000 political prisoners.",
     [dict(metric="detained", value=2000, group="political prisoners")]),
    ("detainees_freed",
     "Some 150 detainees were freed on Friday.",
     [dict(metric="released", value=150, qualifier="about", group="detainees")]),
    ("hostages_released",
     "Hamas said 33 hostages were released.",
     [dict(metric="released", value=33, claimed_by="Hamas")]),
    ("houthi_release",
     "Houthi forces released 42 detainees in Sanaa on Sunday, the ICRC said.",
     [dict(metric="released", value=42, claimed_by="the ICRC", country="YE")]),
    ("hostages_held",
     "The militants were holding 130 hostages in the forest.",
     [dict(metric="abducted", value=130, group="hostages")]),
    ("unaccounted",
     "Twenty people remain unaccounted for after the attack.",
     [dict(metric="missing", value=20)]),
    ("clause_place_scope",
     "Three journalists remain missing, and 12 aid workers were abducted near Goma in North Kivu province.",
     [dict(metric="missing", value=3, admin1=None), dict(metric="abducted", value=12, country="CD", admin1="CD-NK")]),
    ("m23_name_not_number",
     "M23 rebels abducted 19 civilians in Rutshuru territory last week, local officials said.",
     [dict(metric="abducted", value=19, group="civilians", claimed_by="local officials", country="CD",
           perpetrator="M23 rebels")]),
    ("forcibly_recruited",
     "At least 40 young men were forcibly recruited by the militia in Rakhine State.",
     [dict(metric="conscripted", value=40, qualifier="at least", country="MM", admin1="MM-16")]),
    ("press_ganged",
     "Rebels press-ganged 60 boys into their ranks in Ituri.",
     [dict(metric="conscripted", value=60, group="boys", group_class="children")]),
    ("arrested_then_released",
     "Soldiers arrested 12 men and later released 4 of them.",
     [dict(metric="detained", value=12, group="men"), dict(metric="released", value=4)]),
    # --- more wire and monitor copy
    ("doctors_network",
     "The RSF attack on El Fasher left at least 60 people dead and 150 wounded, according to the Sudan Doctors Network.",
     [dict(metric="killed", value=60, qualifier="at least", claimed_by="the Sudan Doctors Network", country="SD"),
      dict(metric="injured", value=150, claimed_by="the Sudan Doctors Network")]),
    ("apposition_subtotal",
     "Eleven people, including three children, were killed when a drone struck a minibus in Kherson.",
     [dict(metric="killed", value=11, group="people", country="UA", admin1="UA-65"),
      dict(metric="killed", value=3, group="children", group_class="children")]),
    ("increment_bringing_total",
     "Some 300,000 people have fled across the border into Chad, bringing the total number of Sudanese "
     "refugees there to 900,000.",
     [dict(metric="refugees", value=300000, qualifier="about", cumulative=False, country="TD"),
      dict(metric="refugees", value=900000, cumulative=True)]),
    ("daily_and_running",
     "The Ministry of Health in Gaza said 15 people were killed in the past 24 hours, bringing the death toll to 36,000.",
     [dict(metric="killed", value=15, cumulative=False, claimed_by="The Ministry of Health in Gaza"),
      dict(metric="killed", value=36000, cumulative=True)]),
    ("war_relative_clause",
     "The conflict in Sudan, which began in April 2023, has killed at least 40,000 people and displaced "
     "12 million, according to the World Health Organization.",
     [dict(metric="killed", value=40000, cumulative=True, claimed_by="the World Health Organization"),
      dict(metric="displaced", value=12000000, cumulative=True)]),
    ("generic_monitor",
     "The Syrian Observatory for Human Rights has tracked the violence for years.\n\n"
     "At least 1,383 civilians were killed on the coast, a war monitor said.",
     [dict(metric="killed", value=1383, claimed_by="Syrian Observatory for Human Rights")]),
    ("kuriga_pupils",
     "Gunmen abducted 287 pupils from a school in Kuriga, Kaduna State.",
     [dict(metric="abducted", value=287, group="pupils", group_class="children", country="NG", admin1="NG-KD")]),
    ("semicolon_two_sides",
     "Nine soldiers died in the attack, the army said; 20 jihadists were also killed.",
     [dict(metric="killed", value=9, group="soldiers", group_class="state_forces", claimed_by="the army"),
      dict(metric="killed", value=20, group="jihadists", group_class="non_state_armed_group")]),
    ("headline_sudan",
     "Sudan: RSF kills 40 villagers in Al-Jazira state",
     [dict(metric="killed", value=40, group="villagers", country="SD", admin1="SD-GZ")]),
    ("dateline_country",
     "DAKAR, Senegal (AP) — Jihadi violence in Burkina Faso has killed thousands and displaced 2 million "
     "people over six years, Burkina Faso officials say.",
     [dict(metric="killed", value=1000, vague=True), dict(metric="displaced", value=2000000, country="BF")]),
    ("at_least_a_dozen",
     "At least a dozen people were killed in the raid.",
     [dict(metric="killed", value=12, low=12, qualifier="at least", vague=False)]),
    ("more_than_a_dozen",
     "More than a dozen villagers were abducted.",
     [dict(metric="abducted", value=12, low=13, qualifier="more than", vague=False)]),
    ("incident_toll_then_war_total",
     "The death toll from Sunday's fighting has risen to 25, while the total since the war began stands at 3,000.",
     [dict(metric="killed", value=25, cumulative=False)]),
    ("semicolon_places",
     "Three people were killed in Goma; in Bukavu, 12 others were wounded.",
     [dict(metric="killed", value=3, admin1="CD-NK"), dict(metric="injured", value=12, admin1="CD-SK")]),
    ("m23_offensive",
     "The M23 offensive displaced 300,000 people.",
     [dict(metric="displaced", value=300000)]),
    ("arabic_article_in_a_village_name",
     "RSF fighters killed 120 people in Wad al-Noura village in Al Jazirah state.",
     [dict(metric="killed", value=120, perpetrator="RSF fighters", country="SD", admin1="SD-GZ",
           location="Wad al-Noura village in Al Jazirah state")]),
    ("dozens_arrested",
     "Dozens of people were arrested in Mandalay, witnesses said.",
     [dict(metric="detained", value=12, vague=True, claimed_by="witnesses", admin1="MM-04")]),
    # --- session 12: refugee agencies' "arrivals"; event notes' other spellings, closing counts
    # far from the date, and Indian state abbreviations
    ("unhcr_arrivals",
     "The number of new arrivals in eastern Chad rose to 5,200 this week, UNHCR said.",
     [dict(metric="refugees", value=5200, country="TD", claimed_by="UNHCR", cumulative=True)]),
    ("acled_other_spelling",
     "On 9 May 2020, suspected militants killed nine civilians in the village of Zibane [Ziban] (Anzourou, "
     "Tillaberi). The attackers fled on motorbikes. They also burned granaries. 9 fatalities.",
     [dict(metric="killed", value=9, admin1="NE-6", event_date_start="2020-05-09", relation="independent"),
      dict(metric="killed", value=9, quote="9 fatalities", event_date_start="2020-05-09", relation="restates")]),
    ("india_state_abbreviation",
     "On 2 May 2020, a man was beaten to death by a group of men in Amethi (UP) over a land dispute. 1 killed.",
     [dict(metric="killed", value=1, admin1="IN-UP", event_date_start="2020-05-02")]),
    # --- session 13: where a place name is not the scene. A road, a railway or a local armed
    # group named after a place is a landmark; a country's name opening an organisation's name
    # is no place; a village may share a unit's name elsewhere; a chain's largest unit settles
    # a name several regions share
    ("acled_railway_landmark",
     "On 14 June 2021, in Kyauktaga town (Kyauktaga Township, Bago Region), a bomb went off along the "
     "Yangon-Mandalay railway. Two railway workers were injured.",
     [dict(metric="injured", value=2, admin1="MM-02")]),
    ("highway_landmark",
     "On 5 May 2020, in Sayedabad district, Wardak, a roadside bomb hit a car on the Kabul-Kandahar "
     "highway, killing 2 civilians.",
     [dict(metric="killed", value=2, admin1="AF-WAR")]),
    ("named_group_landmark",
     "On 10 October 2021, in Pakokku town (Pakokku District, Magway Region), the Monywa PDF attacked a "
     "police post with a bomb. Two police officers were injured.",
     [dict(metric="injured", value=2, admin1="MM-03")]),
    ("country_in_organisation_name",
     "On 5 November 2021, in Tamu town (Tamu District, Sagaing Region), a bomb exploded at a tea shop near "
     "the Myanmar Economic Bank, injuring a guard.",
     [dict(metric="injured", value=1, admin1="MM-01")]),
    ("village_named_like_a_township",
     "On 21 May 2021, in Myo Thit village in Momauk Township (Bhamo District, Kachin State), an air "
     "strike burned down houses in Myo Thit village. Two villagers were injured.",
     [dict(metric="injured", value=2, admin1="MM-11")]),
    ("homonym_settled_by_chain",
     "On 9 May 2020, a family was attacked with axes in Hamirpur village near Rapar town (Kachchh, "
     "Gujarat), killing three of them.",
     [dict(metric="killed", value=3, admin1="IN-GJ")]),
    # a local place written before its province is the figure's location, however it is joined:
    # "X area in", "at X in", "X zone (", "the town of X in the countryside of Ar-Y"
    ("acled_area_in_province",
     "On 1 May 2020, Turkish forces clashed with QSD fighters in Ein Issa area in Ar-Raqqa province. "
     "4 QSD fighters were killed.",
     [dict(metric="killed", value=4, admin1="SY-RA", location="Ein Issa area in Ar-Raqqa province")]),
    ("acled_at_place_in_province",
     "On 2 May 2020, IS militants attacked a PMF brigade at Mukeshefah in Saladin province, where 6 fighters "
     "were killed.",
     [dict(metric="killed", value=6, admin1="IQ-SD", location="Mukeshefah in Saladin province")]),
    ("acled_area_within_limits",
     "On 1 May 2020, 2 Taliban militants were killed when troops repulsed their attack in the Ghareza area "
     "in the limits of Gardez city, Paktia.",
     [dict(metric="killed", value=2, admin1="AF-PIA",
           location="Ghareza area in the limits of Gardez city, Paktia")]),
    ("acled_zone_in_parenthesis",
     "On 3 May 2020, inter-clan violence erupted in Afdere zone (Somali region), leaving 5 people dead.",
     [dict(metric="killed", value=5, admin1="ET-SO", location="Afdere zone")]),
    ("city_part_compound",
     "On 6 May 2020, militants threw a grenade at soldiers in Mogadishu-Hodan district (Hodan, Banadir), "
     "killing 1 soldier.",
     [dict(metric="killed", value=1, admin1="SO-BN", location="Mogadishu-Hodan district")]),
    ("lowercase_article_places",
     "On 29 April 2020, gunmen shot and killed a civilian in al-Shamsani in al-Hasakeh.",
     [dict(metric="killed", value=1, admin1="SY-HA", location="al-Shamsani in al-Hasakeh")]),
    # a known town with the kind word the gazetteer did not take, before its units
    ("town_area_before_units",
     "Four people were killed in revenge attacks between cattle-herding sections in the Rumbek area (Lakes state).",
     [dict(metric="killed", value=4, admin1="SS-LK", location="Rumbek area")]),
    # an Arabic article written apart inside a place's name
    ("spaced_article_in_name",
     "On 6 May 2020, border guards shot dead a fighter 8 KM west of Ain al Arab city in Aleppo governorate.",
     [dict(metric="killed", value=1, admin1="SY-HL", location="Ain al Arab city in Aleppo governorate")]),
    # a list that leaves out its verb and noun, labelled by a part of the land
    ("gapped_item_by_area",
     "The north hosts 52,000 displaced people and the east 31,000.",
     [dict(metric="displaced", value=52000), dict(metric="displaced", value=31000, relation="independent")]),
    # "N more" opening a sentence is new people, not some of those just counted
    ("more_opening_a_sentence",
     "Some 500 people fled to the Kutupalong camp. 300 more arrived on Friday.",
     [dict(metric="displaced", value=500), dict(metric="displaced", value=300, relation="independent")]),
    # "since then" takes the start the lead gave the war
    ("since_then_after_lead",
     "The war between the army and the paramilitary began in April 2023.\n\n"
     "Since then, more than 15,000 people have been killed, according to ACLED.",
     [dict(metric="killed", value=15000, cumulative=True, since="April 2023", claimed_by="ACLED")]),
    # a country that "recorded" is where, when the sentence names who said it
    ("country_subject_and_speaker",
     "Since February 2022, Ukraine has recorded 10,582 civilian deaths, the UN human rights monitoring "
     "mission said in its latest update.",
     [dict(metric="killed", value=10582, cumulative=True, claimed_by="the UN human rights monitoring mission")]),
    # a person set off as one of the count ("among them a journalist") is no one more
    ("among_them_one_person",
     "At least six people, among them a journalist, were shot dead by security forces at the protest.",
     [dict(metric="killed", value=6, relation="independent")]),
    # an organisation whose people were harmed is not the monitor reporting
    ("organisation_of_the_victims_is_no_source",
     "Two UN peacekeepers and an interpreter were killed when their convoy hit a mine.",
     [dict(metric="killed", value=2, claimed_by=None), dict(metric="killed", value=1, claimed_by=None)]),
    # "one of the injured" is one person, as "two of the injured" are two; the wounded who die
    # later are deaths of their own
    ("one_of_the_injured_died",
     "On 2 February 2023, armed herders killed 4 farmers and injured 2 others in Dogon Noma village (Kajuru, "
     "Kaduna). One of the injured later died in hospital.",
     [dict(metric="killed", value=4), dict(metric="injured", value=2),
      dict(metric="killed", value=1, relation="independent")]),
    ("one_of_the_largest_is_no_count",
     "It was one of the deadliest attacks on the town, and the men who died were all farmers.", []),
    # "shot dead" where the parser made "shot" the subject of "dead"
    ("shot_dead_parsed_as_subject",
     "On 7 March 2023, the military shot dead a suspected bandit and arrested 3 others in Gusau (Gusau, Zamfara).",
     [dict(metric="killed", value=1, admin1="NG-ZA"), dict(metric="detained", value=3)]),
    # a count listed as a state ("registered ... as missing", "listed ... as dead")
    ("listed_as_state",
     "The ICRC said it had registered 2,000 people as missing since the start of the conflict. The ministry "
     "listed 45 soldiers as dead and 12 as missing.",
     [dict(metric="missing", value=2000, claimed_by="The ICRC"), dict(metric="killed", value=45),
      dict(metric="missing", value=12)]),
    # a list after a colon breaks down the count it adds up to
    ("colon_breakdown_of_the_sum",
     "At least 25 people were killed and dozens injured in two separate attacks in North Kivu on Saturday: "
     "18 in Beni and 7 in Lubero.",
     # (told place by place, the parts are the claims and the sum restates them: each place's
     # series counts its own, and another report of the Beni attack meets its 18)
     [dict(metric="killed", value=25, relation="restates"), dict(metric="injured", value=12, vague=True),
      dict(metric="killed", value=18, relation="independent", location="Beni"),
      dict(metric="killed", value=7, relation="independent", location="Lubero")]),
    # a headline names a village by its region
    ("headline_region_village",
     "Junta airstrike kills at least 50 in Sagaing village\n\nAn airstrike on a village in the Sagaing region "
     "killed at least 50 people on Tuesday, residents said.",
     [dict(metric="killed", value=50, admin1="MM-01", relation="restates", quote="kills"),
      dict(metric="killed", value=50, admin1="MM-01", relation="independent", quote="killed")]),
    # the people a copular list names as the harmed ("The dead included ...", "The victims were ...")
    ("the_dead_included_named_people",
     "An air strike hit the market on Monday. The dead included a 5-year-old girl and her grandmother.",
     [dict(metric="killed", value=2, implied=True)]),
    ("the_dead_included_within_a_count",
     "Ten people were killed in the strike. The dead included a 5-year-old girl and her grandmother.",
     [dict(metric="killed", value=10)]),
    ("the_victim_described_is_no_one_more",
     "Gunmen shot dead a man in the market. The victim was a former police officer.",
     [dict(metric="killed", value=1)]),
    # a date inside a relative clause about the people is their story, not the harm's day
    ("date_in_relative_clause",
     "The bodies of 14 men, who had been abducted from a village last week, were found on Monday.",
     [dict(metric="killed", value=14, event_date_start="2024-05-27")]),
    # a gapped item labelled by a time or a place set off by its comma
    ("gapped_item_after_time_label",
     "In March, 300 people were arrested in the crackdown; in April, another 150.",
     [dict(metric="detained", value=300), dict(metric="detained", value=150, relation="independent",
                                                 event_date_start="2024-04-01")]),
    # a place the gazetteer does not know, named after the scene, lies in the scene's unit
    ("unknown_facility_in_the_scene",
     "On 27 April 2020, in Lima-San Juan de Lurigancho, Lima Province, prisoners rioted in Miguel Castro "
     "Castro prison. Guards took back the prison. 9 prisoners were killed.",
     [dict(metric="killed", value=9, admin1="PE-LMA", location="Miguel Castro Castro prison")]),
    ("unknown_village_of_a_later_sentence_in_the_scene",
     "On 27 April 2020, in Lima Province, police clashed with protesters. Later, 3 people were killed in "
     "Zapallal Alto village.",
     [dict(metric="killed", value=3, admin1="PE-LMA", location="Zapallal Alto village")]),
    # --- session 14: one side of a border is no scene: the place the sentence names before it is
    # (and "states" closing that phrase is the plural of state, no reporting verb)
    ("border_between_two_units_after_the_place",
     "On 3 March 2022, fighting broke out near Hpruso town (Hpruso Township, Kayah State), on the border "
     "between Kayah and Shan states. Three soldiers were killed.",
     [dict(metric="killed", value=3, admin1="MM-12", location="Hpruso town", claimed_by=None)]),
    ("boundary_between_provinces_in_the_figure_sentence",
     "On 4 May 2020, in Dera Bugti, Balochistan, a landmine exploded on the boundary between Balochistan "
     "and Punjab, killing 2 FC personnel.",
     [dict(metric="killed", value=2, admin1="PK-BA", location="Dera Bugti, Balochistan")]),
    # a count whose phrase is followed by a second verb phrase about property ("and burned the
    # market"): the parse ends the phrase at its head, so the shops are not who was killed
    ("count_then_a_property_clause",
     "Bandits killed 14 farmers and set fire to granaries in Maru, Zamfara state, on Sunday.",
     [dict(metric="killed", value=14, group="farmers", admin1="NG-ZA")]),
    ("count_then_a_looting_clause",
     "Militia fighters executed 6 men and looted the market of Djugu, Ituri, witnesses said.",
     [dict(metric="killed", value=6, group="men")]),
    # wire attribution at the end of the sentence by people named through their kin or their
    # place's role ("their families said", "camp coordinators said")
    ("source_named_through_kin",
     "Three students detained in Mandalay on Monday were released on bail, their families said.",
     [dict(metric="released", value=3, claimed_by="families")]),
    ("source_named_by_a_place_role",
     "Some 1,800 people fled to the Mai Aini camp over the weekend, camp leaders said.",
     [dict(metric="displaced", value=1800, claimed_by="camp leaders")]),
    # a pair named by a plural noun after "both" is two people, and more with a coordination
    ("both_with_a_plural_noun",
     "Both cousins, aged 16 and 18, were shot dead by soldiers at a checkpoint in Kale, Sagaing Region.",
     [dict(metric="killed", value=2, admin1="MM-01", implied=True)]),
    ("both_and_another_person",
     "Two gunmen opened fire on a patrol in Culiacan, Sinaloa. Both gunmen and a police officer were wounded.",
     [dict(metric="injured", value=3)]),
    # a copula after the harmed ("the dead were", "the wounded included") lists who they were: each
    # count of the list is part of the total told before it, or a claim of its own without one
    ("the_dead_were_a_list_after_its_total",
     "Nineteen people died in the ambush near Djibo. The dead were 15 soldiers, three volunteers and a driver.",
     [dict(metric="killed", value=19, relation="independent"), dict(metric="killed", value=15, relation="part_of"),
      dict(metric="killed", value=3, relation="part_of")]),  # (the driver is one of the 19: no figure)
    ("the_dead_were_a_list_closing_with_a_person",
     "The dead were 15 soldiers, three volunteers and a driver, the army said.",
     [dict(metric="killed", value=15), dict(metric="killed", value=3), dict(metric="killed", value=1, implied=True)]),
    ("the_wounded_were_a_list_without_a_total",
     "Shelling hit the market in Kharkiv on Sunday. The wounded were 11 civilians and two rescuers, officials said.",
     [dict(metric="injured", value=11, relation="independent"), dict(metric="injured", value=2, relation="independent")]),
    # a toll that rises after more deaths: the deaths are inside an incident's toll, an increment
    # of a running total ("raising the army's death toll to 405"), never a second claim
    ("toll_rose_after_the_wounded_died",
     "The death toll from Friday's air strike on the market in Demoso rose to 23 on Sunday after five of the "
     "wounded died in hospital, relatives said.",
     [dict(metric="killed", value=23, relation="independent", cumulative=False),
      dict(metric="killed", value=5, relation="part_of")]),
    ("toll_rose_after_a_clause_before_the_deaths",
     "The toll from Tuesday's strike on a school in Jabalia rose to 14 after rescuers recovered three more "
     "bodies, civil defence said.",
     [dict(metric="killed", value=14, relation="independent", cumulative=False),
      dict(metric="killed", value=3, relation="part_of")]),
    ("increment_raising_a_possessive_toll",
     "Two more police officers were killed in Sinaloa on Monday, raising the state's death toll for the year "
     "to 212, officials said.",
     [dict(metric="killed", value=2, relation="adds_to", cumulative=False),
      dict(metric="killed", value=212, cumulative=True)]),
    ("number_killed_in_an_attack_is_its_toll",
     "The number of people killed in the attack on the camp rose to 31 after another six victims died.",
     [dict(metric="killed", value=31, cumulative=False), dict(metric="killed", value=6, relation="part_of")]),
    # a count repeating the one before for another place keeps that predicate, even when the next
    # clause has a count and a harm of its own
    ("gapped_place_item_before_another_harm",
     "Six civilians were killed in Bunia, four in Djugu, and at least 15 were wounded, the army said.",
     [dict(metric="killed", value=6), dict(metric="killed", value=4, relation="independent"),
      dict(metric="injured", value=15)]),
    # one count of people in two units, one in brackets (OCHA): both share the predicate
    ("households_with_people_in_brackets",
     "In Ituri, 4,200 households (about 21,000 people) were newly displaced by attacks last week.",
     [dict(metric="displaced", value=4200, unit="households"), dict(metric="displaced", value=21000, unit="people")]),
    ("people_with_households_in_brackets",
     "About 9,800 people (1,960 families) fled to Kalehe territory, South Kivu, OCHA said.",
     [dict(metric="displaced", value=9800, unit="people"), dict(metric="displaced", value=1960, unit="households")]),
    # a named victim after "shot dead", whose "dead" the parser hangs on the name
    ("shot_dead_before_a_name",
     "Unidentified gunmen shot dead human rights defender Jose Rodriguez in Tumaco, Narino, on 12 May 2020.",
     [dict(metric="killed", value=1, group="human rights defender Jose Rodriguez", admin1="CO-NAR")]),
    # "all of them" stands for the count before it, like "them"
    ("all_of_them_released",
     "Bandits who kidnapped 23 passengers on the Abuja-Kaduna highway last week freed all of them on Sunday, "
     "police said.",
     [dict(metric="abducted", value=23), dict(metric="released", value=23)]),
    # a headline's figure told again in the body: the body's telling (when, where, who) is the
    # claim, the headline restates it
    ("headline_restates_the_body",
     "Drone strike on market in Kherson kills 7, regional governor says\n\n"
     "A Russian drone struck a crowded market in Kherson on 3 May 2024, killing seven people, regional "
     "governor Oleksandr Prokudin said.",
     [dict(metric="killed", value=7, quote="kills 7", relation="restates"),
      dict(metric="killed", value=7, quote="killing seven", relation="independent",
           event_date_start="2024-05-03")]),
    # an article that names no place but its dateline: where the story was filed is its scene,
    # unless the dateline is abroad ("BANGKOK (Reuters) - Myanmar's ...")
    ("dateline_is_the_only_place",
     "HAKHA — Junta soldiers shot dead three young men at a checkpoint on Monday evening, a relative said.",
     [dict(metric="killed", value=3, admin1="MM-14", country="MM")]),
    ("wire_dateline_is_the_only_place",
     "GOMA, Congo (AP) — Shelling killed 9 people in a crowded market on Saturday, local officials said.",
     [dict(metric="killed", value=9, country="CD", admin1="CD-NK")]),
    ("dateline_abroad_is_no_scene",
     "BANGKOK (Reuters) — Myanmar's military killed at least 14 people in air strikes on Sunday, a rebel "
     "group said.",
     [dict(metric="killed", value=14, country="MM", admin1=None)]),
    # a count over a list of first-level units is no count of any one of them: it is their country's
    ("count_over_two_regions",
     "Junta air strikes killed at least 41 civilians in Sagaing and Magway regions in the past week, the "
     "National Unity Government said.",
     [dict(metric="killed", value=41, country="MM", admin1=None, location="Sagaing and Magway regions")]),
    ("count_over_a_list_of_oblasts",
     "Russian shelling of Kharkiv, Sumy and Dnipropetrovsk oblasts killed 9 people overnight, officials said.",
     [dict(metric="killed", value=9, country="UA", admin1=None)]),
    # (two units of one region keep the region)
    ("count_over_two_townships_of_one_region",
     "Fighting displaced about 6,000 people in Kanbalu and Taze townships of Sagaing Region last week.",
     [dict(metric="displaced", value=6000, admin1="MM-01")]),
    # one person described by a place who then speaks: where the source lives, not the scene
    ("source_described_by_a_place",
     "An air strike on a monastery in Falam killed four novices on Sunday, a Hakha resident who visited the "
     "site said.",
     [dict(metric="killed", value=4, location="Falam", admin1="MM-14")]),
    ("source_described_by_a_place_in_another_region",
     "Troops shot dead two farmers on Monday, a Kalay Township resident told RFA.",
     [dict(metric="killed", value=2, country="MM", admin1=None)]),
    # a date across a coordination belongs to the other clause
    ("gapped_item_with_its_own_date",
     "Troops killed four villagers in Yinmabin on 2 May 2024 and two in Salingyi on 4 May 2024.",
     [dict(metric="killed", value=4, event_date_start="2024-05-02"),
      dict(metric="killed", value=2, event_date_start="2024-05-04")]),
    # "burned N people alive" (active, the count between verb and "alive"), and one person
    ("burned_alive_active",
     "Junta soldiers burned 9 villagers alive in Done Taw village, Sagaing Region, on 12 March 2024.",
     [dict(metric="killed", value=9, admin1="MM-01")]),
    ("burned_alive_one_person",
     "Militants burned a herder alive near Djibo on Sunday.",
     [dict(metric="killed", value=1, implied=True)]),
    # a named victim with an age set off by commas is one person; a Burmese name after its
    # honorific is no place, wherever it stands ("Nan Shan Hlaing": no Shan State)
    ("named_victim_with_an_age",
     "Saw Kachin Htoo, 19, was shot dead at a checkpoint in Hpa-an on Friday.",
     [dict(metric="killed", value=1, location="Hpa-an", admin1="MM-13")]),
    # people taken or seized for an army are conscripted, not kidnapped or arrested
    ("taken_for_military_service",
     "Twenty-two young men were taken for military service in Myingyan on 3 May 2024, residents said.",
     [dict(metric="conscripted", value=22)]),
    ("seized_to_fight_for_the_army",
     "Junta troops seized 15 men at a bus station in Pakokku to serve in the army.",
     [dict(metric="conscripted", value=15)]),
    # "the next day" counts from the date told before it
    ("the_next_day_after_a_dated_clash",
     "Fighting broke out near Kani on 8 April 2024 and killed four soldiers. The next day troops arrested "
     "12 villagers in the area.",
     [dict(metric="killed", value=4, event_date_start="2024-04-08"),
      dict(metric="detained", value=12, event_date_start="2024-04-09")]),
    # a group's acronym after a number is no clock time ("2 AM", "1 PM")
    ("acronym_after_number_not_a_time",
     "Al Shabaab fighters killed 2 AMISOM soldiers and 1 PMF fighter was shot dead elsewhere. "
     "Three Americans were wounded.",
     [dict(metric="killed", value=2, group="AMISOM soldiers"), dict(metric="killed", value=1),
      dict(metric="injured", value=3)]),
    # a revised toll: who revised it claims it, the quote says it revises, and an adverb before
    # a reporting verb ("initially reported", "later said") is no part of its source
    ("revised_toll_and_adverbs_of_reporting",
     "Authorities revised the death toll of Thursday's attack in Jamundi to 14, up from the 12 initially "
     "reported. Three soldiers were wounded, the army later said.",
     [dict(metric="killed", value=14, claimed_by="Authorities",
           quote="revised the death toll of Thursday's attack in Jamundi to 14"),
      dict(metric="injured", value=3, claimed_by="the army")]),
    # key figures whose label is qualified in brackets, and a report's title after its colon is
    # the document, not its source
    ("key_figures_with_bracketed_qualifiers",
     "MYANMAR: Flash Update No. 4\n\nKey figures\nPeople displaced (since Nov 2023): 1,200,000\n"
     "Detained (as of 1 May 2024): 68\n",
     [dict(metric="displaced", value=1200000, cumulative=True, claimed_by=None),
      dict(metric="detained", value=68, claimed_by=None)]),
    # a part set off by commas ("11 of them children") is the count's, not the next verb's
    ("of_them_part_before_a_second_harm",
     "Gunmen killed 19 people, 11 of them children, and wounded about 30 others.",
     [dict(metric="killed", value=19), dict(metric="killed", value=11, relation="part_of"),
      dict(metric="injured", value=30)]),
    # who the counted were, set off by commas, is no more of them; a list after the count is
    ("apposition_naming_the_counted_people",
     "Two civilians, a woman and her son, were killed in the strike. Three soldiers, a medic and a "
     "driver, were wounded. A drone hit the market, wounding a passerby.",
     [dict(metric="killed", value=2), dict(metric="injured", value=3), dict(metric="injured", value=2),
      dict(metric="injured", value=1)]),
    # a country naming a currency is no place the story is in
    ("currency_is_no_country",
     "On 27 April 2020, protesters demonstrating against the high US dollar exchange rate blocked roads "
     "in the town of Laboue. Police forces detained 4 protesters.",
     [dict(metric="detained", value=4, country=None)]),
    # where travellers came from is no scene when the sentence names another place (residents
    # "from" their village are at home: that stays the scene)
    ("travellers_origin_is_no_scene",
     "On 4 April 2025, militants stopped buses on the highway near Mastung (Mastung, Balochistan) and shot "
     "dead 9 passengers from Punjab. Gunmen killed 5 workers from Bihar in Kulgam, Jammu and Kashmir. "
     "Troops arrested five residents from Pa Khet village, Dawei Township.",
     [dict(metric="killed", value=9, admin1="PK-BA"), dict(metric="killed", value=5, admin1="IN-JK"),
      dict(metric="detained", value=5, location="Pa Khet village, Dawei Township")]),
    # the day a source told it is the event's only when nothing else dates it: the next
    # sentence telling the attack does; a date-first dateline is where and when it was filed
    ("told_on_a_day_and_the_attack_told_after",
     "OUAGADOUGOU, June 1 (AFP) - Jihadists killed at least 40 soldiers in an attack on a military base, "
     "security sources told AFP on Wednesday. The attack targeted the detachment in Djibo on Monday morning, "
     "the sources said.",
     [dict(metric="killed", value=40, event_date_start="2024-05-27")]),
    # each claim of a contrast is its own speaker's; who claims to have killed claims it; who
    # has not confirmed it is no source
    ("contrasted_claims_keep_their_speakers",
     "The army said it killed 30 militants, while residents said 5 civilians died. NAS claimed to have "
     "killed 12 soldiers. HPG also claimed 15 Turkish soldiers died, which has not been confirmed by any "
     "Turkish source.",
     [dict(metric="killed", value=30, claimed_by="The army"), dict(metric="killed", value=5, claimed_by="residents"),
      dict(metric="killed", value=12, claimed_by="NAS"), dict(metric="killed", value=15, claimed_by="HPG")]),
    # a governor's post: one person's age set off by commas is no count
    ("age_set_off_by_commas_after_a_person_noun",
     "Russian shelling of Nikopol killed a man and wounded his wife. The man, 54, died at the scene. "
     "A marine, 23, was killed in Kherson.",
     [dict(metric="killed", value=1), dict(metric="injured", value=1), dict(metric="killed", value=1)]),
    # kidnap victims rescued are released, not abducted again
    ("rescued_kidnap_victims_are_released",
     "Police rescued 15 kidnapped victims in Kajuru. The 42 passengers kidnapped on the highway last week "
     "were rescued on Monday.",
     [dict(metric="released", value=15), dict(metric="released", value=42)]),
    ("arrested_then_a_kidnapped_man_released",
     "Two people were arrested and the kidnapped man was released.",
     [dict(metric="detained", value=2), dict(metric="released", value=1)]),
    # the total of one incident is no running total
    ("total_of_one_incident_is_no_running_total",
     "A total of 17 people were killed in the attack. The attack left a toll of 11 dead. "
     "A total of 4,600 people have been killed since the coup.",
     [dict(metric="killed", value=17, cumulative=False), dict(metric="killed", value=11, cumulative=False),
      dict(metric="killed", value=4600, cumulative=True)]),
    # a quotation closed by a single quotation mark before "said NAME"
    ("single_quoted_speech_then_said_name",
     "'They killed 12 of our people,' said Abubakar Sani, a community leader in Zurmi.",
     [dict(metric="killed", value=12, claimed_by="Abubakar Sani")]),
    # a correction set off by commas is not who was harmed
    ("a_correction_is_not_the_group",
     "Police said 10 people, not 12 as earlier reported, were killed when gunmen attacked Yelwata.",
     [dict(metric="killed", value=10, group="people", group_class="unknown")]),
    # a refugee stock is its host's: the country that hosts them, not the war they fled
    ("refugees_are_placed_at_their_host",
     "Chad now hosts more than 1.1 million refugees, including 600,000 who fled the war in Sudan since "
     "April 2023, UNHCR said.",
     [dict(metric="refugees", value=1100000, country="TD"), dict(metric="refugees", value=600000, country="TD")]),
    ("date_first_dateline",
     "June 1, 2024 (EL FASHER) - At least 23 civilians were killed and 47 others injured on Monday when "
     "shells hit the Abu Shouk camp, local sources said.",
     [dict(metric="killed", value=23, event_date_start="2024-05-27"),
      dict(metric="injured", value=47, event_date_start="2024-05-27")]),
    # a list of the harmed as a verb's objects: every item counts, singular or counted, whatever
    # place phrase closes it
    ("object_list_singular_counted_singular",
     "Militiamen killed a pastor, his three daughters and a neighbour in Bokkos on Sunday.",
     [dict(metric="killed", value=1, implied=True), dict(metric="killed", value=3, group="daughters"),
      dict(metric="killed", value=1, implied=True, quote="a neighbour")]),
    ("object_list_then_place",
     "Soldiers shot dead a driver and four passengers at a checkpoint outside Kalay.",
     [dict(metric="killed", value=1, implied=True), dict(metric="killed", value=4, group="passengers", admin1="MM-01")]),
    ("object_list_own_verb_after_place",
     "Soldiers shot dead a driver, and four passengers at the checkpoint were wounded.",
     [dict(metric="killed", value=1, implied=True), dict(metric="injured", value=4)]),
    # two singular persons joined by "and" are two, whether or not the lexicon knows the second word
    ("object_pair_unknown_noun",
     "A drone strike on the monastery killed a monk and a novice.",
     [dict(metric="killed", value=2, implied=True)]),
    # "the two dead" after a named pair are the pair, even when a sentence between names another place
    ("definite_count_restates_named_pair",
     "On 4 May 2024, a trader and his nephew were killed by gunmen in Maiduguri. Police said the trader "
     "had links to a smuggling network operating in Kano. Police said the two dead men were cousins.",
     [dict(metric="killed", value=2, implied=True, relation="independent", admin1="NG-BO"),
      dict(metric="killed", value=2, relation="restates", admin1="NG-BO")]),
    # a participle between a count and its noun says what the people were, not what was done
    ("participle_before_the_noun",
     "Junta troops executed 9 captured resistance fighters near Gangaw, the group said.",
     [dict(metric="killed", value=9, admin1="MM-03")]),
    ("participle_before_the_noun_2",
     "The gang shot dead 3 kidnapped traders on the highway.",
     [dict(metric="killed", value=3)]),
    # two counts of one size in one list are two groups, never one told twice
    ("equal_counts_listed",
     "The bus bomb killed 4 pilgrims and 4 soldiers near Quetta.",
     [dict(metric="killed", value=4, relation="independent", group="pilgrims"),
      dict(metric="killed", value=4, relation="independent", group="soldiers")]),
    # "his wife" is a new person, not the man named before ("the man" would be him)
    ("kin_of_the_victim_is_someone_new",
     "Gunmen shot dead a tribal elder in Miranshah on Tuesday. His son was also killed.",
     [dict(metric="killed", value=1, implied=True), dict(metric="killed", value=1, implied=True)]),
    # a person said to be among a count is one of it, of whatever kind
    ("among_them_one_of_another_kind",
     "A roadside bomb hit a patrol near Hajin, killing 4 SDF fighters, among them a field commander.",
     [dict(metric="killed", value=4)]),
    ("later_item_of_an_including_list",
     "Nine villagers were killed in the raid, including an imam and his 2 sons.",
     [dict(metric="killed", value=9), dict(metric="killed", value=2, relation="part_of")]),
    # kin joined bare are two people ("a social leader and president" is one person, two titles)
    ("bare_kin_pair",
     "Bandits killed a farmer and wife in their home in Zurmi on Sunday.",
     [dict(metric="killed", value=2, implied=True)]),
    ("shot_dead_a_pair_word",
     "Police shot dead a couple at a checkpoint near Bamenda.",
     [dict(metric="killed", value=2, implied=True)]),
    ("martyred_singular",
     "A policeman was martyred when militants attacked a checkpoint in Bannu.",
     [dict(metric="killed", value=1, implied=True)]),
    # a gapped list of hosts: each count is its own host's
    ("gapped_refugee_hosts",
     "Since the war began, more than 400,000 refugees have crossed into Uganda and 250,000 into Kenya, UNHCR said.",
     [dict(metric="refugees", value=400000, country="UG"), dict(metric="refugees", value=250000, country="KE")]),
    ("gapped_host_subjects",
     "Turkey hosts 3.1 million Syrian refugees, Lebanon 780,000 and Jordan about 640,000.",
     [dict(metric="refugees", value=3100000, country="TR"), dict(metric="refugees", value=780000, country="LB"),
      dict(metric="refugees", value=640000, country="JO")]),
    # a chain closing with a first-level unit keeps to that unit's country ("Afar" inside "Tal Afar"
    # is no Ethiopian region here)
    ("chain_keeps_to_its_units_country",
     "On 9 June 2024, a roadside bomb killed 3 soldiers near Tal Afar (Tal Afar district, Nineveh).",
     [dict(metric="killed", value=3, country="IQ", admin1="IQ-NI")]),
    # the one named before, told again: another harm to them is new, the same harm is not
    ("another_harm_to_the_one_named",
     "Police detained a shopkeeper and his brother in Dawei on 2 March 2024. The shopkeeper died in custody "
     "a week later, his family said.",
     [dict(metric="detained", value=2, implied=True), dict(metric="killed", value=1, implied=True)]),
    ("what_the_one_named_was",
     "A man was shot dead near the market in Kalay. The man was a tailor who was killed on his way home.",
     [dict(metric="killed", value=1, implied=True)]),
    # a round telling of a head-count restates the count it rounds: a headline's, or a bound told
    # just before it at the same place
    ("round_head_count_restates_the_count",
     "Sudan: 11 million now displaced\n\nThe number of people internally displaced in Sudan has passed 11 "
     "million, IOM said. Its latest data show 11,046,000 internally displaced people in Sudan as of 4 August 2024.",
     [dict(metric="displaced", value=11000000, relation="restates"),
      dict(metric="displaced", value=11000000, relation="restates"),
      dict(metric="displaced", value=11046000, relation="independent")]),
    # what is said of people named by their relation to others is not said of those others
    ("of_the_people_named_by_relation",
     "The abductors of the 30 farmers have freed 11 of them, police in Katsina said.",
     [dict(metric="released", value=11, admin1="NG-KT")]),
    # who told is the one a relative clause is about, not the clause's object
    ("source_with_a_relative_clause",
     "A nurse who treated the wounded and their relatives told Reuters that 18 people died in the shelling of Sumy.",
     [dict(metric="killed", value=18, claimed_by="A nurse")]),
    # a participle after a comma reports for the subject of the clause it hangs on
    ("saying_after_a_clause",
     "Al-Shabaab claimed responsibility for the ambush near Jowhar on its radio station, saying its fighters "
     "had killed 9 soldiers.",
     [dict(metric="killed", value=9, claimed_by="Al-Shabaab")]),
    ("saying_after_a_statement",
     "The Arakan Army issued a statement on Sunday, saying it had captured 60 junta troops in Ann.",
     [dict(metric="detained", value=60, claimed_by="The Arakan Army")]),
    # refugees in camps are still refugees
    ("refugees_in_camps",
     "About 250,000 Sudanese refugees are living in camps in eastern Chad, UNHCR said.",
     [dict(metric="refugees", value=250000, country="TD")]),
    # a place named in a relative clause on the scene is not the scene
    ("place_in_a_relative_clause_on_the_scene",
     "In North Kivu province, which includes the city of Goma, 2.8 million people are displaced, OCHA said.",
     [dict(metric="displaced", value=2800000, admin1="CD-NK", location="North Kivu province")]),
    # what a figure is compared with is the same harm, counted for its own period
    ("compared_with_another_period",
     "Armed groups killed 1,240 people in Haiti so far this year, compared with 870 in all of 2023, BINUH said.",
     [dict(metric="killed", value=1240, cumulative=True),
      dict(metric="killed", value=870, event_date_start="2023-01-01", event_date_end="2023-12-31")]),
    ("down_from_last_month",
     "At least 32 civilians were killed in Sagaing in June, down from 51 in May, the monitor said.",
     [dict(metric="killed", value=32, event_date_start="2024-06-01"),
      dict(metric="killed", value=51, event_date_start="2024-05-01")]),
    # a country closing an organisation's name is not where the event was
    ("country_in_an_organisation_name",
     "A member of the Communist Party of India (Maoist) was killed by police near Kutru village in "
     "Bijapur district (Chhattisgarh) on Tuesday.",
     [dict(metric="killed", value=1, admin1="IN-CG")]),
    # release told as freedom regained, its subject the released
    ("regained_freedom",
     "Police said 14 of the abducted worshippers regained their freedom on Sunday.",
     [dict(metric="released", value=14)]),
    # an unknown place before a direction and its country lies in that country, kept as written
    ("unknown_place_in_a_part_of_a_country",
     "Gunmen killed nine villagers in Gidan Bawa, northwestern Nigeria, police said.",
     [dict(metric="killed", value=9, country="NG", location="Gidan Bawa")]),
    # a running total's "since" frames its own paragraph, not the next line's event
    ("since_does_not_cross_a_line_break",
     "Since 8 February, fighting around Goma has forced 97,400 people from their homes, OCHA said.\n"
     "On 17 February, a bomb fell on the Bulengo site, killing 9 displaced people.",
     [dict(metric="displaced", value=97400, cumulative=True),
      dict(metric="killed", value=9, cumulative=False, event_date_start="2024-02-17")]),
    # key-figure lines whose labels name their period or two kinds of one harm
    ("key_figure_labels_with_a_period",
     "Key figures\nTotal killed since the coup: 6,102\nRefugees and asylum-seekers: 318,000\n"
     "Civilians killed in 2024: 2,950",
     [dict(metric="killed", value=6102, cumulative=True), dict(metric="refugees", value=318000),
      dict(metric="killed", value=2950)]),
    # "said one woman was killed": the said clause's subject, not the speaker ("said one villager")
    ("said_one_victim",
     "Regional officials said one man was killed when a drone hit a bus stop in Nikopol.",
     [dict(metric="killed", value=1)]),
    # who most of a count were, said right after it, is part of who they were
    ("mostly_after_the_count",
     "The shelling left 17 people dead, mostly fishermen, in the coastal town.",
     [dict(metric="killed", value=17, group="people, mostly fishermen")]),
    # a participle on another noun tells what happened to that noun's people, not the count's
    ("attackers_injuring_another",
     "A group of 12 men attacked and beat a police team injuring one officer at the checkpoint.",
     [dict(metric="injured", value=1, group="officer")]),
    ("up_from_a_week_ago",
     "The number of people displaced in Cabo Delgado rose to 94,000, up from 67,000 a week ago, IOM said.",
     [dict(metric="displaced", value=94000), dict(metric="displaced", value=67000)]),
]

# Texts that state no humanitarian figure.
NEGATIVES: list[tuple[str, str]] = [
    ("released_from_hospital", "The boy was released from hospital on Monday."),
    ("quoted_threat", "The rebel commander vowed to 'kill 100 soldiers for every fighter we lose'."),
    ("plan_release", "The government plans to release 3,000 prisoners next month."),
    ("battalion_strength", "The battalion has 500 soldiers."),
    ("soldiers_in_camp", "About 300 soldiers remain in the camps near the border."),
    ("weapons", "Troops seized 20 rifles in the raid."),
    # a number a correction takes back
    ("correction_incorrectly_reported", "The agency had incorrectly reported that 12 people were killed."),
    ("correction_earlier_version", "An earlier version of this story incorrectly said 12 people were killed."),
    ("lost_his_job", "He lost his job after the attack on the market."),
    # the people a reporter heard are sources, not a count of the harmed
    ("sources_spoke_to", "Frontier spoke to 14 displaced people for this story."),
    ("sources_interviewed", "Amnesty interviewed 30 refugees who had fled the fighting."),
    # the ones a count of the victims spared
    ("victims_survived", "Three of the victims initially counted had survived, police said."),
    # livestock is counted by the head
    ("head_of_cattle", "The raiders burned 36 houses and took away more than 500 head of cattle."),
    ("head_of_livestock", "\"They took about 7,000 head of livestock,\" the county commissioner said."),
    ("prison_term", "He was sentenced to 10 years in prison."),
    ("percent", "Unemployment rose 12 percent after the fighting."),
    ("resolution", "Resolution 2334 condemned the killing of civilians."),
    ("route", "Fighting closed Route 9 and displaced families fled on foot."),
    ("money", "The UN appealed for $2.7 billion to help 6 million people."),
    ("units", "Police used 3 water cannons."),
    ("houses", "The airstrike destroyed 30 houses in Mindat."),
    ("team", "The team of 12 doctors treated patients at the clinic."),
    ("report_scope", "The report covers 142 countries and 90 organisations."),
    ("quota", "The army must recruit 5,000 men a month to meet its quota."),
    ("phone", "Families of the detained can call the hotline on 0912 345 678."),
    ("rate", "About a dozen of the wounded are dying every day."),
    ("euphemism_objects", "The army eliminated 3 checkpoints and neutralized 2 explosive devices."),
    ("budget", "Aid agencies have spent 40 million dollars on the displaced this year."),
    ("tourist_arrivals", "Tourist arrivals fell to 5,200 in May."),
    ("part_of_things",
     "Air defence units shot down 41 of the 58 drones launched overnight, the air force said."),
    ("portraits_of_those_killed",
     "Thousands of mourners marched through Kyaukse holding portraits of those killed in the crackdown."),
]


@pytest.mark.parametrize("cid,text,expected", CASES, ids=[c[0] for c in CASES])
def test_genre_case(cid: str, text: str, expected: list[dict]) -> None:
    figs = extract_figures(text, article_id=cid, published=PUB)
    for f in figs:
        assert text[f.char_start:f.char_end] == f.quote
    got = sorted((f.metric, f.value) for f in figs)
    assert got == sorted((e["metric"], e["value"]) for e in expected), [(f.metric, f.value, f.quote) for f in figs]
    pool = list(figs)
    for e in expected:
        cands = [f for f in pool if (f.metric, f.value) == (e["metric"], e["value"])]
        if "quote" in e:
            cands = [f for f in cands if e["quote"] in f.quote] or cands
        f = cands[0]
        pool.remove(f)
        for key, want in e.items():
            if key in ("metric", "value", "quote"):
                continue
            assert getattr(f, key) == want, (key, getattr(f, key), want, f.quote)


@pytest.mark.parametrize("cid,text", NEGATIVES, ids=[c[0] for c in NEGATIVES])
def test_genre_negative(cid: str, text: str) -> None:
    assert [(f.metric, f.value) for f in extract_figures(text, article_id=cid, published=PUB)] == []


def test_counts() -> None:
    assert len(CASES) + len(NEGATIVES) >= 40

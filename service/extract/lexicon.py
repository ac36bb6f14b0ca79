"""Word lists of the rules: how English news reports state who was harmed and how.

Everything here is lower-case. Multi-word triggers are matched on token sequences.
"""
from __future__ import annotations

# Verbs (any form) that state harm; usable as a predicate after a number ("12 were killed",
# "45 troops killed or injured") and, when transitive, before it ("killing 12").
VERBS: dict[str, str] = {}


def _add(metric: str, words: str) -> None:
    for w in words.split():
        VERBS[w] = metric


_add("killed", "kill kills killed killing slay slays slain slew massacred massacre massacres executed "
     "murdered murder murders murdering died die dies perished drowned beheaded assassinated lynched "
     "martyred slaughtered slaughter succumbed behead beheads beheading execute executes executing")
_add("injured", "injure injures injured injuring wound wounds wounded wounding hurt maimed")
_add("displaced", "displace displaces displaced displacing fled flee flees uprooted evacuated "
     "sheltering sheltered arrived relocated relocating")
_add("refugees", "crossed cross crossing")
_add("detained", "arrest arrests arrested arresting detain detains detained detaining imprisoned jailed "
     "apprehended apprehend captured capture")
_add("released", "release releases released releasing freed frees pardoned")
_add("missing", "missing disappeared")
_add("abducted", "abduct abducts abducted abducting kidnap kidnaps kidnapped kidnapping")
_add("conscripted", "conscripted conscripting drafted recruited press-ganged press-ganging press-gang mobilised "
     "mobilized mobilising mobilizing")

# Military euphemisms for killing ("10 assailants were neutralized", "the army neutralised 35
# terrorists"): killed only when the noun phrase names people (enemy fighters as the army writes them).
EUPHEMISMS = {"neutralized": "killed", "neutralised": "killed", "neutralizing": "killed", "neutralising": "killed",
              "liquidated": "killed", "liquidating": "killed", "eliminated": "killed", "eliminating": "killed"}
EUPHEMISM_HEADS = frozenset("""terrorists terrorist assailants assailant attackers attacker bandits gunmen jihadists
jihadist militants militant insurgents insurgent rebels fighters combatants enemies enemy invaders occupiers
mercenaries soldiers troops servicemen militiamen members elements criminals infiltrators raiders separatists
separatist extremists extremist""".split())

# Verbs that only count before a number with a people-noun ("soldiers took eight villagers")
WEAK_LEFT: dict[str, str] = {"took": "abducted", "take": "abducted", "taken": "abducted", "seized": "abducted",
                             "seizing": "abducted", "seize": "abducted", "seizes": "abducted", "taking": "abducted",
                             "held": "detained", "holding": "detained", "hold": "detained",
                             # a prisoner exchange frees the people it swaps ("exchanged 195 prisoners of war")
                             "exchanged": "released", "swapped": "released", "exchange": "released",
                             "swap": "released",
                             # the dead a witness buried ("we buried 19 people", "helped bury 34 bodies")
                             "buried": "killed", "bury": "killed", "burying": "killed", "buries": "killed"}
# Verbs that only count as a predicate after an auxiliary ("are being held")
PRED_ONLY: dict[str, str] = {"held": "detained", "taken": "abducted"}

# Transitive verbs that may precede their object number ("killed 12", "displacing 178,000").
LEFT_OK = {w for w, m in VERBS.items() if w not in {
    "died", "die", "dies", "perished", "drowned", "succumbed", "fled", "flee", "flees", "fleeing", "missing",
    "disappeared", "sheltering", "sheltered", "crossed", "cross", "crossing", "hurt", "wound",
    "wounds", "massacre", "massacres", "slaughter", "arrived",
}}

# Nouns/adjectives that state the metric inside the noun phrase of a number ("114 deaths",
# "12 dead", "5,400 new IDPs", "2,788 civilian casualties").
NOUNS: dict[str, str] = {
    "dead": "killed", "deaths": "killed", "death": "killed", "fatalities": "killed", "fatality": "killed",
    "bodies": "killed", "corpses": "killed", "martyrs": "killed", "killed": "killed", "deceased": "killed",
    "fallen": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured",
    "casualties": "killed_or_injured", "casualty": "killed_or_injured",
    "idps": "displaced", "idp": "displaced", "displaced": "displaced", "evacuees": "displaced",
    "homeless": "displaced",
    "displacement": "displaced", "displacements": "displaced",
    "refugees": "refugees", "refugee": "refugees", "asylum-seekers": "refugees", "asylum": "refugees",
    "arrivals": "refugees",  # ("the number of new arrivals in Chad rose to 5,200": crossed in)
    "detainees": "detained", "arrests": "detained", "detentions": "detained",
    "missing": "missing",
    "hostages": "abducted", "abductees": "abducted", "captives": "abducted", "abductions": "abducted",
    # ("12 killings were documented": a count of incidents, not of the dead; "the killings of 12": NOUN_OF)
    "kidnappings": "abducted", "disappearances": "missing",
    "lives": "killed", "conscripts": "conscripted", "recruits": "conscripted", "draftees": "conscripted",
}
# noun + "of"/"to" before a number: "the death of 20", "injury to two children", "the lives of 56"
NOUN_OF: dict[str, str] = {
    "death": "killed", "deaths": "killed", "killing": "killed", "killings": "killed", "lives": "killed",
    "bodies": "killed", "remains": "killed", "execution": "killed", "executions": "killed",
    "massacre": "killed", "murder": "killed", "murders": "killed",
    "injury": "injured", "injuries": "injured", "wounding": "injured",
    "arrest": "detained", "arrests": "detained", "detention": "detained", "imprisonment": "detained",
    "release": "released", "releases": "released",
    "abduction": "abducted", "abductions": "abducted", "kidnapping": "abducted", "kidnappings": "abducted",
    "displacement": "displaced", "evacuation": "displaced",
    "disappearance": "missing", "conscription": "conscripted", "recruitment": "conscripted",
}

# Words of a running total: "the death toll rose to 45", "the number of displaced reached ..."
TOLL_NOUNS = {"toll", "tally", "number", "total", "figure", "figures", "count"}
TOLL_LINK = {"to", "at", "of", "reached", "reach", "reaches", "hit", "hits", "tops", "topped", "top",
             "exceeded", "exceeds", "exceed", "surpassed", "passed", "stands", "stood", "is", "was",
             "now", "climbed", "rose", "risen", "rises", "jumped", "surged", "soared", "increased",
             "grown", "grew", "reaching", "hitting", "topping", "exceeding", "exceeding", "crossed",
             "placed", "put", "puts", "totaling", "totalling", "totalled", "totaled", "has", "have", "had",
             "number", "numbers", "passes", "surpasses", "crosses", "nears", "neared", "nearing", "approaches",
             "approached", "approaching",
             # ("the number of dead has gone up to 17", "the toll went up to 17")
             "up", "gone", "went", "goes", "go", "mounted", "mounts"}
# Words that end a noun phrase (auxiliaries and relatives), a subset of AUX.
NP_STOP = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "remain", "remained",
           "remains", "who", "that", "which", "will", "would", "could", "may", "might", "get", "got",
           "whose", "whom", "also", "reportedly", "allegedly", "still", "now", "already", "later", "all",
           # where people are, not who they are: "refugees living in Bangladesh"
           "live", "lived", "living", "stay", "stayed", "staying", "reside", "resided", "residing"}

# Auxiliaries and adverbs skipped between a noun phrase and its predicate.
AUX = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "remain", "remained",
       "remains", "got", "get", "later", "also", "reportedly", "allegedly", "now", "still", "already",
       "all", "confirmed", "believed", "feared", "thought", "presumed", "recently", "newly", "currently",
       # ("2,000 people are registered as missing": a listing verb before "as" and the state)
       "registered", "listed", "recorded", "counted", "documented", "declared", "classified",
       "subsequently", "further", "then", "just", "either", "both", "to", "reported", "said", "estimated",
       "internally", "forcibly", "forced", "brutally", "fatally", "allegedly", "arbitrarily", "illegally",
       "unlawfully", "seriously", "critically", "severely", "badly", "mostly", "each", "in", "total",
       "who", "that", "which", "had", "effectively", "temporarily", "permanently", "officially",
       "so", "far", "since", "immediately", "eventually", "finally", "again", "initially", "likely",
       "probably", "may", "might", "have", "daily", "similarly", "consequently", "thus", "therefore",
       "shot", "being", "been", "ultimately", "apparently", "tragically"}
MODALS_HYPO = {"could", "would", "may", "might", "will", "shall", "should", "must", "can"}

# Heads of noun phrases that are not people: a number before them is never a figure.
NONPEOPLE = set("""
house houses home homes building buildings school schools hospital hospitals clinic clinics church churches
monastery monasteries mosque mosques temple temples village villages town towns township townships city cities
communities hamlets settlements
district districts province provinces state states region regions camp camps site sites shelter shelters
centre centres center centers base bases outpost outposts post posts position positions headquarters barracks
jet jets aircraft plane planes helicopter helicopters drone drones bomb bombs shell shells round rounds rocket
rockets missile missiles mine mines landmine landmines bullet bullets gun guns rifle rifles weapon weapons
vehicle vehicles truck trucks car cars tank tanks boat boats ship ships bridge bridges road roads
motorcycle motorcycles motorbike motorbikes bicycle bicycles van vans bus buses lorry lorries tractor tractors
firearm firearms pistol pistols grenade grenades cartridges magazines explosives
phone phones laptop laptops computer computers
airstrike airstrikes air-strike strikes strike attack attacks raid raids clash clashes battle battles incident
incidents explosion explosions blast blasts shelling massacres ambushes bombings
year years month months week weeks day days hour hours minute minutes decade decades night nights
km kilometers kilometres kilometer kilometre mile miles meter meters metres metre feet foot acres hectares
percent per cent percentage dollars kyat kyats baht euros rupees yuan million-dollar
battalion battalions brigade brigades division divisions regiment regiments company companies column columns
unit units troop-strength
time times case cases report reports complaint complaints list lists batch batches page pages article
articles section sections point points locality localities municipality municipalities
family-members meal meals tonnes tons kg kilograms litres bags packages kits ton
prison prisons jail jails camps factions sides parties groups locations areas places organizations
organisations countries nations agencies warehouses properties property structures structure shops shop markets market factories factory office offices
cow cows cattle goat goats pig pigs sheep buffalo buffaloes buffalos oxen horse horses camel camels dog dogs donkey
donkeys mules chickens hens poultry livestock animals birds elephants calves bulls
""".split())

# Nouns that name people (a figure's group). Used for confidence and to allow weak links.
PEOPLE = set("""
people persons person individuals civilians civilian villagers villager residents resident locals local
children child kids boys girls minors infants babies women woman men man adults elderly youths youth
students student teachers teacher doctors nurses medics workers worker staff members member journalists
reporters monks nuns priests pastors protesters protestors demonstrators activists politicians officials
soldiers soldier troops troop jawans personnel servicemen officers police policemen policemen guards fighters
combatants militants rebels insurgents militiamen militia guerrillas recruits conscripts cadets
refugees refugee idps displaced migrants nationals citizens inhabitants passengers farmers miners
fishermen traders prisoners inmates detainees hostages captives victims martyrs bodies others more criminals convicts
families households heroes comrades relatives brothers sisters sons daughters mothers fathers
palestinians gazans rohingya israelis ukrainians sudanese syrians yemenis tigrayans alawites muslims
christians buddhists hindus
drivers pilots crew sailors leaders volunteers patients survivors pupils schoolchildren teenagers lawyers
mourners worshippers pilgrims bystanders porters labourers laborers vendors herders
rescuers firefighters paramedics responders worshipers shoppers commuters passers-by passersby onlookers
spectators voters guests tourists employees staffers asylum-seekers
""".split())

# Classes of groups, tested in order.
GROUP_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    ("children", frozenset("children child kids boys girls minors infants babies pupils schoolchildren teenagers".split())),
    ("state_forces", frozenset("""soldiers soldier troops troop jawans army military junta regime security police policemen
        personnel servicemen officers guards bgf sac tatmadaw forces government pro-junta pyu saw htee""".split())),
    ("non_state_armed_group", frozenset("""fighters combatants militants rebels insurgents militiamen militia guerrillas
        resistance pdf pdfs kia knla tnla mndaa aa eao eaos jihadists jihadist hamas rsf m23 isis al-shabaab
        kndf cnf cna assailants terrorists gunmen bandits attackers islamists jnim""".split())),
    ("civilians", frozenset("""civilians civilian villagers residents locals women men elderly youths students
        teachers doctors nurses medics workers journalists monks nuns priests protesters protestors
        demonstrators activists farmers miners fishermen traders passengers refugees idps displaced
        families households people persons individuals inhabitants citizens
        villager resident woman man youth student teacher doctor nurse medic worker journalist monk nun
        priest protester demonstrator activist farmer miner fisherman trader passenger refugee idp
        person individual inhabitant citizen""".split())),
)

# Verbs of return and aid: a noun figure next to them is a response figure, not harm.
RETURN_VERBS = {"returned", "return", "returning", "returns", "repatriated", "resettled", "went", "back"}
AID_WORDS = {"assistance", "assisted", "assist", "aid", "reached", "reaching", "reach", "provided", "providing",
             "supported", "supporting", "served", "serving", "targeted", "target", "targeting", "need", "needing",
             "distributed", "vaccinated", "fed", "helped", "helping", "benefited",
             "relief", "support"}
HYPO_WORDS = {"plan", "plans", "planned", "planning", "aim", "aims", "aimed", "aiming", "intend", "intends",
              "intended", "quota", "target", "targets", "expected", "projected", "forecast", "enlist",
              "risk", "could", "would", "might", "will"}
RATE_WORDS = {"day", "daily", "week", "weekly", "month", "monthly", "year", "annually", "yearly"}
CLAUSE_STOP = {"while", "but", "after", "before", "when", "because", "although", "though", "whereas",
               "if", "unless", "until", "where", "whose", "whom", "as", "than", "since", "during",
               "following", "amid", "despite"}

REPORT_VERBS = {"said", "says", "say", "told", "tells", "reported", "reports", "report", "claimed", "claims",
                "claim", "confirmed", "confirms", "announced", "announces", "stated", "states", "estimated",
                "estimates", "documented", "documents", "recorded", "records", "noted", "added", "alleged",
                "alleges", "counted", "verified", "quoted", "wrote", "posted", "tweeted", "declared",
                "compiled", "revealed", "indicated", "indicates", "showed", "shows", "put", "puts",
                "according"}

SINCE_EVENT = ("coup", "takeover", "take-over", "war", "conflict", "offensive", "fighting", "escalation",
               "invasion", "crisis", "began", "start", "outbreak", "seizure", "operation", "violence")

# people named by their kinship to someone ("a husband and wife", "his son"), and by their tie to
# someone ("his bodyguard"): each a person of their own
KIN = frozenset("""wife husband son daughter mother father brother sister child baby nephew niece
grandson granddaughter grandmother grandfather uncle aunt cousin parent children""".split())
ASSOCIATES = frozenset("""partner fiancé fiancée relative colleague friend bodyguard driver assistant""".split())

"""The words SME owners use, in German and English, mapped to the slot values the catalog knows.

Patterns: "wort" = the whole word, "wort*" = words beginning with it, "zwei worte" = a phrase. Matching folds
umlauts and tolerates small typos on longer words (vocabulary_matcher). Topic and target-group slugs are the
ones programs.yaml uses.
"""

from __future__ import annotations

# --- sector (the company's line of business) → target-group slug ---------------------------------
SECTORS: dict[str, tuple[str, ...]] = {
    "handwerk": (
        "handwerk*", "handwerker*", "meisterbetrieb*", "gewerk*", "schreiner*", "tischler*", "bäcker*",
        "backstube", "konditor*", "metzger*", "fleischer*", "elektriker*", "elektrobetrieb*", "elektrohandwerk*",
        "elektroinstallat*", "elektrofirma", "sanitär*", "heizungsbau*", "shk", "installateur*", "klempner*",
        "elektrotechnikermeister*", "elektroniker*", "meister", "meisterin", "meisterbrief*", "meisterprüfung*",
        "meistertitel",
        "dachdecker*", "maler", "malerbetrieb*", "malermeister*", "lackierer*", "lackiererei*", "friseur*",
        "frisör*", "kfz-werkstatt", "kfz werkstatt", "autowerkstatt*", "zimmerei*", "zimmermann*", "zimmerer*",
        "maurer*", "fliesenleger*", "glaser*", "glaserei*", "goldschmied*", "optiker*", "hörakustik*",
        "zahntechnik*", "steinmetz*", "schlosser*", "metallbau*", "schornsteinfeger*", "gebäudereinig*",
        "raumausstatter*", "stuckateur*", "kfz-betrieb", "kfz betrieb", "parkettleger*", "bootsbau*",
        "craft business", "crafts business", "craftsman", "craftsmen", "carpenter*", "joiner*", "joinery",
        "bakery", "baker", "butcher*", "electrician*", "plumber*", "plumbing", "roofer*", "hairdresser*",
    ),
    "industrie": (
        "industrie", "industriebetrieb*", "industrieunternehm*", "industriell*", "fertigungsbetrieb*",
        "hersteller*", "produktionsbetrieb*", "produzierend*", "maschinenbau*", "metallverarbeit*",
        "kunststoffverarbeit*", "chemieunternehm*", "zulieferer*", "automobilzuliefer*", "gießerei*", "fabrik*",
        "manufacturing", "manufacturer*", "factory", "factories", "industrial",
    ),
    "handel": (
        "handel", "einzelhandel*", "großhandel*", "onlinehandel*", "händler*", "einzelhändler*", "großhändler*",
        "onlineshop*", "online-shop*", "webshop*", "e-commerce", "ecommerce", "ladengeschäft*", "ladenlokal*",
        "retail", "retailer*", "wholesale*", "wholesaler*", "shop owner",
    ),
    "dienstleistung": (
        "dienstleist*", "agentur*", "ingenieurbüro*", "planungsbüro*", "architekturbüro*", "steuerbüro*",
        "kanzlei*", "it-dienstleist*", "softwarefirma", "softwareunternehmen", "softwarehaus", "softwareentwickler*",
        "logistik*", "spedition*", "pflegedienst*", "gastronomie*", "restaurant*", "hotel*", "reisebüro*",
        "werbeagentur*", "unternehmensberatung", "beratungsunternehmen", "beratungsfirma", "grafikdesign*",
        "webdesign*", "mediendesign*",
        "service provider", "services company", "agency", "consultancy", "software company", "it company",
    ),
    "startup": ("startup*", "start-up*", "start up", "jungunternehm*", "junges unternehmen", "spin-off*", "spinoff*"),
}

# Sector slugs as the catalog's target groups name them.
SECTOR_TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "handwerk": ("handwerk",),
    "industrie": ("industrie",),
    "handel": ("handel",),
    "dienstleistung": ("dienstleistung",),
    "startup": ("startup", "gruender"),
}

# --- project topic → topic slug ------------------------------------------------------------------
TOPICS: dict[str, tuple[str, ...]] = {
    "ki": (
        "ki", "ki-projekt*", "ki-lösung*", "ki-anwendung*", "künstliche intelligenz", "künstlicher intelligenz",
        "künstlichen intelligenz", "kuenstliche intelligenz", "intelligenz", "chatgpt", "chatbot*", "llm",
        "sprachmodell*", "maschinelles lernen", "maschinellem lernen", "machine learning", "bilderkennung",
        "neuronale*", "ai", "artificial intelligence", "deep learning", "data mining", "datamining",
        "echtzeit*", "augmented reality", "virtual reality", "ar/vr", "vr-brille*", "ar-brille*", "real-time",
        "predictive maintenance", "bildverarbeitung", "computer vision",
    ),
    "digitalisierung": (
        "digital*", "software", "erp",
        "erp-system*", "crm", "cloud", "industrie 4.0", "webseite*", "website*", "homepage", "app", "apps",
        "automatisier*", "edv", "it-system*", "online", "onlinemarketing", "digitization", "digitalization",
        "digitalisation", "digitise", "digitize", "digitalise", "digitalize",
    ),
    "fue": (
        "forschung*", "forschungsprojekt*", "f&e", "fue", "r&d", "prototyp*", "entwicklungsprojekt*",
        "forschen", "research*", "prototype*", "experimentelle entwicklung", "entwickeln", "entwickelt",
        "weiterentwickeln", "entwicklungsvorhaben*", "develop", "developing", "development",
    ),
    "innovation": (
        "innovation", "innovationen", "innovations", "innovationsprojekt*", "innovationsvorhaben*",
        "innovationsförder*", "innovationskredit*", "innovativ*", "produktentwicklung*", "neues produkt",
        "neue produkte", "neuentwicklung*",
        "produktidee*", "erfindung*", "patent*", "new product", "new products",
    ),
    "energie": (
        "energie*", "photovoltaik*", "pv-anlage*", "solar*", "wärmepumpe*", "klimaschutz*", "co2*",
        "dekarbonisier*", "wasserstoff*", "ressourceneffizien*", "klimaneutral*", "effizienz*", "strom*",
        "heizung", "energy", "heat pump*", "climate", "renewable*", "emission*", "hydrogen",
    ),
    "gruendung": (
        "gründung*", "gründen", "gründer*", "neugründung*", "ausgründung*", "ausgründen", "existenzgründ*",
        "selbstständig*",
        "selbständig*", "nachfolge*", "betriebsübernahme*",
        "übernahme", "founding", "found a company", "founder*", "start a business", "starting a business",
        "set up a company", "self-employed",
    ),
    "finanzierung": (
        "finanzierung*", "liquidität*", "betriebsmittel*", "finanzieren", "kapitalbedarf", "financing", "finance",
    ),
    "investition": (
        "investition*", "investier*", "maschine", "maschinen", "*maschine", "*maschinen", "anschaffung*", "neubau*",
        "erweiterung*", "hallenbau", "halle", "hallen", "lagerhalle*", "neues lager", "betriebsgebäude*", "anbau",
        "invest", "investment*", "machine*", "equipment",
    ),
    "eu": (
        "eu", "eu-förder*", "eu-programm*", "europa", "europäisch*", "horizon", "horizont europa", "eic",
        "european", "europe",
    ),
    "international": (
        "export*", "ausland*", "international*", "messe*", "auslandsmarkt*", "auslandsmärkte*", "abroad",
        "trade fair*", "foreign market*", "overseas",
    ),
    "it-sicherheit": (
        "it-sicherheit", "it sicherheit", "cybersicherheit", "cyber*", "informationssicherheit", "hacker*",
        "ransomware", "datensicherheit", "it security", "security", "cybersecurity",
    ),
    "fachkraefte": (
        # "Ausbildung" alone is as often the founder's own training ("hab Ausbildung gemacht") as the company's.
        "fachkräfte*", "fachkraft", "azubi*", "auszubildende*", "ausbildungs*", "ausbilden", "weiterbildung*",
        "qualifizier*",
        "personalgewinnung", "skilled worker*", "apprentice*", "training",
        # hiring: wage subsidies for new staff (Eingliederungszuschuss); not "Mitarbeiter", which states a size
        "neueinstellung*", "einstellen", "lohnkostenzuschuss*", "eingliederungszuschuss*", "langzeitarbeitslos*",
        "new hire*", "hiring", "wage subsid*",
    ),
    "kreativwirtschaft": (
        "kreativwirtschaft*", "kultur- und kreativ*", "medienbranche", "games", "gamesbranche", "filmproduktion*",
        "designbüro*", "creative industr*",
    ),
    "beratung": (
        "*beratung", "beratung", "beratungen", "berater", "beraterin", "coaching", "coach", "consulting",
        "consultant*",
    ),
    "wissenstransfer": (
        "hochschule*", "universität*", "uni", "forschungseinrichtung*", "forschungsinstitut*", "fraunhofer*",
        "wissenstransfer*", "technologietransfer*", "transfer", "wissenschaft*", "university", "universities",
        "research institute*", "knowledge transfer",
    ),
}

# When a message names several topics, the more specific one leads (it picks programmes and partners).
TOPIC_PRIORITY: tuple[str, ...] = (
    "gruendung", "eu", "international", "wissenstransfer", "fue", "energie", "it-sicherheit", "ki", "fachkraefte",
    "kreativwirtschaft", "innovation", "investition", "digitalisierung", "finanzierung", "beratung",
)

# Verbs that make "Wer …?" a question for a person to talk to.
HELP_VERBS = frozenset({"helfen", "hilft", "weiterhelfen", "unterstutzen", "unterstutzt", "beraten", "berat",
                        "help", "helps", "support", "advise", "assist"})

# Canonical German search words per topic: the corpus is German, so English questions are searched with these.
TOPIC_QUERY_WORDS: dict[str, str] = {
    "ki": "KI Künstliche Intelligenz",
    "digitalisierung": "Digitalisierung",
    "fue": "Forschung Entwicklung",
    "innovation": "Innovation",
    "energie": "Energie Energieeffizienz",
    "gruendung": "Gründung",
    "finanzierung": "Finanzierung",
    "investition": "Investition",
    "eu": "EU Förderung Europa",
    "international": "Export Internationalisierung",
    "it-sicherheit": "IT-Sicherheit",
    "fachkraefte": "Fachkräfte Weiterbildung",
    "kreativwirtschaft": "Kreativwirtschaft",
    "wissenstransfer": "Hochschule Wissenstransfer",
    "beratung": "Beratung",
}

SECTOR_QUERY_WORDS: dict[str, str] = {
    "handwerk": "Handwerk",
    "industrie": "Industrie",
    "handel": "Handel",
    "dienstleistung": "Dienstleistung",
    "startup": "Start-up",
}

# --- funding type wanted -------------------------------------------------------------------------
FUNDING_TYPES: dict[str, tuple[str, ...]] = {
    "zuschuss": (
        "zuschuss*", "zuschüsse*", "*zuschuss", "*zuschüsse", "zuschuß", "gutschein*", "*gutschein",
        "nicht rückzahlbar*", "geschenktes geld", "grant", "grants", "subsid*", "voucher*", "non-repayable",
    ),
    "darlehen": ("darlehen*", "kredit*", "*darlehen", "*kredit", "*kredite", "loan*", "credit"),
    "buergschaft": ("bürgschaft*", "*bürgschaft", "garantie*", "guarantee*"),
    "beteiligung": ("beteiligung*", "wagniskapital", "risikokapital", "venture capital", "equity", "eigenkapital*",
                    "finanzierungsrunde*", "seed-runde", "seed round", "funding round"),
    "steuer": ("steuerlich*", "steuer", "steuern", "tax credit", "tax relief"),
    "beratung": (
        "beratung", "beratungen", "beratungsförderung", "geförderte beratung", "berater", "beraterin", "coaching",
        "consulting", "consultant*", "advice",
    ),
    "stipendium": ("stipendium", "stipendien", "*stipendium", "*stipendien", "scholarship*", "stipend*"),
}

# People who bring equity: naming them asks for equity only when no kind of funding is named ("Gibt es einen
# Zuschuss für Investoren?" wants a grant; "Wir haben einen Business Angel – gibt es Förderung?" wants equity).
EQUITY_PEOPLE: tuple[str, ...] = ("business angel*", "business-angel*", "investor*", "kapitalgeber*", "angel investor*")

# How each wanted funding type shows in the catalog's free-text funding_type field (folded word beginnings).
FUNDING_TYPE_CATALOG_WORDS: dict[str, tuple[str, ...]] = {
    "zuschuss": ("zuschuss", "gutschein", "zuwendung", "stipendium"),  # money that is not paid back
    "darlehen": ("darlehen", "kredit"),
    "buergschaft": ("burgschaft", "garantie"),
    "beteiligung": ("beteiligung", "eigenkapital", "wagnis"),
    "steuer": ("steuer",),
    "beratung": ("beratung",),
    "stipendium": ("stipendium",),
}

# --- intent cues ---------------------------------------------------------------------------------
PARTNER_CUES: tuple[str, ...] = (
    "ansprechpartner*", "ansprechperson*", "ansprechstelle*", "anlaufstelle*", "kontakt*", "anrufen", "anruf",
    "telefon*", "telefonnummer*", "durchwahl", "zuständig*", "wen kann", "an wen", "wer kann mir helfen",
    "wer hilft", "wer berät", "beraten lassen", "persönlich*", "vor ort", "termin", "ihk", "hwk",
    "handwerkskammer*", "kammer", "wirtschaftsförderung*", "contact*", "call someone", "call them", "phone",
    "who can help", "who can i", "talk to", "speak to", "in person", "person to", "someone to",
)

NETWORK_CUES: tuple[str, ...] = (
    "innovationspartner*", "nrw.innovationspartner", "netzwerk*", "veranstaltung*", "event*", "workshop*",
    "webinar*", "seminar*", "infoabend*", "network*", "meetup*",
)

FUNDING_CUES: tuple[str, ...] = (
    "förder*", "foerder*", "fördermittel*", "förderprogramm*", "programm*", "unterstützung*", "zuschuss*",
    "geld", "gibts", "gibt es", "finanzier*", "fund*", "grant*", "subsid*", "support*", "programme*",
    "program", "programs", "money",
)

GREETINGS: tuple[str, ...] = (
    "hallo", "hi", "hey", "moin", "servus", "guten tag", "guten morgen", "guten abend", "grüß gott", "hello",
    "good morning", "good afternoon",
)
THANKS: tuple[str, ...] = ("danke*", "dankeschön", "vielen dank", "merci", "thanks", "thank you", "cheers")
FAREWELLS: tuple[str, ...] = ("tschüss", "tschüs", "ciao", "auf wiedersehen", "bis bald", "bye", "goodbye")
ABOUT_BOT: tuple[str, ...] = (
    "wer bist du", "wer sind sie", "was bist du", "was kannst du", "was können sie", "bist du ein mensch",
    "sind sie ein mensch", "bist du eine ki", "echter mensch", "echte person", "ein bot", "so ein bot",
    "bist du ein bot", "who are you", "what are you", "what can you do", "are you human", "are you a bot",
    "real person", "a real human",
)

# Clearly off-topic subjects (only decisive when nothing in the message is about business or funding).
OFF_TOPIC_CUES: tuple[str, ...] = (
    "rezept*", "kuchen*", "marmorkuchen", "backe", "kochen", "wetter*", "fußball*", "bundesliga", "witz*",
    "gedicht*", "horoskop*", "lottozahlen", "urlaub*", "recipe*", "cake", "weather", "football", "soccer",
    "joke*", "poem*", "holiday*",
)

# Questions for another kind of adviser (tax, law, social insurance): out of scope unless the message also asks
# about funding ("steuerliche Forschungszulage" is funding, "Grundfreibetrag" is a tax adviser's question).
ADVISER_CUES: tuple[str, ...] = (
    "grundfreibetrag", "freibetrag", "steuererklärung*", "einkommensteuer*", "umsatzsteuer*", "mehrwertsteuer*",
    "vorsteuer*", "lohnsteuer*", "gewerbesteuer*", "kirchensteuer", "steuerklasse*", "abschreibung*", "afa",
    "steuerlich absetzen", "von der steuer absetzen", "steuern sparen", "abschreiben", "absetzen", "abmahnung*",
    "arbeitsrecht*", "gesellschaftsvertrag*", "rechtssicher*", "vesting", "satzung",
    "arbeitsvertrag*", "kündigungsfrist*", "kündigungsschutz*", "mietvertrag*", "mietrecht*", "impressum", "agb",
    "verklagen", "klage", "kindergeld*", "elterngeld*", "rente", "renten", "rentenversicherung*", "bafög",
    "wohngeld*", "krankenversicherung*", "krankenkasse*", "income tax", "tax return", "tax allowance", "vat",
    "employment law", "labour law", "lawsuit", "sue", "pension*", "child benefit*",
)

# A turn that opens like this corrects an earlier slot ("nein, wir sitzen in Detmold").
CORRECTION_CUES: tuple[str, ...] = (
    "nein", "nee", "nö", "korrektur", "falsch", "sorry", "eigentlich", "vielmehr", "sondern",
    "stimmt nicht", "stimmt auch nicht", "ich meine", "ich meinte", "korrigiere", "verschrieben", "tippfehler",
    "mein fehler", "no", "actually", "rather", "i meant", "i mean", "correction", "wrong", "my mistake",
)

# Words that point back to the previous turn ("wen kann ich da anrufen", "wie hoch ist der").
ANAPHORA: tuple[str, ...] = (
    "da", "dafür", "dazu", "darüber", "davon", "hierfür", "hierzu", "der", "die", "das", "dem", "den", "dieser",
    "diese", "dieses", "diesem", "diesen", "es", "ihn", "ihm", "it", "that", "this", "there", "them", "those",
)
# Words that mean something else and must not be read as a typo of a vocabulary word ("funding" ≠ "founding").
KNOWN_WORDS: tuple[str, ...] = (
    "funding", "fund", "funds", "funded", "finding", "förderung", "fördern", "gefördert", "betrieb", "betriebe",
    "unternehmen", "maschinenbau*", "leute", "mitarbeiter*", "projekt*", "vorhaben", "programm*", "programme*",
    "ausbildung", "grün", "grüne", "grünen", "grüner", "grünes", "gruen", "gruene", "gruenen", "gruener", "gruenes",
    "beraten", "berät", "beraet",  # "wer kann uns beraten?" asks for a partner, it is no typo of "Berater"
)

FOLLOW_UP_OPENERS: tuple[str, ...] = (
    "und", "auch", "außerdem", "was ist mit", "wie ist es mit", "wie sieht es", "and", "what about", "how about",
    "also",
)

# Questions about details of a programme already discussed ("und wie hoch ist der?"), by kind of detail.
DETAIL_CUES: dict[str, tuple[str, ...]] = {
    "amount": ("wie hoch", "wie viel", "wieviel", "höhe", "förderhöhe*", "förderquote*", "fördersatz*", "maximal*",
               "how much", "how high", "amount", "rate"),
    "eligibility": ("wer kann", "wer darf", "wer bekommt", "voraussetzung*", "bedingung*", "antragsberechtigt*",
                    "gefördert werden", "für wen", "who can", "who is", "eligib*", "requirement*", "conditions"),
    "deadline": ("bis wann", "frist*", "stichtag*", "deadline*", "until when", "laufzeit"),
    "procedure": ("wie beantrag*", "wie stelle ich", "antrag*", "beantrag*", "ablauf*", "verfahren*", "how do i apply",
                  "how to apply", "apply", "application", "procedure"),
}

# Chat filler that carries nothing for search (stop words are removed by the analyzer anyway).
FILLER: tuple[str, ...] = (
    "gibts", "gibt", "geht", "gehts", "beim", "vom", "zum", "zur", "muss", "müssen", "beachten", "ne", "nen",
    "mal", "halt", "eben", "bitte", "hallo", "danke", "leute",
    "leuten", "mitarbeiter*",
    "beschäftigte*", "angestellte*", "team", "firma", "betrieb", "unternehmen", "wir", "uns", "unsere", "unser",
    "sitzen", "sind", "nein", "doch", "eigentlich", "ok", "okay", "ja", "vielleicht", "kann", "können", "möchten",
    "wollen", "würden", "suche", "suchen", "brauche", "brauchen", "hätte", "hätten", "gern", "gerne", "etwas",
    "was", "wie", "wo", "wer", "wen", "welche", "welcher", "welches", "there", "is", "are", "we", "our", "any",
    "some", "what", "which", "who", "can", "could", "would", "please", "company", "business", "firm",
    "employees", "staff", "people", "mio", "millionen", "million", "euro", "eur", "umsatz", "turnover", "revenue",
    "passt", "passen", "passend*", "machen",  # "Welche Förderung passt?" asks, it names no subject
)

"""Words that must never be read as a misspelt place name, and the cues that announce a place.

Typo matching is the risky part of place recognition ("vielen" is one letter from "Velen", "Dürfen" from
"Düren"), so it only runs on tokens that pass these guards. The list was grown by running the resolver over
ordinary German text and the project's own questions; add a word here when it is ever mistaken for a place.
"""

from __future__ import annotations

# Folded forms (ae/oe/ue/ss), as produced by indexer/text_folding.py:fold_name.
PLACE_CUES = frozenset({
    "in", "im", "aus", "bei", "nahe", "naehe", "von", "vom", "nach", "raum", "grossraum", "region",
    "umgebung", "stadt", "gemeinde", "standort", "standorte", "sitz", "ort", "stadtteil", "ortsteil",
    "zwischen", "richtung",
    "kreis", "landkreis", "kreises",
})

# "22 MA, Bünde": a headcount, a comma, then a place is how people describe their company, so a place name that is
# also a common word ("Bünde", "Senden") counts as a place there.
HEADCOUNT_WORDS = frozenset({
    "ma", "mitarbeiter", "mitarbeitern", "mitarbeiterinnen", "mitarbeitende", "mitarbeitenden", "beschaeftigte",
    "beschaeftigten", "angestellte", "angestellten", "leute", "leuten", "personen", "employees", "staff", "people",
})

# Words that make the number after them a Postleitzahl, whatever follows it ("PLZ 58511, 20 Leute").
PLZ_CUES = frozenset({"plz", "postleitzahl", "postleitzahlen", "postcode", "postal", "zip", "zipcode", "code"})

# Words after which a capitalised word that is also an ordinary word names a place: "sondern Essen". ("meine"
# is left out: "meine Lage" is a situation.)
CORRECTION_CUES = frozenset({"sondern", "eigentlich", "actually", "meinte", "meant"})

KREIS_WORDS = frozenset({"kreis", "landkreis", "kreises", "landkreises"})

# Words right after a five-digit number that make it an amount, not a Postleitzahl.
NUMBER_UNIT_WORDS = frozenset({
    "euro", "eur", "dollar", "usd", "chf", "prozent", "mitarbeiter", "mitarbeiterinnen", "mitarbeitende",
    "beschaeftigte", "angestellte", "leute", "personen", "kunden", "stueck", "einwohner", "teilnehmer", "qm",
    "quadratmeter", "m2", "km", "kilometer", "kwh", "mwh", "kw", "tonnen", "kg", "liter", "stunden", "tage",
    "jahre", "mal", "artikel", "produkte", "auftraege", "nutzer", "seiten", "zeilen",
})

# Endings of nouns, verbs and adjectives that no NRW place name has (rechecked against the gazetteer on load).
NON_PLACE_SUFFIXES = (
    "ung", "ungen", "heit", "keit", "schaft", "schaften", "tion", "tionen", "taet", "ismus", "ieren", "iert",
    "nahme", "isch", "ische", "ischen", "weise", "lich", "liche", "lichen", "bar", "chen",
)

STOP_WORDS = frozenset({
    # pronouns, articles, conjunctions, adverbs
    "diese", "dieser", "dieses", "diesem", "diesen", "einer", "einem", "einen", "eines", "unser", "unsere",
    "unserem", "unseren", "unserer", "unseres", "ihrer", "ihrem", "ihren", "ihres", "meine", "meinem",
    "meinen", "meiner", "deren", "dessen", "welche", "welcher", "welchem", "welchen", "welches", "jeder",
    "jedem", "jeden", "alles", "allen", "aller", "andere", "anderen", "anderer", "vielen", "viele", "vieler",
    "einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen", "beide", "beiden", "keine", "keinen",
    "keiner", "selbst", "schon", "bereits", "immer", "wieder", "gerne", "gerade", "damit", "dabei", "dafuer",
    "darueber", "deshalb", "danach", "zudem", "sowie", "sodass", "sondern", "sowohl", "wobei", "weil", "denn",
    "obwohl", "waehrend", "zwischen", "unter", "ueber", "gegen", "seit", "bevor", "nachdem", "etwas",
    "nichts",
    "wirklich", "eigentlich", "bitte", "danke", "hallo", "guten", "morgen", "abend", "heute", "gestern",
    "derzeit", "aktuell", "zurzeit", "zukunft", "bisher", "spaeter", "frueher", "sofort", "bald", "etwa",
    "ungefaehr", "knapp", "rund", "insgesamt", "jeweils", "ebenfalls", "ausserdem", "trotzdem", "allerdings",
    "leider", "vielleicht", "vielmehr", "genau", "ganze", "ganzen", "neuen", "neuer", "neues", "kleine",
    "kleinen", "kleiner", "grosse", "grossen", "grosser", "mittlere", "mittleren", "mittlerer", "eigene",
    "eigenen", "eigener", "erste", "ersten", "erster", "zweite", "zweiten", "letzte", "letzten", "naechste",
    "naechsten", "besten", "bessere", "besseren", "wichtig", "wichtige", "wichtigen", "moeglich",
    "moeglichst",
    "deutsch", "deutsche", "deutschen", "englisch", "digital", "digitale", "digitalen", "innovativ",
    "innovative", "innovativen", "regional", "regionale", "regionalen", "lokale", "lokalen",
    # verbs and their forms
    "haben", "hatte", "hatten", "haetten", "haette", "werden", "wurde", "wurden", "wuerde", "wuerden",
    "koennen", "koennte", "koennten", "konnte", "konnten", "muessen", "muesste", "musste", "sollen", "sollte",
    "sollten", "wollen", "wollte", "wollten", "duerfen", "durfte", "moechte", "moechten", "brauchen",
    "brauche", "braucht", "suchen", "suche", "sucht", "finden", "finde", "findet", "planen", "plane", "plant",
    "machen", "mache", "macht", "geben", "gibt", "kommen", "kommt", "gehen", "geht", "stehen", "steht",
    "sitzen", "sitze", "sitzt", "arbeiten", "arbeite", "arbeitet", "fragen", "frage", "fragt", "wissen",
    "weiss", "helfen", "hilft", "lassen", "laesst", "bekommen", "bekommt", "erhalten", "erhaelt",
    "beantragen",
    "beantragt", "foerdern", "foerdert", "gefoerdert", "beraten", "beraet", "investieren", "investiert",
    "gruenden", "gegruendet", "digitalisieren", "starten", "startet", "nutzen", "nutzt", "bieten", "bietet",
    "zahlen", "zahlt", "kaufen", "kauft", "verkaufen", "verkauft", "liefern", "liefert", "herstellen",
    "stellen", "stellt", "wenden", "kennen", "kennt", "denken", "glauben", "meint", "sagen", "sagt",
    "schreiben", "lesen", "lernen", "zeigen", "zeigt", "bleiben", "bleibt", "laufen", "laeuft", "fuehren",
    "fuehrt", "beginnen", "beginnt", "entwickeln", "entwickelt", "umsetzen", "einsetzen", "einfuehren",
    "erweitern", "erneuern", "modernisieren", "automatisieren", "optimieren", "sparen", "senken", "erhoehen",
    "beschaeftigen", "beschaeftigt", "angestellt", "gesucht", "geplant", "gemacht",
    # nouns of SME conversations
    "firma", "firmen", "betrieb", "betriebe", "betrieben", "betriebs", "unternehmen", "unternehmens",
    "kunden", "kunde", "mitarbeiter", "mitarbeitern", "mitarbeitende", "leute", "menschen", "personen",
    "frauen", "herren", "damen", "hilfe", "hilfen", "antwort", "antworten", "thema", "themen",
    "bereich", "bereiche", "bereichen", "branche", "branchen", "markt", "maerkte", "produkt", "produkte",
    "produkten", "projekt", "projekte", "projekten", "projekts", "programm", "programme", "programmen",
    "kosten", "preise", "preisen", "geld", "mittel", "mitteln", "zuschuss", "zuschuesse", "kredit", "kredite",
    "darlehen", "antrag", "antraege", "bank", "banken", "hausbank", "sparkasse", "steuer",
    "steuern", "software", "hardware", "daten", "server", "cloud", "roboter", "maschine", "maschinen",
    "anlage", "anlagen", "lager", "halle", "hallen", "werke", "werken", "werkstatt", "werkstaetten", "buero",
    "bueros", "laden", "filiale", "filialen", "standort", "standorte", "gebaeude", "flaeche", "flaechen",
    "energie", "strom", "waerme", "solar", "photovoltaik", "klima", "umwelt", "wasser", "abwasser",
    "handwerk", "handwerker", "handel", "industrie", "dienstleister", "dienstleistungen", "gastronomie",
    "hotel", "restaurant", "baecker", "baeckerei", "metzger", "metzgerei", "tischler", "tischlerei",
    "schreiner", "schreinerei", "elektriker", "maler", "dachdecker", "friseur", "friseure", "metallbau",
    "maschinenbau", "logistik", "spedition", "startup", "startups", "gruender", "gruenderin", "gruendern",
    "jahren", "monate", "monaten", "wochen", "tagen", "stunden", "jahre", "ende", "anfang",
    "beginn", "mitte", "zeitraum", "termine", "termin", "kontakt", "kontakte", "partner", "partnern",
    "netzwerk", "netzwerke", "kammer", "kammern", "behoerde", "behoerden", "verwaltung", "ministerium",
    "forschung", "hochschule", "hochschulen", "universitaet", "institut", "know", "ideen", "idee",
    "loesung", "loesungen", "system", "systeme", "systemen", "prozesse", "prozessen", "ablaeufe",
    "planung", "auftraege", "auftrag", "rechnung", "rechnungen", "buchhaltung", "personal", "fachkraefte",
    "azubis", "ausbildung", "weiterbildung", "schulung", "schulungen", "beratung", "berater", "beraterin",
    "experten", "expertin", "fachleute", "europa", "ausland", "export", "import", "messe", "messen",
    "sicherheit", "internet", "website", "webseite", "onlineshop", "plattform", "marketing", "vertrieb",
    "verkauf", "einkauf", "lieferanten", "material", "materialien", "werkzeug", "werkzeuge", "fahrzeug",
    "fahrzeuge", "flotte", "million", "millionen", "euros", "summe", "betrag", "hoehe", "prozent", "anteil",
    "gewinn", "umsatz", "umsaetze", "bilanz", "eigenkapital", "zinsen", "sicherheiten", "buergschaft",
    "richtlinie", "richtlinien", "foerderung", "foerdermittel", "foerderprogramm", "voraussetzungen",
    "bedingungen", "unterlagen", "nachweis", "nachweise", "frist", "fristen", "stichtag", "status",
    "wetter", "essen", "mengen", "menge", "sender", "sendung", "haken", "hagel", "lagen", "alpen",
    "kamen", "heiden", "schlangen", "lippe", "lippen", "enger", "loehne", "buende", "siegen",
    # one typo away from a Gemeinde name (found by scanning German text)
    "hafen", "herde", "herzen", "helden", "holden", "werte", "werbe", "werten",
    "regen", "rechen", "recken", "wesen", "offen", "spende", "bohnen", "ahnen", "halter", "engel", "inder",
    "rahmen", "alter", "alters", "after", "karen", "kuesten", "schlagen", "schneiden", "sendern", "sieben",
    "sieger", "sieges", "veblen", "wernher", "wetters", "winden", "rhein", "rheins", "anrecht", "anrechte",
    "bloomberg", "jurchen", "reden",
    # countries and continents ("in Schweden" is not Schleiden)
    "schweden", "indien", "china", "japan", "polen", "italien", "spanien", "frankreich", "oesterreich",
    "schweiz", "belgien", "niederlande", "holland", "daenemark", "england", "amerika", "russland", "tuerkei",
    "ungarn", "ukraine", "griechenland", "portugal", "tschechien", "luxemburg", "asien", "afrika",
})

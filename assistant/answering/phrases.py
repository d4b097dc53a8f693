"""Every user-facing sentence of the assistant (answers and clarifying questions), in German and English."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "disclosure": "_Hinweis: Sie sprechen mit einem automatisierten Assistenten (KI). Die Antworten sind "
                      "keine verbindliche Förderberatung – bitte prüfen Sie die verlinkten Quellen._",
        "intro_programs": "Zu Ihrer Frage habe ich in meinen Quellen diese Angebote gefunden, die passendsten zuerst:",
        "intro_programs_profile": "Für Ihr Vorhaben ({profile}) habe ich in meinen Quellen diese Angebote gefunden, "
                                  "die passendsten zuerst:",
        "intro_more_programs": "Weitere Angebote zu Ihrer Frage:",
        "intro_passages": "Das sagen meine Quellen dazu:",
        "intro_network": "Das sagen meine Quellen zum Netzwerk und seinen Angeboten:",
        "events_intro": "Diese Veranstaltungen stehen an:",
        "events_intro_place": "Diese Veranstaltungen stehen an ({place} und online):",
        "events_none": "Anstehende Veranstaltungen zu Ihrer Frage habe ich in meinen Quellen nicht gefunden, und ich "
                       "nenne keine Termine, die ich nicht belegen kann.",
        "events_calendars": "Aktuelle Termine veröffentlichen die Partner auf ihren eigenen Websites, zum Beispiel:",
        "events_calendars_place": "Aktuelle Termine, auch für {place}, veröffentlichen diese Partner auf ihren "
                                  "eigenen Websites:",
        "ended_header": "Nicht mehr verfügbar (nur zur Einordnung):",
        "ended_line": "**{name}** ist beendet{since}.{note}",
        "ended_since": " (seit {date})",
        "named_closed": "**{name}** kann nicht mehr beantragt werden: Das Programm ist beendet{since}.{note}",
        "named_successor": " Nachfolger bzw. Alternative: **{successor}**.",
        "named_open": "**{name}** ist nach meinen Quellen derzeit offen{note}.",
        "named_unknown": "Zum aktuellen Stand von **{name}** habe ich keine gesicherte Angabe{note} – bitte prüfen "
                         "Sie die offizielle Seite.",
        "named_what": "Worum es geht: {sentence}",
        "status_open": "offen",
        "status_closed": "beendet",
        "status_unknown": "Status bitte prüfen",
        "for_whom": "Für: {groups}.",
        "amount": "Höhe: {amount}.",
        "no_answer": "Dazu habe ich keine gesicherte Information in meinen Quellen.",
        "no_answer_partner": "Am besten hilft Ihnen hier eine persönliche Beratung weiter:",
        "no_answer_default_partner": "Eine erste kostenlose Orientierung geben die IHK oder Handwerkskammer vor Ort "
                                     "und das Service-Center der NRW.BANK.",
        "out_of_scope": "Dabei kann ich leider nicht helfen: Ich beantworte Fragen zu Förderprogrammen, Innovation "
                        "und Ansprechpartnern für Unternehmen in NRW.",
        "partners_header": "Ansprechpartner:",
        "partners_header_place": "Ansprechpartner für {place}:",
        "partners_intro": "Diese Stellen können Sie zu Ihrem Anliegen persönlich beraten:",
        "partners_intro_place": "Diese Stellen können Sie in {place} zu Ihrem Anliegen persönlich beraten:",
        "partners_statewide_only": "Landesweit erreichbar sind zum Beispiel:",
        "partner_contact": "{channels}",
        "phone": "Tel. {phone}",
        "email": "E-Mail {email}",
        "programs_for_partner": "Passende Programme zum Nachlesen:",
        "hausbank": "Förderkredite von NRW.BANK und KfW beantragen Sie in der Regel über Ihre Hausbank.",
        "sources_header": "Quellen:",
        "source_line": "[{id}] {title}{page} – {url} (Stand: {as_of})",
        "page": ", Seite {page}",
        "as_of_unknown": "unbekannt",
        "caveat": "Wichtig: Bei Zuschüssen darf das Vorhaben meist erst nach Antrag bzw. Bewilligung beginnen.",
        "ack_location": "Verstanden, Ihr Standort ist {place}.",
        "ack_slots": "Verstanden: {facts}.",
        "outside_nrw": "{place} liegt nicht in Nordrhein-Westfalen. Ich kenne Förderprogramme und Ansprechpartner "
                       "für NRW; Bundes- und EU-Programme gelten aber auch außerhalb.",
        "clarify_location": "In welchem Ort oder Kreis in NRW sitzt Ihr Unternehmen (Ort oder Postleitzahl)?",
        "clarify_location_ambiguous": "Die Angabe „{name}“ passt zu mehreren Orten ({options}). Welcher ist es?",
        "clarify_topic": "Worum geht es bei Ihrem Vorhaben – zum Beispiel Digitalisierung, KI, Energie, Forschung, "
                         "Gründung oder Export?",
        "clarify_sector": "Ist Ihr Betrieb ein Handwerksbetrieb oder gehört er zu Industrie, Handel oder "
                          "Dienstleistung?",
        "greeting": "Hallo! Ich helfe kleinen und mittleren Unternehmen in NRW, passende Förderprogramme zu finden, "
                    "und nenne Ihnen Ansprechpartner in Ihrer Region.",
        "thanks": "Gern geschehen!",
        "farewell": "Auf Wiedersehen und viel Erfolg mit Ihrem Vorhaben!",
        "about": "Ich bin ein automatisierter Assistent (KI) des Netzwerks NRW.Innovationspartner. Ich suche in "
                 "offiziellen Quellen nach Förderprogrammen und nenne Ansprechpartner – verbindlich beraten kann "
                 "ich nicht.",
        "invite": "Erzählen Sie mir kurz, was Sie vorhaben und wo Ihr Unternehmen sitzt.",
        "invite_more": "Wenn Sie noch Fragen haben, schreiben Sie mir einfach.",
        "profile_place": "in {place}",
        "profile_employees": "{n} Beschäftigte",
        "list_and": " und ",
    },
    "en": {
        "disclosure": "_Note: you are talking to an automated assistant (AI). Answers are not binding funding "
                      "advice – please check the linked sources._",
        "intro_programs": "For your question I found these offers in my sources, best match first:",
        "intro_programs_profile": "For your project ({profile}) I found these offers in my sources, best match first:",
        "intro_more_programs": "Further offers related to your question:",
        "intro_passages": "This is what my sources say:",
        "intro_network": "This is what my sources say about the network and its offers:",
        "events_intro": "These events are coming up:",
        "events_intro_place": "These events are coming up ({place} and online):",
        "events_none": "I found no upcoming events for your question in my sources, and I name no dates I cannot "
                       "back with a source.",
        "events_calendars": "The partners publish their current events on their own websites, for example:",
        "events_calendars_place": "These partners publish their current events, also for {place}, on their own "
                                  "websites:",
        "ended_header": "No longer available (for context only):",
        "ended_line": "**{name}** has ended{since}.{note}",
        "ended_since": " (since {date})",
        "named_closed": "**{name}** can no longer be applied for: the programme has ended{since}.{note}",
        "named_successor": " Successor or alternative: **{successor}**.",
        "named_open": "According to my sources, **{name}** is currently open{note}.",
        "named_unknown": "I have no confirmed information on the current status of **{name}**{note} – please "
                         "check the official page.",
        "named_what": "What it is about: {sentence}",
        "status_open": "open",
        "status_closed": "ended",
        "status_unknown": "status: please check",
        "for_whom": "For: {groups}.",
        "amount": "Amount: {amount}.",
        "no_answer": "I have no reliable information on this in my sources.",
        "no_answer_partner": "A personal consultation will help you best here:",
        "no_answer_default_partner": "The local IHK or Handwerkskammer and the NRW.BANK Service-Center offer a "
                                     "free first orientation.",
        "out_of_scope": "I am afraid I cannot help with that: I answer questions on funding programmes, innovation "
                        "and contacts for companies in North Rhine-Westphalia.",
        "partners_header": "Contacts:",
        "partners_header_place": "Contacts for {place}:",
        "partners_intro": "These organisations can advise you in person on your request:",
        "partners_intro_place": "These organisations can advise you in person in {place}:",
        "partners_statewide_only": "Available statewide, for example:",
        "partner_contact": "{channels}",
        "phone": "phone {phone}",
        "email": "e-mail {email}",
        "programs_for_partner": "Matching programmes to read up on:",
        "hausbank": "Funding loans from NRW.BANK and KfW are usually applied for through your own bank (Hausbank).",
        "sources_header": "Sources:",
        "source_line": "[{id}] {title}{page} – {url} (as of: {as_of})",
        "page": ", page {page}",
        "as_of_unknown": "unknown",
        "caveat": "Important: for grants, the project usually may only start after application or approval.",
        "ack_location": "Understood, your location is {place}.",
        "ack_slots": "Understood: {facts}.",
        "outside_nrw": "{place} is not in North Rhine-Westphalia. I know funding programmes and contacts for NRW; "
                       "federal and EU programmes apply elsewhere too.",
        "clarify_location": "In which town or district in NRW is your company located (town or postcode)?",
        "clarify_location_ambiguous": "“{name}” matches several places ({options}). Which one is it?",
        "clarify_topic": "What is your project about – for example digitalisation, AI, energy, research, founding "
                         "a company or export?",
        "clarify_sector": "Is your company a craft business (Handwerk) or in industry, trade or services?",
        "greeting": "Hello! I help small and medium-sized companies in NRW find suitable funding programmes and "
                    "name contacts in your region.",
        "thanks": "You are welcome!",
        "farewell": "Goodbye and good luck with your project!",
        "about": "I am an automated assistant (AI) of the NRW.Innovationspartner network. I search official sources "
                 "for funding programmes and name contacts – I cannot give binding advice.",
        "invite": "Tell me briefly what you are planning and where your company is located.",
        "invite_more": "If you have more questions, just write to me.",
        "profile_place": "in {place}",
        "profile_employees": "{n} employees",
        "list_and": " and ",
    },
}

# Labels of catalog values the user reads (target groups, funding types, topics, sectors).
LABELS: dict[str, dict[str, str]] = {
    "de": {
        "kmu": "KMU", "kleinstunternehmen": "Kleinstunternehmen", "handwerk": "Handwerk", "industrie": "Industrie",
        "handel": "Handel", "dienstleistung": "Dienstleistung", "startup": "Start-ups", "gruender": "Gründende",
        "grossunternehmen": "größere Unternehmen", "alle-unternehmen": "alle Unternehmen",
        "freie-berufe": "freie Berufe", "mittelstand": "Mittelstand", "hochschulen": "Hochschulen",
        "forschungseinrichtungen": "Forschungseinrichtungen", "kommunen": "Kommunen", "hochschule": "Hochschulen",
        "forschung": "Forschungseinrichtungen", "gemeinnuetzige": "gemeinnützige Organisationen",
        "investoren": "Investoren",
        "ki": "KI", "digitalisierung": "Digitalisierung", "fue": "Forschung und Entwicklung",
        "innovation": "Innovation", "energie": "Energie", "gruendung": "Gründung", "finanzierung": "Finanzierung",
        "investition": "Investitionen", "eu": "EU-Förderung", "international": "Export und Internationalisierung",
        "beratung": "Beratung", "it-sicherheit": "IT-Sicherheit", "fachkraefte": "Fachkräfte",
        "kreativwirtschaft": "Kreativwirtschaft", "wissenstransfer": "Wissenstransfer",
        "zuschuss": "Zuschuss", "darlehen": "Kredit/Darlehen", "buergschaft": "Bürgschaft",
        "beteiligung": "Beteiligungskapital", "steuer": "steuerliche Förderung", "stipendium": "Stipendium",
    },
    "en": {
        "kmu": "SMEs", "kleinstunternehmen": "micro-enterprises", "handwerk": "craft businesses",
        "industrie": "industry", "handel": "trade", "dienstleistung": "services", "startup": "start-ups",
        "gruender": "founders", "grossunternehmen": "larger companies", "alle-unternehmen": "all companies",
        "freie-berufe": "liberal professions", "mittelstand": "Mittelstand", "hochschulen": "universities",
        "forschungseinrichtungen": "research institutes", "kommunen": "municipalities", "hochschule": "universities",
        "forschung": "research institutes", "gemeinnuetzige": "non-profit organisations", "investoren": "investors",
        "ki": "AI", "digitalisierung": "digitalisation", "fue": "research and development",
        "innovation": "innovation", "energie": "energy", "gruendung": "founding", "finanzierung": "financing",
        "investition": "investment", "eu": "EU funding", "international": "export and internationalisation",
        "beratung": "consulting", "it-sicherheit": "IT security", "fachkraefte": "skilled workers",
        "kreativwirtschaft": "creative industries", "wissenstransfer": "knowledge transfer",
        "zuschuss": "grant", "darlehen": "loan", "buergschaft": "guarantee", "beteiligung": "equity",
        "steuer": "tax incentive", "stipendium": "stipend",
        # catalog funding types and levels as written in programs.yaml
        "Zuschuss": "grant", "Darlehen": "loan", "Kredit": "loan", "Steuerliche Förderung": "tax incentive",
        "Bürgschaft": "guarantee", "Beteiligung": "equity", "Stipendium": "stipend", "Beratung": "consulting",
        "Kostenfreie Beratung": "free advice", "Unterstützungsangebot": "support offer",
        "Bund": "federal", "Land": "state of NRW",
    },
}


def format_date(iso: str, locale: str) -> str:
    """2024-12-31 → 31.12.2024 in German, unchanged in English (ISO is unambiguous)."""
    parts = iso.split("-")
    if locale == "de" and len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return iso


def phrase(locale: str, key: str, **values: object) -> str:
    table = PHRASES.get(locale, PHRASES["de"])
    return table[key].format(**values)


def label(locale: str, value: str) -> str:
    """The reader's word for a catalog value; unknown values are shown as written."""
    return LABELS.get(locale, LABELS["de"]).get(value, value)


def join_list(locale: str, items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + phrase(locale, "list_and") + items[-1]

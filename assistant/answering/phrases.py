"""Every user-facing sentence of the assistant (answers and clarifying questions), in German and English."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "disclosure": "_Hinweis: Sie sprechen mit einem automatisierten Assistenten (KI). Die Antworten sind "
                      "keine verbindliche Förderberatung – bitte prüfen Sie die genannten Quellen._",
        "intro_programs": "Zu Ihrer Frage passen diese Programme am besten:",
        "intro_programs_profile": "Für Ihr Vorhaben ({profile}) passen diese Programme am besten:",
        "intro_programs_short": "Passende Programme:",
        "intro_more_programs": "Ähnliche Angebote:",
        "still_fitting": "Weiterhin passend (siehe oben): {names}.",
        "intro_passages": "Das sagen meine Quellen dazu:",
        "intro_network": "Das sagen meine Quellen zum Netzwerk und seinen Angeboten:",
        "events_intro": "Diese Veranstaltungen stehen an:",
        "events_intro_place": "Diese Veranstaltungen stehen an ({place} und online):",
        "events_none": "Anstehende Veranstaltungen zu Ihrer Frage habe ich in meinen Quellen nicht gefunden, und ich "
                       "nenne keine Termine, die ich nicht belegen kann.",
        "events_calendars": "Aktuelle Termine veröffentlichen die Partner auf ihren eigenen Websites, zum Beispiel:",
        "events_calendars_place": "Aktuelle Termine, auch für {place}, veröffentlichen diese Partner auf ihren "
                                  "eigenen Websites:",
        "ended_header": "Beendet (nur zur Einordnung):",
        "misfit_header": "Nicht passend für Sie:",
        "comparison_intro": "Im Vergleich:",
        "ended_intro": "Diese Programme sind in den letzten Jahren ausgelaufen (nicht mehr beantragen):",
        "ending_intro": "Diese Programme enden bis zum Jahresende:",
        "route_hausbank": "Antrag über die Hausbank",
        "route_startercenter": "Antrag über ein STARTERCENTER NRW",
        "route_bsfz_finanzamt": "erst Bescheinigung der BSFZ, dann Antrag beim Finanzamt",
        "route_online_portal": "Antrag im Online-Portal",
        "route_lottery": "Plätze per Losverfahren",
        "route_chamber": "über die Kammer",
        "route_direct": "Antrag direkt beim Anbieter",
        "route_hochschule": "Antrag über die Hochschule",
        "route_jury": "Auswahl durch eine Jury",
        "route_consultant": "Antrag über eine zugelassene Beratung",
        "sme_correction": "Mit {n} Beschäftigten zählen Sie nach der EU-Definition nicht mehr als KMU – Programme nur "
                          "für KMU kommen nicht in Frage.",
        "named_closed": "**{name}** kann nicht mehr beantragt werden – {status}.",
        "named_successor": " Nachfolger bzw. Alternative: **{successor}**.",
        "named_open": "**{name}** ist nach meinen Quellen offen.",
        "named_open_dated": "**{name}** ist nach meinen Quellen {status}.",
        "status_open": "offen",
        "named_ending": "**{name}** kann noch beantragt werden – {status}.",
        "named_unknown": "Ob **{name}** derzeit beantragt werden kann, geht aus meinen Quellen nicht sicher hervor – "
                         "bitte prüfen Sie die offizielle Seite.",
        "named_misfit": "Für Sie passt es aber wohl nicht: {reasons}.",
        "no_answer": "Dazu habe ich keine gesicherte Information in meinen Quellen.",
        "no_answer_partner": "Am besten hilft Ihnen hier eine persönliche Beratung weiter:",
        "no_answer_default_partner": "Eine erste kostenlose Orientierung geben die IHK oder Handwerkskammer vor Ort "
                                     "und das Service-Center der NRW.BANK.",
        "out_of_scope": "Dabei kann ich leider nicht helfen: Ich beantworte Fragen zu Förderprogrammen, Innovation "
                        "und Ansprechpartnern für Unternehmen in NRW.",
        "out_of_scope_tax": "Das ist eine Steuerfrage – dafür ist eine Steuerberaterin oder ein Steuerberater (oder "
                            "Ihr Finanzamt) die richtige Stelle. Ich helfe bei Förderprogrammen, Innovation und "
                            "Ansprechpartnern für Unternehmen in NRW.",
        "out_of_scope_legal": "Das ist eine Rechtsfrage – dafür ist eine Rechtsanwältin oder ein Rechtsanwalt die "
                              "richtige Stelle; viele Kammern bieten ihren Mitgliedern eine erste Rechtsauskunft. "
                              "Ich helfe bei Förderprogrammen, Innovation und Ansprechpartnern in NRW.",
        "out_of_scope_social": "Das ist eine Frage an die zuständige Behörde, Familienkasse, Renten- oder "
                               "Krankenversicherung – nicht an das Förder-Netzwerk. Ich helfe bei Förderprogrammen, "
                               "Innovation und Ansprechpartnern für Unternehmen in NRW.",
        "partners_header": "Ansprechpartner:",
        "partners_header_place": "Ansprechpartner für {place}:",
        "partners_intro": "Diese Stellen können Sie zu Ihrem Anliegen persönlich beraten:",
        "partners_intro_place": "Diese Stellen können Sie in {place} zu Ihrem Anliegen persönlich beraten:",
        "programs_for_partner": "Passende Programme zum Nachlesen:",
        "hausbank": "Förderkredite von NRW.BANK und KfW beantragen Sie über Ihre Hausbank, bevor das Vorhaben "
                    "beginnt.",
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
                      "advice – please check the sources given._",
        "intro_programs": "These programmes fit your question best:",
        "intro_programs_profile": "For your project ({profile}) these programmes fit best:",
        "intro_programs_short": "Matching programmes:",
        "intro_more_programs": "Similar offers:",
        "still_fitting": "Still a good fit (see above): {names}.",
        "intro_passages": "This is what my sources say:",
        "intro_network": "This is what my sources say about the network and its offers:",
        "events_intro": "These events are coming up:",
        "events_intro_place": "These events are coming up ({place} and online):",
        "events_none": "I found no upcoming events for your question in my sources, and I name no dates I cannot "
                       "back with a source.",
        "events_calendars": "The partners publish their current events on their own websites, for example:",
        "events_calendars_place": "These partners publish their current events, also for {place}, on their own "
                                  "websites:",
        "ended_header": "Ended (for context only):",
        "misfit_header": "Not a fit for you:",
        "comparison_intro": "Side by side:",
        "ended_intro": "These programmes have ended in recent years (do not apply any more):",
        "ending_intro": "These programmes end by the end of the year:",
        "route_hausbank": "applied for through your bank (Hausbank)",
        "route_startercenter": "applied for through a STARTERCENTER NRW",
        "route_bsfz_finanzamt": "first a BSFZ certificate, then the tax office",
        "route_online_portal": "applied for in the online portal",
        "route_lottery": "places drawn by lot",
        "route_chamber": "through the chamber",
        "route_direct": "applied for directly with the provider",
        "route_hochschule": "applied for through the Hochschule",
        "route_jury": "selected by a jury",
        "route_consultant": "applied for through an authorised consultancy",
        "sme_correction": "With {n} employees you no longer count as an SME under the EU definition – programmes for "
                          "SMEs only are not open to you.",
        "named_closed": "**{name}** can no longer be applied for – {status}.",
        "named_successor": " Successor or alternative: **{successor}**.",
        "named_open": "According to my sources, **{name}** is open.",
        "named_open_dated": "According to my sources, **{name}** is {status}.",
        "status_open": "open",
        "named_ending": "**{name}** can still be applied for – {status}.",
        "named_unknown": "My sources do not say for certain whether **{name}** can currently be applied for – "
                         "please check the official page.",
        "named_misfit": "It is probably not a fit for you, though: {reasons}.",
        "no_answer": "I have no reliable information on this in my sources.",
        "no_answer_partner": "A personal consultation will help you best here:",
        "no_answer_default_partner": "The local IHK or Handwerkskammer and the NRW.BANK Service-Center offer a "
                                     "free first orientation.",
        "out_of_scope": "I am afraid I cannot help with that: I answer questions on funding programmes, innovation "
                        "and contacts for companies in North Rhine-Westphalia.",
        "out_of_scope_tax": "That is a tax question – a tax adviser (Steuerberater) or your tax office is the right "
                            "place for it. I help with funding programmes, innovation and contacts for companies in "
                            "NRW.",
        "out_of_scope_legal": "That is a legal question – a lawyer is the right place for it; many chambers give "
                              "their members a first legal orientation. I help with funding programmes, innovation "
                              "and contacts in NRW.",
        "out_of_scope_social": "That is a question for the responsible authority, family benefits office, pension or "
                               "health insurance – not for the funding network. I help with funding programmes, "
                               "innovation and contacts for companies in NRW.",
        "partners_header": "Contacts:",
        "partners_header_place": "Contacts for {place}:",
        "partners_intro": "These organisations can advise you in person on your request:",
        "partners_intro_place": "These organisations can advise you in person in {place}:",
        "programs_for_partner": "Matching programmes to read up on:",
        "hausbank": "Funding loans from NRW.BANK and KfW are applied for through your own bank (Hausbank) before "
                    "the project starts.",
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

""""Zählen wir als KMU?" answered from the EU definition the corpus states (fewer than 250 employees and a turnover
of at most EUR 50 Mio or a balance sheet total of at most EUR 43 Mio) and the size the user gave. The verdict is
cited to the corpus sentence that states the definition (the composer finds and cites it); without a head count
there is no verdict, only that sentence."""

from __future__ import annotations

_EMPLOYEE_LIMIT = 250
_TURNOVER_LIMIT = 50_000_000

_TEXT = {
    "de": {
        "yes": "Mit {n} Beschäftigten liegen Sie unter der Grenze von 250 Beschäftigten: Nach der EU-Definition "
               "zählen Sie als KMU, wenn außerdem der Jahresumsatz höchstens 50 Mio. € oder die Bilanzsumme "
               "höchstens 43 Mio. € beträgt.",
        "yes_turnover": "Mit {n} Beschäftigten und einem Jahresumsatz von {t} zählen Sie nach der EU-Definition als "
                        "KMU (unter 250 Beschäftigte, Umsatz höchstens 50 Mio. € oder Bilanzsumme höchstens "
                        "43 Mio. €).",
        "no_turnover": "Mit {n} Beschäftigten liegen Sie unter 250, aber ein Jahresumsatz von {t} liegt über "
                       "50 Mio. €: Sie zählen nach der EU-Definition nur dann als KMU, wenn die Bilanzsumme "
                       "höchstens 43 Mio. € beträgt.",
        "no": "Mit {n} Beschäftigten liegen Sie über der Grenze: Nach der EU-Definition sind KMU Unternehmen mit "
              "weniger als 250 Beschäftigten – Programme nur für KMU kommen für Sie nicht in Frage.",
    },
    "en": {
        "yes": "With {n} employees you are below the limit of 250: under the EU definition you count as an SME if "
               "your annual turnover is at most EUR 50 million or your balance sheet total at most EUR 43 million.",
        "yes_turnover": "With {n} employees and an annual turnover of {t} you count as an SME under the EU "
                        "definition (fewer than 250 employees, turnover at most EUR 50 million or balance sheet at "
                        "most EUR 43 million).",
        "no_turnover": "With {n} employees you are below 250, but a turnover of {t} is above EUR 50 million: you "
                       "count as an SME only if your balance sheet total is at most EUR 43 million.",
        "no": "With {n} employees you are above the limit: under the EU definition SMEs have fewer than 250 "
              "employees, so programmes for SMEs only are not open to you.",
    },
}


def _money(amount: int, locale: str) -> str:
    millions = amount / 1_000_000
    number = f"{millions:,.1f}".rstrip("0").rstrip(".") if millions < 10 else f"{millions:,.0f}"
    if locale == "de":
        return number.replace(",", "X").replace(".", ",").replace("X", ".") + " Mio. €"
    return f"EUR {number} million"


def sme_verdict(employees: int | None, turnover_eur: int | None, locale: str = "de") -> str | None:
    """The verdict for the size the user gave, or None without a head count."""
    if employees is None:
        return None
    text = _TEXT.get(locale, _TEXT["de"])
    if employees >= _EMPLOYEE_LIMIT:
        return text["no"].format(n=employees)
    if turnover_eur is None:
        return text["yes"].format(n=employees)
    key = "yes_turnover" if turnover_eur <= _TURNOVER_LIMIT else "no_turnover"
    return text[key].format(n=employees, t=_money(turnover_eur, locale))

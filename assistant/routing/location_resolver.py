"""Finds where a company sits from free text: a PLZ, a Gemeinde or Ortsteil (also misspelt or without
umlauts), a Kreis, a Regierungsbezirk, one of the nine regions, or a well-known place outside NRW.

`LocationResolver(gazetteer, partner_areas).resolve(text)` is pure CPU work against indexes built in the
constructor: one token pass with dictionary lookups, and typo matching only for the few tokens that could be a
misspelt name. Places the text denies ("nicht Bielefeld") or that belong to a Hochschule's name ("Uni Siegen")
are not the company's place; several places with the same responsible partners need no question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from assistant.routing.institution_names import institution_spans
from assistant.routing.location_questions import (
    join_german,
    several_places_question,
    shared_plz_question,
    typo_question,
    unknown_plz_question,
)
from assistant.routing.location_result import NOT_FOUND, LocationCandidate, LocationLevel, LocationResult
from assistant.routing.location_stop_words import (
    CORRECTION_CUES,
    HEADCOUNT_WORDS,
    KREIS_WORDS,
    NON_PLACE_SUFFIXES,
    NUMBER_UNIT_WORDS,
    PLACE_CUES,
    PLZ_CUES,
    STOP_WORDS,
)
from assistant.routing.partner_areas import PartnerAreas
from assistant.routing.place_name_index import COMMON_WORD_NAMES, PlaceNameIndex, PlaceTarget
from assistant.routing.place_negation import correction, denial, phrase_start, seat_cue
from assistant.routing.text_normalization import Token, name_tokens, tokenize
from indexer.gazetteer import Gazetteer

QUERY_MODE_MAX_TOKENS = 3  # a text this short is taken as a bare place query ("Essen", "lipstadt")
MIN_FUZZY_LENGTH = 5
MIN_FUZZY_LENGTH_WITHOUT_CUE = 7
_GLUED_PLZ = re.compile(r"plz(\d{5})")  # "PLZ58511"
_DECIMALS = re.compile(r"[.,]\d")  # "12345,50", "58511.000": an amount


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: str  # gemeinde, ortsteil, plz, kreis, regierungsbezirk, region, outside, unknown_plz
    refs: tuple[str, ...]  # AGS(s), Kreis AGS, Regierungsbezirk, region or outside place name
    start: int
    end: int
    first: int  # token indices: tokens[first:last] name the place
    last: int
    phrase: tuple[int, int] | None = None  # token range of the words about this place ("nicht in Bielefeld")
    fuzzy: bool = False
    plz: str | None = None
    ortsteil: str | None = None
    bundesland: str | None = None


def _plausible_double_typo(query: str, name: str) -> bool:
    """Two typos only in long words that start like the name: "Wittenberg" is not "Winterberg"."""
    return len(query) >= 9 and query[:3] == name[:3]


class LocationResolver:
    def __init__(self, gazetteer: Gazetteer, partner_areas: PartnerAreas | None = None) -> None:
        """partner_areas (from the partner registry) lets several places with the same partners resolve without
        a question; without it every choice between places is asked."""
        self._gazetteer = gazetteer
        self._areas = partner_areas
        self._index = PlaceNameIndex(gazetteer)
        self._suffixes = tuple(
            s for s in NON_PLACE_SUFFIXES if not any(n.endswith(s) for n in self._index.fuzzy_targets)
        )

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer

    def resolve(self, text: str) -> LocationResult:
        tokens = tokenize(text)
        if not tokens:
            return NOT_FOUND
        query_mode = len(tokens) <= QUERY_MODE_MAX_TOKENS
        covered = [False] * len(tokens)
        institutions = institution_spans(text, tokens)
        found = self._exact_mentions(text, tokens, covered, query_mode)
        mentions, dropped = self._read_context(text, tokens, found, institutions)
        if not any(m.kind in ("gemeinde", "ortsteil", "plz") for m in mentions):
            fuzzy, more = self._read_context(text, tokens, self._fuzzy_mentions(tokens, covered, query_mode),
                                             institutions)
            mentions += fuzzy
            dropped += more
        mentions.sort(key=lambda m: m.start)
        mentions, corrected = self._corrected(text, tokens, mentions)
        mentions, elsewhere = self._seat_named(text, tokens, mentions)
        corrected += elsewhere
        result = self._decide(text, mentions)
        if not (institutions or dropped or corrected or len(mentions) > 1):
            return result
        places = [m for m in mentions + corrected + dropped if m.kind != "institution"]
        excluded = tuple(dict.fromkeys(r for m in corrected + dropped if m.kind != "institution" for r in m.refs))
        if excluded:
            # A denial or correction: the words around every place ("not Bielefeld", "we're based in") say where
            # the company is, they are not what it asks about.
            places = [m if m.phrase else replace(m, phrase=(self._phrase_start(text, tokens, m), m.last))
                      for m in places]
        spans = [(tokens[m.phrase[0]].start, tokens[m.phrase[1] - 1].end) if m.phrase else (m.start, m.end)
                 for m in places]
        return replace(
            result,
            excluded=excluded,
            institutions=tuple(text[s:e] for s, e in institutions),
            mention_spans=tuple(sorted(spans)),
        )

    # --- reading the words around the mentions ---

    @staticmethod
    def _phrase_start(text: str, tokens: list[Token], m: _Mention) -> int:
        cue = correction(text, tokens, m.first)
        return phrase_start(text, tokens, m.first) if cue is None else cue

    @staticmethod
    def _read_context(
        text: str, tokens: list[Token], mentions: list[_Mention], institutions: list[tuple[int, int]]
    ) -> tuple[list[_Mention], list[_Mention]]:
        """The mentions that may be the company's place, and those the text denies or names an institution by
        (the latter marked kind "institution")."""
        kept: list[_Mention] = []
        dropped: list[_Mention] = []
        for m in mentions:
            if any(s <= m.start < e for s, e in institutions):
                dropped.append(replace(m, kind="institution"))
                continue
            denied = denial(text, tokens, m.first, m.last)
            if denied:
                dropped.append(replace(m, phrase=denied))
            else:
                kept.append(m)
        return kept, dropped

    @staticmethod
    def _corrected(text: str, tokens: list[Token], mentions: list[_Mention]) -> tuple[list[_Mention], list[_Mention]]:
        """ "Bielefeld, ich meine Detmold": the places before the one corrected to are dropped."""
        for k, m in enumerate(mentions):
            cue = correction(text, tokens, m.first) if k else None
            if cue is not None:
                return [replace(m, phrase=(cue, m.last)), *mentions[k + 1 :]], mentions[:k]
        return mentions, []

    @staticmethod
    def _seat_named(text: str, tokens: list[Token], mentions: list[_Mention]) -> tuple[list[_Mention], list[_Mention]]:
        """ "Unser Firmensitz ist Lüdenscheid, in Siegen ist nur eine Baustelle": when exactly one of several places
        is named as the seat, the others are where the company works, not where it sits."""
        if len(mentions) < 2:
            return mentions, []
        seats = [m for m in mentions if seat_cue(text, tokens, m.first)]
        if len(seats) != 1:
            return mentions, []
        seat = seats[0]

        def same_place(m: _Mention) -> bool:  # "Sitz in 58507 Lüdenscheid (Märkischer Kreis)" names one place thrice
            return any(a.startswith(b) or b.startswith(a) for a in m.refs for b in seat.refs)

        return [m for m in mentions if same_place(m)], [m for m in mentions if not same_place(m)]

    # --- finding mentions ---

    @staticmethod
    def _has_cue(tokens: list[Token], i: int) -> bool:
        if i == 0:
            return False
        previous = tokens[i - 1].norm
        if previous in CORRECTION_CUES:
            return tokens[i].capitalised  # "nicht Bielefeld, sondern Essen"; not "sondern senden"
        return previous in PLACE_CUES or (len(previous) == 5 and previous.isdigit())

    def _exact_mentions(
        self, text: str, tokens: list[Token], covered: list[bool], query_mode: bool
    ) -> list[_Mention]:
        mentions: list[_Mention] = []
        exact = self._index.exact
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if (len(token.norm) == 5 and token.norm.isdigit()) or _GLUED_PLZ.fullmatch(token.norm):
                mention = self._plz_mention(text, tokens, i)
                if mention:
                    mentions.append(mention)
                    covered[i] = True
                i += 1
                continue
            matched = 0
            for key, target in exact.get(token.norm, ()):
                length = len(key)
                if i + length > len(tokens) or any(tokens[i + j].norm != key[j] for j in range(1, length)):
                    continue
                if target.needs_cue and not (query_mode or self._has_cue(tokens, i)
                                             or _after_headcount(text, tokens, i)):
                    continue
                mentions.append(self._target_mention(target, tokens, i, i + length))
                matched = length
                break
            if matched:
                for j in range(i, i + matched):
                    covered[j] = True
                i += matched
            else:
                i += 1
        return mentions

    @staticmethod
    def _target_mention(target: PlaceTarget, tokens: list[Token], first: int, last: int,
                        fuzzy: bool = False) -> _Mention:
        start, end = tokens[first].start, tokens[last - 1].end
        if target.kind == "ortsteil":
            return _Mention("ortsteil", (target.ref,), start, end, first, last, fuzzy=fuzzy, ortsteil=target.label)
        return _Mention(target.kind, (target.ref,), start, end, first, last, fuzzy=fuzzy, bundesland=target.bundesland)

    def _plz_mention(self, text: str, tokens: list[Token], i: int) -> _Mention | None:
        token = tokens[i]
        plz = token.norm[-5:]
        # "PLZ 58511", "Postleitzahl: 58511", "zip code 58511": a Postleitzahl whatever follows.
        cued = token.norm != plz or (i > 0 and tokens[i - 1].norm in PLZ_CUES)
        following = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        rest = text[token.end : token.end + 3].lstrip()
        before = text[max(0, token.start - 2) : token.start].strip()
        if not cued and (
            following in NUMBER_UNIT_WORDS
            or rest.startswith(("€", "%"))
            or _DECIMALS.match(text, token.end)
            or before.endswith(("€", "$"))
            or (i > 0 and tokens[i - 1].norm in ("eur", "euro"))
        ):
            return None  # an amount ("50000 Euro", "12345,50"), not a Postleitzahl
        start = token.end - 5
        if plz in self._gazetteer.plz:
            return _Mention("plz", self._gazetteer.plz[plz], start, token.end, i, i + 1, plz=plz)
        if plz in self._gazetteer.outside_plz:
            return _Mention(
                "outside",
                (plz,),
                start,
                token.end,
                i,
                i + 1,
                plz=plz,
                bundesland=" / ".join(self._gazetteer.outside_plz[plz]),
            )
        if plz[:2] in self._index.nrw_plz_prefixes and (cued or not plz.endswith("000")):
            # Probably an NRW large-customer or PO-box PLZ, which the gazetteer lacks: ask rather than guess.
            # A round number without a cue ("wir brauchen 50000") is an amount.
            return _Mention("unknown_plz", (plz,), start, token.end, i, i + 1, plz=plz)
        return None

    def _fuzzy_candidate(self, tokens: list[Token], covered: list[bool], i: int, query_mode: bool) -> bool:
        token = tokens[i]
        norm = token.norm
        if covered[i] or len(norm) < MIN_FUZZY_LENGTH or not norm.isalpha():
            return False
        if norm in STOP_WORDS or norm in COMMON_WORD_NAMES or norm.endswith(self._suffixes):
            return False
        if query_mode:
            return True
        # In running text only capitalised words can be names; "im vierten" is no place.
        if not token.capitalised:
            return False
        return self._has_cue(tokens, i) or len(norm) >= MIN_FUZZY_LENGTH_WITHOUT_CUE

    def _fuzzy_mentions(self, tokens: list[Token], covered: list[bool], query_mode: bool) -> list[_Mention]:
        mentions: list[_Mention] = []
        index = self._index
        for i in range(len(tokens)):
            if not self._fuzzy_candidate(tokens, covered, i, query_mode):
                continue
            queries = [(tokens[i].norm, 1)]
            if tokens[i].norm in index.fuzzy_first_tokens:
                for n in (2, 3):
                    span = tokens[i : i + n]
                    if len(span) == n and all(
                        t.norm.isalpha() and not covered[i + k] for k, t in enumerate(span)
                    ):
                        queries.append((" ".join(t.norm for t in span), n))
            best: tuple[int, int, list[PlaceTarget]] | None = None  # (distance, -tokens, targets)
            for query, n in queries:
                for hit in index.fuzzy.lookup(query):
                    target = index.fuzzy_targets[hit.name]
                    # Names that are also ordinary words ("Kamen") are never reached by a typo.
                    if hit.name.count(" ") + 1 != n or target.needs_cue:
                        continue
                    if hit.distance == 2 and not _plausible_double_typo(query, hit.name):
                        continue
                    rank = (hit.distance, -n)
                    if best is None or rank < best[:2]:
                        best = (hit.distance, -n, [target])
                    elif rank == best[:2]:
                        best[2].append(target)
            if best is None:
                continue
            n = -best[1]
            refs = tuple(sorted({t.ref for t in best[2]}))
            start, end = tokens[i].start, tokens[i + n - 1].end
            kreis_ags = self._kreis_named_like(refs, tokens, i)
            if kreis_ags:
                mentions.append(_Mention("kreis", (kreis_ags,), tokens[i - 1].start, end, i - 1, i + n, fuzzy=True))
            else:
                mentions.append(_Mention("gemeinde", refs, start, end, i, i + n, fuzzy=True))
            for k in range(i, i + n):
                covered[k] = True
        return mentions

    def _kreis_named_like(self, refs: tuple[str, ...], tokens: list[Token], i: int) -> str | None:
        """A typo after "Kreis" ("Kreis Gütersloo") names the Kreis, not the town of the same name."""
        if len(refs) != 1 or i == 0 or tokens[i - 1].norm not in KREIS_WORDS:
            return None
        gemeinde = self._gazetteer.gemeinden[refs[0]]
        kreis = self._gazetteer.kreise[gemeinde.kreis_ags]
        if kreis.kreisfrei or name_tokens(kreis.name) != name_tokens(gemeinde.name):
            return None
        return kreis.ags

    # --- deciding ---

    def _decide(self, text: str, mentions: list[_Mention]) -> LocationResult:
        names = [m for m in mentions if m.kind in ("gemeinde", "ortsteil") and not m.fuzzy]
        plzs = [m for m in mentions if m.kind == "plz"]
        typos = [m for m in mentions if m.kind == "gemeinde" and m.fuzzy]
        kreise = sorted({m.refs[0] for m in mentions if m.kind == "kreis"})

        candidates: set[str] = set()
        if names:
            candidates = {a for m in names for a in m.refs}
            in_plz = candidates & {a for m in plzs for a in m.refs}
            candidates = in_plz or candidates
            support = names + plzs
        elif plzs:
            candidates = set.intersection(*(set(m.refs) for m in plzs)) or {a for m in plzs for a in m.refs}
            support = plzs
        elif typos:
            candidates = {a for m in typos for a in m.refs}
            support = typos
        if candidates:
            if len(candidates) > 1 and kreise:
                candidates = {
                    a for a in candidates if self._gazetteer.gemeinden[a].kreis_ags in kreise
                } or candidates
            if len(candidates) == 1:
                return self._gemeinde_result(text, next(iter(candidates)), support)
            return self._shared_gemeinden(text, candidates, support) or self._ambiguous_gemeinden(
                text, sorted(candidates), support, plzs
            )

        if kreise:
            first = next(m for m in mentions if m.kind == "kreis")
            if len(kreise) == 1:
                return self._kreis_result(text, kreise[0], first)
            if self._areas is not None and self._areas.kreise_share(kreise):
                named = list(dict.fromkeys(m.refs[0] for m in mentions if m.kind == "kreis"))
                labels = [self._gazetteer.kreise[k].display_name for k in named]
                return replace(
                    self._kreis_result(text, named[0], first),
                    candidates=tuple(self._kreis_candidate(k) for k in named),
                    shared_label=join_german(labels),
                )
            labels = [self._gazetteer.kreise[k].display_name for k in kreise]
            return LocationResult(
                "ambiguous",
                candidates=tuple(self._kreis_candidate(k) for k in kreise),
                question=several_places_question(labels),
                matched_text=text[first.start : first.end],
                span=(first.start, first.end),
            )

        for kind in ("regierungsbezirk", "region"):
            found = [m for m in mentions if m.kind == kind]
            if found:
                return self._area_result(text, kind, found)

        outside = [m for m in mentions if m.kind == "outside"]
        if outside:
            m = outside[0]
            return LocationResult(
                "outside_nrw",
                matched_text=text[m.start : m.end],
                span=(m.start, m.end),
                outside_place=m.refs[0],
                bundesland=m.bundesland,
                plz=m.plz,
            )
        unknown = [m for m in mentions if m.kind == "unknown_plz"]
        if unknown:
            m = unknown[0]
            return LocationResult(
                "not_found",
                plz=m.plz,
                question=unknown_plz_question(m.refs[0]),
                matched_text=text[m.start : m.end],
                span=(m.start, m.end),
            )
        return NOT_FOUND

    def _shared_gemeinden(self, text: str, candidates: set[str], support: list[_Mention]) -> LocationResult | None:
        """Several Gemeinden with the same chambers and regional agency: the answer is the same whichever is meant,
        so none is asked. One Kreis that has these partners throughout resolves to the Kreis; otherwise the place
        named first stands for all of them, and the label names every one."""
        if self._areas is None or not self._areas.gemeinden_share(candidates):
            return None
        ordered = list(dict.fromkeys(a for m in sorted(support, key=lambda m: m.start) for a in m.refs
                                     if a in candidates))
        options = tuple(self._gemeinde_candidate(a) for a in ordered)
        fuzzy = all(m.fuzzy for m in support)
        kreise = {self._gazetteer.gemeinden[a].kreis_ags for a in ordered}
        if len(kreise) == 1 and self._areas.of_kreis(next(iter(kreise))) is not None:
            first = next(m for m in support if ordered[0] in m.refs)
            plz = next((m.plz for m in support if m.plz), None)
            kreis = self._kreis_result(text, next(iter(kreise)), first)
            return replace(kreis, candidates=options, plz=plz, fuzzy=fuzzy)
        # A shared PLZ or a typo means one of the places, two names both of them.
        either = fuzzy or all(m.kind == "plz" for m in support)
        label = join_german([c.label for c in options], "oder" if either else "und")
        return replace(self._gemeinde_result(text, ordered[0], support), candidates=options, shared_label=label)

    def _gemeinde_result(self, text: str, ags: str, support: list[_Mention]) -> LocationResult:
        gemeinde = self._gazetteer.gemeinden[ags]
        kreis = self._gazetteer.kreise[gemeinde.kreis_ags]
        own = [m for m in support if ags in m.refs]
        first = own[0]
        level: LocationLevel = "gemeinde"
        if all(m.kind == "plz" for m in own):
            level = "plz"
        elif all(m.kind in ("ortsteil", "plz") for m in own):
            level = "ortsteil"
        plz = next((m.plz for m in own if m.plz), None)
        ortsteil = next((m.ortsteil for m in own if m.ortsteil), None)
        return LocationResult(
            "resolved",
            level=level,
            gemeinde=gemeinde.name,
            ags=ags,
            kreis=kreis.name,
            kreis_ags=kreis.ags,
            kreis_label=kreis.display_name,
            regierungsbezirk=gemeinde.regierungsbezirk,
            regions=self._gazetteer.regions_by_kreis.get(kreis.ags, ()),
            ortsteil=ortsteil,
            plz=plz,
            matched_text=text[first.start : first.end],
            span=(first.start, first.end),
            fuzzy=any(m.fuzzy for m in own),
        )

    def _kreis_result(self, text: str, kreis_ags: str, mention: _Mention) -> LocationResult:
        kreis = self._gazetteer.kreise[kreis_ags]
        return LocationResult(
            "resolved",
            level="kreis",
            kreis=kreis.name,
            kreis_ags=kreis.ags,
            kreis_label=kreis.display_name,
            regierungsbezirk=kreis.regierungsbezirk,
            regions=self._gazetteer.regions_by_kreis.get(kreis.ags, ()),
            matched_text=text[mention.start : mention.end],
            span=(mention.start, mention.end),
            fuzzy=mention.fuzzy,
        )

    def _area_result(self, text: str, kind: str, found: list[_Mention]) -> LocationResult:
        names = sorted({m.refs[0] for m in found})
        first = found[0]
        where: dict[str, Any] = {"matched_text": text[first.start : first.end], "span": (first.start, first.end)}
        if len(names) > 1:
            level: LocationLevel = "regierungsbezirk" if kind == "regierungsbezirk" else "region"
            labels = [f"Regierungsbezirk {n}" if kind == "regierungsbezirk" else f"Region {n}" for n in names]
            candidates = tuple(
                LocationCandidate(
                    label,
                    level,
                    regierungsbezirk=n if kind == "regierungsbezirk" else None,
                    region=n if kind == "region" else None,
                )
                for label, n in zip(labels, names, strict=True)
            )
            return LocationResult(
                "ambiguous", candidates=candidates, question=several_places_question(labels), **where
            )
        if kind == "regierungsbezirk":
            return LocationResult("resolved", level="regierungsbezirk", regierungsbezirk=names[0], **where)
        return LocationResult("resolved", level="region", regions=(names[0],), **where)

    def _gemeinde_candidate(self, ags: str) -> LocationCandidate:
        g = self._gazetteer.gemeinden[ags]
        kreis = self._gazetteer.kreise[g.kreis_ags]
        label = f"{g.name} (kreisfreie Stadt)" if kreis.kreisfrei else f"{g.name} ({kreis.display_name})"
        return LocationCandidate(
            label,
            "gemeinde",
            gemeinde=g.name,
            ags=ags,
            kreis=kreis.name,
            kreis_ags=kreis.ags,
            regierungsbezirk=g.regierungsbezirk,
        )

    def _kreis_candidate(self, kreis_ags: str) -> LocationCandidate:
        kreis = self._gazetteer.kreise[kreis_ags]
        return LocationCandidate(
            kreis.display_name,
            "kreis",
            kreis=kreis.name,
            kreis_ags=kreis.ags,
            regierungsbezirk=kreis.regierungsbezirk,
        )

    def _ambiguous_gemeinden(
        self, text: str, agss: list[str], support: list[_Mention], plzs: list[_Mention]
    ) -> LocationResult:
        candidates = tuple(self._gemeinde_candidate(a) for a in agss)
        labels = [c.label for c in candidates]
        if support and all(m.fuzzy for m in support):
            question = typo_question([c.gemeinde or c.label for c in candidates])
        elif support is plzs and len({m.plz for m in plzs}) == 1:
            question = shared_plz_question(plzs[0].plz or "", labels)
        else:
            question = several_places_question([c.gemeinde or c.label for c in candidates])
        first = support[0]
        return LocationResult(
            "ambiguous",
            candidates=candidates,
            question=question,
            matched_text=text[first.start : first.end],
            span=(first.start, first.end),
            plz=first.plz,
            fuzzy=first.fuzzy,
        )


def _after_headcount(text: str, tokens: list[Token], i: int) -> bool:
    """"(22 MA, Bünde)": the token follows a headcount and a comma."""
    return (i >= 2 and tokens[i - 2].norm.isdigit() and tokens[i - 1].norm in HEADCOUNT_WORDS
            and "," in text[tokens[i - 1].end : tokens[i].start])

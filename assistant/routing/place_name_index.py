"""Every way a place can be written, precomputed from the gazetteer: official names and their short forms,
Ortsteile, Kreis names with their declined forms, Regierungsbezirke, regions and well-known places outside
NRW.

Built once per gazetteer; the resolver only does dictionary lookups against it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from assistant.routing.fuzzy_name_index import FuzzyNameIndex
from assistant.routing.text_normalization import name_tokens
from indexer.gazetteer import Gazetteer, Gemeinde

PlaceKind = Literal["gemeinde", "ortsteil", "kreis", "regierungsbezirk", "region", "outside"]
Key = tuple[str, ...]

# Gemeinde (and Kreis) names that are also ordinary German (or English) words: "Essen", "kamen", "Lage".
# They count only after a place cue ("in Essen", "aus Kamen") or when the text is nothing but the name.
COMMON_WORD_NAMES = frozenset(
    {
        "essen",
        "kamen",
        "senden",
        "wenden",
        "lage",
        "halle",
        "wetter",
        "alpen",
        "enger",
        "heiden",
        "schlangen",
        "buende",
        "loehne",
        "siegen",
        "much",
        "recke",
        "lotte",
        "lippe",
    }
)

_REGIERUNGSBEZIRK_PREFIXES: tuple[Key, ...] = (
    ("regierungsbezirk",),
    ("regierungsbezirks",),
    ("bezirksregierung",),
    ("rb",),
    ("regbez",),
    ("reg", "bez"),
)
_KREIS_PREFIX_VARIANTS = ("kreis", "kreises", "landkreis", "landkreises")


@dataclass(frozen=True, slots=True)
class PlaceTarget:
    kind: PlaceKind
    ref: str  # Gemeinde AGS, Kreis AGS, Regierungsbezirk name, region name or outside place name
    label: str  # the name as shown to users
    needs_cue: bool = False
    bundesland: str | None = None  # for places outside NRW


def _gemeinde_aliases(g: Gemeinde) -> set[Key]:
    """Short forms people use: "Halle" for "Halle (Westf.)", "Mülheim", "St. Augustin"."""
    name = g.name
    aliases: set[Key] = {name_tokens(g.name_amtlich.split(",")[0])}
    if "(" in name:
        aliases.add(name_tokens(name.split("(")[0]))
    if "/" in name:
        aliases.add(name_tokens(name.split("/")[0]))
    for joiner in (" an der ", " am ", " im "):
        if joiner in name:
            base, rest = name.split(joiner, 1)
            aliases.add(name_tokens(base))
            aliases.add(name_tokens(base) + name_tokens(rest))
            if joiner == " an der ":
                aliases.add((*name_tokens(base), "a", "d", *name_tokens(rest)))
    if name.startswith("Sankt "):
        aliases.add(("st", *name_tokens(name[6:])))
    if name.startswith("Bad "):
        aliases.add(name_tokens(name[4:]))
    return aliases


def _kreis_declensions(key: Key) -> set[Key]:
    """ "Märkischer Kreis" -> "Märkischen Kreis(es)"; "Hochsauerlandkreis" -> "Hochsauerlandkreises"."""
    variants = {key}
    if key[-1].endswith("kreis") and key[-1] != "kreis":
        variants.add((*key[:-1], key[-1] + "es"))
    if "kreis" in key:
        i = key.index("kreis")
        for prefix in _KREIS_PREFIX_VARIANTS:
            variants.add((*key[:i], prefix, *key[i + 1 :]))
        if i > 0 and key[i - 1].endswith("er"):
            for form in ("kreis", "kreises"):
                variants.add((*key[: i - 1], key[i - 1][:-2] + "en", form, *key[i + 1 :]))
    return variants


class PlaceNameIndex:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self._targets: dict[Key, PlaceTarget] = {}
        gemeinde_keys = self._add_gemeinden(gazetteer)
        for o in gazetteer.ortsteile:
            self._add(name_tokens(o.name), PlaceTarget("ortsteil", o.ags, o.name))
        self._add_kreise(gazetteer, gemeinde_keys)
        for region in gazetteer.regions.values():
            for alias in (region.name, *region.aliases):
                self._add(name_tokens(alias), PlaceTarget("region", region.name, region.name))
        for rb in gazetteer.regierungsbezirke:
            for prefix in _REGIERUNGSBEZIRK_PREFIXES:
                self._add(
                    prefix + name_tokens(rb), PlaceTarget("regierungsbezirk", rb, f"Regierungsbezirk {rb}")
                )
        for place in gazetteer.outside_places:
            self._add(
                name_tokens(place.name),
                PlaceTarget("outside", place.name, place.name, bundesland=place.bundesland),
            )

        by_first: dict[str, list[tuple[Key, PlaceTarget]]] = defaultdict(list)
        for key, target in self._targets.items():
            by_first[key[0]].append((key, target))
        # Longest key first, so "Kreis Wesel" wins over "Wesel" and "Bad Godesberg" over nothing.
        self.exact: dict[str, tuple[tuple[Key, PlaceTarget], ...]] = {
            first: tuple(sorted(entries, key=lambda e: (-len(e[0]), e[0])))
            for first, entries in by_first.items()
        }

        # Typos are matched against Gemeinde names only: the long tail where users misspell.
        self.fuzzy_targets: dict[str, PlaceTarget] = {
            " ".join(key): target for key, target in self._targets.items() if target.kind == "gemeinde"
        }
        self.fuzzy = FuzzyNameIndex(self.fuzzy_targets)
        self.fuzzy_first_tokens = frozenset(name.split(" ")[0] for name in self.fuzzy_targets if " " in name)
        self.nrw_plz_prefixes = frozenset(plz[:2] for plz in gazetteer.plz)

    def _add(self, key: Key, target: PlaceTarget) -> None:
        if key and key not in self._targets:
            self._targets[key] = target

    def _add_gemeinden(self, gazetteer: Gazetteer) -> dict[Key, Key]:
        """Adds official names first, then the short forms that point to exactly one Gemeinde."""
        keys: dict[Key, Key] = {}
        for g in gazetteer.gemeinden.values():
            key = name_tokens(g.name)
            self._add(key, self._gemeinde_target(g, key))
            keys[key] = key
        owners: dict[Key, set[str]] = defaultdict(set)
        for g in gazetteer.gemeinden.values():
            for alias in _gemeinde_aliases(g):
                owners[alias].add(g.ags)
        for alias, agss in sorted(owners.items()):
            if len(agss) == 1 and alias not in self._targets:
                g = gazetteer.gemeinden[next(iter(agss))]
                self._add(alias, self._gemeinde_target(g, alias))
                keys[alias] = alias
        return keys

    @staticmethod
    def _gemeinde_target(g: Gemeinde, key: Key) -> PlaceTarget:
        return PlaceTarget("gemeinde", g.ags, g.name, needs_cue=len(key) == 1 and key[0] in COMMON_WORD_NAMES)

    def _add_kreise(self, gazetteer: Gazetteer, gemeinde_keys: dict[Key, Key]) -> None:
        for k in gazetteer.kreise.values():
            if k.kreisfrei:
                continue  # the city's own name resolves to the Gemeinde, which carries the Kreis
            for base in {name_tokens(k.bezeichnung), name_tokens(k.name), ("kreis", *name_tokens(k.name))}:
                if base in gemeinde_keys:
                    continue  # "Herford" is the town; "Kreis Herford" the Kreis
                for key in _kreis_declensions(base):
                    needs_cue = len(key) == 1 and key[0] in COMMON_WORD_NAMES
                    self._add(key, PlaceTarget("kreis", k.ags, k.display_name, needs_cue=needs_cue))
        for alias, kreis_ags in sorted(gazetteer.kreis_aliases.items()):
            kreis = gazetteer.kreise[kreis_ags]
            for key in _kreis_declensions(name_tokens(alias)):
                self._add(key, PlaceTarget("kreis", kreis.ags, kreis.display_name))

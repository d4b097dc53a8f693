"""The NRW gazetteer (Gemeinden, Kreise, PLZ, Ortsteile, regions) loaded from corpus/gazetteer/ into typed
records.

Built by scripts/build_gazetteer.py from Destatis and OSM/suche-postleitzahl.org data; see the README there
for licences. Loading happens only when `load_gazetteer` is called, never at import.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

GAZETTEER_FOLDER = "gazetteer"


class GazetteerError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Gemeinde:
    ags: str  # 8 digits
    name: str
    name_amtlich: str
    kreis_ags: str  # 5 digits
    kreis: str
    kreis_typ: str
    regierungsbezirk: str
    plz: tuple[str, ...]
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Kreis:
    ags: str  # 5 digits
    name: str  # short name: "Soest", "Märkischer Kreis", "Bielefeld"
    bezeichnung: str  # "Kreis Soest", "Bielefeld (kreisfreie Stadt)"
    typ: str  # "Kreis", "kreisfreie Stadt", "Kreis (Städteregion)"
    regierungsbezirk: str
    gemeinde_count: int

    @property
    def kreisfrei(self) -> bool:
        return self.typ == "kreisfreie Stadt"

    @property
    def display_name(self) -> str:
        """The Kreis in a sentence: "Kreis Soest", "Märkischer Kreis", "kreisfreie Stadt Bielefeld"."""
        return f"kreisfreie Stadt {self.name}" if self.kreisfrei else self.bezeichnung


@dataclass(frozen=True, slots=True)
class Region:
    name: str  # one of the nine regionen.NRW economic regions
    aliases: tuple[str, ...]
    kreis_ags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ortsteil:
    name: str
    ags: str


@dataclass(frozen=True, slots=True)
class OutsidePlace:
    name: str
    bundesland: str


@dataclass(frozen=True)
class Gazetteer:
    gemeinden: dict[str, Gemeinde]  # by AGS
    kreise: dict[str, Kreis]  # by Kreis AGS
    regions: dict[str, Region]  # by name
    ortsteile: tuple[Ortsteil, ...]
    kreis_aliases: dict[str, str]  # alias -> Kreis AGS
    outside_places: tuple[OutsidePlace, ...]
    plz: dict[str, tuple[str, ...]]  # NRW PLZ -> Gemeinde AGS (two for seven shared PLZ)
    outside_plz: dict[str, tuple[str, ...]]  # PLZ used only outside NRW -> Länder
    gemeinden_by_kreis: dict[str, tuple[str, ...]] = field(init=False)
    regions_by_kreis: dict[str, tuple[str, ...]] = field(init=False)
    regierungsbezirke: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        by_kreis: dict[str, list[str]] = defaultdict(list)
        for g in self.gemeinden.values():
            by_kreis[g.kreis_ags].append(g.ags)
        regions_by_kreis: dict[str, list[str]] = defaultdict(list)
        for region in self.regions.values():
            for k in region.kreis_ags:
                regions_by_kreis[k].append(region.name)
        object.__setattr__(self, "gemeinden_by_kreis", {k: tuple(sorted(v)) for k, v in by_kreis.items()})
        object.__setattr__(
            self, "regions_by_kreis", {k: tuple(sorted(v)) for k, v in regions_by_kreis.items()}
        )
        object.__setattr__(
            self, "regierungsbezirke", tuple(sorted({k.regierungsbezirk for k in self.kreise.values()}))
        )

    def kreis_of(self, ags: str) -> Kreis:
        return self.kreise[self.gemeinden[ags].kreis_ags]

    def gemeinden_in_regierungsbezirk(self, name: str) -> tuple[str, ...]:
        return tuple(sorted(g.ags for g in self.gemeinden.values() if g.regierungsbezirk == name))

    def gemeinden_in_region(self, name: str) -> tuple[str, ...]:
        return tuple(sorted(a for k in self.regions[name].kreis_ags for a in self.gemeinden_by_kreis[k]))


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc}") from exc


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def load_gazetteer(corpus_dir: Path) -> Gazetteer:
    """Read <corpus_dir>/gazetteer/*.csv. Raises GazetteerError when a file is missing or inconsistent."""
    folder = Path(corpus_dir) / GAZETTEER_FOLDER
    try:
        kreise = {
            r["kreis_ags"]: Kreis(
                r["kreis_ags"],
                r["kreis"],
                r["kreis_bezeichnung"],
                r["kreis_typ"],
                r["regierungsbezirk"],
                int(r["anzahl_gemeinden"]),
            )
            for r in _rows(folder / "kreise.csv")
        }
        gemeinden = {
            r["ags"]: Gemeinde(
                r["ags"],
                r["gemeinde"],
                r["gemeinde_name_amtlich"],
                r["kreis_ags"],
                r["kreis"],
                r["kreis_typ"],
                r["regierungsbezirk"],
                _split(r["plz"]),
                float(r["lat"]),
                float(r["lon"]),
                int(r["bevoelkerung"]),
            )
            for r in _rows(folder / "gemeinden.csv")
        }
        plz: dict[str, list[str]] = defaultdict(list)
        for r in _rows(folder / "plz.csv"):
            plz[r["plz"]].append(r["ags"])
        outside_plz = {r["plz"]: _split(r["bundesland"]) for r in _rows(folder / "plz_ausserhalb_nrw.csv")}
        regions = {
            r["region"]: Region(r["region"], _split(r["aliases"]), _split(r["kreis_ags"]))
            for r in _rows(folder / "regions.csv")
        }
        ortsteile = tuple(Ortsteil(r["ortsteil"], r["ags"]) for r in _rows(folder / "ortsteile.csv"))
        kreis_aliases = {r["alias"]: r["kreis_ags"] for r in _rows(folder / "kreis_aliases.csv")}
        outside = tuple(
            OutsidePlace(r["name"], r["bundesland"]) for r in _rows(folder / "orte_ausserhalb_nrw.csv")
        )
    except (KeyError, ValueError) as exc:
        raise GazetteerError(f"{folder}: malformed gazetteer file ({exc!r})") from exc

    unknown = sorted({g.kreis_ags for g in gemeinden.values()} - kreise.keys())
    unknown += sorted({a for agss in plz.values() for a in agss} - gemeinden.keys())
    unknown += sorted({o.ags for o in ortsteile} - gemeinden.keys())
    unknown += sorted({k for r in regions.values() for k in r.kreis_ags} - kreise.keys())
    unknown += sorted(set(kreis_aliases.values()) - kreise.keys())
    if unknown:
        raise GazetteerError(f"{folder}: references to unknown AGS {unknown}")
    return Gazetteer(
        gemeinden,
        kreise,
        regions,
        ortsteile,
        kreis_aliases,
        outside,
        {k: tuple(v) for k, v in plz.items()},
        outside_plz,
    )

"""Build corpus/gazetteer/ from the shared NRW gazetteer files.

Reads nrw_gazetteer.csv, nrw_kreise.csv, nrw_plz.csv and the all-Germany PLZ mapping (for recognising PLZ of
other Länder) from --shared-data, writes gemeinden.csv, kreise.csv, plz.csv and plz_ausserhalb_nrw.csv, and
checks the hand-curated files (ortsteile.csv, regions.csv, kreis_aliases.csv, orte_ausserhalb_nrw.csv) against
the result.

    .venv/bin/python scripts/build_gazetteer.py [--shared-data ../shared/data] [--out corpus/gazetteer]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EXPECTED_GEMEINDEN = 396
EXPECTED_KREISE = 53
GERMANY_PLZ_FILE = "sources/suche-postleitzahl_zuordnung_plz_ort_landkreis_via_grundeinkommensbuero.csv"
NRW = "Nordrhein-Westfalen"

GEMEINDEN_COLUMNS = [
    "ags",
    "gemeinde",
    "gemeinde_name_amtlich",
    "kreis_ags",
    "kreis",
    "kreis_typ",
    "regierungsbezirk",
    "plz",
    "lat",
    "lon",
    "bevoelkerung",
]
KREISE_COLUMNS = [
    "kreis_ags",
    "kreis",
    "kreis_bezeichnung",
    "kreis_typ",
    "regierungsbezirk",
    "anzahl_gemeinden",
]
PLZ_COLUMNS = ["plz", "ags", "gemeinde", "kreis_ags", "kreis"]
OUTSIDE_PLZ_COLUMNS = ["plz", "bundesland"]


class GazetteerBuildError(Exception):
    pass


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: row[c] for c in columns} for row in rows)


def build_gemeinden(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for row in rows:
        plz = sorted({p.strip() for p in row["plz"].split(";") if p.strip()})
        if not plz:
            raise GazetteerBuildError(f"Gemeinde {row['ags']} {row['gemeinde']} has no PLZ")
        out.append({**row, "plz": ";".join(plz)})
    return sorted(out, key=lambda r: r["ags"])


def build_kreise(rows: list[dict[str, str]], gemeinden: list[dict[str, str]]) -> list[dict[str, str]]:
    # The source leaves anzahl_gemeinden empty for kreisfreie Städte; count from the Gemeinden instead.
    counts: dict[str, int] = defaultdict(int)
    for g in gemeinden:
        counts[g["kreis_ags"]] += 1
    out = []
    for row in rows:
        declared = row.get("anzahl_gemeinden", "").strip()
        if declared and int(declared) != counts[row["kreis_ags"]]:
            raise GazetteerBuildError(
                f"Kreis {row['kreis_ags']}: {declared} Gemeinden declared, {counts[row['kreis_ags']]} found"
            )
        out.append({**row, "anzahl_gemeinden": str(counts[row["kreis_ags"]])})
    return sorted(out, key=lambda r: r["kreis_ags"])


def build_plz(
    rows: list[dict[str, str]], gemeinden_by_ags: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for row in rows:
        if row["ags"] not in gemeinden_by_ags:
            raise GazetteerBuildError(f"PLZ {row['plz']} points to unknown AGS {row['ags']}")
        key = (row["plz"], row["ags"])
        if key in seen:
            continue
        seen.add(key)
        gemeinde = gemeinden_by_ags[row["ags"]]
        out.append(
            {
                "plz": row["plz"],
                "ags": row["ags"],
                "gemeinde": gemeinde["gemeinde"],
                "kreis_ags": gemeinde["kreis_ags"],
                "kreis": gemeinde["kreis"],
            }
        )
    return sorted(out, key=lambda r: (r["plz"], r["ags"]))


def build_outside_plz(rows: list[dict[str, str]], nrw_plz: set[str]) -> list[dict[str, str]]:
    """PLZ used only outside NRW, with their Land(er): lets the resolver say '10115 liegt in Berlin'."""
    laender: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        plz = row["plz"].strip()
        if len(plz) == 5 and plz.isdigit() and plz not in nrw_plz and row["bundesland"] != NRW:
            laender[plz].add(row["bundesland"])
    return [{"plz": plz, "bundesland": ";".join(sorted(laender[plz]))} for plz in sorted(laender)]


def check_curated(out_dir: Path, gemeinden_by_ags: dict[str, dict[str, str]], kreis_ags: set[str]) -> None:
    for row in read_csv(out_dir / "ortsteile.csv"):
        gemeinde = gemeinden_by_ags.get(row["ags"])
        if gemeinde is None or gemeinde["gemeinde"] != row["gemeinde"]:
            raise GazetteerBuildError(
                f"ortsteile.csv: {row['ortsteil']} -> {row['ags']} {row['gemeinde']} "
                "does not match the gazetteer"
            )
    for row in read_csv(out_dir / "regions.csv"):
        unknown = [k for k in row["kreis_ags"].split(";") if k not in kreis_ags]
        if unknown:
            raise GazetteerBuildError(f"regions.csv: region {row['region']} has unknown Kreis AGS {unknown}")
    for row in read_csv(out_dir / "kreis_aliases.csv"):
        if row["kreis_ags"] not in kreis_ags:
            raise GazetteerBuildError(
                f"kreis_aliases.csv: {row['alias']} -> unknown Kreis AGS {row['kreis_ags']}"
            )
    for row in read_csv(out_dir / "orte_ausserhalb_nrw.csv"):
        if not row["name"] or not row["bundesland"]:
            raise GazetteerBuildError(f"orte_ausserhalb_nrw.csv: incomplete row {row}")


def build(shared_data: Path, out_dir: Path) -> dict[str, int]:
    gemeinden = build_gemeinden(read_csv(shared_data / "nrw_gazetteer.csv"))
    kreise = build_kreise(read_csv(shared_data / "nrw_kreise.csv"), gemeinden)
    if len(gemeinden) != EXPECTED_GEMEINDEN or len(kreise) != EXPECTED_KREISE:
        raise GazetteerBuildError(
            f"expected {EXPECTED_GEMEINDEN} Gemeinden and {EXPECTED_KREISE} Kreise, "
            f"got {len(gemeinden)} and {len(kreise)}"
        )
    gemeinden_by_ags = {g["ags"]: g for g in gemeinden}
    kreis_ags = {k["kreis_ags"] for k in kreise}
    missing = {g["kreis_ags"] for g in gemeinden} - kreis_ags
    if missing:
        raise GazetteerBuildError(f"Gemeinden reference unknown Kreise {sorted(missing)}")
    plz = build_plz(read_csv(shared_data / "nrw_plz.csv"), gemeinden_by_ags)
    outside = build_outside_plz(read_csv(shared_data / GERMANY_PLZ_FILE), {r["plz"] for r in plz})

    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "gemeinden.csv", GEMEINDEN_COLUMNS, gemeinden)
    write_csv(out_dir / "kreise.csv", KREISE_COLUMNS, kreise)
    write_csv(out_dir / "plz.csv", PLZ_COLUMNS, plz)
    write_csv(out_dir / "plz_ausserhalb_nrw.csv", OUTSIDE_PLZ_COLUMNS, outside)
    check_curated(out_dir, gemeinden_by_ags, kreis_ags)
    return {
        "gemeinden": len(gemeinden),
        "kreise": len(kreise),
        "plz_rows": len(plz),
        "plz_distinct": len({r["plz"] for r in plz}),
        "plz_ausserhalb_nrw": len(outside),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "corpus" / "gazetteer")
    args = parser.parse_args(argv)
    try:
        counts = build(args.shared_data, args.out)
    except (GazetteerBuildError, OSError, KeyError) as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 1
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

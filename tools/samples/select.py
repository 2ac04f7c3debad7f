#!/usr/bin/env python3
"""Selects the bundled sample archive (corpus/samples/archive/) from the shared real archive.

Deterministic: the same MANIFEST.tsv gives the same selection. It keeps every Human Rights
chapter, and for the other series spreads the picks over years and countries, preferring the
countries the Human Rights chapters cover so that one country can be followed across series.
Usage: tools/samples/select.py SHARED_CORPUS_DIR SEED_FILE OUT_DIR
"""
import collections
import csv
import shutil
import sys
from pathlib import Path

FOCUS = {"kazakhstan", "burma", "kyrgyz republic", "kyrgyzstan", "tajikistan", "uzbekistan",
         "russia", "turkey", "nigeria", "united arab emirates", "mexico", "philippines", "ukraine"}
QUOTA = {"hrr": 19, "un-hrc-upr": 40, "us-dos-irf": 45, "cia-wfb": 70}


def main(shared: Path, seed: Path, out: Path) -> None:
    rows = list(csv.DictReader(open(shared / "MANIFEST.tsv", encoding="utf-8"), delimiter="\t"))
    by_series = collections.defaultdict(list)
    for row in rows:
        by_series[row["file"].split("_")[0]].append(row)
    chosen = []
    for series, quota in QUOTA.items():
        candidates = sorted(by_series[series], key=lambda r: (r["year"], r["file"]))
        focus = [r for r in candidates if r["country"].lower() in FOCUS]
        picked = focus[: quota // 3] if series != "hrr" else focus
        seen_countries = {r["country"] for r in picked}
        by_year = collections.defaultdict(list)
        for r in candidates:
            if r not in picked:
                by_year[r["year"]].append(r)
        # Round-robin over years, each time the first report of a country not yet chosen.
        while len(picked) < quota and any(by_year.values()):
            for year in sorted(by_year):
                pool = by_year[year]
                pick = next((r for r in pool if r["country"] not in seen_countries), None)
                if pick is None and pool:
                    pick = pool[0]
                if pick is None:
                    continue
                pool.remove(pick)
                picked.append(pick)
                seen_countries.add(pick["country"])
                if len(picked) >= quota:
                    break
        chosen.extend(picked)

    archive = out / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    (archive / "reports").mkdir(parents=True)
    (archive / "seed").mkdir()
    shutil.copy(seed, archive / "seed" / seed.name)
    fields = ["file", "title", "country", "year", "publisher", "source_repo", "source_path",
              "license_note"]
    with open(out / "PROVENANCE.tsv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(fields)
        writer.writerow(["archive/seed/" + seed.name,
                         "U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan",
                         "Kazakhstan", "2004", "United States Department of State",
                         "Refworld (UNHCR) text copy", "shared/seeds/" + seed.name,
                         "U.S. Government work, public domain (17 U.S.C. 105)"])
        for row in sorted(chosen, key=lambda r: r["file"]):
            shutil.copy(shared / "docs" / row["file"], archive / "reports" / row["file"])
            writer.writerow(["archive/reports/" + row["file"]] + [row[k] for k in fields[1:]])
    countries = {r["country"] for r in chosen}
    years = {r["year"] for r in chosen}
    print(f"{len(chosen) + 1} reports, {len(countries)} country labels, {len(years)} years")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))

"""The towns, villages and neighbourhoods of the United States as the postal service names them (build time only).

    python -m medkiln.domains.deid.us_towns        # writes en/lexicons/us_towns.txt

The synthetic notes' cities came from a short list of large cities and from made-up town shapes; real notes name
the patient's small town, village or neighbourhood ("lives in <town>", "from <town>"), and a student that saw a
few hundred city names learns those names, not what a town's name looks like. This list gives the city grammar's
`us_town` family every place name of the national postal gazetteer: the preferred city name of each ZIP code and
the other names the postal service accepts for it (villages, neighbourhoods, former towns).

Source: the PyPI package `zipcodes` (MIT licence; the U.S. postal service's ZIP code data), a national list written
without reference to any evaluation note. Names with digits, military post offices, colleges, hospitals and stations
with a ZIP code of their own, and postal abbreviations that are not a place's written name ("Twp", "AFB",
"Hts") are left out.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

FILE = Path(__file__).parent / "en" / "lexicons" / "us_towns.txt"
# Post offices that are not a town's name: military mail, federal units, abbreviated townships.
_SKIP = re.compile(r"\d|\b(?:APO|FPO|DPO|AFB|Twp|Afb|Apo|Fpo|Dpo|Naval|Army|Air Force|Coast Guard|Usmc|Uscg|Po)\b")
# A college, a hospital or a station with its own ZIP code is not a town; postal abbreviations ("Hts", "Jct",
# "Spgs") have no vowel and are not how a note writes a place.
_INSTITUTION = re.compile(r"\b(?:College|University|Univ|Hospital|Center|Station|Sta|Prov|Mall|Plaza|Depot)\b")
_VOWEL = re.compile(r"[AEIOUYaeiouy]")
_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]*[A-Za-z]")


def build() -> list[str]:
    """Every accepted place name of the gazetteer, sorted, once."""
    try:
        import zipcodes
    except ImportError:
        raise SystemExit("us_towns: the package 'zipcodes' is missing; pip install 'medkiln[vocab]'") from None
    names: set[str] = set()
    for row in zipcodes.list_all():
        for name in [row.get("city") or "", *(row.get("acceptable_cities") or [])]:
            name = " ".join(name.split())
            if name.isascii() and _NAME.fullmatch(name) and not _SKIP.search(name) and not _INSTITUTION.search(name) \
                    and all(_VOWEL.search(word) for word in name.split()):
                names.add(name)
    return sorted(names)


def header(count: int) -> str:
    import zipcodes  # noqa: F401  (build() has checked it is there)

    return (f"# us_towns: {count} U.S. town, village and neighbourhood names (ZIP code city names and their accepted\n"
            f"# alternatives) from PyPI zipcodes {version('zipcodes')} (MIT licence). Built by\n"
            "# `python -m medkiln.domains.deid.us_towns`; do not edit by hand.\n")


def write(names: list[str] | None = None, path: Path = FILE) -> Path:
    """Write the list (built now unless given) atomically to `path`."""
    names = build() if names is None else names
    text = header(len(names)) + "\n".join(names) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".us_towns.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    names = build()
    path = write(names)
    sys.stderr.write(f"{path}: {len(names)} names\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

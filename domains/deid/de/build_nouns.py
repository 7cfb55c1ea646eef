"""Build `nouns.txt`: a few thousand capitalised German common nouns, PHI-free, for the synthesizer.

Source: the Debian package `wngerman` (/usr/share/dict/ngerman, the "ngerman" word list of Björn Jacke's
igerman98 dictionary, new orthography; license GPL-2+, see /usr/share/doc/wngerman/copyright). The list holds
common nouns, proper names and places alike, so a word is kept only when all of these hold:
- it is capitalised, letters only (umlauts and ß included), 6 to 22 characters, not all capitals;
- it ends in a suffix that forms German common nouns (-ung, -heit, -keit, -schaft, -tion, -tät, -nis, -ismus,
  -ment, -anz, -enz, -ik, -ie, -ur, -chen, -ling, -tum and the heads of compounds such as -werk, -zeit, -raum),
  which given names, surnames and town names do not take in Germany;
- it is not a given name, surname, town, state or country that Faker's de_DE, de_AT, de_CH locales (and the
  foreign locales the German grammar draws names from) know, compared case-insensitively.
Of the words left, each suffix (the longest that matches) keeps at most `PER_SUFFIX` words, the ones with the
smallest SHA-1 (so "-ung" does not crowd out the rest); the list is sorted: same dictionary, same file.
The package is a build-time input only: the committed `nouns.txt` is what synthesis reads, so neither the
tests nor CI install `wngerman`. Rebuild: `apt-get install wngerman && python -m medkiln.domains.deid.de.build_nouns`.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

SOURCE = Path("/usr/share/dict/ngerman")
OUT = Path(__file__).with_name("nouns.txt")
PER_SUFFIX = 120
SUFFIXES = ("ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "tät", "nis", "ismus", "ment", "anz", "enz",
            "ik", "ie", "ur", "chen", "ling", "tum", "werk", "zeit", "raum", "stelle", "platz", "gerät", "zeug",
            "mittel", "stoff", "wert", "werte", "bereich", "gebiet", "anlage", "system", "verfahren", "leistung",
            "arbeit", "gruppe", "kosten", "art", "form", "stand", "lage", "fläche", "größe", "weise")
_WORD = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:[a-zäöüß]+)*$")


NAME_ATTRS = ("first_names", "first_names_male", "first_names_female", "last_names", "cities", "city_names", "states",
              "countries", "municipality_key", "street_names", "street_suffixes")
PLACE_ATTRS = ("cities", "city_names", "states", "countries", "municipality_key")


def name_words(attrs: tuple[str, ...] = NAME_ATTRS, locales: tuple[str, ...] | None = None) -> set[str]:
    """Lower-cased given names, surnames and places (the Faker provider lists `attrs`) of the Faker locales the
    German synthesizer writes."""
    from faker import Faker

    from .grammar import FOREIGN_LOCALES

    out: set[str] = set()
    for loc in locales or ("de_DE", "de_AT", "de_CH") + tuple(FOREIGN_LOCALES):
        fake = Faker(loc)
        for provider in fake.providers:
            for attr in attrs:
                value = getattr(provider, attr, None)
                if isinstance(value, dict):
                    value = list(value)
                if isinstance(value, (list, tuple)):
                    for item in value:
                        if isinstance(item, str):
                            out.update(part.lower() for part in re.split(r"[\s\-]+", item) if part)
    return out


def _hash(word: str) -> int:
    return int(hashlib.sha1(word.encode()).hexdigest(), 16)


def select(words, names: set[str], per_suffix: int = PER_SUFFIX) -> list[str]:
    """The kept nouns, sorted (see the module docstring)."""
    groups: dict[str, set[str]] = {}
    for w in words:
        if not (6 <= len(w) <= 22 and _WORD.match(w) and w.endswith(SUFFIXES)) or w.lower() in names:
            continue
        groups.setdefault(max((x for x in SUFFIXES if w.endswith(x)), key=len), set()).add(w)
    return sorted(w for group in groups.values() for w in sorted(group, key=_hash)[:per_suffix])


def build(source: Path = SOURCE, out: Path = OUT) -> int:
    if not source.exists():
        raise SystemExit(f"{source} is missing: apt-get install wngerman")
    words = source.read_text(encoding="utf-8").split()
    nouns = select(words, name_words())
    header = (f"# {len(nouns)} capitalised German common nouns from wngerman ({source}, GPL-2+), "
              "built by domains/deid/de/build_nouns.py\n")
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(header + "\n".join(nouns) + "\n")
    os.replace(tmp, out)
    return len(nouns)


if __name__ == "__main__":
    sys.stdout.write(f"{build(*(Path(a) for a in sys.argv[1:3]))} nouns written\n")

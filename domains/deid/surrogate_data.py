"""Build a language folder's `surrogates.json`: the lists the serving side draws locale surrogates from.

    python -m medkiln.domains.deid.surrogate_data es --faker es_ES          # first time: writes es/surrogates.json
    python -m medkiln.domains.deid.surrogate_data es                        # again: same file (reads its source)

Run once per language at build time (Faker is the factory extra; serving reads the committed JSON and never
needs Faker). The file has three parts:

- `source`: how `generated` was made (Faker locale and version, seed, date order): rerunning reproduces it;
- `generated`: given names by sex, surnames, streets, cities, states, countries, professions, organizations from
  Faker's locale; hospitals from the folder's own institution shapes (`lexicon.HOSPITALS`, those whose slots
  are only `{city}` and `{surname}`); the calendar (the folder's `grammar.MONTHS`/`ABBRS` when it has them,
  else Faker's month names; weekdays from Faker) and name titles and particles from the folder's grammar;
- `own`: lists written by hand for the language; a list here replaces the generated one of the same name
  (Faker's tr_TR cities and ar_SA streets are not Turkish or Arabic: write those here).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path

FOLDER = Path(__file__).parent
FILE = "surrogates.json"
# Given names are kept whole (they also decide whether a name token is a given name or a surname).
SIZES = {"given_female": 2000, "given_male": 2000, "surnames": 300, "streets": 150, "cities": 150, "states": 60,
         "countries": 80, "professions": 80, "organizations": 80, "hospitals": 60}
_SLOT = re.compile(r"\{(\w+)\}")


def _unique(draw, n: int, tries: int = 20) -> list[str]:
    """Up to `n` distinct values of `draw()` (bounded tries), sorted."""
    seen: set[str] = set()
    for _ in range(n * tries):
        value = str(draw() or "").strip()
        if value:
            seen.add(value)
        if len(seen) >= n:
            break
    return sorted(seen)


def _sample(values, n: int, rng: random.Random) -> list[str]:
    values = sorted(set(values))
    return sorted(rng.sample(values, n)) if len(values) > n else values


def _module(lang: str, name: str):
    try:
        return importlib.import_module(f"medkiln.domains.deid.{lang}.{name}")
    except ImportError:
        return None


def _state(fake):
    for method in ("administrative_unit", "state", "region"):
        if hasattr(fake, method):
            return getattr(fake, method)
    return lambda: ""


def _calendar(lang: str, fake, order: str) -> dict:
    grammar = _module(lang, "grammar")
    dates = fake.provider("faker.providers.date_time")
    month_names = getattr(dates, "MONTH_NAMES", {})
    day_names = getattr(dates, "DAY_NAMES", {})
    months = list(getattr(grammar, "MONTHS", ()) or [month_names.get(f"{i:02d}", "") for i in range(1, 13)])
    abbrs = [[a] for a in getattr(grammar, "ABBRS", ())]
    weekdays = [day_names.get(str(i % 7), "") for i in range(1, 8)]  # Faker: "0" is Sunday
    if len(months) != 12 or not all(months):
        return {}  # no month names for this language: write its calendar under `own`
    calendar = {"months": months, "order": order}
    if len(abbrs) == 12:
        calendar["month_abbreviations"] = abbrs
    if all(weekdays):
        calendar["weekdays"] = weekdays
    return calendar


def _titles(lang: str) -> tuple[list[str], list[str]]:
    grammar = _module(lang, "grammar")
    words: set[str] = set()
    for table in (getattr(grammar, "TITLES_PATIENT", {}), getattr(grammar, "TITLES_DOCTOR", {})):
        for forms in table.values():
            for form in forms:
                words.update(w.casefold() for w in re.findall(r"[^\W\d_]{2,}", form))  # no initials
    particles = {w.casefold() for p in getattr(grammar, "PARTICLES", ()) for w in p.split()}
    return sorted(words), sorted(particles)


def _hospitals(lang: str, cities: list[str], surnames: list[str], rng: random.Random, n: int) -> list[str]:
    shapes = [s for s in getattr(_module(lang, "lexicon"), "HOSPITALS", ())
              if set(_SLOT.findall(s)) <= {"city", "surname"}]
    if not shapes:
        return []
    return _unique(lambda: rng.choice(shapes).format(city=rng.choice(cities), surname=rng.choice(surnames)), n)


def generate(lang: str, source: dict) -> dict:
    """The `generated` part for `lang` from `source` (faker_locale, seed, date_order); same source, same lists."""
    from faker import Faker

    fake = Faker(source["faker_locale"])
    fake.seed_instance(source["seed"])
    rng = random.Random(f"surrogates-{lang}-{source['seed']}")
    person = fake.provider("faker.providers.person")
    address = fake.provider("faker.providers.address")
    if isinstance(getattr(address, "cities", None), (list, tuple)):
        # some locales build this list from a set (it_IT): its order, and so the draws, changed with the hash seed
        address.cities = sorted(address.cities)
    out = {
        "given_female": _sample(getattr(person, "first_names_female", ()), SIZES["given_female"], rng),
        "given_male": _sample(getattr(person, "first_names_male", ()), SIZES["given_male"], rng),
        "surnames": _sample(getattr(person, "last_names", ()), SIZES["surnames"], rng),
        "streets": _unique(fake.street_name, SIZES["streets"]),
        "cities": _unique(fake.city, SIZES["cities"]),
        "states": _unique(_state(fake), SIZES["states"]),
        "countries": _unique(fake.country, SIZES["countries"]),
        "professions": _unique(fake.job, SIZES["professions"]),
        "organizations": _unique(fake.company, SIZES["organizations"]),
    }
    out["hospitals"] = _hospitals(lang, out["cities"], out["surnames"], rng, SIZES["hospitals"])
    out["name_titles"], out["name_particles"] = _titles(lang)
    out["calendar"] = _calendar(lang, fake, source.get("date_order", "dmy"))
    return {k: v for k, v in out.items() if v}


def _faker_version() -> str:
    from faker import VERSION

    return VERSION


def build(lang: str, faker_locale: str | None = None, date_order: str | None = None, seed: int | None = None,
          folder: Path = FOLDER) -> dict:
    """The whole file's content for `lang`: the existing file's source and own lists, `generated` made anew."""
    path = folder / lang / FILE
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    source = dict(current.get("source", {}))
    for name, value in (("faker_locale", faker_locale), ("date_order", date_order), ("seed", seed)):
        if value is not None:
            source[name] = value
    if "faker_locale" not in source:
        raise SystemExit(f"{path} does not exist yet: give --faker LOCALE (e.g. es_ES)")
    source.setdefault("date_order", "dmy")
    source.setdefault("seed", 0)
    source["faker_version"] = _faker_version()
    about = current.get("_about") or (f"Surrogate lists for {lang}: written by "
                                      "`python -m medkiln.domains.deid.surrogate_data {lang}`; edit `own` only.")
    return {"_about": about, "source": source, "generated": generate(lang, source), "own": current.get("own", {})}


def write(lang: str, content: dict, folder: Path = FOLDER) -> Path:
    path = folder / lang / FILE
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{FILE}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(content, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lang", help="the language folder (es, de, ...)")
    parser.add_argument("--faker", help="Faker locale (first build only, e.g. es_ES)")
    parser.add_argument("--date-order", choices=("dmy", "mdy"), help="numeric date order (default dmy)")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args(argv)
    path = write(args.lang, build(args.lang, args.faker, args.date_order, args.seed))
    sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

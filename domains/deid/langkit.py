"""Small language-independent helpers for the per-language note synthesizers (`domains/deid/<lang>/`).

A language folder declares its surface-form grammars (`Grammar`: named format families with weights), its
genres and its lexicons; these helpers only assemble: a `Note` records every PHI value's offsets as it is
written (gold spans by construction), `render_date` fills a date format with a language's month names, and
`faker_for` gives a seeded Faker of a locale (imported lazily: Faker is the factory extra), and the `*_segments`
helpers turn a grammar's value into the `(text, label, family)` pieces `fill` writes. What a genres module does
with them (casts, slot tables, the loops over a language's lexicons, drawing a genre) is in `genrekit`.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator, Sequence


def weighted(rng: random.Random, table: Sequence[tuple[float, object]]):
    """One item of a `(weight, item)` table."""
    total = sum(w for w, _ in table)
    pick = rng.random() * total
    for weight, item in table:
        pick -= weight
        if pick < 0:
            return item
    return table[-1][1]


def recase(rng: random.Random, text: str, upper: float = 0.1, lower: float = 0.05) -> str:
    """The value as written, or in capitals or lower case now and then."""
    roll = rng.random()
    return text.upper() if roll < upper else text.lower() if roll < upper + lower else text


@dataclass(frozen=True)
class Grammar:
    """A PHI type's format families: name -> (weight, render(rng, **values) -> str). `draw` says which
    family wrote the value, so a data card can report the shares and a test that each family is produced."""

    kind: str
    families: dict[str, tuple[float, Callable[..., str]]]

    def draw(self, rng: random.Random, family: str | None = None, **values) -> tuple[str, str]:
        name = family or weighted(rng, [(w, n) for n, (w, _) in self.families.items()])
        return name, self.families[name][1](rng, **values)

    def pick(self, rng: random.Random, families: Sequence[str]) -> str:
        """One of `families` (a subset that reads well in some place), by the families' weights."""
        return weighted(rng, [(self.families[f][0], f) for f in families])


@dataclass
class Note:
    """Text written piece by piece; `phi` pieces become gold spans at the offsets they land on."""

    parts: list[str] = field(default_factory=list)
    spans: list[list] = field(default_factory=list)
    families: Counter = field(default_factory=Counter)
    length: int = 0

    def add(self, text: str) -> "Note":
        self.parts.append(text)
        self.length += len(text)
        return self

    def phi(self, value: str, label: str, family: str | None = None) -> "Note":
        """A PHI value; leading/trailing spaces stay outside the span."""
        stripped = value.strip()
        if not stripped:
            return self.add(value)
        lead = len(value) - len(value.lstrip())
        start = self.length + lead
        self.spans.append([start, start + len(stripped), label])
        if family:
            self.families[f"{label}:{family}"] += 1
        return self.add(value)

    def seq(self, pieces: Iterable[tuple[str, str | None]]) -> "Note":
        """(text, label-or-None) pieces, as the grammars return them."""
        for text, label in pieces:
            self.phi(text, label) if label else self.add(text)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def record(self, rid: str, meta: dict) -> dict:
        return {"id": rid, "text": self.text, "spans": [list(s) for s in self.spans],
                "meta": {**meta, "families": dict(sorted(self.families.items()))}}


_SLOT = re.compile(r"\{(\w+)\}")
_ALT = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")


def fill(note: Note, template: str, slots: dict[str, Callable], ctx, rng: random.Random) -> Note:
    """Write `template` into `note`: `[a|b|c]` picks one alternative, `{slot}` calls `slots[slot](ctx)`, which
    returns plain text or a list of (text, label-or-None, family-or-None) pieces."""
    while _ALT.search(template):
        template = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    pos = 0
    for match in _SLOT.finditer(template):
        note.add(template[pos:match.start()])
        value = slots[match.group(1)](ctx)
        if isinstance(value, str):
            note.add(value)
        else:
            for text, label, family in value:
                note.phi(text, label, family) if label else note.add(text)
        pos = match.end()
    note.add(template[pos:])
    return note


def clinical_sentences(lang: str, rng: random.Random, n: int = 1) -> str:
    """`n` PHI-free clinical sentences in `lang` from the translation domain's aligned templates and lexicons
    (`domains/translation/languages/<lang>.json`: instructions, findings, history, drugs, doses)."""
    from medkiln.domains.translation import synth as ts

    res = ts.load_language(lang)
    ids = sorted(res["templates"])
    out = []
    for _ in range(n):
        tid = rng.choice(ids)
        out.append(ts.render(lang, tid, ts.choose(rng, res["templates"][tid]["text"], res["lexicon"])))
    return " ".join(out)


LEXICON_CATEGORIES = ("drug", "condition", "anatomy", "lab", "symptom", "procedure")


def lexicon_terms(lang: str, categories: tuple[str, ...] = LEXICON_CATEGORIES) -> list[str]:
    """The base forms of the translation domain's clinical lexicon in `lang` (PHI-free words and phrases)."""
    from medkiln.domains.translation import synth as ts

    lexicon = ts.load_language(lang)["lexicon"]
    return sorted({ts.entry_form(entry, None) for cat in categories for entry in lexicon.get(cat, {}).values()})


def prose(fake, rng: random.Random, sentences: int = 3) -> str:
    """Running text of the Faker locale's word list: PHI-free words the student must leave alone."""
    return fake.paragraph(nb_sentences=sentences)


def random_date(rng: random.Random, start: int = 1995, end: int = 2025) -> date:
    first = date(start, 1, 1)
    return first + timedelta(days=rng.randrange((date(end, 12, 31) - first).days))


def render_date(fmt: str, when: date, months: Sequence[str], abbrs: Sequence[str], casing: str = "title") -> str:
    """Fill `{d} {d2} {m} {m2} {month} {mon} {Y} {y2}` (day, zero-padded day, month number, padded month,
    month name, abbreviation, year, two-digit year); month words in `casing` (title, lower, upper)."""
    def case(word: str) -> str:
        return {"lower": word.lower(), "upper": word.upper()}.get(casing, word[:1].upper() + word[1:])

    return fmt.format(d=when.day, d2=f"{when.day:02d}", m=when.month, m2=f"{when.month:02d}",
                      month=case(months[when.month - 1]), mon=case(abbrs[when.month - 1]), Y=when.year,
                      y2=f"{when.year % 100:02d}")


def date_grammar(kind: str, formats: dict[str, tuple[float, str]], months: Sequence[str], abbrs: Sequence[str],
                 casings: Sequence[tuple[float, str]] = ((0.75, "title"), (0.2, "lower"), (0.05, "upper"))) -> Grammar:
    """A date grammar from a language's format table {family: (weight, format)}."""
    def family(fmt: str):
        def render(rng: random.Random, when: date | None = None) -> str:
            return render_date(fmt, when or random_date(rng), months, abbrs, weighted(rng, casings))
        return render

    return Grammar(kind, {name: (w, family(fmt)) for name, (w, fmt) in formats.items()})


def digits(rng: random.Random, n: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


_FAKERS: dict[str, object] = {}


def faker_for(locale: str, seed: int):
    """A Faker of `locale`, reseeded (one instance per locale, built on first use)."""
    if locale not in _FAKERS:
        from faker import Faker

        _FAKERS[locale] = Faker(locale)
    fake = _FAKERS[locale]
    fake.seed_instance(seed)
    return fake


def generate_notes(lang: str, generator: str, write_note: Callable, n: int, seed: int) -> Iterator[dict]:
    """`n` notes of a language folder: `write_note(rng, note_seed)` gives `(genre, Note)`; gold spans by
    construction; same (n, seed), same notes."""
    for i in range(n):
        rng = random.Random(f"{lang}-{seed}-{i}")
        genre, note = write_note(rng, seed * 1_000_003 + i)
        yield note.record(f"{lang}-{seed}-{i}", {"note_type": genre, "generator": generator, "seed": seed,
                                                 "lang": lang})


def fill_fields(template: str, fields: dict[str, Callable[[], str]]) -> str:
    """Each `{key}` of a PHI-free sentence template filled by its maker, occurrence by occurrence."""
    for key, make in fields.items():
        while "{" + key + "}" in template:
            template = template.replace("{" + key + "}", make(), 1)
    return template


def narrative(lang: str, rng: random.Random, fake, sentence: Callable[[], str]) -> str:
    """A few PHI-free sentences: the language folder's own (`sentence`), the translation domain's, now and then
    Faker's running prose, shuffled."""
    parts = [sentence() for _ in range(rng.randint(1, 3))]
    parts.append(clinical_sentences(lang, rng, rng.randint(1, 3)))
    if rng.random() < 0.3:
        parts.append(prose(fake, rng, rng.randint(1, 3)))
    rng.shuffle(parts)
    return " ".join(parts)


# The PHI slots every language folder fills the same way: `(text, label, family)` segments drawn from its grammars.
def name_segments(rng: random.Random, names, who: dict, label: str, titles: dict | None, p_title: float) -> list:
    """A person's name (family drawn for `who`), after a title of their sex now and then (the title is no PHI)."""
    family, value = names.draw(rng, p=who)
    title = rng.choice(titles[who["female"]]) if titles and rng.random() < p_title else ""
    return [(title, None, None), (value, label, family)]


def date_segments(rng: random.Random, dates, when=None, family: str | None = None) -> list:
    return value_segments(rng, dates, "DATE", family, when=when)


def phone_segments(rng: random.Random, phones, label: str = "PHONE") -> list:
    return value_segments(rng, phones, label)


def age_segments(rng: random.Random, ages, n: int, split: Callable | None = None, family: str | None = None) -> list:
    """An age of `n` years from a language's age grammar: the whole value as the span or, with
    `split(phrase) -> (before, number, after)`, only the number in the phrase."""
    fam, phrase = ages.draw(rng, family, n=n)
    if split is None:
        return [(phrase, "AGE", fam)]
    before, number, after = split(phrase)
    return [(before, None, None), (number, "AGE", fam), (after, None, None)]


def given_name(fake) -> Callable[[bool], str]:
    """A Faker's given names, female or male: the `given` of `kin_segments`."""
    return lambda female: fake.first_name_female() if female else fake.first_name_male()


def value_segments(rng: random.Random, grammar, label: str, family: str | None = None, **values) -> list:
    """One value of a grammar (family drawn by weight unless given) as one span."""
    fam, value = grammar.draw(rng, family, **values)
    return [(value, label, fam)]


def ident_segments(ids: dict, key: str, *args) -> list:
    """An identifier of a language's table `{key: (make(*args), label)}`; the key is the family."""
    make, label = ids[key]
    return [(make(*args), label, key)]


def kin_segments(rng: random.Random, kin: Sequence[tuple[str, bool]], given: Callable[[bool], str],
                 surname: str | None = None, family: str = "kin") -> list:
    """A relative: the kinship word (no PHI), then a given name of the word's sex (`given(female)`), half the time
    followed by the patient's `surname` when one is given."""
    word, female = rng.choice(kin)
    first = given(female)
    name = first if surname is None or rng.random() < 0.5 else f"{first} {surname}"
    return [(f"{word} ", None, None), (name, "PATIENT", family)]


def other_sex_spouse(kin: Sequence[tuple[str, bool]], female: bool, husband: str, wife: str) -> list:
    """The kinship table without the spouse word of the patient's own sex."""
    spouse = husband if female else wife
    return [(w, f) for w, f in kin if w not in (husband, wife) or w == spouse]


__all__ = ["Grammar", "Note", "age_segments", "clinical_sentences", "date_grammar", "date_segments", "digits",
           "faker_for", "fill", "fill_fields", "generate_notes", "given_name", "ident_segments", "kin_segments",
           "lexicon_terms", "name_segments", "narrative", "other_sex_spouse", "phone_segments", "prose", "random_date",
           "recase", "render_date", "value_segments", "weighted"]

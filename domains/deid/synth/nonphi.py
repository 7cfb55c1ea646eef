"""Non-PHI material that looks like PHI to a student that has seen too little of it.

Unknown drug names (real ones plus a morphological pseudo-drug generator), ordinary clinical words after
prepositions and charting-system words ("see flowsheet"), system lines with glued symbols ("CV=HR 80S"),
ordinals and times that are not dates ("2nd unit", "12mn"), O2 / IV fluid / I&O tokens, and plain
closing sentences so that the last words of a note are not always a signature. The word lists are the
language folder's (`domains/deid/en/lexicons/clinical.json`, v7); the frames stay here.
"""

from __future__ import annotations

import random
from functools import lru_cache

from .lexicons import RESOURCES


def _w(name: str) -> tuple:
    """A word list of the notes' language (`domains/deid/<lang>/lexicons/clinical.json`)."""
    from .lexicons import words

    return words(f"clinical.{name}")


# The former module constants, now the language folder's lists (tests and other modules read them by name).
_TABLES = {"DRUG_SUFFIXES": "drug_suffixes", "CEPH": "drug_name_cephalosporin_prefixes", "CHART": "charting_systems",
           "CHART_WHAT": "chart_what", "AUTHORITY": "authority", "ORDINAL_USES": "ordinal_uses", "ORDINALS":
           "ordinals", "SYSTEMS_GLUED": "systems_glued", "KIN_WORDS": "kin_words", "KIN_PLAIN": "kin_plain",
           "PREPS": "preps", "DOSES": "doses"}


def __getattr__(name: str):
    """The module's former word-list constants (`nonphi.DRUG_SUFFIXES`, ...), read from the language folder on access."""
    if name in _TABLES:
        return _w(_TABLES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

CHART_FRAMES = ("see {c} for {x}", "per {c}", "as per {c}", "{x} per {c}", "please see {c}", "refer to {c}",
                "see {c}", "{x} as per {c}", "documented in {c}", "{x} in {c}", "(see {c})", "{x} - see {c}",
                "details in {c}", "as noted in {c}", "{x} recorded on {c}", "see {c} for details", "see {c} for all data")
GLUE = ("=", "=", "-", "--", ":", "=>", "->", "= ", "/", ">")


@lru_cache(maxsize=1)
def real_drugs() -> tuple[str, ...]:
    text = (RESOURCES / "drugs.txt").read_text(encoding="utf-8")
    return tuple(dict.fromkeys(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")))


@lru_cache(maxsize=1)
def clinical_words() -> dict[str, tuple[str, ...]]:
    """Ordinary clinical vocabulary by part of speech: `{"n": nouns, "v": verbs, "a": adjectives}`."""
    out: dict[str, list[str]] = {"n": [], "v": [], "a": []}
    for line in (RESOURCES / "clinical_words.txt").read_text(encoding="utf-8").splitlines():
        if line[:2] in ("n:", "v:", "a:"):
            out[line[0]].append(line[2:].strip())
    return {k: tuple(v) for k, v in out.items()}


def recase3(rng: random.Random, s: str) -> str:
    """lower, Capitalised or UPPER with about equal odds (a note's own style may override it later)."""
    r = rng.random()
    return s.lower() if r < 0.4 else s.upper() if r < 0.65 else s[:1].upper() + s[1:]


def pseudo_drug(rng: random.Random) -> str:
    """An invented, drug-shaped word: `stem + suffix` ('bralotinib', 'Quemazole', 'CEFTRAPIRIN')."""
    n = rng.choice((1, 2, 2, 3))
    onsets, vowels, codas = _w("drug_name_onsets"), _w("drug_name_vowels"), _w("drug_name_codas")
    stem = "".join(rng.choice(onsets) + rng.choice(vowels) + (rng.choice(codas) if i == n - 1 else "") for i in range(n))
    if rng.random() < 0.08:
        stem = rng.choice(_w("drug_name_cephalosporin_prefixes")) + stem
    suffix = rng.choice(_w("drug_suffixes"))
    if stem[-1] in "aeiouy" and suffix[0] in "aeiouy":
        stem = stem[:-1]
    return recase3(rng, stem + suffix)


def drug(rng: random.Random) -> str:
    """A drug name for a medication slot: a real one or an invented one, in any casing."""
    r = rng.random()
    if r < 0.35:
        return rng.choice(_w("drugs"))
    if r < 0.7:
        return recase3(rng, rng.choice(real_drugs()))
    return pseudo_drug(rng)


def word(rng: random.Random, pos: str = "n") -> str:
    return rng.choice(clinical_words()[pos])


def chart_phrase(rng: random.Random) -> str:
    """A documentation reference: 'see carevue for vitals', 'per protocol', 'i&o as per flowsheet'."""
    if rng.random() < 0.3:
        return rng.choice(_w("authority"))
    frame = rng.choice(CHART_FRAMES)
    return frame.replace("{c}", rng.choice(_w("charting_systems"))).replace("{x}", rng.choice(_w("chart_what") + (word(rng),)))


def ordinal_use(rng: random.Random) -> str:
    """An ordinal that is not a date: '2nd unit of prbc', '1st dose'."""
    return rng.choice(_w("ordinal_uses")).replace("{o}", rng.choice(_w("ordinals")))


def numeric_token(rng: random.Random) -> str:
    """Numbers that are not dates: O2 flow, IV fluids, clock times, ratios, ranges, halves, I&O, scales."""
    n = rng.randint
    return rng.choice((
        f"{n(1, 6)}LNC", f"{n(1, 6)}lnc", f"{n(1, 6)}l nc", f"{n(1, 6)}L NP", f"{n(1, 6)}lnp", f"{n(1, 6)} lpm",
        f"{n(4, 10)}0%nrb", f"{n(4, 10)}0% fm", f"{n(3, 7)}0%cfm", "d5ns", "D5NS", "1/2ns", "d51/2ns", "D5W", "d5w",
        "1/2NS", "d5 1/2 ns", "LR", f"ns@{n(5, 20)}0cc/hr", f"{n(0, 23):02d}{rng.choice(('00', '30', '15', '45'))}",
        f"{n(13, 23)}00", f"0{n(1, 9)}00", "12mn", "12MN", "12n", "12 mn", "mn", f"{n(1, 11)}p", f"{n(1, 11)}a",
        f"{n(1, 4)}:{n(1, 4)}", "1:1", "1:2", f"{n(1, 5)}-{n(2, 8)}", "1/2", "1/4", "3/4",
        f"+{n(1, 30)}00", f"-{n(1, 20)}00", f"(-{n(1, 9)}00)", f"(+{n(1, 20)}00)", f"+{n(1, 5)}.{n(0, 9)}L",
        f"rass -{n(1, 4)}", f"RASS {n(-3, 2)}", f"cpot {n(0, 6)}", f"ciwa {n(0, 20)}", f"{n(1, 4)}+", f"x{n(2, 6)}",
        f"{n(2, 40)}0cc", f"{n(1, 9)}0-{n(2, 9)}0cc", f"{n(12, 30)}-{n(20, 36)}", f"{n(100, 900)}'s", f"q{n(1, 6)}h",
        f"{n(10, 90)}mcg", f"{n(1, 10)}u/hr", f"#{n(6, 9)}.{rng.choice((0, 5))}", f"{n(2, 8)}.{n(0, 9)}",
    ))


def glued_line(rng: random.Random) -> str:
    """A system line written with glued symbols: 'CV=HR 80S NSR', 'GI-RECTAL BAG', 'i&o +500'."""
    head = rng.choice(_w("systems_glued"))
    head = head.lower() if rng.random() < 0.3 else head
    glue = rng.choice(GLUE)
    if head in ("SOCIAL", "social"):
        body = f"{rng.choice(_w('kin_words'))} {rng.choice(_w('kin_plain'))}"
    else:
        bits = [rng.choice((word(rng, "n"), word(rng, "a"), numeric_token(rng), drug(rng), ordinal_use(rng)))
                for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            bits.append(f"{drug(rng)} @ {rng.randint(1, 20)}")
        body = " ".join(bits)
    extra = rng.choice(("", "", "", " & " + word(rng, "n"), f" @ {rng.randint(1, 23):02d}00", " i&o " +
                        numeric_token(rng), " " + chart_phrase(rng), f" {word(rng, 'n')}={word(rng, 'a')}"))
    return f"{head}{glue}{body}{extra}"


PREP_FRAMES = ("{P} {p} {n}.", "{a} {n} {p} {n}.", "{v} {p} {n}.", "{n} {v} {p} {n} {a}.", "{N} {a}.", "{N} {v}.",
               "{N} {a}, {n} {a}.", "{N} and {n} {a}.", "{v} {d}, {n} {a}.", "{N} {v} {p} {d}.", "{n} {a} x{k}.",
               "{N}: {a}.", "{N} {a} {c}.", "{V} {n} {c}.", "{N} {v} {o}.", "{N} {a} {t}.", "{V} {n} {p} {n}.")


def prep_sentence(rng: random.Random) -> str:
    """A plain sentence of ordinary clinical words, often starting with a capitalised one ('Enemas
    ineffective.', 'Flushed with saline.', 'Wound dry, see flowsheet.')."""
    frame = rng.choice(PREP_FRAMES)
    fills = {"{n}": lambda: word(rng, "n"), "{a}": lambda: word(rng, "a"), "{v}": lambda: word(rng, "v"),
             "{N}": lambda: word(rng, "n").capitalize(), "{V}": lambda: word(rng, "v").capitalize(),
             "{P}": lambda: word(rng, "v").capitalize(), "{p}": lambda: rng.choice(_w("preps")),
             "{d}": lambda: drug(rng), "{k}": lambda: str(rng.randint(2, 5)), "{c}": lambda: chart_phrase(rng),
             "{o}": lambda: ordinal_use(rng), "{t}": lambda: numeric_token(rng)}
    for key, fn in fills.items():
        while key in frame:
            frame = frame.replace(key, fn(), 1)
    return frame


MED_FRAMES = ("started on {d}", "given {dose} of {d}", "cont on {d}", "improved on {d}", "{d} and {d} for {n}",
              "remains on {d}", "switched from {d} to {d}", "{d} {dose} given", "received {d} with {a} effect",
              "{d} held", "{d} d/c'd", "restarted {d}", "{d} increased to {dose}", "{d} level pending",
              "on {d} gtt @ {k}", "{d} @ {k}mcg", "tolerating {d}", "{d} per pharmacy", "with {d}", "per {d} protocol",
              "continues on {d} and {d}", "treated with {d}", "{d} changed to {d}", "will start {d} in am",
              "{d} x{k} doses", "needs {d} prior to {n}", "{d}/{d}", "{d} + {d}", "allergic to {d}", "on {d} since admit",
              "{d} prn for {n}", "{d} given for {n}", "pre-medicated w/ {d}", "weaning {d}", "off {d}")


def med_phrase(rng: random.Random) -> str:
    """A medication clause with one or two drug names in the slots where name-like words appear."""
    s = rng.choice(MED_FRAMES)
    fills = {"{d}": lambda: drug(rng), "{dose}": lambda: rng.choice(_w("doses")), "{n}": lambda: word(rng, "n"),
             "{a}": lambda: word(rng, "a"), "{k}": lambda: str(rng.randint(1, 20))}
    for key, fn in fills.items():
        while key in s:
            s = s.replace(key, fn(), 1)
    return s


CLOSINGS = ("see {c}.", "{c}.", "will continue to monitor.", "cont to monitor {n}.", "{N} {a}.", "{n} {a}.",
            "will cont {d}.", "plan to {v2} {n} in am.", "{N} {v}.", "support given.", "{N} remains {a}.",
            "awaiting {n}.", "no further {n}.", "{d} prn.", "{n} and {n} {a}.", "full code.", "will update {team}.",
            "monitor {n} closely.", "{n} {t}.", "emotional support to pt and family.", "cont plan of care.")


def closing(rng: random.Random) -> str:
    """A plain last sentence for a note (most real notes end without a signature)."""
    s = rng.choice(CLOSINGS)
    fills = {"{c}": lambda: chart_phrase(rng), "{n}": lambda: word(rng, "n"), "{N}": lambda: word(rng).capitalize(),
             "{a}": lambda: word(rng, "a"), "{v}": lambda: word(rng, "v"), "{d}": lambda: drug(rng),
             "{v2}": lambda: rng.choice(_w("plan_verbs")), "{team}": lambda: rng.choice(_w("team_abbreviations")), "{t}": lambda: numeric_token(rng)}
    for key, fn in fills.items():
        while key in s:
            s = s.replace(key, fn(), 1)
    return s


def shorthand(rng: random.Random) -> str:
    """A one-letter clinical abbreviation before a word (v7): 'c food' (with), 's difficulty' (without),
    'p meals' (after), 'L. forearm': shaped like an initial before a surname, and no name."""
    lead = rng.choice(_w("shorthand_letters"))
    rest = rng.choice((lambda: word(rng, "n"), lambda: f"{word(rng, 'a')} {word(rng, 'n')}", lambda: drug(rng)))()
    return recase3(rng, f"{lead} {rest}")


def filler_kinds() -> dict:
    """Filler functions this module adds to the templates' `{name}` slots."""
    return {"pdrug": pseudo_drug, "chart": chart_phrase, "ordnp": ordinal_use, "numtok": numeric_token,
            "glued": glued_line, "prep": prep_sentence, "medp": med_phrase, "closing": closing,
            "cword": lambda r: word(r, "n"), "cadj": lambda r: word(r, "a"), "short": shorthand}

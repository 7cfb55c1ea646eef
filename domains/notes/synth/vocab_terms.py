"""Terms from the domain's vocabularies for the synthesizer: tens of thousands of problems (ICD-10-CM, HPO,
their variants, abbreviations, lay terms) and drugs, written as people write them (mostly lower case,
abbreviations and eponyms as they are), plus the negative knowledge (words that look like problems or drugs
and are not, in the contexts given)."""

from __future__ import annotations

import random
from functools import lru_cache

from ..vocab import negatives, terms_of  # noqa: F401  negatives is used by builder

MAX_WORDS = {"PROBLEM": 5, "MEDICATION": 3}
# Kinds drawn more often: names people write, rather than every synonym of a chemical.
KIND_WEIGHT = {"MEDICATION": {"name": 3, "brand": 2, "abbreviation": 3, "lay": 2}, "PROBLEM": {}}


@lru_cache(maxsize=2)
def pool(label: str) -> tuple[tuple, tuple[float, ...]]:
    """(terms, cumulative weights) of one label, short enough to be written in running text."""
    items, weights = [], []
    for term in terms_of(label):
        if len(term.text.split()) > MAX_WORDS[label] or len(term.text) > 60 or ", " in term.text:
            continue
        items.append(term)
        weights.append(KIND_WEIGHT[label].get(term.kind, 1.0))
    total, cum = 0.0, []
    for w in weights:
        total += w
        cum.append(total)
    return tuple(items), tuple(cum)


def written(term, rng: random.Random) -> str:
    """A term as it is written: abbreviations, eponyms and codes kept, other words mostly lower case."""
    text = term.text
    keep = term.kind == "abbreviation" or any(c.isupper() for c in text[1:]) or any(c.isdigit() for c in text)
    if keep:
        return text
    roll = rng.random()
    return text.lower() if roll < 0.8 else text[:1].upper() + text[1:].lower() if roll < 0.95 else text.upper()


def draw(label: str, rng: random.Random):
    """One vocabulary term of `label` (a `Term`), weighted by kind."""
    import bisect

    items, cum = pool(label)
    return items[bisect.bisect_left(cum, rng.random() * cum[-1])]


def draw_text(label: str, rng: random.Random) -> str:
    return written(draw(label, rng), rng)


def negative(group: str, rng: random.Random) -> str:
    """A word or phrase of a negative-knowledge group (body_parts, procedures, tests, research_words)."""
    return rng.choice(negatives()[group])


def ambiguous(rng: random.Random) -> str:
    """A phrase where a problem word is not a problem ("cold saline", "stroke volume")."""
    groups = negatives()["ambiguous"]
    return rng.choice(groups[rng.choice(sorted(groups))])

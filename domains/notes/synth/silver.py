"""Real biomedical prose labelled by the vocabulary (a dictionary teacher): sentences of the HPO's
definitions, with every longest vocabulary match marked as PROBLEM or MEDICATION (status present) and
everything else left outside. They bring thousands of ordinary scientific words that are no entity, so the
student does not take every unfamiliar word for a problem."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from ..vocab import negatives, prose, terms

WORD = re.compile(r"\w+|[^\w\s]")
MAX_N = 6


def _key(text: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in WORD.finditer(text))


@lru_cache(maxsize=1)
def phrase_table() -> dict[tuple[str, ...], str]:
    """Lower-cased token tuples of the vocabulary -> label (abbreviations left out: exact case matters there)."""
    skip = {w.lower() for group in ("body_parts", "research_words", "not_terms", "tests", "procedures")
            for w in negatives()[group]}
    table: dict[tuple[str, ...], str] = {}
    for term in terms():
        if term.kind == "abbreviation" or term.text.lower() in skip:
            continue
        key = _key(term.text)
        if 0 < len(key) <= MAX_N:
            table.setdefault(key, term.label)
    return table


def label(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the longest vocabulary matches in a sentence, left to right."""
    table = phrase_table()
    tokens = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(sentence)]
    out, i = [], 0
    while i < len(tokens):
        for n in range(min(MAX_N, len(tokens) - i), 0, -1):
            found = table.get(tuple(t[2] for t in tokens[i:i + n]))
            if found and tokens[i][2].isalnum() and tokens[i + n - 1][2].isalnum():
                out.append((tokens[i][0], tokens[i + n - 1][1], found))
                i += n - 1
                break
        i += 1
    return out


# Words that give a mention another status than "present" (negation, uncertainty, the past, relatives,
# conditions): sentences holding one are not drawn, since their mentions would be labelled "present".
CUE_WORDS = re.compile(r"\b(no|not|non|without|absence|absent|lack|lacking|negative|never|risk|if|may|might|could|"
                       r"possible|possibly|suspected|likely|unlikely|history|previous|previously|prior|past|former|"
                       r"family|familial|mother|father|parent|parents|sibling|siblings|relative|relatives|should|"
                       r"prevent|prevention|unless|when|whenever|after|following|exclude|excluded)\b", re.I)


def sentence(rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    """One labelled sentence of real prose with no assertion cue in it."""
    for _ in range(50):
        text = rng.choice(prose())
        if not CUE_WORDS.search(text):
            break
    return text, label(text)

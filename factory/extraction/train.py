"""Train the extraction student: the CNN NER (heads and attributes, the domain's `train_cnn.cfg`), the
assertion classifier, and assemble them with the sentencizer, the section marker and the attribute linker."""

from __future__ import annotations

import json
import time
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json
from ..train.assemble import write_pipeline
from .assertion import examples, fit
from .data import base_pipeline, read_records

SECTIONS_FILE = "sections.json"
VOCAB = "medkiln_vocab"
# Share of the vocabulary's concepts the NER does not see as dictionary features while it trains.
VOCAB_HOLDOUT = 0.25
# The concept linker of the assembled pipeline: codes, entities without vocabulary or word-shape evidence
# dropped, vocabulary drugs the NER left out added, short forms defined in the text ("(DOX)") propagated.
# On the BC5CDR dev half (seed 0 student, relaxed F1): evidence, relabelling and short forms moved Disease
# 0.52 -> 0.84 and Chemical 0.64 -> 0.78; adding the vocabulary's drugs 0.78 -> 0.82 (docs/benchmarks.md).
CONCEPT_LINKER = {"labels": ["PROBLEM", "MEDICATION"], "vocab_component": VOCAB, "require_evidence": True,
                  "add_labels": ["MEDICATION"]}


def sections_of(spec) -> dict:
    """The domain's section lexicon (`sections.json` in its folder), empty when it ships none."""
    path = Path(spec.folder or "") / SECTIONS_FILE
    return json.loads(path.read_text(encoding="utf-8"))["sections"] if spec.folder and path.exists() else {}


def domain_extras(spec) -> tuple[dict | None, dict | None]:
    """What an extraction domain module may export for the assertion classifier: `assertion_cues()`
    (status -> {"pre": [...], "post": [...]} cue phrases) and `ASSERTION_PRIORS` (status -> expected share)."""
    import importlib

    module = importlib.import_module(f"medkiln.domains.{spec.name}")
    cues = getattr(module, "assertion_cues", None)
    return (cues() if cues else None), getattr(module, "ASSERTION_PRIORS", None)


def build_meta(spec, provenance: dict, scores: dict, assertion_stats: dict) -> dict:
    heads = spec.span_choices["assertion"][1]
    return {
        "name": spec.package_name or f"medkiln_{spec.name}", "version": "0.1.0", "license": "Apache-2.0",
        "description": f"medkiln {spec.registry_name} student: CNN NER for {', '.join(heads)} and their "
                       "attributes, a trained assertion classifier, sections and attribute linking. "
                       "`doc._.extraction` gives the JSON of schema medkiln.notes.extraction.v2 (with ICD-10-CM / drug codes). "
                       "Trained on synthetic notes only.",
        "sources": [{"name": "medkiln synthetic notes", "license": "generated (no real patient data)"}],
        "medkiln": {"domain": spec.registry_name, "kind": spec.kind, "entity_labels": sorted(spec.labels),
                    "heads": list(heads), "assertions": list(spec.span_choices["assertion"][0]),
                    "relations": {k: list(v) for k, v in spec.relations.items()}, "provenance": provenance,
                    "train_scores": scores, "assertion_training": assertion_stats},
    }


def assemble(ner_dir: str | Path, out_dir: str | Path, spec, model, sections: dict, meta: dict,
             table=None) -> Path:
    """NER pipeline + sentencizer + sections + assertion classifier + linkers, saved to `out_dir`. `table`
    (the full vocabulary) replaces the one the NER trained with, which held out some concepts."""
    from medkiln.serving.pipeline import load_pipeline

    nlp = load_pipeline(Path(ner_dir))
    if table is not None and VOCAB in nlp.pipe_names:
        nlp.get_pipe(VOCAB).set_table(table)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("medkiln_note_sections", after="sentencizer").set_lexicon(sections)
    heads, statuses = spec.span_choices["assertion"][1], spec.span_choices["assertion"][0]
    classifier = nlp.add_pipe("medkiln_assertion", config={"labels": list(heads), "default": statuses[0]})
    classifier.set_model(model)
    nlp.add_pipe("medkiln_attribute_linker", config={"relations": {k: list(v) for k, v in spec.relations.items()}})
    if VOCAB in nlp.pipe_names:  # right after the NER: the entities it keeps, adds or relabels get a status
        nlp.add_pipe("medkiln_concept_linker", after="ner", config=CONCEPT_LINKER)
    return write_pipeline(nlp, meta, out_dir)


def vocab_tables(spec, out_dir: Path, overrides: dict, seed: int, holdout: float) -> tuple[object, dict]:
    """When the domain's config has a `medkiln_vocab` component: write the training table (a share of the
    concepts held out) for its initialize step and return the full table for the assembled pipeline."""
    from spacy import util

    from ..train.spacy_cnn import config_path_for
    from .vocab import build_table, tokenized_rows, write_table

    config = util.load_config(config_path_for(spec), interpolate=False)
    if VOCAB not in config["nlp"]["pipeline"]:
        return None, {}
    import spacy

    rows = tokenized_rows(spacy.blank(spec.lang).tokenizer)
    train_table, stats = build_table(rows, holdout=holdout, seed=seed)
    overrides[f"initialize.components.{VOCAB}.path"] = str(write_table(train_table, out_dir / "vocab_train").resolve())
    full, full_stats = build_table(rows)
    return full, {"train": stats, "full": full_stats}


def train_extraction(spec, data_dir: str | Path, out_dir: str | Path, *, seed: int = 0, max_steps: int | None = None,
                     overrides: dict | None = None, use_gpu: int = -1) -> dict:
    """Train NER + assertion classifier on `data_dir/{train,dev}.jsonl`; the pipeline goes to `out_dir/model`."""
    import medkiln.serving.medkiln_vocab  # noqa: F401  registers medkiln_vocab for the training config
    from medkiln.serving.medkiln_notes import tokenize_cues

    from ..train.spacy_cnn import train_cnn

    data_dir, out_dir = Path(data_dir), Path(out_dir)
    train_records = read_records(data_dir / "train.jsonl", spec)
    dev_records = read_records(data_dir / "dev.jsonl", spec)
    for path, records in ((data_dir / "train.jsonl", train_records), (data_dir / "dev.jsonl", dev_records)):
        if not records:
            raise MedkilnError("E015", path=path)
    overrides = dict(overrides or {})
    table, vocab_stats = vocab_tables(spec, out_dir, overrides, seed, VOCAB_HOLDOUT)
    ner = train_cnn(spec, train_records, dev_records, out_dir, seed=seed, max_steps=max_steps, overrides=overrides,
                    use_gpu=use_gpu)
    started = time.perf_counter()
    sections = sections_of(spec)
    base = base_pipeline(spec.lang, sections)
    raw_cues, priors = domain_extras(spec)
    cues = tokenize_cues(base, raw_cues) if raw_cues else None
    data = examples(base, train_records, spec.span_choices["assertion"][1], seed=seed, cues=cues)
    if not data:
        raise MedkilnError("E304", path=data_dir / "train.jsonl")
    model, stats = fit(data, list(spec.span_choices["assertion"][0]), seed=seed, priors=priors, cues=cues)
    stats["seconds"] = round(time.perf_counter() - started, 1)
    provenance = {"domain": spec.registry_name, "backbone": "cnn", "seed": seed, "steps": ner.get("steps"),
                  "train_docs": len(train_records), "dev_docs": len(dev_records), "config": "config.cfg",
                  "vocabulary": vocab_stats}
    meta = build_meta(spec, provenance, ner.get("scores", {}), stats)
    model_dir = assemble(ner["pipeline"], out_dir / "model", spec, model, sections, meta, table)
    summary = {"model": str(model_dir), "seed": seed, "ner": {k: ner.get(k) for k in (
        "config", "scores", "seconds", "steps", "words_per_second", "misaligned_spans")}, "assertion": stats}
    write_json(out_dir / "train.json", summary)
    return summary

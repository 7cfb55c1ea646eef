"""Assemble the final pipeline: trained NER + the domain's PHI rules, with meta and provenance."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

RULES_FACTORY = "medkiln_phi_rules"


def rules_labels(spec) -> dict[str, dict]:
    """What the rules component needs of the domain's label set: each label's shape, propagation and whether it
    is a proper name of a person or a place (the not-a-name words apply to those) and whether it names a person
    (Presidio's PERSON; the edge words and the no-digit check apply to those, not to a user name)."""
    from medkiln.core.labels import label_set

    return {label.name: {"shape": label.shape, "propagate": label.propagate,
                         "proper": label.category in ("NAME", "LOCATION"), "person": label.presidio == "PERSON"}
            for label in label_set(spec.label_set)} if spec.label_set else {}


def load_folder(pipeline_dir: str | Path):
    """`spacy.load` a pipeline folder after registering the medkiln factories it uses (serving's loader)."""
    from medkiln.serving.pipeline import load_pipeline

    return load_pipeline(Path(pipeline_dir))


def _sources(provenance: dict) -> list[dict[str, str]]:
    source = {"name": "medkiln synthetic notes", "license": "generated (no real patient data)"}
    source.update({key: str(value) for key, value in provenance.items() if not isinstance(value, (dict, list))})
    return [source]


def build_meta(spec, provenance: dict, data_card: dict | None, scores: dict | None) -> dict:
    """meta.json fields for the assembled pipeline (merged into spaCy's own meta)."""
    meta = {
        "name": spec.package_name or f"medkiln_{spec.name}",
        "version": "0.1.0",
        "description": f"medkiln {spec.registry_name} student ({provenance.get('backbone', '?')} backbone) "
                       f"with rule-based PHI patterns. Trained on synthetic notes only.",
        "license": "Apache-2.0",
        "sources": _sources(provenance),
        "medkiln": {
            "domain": spec.registry_name,
            "entity_labels": sorted(spec.labels),
            "categories": dict(sorted(spec.categories.items())),
            "provenance": provenance,
            "train_scores": scores or {},
        },
    }
    if data_card:
        meta["medkiln"]["data_card"] = {key: data_card[key] for key in
                                        ("docs", "spans", "words", "labels", "categories", "provenance")
                                        if key in data_card}
    return meta


def assemble(pipeline_dir: str | Path, out_dir: str | Path, spec, *, after: str, provenance: dict,
             data_card: dict | None = None, scores: dict | None = None) -> Path:
    """Load a trained pipeline, add `medkiln_phi_rules` with the domain's patterns after `after`, set meta,
    save to `out_dir` and return it."""
    nlp = load_folder(pipeline_dir)
    if RULES_FACTORY not in nlp.pipe_names:
        rules = nlp.add_pipe(RULES_FACTORY, after=after)
        rules.add_patterns(list(spec.patterns))
        rules.set_labels(rules_labels(spec))
        words = spec.not_names() if spec.not_names else None
        if words:
            rules.set_not_names(words["words"], words["titles"])
            rules.set_edge_words(words.get("edges", ()))
        if spec.measure_words:
            rules.set_measure_words(**spec.measure_words)
        regions = spec.region_names() if spec.region_names else None
        if regions:
            rules.set_region_names(**regions)
        places = spec.gazetteer() if spec.gazetteer else None
        if places:
            rules.set_gazetteer(**places)
    return write_pipeline(nlp, build_meta(spec, provenance, data_card, scores), out_dir)


def write_pipeline(nlp, meta: dict, out_dir: str | Path) -> Path:
    """Merge `meta` into the pipeline's meta (keeping its training `performance`) and write it to `out_dir`,
    replacing what was there."""
    performance = dict(nlp.meta.get("performance", {}))
    nlp.meta.update(meta)
    nlp.meta["performance"] = performance
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    nlp.to_disk(out_dir)
    log.info("assembled pipeline %s with components %s", out_dir, nlp.pipe_names)
    return out_dir

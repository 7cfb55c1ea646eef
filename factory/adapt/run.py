"""The adaptation chain: notes -> teachers -> silver -> retrain -> assemble -> evaluate -> export (-> install)."""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from pathlib import Path

from medkiln.core.records import read_spans, write_json, write_jsonl

from ..chain import step
from .agree import POLICY, silver_records
from .card import adaptation_card, adapted_model_card
from .notes import read_notes
from .steps import AdaptSettings, check_settings, collect_votes, load_student, retrain, training_sets

log = logging.getLogger(__name__)
CALIBRATION_NOTES = 200  # synthetic dev notes the student's scores are checked on


def label_notes(spec, notes_path, out: Path, student, settings: AdaptSettings, *, data: Path,
                teacher_model=None, llm=None, timings: dict) -> tuple[list[dict], dict]:
    """Read the notes, collect every teacher's votes, decide the silver records; write them; return them and
    the adaptation card (counts only)."""
    from .teachers import calibration

    notes, notes_report = step("read_notes", timings, read_notes, notes_path, settings.notes)
    votes, info = step("teachers", timings, collect_votes, spec, notes, student, teacher_model=teacher_model,
                         llm=llm, passes=settings.passes, seed=settings.seed,
                         teacher_score=settings.teacher_score,
                         shape_check=settings.propagate_votes is not None)
    silver, counts = step("agree", timings, silver_records, notes, votes, threshold=settings.threshold,
                            uncertain=settings.uncertain, propagate=settings.propagate,
                            unsure_words=settings.unsure_words, propagate_votes=settings.propagate_votes)
    write_jsonl(out / "silver" / "silver.jsonl", silver)
    dev = list(read_spans(data / "dev.jsonl", spec.labels))[:CALIBRATION_NOTES] if (data / "dev.jsonl").exists() else []
    calib = calibration(student, dev, passes=settings.passes, seed=settings.seed) if dev and settings.passes else {}
    teachers = list(votes) + (["propagation"] if settings.propagate else [])
    card = adaptation_card(notes_report=notes_report, silver=counts, teachers=teachers, policy=POLICY,
                           threshold=settings.threshold, uncertain=settings.uncertain,
                           silver_repeat=settings.silver_repeat, init=settings.init,
                           description=settings.description, calibration=calib, synthetic_docs=0,
                           steps=settings.max_steps)
    card["teacher_runs"] = info
    write_json(out / "silver" / "card.json", card)
    log.info("silver: %d notes, %d spans (%d propagated), %d unknown ranges", counts["notes_kept"],
             counts["silver_spans"], counts["propagated"], counts["missing_ranges"])
    return silver, card


def _mark_adapted(model_dir: Path, card: dict) -> None:
    """Record the adaptation in the assembled pipeline's meta.json (what the package's meta.json keeps)."""
    path = model_dir / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["description"] = (f"medkiln {meta.get('medkiln', {}).get('domain', '')} CNN student with rule-based PHI "
                           f"patterns, trained on synthetic notes and adapted on {card['notes']['used']} unlabeled "
                           "notes labelled by teachers (silver).")
    meta.setdefault("medkiln", {})["adaptation"] = card
    write_json(path, meta)


def prune_strings(model_dir: Path, keep: set[str]) -> int:
    """Drop from the pipeline's string store every string it did not have before it read the notes (the words of
    the notes, PHI among them), so the package ships no text of them; the model's features are hashes, the
    labels live in the components. Returns how many were dropped."""
    path = model_dir / "vocab" / "strings.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    kept = [s for s in strings if s in keep]
    write_json(path, kept)
    return len(strings) - len(kept)


def spec_of_language(spec, lang: str):
    """The domain's language folder the base student was built for (`deid` + an es_medkiln_deid base -> the Spanish
    folder: its tokenizer, config, rules and package name); E502 when the domain has no such language."""
    if spec.lang == lang:
        return spec
    from medkiln.domains import get_domain

    return get_domain(spec.name, lang=lang)


def adapt(domain, notes, model, out, *, data, teacher_model=None, llm=None, settings: AdaptSettings | None = None,
          install: bool = False, package_name: str | None = None) -> dict:
    """Adapt the CNN student `model` (package name or folder) to `notes`, in the language `model` was built for;
    see the package docstring.
    `data`: the synthetic data folder (train/dev[/test].jsonl, datacard.json); `llm`: an annotator of
    `factory.annotate.build_annotators` (privacy checked by the caller) or None."""
    from medkiln.domains import as_spec

    from ..evaluate import evaluate
    from ..export import export, install as install_wheel
    from ..train.assemble import assemble

    settings = settings or AdaptSettings()
    check_settings(settings)
    spec, out, data, timings = as_spec(domain), Path(out), Path(data), {}
    out.mkdir(parents=True, exist_ok=True)
    student = load_student(model)
    spec = spec_of_language(spec, student.lang)
    known = set(student.vocab.strings)  # before any note is read
    base_dir = None
    if settings.init == "base":
        base_dir = out / "base"
        student.to_disk(base_dir)
    silver, card = label_notes(spec, notes, out, student, settings, data=data, teacher_model=teacher_model,
                               llm=llm, timings=timings)
    train_records, dev_records = training_sets(spec, data, silver, settings)
    card["training"]["synthetic_docs"] = len(train_records) - sum(
        1 for rec in train_records if rec["id"].startswith("silver-"))
    result = step("train", timings, retrain, spec, train_records, dev_records, out / "train", base_dir, settings)
    card["training"]["steps"] = result["steps"]
    data_card = json.loads((data / "datacard.json").read_text(encoding="utf-8")) if (
        data / "datacard.json").exists() else {}
    provenance = {"domain": spec.registry_name, "backbone": "cnn", "seed": settings.seed, "steps": result["steps"],
                  "adapted": True, "adaptation_policy": POLICY, "adaptation_notes": card["notes"]["used"]}
    model_dir = assemble(result["pipeline"], out / "model", spec, after="ner", provenance=provenance,
                         data_card=data_card or None, scores=result.get("scores"))
    _mark_adapted(model_dir, card)
    log.info("adapt: %d strings of the notes left out of the model's vocabulary", prune_strings(model_dir, known))
    ev = None
    if (data / "test.jsonl").exists():
        ev = step("evaluate", timings, evaluate, model_dir, data / "test.jsonl", label_map="i2b2")
    data_card = dict(data_card, adaptation=card)
    exported = step("export", timings, export, model_dir, out / "package", name=package_name or spec.package_name,
                      lang=spec.lang, evaluation=ev, data_card=data_card, no_isolation=True,
                      card=functools.partial(adapted_model_card, adaptation=card))
    if install:
        step("install", timings, install_wheel, exported["wheel"])
    summary = {"model": str(model_dir), "package": exported, "installed": install, "silver": card["silver"],
               "teachers": card["teachers"], "teacher_runs": card["teacher_runs"],
               "token_recall_synthetic": (ev or {}).get("token", {}).get("recall"), "seconds": timings,
               "settings": dataclasses.asdict(settings)}
    write_json(out / "adapt.json", summary)
    return summary


__all__ = ["adapt", "label_notes", "spec_of_language"]

"""Export a translation student: HF folder + model card, CTranslate2 int8, and the spaCy package
`<src>_medkiln_mt_<tgt>` whose `medkiln_translator` component carries both model folders."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..export import package as packaging
from medkiln.core.records import write_json
from .card import model_card

REQUIREMENTS = ["sentencepiece>=0.2", "ctranslate2>=4", "transformers>=5,<6", "torch>=2"]


def _performance(evaluation: dict) -> dict:
    perf = {}
    for set_name, runs in evaluation.items():
        for backend, s in runs.items():
            for key in ("bleu", "chrf", "ter", "sentences_per_s"):
                if isinstance(s.get(key), (int, float)):
                    perf[f"{set_name}_{backend}_{key}"] = s[key]
            acc = (s.get("term_accuracy") or {}).get("accuracy")
            if acc is not None:
                perf[f"{set_name}_{backend}_term_accuracy"] = acc
    return perf


def build_pipeline(model_dir: Path, ct2_dir: Path | None, glossary: list[dict], out: Path, *, src: str, tgt: str,
                   meta: dict) -> Path:
    """A blank `src` pipeline with the translator, saved to `out` (the folder `spacy package` reads)."""
    import spacy

    import medkiln.serving.medkiln_translator  # noqa: F401  (registers the factory)

    nlp = spacy.blank(src)
    comp = nlp.add_pipe("medkiln_translator")
    comp.set_model(model_dir, ct2_dir, glossary, staging=out.parent / "_translator_staging")
    nlp.meta.update(meta)
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    shutil.rmtree(out.parent / "_translator_staging", ignore_errors=True)
    return out


def export_translation(model_dir: str | Path, ct2_dir: str | Path | None, out: str | Path, *, src: str, tgt: str,
                       train: dict, evaluation: dict, data_card: dict, glossary: list[dict], version: str = "0.1.0",
                       build: str = "wheel", no_isolation: bool = True) -> dict:
    """Write `out/hf` (+ README.md), `out/ct2`, `out/pipeline` and the spaCy package under `out/package`."""
    model_dir, out = Path(model_dir), Path(out)
    name = f"{src}_medkiln_mt_{tgt}"
    card = model_card(name=name, src=src, tgt=tgt, train=train, evaluation=evaluation, data_card=data_card)
    hf = out / "hf"
    if hf.exists():
        shutil.rmtree(hf)
    shutil.copytree(model_dir, hf)
    (hf / "README.md").write_text(card, encoding="utf-8")
    ct2 = None
    if ct2_dir is not None:
        ct2 = out / "ct2"
        if ct2.exists():
            shutil.rmtree(ct2)
        shutil.copytree(ct2_dir, ct2)
    meta = {"name": f"medkiln_mt_{tgt}", "version": version, "description":
            f"medkiln MarianMT translator {src}->{tgt} for clinical text, distilled from its teachers "
            f"({', '.join((data_card.get('provenance') or {}).get('teacher_names') or ['template'])}).",
            "performance": _performance(evaluation), "requirements": REQUIREMENTS,
            "medkiln": {"direction": f"{src}-{tgt}", "evaluation": evaluation, "data_card": {
                k: data_card.get(k) for k in ("splits", "filters", "provenance")}}}
    pipeline = build_pipeline(hf, ct2, glossary, out / "pipeline", src=src, tgt=tgt, meta=meta)
    result = packaging.export(pipeline, out / "package", name=f"medkiln_mt_{tgt}", lang=src, version=version,
                              build=build, no_isolation=no_isolation, card=lambda *_: card)
    result.update(hf=str(hf), ct2=str(ct2) if ct2 else None, pipeline=str(pipeline))
    write_json(out / "export.json", result)
    return result

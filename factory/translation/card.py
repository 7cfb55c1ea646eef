"""The translation model card (README.md in the HF folder and the spaCy package)."""

from __future__ import annotations

TEMPLATE_ONLY = ("- Trained only on medkiln's synthetic parallel sentences (aligned templates and lexicons). Real "
                 "clinical and biomedical text has vocabulary, length and style the templates do not cover: expect "
                 "much lower scores on it (see the real-set rows, if any).")
WITH_TEACHERS = ("- Trained on teacher translations ({teachers}) of the sources listed under Training data. The "
                 "student imitates its teachers, errors included, and knows only the words it saw; a real-set "
                 "row whose sentences were training sources (e.g. the user's documents) measures imitation, "
                 "not translation of new text (`real_unseen` does).")
LIMITATIONS = (
    "- Glossary terms are checked in evaluation and preferred by n-best reranking when `constrain` is on; "
    "a term the model never proposes cannot be forced.",
    "- Not a medical device. Translations of instructions, doses and consent text must be reviewed by a "
    "qualified person before they reach a patient.",
)


def _row(name: str, s: dict) -> str:
    term = (s.get("term_accuracy") or {}).get("accuracy")
    term_s = "-" if term is None else f"{term:.3f}"
    return (f"| {name} | {s.get('backend', '-')} | {s.get('n', '-')} | {s.get('bleu', 0):.2f} | "
            f"{s.get('chrf', 0):.2f} | "
            f"{s.get('ter', 0):.2f} | {term_s} | {s.get('sentences_per_s', '-')} |")


def _runtime(key: str, s: dict) -> dict:
    return {**s, "backend": key + (f", beam {s['beams']}" if s.get("beams", 1) > 1 else "")}


def evaluation_lines(evaluation: dict) -> list[str]:
    lines = ["| set | runtime | sentences | BLEU | chrF | TER | term accuracy | sentences/s |",
             "|---|---|---|---|---|---|---|---|"]
    signatures = {}
    for name, runs in evaluation.items():
        for key, s in runs.items():
            lines.append(_row(name, _runtime(key, s)))
            signatures.update({k: s[k] for k in s if k.endswith("_signature")})
    lines += ["", "sacrebleu signatures: " + "; ".join(f"{k.removesuffix('_signature')} `{v}`"
                                                       for k, v in sorted(signatures.items()))]
    return lines


def model_card(*, name: str, src: str, tgt: str, train: dict, evaluation: dict, data_card: dict) -> str:
    params = (train.get("parameters") or {}).get("total")
    removed = {t: {k: v for k, v in r["removed"].items() if v} for t, r in (data_card.get("filters") or {}).items()}
    prov = data_card.get("provenance") or {}
    labels = sorted({t for src in (prov.get("sources") or {}).values() for t in src.get("teachers", {})} - {"offline"})
    first = WITH_TEACHERS.format(teachers=", ".join(labels)) if labels else TEMPLATE_ONLY
    lines = [f"# {name}", "",
             f"MarianMT student for clinical text, {src} → {tgt}, built by medkiln "
             f"({'fine-tuned from ' + train['base_model'] if train.get('base_model') else 'trained from scratch'}"
             f"{', LoRA merged' if (train.get('settings') or {}).get('lora') else ''}).", "",
             "## Model", "",
             f"- size: {(train.get('settings') or {}).get('size')} ({params:,} parameters)" if params else "- size: ?",
             f"- vocabulary: {(train.get('vocab') or {}).get('vocab_size')} SentencePiece pieces (source + target)",
             f"- training: {train.get('steps')} steps, stopped by {train.get('stop_reason')}, best dev chrF "
             f"{train.get('best_dev_chrf')} at step {train.get('best_step')}, {train.get('seconds')} s",
             "- files: `hf/` (Hugging Face folder), `ct2/` (CTranslate2 int8), "
             "spaCy component `medkiln_translator`", "",
             "## Evaluation", "", *evaluation_lines(evaluation), "",
             "## Training data", "",
             f"- splits: {data_card.get('splits')}",
             f"- sources (pairs in / kept / teachers): {prov.get('sources') or prov.get('teachers')}",
             *([f"- documents: {prov['documents'].get('sentences')} sentences from {prov['documents'].get('records')} "
                f"records (field `{prov['documents'].get('text_field')}`). {prov['documents'].get('use')}"]
               if prov.get("documents") else []),
             f"- removed by the filters: {removed}", "",
             "## Use", "", "```bash", f"medkiln translate notes.jsonl translated.jsonl --model {src}_medkiln_mt_{tgt}",
             "```", "", "```python", "import spacy", f"nlp = spacy.load(\"{src}_medkiln_mt_{tgt}\")",
             "print(nlp(\"Take two tablets twice daily.\")._.translation)", "```", "",
             "## Limitations", "", first, *LIMITATIONS, ""]
    return "\n".join(lines)

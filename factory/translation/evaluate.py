"""Score a student with sacrebleu (BLEU, chrF, TER with their signatures) and term accuracy.

Term accuracy: for every glossary term whose source form is in the source sentence and whose target
form is in the reference, is the target form in the hypothesis? (case-insensitive, whole word with up
to two letters of inflection). Speed is sentences per second of the decoding call.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .decode import required_terms, translate
from .filters import contains_term


def term_accuracy(srcs: list[str], refs: list[str], hyps: list[str], glossary: list[dict]) -> dict:
    hits, total = Counter(), Counter()
    by_src = {row["tgt"]: row["category"] for row in glossary}
    for src, ref, hyp in zip(srcs, refs, hyps):
        for term in required_terms(src, glossary):
            if not contains_term(ref.casefold(), term.casefold()):
                continue
            cat = by_src.get(term, "term")
            total[cat] += 1
            hits[cat] += contains_term(hyp.casefold(), term.casefold())
    n = sum(total.values())
    return {"accuracy": round(sum(hits.values()) / n, 4) if n else None, "terms": n,
            "per_category": {c: round(hits[c] / total[c], 4) for c in sorted(total)}}


def scores(srcs: list[str], refs: list[str], hyps: list[str], glossary: list[dict], tgt: str) -> dict:
    import sacrebleu

    bleu = sacrebleu.metrics.BLEU()
    chrf = sacrebleu.metrics.CHRF()
    ter = sacrebleu.metrics.TER()
    out = {"n": len(hyps)}
    for name, metric in (("bleu", bleu), ("chrf", chrf), ("ter", ter)):
        res = metric.corpus_score(hyps, [refs])
        out[name] = round(res.score, 2)
        out[f"{name}_signature"] = str(metric.get_signature())
    out["term_accuracy"] = term_accuracy(srcs, refs, hyps, glossary)
    return out


def evaluate_pairs(backend: str, model, tokenizer, pairs: list[dict], glossary: list[dict], *, tgt: str,
                   constrain: bool = False, beams: int = 1, batch_size: int = 32) -> dict:
    """Translate the sources of `pairs` and score them; `constrain` turns the glossary reranking on."""
    srcs, refs = [p["src"] for p in pairs], [p["ref"] for p in pairs]
    hyps, seconds = translate(backend, model, tokenizer, srcs, glossary=glossary if constrain else None,
                              beams=beams, batch_size=batch_size)
    result = scores(srcs, refs, hyps, glossary, tgt)
    result.update(backend=backend, constrained=constrain, beams=beams, seconds=round(seconds, 2),
                  sentences_per_s=round(len(srcs) / seconds, 1) if seconds > 0 else None)
    return {"scores": result, "hypotheses": hyps}


def load_backends(model_dir: str | Path, ct2_dir: str | Path | None, threads: int = 1) -> dict:
    """{"hf": (model, tokenizer), "ct2": (translator, tokenizer)} for what exists."""
    import torch

    from .ct2 import load_translator
    from .model import load_model

    torch.set_num_threads(threads)
    model, tok = load_model(model_dir)
    backends = {"hf": (model.eval(), tok)}
    if ct2_dir is not None and Path(ct2_dir).is_dir():
        backends["ct2"] = (load_translator(ct2_dir, threads=threads), tok)
    return backends

"""Translate with PyTorch `generate` or CTranslate2, and the glossary constraint.

The glossary constraint is n-best reranking: decode `n` hypotheses by beam search and keep the best
one that holds the target term of every glossary source term found in the sentence (the top
hypothesis when none does). It works the same way on both runtimes; it cannot invent a term the model
never proposes, which evaluation reports as term accuracy.
"""

from __future__ import annotations

import re
import time

from .filters import contains_term


_SPECIAL = ("</s>", "<pad>", "<unk>")  # dropped as `skip_special_tokens=True` drops them on the HF side


def required_terms(src: str, glossary: list[dict]) -> list[str]:
    """Target terms whose source term occurs in `src` (case-insensitive, whole words)."""
    s = src.casefold()
    return [row["tgt"] for row in glossary if contains_term(s, row["src"].casefold())]


def pick(nbest: list[str], terms: list[str]) -> str:
    """The first hypothesis holding all `terms` (else the one holding most; ties keep beam order)."""
    if not terms or not nbest:
        return nbest[0] if nbest else ""
    scored = [sum(contains_term(h.casefold(), t.casefold()) for t in terms) for h in nbest]
    return nbest[scored.index(max(scored))]


def _max_new(lengths: list[int]) -> int:
    return min(256, int(max(lengths or [1]) * 1.6) + 10)


def hf_translate(model, tokenizer, texts: list[str], *, batch_size: int = 32, beams: int = 1, nbest: int = 1,
                 max_input: int = 256) -> list[list[str]]:
    """n-best lists (`nbest` <= `beams`) from `model.generate`, in input order; sorted by length to batch."""
    import torch

    model.eval()
    # CTranslate2 has no forced end token at the length cap; drop HF's so both stop alike at the cap.
    model.generation_config.forced_eos_token_id = None
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[list[str]] = [[] for _ in texts]
    pad = tokenizer.pad_token_id
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            enc = tokenizer([texts[i] for i in idx], return_tensors="pt", padding=True, truncation=True,
                            max_length=max_input)
            gen = model.generate(**enc, num_beams=max(beams, nbest), num_return_sequences=nbest, do_sample=False,
                                 max_new_tokens=_max_new(enc["attention_mask"].sum(1).tolist()),
                                 bad_words_ids=[[pad]], early_stopping=max(beams, nbest) > 1)
            decoded = tokenizer.batch_decode(gen, skip_special_tokens=True)
            for k, i in enumerate(idx):
                out[i] = decoded[k * nbest:(k + 1) * nbest]
    return out


def ct2_translate(translator, tokenizer, texts: list[str], *, batch_size: int = 32, beams: int = 1,
                  nbest: int = 1, max_input: int = 256) -> list[list[str]]:
    """n-best lists from a `ctranslate2.Translator`, tokenized with the same MarianTokenizer and batched
    like `hf_translate` (same length order and per-batch length cap, so both runtimes stop alike)."""
    ids = [tokenizer(t, truncation=True, max_length=max_input)["input_ids"] for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[list[str]] = [[] for _ in texts]
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        tokens = [tokenizer.convert_ids_to_tokens(ids[i]) for i in idx]
        results = translator.translate_batch(tokens, beam_size=max(beams, nbest), num_hypotheses=nbest,
                                             max_decoding_length=_max_new([len(t) for t in tokens]))
        for i, res in zip(idx, results):
            out[i] = [tokenizer.convert_tokens_to_string([t for t in h if t not in _SPECIAL]) for h in res.hypotheses]
    return out


def translate(backend: str, model, tokenizer, texts: list[str], *, glossary: list[dict] | None = None,
              beams: int = 1, nbest: int = 4, batch_size: int = 32) -> tuple[list[str], float]:
    """Translations and seconds taken. With a glossary, decodes `nbest` hypotheses and reranks them."""
    fn = hf_translate if backend == "hf" else ct2_translate
    k = nbest if glossary else 1
    started = time.perf_counter()
    lists = fn(model, tokenizer, texts, batch_size=batch_size, beams=max(beams, k), nbest=k)
    seconds = time.perf_counter() - started
    if glossary:
        return [pick(hyps, required_terms(src, glossary)) for src, hyps in zip(texts, lists)], seconds
    return [hyps[0] if hyps else "" for hyps in lists], seconds


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()

"""Train the assertion classifier: multinomial logistic regression over context features of each gold head
entity (`serving.medkiln_notes.span_features`), fitted with AdaGrad in numpy. Small, fast, and its weights
travel with the pipeline as JSON."""

from __future__ import annotations

import logging
import random
from collections import Counter
from typing import Iterable

from medkiln.serving.medkiln_notes import AssertionModel, CueIndex, placeholders, section_of, span_features

from .data import assertions_of, gold_doc

log = logging.getLogger(__name__)


def examples(nlp, records: Iterable[dict], heads: Iterable[str], *, plain_share: float = 0.4,
             seed: int = 0, cues: dict | None = None) -> list[tuple[list[str], str]]:
    """(features, gold status) for every head entity with a gold status (except those a record's
    `meta.default_status` lists: a default, not a decision). For `plain_share` of them the other
    entities are shown as their words, not as "<LABEL>" placeholders (the classifier then also copes with
    spans given alone, without the NER's other entities)."""
    heads = set(heads)
    rng = random.Random(seed)
    index = CueIndex(cues) if cues else None
    out = []
    for rec in records:
        doc, origin = gold_doc(nlp, rec)
        gold = assertions_of(rec)
        for start, end in (rec.get("meta") or {}).get("default_status", []):  # statuses no cue decided
            gold.pop((start, end), None)
        ents = list(doc.ents)
        others = placeholders(ents)
        for ent in ents:
            status = gold.get(origin.get((ent.start_char, ent.end_char)))
            if ent.label_ not in heads or status is None:
                continue
            own = {} if rng.random() < plain_share else {i: w for i, w in others.items()
                                                          if not ent.start <= i < ent.end}
            out.append((span_features(doc, ent.start, ent.end, ent.label_, section_of(doc, ent.start_char), own,
                                      index), status))
    return out


def prior_shift(classes: list[str], train_counts: Counter, priors: dict[str, float] | None) -> list[float]:
    """log(prior / training share) per class: moves the synthetic class balance to the expected real one."""
    import math

    if not priors:
        return [0.0] * len(classes)
    total = sum(train_counts.values())
    return [math.log(priors[c] / (train_counts[c] / total)) if train_counts[c] and priors.get(c) else 0.0
            for c in classes]


def fit(data: list[tuple[list[str], str]], classes: list[str], *, epochs: int = 4, lr: float = 0.2,
        l2: float = 1e-5, min_count: int = 2, seed: int = 0,
        priors: dict[str, float] | None = None, cues: dict | None = None) -> tuple[AssertionModel, dict]:
    """Fit the model; returns it and training statistics (examples, features, train accuracy per epoch).
    With `priors` (status -> expected share in real notes) the bias is shifted by the log ratio of the
    expected and the synthetic class shares."""
    import numpy as np

    counts = Counter(f for feats, _ in data for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    index = {c: i for i, c in enumerate(classes)}
    rows = [(np.array(sorted({vocab[f] for f in feats if f in vocab}), dtype="int64"), index[y]) for feats, y in data]
    weights = np.zeros((len(vocab), len(classes)), dtype="float64")
    bias = np.zeros(len(classes), dtype="float64")
    g_w = np.full_like(weights, 1e-8)
    g_b = np.full_like(bias, 1e-8)
    rng = random.Random(seed)
    history = []
    for _ in range(epochs):
        order = list(range(len(rows)))
        rng.shuffle(order)
        correct = 0
        for k in order:
            idx, y = rows[k]
            scores = bias + weights[idx].sum(axis=0)
            probs = np.exp(scores - scores.max())
            probs /= probs.sum()
            correct += int(probs.argmax() == y)
            grad = probs
            grad[y] -= 1.0
            gw = grad[None, :] + l2 * weights[idx]
            g_w[idx] += gw * gw
            weights[idx] -= lr * gw / np.sqrt(g_w[idx])
            g_b += grad * grad
            bias -= lr * grad / np.sqrt(g_b)
        history.append(round(correct / max(len(rows), 1), 4))
    shift = prior_shift(classes, Counter(y for _, y in data), priors)
    model = AssertionModel(classes, vocab, weights, bias + shift, cues)
    stats = {"examples": len(rows), "features": len(vocab), "epochs": epochs, "train_accuracy": history,
             "classes": dict(Counter(y for _, y in data)), "prior_shift": dict(zip(classes, map(float, shift)))}
    log.info("assertion classifier: %d examples, %d features, train accuracy %s", len(rows), len(vocab), history[-1:])
    return model, stats

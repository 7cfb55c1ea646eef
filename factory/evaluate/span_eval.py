"""The span evaluator: entity P/R/F1 (strict, relaxed) per label, per category, micro; PHI token metrics."""

from __future__ import annotations

from collections import Counter

from .base import Evaluator
from .labelmaps import LabelMap
from .metrics import age_value, match_spans, prf, token_report, token_stats

MODES = ("strict", "relaxed")


def _young(text: str, start: int, end: int) -> bool:
    """An age HIPAA lets stay (<= 89); spans without digits are kept as PHI."""
    value = age_value(text, start, end)
    return value is not None and value <= 89


class SpanEvaluator(Evaluator):
    """Gold vs predicted span records, both sides mapped to categories by a `LabelMap`."""

    name = "medkiln-spans"
    version = "1"

    def __init__(self, label_map: LabelMap, hipaa_ages: bool = False) -> None:
        self.label_map = label_map
        self.hipaa_ages = hipaa_ages

    def signature_fields(self) -> dict[str, str]:
        return {"map": self.label_map.name, "tok": "alnum", "hipaa_ages": "yes" if self.hipaa_ages else "no"}

    def _split_pred(self, text: str, spans: list, stats: Counter) -> tuple[list, list]:
        scored, ignored = [], []
        for start, end, label in spans:
            if not self.label_map.is_phi(label):
                stats[("non_phi", label)] += 1
                continue
            cat = self.label_map.pred_category(label)
            if cat is None:
                stats[("unscored", label)] += 1
                ignored.append((start, end, label))
            elif self.hipaa_ages and cat == "AGE" and _young(text, start, end):
                stats["hipaa_age_dropped"] += 1
                ignored.append((start, end, label))
            else:
                scored.append((start, end, label, cat))
        return scored, ignored

    def collect(self, gold: dict, pred: dict) -> Counter:
        stats: Counter = Counter({"docs": 1})
        text = gold["text"]
        golds = []
        for s, e, lab in gold["spans"]:
            if lab in self.label_map.gold_unscored:  # no i2b2 equivalent (the corpus map's null)
                stats[("gold_unscored", lab)] += 1
            else:
                golds.append((s, e, lab, self.label_map.gold_category(lab)))
        scored, ignored = self._split_pred(text, pred["spans"], stats)
        for mode in MODES:
            relaxed = mode == "relaxed"
            g_hit, p_hit = match_spans([(s, e, c) for s, e, _, c in golds], [(s, e, c) for s, e, _, c in scored],
                                       relaxed)
            for (_, _, lab, cat), hit in zip(golds, g_hit):
                stats[(mode, "cat", cat, "n_gold")] += 1
                stats[(mode, "cat", cat, "tp")] += hit
                stats[(mode, "gold_label", lab, "n")] += 1
                stats[(mode, "gold_label", lab, "tp")] += hit
            for (_, _, lab, cat), hit in zip(scored, p_hit):
                stats[(mode, "cat", cat, "n_pred")] += 1
                stats[(mode, "pred_label", lab, "n")] += 1
                stats[(mode, "pred_label", lab, "tp")] += hit
            if self.label_map.match_labels:
                g_hit, p_hit = match_spans([(s, e, lab) for s, e, lab, _ in golds],
                                           [(s, e, lab) for s, e, lab, _ in scored], relaxed)
                for (_, _, lab, _), hit in zip(golds, g_hit):
                    stats[(mode, "label", lab, "n_gold")] += 1
                    stats[(mode, "label", lab, "tp")] += hit
                for (_, _, lab, _), hit in zip(scored, p_hit):
                    stats[(mode, "label", lab, "n_pred")] += 1
        tok = token_stats(text, [(s, e, c) for s, e, _, c in golds], [(s, e, c) for s, e, _, c in scored],
                          ignored, self.label_map.facility_words)
        stats.update({("tok", key): value for key, value in tok.items()})
        return stats

    def _entity(self, stats: Counter, mode: str) -> dict:
        def keys(kind: str) -> list[str]:
            return sorted({k[2] for k in stats if isinstance(k, tuple) and k[:2] == (mode, kind)})

        per_cat = {c: prf(stats[(mode, "cat", c, "tp")], stats[(mode, "cat", c, "n_pred")],
                          stats[(mode, "cat", c, "n_gold")]) for c in self._categories(stats)}
        micro = prf(*(sum(row[k] for row in per_cat.values()) for k in ("tp", "n_pred", "n_gold")))
        if self.label_map.match_labels:
            per_label = {lab: prf(stats[(mode, "label", lab, "tp")], stats[(mode, "label", lab, "n_pred")],
                                  stats[(mode, "label", lab, "n_gold")]) for lab in keys("label")}
        else:  # different label sets: recall per gold label, precision per predicted label (category match)
            per_label = {}
            for lab in keys("gold_label"):
                n, tp = stats[(mode, "gold_label", lab, "n")], stats[(mode, "gold_label", lab, "tp")]
                per_label[f"gold:{lab}"] = {"recall": tp / n, "tp": tp, "n_gold": n}
            for lab in keys("pred_label"):
                n, tp = stats[(mode, "pred_label", lab, "n")], stats[(mode, "pred_label", lab, "tp")]
                per_label[f"pred:{lab}"] = {"precision": tp / n, "tp": tp, "n_pred": n}
        return {"micro": micro, "per_category": per_cat, "per_label": per_label}

    def _categories(self, stats: Counter) -> list[str]:
        seen = {k[2] for k in stats if isinstance(k, tuple) and k[:2] == ("strict", "cat")}
        known = [c for c in self.label_map.categories if c in seen]
        return known + sorted(seen - set(known))

    def report(self, stats: Counter) -> dict:
        tok = Counter({k[1]: v for k, v in stats.items() if isinstance(k, tuple) and k[0] == "tok"})
        unscored = {k[1]: v for k, v in stats.items() if isinstance(k, tuple) and k[0] == "unscored"}
        non_phi = {k[1]: v for k, v in stats.items() if isinstance(k, tuple) and k[0] == "non_phi"}
        gold_unscored = {k[1]: v for k, v in stats.items() if isinstance(k, tuple) and k[0] == "gold_unscored"}
        return {
            "n_docs": stats["docs"],
            "label_map": self.label_map.name,
            "hipaa_ages": self.hipaa_ages,
            "per_label_mode": "label" if self.label_map.match_labels else "category",
            "categories": self._categories(stats),
            "strict": self._entity(stats, "strict"),
            "relaxed": self._entity(stats, "relaxed"),
            "token": token_report(tok, self._categories(stats)),
            "counts": {"unscored_pred_spans": dict(sorted(unscored.items())),
                       "non_phi_pred_spans": dict(sorted(non_phi.items())),
                       "unscored_gold_spans": dict(sorted(gold_unscored.items())),
                       "hipaa_age_dropped": stats["hipaa_age_dropped"]},
        }

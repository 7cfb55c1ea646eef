"""Train a MarianMT student with transformers' `Seq2SeqTrainer`: seeded, early stopping on dev chrF, a time
budget, resumable checkpoints.

`train_student(data, out, ...)` reads the train and dev splits (the DatasetDict the data step wrote in
`data/hf` while it matches `train.jsonl`/`dev.jsonl`, else those files), builds (or loads) the tokenizer and the
model, trains, and writes the best model (LoRA merged) to `out/model`. `out/checkpoint/` holds the Trainer's
checkpoints (weights, optimizer, scheduler, RNG, step, best score) and the run's fingerprint; a re-run with the
same settings and data resumes from the last one (another run's is refused: E405).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from medkiln.core.records import write_json
from ..train.hf_trainer import Stops, dataset_hash, resume_point, resumed_step, start
from . import model as models
from .data import read_pairs

log = logging.getLogger(__name__)


@dataclass
class TrainSettings:
    size: str = "small"
    max_steps: int = 4000
    batch_size: int = 32
    lr: float | None = None          # default: 1e-3 from scratch or LoRA, 1e-4 full fine-tuning
    warmup: int = 200
    label_smoothing: float = 0.1
    eval_every: int = 250
    patience: int = 4
    dev_limit: int = 200
    time_budget_s: float | None = 600.0
    seed: int = 0
    threads: int = 1
    lora: bool = False
    lora_r: int = 8
    max_length: int = 128
    joint_vocab: bool = False        # one SentencePiece model for both sides (see vocab.build_tokenizer)
    vocab_cap: int = 8000
    quiet: bool = False

    def learning_rate(self, fine_tune: bool) -> float:
        return self.lr if self.lr is not None else (1e-4 if fine_tune and not self.lora else 1e-3)


# Settings that may change between a run and its resumption (more steps, more time, more patience).
_RESUMABLE = ("max_steps", "time_budget_s", "patience", "quiet", "threads")


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


# How training batches are drawn; part of the fingerprint, so a checkpoint written with other batches is not resumed.
SAMPLER = "length-grouped-by-epoch.v1"


def fingerprint(settings: TrainSettings, data: Path, base_model: Path | None) -> dict:
    fixed = {k: v for k, v in asdict(settings).items() if k not in _RESUMABLE}
    return {**fixed, "train": _file_hash(data / "train.jsonl"), "dev": _file_hash(data / "dev.jsonl"),
            "base_model": str(base_model) if base_model else None, "sampler": SAMPLER}


def length_grouped_sampler(lengths: list[int], batch_size: int, seed: int):
    """Batches of sentences of about the same length, in a random order drawn from (`seed`, epoch).

    A batch pads every sentence to its longest one. Drawn at random from a corpus that mixes short glosses with
    80-word document sentences, most of a batch's tokens are padding (a run measured 3 s a step where the
    tokens needed 0.5 s). transformers' `LengthGroupedSampler` groups by length (megabatches of 50 batches,
    sorted inside); this one also has `set_epoch`, which the Trainer calls at every epoch, including when it
    resumes, so a resumed run draws exactly the batches of an uninterrupted one."""
    import torch
    from transformers.trainer_pt_utils import LengthGroupedSampler

    class _ByEpoch(LengthGroupedSampler):
        def set_epoch(self, epoch: int) -> None:
            self.generator = torch.Generator().manual_seed(seed * 1_000_003 + epoch)

    sampler = _ByEpoch(batch_size, lengths=lengths)
    sampler.set_epoch(0)
    return sampler


def read_splits(data: Path) -> tuple[Any, str]:
    """The train and dev pairs as `datasets.Dataset`s: the DatasetDict the data step wrote beside the JSONL
    (`data/hf`) while it matches the JSONL, else built from the JSONL (checked by `read_pairs`). Returns it and
    where it came from."""
    from medkiln.core.records import DATASET_DICT, dataset_is_current, read_dataset_dict, records_to_dataset_dict

    if dataset_is_current(data / DATASET_DICT):
        return read_dataset_dict(data / DATASET_DICT), str(data / DATASET_DICT)
    pairs = {name: read_pairs(data / f"{name}.jsonl") for name in ("train", "dev")}
    return records_to_dataset_dict(pairs)[0], "jsonl"


def encode_pairs(tokenizer, pairs, max_length: int):
    """`input_ids` and `labels` of each pair (`Dataset.map`, kept in memory: nothing is written beside the data)."""
    from medkiln.core.records import quiet_datasets

    def encode(batch: dict) -> dict:
        enc = tokenizer(batch["src"], text_target=batch["ref"], truncation=True, max_length=max_length)
        return {"input_ids": enc["input_ids"], "labels": enc["labels"]}

    key = hashlib.sha256(json.dumps([dataset_hash(pairs, ("src", "ref")), tokenizer.name_or_path, len(tokenizer),
                                     max_length]).encode()).hexdigest()[:32]
    with quiet_datasets():
        return pairs.map(encode, batched=True, remove_columns=pairs.column_names, keep_in_memory=True,
                         load_from_cache_file=False, new_fingerprint=key)


def prepare(train, out: Path, settings: TrainSettings, base_model: Path | None, src: str, tgt: str):
    """Tokenizer and model: from `base_model`, or a new vocabulary (from the `train` pairs) and a model from
    scratch."""
    if base_model is not None:
        model, tok = models.load_model(models.check_base_model(base_model))
        vocab_info = {"vocab_size": len(tok.get_vocab()), "from": str(base_model)}
    else:
        from .vocab import build_tokenizer

        tok, vocab_info = build_tokenizer(list(train["src"]), list(train["ref"]),
                                          out / "tokenizer", src=src, tgt=tgt, seed=settings.seed,
                                          cap=settings.vocab_cap, joint=settings.joint_vocab)
        model = models.new_model(tok, settings.size, seed=settings.seed)
    if settings.lora:
        model = models.add_lora(model, r=settings.lora_r)
    return model, tok, vocab_info


def _arguments(settings: TrainSettings, out: Path, lr: float):
    from transformers import Seq2SeqTrainingArguments

    # Batches come from `length_grouped_sampler` (train_student's trainer); "random" here only names the default
    # that replaces.
    return Seq2SeqTrainingArguments(
        output_dir=str(out / "checkpoint"), max_steps=settings.max_steps,
        per_device_train_batch_size=settings.batch_size, per_device_eval_batch_size=32, learning_rate=lr,
        warmup_steps=settings.warmup, lr_scheduler_type="inverse_sqrt", adam_beta2=0.98, weight_decay=0.0,
        max_grad_norm=1.0, label_smoothing_factor=settings.label_smoothing, train_sampling_strategy="random",
        eval_strategy="steps", eval_steps=settings.eval_every, save_strategy="steps", save_steps=settings.eval_every,
        save_total_limit=1, load_best_model_at_end=True, metric_for_best_model="chrf", greater_is_better=True,
        predict_with_generate=True, generation_max_length=settings.max_length, generation_num_beams=1,
        logging_steps=settings.eval_every, seed=settings.seed, data_seed=settings.seed, report_to=[],
        disable_tqdm=True, use_cpu=True, dataloader_num_workers=0)


def train_student(data: str | Path, out: str | Path, *, src: str, tgt: str, base_model: str | Path | None = None,
                  settings: TrainSettings | None = None, resume: bool = True) -> dict:
    """Train with transformers' `Seq2SeqTrainer` (seeded batches, dev chrF at every
    `eval_every` steps, early stopping with `patience`, a time budget, checkpoints it resumes from) and write
    the best model (LoRA merged) with its tokenizer to `out/model`; returns a summary with the chrF history."""
    import torch
    from transformers import DataCollatorForSeq2Seq, Seq2SeqTrainer

    settings = settings or TrainSettings()
    data, out = Path(data), Path(out)
    base = Path(base_model) if base_model else None
    torch.set_num_threads(max(1, settings.threads))
    fp = fingerprint(settings, data, base)
    checkpoint = resume_point(out / "checkpoint", fp, resume)
    if checkpoint is None and (out / "tokenizer").exists() and base is None:
        shutil.rmtree(out / "tokenizer")
    splits, source = read_splits(data)
    log.info("translation student reads %s", source)
    model, tok, vocab_info = prepare(splits["train"], out, settings, base, src, tgt)
    examples = encode_pairs(tok, splits["train"], settings.max_length)
    dev = splits["dev"].select(range(min(settings.dev_limit, len(splits["dev"]))))
    refs = list(dev["ref"])
    lr = settings.learning_rate(base is not None)
    stops = Stops(metric="chrf", label="dev chrF", patience=settings.patience, time_budget_s=settings.time_budget_s,
                  quiet=settings.quiet)
    class _Trainer(Seq2SeqTrainer):
        def _get_train_sampler(self, train_dataset=None):
            dataset = train_dataset if train_dataset is not None else self.train_dataset
            return length_grouped_sampler([len(ids) for ids in dataset["input_ids"]], self.args.train_batch_size,
                                          settings.seed)

    trainer = _Trainer(
        model=model, args=_arguments(settings, out, lr), processing_class=tok, callbacks=stops.callbacks,
        data_collator=DataCollatorForSeq2Seq(tok, model=model, label_pad_token_id=-100),
        train_dataset=examples, eval_dataset=encode_pairs(tok, dev, settings.max_length),
        compute_metrics=lambda pred: {"chrf": _chrf(tok, pred.predictions, refs)})
    started = time.perf_counter()
    result = start(trainer, out / "checkpoint", fp, checkpoint, quiet=settings.quiet)
    return _finish(trainer, tok, out, src, tgt, base, settings, lr, vocab_info, examples, stops, checkpoint,
                   result, round(time.perf_counter() - started, 1), source)


def _chrf(tok, predictions, refs: list[str]) -> float:
    import numpy as np
    import sacrebleu

    ids = np.where(predictions < 0, tok.pad_token_id, predictions)
    hyps = tok.batch_decode(ids, skip_special_tokens=True)
    return round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2)


def _history(log_history: list[dict]) -> list[dict]:
    losses = {e["step"]: e["loss"] for e in log_history if "loss" in e}
    return [{"step": e["step"], "loss": round(float(losses.get(e["step"], float("nan"))), 4),
             "dev_chrf": e["eval_chrf"]} for e in log_history if "eval_chrf" in e]


def _finish(trainer, tok, out: Path, src: str, tgt: str, base: Path | None, settings: TrainSettings, lr: float,
            vocab_info: dict, examples: Any, stops: Stops, checkpoint: str | None, result, seconds: float,
            source: str) -> dict:
    state = trainer.state
    history = _history(state.log_history)
    counts = models.parameter_counts(trainer.model)  # before merging: LoRA's trainable share
    final = models.merged(trainer.model)
    final.save_pretrained(str(out / "model"))
    tok.save_pretrained(str(out / "model"))
    tokens = sum(len(s) + len(t) for s, t in zip(examples["input_ids"], examples["labels"])) / max(1, len(examples))
    summary = {"model": str(out / "model"), "src": src, "tgt": tgt, "steps": state.global_step,
               "resumed_from": resumed_step(checkpoint),
               "stop_reason": stops.reason, "best_dev_chrf": state.best_metric,
               "best_step": next((h["step"] for h in history if h["dev_chrf"] == state.best_metric), None),
               "history": history, "seconds": seconds,
               "tokens_per_s": round(result.metrics.get("train_samples_per_second", 0.0) * tokens),
               "parameters": counts, "vocab": vocab_info,
               "settings": asdict(settings), "base_model": str(base) if base else None, "learning_rate": lr,
               "train_pairs": len(examples), "data": source}
    write_json(out / "train.json", summary)
    return summary

"""Train a MarianMT student: seeded, with progress, early stopping on dev chrF and resumable checkpoints.

`train_student(data, out, ...)` reads `train.jsonl`/`dev.jsonl`, builds (or loads) the tokenizer and the
model, trains, and writes the best model (LoRA merged) to `out/model`. `out/checkpoint/` holds the last
state (weights, optimizer, RNG, step, best score); a re-run with the same settings resumes from it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json
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


def fingerprint(settings: TrainSettings, data: Path, base_model: Path | None) -> dict:
    fixed = {k: v for k, v in asdict(settings).items() if k not in _RESUMABLE}
    return {**fixed, "train": _file_hash(data / "train.jsonl"), "dev": _file_hash(data / "dev.jsonl"),
            "base_model": str(base_model) if base_model else None}


def _batches(examples: list[tuple[list[int], list[int]]], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Length-bucketed batches of example indices, in a seeded order per epoch."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(len(examples)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start:start + chunk], key=lambda i: len(examples[i][0]))
        batches += [part[i:i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def _collate(examples, idx: list[int], pad: int):
    import torch

    srcs = [examples[i][0] for i in idx]
    tgts = [examples[i][1] for i in idx]
    width_s, width_t = max(map(len, srcs)), max(map(len, tgts))
    input_ids = torch.tensor([s + [pad] * (width_s - len(s)) for s in srcs])
    labels = torch.tensor([t + [-100] * (width_t - len(t)) for t in tgts])
    return {"input_ids": input_ids, "attention_mask": (input_ids != pad).long(), "labels": labels}


def encode_pairs(tokenizer, pairs: list[dict], max_length: int) -> list[tuple[list[int], list[int]]]:
    enc = tokenizer([p["src"] for p in pairs], text_target=[p["ref"] for p in pairs], truncation=True,
                    max_length=max_length)
    return list(zip(enc["input_ids"], enc["labels"]))


def dev_chrf(model, tokenizer, pairs: list[dict]) -> float:
    import sacrebleu

    from .decode import hf_translate

    hyps = [h[0] for h in hf_translate(model, tokenizer, [p["src"] for p in pairs], batch_size=32)]
    model.train()
    return round(sacrebleu.corpus_chrf(hyps, [[p["ref"] for p in pairs]]).score, 2)


def prepare(data: Path, out: Path, settings: TrainSettings, base_model: Path | None, src: str, tgt: str):
    """Tokenizer and model: from `base_model`, or a new vocabulary and a model from scratch."""
    if base_model is not None:
        model, tok = models.load_model(models.check_base_model(base_model))
        vocab_info = {"vocab_size": len(tok.get_vocab()), "from": str(base_model)}
    else:
        from .vocab import build_tokenizer

        train_pairs = read_pairs(data / "train.jsonl")
        tok, vocab_info = build_tokenizer([p["src"] for p in train_pairs], [p["ref"] for p in train_pairs],
                                          out / "tokenizer", src=src, tgt=tgt, seed=settings.seed,
                                          cap=settings.vocab_cap, joint=settings.joint_vocab)
        model = models.new_model(tok, settings.size, seed=settings.seed)
    if settings.lora:
        model = models.add_lora(model, r=settings.lora_r)
    return model, tok, vocab_info


def _save_checkpoint(path: Path, state: dict) -> None:
    import torch

    path.mkdir(parents=True, exist_ok=True)
    tmp = path / "state.pt.tmp"
    torch.save(state, tmp)
    tmp.replace(path / "state.pt")


def _load_checkpoint(path: Path, fp: dict) -> dict | None:
    import torch

    if not (path / "state.pt").is_file():
        return None
    state = torch.load(path / "state.pt", weights_only=False)
    if state["fingerprint"] != fp:
        what = ", ".join(sorted(k for k in fp if state["fingerprint"].get(k) != fp[k]))
        raise MedkilnError("E405", path=path, what=what)
    return state


def train_student(data: str | Path, out: str | Path, *, src: str, tgt: str, base_model: str | Path | None = None,
                  settings: TrainSettings | None = None, resume: bool = True) -> dict:
    """Train and write `out/model` (HF folder with tokenizer); returns a summary with the dev chrF history."""
    import torch

    settings = settings or TrainSettings()
    data, out = Path(data), Path(out)
    base = Path(base_model) if base_model else None
    torch.set_num_threads(max(1, settings.threads))
    torch.manual_seed(settings.seed)
    random.seed(settings.seed)
    fp = fingerprint(settings, data, base)
    state = _load_checkpoint(out / "checkpoint", fp) if resume else None
    if state is None and (out / "tokenizer").exists() and base is None:
        shutil.rmtree(out / "tokenizer")
    model, tok, vocab_info = prepare(data, out, settings, base, src, tgt)
    examples = encode_pairs(tok, read_pairs(data / "train.jsonl"), settings.max_length)
    dev = read_pairs(data / "dev.jsonl")[: settings.dev_limit]
    lr = settings.learning_rate(base is not None)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.98), weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, settings.warmup), (max(1, settings.warmup) / (s + 1)) ** 0.5))
    run = {"step": 0, "epoch": 0, "batch": 0, "best": -1.0, "best_step": 0, "bad_evals": 0, "history": []}
    best_state = None
    if state is not None:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["torch_rng"])
        run, best_state = state["run"], state["best_model"]
        log.info("resuming from step %d (best dev chrF %.2f)", run["step"], run["best"])
    resumed_from = run["step"]
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=settings.label_smoothing)
    started = time.perf_counter()
    best_holder = {"state": best_state}
    stop_reason = _loop(model, tok, examples, dev, opt, sched, loss_fn, settings, run, fp, out, started, best_holder)
    if best_holder["state"] is not None:
        model.load_state_dict(best_holder["state"])
    counts = models.parameter_counts(model)
    final = models.merged(model)
    final.save_pretrained(str(out / "model"))
    tok.save_pretrained(str(out / "model"))
    seconds = round(time.perf_counter() - started, 1)
    summary = {"model": str(out / "model"), "src": src, "tgt": tgt, "steps": run["step"], "resumed_from": resumed_from,
               "stop_reason": stop_reason, "best_dev_chrf": run["best"], "best_step": run["best_step"],
               "history": run["history"], "seconds": seconds, "tokens_per_s": run.get("tokens_per_s"),
               "parameters": counts, "vocab": vocab_info, "settings": asdict(settings),
               "base_model": str(base) if base else None, "learning_rate": lr, "train_pairs": len(examples)}
    write_json(out / "train.json", summary)
    return summary


def _loop(model, tok, examples, dev, opt, sched, loss_fn, settings, run, fp, out, started, best_holder) -> str:
    import torch
    from tqdm.auto import tqdm

    pad = tok.pad_token_id
    model.train()
    bar = tqdm(total=settings.max_steps, initial=run["step"], disable=settings.quiet, desc="training", unit="step")
    tokens, tok_started = 0, time.perf_counter()
    reason = "max_steps"
    try:
        while run["step"] < settings.max_steps:
            batches = _batches(examples, settings.batch_size, settings.seed, run["epoch"])
            while run["batch"] < len(batches) and run["step"] < settings.max_steps:
                batch = _collate(examples, batches[run["batch"]], pad)
                logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                               labels=batch["labels"]).logits
                loss = loss_fn(logits.reshape(-1, logits.size(-1)), batch["labels"].reshape(-1))
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
                tokens += int(batch["attention_mask"].sum()) + int((batch["labels"] != -100).sum())
                run["step"] += 1
                run["batch"] += 1
                bar.update(1)
                bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
                if run["step"] % settings.eval_every == 0 or run["step"] == settings.max_steps:
                    run["tokens_per_s"] = round(tokens / max(1e-9, time.perf_counter() - tok_started))
                    if _evaluate_and_save(model, tok, dev, settings, run, fp, out, opt, sched, best_holder, loss):
                        return "early_stopping"
                    tokens, tok_started = 0, time.perf_counter()
                if settings.time_budget_s and time.perf_counter() - started > settings.time_budget_s:
                    if not run["history"] or run["history"][-1]["step"] != run["step"]:
                        _evaluate_and_save(model, tok, dev, settings, run, fp, out, opt, sched, best_holder, loss)
                    return "time_budget"
            run["epoch"] += 1
            run["batch"] = 0
    finally:
        bar.close()
    return reason


def _evaluate_and_save(model, tok, dev, settings, run, fp, out, opt, sched, best_holder, loss) -> bool:
    """Score dev chrF, keep the best weights, write the checkpoint; True when patience is used up."""
    import torch

    score = dev_chrf(model, tok, dev)
    run["history"].append({"step": run["step"], "loss": round(float(loss.item()), 4), "dev_chrf": score})
    log.info("step %d: loss %.3f, dev chrF %.2f", run["step"], loss.item(), score)
    if score > run["best"]:
        run["best"], run["best_step"], run["bad_evals"] = score, run["step"], 0
        best_holder["state"] = {k: v.detach().clone() for k, v in model.state_dict().items()}
    else:
        run["bad_evals"] += 1
    _save_checkpoint(out / "checkpoint", {"fingerprint": fp, "model": model.state_dict(), "optimizer": opt.state_dict(),
                                          "scheduler": sched.state_dict(), "torch_rng": torch.get_rng_state(),
                                          "run": run, "best_model": best_holder["state"]})
    return run["bad_evals"] >= settings.patience

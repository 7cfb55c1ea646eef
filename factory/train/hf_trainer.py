"""What the transformer students share around transformers' `Trainer` / `Seq2SeqTrainer` (the MiniLM tagger in
`hf_student`, the MarianMT translator in `factory.translation.train`): why training stopped (early stopping on a
dev metric, a time budget, or max_steps), a progress bar on stderr (stdout keeps the command's JSON), and
resuming a checkpoint only when it was written by a run with the same settings and data (E405 otherwise).

transformers is imported inside the functions: `medkiln --help` must not import it.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json

log = logging.getLogger(__name__)

FINGERPRINT = "fingerprint.json"


class Stops:
    """The callbacks that end a run, and `reason`: "early_stopping" (no better dev `metric` for `patience`
    evaluations; none when `patience` is falsy or there is no dev set), "time_budget" (`time_budget_s` seconds of
    this process; the last step is then evaluated and saved) or "max_steps". `label` names the metric in the log
    ("dev chrF")."""

    def __init__(self, *, metric: str, label: str, patience: int | None, time_budget_s: float | None,
                 quiet: bool = False, evaluates: bool = True):
        from transformers import EarlyStoppingCallback, TrainerCallback

        self.reason, self.started, stops = "max_steps", time.perf_counter(), self

        class Patience(EarlyStoppingCallback):
            def on_evaluate(self, args, state, control, metrics, **kw):
                super().on_evaluate(args, state, control, metrics, **kw)
                # (at the last step should_training_stop is already set: that stop is max_steps')
                if self.early_stopping_patience_counter >= self.early_stopping_patience and stops.reason == "max_steps":
                    stops.reason = "early_stopping"

        class Budget(TrainerCallback):
            def on_step_end(self, args, state, control, **kw):
                if time_budget_s and time.perf_counter() - stops.started > time_budget_s \
                        and not control.should_training_stop:
                    stops.reason = "time_budget"
                    control.should_save = control.should_training_stop = True
                    control.should_evaluate = evaluates

        class Progress(TrainerCallback):
            """A progress bar on stderr (with the running loss) and the dev scores in the log."""

            def on_train_begin(self, args, state, control, **kw):
                from tqdm.auto import tqdm

                self.bar = tqdm(total=args.max_steps, initial=state.global_step, disable=quiet, desc="training",
                                unit="step", file=sys.stderr)

            def on_step_end(self, args, state, control, **kw):
                self.bar.update(1)

            def on_log(self, args, state, control, logs=None, **kw):
                if logs and "loss" in logs:
                    self.bar.set_postfix(loss=f"{logs['loss']:.4f}", refresh=False)
                if logs and f"eval_{metric}" in logs:
                    log.info("step %d: %s %.4g", state.global_step, label, logs[f"eval_{metric}"])

            def on_train_end(self, args, state, control, **kw):
                self.bar.close()

        self.callbacks = [Budget(), Progress()]
        if patience and evaluates:
            self.callbacks.insert(0, Patience(early_stopping_patience=patience))


def resume_point(folder: Path, fingerprint: dict, resume: bool) -> str | None:
    """The last checkpoint in `folder` of a run with the same `fingerprint` (settings and data); E405 names what
    differs for another run's. Without `resume`, or with no earlier run, the folder is emptied and None returned."""
    saved = folder / FINGERPRINT
    if not resume or not saved.is_file():
        if folder.exists():
            shutil.rmtree(folder)
        return None
    old = json.loads(saved.read_text(encoding="utf-8"))
    if old != fingerprint:
        what = sorted(k for k in {**old, **fingerprint} if old.get(k) != fingerprint.get(k))
        raise MedkilnError("E405", path=folder, what=", ".join(what))
    from transformers.trainer_utils import get_last_checkpoint

    return get_last_checkpoint(str(folder))


def start(trainer, folder: Path, fingerprint: dict, checkpoint: str | None, quiet: bool = False):
    """Drop transformers' own printers (they print to stdout; `Stops` has the progress bar), record the run's
    fingerprint beside its checkpoints, and train (from `checkpoint` when resuming; `quiet`: without the
    checkpoint writers' bars either). Returns the train output."""
    from transformers.trainer_callback import PrinterCallback, ProgressCallback
    from transformers.utils import logging as hf_logging

    for printer in (PrinterCallback, ProgressCallback):
        trainer.remove_callback(printer)
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / FINGERPRINT, fingerprint)
    bars = hf_logging.is_progress_bar_enabled()
    if quiet:
        hf_logging.disable_progress_bar()
    try:
        return trainer.train(resume_from_checkpoint=checkpoint)
    finally:
        if quiet and bars:
            hf_logging.enable_progress_bar()


def dataset_hash(dataset, columns: tuple[str, ...]) -> str:
    """A hash of the rows' values in `columns` (those the dataset has): what a resumed run must train on again,
    and the key of its in-memory encodings."""
    import hashlib

    digest = hashlib.sha256()
    present = [c for c in columns if c in dataset.column_names]
    for row in dataset.select_columns(present) if present and len(dataset) else ():
        digest.update(json.dumps([row[c] for c in present], ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def resumed_step(checkpoint: str | None) -> int:
    """The step a run resumed from (0 for a fresh start)."""
    return int(Path(checkpoint).name.split("-")[-1]) if checkpoint else 0

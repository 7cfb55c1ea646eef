"""Train a student on span data and assemble the final pipeline (student + PHI rules).

`train()` is the plain function behind `medkiln train`: span JSONL in, a spaCy pipeline folder out
(`out_dir/model`), with the resolved config beside it (`out_dir/config.cfg`).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import read_spans, write_json

log = logging.getLogger(__name__)

BACKBONES = ("cnn", "minilm")


def _read_split(path: Path, labels) -> list[dict]:
    records = list(read_spans(path, labels))
    if not records:
        raise MedkilnError("E015", path=path)
    return records


def _read_data_card(data_dir: Path) -> dict | None:
    path = data_dir / "datacard.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _splits_dataset(data_dir: Path, train_records: list[dict], dev_records: list[dict]) -> tuple[object, str]:
    """The train and dev splits as `datasets.Dataset`s: the DatasetDict the data step wrote beside the JSONL
    (`DATA/hf`) when it still matches the JSONL, else built from the JSONL records just read (hand-written or
    hand-edited data). Returns it and where it came from."""
    from medkiln.core.records import DATASET_DICT, dataset_is_current, read_dataset_dict, records_to_dataset_dict

    folder = data_dir / DATASET_DICT
    if dataset_is_current(folder):
        return read_dataset_dict(folder), str(folder)
    log.info("no DatasetDict matching the JSONL in %s: built from the JSONL", data_dir)
    return records_to_dataset_dict({"train": train_records, "dev": dev_records})[0], "jsonl"


# train_hf_student's parameters that are not settings (`--set` cannot name them)
_NOT_SETTINGS = {"train", "dev", "labels", "out_dir", "callbacks"}


def _train_minilm(spec, data_dir: Path, train_records, dev_records, out_dir: Path, *, seed, max_steps, overrides,
                  use_gpu) -> dict:
    """Dispatch to the transformer student (reading the DatasetDict); overrides name its keyword arguments
    (`lr=3e-5`)."""
    import inspect

    try:
        from .hf_student import train_hf_student
    except ImportError as err:
        raise MedkilnError("E014", name="minilm", reason=f"transformer extras missing ({err.name})") from None
    from .spacy_cnn import parse_override

    accepted = set(inspect.signature(train_hf_student).parameters) - _NOT_SETTINGS
    unknown = sorted(set(overrides or {}) - accepted)
    if unknown:
        raise MedkilnError("E014", name="minilm", reason=f"unknown overrides {unknown}")
    kwargs = {key: parse_override(value) for key, value in (overrides or {}).items()}
    kwargs.update(seed=seed, use_gpu=use_gpu)
    if max_steps is not None:
        kwargs["max_steps"] = max_steps
    started = time.perf_counter()
    splits, source = _splits_dataset(data_dir, train_records, dev_records)
    log.info("minilm student reads %s", source)
    pipeline = Path(train_hf_student(splits["train"], splits["dev"], sorted(spec.labels), out_dir / "hf", **kwargs))
    seconds = time.perf_counter() - started
    meta = json.loads((pipeline / "meta.json").read_text(encoding="utf-8")).get("medkiln", {})
    return {"pipeline": str(pipeline), "config": None, "scores": meta.get("best_dev", {}),
            "seconds": round(seconds, 1), "steps": meta.get("steps", max_steps),
            "misaligned_spans": None, "words_per_second": None}


def train(domain: str, data_dir: Path, out_dir: Path, *, backbone: str = "cnn", seed: int = 0,
          max_steps: int | None = None, overrides: dict | None = None, use_gpu: int = -1) -> dict:
    """Train `backbone` on `data_dir/{train,dev}.jsonl` and save student + rules to `out_dir/model`.

    Returns the model path, dev scores, seconds, training words/s, the misaligned span count and the
    resolved config path. Raises E014 for an unknown backbone and E015 for an empty split.
    """
    from medkiln.domains import as_spec

    if backbone not in BACKBONES:
        raise MedkilnError("E014", name=backbone, reason=f"choose one of {', '.join(BACKBONES)}")
    spec = as_spec(domain)
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    train_records = _read_split(data_dir / "train.jsonl", spec.labels)
    dev_records = _read_split(data_dir / "dev.jsonl", spec.labels)
    if backbone == "cnn":
        from .spacy_cnn import train_cnn

        result = train_cnn(spec, train_records, dev_records, out_dir, seed=seed, max_steps=max_steps,
                           overrides=overrides, use_gpu=use_gpu)
        after = "ner"
    else:
        result = _train_minilm(spec, data_dir, train_records, dev_records, out_dir, seed=seed, max_steps=max_steps,
                               overrides=overrides, use_gpu=use_gpu)
        after = "medkiln_hf_ner"
    return _finish(spec, result, data_dir, out_dir, backbone=backbone, seed=seed,
                   n_train=len(train_records), n_dev=len(dev_records), after=after)


def _finish(spec, result: dict, data_dir: Path, out_dir: Path, *, backbone: str, seed: int, n_train: int,
            n_dev: int, after: str) -> dict:
    from .assemble import assemble

    card = _read_data_card(data_dir)
    provenance = {"domain": spec.registry_name, "backbone": backbone, "seed": seed,
                  "steps": result.get("steps"), "train_docs": n_train, "dev_docs": n_dev,
                  "config": "config.cfg" if result.get("config") else None}
    if card:
        provenance.update({f"data_{key}": value for key, value in card.get("provenance", {}).items()})
    model = assemble(result["pipeline"], out_dir / "model", spec, after=after, provenance=provenance,
                     data_card=card, scores=result.get("scores"))
    summary = {"model": str(model), "backbone": backbone, "seed": seed, **{
        key: result.get(key) for key in ("config", "scores", "seconds", "steps", "words_per_second",
                                         "train_words", "misaligned_spans", "alignment", "ner_labels")}}
    write_json(out_dir / "train.json", summary)
    return summary


__all__ = ["BACKBONES", "train"]

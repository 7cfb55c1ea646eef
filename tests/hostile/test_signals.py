"""Ctrl-C and SIGTERM to a real `medkiln deid --workers 2` process: every worker ends within seconds, the exit
status says what happened, and `--resume` finishes the run (a subprocess, as a user or a scheduler runs it)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_kit import SENTINEL_WORDS, note

pytestmark = [pytest.mark.slow, pytest.mark.guarantee("G11")]

# A real CLI process whose pipeline is slow (so the signal lands mid-run): a component that sleeps per doc.
SLOW_CLI = """
import sys, time
from spacy.language import Language

@Language.component("hostile_slow")
def slow(doc):
    time.sleep(0.04)
    return doc

from medkiln.factory.cli.main import main
sys.argv = ["medkiln", *sys.argv[1:]]
main()
"""


N_NOTES = 900


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.fixture(scope="module")
def slow_model(tmp_path_factory, model_dir):
    import spacy

    from deid_helpers import PATTERNS

    if "hostile_slow" not in spacy.language.Language.factories:
        @spacy.language.Language.component("hostile_slow")
        def slow(doc):
            return doc
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("hostile_slow")
    path = tmp_path_factory.mktemp("slow") / "model"
    nlp.to_disk(path)
    return path


def _start(src: Path, out: Path, model: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-c", SLOW_CLI, "deid", str(src), str(out), "-m", str(model), "-q", "--workers", "2",
           "--batch-size", "8", *extra]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # SIGINT as a terminal gives it: a runner started in the background (`cmd &`) ignores SIGINT, its children
    # inherit that, and the run would not see the Ctrl-C this test sends
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


@pytest.mark.parametrize("signum,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_ends_every_worker_and_resume_finishes(tmp_path, slow_model, signum, code):
    src = tmp_path / "in.jsonl"
    # 900 notes at 0.04 s each on 2 workers: 18 s of work, the first checkpoint after 5 s
    src.write_text("".join(json.dumps({"id": i, "text": note(i)}) + "\n" for i in range(N_NOTES)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = _start(src, out, slow_model, "--no-run-propagation")
    deadline, workers = time.monotonic() + 120, set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers |= _children(proc.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the workers never started"
    # mid-run, just past the first checkpoint (one every 5 s): the signal follows the run's own progress, not a
    # fixed sleep (a fixed 8 s once came after an idle machine had finished, and once on a busy one)
    state = tmp_path / f".{out.name}.partial.state.json"
    deadline = time.monotonic() + 120
    while not state.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None and state.exists(), "the run ended before its first checkpoint"
    proc.send_signal(signum)
    sent = time.monotonic()
    stdout, stderr = proc.communicate(timeout=60)
    assert time.monotonic() - sent < 15
    assert proc.returncode == code, stderr[-2000:]
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(workers), "worker processes outlived the run"
    assert "Traceback" not in stderr and "--resume" in stderr
    assert not any(w in stdout + stderr for w in SENTINEL_WORDS)
    assert not out.exists()

    again = _start(src, out, slow_model, "--no-run-propagation", "--resume")
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr[-2000:]
    assert json.loads(stdout)["resumed_from"] > 0  # what was checkpointed before the signal was kept
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == list(range(N_NOTES))
    assert not any(w in out.read_text(encoding="utf-8") for w in SENTINEL_WORDS)

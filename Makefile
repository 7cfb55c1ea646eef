# medkiln — two set-up commands: `make demo` and `make test`. Both create .venv and install from nothing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
DEMO   ?= runs/demo
BACKBONE ?= cnn
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test test-fast bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[all]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/medkiln run deid --out $(DEMO) --backbone $(BACKBONE) --install

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow"

bench: install
	$(PY) benchmarks/deid_physionet.py --model $(DEMO)/model

clean:
	rm -rf $(VENV) runs build dist *.egg-info

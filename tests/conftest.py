"""Shared test set-up: offline hub, PHI-free synthetic fixtures only, marker handling."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def pytest_collection_modifyitems(config, items):
    try:
        import torch

        has_gpu = torch.cuda.is_available()
    except ImportError:
        has_gpu = False
    skip_gpu = pytest.mark.skip(reason="needs a CUDA device")
    skip_ext = pytest.mark.skip(reason="needs a service outside this machine")
    for item in items:
        if "gpu" in item.keywords and not has_gpu:
            item.add_marker(skip_gpu)
        if "external" in item.keywords:
            item.add_marker(skip_ext)


@pytest.fixture(scope="session")
def fake_model_dir(tmp_path_factory) -> Path:
    """A fast, deterministic fake PHI model (blank English + entity_ruler), saved so tests load it by path."""
    from deid_helpers import build_fake_nlp

    path = tmp_path_factory.mktemp("fake_model") / "model"
    build_fake_nlp().to_disk(path)
    return path


@pytest.fixture(scope="session")
def fake_nlp():
    from deid_helpers import build_fake_nlp

    return build_fake_nlp()


@pytest.fixture(scope="session")
def spark():
    """One local Spark session (pyspark local[2]) for every Spark test."""
    import sys

    from needs import need, need_java

    need("pyspark")
    need_java()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("medkiln-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()

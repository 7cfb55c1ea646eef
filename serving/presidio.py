"""Host an exported medkiln pipeline inside Microsoft Presidio as its NLP engine.

Presidio's `AnalyzerEngine` normally downloads a general spaCy model; here the medkiln pipeline (NER
student + PHI rules) *is* the spaCy model, and its i2b2-2014 labels are mapped to Presidio entity types
(PATIENT/DOCTOR -> PERSON, DATE -> DATE_TIME, PHONE/FAX -> PHONE_NUMBER, ...). Presidio is imported
lazily: this module costs nothing until `build_analyzer` is called.

Example::

    from medkiln.serving.presidio import build_analyzer
    from presidio_anonymizer import AnonymizerEngine

    analyzer = build_analyzer("en_medkiln_deid")          # installed package, or a pipeline folder
    results = analyzer.analyze(text=note, language="en")  # [type: PERSON, start: 9, end: 20, score: 0.85]
    redacted = AnonymizerEngine().anonymize(text=note, analyzer_results=results).text

By default only the medkiln pipeline's entities are returned; `presidio_recognizers=True` adds Presidio's
own pattern recognizers (credit cards, IBANs, ...) on top.
"""

from __future__ import annotations

import logging

from medkiln.core.labels import label_set

from .pipeline import register_components

log = logging.getLogger(__name__)

# i2b2-2014 PHI labels -> Presidio entity types (the label table, core/labels/i2b2.json).
ENTITY_MAPPING: dict[str, str] = label_set("i2b2").presidio()
_NOISY_LOGGERS = ("presidio-analyzer",)


def _pipeline_labels(nlp) -> set[str]:
    labels: set[str] = set()
    for _, pipe in nlp.pipeline:
        labels.update(getattr(pipe, "labels", ()) or ())
    return labels


def _quiet_presidio() -> None:
    for name in _NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)


def build_nlp_engine(model: str, *, score: float = 0.85, entity_mapping: dict[str, str] | None = None):
    """A loaded Presidio `SpacyNlpEngine` over the medkiln pipeline `model` (package name or folder)."""
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    model = str(model)
    register_components(model)
    mapping = dict(ENTITY_MAPPING if entity_mapping is None else entity_mapping)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model}],
        "ner_model_configuration": {"model_to_presidio_entity_mapping": mapping, "labels_to_ignore": [],
                                    "default_score": score, "low_score_entity_names": []},
    })
    engine = provider.create_engine()
    config = engine.ner_model_configuration
    # Labels the pipeline has but the mapping lacks keep their own name (no per-entity warning lines).
    for label in sorted(_pipeline_labels(engine.nlp["en"]) - set(config.model_to_presidio_entity_mapping)):
        config.model_to_presidio_entity_mapping[label] = label
    return engine


def build_analyzer(model: str, *, score: float = 0.85, entity_mapping: dict[str, str] | None = None,
                   presidio_recognizers: bool = False):
    """A `presidio_analyzer.AnalyzerEngine` whose NLP engine is the exported medkiln pipeline.

    model: an installed package name (`en_medkiln_deid`) or a pipeline folder.
    score: the confidence Presidio reports for each pipeline entity.
    entity_mapping: medkiln label -> Presidio entity type (default `ENTITY_MAPPING`).
    presidio_recognizers: also run Presidio's predefined pattern recognizers.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    _quiet_presidio()
    engine = build_nlp_engine(model, score=score, entity_mapping=entity_mapping)
    registry = RecognizerRegistry(supported_languages=["en"])
    if presidio_recognizers:
        registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
    else:
        registry.add_nlp_recognizer(nlp_engine=engine)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

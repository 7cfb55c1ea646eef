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
own pattern recognizers (credit cards, IBANs, ...) on top, for each language: its generic ones and, for a language
other than English, every country recognizer Presidio has for it (German KVNR, Steuer-ID, PLZ, ...; Spanish
NIF/NIE; Italian codice fiscale; Turkish T.C. Kimlik No), most of which Presidio's defaults leave off.

One analyzer serves several languages: pass `{"es": "es_medkiln_deid", "de": "de_medkiln_deid"}` and call
`analyze(text, language="es")`. A single model serves the language it was built for (its meta.json)::

    analyzer = build_analyzer("de_medkiln_deid", presidio_recognizers=True)
    analyzer.analyze(text=brief, language="de")
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Mapping

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


_PACKAGE_LANG = re.compile(r"^([a-z]{2,3})_")


def pipeline_language(model: str | Path) -> str:
    """The language a pipeline was built for: its meta.json's `lang` (folder or installed package), else the
    package name's prefix (`es_medkiln_deid` -> es), else English."""
    import spacy

    path = Path(model)
    if not path.exists() and spacy.util.is_package(str(model)):
        path = spacy.util.get_package_path(str(model))
    meta = path / "meta.json"
    if meta.is_file():
        lang = json.loads(meta.read_text(encoding="utf-8")).get("lang")
        if lang:
            return str(lang)
    found = _PACKAGE_LANG.match(Path(str(model)).name)
    return found.group(1) if found else "en"


def _models(model: str | Path | Mapping[str, str | Path]) -> dict[str, str]:
    if isinstance(model, Mapping):
        return {str(lang): str(m) for lang, m in model.items()}
    return {pipeline_language(model): str(model)}


def build_nlp_engine(model: str | Path | Mapping[str, str | Path], *, score: float = 0.85,
                     entity_mapping: dict[str, str] | None = None):
    """A loaded Presidio `SpacyNlpEngine` over the medkiln pipeline `model` (package name or folder), or over one
    pipeline per language (`{"es": ..., "de": ...}`)."""
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    models = _models(model)
    for name in models.values():
        register_components(name)
    mapping = dict(ENTITY_MAPPING if entity_mapping is None else entity_mapping)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": lang, "model_name": name} for lang, name in models.items()],
        "ner_model_configuration": {"model_to_presidio_entity_mapping": mapping, "labels_to_ignore": [],
                                    "default_score": score, "low_score_entity_names": []},
    })
    engine = provider.create_engine()
    config = engine.ner_model_configuration
    # Labels the pipelines have but the mapping lacks keep their own name (no per-entity warning lines).
    labels = set().union(*(_pipeline_labels(engine.nlp[lang]) for lang in models))
    for label in sorted(labels - set(config.model_to_presidio_entity_mapping)):
        config.model_to_presidio_entity_mapping[label] = label
    return engine


def country_recognizers(lang: str, loaded: set[str]) -> list:
    """Presidio's country-specific pattern recognizers written for `lang` (its class default) that are not in
    `loaded` (class names): Presidio ships most of them disabled. English gets none here (its defaults stand:
    the UK, Indian, Australian, ... ones would only add false positives to US notes)."""
    if lang == "en":
        return []
    import presidio_analyzer.predefined_recognizers as predefined
    from presidio_analyzer import PatternRecognizer

    out = []
    for name in sorted(getattr(predefined, "__all__", ())):
        cls = getattr(predefined, name, None)
        if not (isinstance(cls, type) and issubclass(cls, PatternRecognizer) and getattr(cls, "COUNTRY_CODE", None)):
            continue
        if name in loaded:
            continue
        try:
            recognizer = cls()
        except TypeError:  # needs arguments we cannot guess: left out
            continue
        if recognizer.supported_language == lang:
            out.append(recognizer)
    return out


def build_analyzer(model: str | Path | Mapping[str, str | Path], *, score: float = 0.85,
                   entity_mapping: dict[str, str] | None = None, presidio_recognizers: bool = False):
    """A `presidio_analyzer.AnalyzerEngine` whose NLP engine is the exported medkiln pipeline (or pipelines).

    model: an installed package name (`es_medkiln_deid`) or a pipeline folder, serving the language it was built
        for; or `{lang: model}` for several languages in one analyzer.
    score: the confidence Presidio reports for each pipeline entity.
    entity_mapping: medkiln label -> Presidio entity type (default `ENTITY_MAPPING`).
    presidio_recognizers: also run Presidio's predefined pattern recognizers of each language
        (`country_recognizers` for the ones Presidio ships disabled).
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    _quiet_presidio()
    languages = list(_models(model))
    engine = build_nlp_engine(model if isinstance(model, Mapping) else {languages[0]: str(model)}, score=score,
                              entity_mapping=entity_mapping)
    registry = RecognizerRegistry(supported_languages=languages)
    if presidio_recognizers:
        registry.load_predefined_recognizers(languages=languages, nlp_engine=engine)
        for lang in languages:
            loaded = {type(r).__name__ for r in registry.recognizers if r.supported_language == lang}
            for recognizer in country_recognizers(lang, loaded):
                registry.add_recognizer(recognizer)
    else:
        registry.add_nlp_recognizer(nlp_engine=engine)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=languages)

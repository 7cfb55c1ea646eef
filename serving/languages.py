"""Which de-identification package reads a record: `--lang xx` names the package `xx_medkiln_deid`; `--lang auto`
identifies each record's language with py3langid (it ships its model: nothing is downloaded) and routes the
record to that language's installed package.

`LanguageRouter` stands where a spaCy pipeline stands for the batch runner (`pipe(..., as_tuples=True)` in input
order); it loads a language's package the first time a record of that language arrives. A record whose language
is identified with confidence but has no installed package fails alone (`UnsupportedLanguage`, S112, named in
the errors file); an uncertain or very short record goes to the most likely installed language. Long texts are
read in pieces (`serving.textview`); each piece is identified on its own.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from medkiln.core.errors import MedkilnError, UsageError

log = logging.getLogger(__name__)

PACKAGE_TEMPLATE = "{lang}_medkiln_deid"
# The languages py3langid chooses among: those medkiln builds students for, and the neighbours it confuses them with.
CANDIDATES = ("en", "de", "fr", "es", "it", "pt", "ca", "gl", "nl", "ro", "tr", "ar", "la", "oc")
# Below this probability (or under MIN_WORDS words) a record goes to the most likely *installed* language.
MIN_PROBABILITY = 0.9
MIN_WORDS = 3
_LANG = re.compile(r"^[a-z]{2,3}$")
_WORD = re.compile(r"\w+")


class UnsupportedLanguage(MedkilnError):
    """A record is in a language no installed package reads (its type name is what the errors file shows)."""


def package_for(lang: str, template: str = PACKAGE_TEMPLATE) -> str:
    """The package of `lang` (`es` -> `es_medkiln_deid`), S110 when the code is malformed or not installed."""
    import spacy

    if not _LANG.match(lang or ""):
        raise UsageError("S110", lang=lang, package=template.format(lang=lang))
    name = template.format(lang=lang)
    if not spacy.util.is_package(name):
        raise UsageError("S110", lang=lang, package=name)
    return name


def installed_languages(template: str = PACKAGE_TEMPLATE) -> list[str]:
    """The candidate languages whose package is installed (S111 when there is none)."""
    import spacy

    found = [lang for lang in CANDIDATES if spacy.util.is_package(template.format(lang=lang))]
    if not found:
        raise UsageError("S111", pattern=template.format(lang="xx"), languages=", ".join(CANDIDATES))
    return found


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        raise UsageError("S113") from None
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATES))
    return ident


def identify(text: str, installed: Iterable[str]) -> tuple[str, float, bool]:
    """(language, probability, supported): the most likely language when it is installed; when it is not, the
    most likely installed one unless the text is surely in the other language (then supported is False)."""
    installed = tuple(installed)
    ranked = _identifier().rank(text)
    best, prob = ranked[0]
    if best in installed:
        return best, float(prob), True
    sure = prob >= MIN_PROBABILITY and len(_WORD.findall(text)) >= MIN_WORDS
    if sure:
        return best, float(prob), False
    fallback = next(((lang, p) for lang, p in ranked if lang in installed), (installed[0], 0.0))
    return fallback[0], float(fallback[1]), True


class LanguageRouter:
    """A stand-in for a spaCy pipeline that sends each text to the pipeline of its language."""

    def __init__(self, languages: Iterable[str], load: Callable[[str], Any],
                 identify_fn: Callable[[str, Iterable[str]], tuple[str, float, bool]] = identify) -> None:
        self.languages = tuple(languages)
        self._load, self._identify = load, identify_fn
        self._pipelines: dict[str, Any] = {}
        self.routed: Counter = Counter()

    def pipeline(self, lang: str) -> Any:
        if lang not in self._pipelines:
            self._pipelines[lang] = self._load(lang)
        return self._pipelines[lang]

    def language_of(self, text: str) -> str:
        lang, prob, supported = self._identify(text, self.languages)
        if not supported:
            raise UnsupportedLanguage("S112", lang=lang, prob=f"{prob:.2f}",
                                      package=PACKAGE_TEMPLATE.format(lang=lang))
        return lang

    def pipe(self, items: Iterable[Any], *, as_tuples: bool = False, batch_size: int = 64, **kwargs: Any) -> Iterator:
        """Docs in input order; each batch is grouped by language and run through that language's pipeline."""
        batch: list = []
        for item in items:
            batch.append(item if as_tuples else (item, None))
            if len(batch) >= batch_size:
                yield from self._run(batch, as_tuples, batch_size, kwargs)
                batch = []
        if batch:
            yield from self._run(batch, as_tuples, batch_size, kwargs)

    def _run(self, batch: list, as_tuples: bool, batch_size: int, kwargs: dict) -> Iterator:
        langs = [self.language_of(text) for text, _ in batch]
        docs: list = [None] * len(batch)
        for lang in dict.fromkeys(langs):
            where = [i for i, other in enumerate(langs) if other == lang]
            texts = [batch[i][0] for i in where]
            for i, doc in zip(where, self.pipeline(lang).pipe(texts, batch_size=batch_size, **kwargs)):
                docs[i] = doc
            self.routed[lang] += len(where)
        for doc, (_, context) in zip(docs, batch):
            yield (doc, context) if as_tuples else doc


def language_router(template: str = PACKAGE_TEMPLATE) -> LanguageRouter:
    """A router over every installed `xx_medkiln_deid` (S111 when none is); packages load on first use."""
    from .pipeline import load_pipeline

    languages = installed_languages(template)
    log.info("--lang auto: routing among %s", ", ".join(languages))
    return LanguageRouter(languages, lambda lang: load_pipeline(template.format(lang=lang)))


__all__ = ["CANDIDATES", "LanguageRouter", "PACKAGE_TEMPLATE", "UnsupportedLanguage", "identify",
           "installed_languages", "language_router", "package_for"]

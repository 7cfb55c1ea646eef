"""The clinical tokenizer of the deid CNN student: spaCy's English tokenizer, plus a split at a period glued
between two words and at the hyphen of an ordinal range ("11th-12th").

Nursing notes often lose the space after a full stop: "BIGEMINY.DR. PRAXTON TO BEDSIDE.LASIX STARTED",
"seen by md.wife updated". spaCy keeps "BIGEMINY.DR" or "md.wife" as one token (its URL matcher takes any
"word.word" for a host name), so the student never sees the "DR" before a name, or sees the name only inside
an unknown token. Here a period between two runs of 2+ letters is an infix, and the URL matcher keeps only
what looks like a URL or an email address: a scheme, "www.", a common top-level domain or an "@".
Abbreviations with one-letter parts ("p.o.", "b.i.d.", "e.g.") and numbers ("7.5") are untouched.

The changed tokenizer is saved with the pipeline (spaCy serializes its patterns), so a trained or packaged
pipeline needs none of this code to load; the callback only runs when a pipeline is initialized for
training (`[initialize.before_init]` in `domains/deid/train_cnn.cfg`), and the training corpus is tokenized
the same way (`factory.train.spacy_cnn`).
"""

from __future__ import annotations

import re

GLUED_PERIOD = r"(?<=[A-Za-z]{2})\.(?=[A-Za-z]{2})"
# A hyphen between an ordinal day and the next day of a range: "Mar 11th-12th" (spaCy splits a hyphen only
# before a letter, so the two days stayed one token and the range could not be two dates). Since teacher v8.
ORDINAL_RANGE = r"(?<=\d(?:st|nd|rd|th|ST|ND|RD|TH))-(?=\d)"
_TLDS = "com|org|net|edu|gov"
URL_LIKE = re.compile(
    r"(?i)^(?:[a-z][a-z0-9+.-]*://\S+"  # a scheme: http://, https://, ftp://
    r"|www\.\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an email address
    rf"|(?:[a-z0-9-]+\.)+(?:{_TLDS})(?:[/:?#]\S*)?)$"
)


# v2 (the language folders' configs, domains/deid/<lang>/train_cnn.cfg): also a field name glued to its value
# ("NHC:123456", "CP:28001", "E-mail:x@y.es"; not "10:30", not "http://") and a number glued to the word after it
# ("49jährige", "3cm"... three letters or more, so "10A", "5mg" and identifiers stay whole).
GLUED_COLON = r"(?<=[^\W\d_]|\.):(?=[^\W_])"
GLUED_NUMBER = r"(?<=[0-9])(?=[^\W\d_]{3,})"


# v3 (the Turkish and Arabic folders' configs): v2, and
# - a case ending after an apostrophe is split from the name or number it follows ("Ankara'da", "Yılmaz'ın",
#   "2021'de" -> "Ankara" "'" "da"): Turkish writes them so, and the name alone is the PHI value;
# - a full stop after a four-digit year is a suffix, not an ordinal's dot (spaCy's Turkish token_match);
# - a full stop after a number (Arabic-Indic or Western digits: a year, a date, the end of a phone number), or after
#   the Gregorian/Hijri year mark that follows a number ("٢٠٢١." "2015/01/03." "٢٠٢١م." "1442هـ.") is a suffix
#   (spaCy's Arabic tokenizer keeps "٢٠٢١." and "25/05/2011." whole; Turkish ordinals "2." stay whole through
#   its token_match).
APOSTROPHE_ENDING = r"(?<=[^\W_]|\.)['’](?=[^\W\d_]{1,4}(?![\w]))"
NO_ENDING = r"(?!\S*['’][^\W\d_]{1,4}$)(?!\d{4}\.$)"
DIGIT_STOPS = (r"(?<=[٠-٩])\.", r"(?<=[0-9])\.", r"(?<=[0-9٠-٩]م)\.", r"(?<=[0-9٠-٩]هـ)\.")


# v4 (the German folder's config): v2, and a number is its own token wherever German glues it (spaCy's German
# tokenizer keeps ordinals such as "2." whole, so a gold value that ends before such a dot cannot be a token span,
# and the student never learnt it):
# - a hyphen or full stop between a number and a word is an infix: "67-jährige", "71-j." (the age alone is the
#   value), "4.Juli" (three letters or more after the dot; "5.b" and "Th8.5" stay whole);
# - a full stop or a hyphen after a number is a suffix: a date that ends a sentence ("... bis 21.4.2019."), the
#   dot of a day before its month ("3. Nov", "5.12."), an age before "Lebensjahr" ("43. Lj."), the open end of a
#   range ("07/2016- 03/2017").
DIGIT_HYPHEN_WORD = r"(?<=[0-9])-(?=[^\W\d_])"
DIGIT_PERIOD_WORD = r"(?<=[0-9])\.(?=[^\W\d_]{3,})"
DIGIT_END = (r"(?<=[0-9])\.", r"(?<=[0-9])-")


# v5 (the Spanish folder's config): v2, and
# - a full stop after a lone capital letter, or after a letter or ordinal mark that closes a number, is a suffix:
#   Spanish addresses end in a door letter and identifiers in a check letter ("Calle Mayor 3, 2ºB." "4 D."
#   "12345678Z." "3º."); spaCy keeps "2ºB." "D." "12345678Z." whole, so a span ending before the full stop did not
#   align and the student learned streets without their door and DNIs not at all. Not after two capitals or a
#   capital after a dot ("EE.UU.", "S.L.", "DR." stay whole); initials become "J" "." (in training too);
# - a hyphen or slash between a letter prefix and a number of 5+ digits is an infix ("hc-1234567", "NHC/123456": the
#   record number alone is the PHI value; "COVID-19", "Ki-67" stay whole);
# - "s/n." ("sin número", an address without a street number) is "s" "/" "n" ".", as "s/n" is without the full stop
#   (spaCy's Spanish exceptions keep "n." whole).
LONE_CAPITAL_STOP = r"(?<=[A-Z])(?<![A-Za-z.][A-Z])\."
ORDINAL_STOP = r"(?<=[0-9][ºª])\."
ID_PREFIX = r"(?<=[A-Za-z]{2})[-/](?=[0-9]{5})"
SIN_NUMERO = ("s/n.", "S/N.")


def clinical_tokenizer(nlp, extra: tuple[str, ...] = (), suffixes: tuple[str, ...] = (),
                       specials: tuple[str, ...] = ()) -> None:
    """Make `nlp`'s tokenizer split glued sentences, and the `extra` infixes and `suffixes` (in place); each of
    `specials` (a word with a "/" and a final full stop) is split at both."""
    from spacy.util import compile_infix_regex, compile_suffix_regex

    infixes = list(nlp.Defaults.infixes or ())
    for infix in (GLUED_PERIOD, ORDINAL_RANGE, *extra):
        if infix not in infixes:
            infixes.append(infix)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.url_match = URL_LIKE.match
    if suffixes:
        nlp.tokenizer.suffix_search = compile_suffix_regex(list(suffixes) + list(nlp.Defaults.suffixes or ())).search
    token_match = nlp.tokenizer.token_match
    if APOSTROPHE_ENDING in extra and token_match is not None and hasattr(token_match, "__self__"):
        # spaCy's Turkish token_match keeps "2021'de" and "2006." whole on purpose (an ending, an ordinal): not
        # when a case ending follows, nor a full stop after a four-digit year (the end of a sentence)
        pattern = token_match.__self__
        nlp.tokenizer.token_match = re.compile(f"{NO_ENDING}(?:{pattern.pattern})", pattern.flags).match
    for word in specials:
        head, tail = word[:-1].split("/", 1)
        nlp.tokenizer.add_special_case(word, [{"ORTH": head}, {"ORTH": "/"}, {"ORTH": tail}, {"ORTH": "."}])


def _before_init(nlp):
    clinical_tokenizer(nlp)
    return nlp


def _before_init_v2(nlp):
    clinical_tokenizer(nlp, (GLUED_COLON, GLUED_NUMBER))
    return nlp


def _before_init_v3(nlp):
    clinical_tokenizer(nlp, (GLUED_COLON, GLUED_NUMBER, APOSTROPHE_ENDING), DIGIT_STOPS)
    return nlp


def _before_init_v4(nlp):
    clinical_tokenizer(nlp, (GLUED_COLON, GLUED_NUMBER, DIGIT_HYPHEN_WORD, DIGIT_PERIOD_WORD), DIGIT_END)
    return nlp


def _before_init_v5(nlp):
    clinical_tokenizer(nlp, (GLUED_COLON, GLUED_NUMBER, ID_PREFIX), (LONE_CAPITAL_STOP, ORDINAL_STOP), SIN_NUMERO)
    return nlp


def register() -> None:
    """Register the `medkiln.clinical_tokenizer.v1` to `.v5` callbacks with spaCy (registering again replaces
    them)."""
    from spacy import registry

    registry.callbacks.register("medkiln.clinical_tokenizer.v1", func=lambda: _before_init)
    registry.callbacks.register("medkiln.clinical_tokenizer.v2", func=lambda: _before_init_v2)
    registry.callbacks.register("medkiln.clinical_tokenizer.v3", func=lambda: _before_init_v3)
    registry.callbacks.register("medkiln.clinical_tokenizer.v4", func=lambda: _before_init_v4)
    registry.callbacks.register("medkiln.clinical_tokenizer.v5", func=lambda: _before_init_v5)

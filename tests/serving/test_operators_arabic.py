"""A right-to-left Arabic record with Arabic-Indic digits through every operator (redact, mask, hash, surrogate, and
the date shift beside each): the output's spans are where the walk over the input says, the text between them is
untouched, no PHI value survives, and dates keep their digit script."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from medkiln.domains.deid.langkit import Note
from medkiln.serving.keys import resolve_key
from medkiln.serving.operators import Policy, anonymize, get_operator, shift_days
from medkiln.serving.operators.base import ascii_digits
from medkiln.serving.operators.dates import parse_date
from medkiln.serving.operators.surrogate import surrogate_age

KEY = resolve_key(7, None)
GROUP = "ar-record-1"
RLM = "\u200f"  # the right-to-left mark that copied Arabic text carries around numbers


def _record() -> tuple[str, list[tuple[int, int, str]]]:
    """An invented Arabic medical report: Arabic-Indic digits, a Western IBAN and email, Latin abbreviations inside
    Arabic sentences (bidirectional text), a right-to-left mark, the Arabic comma."""
    note = Note()
    note.add("تقرير طبي\nاسم المريض: ").phi("نورة بنت سالم الدوسري", "PATIENT").add("\nرقم الهوية: ")
    note.phi("١٢٣٤٥٦٧٨٩٧", "IDNUM").add("   رقم الملف: ").phi("٤٥٦٧٨٩", "MEDICALRECORD")
    note.add("\nالعمر: ").phi("٦٥ سنة", "AGE").add("   تاريخ الدخول: ").phi("٠٣/٠٣/٢٠٢١", "DATE")
    note.add("   تاريخ الخروج: ").phi("١٠/٠٣/٢٠٢١", "DATE")
    note.add("\nالعنوان: ").phi("شارع الملك فهد، حي النزهة", "STREET").add("، ").phi("الرياض", "CITY")
    note.add("\nالجوال: " + RLM).phi("٠٥٠ ١٢٣ ٤٥٦٧", "PHONE").add(RLM + "\n")
    note.add("المريضة معروفة بداء السكري (DM) وارتفاع ضغط الدم، HbA1c ٧٫٢٪. ")
    note.add("تمت متابعتها في ").phi("مستشفى الرياض العام", "HOSPITAL").add(" مع ").add("د. ")
    note.phi("خالد العتيبي", "DOCTOR").add(".\nالبريد: ").phi("dr.khalid@example.com", "EMAIL")
    note.add("\nالحساب: ").phi("SA44 2000 0001 2345 6789 1234", "ACCOUNT").add("\n")
    return note.text, [tuple(s) for s in note.spans]


def _walk(text: str, spans, out: str) -> list[tuple[int, int]]:
    """Where each span's replacement lies in `out`, from the untouched text between spans; asserts that text is
    unchanged and in order."""
    pos_in, pos_out, placed = 0, 0, []
    ordered = sorted(spans)
    for i, (start, end, _) in enumerate(ordered):
        between = text[pos_in:start]
        assert out[pos_out:pos_out + len(between)] == between
        pos_out += len(between)
        following = text[end:ordered[i + 1][0]] if i + 1 < len(ordered) else text[end:]
        stop = out.index(following, pos_out) if following else len(out)
        placed.append((pos_out, stop))
        pos_in, pos_out = end, stop
    assert out[pos_out:] == text[pos_in:]
    return placed


def _leaks(text: str, spans, out: str) -> list[str]:
    """PHI values (or their digits, in any script) found in the output."""
    leaked = []
    western_out = ascii_digits(out)
    for start, end, label in spans:
        value = text[start:end]
        if value in out:
            leaked.append(label)
        number = re.sub(r"\D", "", ascii_digits(value))
        if len(number) >= 4 and label != "DATE" and number in re.sub(r"\D", "", western_out):
            leaked.append(label + "-digits")
    return leaked


@pytest.mark.parametrize("operator", ["redact", "mask", "hash", "surrogate"])
@pytest.mark.parametrize("date_shift", [False, True])
def test_arabic_record_through_every_operator(operator, date_shift):
    text, spans = _record()
    op = get_operator(operator)
    result = anonymize(text, spans, Policy(op, KEY, date_shift=date_shift), group=GROUP)
    out = result.text
    assert [(a.start, a.end, a.label) for a in result.actions] == sorted(spans)  # input offsets, as given
    placed = _walk(text, spans, out)
    for (start, end, label), (o_start, o_end) in zip(sorted(spans), placed):
        replacement = out[o_start:o_end]
        if date_shift and label == "DATE":
            assert parse_date(replacement) is not None and re.fullmatch(r"[٠-٩]{2}/[٠-٩]{2}/[٠-٩]{4}", replacement)
        else:
            assert replacement == op(text[start:end], label, group=GROUP, key=KEY)  # same as the operator alone
    assert not _leaks(text, spans, out), _leaks(text, spans, out)
    assert RLM in out and out.count("\n") == text.count("\n")
    if operator == "mask":
        assert len(out) == len(text)


def test_date_shift_keeps_arabic_indic_digits_and_the_interval():
    text, spans = _record()
    result = anonymize(text, spans, Policy(get_operator("redact"), KEY, date_shift=True), group=GROUP)
    dates = [result.text[a:b] for (_, _, label), (a, b) in zip(sorted(spans), _walk(text, spans, result.text))
             if label == "DATE"]
    assert len(dates) == 2
    first, second = (parse_date(d).date for d in dates)
    was_first, was_second = (parse_date(text[s:e]).date for s, e, label in spans if label == "DATE")
    assert (second - first) == (was_second - was_first)  # the group's one offset keeps the interval
    assert first - was_first == dt.timedelta(days=shift_days(KEY, GROUP))


def test_surrogates_keep_the_digit_script():
    surrogate = get_operator("surrogate")
    phone = surrogate("٠٥٠ ١٢٣ ٤٥٦٧", "PHONE", group=GROUP, key=KEY)
    assert re.fullmatch(r"[٠-٩]{3} [٠-٩]{3} [٠-٩]{4}", phone) and phone != "٠٥٠ ١٢٣ ٤٥٦٧"
    age = surrogate_age("٦٥ سنة", "AGE", GROUP, KEY)
    assert re.fullmatch(r"[٠-٩]+ سنة", age) and age != "٦٥ سنة"
    # the same number in either digit script is the same value: the same hash tag
    hash_op = get_operator("hash")
    assert hash_op("١٢٣٤٥٦٧٨٩٧", "IDNUM", key=KEY) == hash_op("1234567897", "IDNUM", key=KEY)


def test_arabic_record_read_through_the_text_view_keeps_offsets():
    """The model reads the record without its invisible bidirectional marks (serving/textview); the entities it
    finds come back in the record's own offsets, marks included, and go through the operators from there."""
    import spacy

    from medkiln.serving.textview import analyze

    text, spans = _record()
    name_start, name_end, _ = spans[0]
    text = text[:name_start + 4] + RLM + text[name_start + 4:]  # a mark inside the name: "نورة\u200f بنت ..."
    spans = [(s, e + 1, label) if s == name_start else (s + 1, e + 1, label) if s > name_start else (s, e, label)
             for s, e, label in spans]
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": label, "pattern": text[s:e].replace(RLM, "")} for s, e, label in spans])
    (analysis,) = analyze(nlp, [text])
    assert sorted(analysis.ents) == sorted(spans)
    result = anonymize(text, analysis.ents, Policy(get_operator("surrogate"), KEY, date_shift=True), group=GROUP)
    _walk(text, spans, result.text)
    assert not _leaks(text, spans, result.text)

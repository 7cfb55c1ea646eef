"""Surface-form grammars (deid teacher v7): the engine, the English language folder, every declared family
produced and aligned to tokens, the data card's family shares, and the rule patterns finding the pattern-type
families (phones, dates, identifiers) but not vital signs, doses, lab values or times."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
import spacy

from medkiln.core.errors import MedkilnError
from medkiln.domains.deid.synth import card, generate_notes
from medkiln.domains.deid.synth.builder import NoteBuilder
from medkiln.domains.deid.synth.grammar import language, parse_grammar, render
from medkiln.domains.deid.synth.places import VALUE_MAKERS

EN = language("en")
TYPES = EN.grammar_types()


@pytest.fixture(scope="module")
def notes() -> list[dict]:
    return list(generate_notes(2000, seed=21))


@pytest.fixture(scope="module")
def nlp():
    from medkiln.factory.train.tokenizer import clinical_tokenizer

    nlp = spacy.blank("en")
    clinical_tokenizer(nlp)
    return nlp


def test_the_english_folder_declares_a_grammar_for_every_phi_kind():
    assert {"phone", "date", "name", "surname", "id", "age", "city", "locother", "hospital", "organization",
            "street", "state", "zip"} <= set(TYPES)
    for t in TYPES:
        g = EN.grammar(t)
        assert g.families and all(f.weight > 0 and f.forms for f in g.families.values()), t
        assert t in VALUE_MAKERS, t  # the synthesizer knows how to fill it


def test_every_declared_family_and_dimension_is_produced_in_2000_notes(notes):
    forms = card(notes)["forms"]
    for t in TYPES:
        g = EN.grammar(t)
        missing = [f for f in g.families if forms.get(t, {}).get(f, 0) == 0]
        assert missing == [], (t, missing)
        for dim, values in g.dimensions.items():
            drawn = forms.get(f"{t}.{dim}", {})
            assert [v for v in values if not drawn.get(v)] == [], (t, dim)


def test_card_reports_family_shares_per_type(notes):
    c = card(notes)
    assert c["generator"] == "medkiln.deid.offline.v9"
    for kind, shares in c["forms"].items():
        assert abs(sum(shares.values()) - 1.0) < 0.01, kind
    # the shares follow the weights: a phone is written with dashes more often than with slashes
    assert c["forms"]["phone"]["dashed"] > c["forms"]["phone"]["slashed"]
    assert 0.1 < c["forms"]["name.case"]["lower"] < 0.35


def test_factory_data_card_carries_the_family_shares(notes):
    from medkiln.factory.synth.card import card_markdown, data_card

    dc = data_card(notes[:300], teacher="offline")
    assert dc["forms"]["date"] and abs(sum(dc["forms"]["date"].values()) - 1) < 0.01
    assert "## Surface forms" in card_markdown(dc)
    assert "forms" not in data_card([{"text": "x", "spans": []}])


@pytest.mark.parametrize("type_", TYPES)
def test_every_family_renders_spans_on_token_boundaries_in_every_casing(nlp, type_):
    g, rng = EN.grammar(type_), random.Random(type_)
    for family in g.families:
        for i in range(12):
            b = NoteBuilder()
            b.text(rng.choice(("seen ", "Note: ", "(", "pt ")))
            r = render(g, rng, VALUE_MAKERS[type_](rng), family=family)
            b.segments(r.segs)
            b.text(rng.choice((" today.", ", ", ".\n", "")))
            for style in ("normal", "upper", "lower"):
                text, spans = b.build(style)
                assert spans, (type_, family)
                doc = nlp.make_doc(text)
                for s, e, _ in spans:
                    assert doc.char_span(s, e, alignment_mode="strict") is not None, (type_, family, text[s:e])


def test_lists_ranges_and_kinship_contexts_write_several_spans():
    rng = random.Random(4)
    date, name = EN.grammar("date"), EN.grammar("name")
    lst = render(date, rng, VALUE_MAKERS["date"](rng), family="list_md")
    assert sum(1 for _, label, _ in lst.segs if label) >= 2
    rng_ = render(date, rng, VALUE_MAKERS["date"](rng), family="range_md")
    assert [label for _, label, _ in rng_.segs if label] == ["DATE", "DATE"]
    kids = render(name, rng, VALUE_MAKERS["name"](rng), family="kin_list_three")
    assert [label for _, label, _ in kids.segs if label] == ["PATIENT"] * 3
    assert kids.segs[0][1] is None  # the kinship word is context, never a name


def test_glued_forms_write_no_space_before_the_value():
    b = NoteBuilder()
    b.text("call ")
    b.segments(render(EN.grammar("phone"), random.Random(0), {"area": "617", "exch": "555", "line": "0100"},
                      family="glued_symbol").segs)
    text, spans = b.build()
    assert re.fullmatch(r"call (?:#|\()\(?617[-.)]", text[:10]) and len(spans) == 1


# ---- the engine ------------------------------------------------------------------------------------------
def _grammar(families: dict, **extra) -> dict:
    return {"type": "t", "label": "DATE", "families": families, **extra}


def _lexicon(name: str):
    return ("a", "b")


@pytest.mark.parametrize("data,where", [
    ({"type": "t", "label": "DATE"}, "families"),
    (_grammar({}), "families"),
    (_grammar({"f": {"forms": []}}), "families.f"),
    (_grammar({"f": {"forms": ["[[x"]}}), "families.f.forms[0]"),
    (_grammar({"f": {"forms": ["x]] y"]}}), "families.f.forms[0]"),
    (_grammar({"f": {"forms": ["x"], "weight": 0}}), "families.f.weight"),
    (_grammar({"f": {"forms": ["x"]}}, uses={"u": ["g"]}), "uses.u"),
    (_grammar({"f": {"forms": ["x"]}}, dimensions={"case": {"shouting": 1}}), "dimensions.case"),
    (_grammar({"f": {"forms": ["x"]}}, choices={"c": []}), "choices.c"),
])
def test_bad_grammar_is_a_coded_error_naming_the_field(data, where):
    with pytest.raises(MedkilnError) as e:
        parse_grammar(data, "g.json", _lexicon)
    assert e.value.code == "E451" and where in e.value.message and "g.json" in e.value.message


def test_render_fills_keys_choices_digits_and_marks():
    g = parse_grammar(_grammar({"f": {"forms": ["{w} [[{k}-%%^]] x"]}}, choices={"w": "@words"},
                               dimensions={"case": {"lower": 1}}), "g.json", _lexicon)
    r = render(g, random.Random(1), {"k": "AB"})
    (w, none1, _), (phi, label, glued), (tail, none2, _) = r.segs
    assert w in ("a ", "b ") and none1 is None and none2 is None and tail == " x"
    assert re.fullmatch(r"ab-\d\d[a-z]", phi) and label == "DATE" and not glued
    assert r.family == "f" and r.tags() == ["t:f", "t.case:lower"]
    with pytest.raises(MedkilnError, match="neither the caller"):
        render(g, random.Random(1), {})
    assert render(g, random.Random(1), {"k": "5%^"}).segs[1][0].startswith("5%^-")  # values are written as given


def test_unknown_language_and_use_are_coded_errors():
    with pytest.raises(MedkilnError) as e:
        language("xx")
    assert e.value.code == "E452" and "en" in e.value.message
    with pytest.raises(MedkilnError) as e:
        EN.grammar("phone").family_names("nonsense")
    assert e.value.code == "E451"


def test_a_language_folder_is_only_data(tmp_path):
    """A new language is a folder: a grammar file and a lexicon file, read by the same engine."""
    from medkiln.domains.deid.synth.grammar import Language

    (tmp_path / "grammars").mkdir()
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "titel.txt").write_text("Herr\nFrau\n", encoding="utf-8")
    (tmp_path / "grammars" / "name.json").write_text(
        '{"type": "name", "label": "PATIENT", "choices": {"t": "@titel"},'
        ' "families": {"titel_name": {"forms": ["{t} [[{Last}]]"]}}}', encoding="utf-8")
    lang = Language(tmp_path)
    r = render(lang.grammar("name"), random.Random(0), {"Last": "Weber"})
    assert r.segs[0][0] in ("Herr ", "Frau ") and r.segs[1][:2] == ("Weber", "PATIENT")


# ---- the rule patterns find the pattern-type families -------------------------------------------------
@pytest.fixture(scope="module")
def rules():
    from medkiln.domains.deid.patterns import PATTERNS
    from medkiln.serving.medkiln_rules import PhiRules

    component = PhiRules()
    component.add_patterns(PATTERNS)
    return component


_LEAD = {"phone": "call ", "date": "seen on ", "id": ""}
_SAME = {"FAX": "PHONE"}


def _rule_cases():
    for type_ in ("phone", "date", "id"):
        g = EN.grammar(type_)
        for family in g.families.values():
            if family.rules:
                yield type_, family.name


@pytest.mark.parametrize("type_,family", list(_rule_cases()))
def test_patterns_find_the_pattern_type_families(rules, type_, family):
    g, rng = EN.grammar(type_), random.Random(family)
    uses = {f: use for use, fams in g.uses.items() for f in fams} if type_ == "id" else {}
    for _ in range(40):
        label = uses.get(family)
        r = render(g, rng, VALUE_MAKERS[type_](rng), family=family, label=label)
        if r.dims.get("case") == "lower" and any(ch.isalpha() for t, lab, _ in r.segs if lab for ch in t):
            continue  # lower-case "may 3", "mar 4", "dec 12": English words first; the rules leave them to the NER
        b = NoteBuilder()
        b.text(_LEAD[type_])
        b.segments(r.segs)
        b.text(" for f/u.")
        text, spans = b.build()
        found = rules.find(text)
        if re.search(r"\d/10\b", text):
            continue  # "n/10" is a pain scale to the rules unless a date word announces it (date.md_slash_10)
        for s, e, lab in spans:
            digits = {i for i in range(s, e) if text[i].isdigit()}
            hit = set()
            for fs, fe, flab, _ in found:
                if _SAME.get(flab, flab) == _SAME.get(lab, lab):
                    hit.update(range(fs, fe))
            assert digits <= hit, (family, text[s:e], [(text[a:z], fl) for a, z, fl, _ in found])


# The synthesizer's non-PHI fillers: vital signs, doses, lab values, vent settings, hemodynamics, times, rates,
# counts and scales. (Bare common fractions such as "1/2" or "3/4" standing alone are left out: they are dates
# as often as fractions, and only their context tells; the student reads it.)
_NOT_PHI = ("vitals", "labs", "hemo", "abg", "vent", "med", "io", "ventset", "hemod", "gas", "uorange", "trange",
            "driprate", "time", "pain", "weight", "rate", "ett", "o2", "fluid", "ratio")


@pytest.mark.parametrize("kind", _NOT_PHI)
def test_vital_signs_doses_lab_values_and_times_are_not_found_as_phones_or_dates(rules, kind):
    from medkiln.domains.deid.synth.clinical import filler

    rng, hits = random.Random(kind), Counter()
    for _ in range(300):
        text = filler(rng, kind)
        for s, e, label, _ in rules.find(text):
            if label in ("PHONE", "FAX", "DATE"):
                hits[(label, text[s:e])] += 1
    assert not hits, hits.most_common(5)


@pytest.mark.parametrize("text", [
    "BP 120/80 HR 88 RR 18", "lasix 40 mg IV x1 at 1400", "K 4.2 Na 138 Cr 1.1 BUN 22", "I/O +1200/-800",
    "PEEP 5 FiO2 40% TV 500", "2:30-3:15pm", "0300-0500", "heparin 1200 u/hr", "wt 82.5 kg, ht 175 cm",
    "levo 0.08 mcg/kg/min", "INR 2.3 PTT 45.2", "plt 145 wbc 11.2", "u/o 30-60cc/hr", "7.38/41/92",
    "dose 12.5 mg q6h", "temp 101.2 at 2200", "glucose 180-220", "ET tube 7.5 @ 23 cm", "3/5 strength",
    "2/3 sets pending", "3/4 pulses", "rass -2/-1", "VCV 9/4", "A/C 10/5", "+2500 -800 balance", "I/O +2500 1200 900",
    "extubated 5-1000 cc out", "x2-3 days, call if worse", "ext rotation 3-4000 ms", "on for 3/4 hours today",
    "drinks 1/2 gallons a day",
])
def test_measurements_are_not_phones_or_dates(rules, text):
    assert [(text[s:e], lab) for s, e, lab, _ in rules.find(text) if lab in ("PHONE", "FAX", "DATE")] == []


@pytest.mark.parametrize("text,number", [("call RN x5-2716 with questions", "5-2716"),
                                         ("daughter at work, ext 7-4410", "7-4410"), ("phone x52716", "52716")])
def test_in_house_extensions_with_a_dash_are_phones(rules, text, number):
    """Hospital extensions dialled inside the building: a digit, a dash and four digits after 'x' or 'ext'."""
    assert (number, "PHONE") in [(text[s:e], lab) for s, e, lab, _ in rules.find(text)]


def test_the_phone_grammar_writes_in_house_extensions_and_seven_digits_without_separator():
    g, rng = EN.grammar("phone"), random.Random(7)
    seen = set()
    for _ in range(400):
        for family in ("extension_only", "house_extension", "local_seven"):
            r = render(g, rng, VALUE_MAKERS["phone"](rng), family=family)
            value = "".join(t for t, lab, _ in r.segs if lab)
            seen.add(re.sub(r"\d", "9", value))
    assert {"x9-9999", "9-9999", "99-9999", "9999999"} <= seen


def test_the_us_town_list_is_the_postal_gazetteer_rebuilt_and_the_city_grammar_draws_from_it():
    """v9: every town, village and neighbourhood name of the national ZIP code list, as committed, and the
    `us_town` family writes them (as written, lower or upper case)."""
    pytest.importorskip("zipcodes")
    from medkiln.domains.deid import us_towns

    committed = [line for line in us_towns.FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert committed == us_towns.build()
    assert len(committed) > 20_000 and not [n for n in committed if re.search(r"\d|\bTwp\b|\bCollege\b", n)]
    towns = {n.lower() for n in committed}
    g, rng = EN.grammar("city"), random.Random(3)
    for _ in range(50):
        r = render(g, rng, VALUE_MAKERS["city"](rng), family="us_town")
        assert ["".join(t for t, lab, _ in r.segs if lab).lower()] == [r.text.lower()]
        assert r.text.lower() in towns


def test_a_ward_number_stays_outside_the_hospital_span():
    """v9: 'Brandt 7' marks the ward's name; the floor or ward number after it is plain text ('Brandt-7' is one
    token and stays whole)."""
    g, rng = EN.grammar("hospital"), random.Random(5)
    spaced = 0
    for _ in range(60):
        r = render(g, rng, VALUE_MAKERS["hospital"](rng), family="ward_number")
        marked = "".join(t for t, lab, _ in r.segs if lab)
        assert marked and re.search(r"\d$", r.text)
        if " " in r.text.strip():
            spaced += 1
            assert not re.search(r"\d", marked)
        else:
            assert marked == r.text
    assert spaced > 30


def test_icu_lines_date_the_verbs_of_weaning_and_removal_and_set_ventilators_in_steps(notes):
    """v9: a system line of a note with PHI can carry a dated event ('<drip> weaned off <date>', 'extubated
    <date>', a DATE span right after the verb); pressure support over PEEP is drawn as ventilators are set."""
    from medkiln.domains.deid.synth import icu

    verbs = re.compile(r"(?:weaned off|off since|extubated|d/c'd|removed|started) $", re.I)
    dated = 0
    for r in notes:
        for s, e, lab in r["spans"]:
            if lab == "DATE" and verbs.search(r["text"][max(0, s - 14):s]):
                dated += 1
    assert dated >= 20
    rng = random.Random(11)
    pairs = Counter(m.group(1) for _ in range(3000)
                    for m in [re.match(r"(?:weaned to|wean to|trial of|tolerating|weaning to|trial on|PS|ps|CPAP\+PS) "
                                       r"(\d+/\d+)$", icu.vent_setting(rng))] if m)
    usual = {f"{ps}/{peep}" for ps in (5, 8, 10, 12, 14, 15, 16, 18, 20, 25) for peep in (0, 5, 8, 10, 12, 14, 15)}
    assert sum(pairs.values()) > 100
    assert sum(n for pair, n in pairs.items() if pair in usual) / sum(pairs.values()) > 0.75

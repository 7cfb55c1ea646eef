"""The rules' region names: a city or other place the student marked whose whole text is a state or a country takes
that label (redaction unchanged; HIPAA's Safe Harbor does not count states and countries among identifiers), a
person's name that is also a state's stays a name, and the names travel with the component."""

from __future__ import annotations

from medkiln.domains import get_domain
from medkiln.factory.train.assemble import rules_labels
from medkiln.serving.medkiln_rules import PhiRules
from rule_tables import run_marked

ENGLISH = get_domain("deid").region_names()


def _rules(**regions) -> PhiRules:
    rules = PhiRules()
    rules.set_labels(rules_labels(get_domain("deid")))
    rules.set_region_names(**regions)
    return rules


_run = run_marked


def test_a_city_that_is_a_state_or_a_country_takes_its_label_and_a_name_stays_a_name():
    rules = _rules(**ENGLISH)
    text = "Georgia's son drove up from OHIO, she was born in Canada and lives in Fallowby now."
    marked = [("Georgia", "PATIENT"), ("OHIO", "CITY"), ("Canada", "LOCATION_OTHER"), ("Fallowby", "CITY")]
    assert _run(rules, text, marked) == [("Georgia", "PATIENT"), ("OHIO", "STATE"), ("Canada", "COUNTRY"),
                                         ("Fallowby", "CITY")]
    assert _run(rules, "moved to new  mexico", [("new  mexico", "CITY")]) == [("new  mexico", "STATE")]
    assert _run(_rules(), "drove up from Ohio", [("Ohio", "CITY")]) == [("Ohio", "CITY")]   # no names: no change


def test_the_region_names_travel_with_the_component(tmp_path):
    rules = _rules(names={"STATE": ["Ohio"], "COUNTRY": ["Canada"]}, relabel=["CITY"])
    rules.to_disk(tmp_path / "rules")
    for loaded in (PhiRules().from_disk(tmp_path / "rules"), PhiRules().from_bytes(rules.to_bytes())):
        assert _run(loaded, "from Ohio and Canada", [("Ohio", "CITY"), ("Canada", "CITY")]) == \
            [("Ohio", "STATE"), ("Canada", "COUNTRY")]
        assert _run(loaded, "from Canada", [("Canada", "LOCATION_OTHER")]) == [("Canada", "LOCATION_OTHER")]


def test_the_english_regions_are_the_folders_states_and_countries_without_its_cities():
    states, countries = set(ENGLISH["names"]["STATE"]), set(ENGLISH["names"]["COUNTRY"])
    assert {"Ohio", "Maryland", "Texas"} <= states and {"Canada", "Mexico"} <= countries
    assert not (states | countries) & {"Worcester", "Lowell", "Springfield"}
    assert ENGLISH["relabel"] == ["CITY", "LOCATION_OTHER"]

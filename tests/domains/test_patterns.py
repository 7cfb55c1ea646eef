"""The de-identification PHI pattern table: every pattern has a positive case (with its exact span) and a
negative case; the table is well-formed; the resolved output leaves measurements and scales alone.

All strings are synthetic and PHI-free (invented numbers, documentation ranges such as 555-01xx).
"""

from __future__ import annotations

import pytest
from rule_tables import assert_cases_cover, assert_finds, assert_misses, compiled

from medkiln.domains.deid.labels import LABELS
from medkiln.domains.deid.patterns import PATTERNS
from medkiln.serving.medkiln_rules import VALIDATORS, PhiRules

# (pattern name, text, the exact PHI substring the pattern yields; its first occurrence in text)
POSITIVE = [
    ("ssn.dashed", "SSN 123-45-6789 on file", "123-45-6789"),
    ("ssn.dashed", "id 078-05-1120.", "078-05-1120"),
    ("ssn.context", "social security 123456789", "123456789"),
    ("ssn.context", "SSN: 123 45 6789", "123 45 6789"),
    ("phone.nanp", "call (410) 555-0134 x1234 today", "(410) 555-0134 x1234"),
    ("phone.nanp", "cell +1 617.555.0100", "+1 617.555.0100"),
    ("phone.nanp", "home 617 555 0100 ext. 12", "617 555 0100 ext. 12"),
    ("phone.nanp", "DAUGHTER---617 555-0100", "617 555-0100"),
    ("phone.nanp", "dtr Ann Lo- 617- 555- 0100.", "617- 555- 0100"),
    ("phone.nanp_unvalidated", "son 812-155-0134", "812-155-0134"),
    ("phone.local", "call 555-0134 tonight", "555-0134"),
    ("phone.nanp", "tel 617/555-0100", "617/555-0100"),  # v7: a slash after the area code
    ("phone.no_separator", "cell 6175550100", "6175550100"),
    ("phone.no_separator", "call 16175550100 after 5", "16175550100"),
    ("phone.international", "son in London +44 20 7946 0958", "+44 20 7946 0958"),
    ("phone.international", "dtr 011 33 1 42 68 53 00", "011 33 1 42 68 53 00"),
    ("phone.extension", "office ext. 4432", "4432"),
    ("phone.extension", "EXTENSION 4432", "4432"),
    ("phone.x_extension", "call x4432 with results", "4432"),
    ("phone.pager", "pgr 3312", "3312"),
    ("phone.pager", "Pager: #44123", "44123"),
    ("phone.pager", "BEEPER 2210", "2210"),
    ("phone.pager", "PG 51234", "51234"),
    ("phone.pager", "pager 4-1234", "4-1234"),  # v7: a hospital's 5-digit pagers, a dash after the first digit
    ("phone.pager", "p#41234", "41234"),
    ("fax.nanp", "fax 617-555-0100", "617-555-0100"),
    ("fax.nanp", "Fax #: (617) 555-0100", "(617) 555-0100"),
    ("email", "mail j.smith@example.org today", "j.smith@example.org"),
    ("url.scheme", "see https://portal.example.org/pt/123.", "https://portal.example.org/pt/123"),
    ("url.scheme", "WWW.EXAMPLE.ORG", "WWW.EXAMPLE.ORG"),
    ("url.domain", "visit mychart.example.com/login now", "mychart.example.com/login"),
    ("ip.v4", "host 10.2.33.4 down", "10.2.33.4"),
    ("ip.v6", "from 2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329"),
    ("ip.v6", "fe80::1", "fe80::1"),
    ("mrn.context", "MRN: 0012345", "0012345"),
    ("mrn.context", "med rec # 4459201", "4459201"),
    ("mrn.context", "unit no. A-884120", "A-884120"),
    ("mrn.context", "mr# 88812345", "88812345"),
    ("account.context", "acct # 55120091", "55120091"),
    ("account.context", "ACCOUNT NUMBER: 5512-0091", "5512-0091"),
    ("healthplan.context", "member id XJ99812345", "XJ99812345"),
    ("healthplan.context", "Medicare 1EG4TE5MK73", "1EG4TE5MK73"),
    ("npi.context", "NPI 1234567893", "1234567893"),
    ("dea.number", "DEA AB1234563", "AB1234563"),
    ("credit_card", "card 4111 1111 1111 1111", "4111 1111 1111 1111"),
    ("credit_card", "paid 5500-0000-0000-0004", "5500-0000-0000-0004"),
    ("vin", "VIN 1M8GDM9AXKP042788", "1M8GDM9AXKP042788"),
    ("vin", "vin 1m8gdm9axkp042788", "1m8gdm9axkp042788"),
    ("date.month_day_year", "seen January 3, 2021.", "January 3, 2021"),
    ("date.month_day_year", "SEEN JAN 3RD 2021", "JAN 3RD 2021"),
    ("date.month_day_year", "Nov. 30 '99", "Nov. 30 '99"),
    ("date.day_month_year", "on 3 Jan 2021 at", "3 Jan 2021"),
    ("date.day_month_year", "the 3rd of january, 2021", "3rd of january, 2021"),
    ("date.day_month_year", "12-DEC-2020", "12-DEC-2020"),
    ("date.day_month_year", "Progress Note / 14 Mar, 91 0700", "14 Mar, 91"),
    ("date.day_range_month", "night of 3->4 Dec, 97 / 1900", "3->4 Dec, 97"),
    ("date.day_range_month", "seen 12-14 Jan", "12-14 Jan"),
    ("date.month_day", "seen Jan 3rd", "Jan 3rd"),
    ("date.month_day_range", "cath done Jan 5-7 w/o", "Jan 5-7"),
    ("date.month_day_range", "away March 3 to 10, 2019.", "March 3 to 10, 2019"),
    ("date.day_month", "cath done the 5th of january w/o", "5th of january"),
    ("date.day_month", "echo 12 Sep: ef 35%", "12 Sep"),
    ("date.day_month", "seen 5Jan", "5Jan"),
    ("date.day_month_glued", "label 12SEP19 lot", "12SEP19"),
    ("date.day_month_glued", "exp 05Mar2019.", "05Mar2019"),
    ("date.month_day", "since MAY 12", "MAY 12"),
    ("date.month_day", "Dec 31", "Dec 31"),
    ("date.month_year", "since Jan 2021", "Jan 2021"),
    ("date.month_year", "cath Nov '99", "Nov '99"),
    ("date.month_year", "CABG APRIL 98", "APRIL 98"),
    ("date.month_year", "note / nov, 97 / 0700", "nov, 97"),
    ("date.month_name", "seen in June by", "June"),
    ("date.month_name", "since MARCH", "MARCH"),
    ("date.month_name", "moved there in sept. and", "sept"),
    ("date.month_name", "since Aug", "Aug"),
    ("date.ordinal_day", "discharged on the 5th.", "5th"),
    ("date.mdy_slash", "admitted 3/14/2021", "3/14/2021"),
    ("date.mdy_slash", "dob 12/31/49", "12/31/49"),
    ("date.my_slash", "s/p AVR 3/98", "3/98"),
    ("date.my_slash", "echo 11/2004 normal", "11/2004"),
    ("date.mdy_dash", "seen 12-31-2020", "12-31-2020"),
    ("date.dmy_dot", "am 31.12.2021", "31.12.2021"),
    ("date.iso", "on 2021-03-04.", "2021-03-04"),
    ("date.md_slash", "seen 7/22 in clinic", "7/22"),
    ("date.md_slash", "until 12/31", "12/31"),
    ("date.md_slash", "UO-6/14 lasix given", "6/14"),
    ("date.md_slash_10", "seen on 7/10 in clinic", "7/10"),
    ("date.md_slash_10", "abx since 3/10.", "3/10"),
    ("date.md_range_end", "abx 7/3 - 7/10. afebrile", "7/10"),
    ("date.md_range_end", "cultures 5/17-5/18 neg", "5/18"),
    ("date.md_dash", "seen on 3-4 by", "3-4"),
    ("year.preposition", "dx in 2004", "2004"),
    ("year.preposition", "SINCE 1999.", "1999"),
    ("year.history", "s/p MI 1992", "1992"),
    ("year.history", "hx of CVA 2001", "2001"),
    ("year.paren", "CABG (1998)", "1998"),
    ("year.paren", "CABG ('95)", "'95"),
    ("year.two_digit_history", "PMH CABG 99, HTN", "99"),
    ("year.apostrophe", "CABG '95", "'95"),
    ("year.apostrophe", "prostate CA'99", "'99"),
    ("age.over_89", "93 yo male", "93"),
    ("age.over_89", "A 95-YEAR-OLD WOMAN", "95"),
    ("age.over_89", "pt 101 y/o", "101"),
    ("age.aged", "aged 91", "91"),
    ("age.aged", "AGE: 97", "97"),
    ("zip.after_state", "Baltimore, MD 21201", "21201"),
    ("zip.after_state", "Boston, Massachusetts 02139-4307", "02139-4307"),
]

# (pattern name, text where that pattern must NOT fire)
NEGATIVE = [
    ("ssn.dashed", "id 666-12-3456"),
    ("ssn.dashed", "id 123-00-6789"),
    ("ssn.dashed", "ref 123-45-67890"),
    ("ssn.context", "lot 123456789 used"),
    ("ssn.context", "SSN 912345678"),
    ("phone.nanp", "call (123) 555-0134"),
    ("phone.nanp", "call 410-911-0134"),
    ("phone.nanp_unvalidated", "id 812.155.0134"),
    ("phone.local", "lot 555-0134"),
    ("phone.local", "call 155-0134"),
    ("phone.extension", "extra 4432"),
    ("phone.x_extension", "ambulated x 4432 ft"),
    ("phone.pager", "page 3312"),
    ("phone.no_separator", "order 6175550100"),  # no phone word before it
    ("phone.no_separator", "call 0175550100"),  # no area code starts with 0
    ("phone.international", "I/O +2500 1200 900"),  # a fluid balance
    ("phone.international", "call +44 20 7946"),  # too few digits for a number abroad
    ("phone.pager", "pgr 12"),
    ("fax.nanp", "phone 617-555-0100"),
    ("email", "user@localhost"),
    ("url.scheme", "see http: broken"),
    ("url.domain", "mail j.smith@example.com"),
    ("url.domain", "see report.pdf and notes.txt"),
    ("ip.v4", "version 1.2.3.4"),
    ("ip.v4", "host 300.1.1.1"),
    ("ip.v4", "host 10.02.3.4"),
    ("ip.v6", "at 12:30:45"),
    ("mrn.context", "MRN pending"),
    ("mrn.context", "mrn 123"),
    ("account.context", "account for 2 days"),
    ("healthplan.context", "per policy of the unit"),
    ("npi.context", "NPI 1234567890"),
    ("npi.context", "call 1234567893"),
    ("dea.number", "DEA AB1234567"),
    ("dea.number", "IA1234563"),
    ("credit_card", "card 4111 1111 1111 1112"),
    ("vin", "VIN 1M8GDM9AYKP042788"),
    ("vin", "ABCDEFGHJKLMNPRST"),
    ("date.month_day_year", "Feb 30, 2021"),
    ("date.day_month_year", "30 Feb 2021"),
    ("date.month_day", "dec 2 L"),
    ("date.month_day", "MAY 3 mg"),
    ("date.month_day", "pt may 3"),
    ("date.month_year", "January 1850"),
    ("date.month_name", "Dr. June Smith"),
    ("date.month_name", "pt may need"),
    ("date.ordinal_day", "after the 2nd dose"),
    ("date.mdy_slash", "seen 2/30/2021"),
    ("date.mdy_slash", "PSV 10/5/40%"),
    ("date.mdy_slash", "600x12/5/50%"),
    ("date.my_slash", "was 3/98"),
    ("date.mdy_dash", "seen 13-01-2020"),
    ("date.dmy_dot", "am 12.31.2021"),
    ("date.iso", "on 2021-02-30"),
    ("date.md_slash", "BP 118/62"),
    ("date.md_slash", "pain 5/10"),
    ("date.md_slash", "rates it 3/10"),
    ("date.md_slash", "D5 1/2 NS"),
    ("date.md_slash", "SOB 2/2 CHF"),
    ("date.md_slash", "seen 2/30"),
    ("date.md_slash", "rales 1/3 up"),
    ("date.md_slash", "PSV 10/5"),
    ("date.md_slash", "pain 3-4/10"),
    ("date.md_slash", "fx3/96"),
    ("date.md_slash", "BP 120-80/60"),
    ("date.md_slash", "ward.5/17"),
    ("date.md_slash_10", "rated 7/10"),
    ("date.md_slash_10", "pain down from 5/10 on arrival"),
    ("date.md_slash_10", "on 3/10 pain"),
    ("date.md_slash_10", "on 13/10"),
    ("date.md_range_end", "pain 7/10 -> 3/10"),
    ("date.md_range_end", "murmur 2/6 - 3/6"),
    ("date.md_range_end", "strength 4/5 to 5/5"),
    ("date.day_range_month", "1-2 mg"),
    ("date.month_day_range", "Jan 5-40"),
    ("date.month_day_range", "Apr 2-3 mg"),
    ("date.day_month", "UO 30 DEC TO 20"),
    ("date.day_month", "2 MAY BE"),
    ("date.day_month", "5 Janssen"),
    ("date.day_month_glued", "12SEP"),
    ("date.day_month_glued", "45MAR19"),
    ("date.day_range_month", "3-4 may help"),
    ("date.day_range_month", "2-40 Jan"),
    ("date.month_name", "Jan visited"),
    ("date.md_dash", "3-4 times"),
    ("date.md_dash", "on 13-4"),
    ("year.preposition", "in 2000 out 1500"),
    ("year.preposition", "in 1850"),
    ("year.history", "plt 1992"),
    ("year.history", "s/p MI 1992 ml"),
    ("year.paren", "hr (1998)"),
    ("year.two_digit_history", "afib 80's"),
    ("year.two_digit_history", "HR 99, BP"),
    ("year.apostrophe", "height 5'10"),
    ("age.over_89", "89 yo"),
    ("age.over_89", "93 mg"),
    ("age.aged", "aged 65"),
    ("zip.after_state", "in 21201"),
    ("zip.after_state", "MD 2120"),
]


@pytest.fixture(scope="module")
def rules() -> PhiRules:
    return compiled(PATTERNS)


def test_every_pattern_has_a_positive_and_a_negative_case():
    assert_cases_cover(PATTERNS, POSITIVE, NEGATIVE)


def test_table_is_well_formed():
    names = [p["name"] for p in PATTERNS]
    assert len(names) == len(set(names))
    for p in PATTERNS:
        assert p["label"] in LABELS, p["name"]
        assert 0.0 < p["score"] <= 1.0, p["name"]
        assert p.get("validator") is None or p["validator"] in VALIDATORS, p["name"]
    required = {"SSN", "PHONE", "FAX", "EMAIL", "URL", "IPADDR", "MEDICALRECORD", "ACCOUNT", "HEALTHPLAN",
                "LICENSE", "VEHICLE", "DATE", "AGE", "ZIP"}
    assert required <= {p["label"] for p in PATTERNS}


@pytest.mark.parametrize("name,text,expected", POSITIVE)
def test_positive(rules, name, text, expected):
    assert_finds(rules, PATTERNS, name, text, expected)


@pytest.mark.parametrize("name,text", NEGATIVE)
def test_negative(rules, name, text):
    assert_misses(rules, name, text)


@pytest.mark.parametrize("text", [
    "BP 118/62 HR 80", "pain 5/10", "I/O 1200/800", "1/2 NS at 100 cc/hr", "in 2000 out 1500",
    "K 4.1 Na 140 Hct 30.2", "PEEP 5 FiO2 40%", "PSV 10/5 40%", "dec 2 L NC", "PT MAY NEED O2", "temp 98.6",
    "GCS 15", "sats 93-95%", "lasix 40 mg iv", "MAP 65-70", "at 1400 pt turned", "plt 250 wbc 12.1",
])
def test_measurements_are_not_phi(rules, text):
    assert rules.find(text) == []


def test_resolved_note_yields_one_span_per_phi(rules):
    text = ("93 yo M seen 3/14/2021, BP 118/62, pain 5/10. Call (410) 555-0134 x1234 or pgr 3312; "
            "fax 617-555-0100. MRN: 0012345. s/p CABG ('95). Baltimore, MD 21201.")
    found = [(text[s:e], label) for s, e, label, _ in rules.find(text)]
    assert found == [
        ("93", "AGE"), ("3/14/2021", "DATE"), ("(410) 555-0134 x1234", "PHONE"), ("3312", "PHONE"),
        ("617-555-0100", "FAX"), ("0012345", "MEDICALRECORD"), ("'95", "DATE"), ("21201", "ZIP"),
    ]


@pytest.mark.parametrize("text,expected", [
    ("MRN: 0012345", "0012345"), ("mrn: 0012345", "0012345"), ("Mrn 0012345", "0012345"),
    ("JANUARY 3, 2021", "JANUARY 3, 2021"), ("january 3, 2021", "january 3, 2021"),
    ("PGR 3312", "3312"), ("93 YO", "93"), ("93 yo", "93"),
])
def test_case_insensitive(rules, text, expected):
    assert [text[s:e] for s, e, _, _ in rules.find(text)] == [expected]


@pytest.mark.parametrize("text,expected", [
    ("PEEP 5. 7/12 extubated", ["7/12"]),  # the vent word ends its sentence: the date stands
    ("PEEP 5\n7/12 extubated", ["7/12"]),
    ("PEEP 5 7/12 extubated", []),  # same clause: read as a setting
])
def test_negative_context_stops_at_the_end_of_a_sentence(rules, text, expected):
    assert [text[s:e] for s, e, _, _ in rules.find(text)] == expected

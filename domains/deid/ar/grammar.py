"""Arabic surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in Saudi Arabia, the
UAE and Egypt.

Written from the conventions of those countries, not from any corpus. Text is stored in logical order (right to
left only on screen), so offsets are plain character offsets. Digits are Western or Arabic-Indic (٠-٩), chosen
per note (`to_indic` maps one to the other character for character, so spans keep their offsets). Dates are
day-first with `/` or `-`, or year-first ("2021/03/03", common in Gulf systems), with month names in the
Egyptian/Gulf form (يناير ... ديسمبر) or the Levantine one (كانون الثاني ... كانون الأول), now and then both
("آذار (مارس)"), "م" after a Gregorian year and Hijri dates ("1442/07/19هـ"); the numbering plans (Saudi 05x /
+966 5x and 01x landlines, UAE 05x / +971 and 0[2-9], Egypt 01x 11 digits / +20 and 02/03 landlines); names of
a given name, a father's name (with or without "بن"/"بنت"), a family name ("آل ..." / "ال..."), "د."/"الدكتور"
titles and "السيد"/"السيدة" outside the span; ages "65 سنة", "65 عاماً", "8 أشهر"; the Saudi national id or iqama,
the Emirates ID, the Egyptian national id, file numbers, insurance numbers, IBAN SA/AE/EG.
"""

from __future__ import annotations

import random
from datetime import date

from ..langkit import Grammar, date_grammar, digits, faker_for, weighted
from ..validators import format_ae_eid, format_iban, generate_ae_eid, generate_eg_nid, generate_iban, generate_sa_nid

MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
          "ديسمبر")
MONTHS_LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
                 "تشرين الثاني", "كانون الأول")
BOTH = tuple(f"{lev} ({eg})" for lev, eg in zip(MONTHS_LEVANT, MONTHS))

_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def to_indic(text: str) -> str:
    """Western digits as Arabic-Indic ones, one character for one (offsets do not move)."""
    return text.translate(_INDIC)


_NO_CASE = ((1.0, "title"),)  # Arabic has no letter case; "title" leaves the words as they are
_GREG = date_grammar("DATE", {
    "dmy_slash": (34, "{d2}/{m2}/{Y}"),
    "dmy_slash_unpadded": (6, "{d}/{m}/{Y}"),
    "ymd_slash": (10, "{Y}/{m2}/{d2}"),
    "dmy_dash": (6, "{d2}-{m2}-{Y}"),
    "iso": (3, "{Y}-{m2}-{d2}"),
    "long": (16, "{d} {month} {Y}"),
    "long_m": (5, "{d} {month} {Y}م"),
    "dmy_slash_m": (4, "{d2}/{m2}/{Y}م"),
    "month_year": (5, "{month} {Y}"),
    "year": (4, "{Y}"),
}, MONTHS, MONTHS, _NO_CASE)
_LEVANT = date_grammar("DATE", {"levant": (1, "{d} {month} {Y}")}, MONTHS_LEVANT, MONTHS_LEVANT, _NO_CASE)
_BOTH = date_grammar("DATE", {"levant_both": (1, "{d} {month} {Y}")}, BOTH, BOTH, _NO_CASE)


def hijri(when: date) -> tuple[int, int, int]:
    """(year, month, day) of the tabular Islamic calendar for a Gregorian date (the civil arithmetic calendar; the
    Umm al-Qura calendar in use in Saudi Arabia differs from it by a day now and then)."""
    jdn = when.toordinal() + 1721425
    rest = jdn - 1948440 + 10632
    cycles = (rest - 1) // 10631
    rest = rest - 10631 * cycles + 354
    j = ((10985 - rest) // 5316) * ((50 * rest) // 17719) + (rest // 5670) * ((43 * rest) // 15238)
    rest = rest - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    month = (24 * rest) // 709
    day = rest - (709 * month) // 24
    return 30 * cycles + j - 30, month, day


def _hijri(rng: random.Random, when: date | None = None) -> str:
    from ..langkit import random_date

    year, month, day = hijri(when or random_date(rng))
    return rng.choice((f"{day:02d}/{month:02d}/{year}هـ", f"{year}/{month:02d}/{day:02d}هـ",
                       f"{day}/{month}/{year} هـ"))


DATES = Grammar("DATE", {
    **_GREG.families, "levant_both": (2, _BOTH.families["levant_both"][1]),
    "levant": (6, _LEVANT.families["levant"][1]), "hijri": (7, _hijri),
})


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(number[i:i + size])
        i += size
    return sep.join(out)


# national significant numbers (without the trunk 0) of each country's mobiles and landlines
def _sa_mobile(rng) -> str:
    return "5" + rng.choice("0345689") + digits(rng, 7)


def _sa_landline(rng) -> str:
    return "1" + rng.choice("1234567") + digits(rng, 7, "2345678")


def _ae_mobile(rng) -> str:
    return "5" + rng.choice("024568") + digits(rng, 7)


def _ae_landline(rng) -> str:
    return rng.choice("234679") + digits(rng, 7, "2345678")


def _eg_mobile(rng) -> str:
    return "1" + rng.choice("0125") + digits(rng, 8)


def _eg_landline(rng) -> str:
    return rng.choice(("2" + digits(rng, 8, "23456789"), "3" + digits(rng, 7, "345"), "40" + digits(rng, 7)))


PLANS = {"sa": ("+966", _sa_mobile, _sa_landline), "ae": ("+971", _ae_mobile, _ae_landline),
         "eg": ("+20", _eg_mobile, _eg_landline)}


def _local(n: str) -> str:
    """0 + the national number, grouped as written: 05x xxx xxxx, 011 xxx xxxx, 010 xxxx xxxx, 02 xxxx xxxx."""
    if len(n) == 10:  # Egyptian mobile
        return _group("0" + n, (3, 4, 4), " ")
    if n[0] in "5":
        return _group("0" + n, (3, 3, 4), " ")
    if len(n) == 9 and n[0] == "2":  # Cairo 02 xxxx xxxx
        return _group("0" + n, (2, 4, 4), " ")
    if n[0] == "1" or n.startswith("40"):  # Saudi 01x, Tanta 040: a three-digit area code
        return _group("0" + n, (3, 3, len(n) - 5), " ")
    return _group("0" + n, (2, 3, len(n) - 4), " ")


def _phone(kind: str):
    def render(rng: random.Random, country: str = "sa") -> str:
        code, mobile, landline = PLANS[country]
        n = mobile(rng) if kind != "landline" else landline(rng)
        if kind == "intl":
            sizes = (2, 3, len(n) - 5) if len(n) == 9 else (3, 3, 4)
            return f"{code} {_group(n, sizes, ' ')}"
        if kind == "intl_plain":
            return code + n
        if kind == "plain":
            return "0" + n
        if kind == "00":
            return "00" + code[1:] + n
        return _local(n)
    return render


PHONES = Grammar("PHONE", {
    "mobile": (30, _phone("mobile")), "landline": (16, _phone("landline")), "plain": (18, _phone("plain")),
    "intl": (18, _phone("intl")), "intl_plain": (6, _phone("intl_plain")), "00": (4, _phone("00")),
    "ext": (6, lambda rng, country="sa": _phone("landline")(rng, country) + rng.choice((" تحويلة ", " ext. ", " - "))
            + digits(rng, 4, "123456789")),
    "unified": (2, lambda rng, country="sa": f"9200{digits(rng, 5)}" if country == "sa" else f"800{digits(rng, 4)}"),
})

# Given names beside Faker's ar_SA lists: common Egyptian, Gulf and Levantine names, and father's names.
GIVEN_MALE = ("محمد", "أحمد", "محمود", "مصطفى", "إبراهيم", "عبدالله", "عبد الرحمن", "خالد", "سعيد", "علي", "حسن",
              "حسين", "عمر", "يوسف", "ياسر", "شريف", "هاني", "عمرو", "طارق", "وليد", "فهد", "سلطان", "ناصر", "راشد",
              "سالم", "ماجد", "عبد العزيز", "فيصل", "تركي", "بندر", "سامي", "كريم", "رامي", "زياد", "باسل", "جمال")
GIVEN_FEMALE = ("فاطمة", "مريم", "عائشة", "نورة", "سارة", "منى", "هبة", "نهى", "ياسمين", "دعاء", "إيمان", "شيماء",
                "رنا", "ريم", "لمى", "هند", "أمل", "سلمى", "هالة", "رحاب", "خديجة", "زينب", "أسماء", "لطيفة", "موزة",
                "شما", "حصة", "دانة", "رهف", "جود")
FAMILY = ("العتيبي", "القحطاني", "الغامدي", "الزهراني", "الشمري", "الدوسري", "الحربي", "المطيري", "العنزي",
          "الشهري", "المالكي", "السبيعي", "آل سعيد", "آل مكتوم", "النعيمي", "الكعبي", "المنصوري", "الظاهري",
          "الشامسي", "المزروعي", "عبد الحميد", "عبد الفتاح", "السيد", "حسن", "إبراهيم", "مصطفى", "الشافعي",
          "المصري", "الشريف", "النجار", "الحداد", "الخطيب", "سليمان", "عثمان", "رضوان", "فرج", "عبد الله")


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """An Arab person: given name, father's name, (grandfather's name), family name, sex."""
    female = rng.random() < 0.5 if female is None else female
    if female:
        first = fake.first_name_female() if rng.random() < 0.5 else rng.choice(GIVEN_FEMALE)
    else:
        first = fake.first_name_male() if rng.random() < 0.5 else rng.choice(GIVEN_MALE)
    father = fake.first_name_male() if rng.random() < 0.4 else rng.choice(GIVEN_MALE)
    grandfather = rng.choice(GIVEN_MALE)
    last = fake.last_name() if rng.random() < 0.5 else rng.choice(FAMILY)
    return {"first": first, "father": father, "grandfather": grandfather, "last": last, "female": female}


def _bin(p: dict) -> str:
    return "بنت" if p["female"] else "بن"


NAMES = Grammar("NAME", {
    "first_last": (22, lambda rng, p: f"{p['first']} {p['last']}"),
    "first_father_last": (22, lambda rng, p: f"{p['first']} {p['father']} {p['last']}"),
    "four_part": (8, lambda rng, p: f"{p['first']} {p['father']} {p['grandfather']} {p['last']}"),
    "bin": (10, lambda rng, p: f"{p['first']} {_bin(p)} {p['father']} {p['last']}"),
    "first_father": (6, lambda rng, p: f"{p['first']} {p['father']}"),
    "last": (8, lambda rng, p: p["last"]),
    "first": (8, lambda rng, p: p["first"]),
    "initial_last": (2, lambda rng, p: f"{p['first'][0]}. {p['last']}"),
})

TITLES_PATIENT = {True: ("السيدة ", "المريضة ", "السيدة/ ", "المواطنة ", "الطفلة "),
                  False: ("السيد ", "المريض ", "السيد/ ", "المواطن ", "المقيم ")}
TITLES_DOCTOR = {True: ("د. ", "الدكتورة ", "د/ ", "أ.د. ", "الاستشارية د. ", "د. "),
                 False: ("د. ", "الدكتور ", "د/ ", "أ.د. ", "الاستشاري د. ", "د. ")}

AGES = Grammar("AGE", {
    "sana": (34, lambda rng, n: f"{n} سنة"),
    "aaman": (22, lambda rng, n: f"{n} عاماً" if n > 10 else f"{n} أعوام"),
    "bare": (16, lambda rng, n: str(n)),
    "sana_h": (6, lambda rng, n: f"{n} سنه"),
    "ashhur": (6, lambda rng, n: f"{max(3, n % 12)} أشهر"),
    "sanawat": (4, lambda rng, n: f"{n} سنوات" if n <= 10 else f"{n} سنة"),
})

IDS = {
    "sa_nid": (lambda rng: generate_sa_nid(rng, False), "IDNUM"),
    "iqama": (lambda rng: generate_sa_nid(rng, True), "IDNUM"),
    "ae_eid": (lambda rng: rng.choice((format_ae_eid, lambda v: v))(generate_ae_eid(rng)), "IDNUM"),
    "eg_nid": (lambda rng: generate_eg_nid(rng), "IDNUM"),
    "mrn": (lambda rng: digits(rng, rng.choice((6, 7, 8)), "123456789"), "MEDICALRECORD"),
    "policy": (lambda rng: rng.choice(("", "", "INS-", "P")) + digits(rng, rng.choice((8, 10)), "123456789"),
               "HEALTHPLAN"),
    "license": (lambda rng: rng.choice((digits(rng, rng.choice((5, 6, 7))), f"{digits(rng, 2)}-{digits(rng, 5)}")),
                "LICENSE"),
    "iban": (lambda rng, country="sa": rng.choice((format_iban, lambda v: v))(generate_iban(rng, country.upper())),
             "ACCOUNT"),
}
COUNTRY_ID = {"sa": ("sa_nid", "iqama"), "ae": ("ae_eid",), "eg": ("eg_nid",)}

CITIES = {
    "sa": ("الرياض", "جدة", "مكة المكرمة", "المدينة المنورة", "الدمام", "الخبر", "الطائف", "تبوك", "بريدة", "أبها",
           "خميس مشيط", "حائل", "نجران", "جازان", "الجبيل", "الأحساء", "ينبع", "القطيف", "عنيزة", "الظهران",
           "الخرج", "الباحة", "سكاكا", "عرعر"),
    "ae": ("أبوظبي", "دبي", "الشارقة", "عجمان", "رأس الخيمة", "الفجيرة", "أم القيوين", "العين", "خورفكان",
           "كلباء", "الذيد", "دبا الفجيرة"),
    "eg": ("القاهرة", "الإسكندرية", "الجيزة", "المنصورة", "طنطا", "أسيوط", "الزقازيق", "بورسعيد", "السويس", "الأقصر",
           "أسوان", "المنيا", "دمياط", "الإسماعيلية", "سوهاج", "بني سويف", "الفيوم", "شبين الكوم", "كفر الشيخ",
           "دمنهور", "حلوان", "بنها"),
}
REGIONS = {
    "sa": ("منطقة الرياض", "منطقة مكة المكرمة", "المنطقة الشرقية", "منطقة القصيم", "منطقة عسير", "منطقة تبوك",
           "منطقة المدينة المنورة", "منطقة جازان"),
    "ae": ("إمارة دبي", "إمارة أبوظبي", "إمارة الشارقة", "إمارة عجمان"),
    "eg": ("محافظة القاهرة", "محافظة الجيزة", "محافظة الإسكندرية", "محافظة الدقهلية", "محافظة الشرقية",
           "محافظة الغربية", "محافظة أسيوط", "محافظة المنوفية"),
}
COUNTRY_NAMES = {"sa": ("المملكة العربية السعودية", "السعودية"), "ae": ("الإمارات العربية المتحدة", "الإمارات"),
                 "eg": ("جمهورية مصر العربية", "مصر")}
NATIONALITIES = ("سعودي", "مصري", "إماراتي", "أردني", "سوري", "يمني", "سوداني", "باكستاني", "هندي", "فلبيني")
DISTRICTS = ("النزهة", "الملز", "العليا", "السليمانية", "الروضة", "الشفا", "النسيم", "الصفا", "المروة", "الحمراء",
             "الفيصلية", "الربوة", "الخالدية", "الورود", "الياسمين", "الدقي", "المعادي", "مدينة نصر", "الزمالك",
             "شبرا", "الكرامة", "البرشاء", "الجميرا", "المعمورة", "سيدي جابر", "الحي السابع")
STREET_NAMES = ("الملك فهد", "الملك عبدالعزيز", "الأمير سلطان", "التحلية", "العروبة", "الستين", "الجامعة", "التحرير",
                "الهرم", "النصر", "الجمهورية", "الشيخ زايد", "الوحدة", "الاستقلال", "بغداد", "صلاح الدين",
                "عمر بن الخطاب", "الخليج", "المطار", "الكورنيش", "فيصل", "رمسيس", "الثورة", "النيل")


def street(rng: random.Random) -> tuple[str, str]:
    """(family, address line): "شارع الملك فهد، حي النزهة", "15 شارع التحرير، الدقي", "حي الملز"."""
    name, district, num = rng.choice(STREET_NAMES), rng.choice(DISTRICTS), rng.randint(1, 250)
    return weighted(rng, [
        (30, ("street_district", f"شارع {name}، حي {district}")),
        (20, ("num_street", f"{num} شارع {name}")),
        (15, ("street_num", f"شارع {name}، مبنى رقم {num}")),
        (10, ("district", f"حي {district}")),
        (10, ("street", f"شارع {name}")),
        (10, ("eg_style", f"{num} ش {name}، {district}")),
        (5, ("building", f"عمارة {num}، شارع {name}")),
    ])


def fake(seed: int):
    return faker_for("ar_SA", seed)


__all__ = ["AGES", "BOTH", "CITIES", "COUNTRY_ID", "COUNTRY_NAMES", "DATES", "GIVEN_FEMALE", "GIVEN_MALE", "IDS",
           "MONTHS", "MONTHS_LEVANT", "NAMES", "NATIONALITIES", "PHONES", "REGIONS", "TITLES_DOCTOR", "TITLES_PATIENT",
           "fake", "hijri", "person", "street", "to_indic"]

"""Arabic genres: the medical report (تقرير طبي, the document a hospital gives a patient "at his request": the
patient's fields, diagnosis, history, examination, treatment, recommendations and the closing formula) and the
discharge summary (ملخص خروج, with admission and discharge dates, hospital course and discharge medication). A note
belongs to one country (Saudi Arabia, the UAE or Egypt: its identifier, numbering plan, cities and IBAN) and one
digit style (Western, Arabic-Indic, or mixed value by value). Text is in logical order; right-to-left is a matter of
display, so offsets are plain character offsets. Titles ("د.", "السيد"), kinship words and the Gregorian/Hijri
year marks outside the date formats stay outside the spans."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import (draw_stay, medication_lines, mixed_narrative, named, people_slots, some_lines, stay_slots,
                        write_genre)
from ..langkit import (Note, age_segments, date_segments, digits, fill_fields, ident_segments, kin_segments,
                       other_sex_spouse, value_segments, weighted)
from . import grammar as g
from . import lexicon as lx

COUNTRIES = ((0.45, "sa"), (0.2, "ae"), (0.35, "eg"))
DIGIT_STYLES = ((0.45, "western"), (0.4, "indic"), (0.15, "mixed"))
# values that keep Western digits whatever the note's style (they are written in Latin script)
_LATIN_LABELS = ("EMAIL", "ACCOUNT", "URL")
AGES = ((0.9, (18, 95)), (0.1, (1, 17)))


class Cast:
    """The people, places, country and digit style of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fake = g.fake(seed)
        self.country = weighted(rng, COUNTRIES)
        self.digits = weighted(rng, DIGIT_STYLES)
        self.patient = g.person(rng, self.fake)
        self.doctors = [g.person(rng, self.fake) for _ in range(3)]
        self.city = rng.choice(g.CITIES[self.country])
        self.hospital = self.institution(lx.HOSPITALS)
        self.department = rng.choice(lx.DEPARTMENTS)
        self.admitted, self.discharged, self.age, self.born = draw_stay(rng, 21, AGES)

    def institution(self, shapes) -> str:
        f, rng = self.fake, self.rng
        return rng.choice(shapes).format(city=rng.choice((self.city, rng.choice(g.CITIES[self.country]))),
                                         surname=rng.choice((f.last_name(), rng.choice(g.FAMILY))),
                                         given=rng.choice(g.GIVEN_MALE), district=rng.choice(g.DISTRICTS))

    def gendered(self, pair: tuple[str, ...]) -> str:
        return pair[-1] if self.patient["female"] else pair[0]


def _ident(c: Cast, key: str) -> list:
    return ident_segments(g.IDS, key, *((c.rng, c.country) if key == "iban" else (c.rng,)))


def _national_id(c: Cast) -> list:
    return _ident(c, c.rng.choice(g.COUNTRY_ID[c.country]))


def _phone(c: Cast, label: str = "PHONE") -> list:
    return value_segments(c.rng, g.PHONES, label, country=c.country)


def _street(c: Cast) -> list:
    family, value = g.street(c.rng)
    return [(value, "STREET", family)]


def _email(c: Cast) -> list:
    rng = c.rng
    letters = "abcdefghijklmnoprstuwyz"
    user = rng.choice(("dr.", "", "")) + "".join(rng.choice(letters) for _ in range(rng.randint(3, 7)))
    user += rng.choice(("", str(rng.randint(1, 99)), f".{rng.choice(('ahmed', 'm', 'sara', 'k', 'ali'))}"))
    return [(f"{user}@{rng.choice(lx.DOMAINS)}", "EMAIL", None)]


def _kin(c: Cast) -> list:
    kin = other_sex_spouse(lx.KIN, c.patient["female"], "زوجها", "زوجته")
    return kin_segments(c.rng, kin, lambda female: c.rng.choice(g.GIVEN_FEMALE if female else g.GIVEN_MALE))


def _fields(c: Cast) -> dict:
    rng = c.rng

    def n() -> str:
        return str(rng.randint(1, 9))

    return {"duration": lambda: rng.choice(lx.DURATIONS).format(n=rng.randint(2, 9)),
            "measure": lambda: rng.choice(lx.MEASURES).format(n=n(), a=rng.randint(95, 190), b=rng.randint(50, 110)),
            "finding": lambda: rng.choice(lx.FINDINGS), "dx": lambda: _dx(c),
            "drug": lambda: rng.choice(lx.DRUGS + lx.BRANDS), "brand": lambda: rng.choice(lx.BRANDS), "n": n,
            "proc": lambda: rng.choice(lx.PROCEDURES), "department": lambda: rng.choice(lx.DEPARTMENTS),
            "acr": lambda: rng.choice(lx.ACRONYMS), "sign": lambda: rng.choice(lx.SIGNS),
            "eponym_phrase": lambda: rng.choice(lx.EPONYM_PHRASES).format(d=rng.choice(lx.DISEASES))}


def _dx(c: Cast) -> str:
    return c.rng.choice(lx.DIAGNOSES).format(disease=c.rng.choice(lx.DISEASES))


def _sentence(c: Cast) -> str:
    return fill_fields(c.gendered(c.rng.choice(lx.SENTENCES)), _fields(c))


def _exam(c: Cast) -> str:
    return fill_fields(c.rng.choice(lx.EXAMS), _fields(c))


def _course(c: Cast) -> str:
    return fill_fields(c.gendered(c.rng.choice(lx.COURSE)), _fields(c))


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences (the translation domain has no Arabic templates): ours, shuffled."""
    return mixed_narrative(c.rng, lambda: _sentence(c), (lambda: _exam(c), lambda: _course(c)))


DOSES = ("500 ملغ", "20 ملغ", "1 غ", "40 ملغ تحت الجلد", "قرص واحد", "5 ملغ")
TIMES = ("مرتين يومياً", "مرة يومياً", "ثلاث مرات يومياً", "صباحاً", "مساءً", "عند اللزوم", "بعد الأكل")


SLOTS = {
    **people_slots(named(g.NAMES), g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.5, 0.9),
    "kin": _kin,
    **stay_slots(lambda c, when=None: date_segments(c.rng, g.DATES, when)),
    "dob": lambda c: date_segments(c.rng, g.DATES, c.born, c.rng.choice(("dmy_slash", "dmy_slash", "ymd_slash",
                                                                         "long", "hijri"))),
    "age": lambda c: age_segments(c.rng, g.AGES, c.age),
    "phone": _phone, "fax": lambda c: _phone(c, "FAX"), "email": _email, "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: [(c.rng.choice(g.CITIES[c.country]), "CITY", None)],
    "region": lambda c: [(c.rng.choice(g.REGIONS[c.country]), "STATE", None)],
    "zip": lambda c: [(digits(c.rng, 5, "123456789"), "ZIP", None)],
    "country": lambda c: [(c.rng.choice(g.COUNTRY_NAMES[c.country]), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "centre": lambda c: [(c.institution(lx.HEALTH_CENTRES), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    "profession": lambda c: [(c.rng.choice(lx.PROFESSIONS), "PROFESSION", None)],
    "nid": _national_id, "mrn": lambda c: _ident(c, "mrn"), "policy": lambda c: _ident(c, "policy"),
    "license": lambda c: _ident(c, "license"), "iban": lambda c: _ident(c, "iban"),
    "sex": lambda c: "أنثى" if c.patient["female"] else "ذكر",
    "nationality": lambda c: c.rng.choice(lx_nat(c)),
    "patient_word": lambda c: c.gendered(("المريض", "المريضة")),
    "he": lambda c: c.gendered(("حضر", "حضرت")),
    "his": lambda c: c.gendered(("ه", "ها")),
    "department": lambda c: c.department,
    "finding": lambda c: c.rng.choice(lx.FINDINGS), "exam": _exam, "course": _course, "dx": _dx,
    "meds": lambda c: medication_lines(c.rng, lx.DRUGS + lx.BRANDS, DOSES, TIMES, ("- ", "{}. ", "{}) ", "• ")),
    "narrative": _narrative,
    "sp": lambda c: weighted(c.rng, [(0.8, " "), (0.2, "  ")]),
    "room": lambda c: f"{c.rng.randint(1, 9)}{digits(c.rng, 2)}",
    "after_days": lambda c: (lambda n: f"بعد {n} أيام" if n <= 10 else f"بعد {n} يوماً")(c.rng.randint(3, 21)),
    "nid_label": lambda c: c.rng.choice(NID_LABELS[c.country]),
    "his_f": lambda c: "ت" if c.patient["female"] else "",
}


def lx_nat(c: Cast) -> tuple[str, ...]:
    """Nationality words (not PHI here: a group, as for English): the country's own most often."""
    own = {"sa": "سعودي", "ae": "إماراتي", "eg": "مصري"}[c.country]
    return (own, own, own) + g.NATIONALITIES


NID_LABELS = {"sa": ("رقم الهوية", "رقم الهوية الوطنية", "رقم الهوية/الإقامة", "رقم السجل المدني"),
              "ae": ("رقم الهوية الإماراتية", "رقم الهوية", "Emirates ID"),
              "eg": ("الرقم القومي", "رقم البطاقة", "الرقم القومي للمريض")}

FIELDS = (
    "[اسم المريض|الاسم|اسم المريض/ة]:{sp}{ptbare}\n",
    "{nid_label}:{sp}{nid}\n",
    "[رقم الملف الطبي|رقم الملف|MRN]:{sp}{mrn}\n",
    "[تاريخ الميلاد|تاريخ الولادة]:{sp}{dob}[   العمر: {age}|]\n",
    "الجنس:{sp}{sex}[   الجنسية: {nationality}|]\n",
    "[العنوان|عنوان السكن]:{sp}{street}، {city}[، {region}|][ {zip}|]\n",
    "[رقم الجوال|الهاتف|رقم الهاتف|جوال]:{sp}{phone}\n",
    "[رقم بوليصة التأمين|رقم التأمين|رقم العضوية]:{sp}{policy}\n",
)


def medical_report(c: Cast) -> str:
    fields = some_lines(c.rng, FIELDS)
    return (
        "{hospital}\n[قسم {department}|إدارة {department}|عيادة {department}]\n"
        "[{street}، {city}|{city} - {country}|{city}][ - هاتف: {phone}| - فاكس: {fax}|]\n\n"
        "[تقرير طبي|تقرير طبي مفصل|تقرير طبي (Medical Report)]\n\n" + fields +
        "[تاريخ التقرير|التاريخ]: {date}\n\n"
        "[التشخيص|التشخيص النهائي]: {dx}[، {dx}|]\n\n"
        "[القصة المرضية|التاريخ المرضي]: {patient_word}[ {ptbare}|]، [العمر {age}|يبلغ من العمر {age}|{age}]، {he} إلى "
        "[قسم الطوارئ|العيادة|المستشفى] [بتاريخ {admitted} |في {admitted} |]بشكوى {finding}. {narrative} "
        "[يعمل {profession}.|مرافق{his}: {kin}.|من سكان {city2}.|يعمل لدى {org}.|]\n\n"
        "[الفحص السريري|الفحص]: {narrative}\n\n[الفحوصات|الفحوصات المخبرية والشعاعية]: {exam} {exam}\n\n"
        "[العلاج|الإجراءات]: {course} [بتاريخ {date} {course}|]\n\n"
        "[التوصيات|الخطة]:\n{meds}\n[مراجعة العيادة بتاريخ {date}.|المتابعة مع {dr} {after_days}.|"
        "المتابعة في {centre}.|] [للاستفسار: {phone}|البريد الإلكتروني: {email}|]\n\n"
        "[أُعطي هذا التقرير بناءً على طلب{his} دون أدنى مسؤولية على المستشفى.|حُرر هذا التقرير بناءً على طلب{his}.|]\n"
        "[الطبيب المعالج|الطبيب|اسم الطبيب]: {dr}[   رقم الترخيص: {license}|]\n[التوقيع والختم|الختم]\n")


def discharge_summary(c: Cast) -> str:
    return (
        "{hospital}\n[ملخص خروج|ملخص الخروج (Discharge Summary)|تقرير الخروج]\n\n"
        "[اسم المريض|المريض]: {ptbare}   [رقم الملف|MRN]: {mrn}\n"
        "{nid_label}: {nid}[   العمر: {age}|]\n"
        "[تاريخ الدخول: {admitted}   تاريخ الخروج: {discharged}|تاريخ التنويم: {admitted} - تاريخ الخروج: {discharged}"
        "|من {admitted} إلى {discharged}][   غرفة {room}|]\n"
        "القسم: {department}   [الطبيب المعالج|الاستشاري]: {dr}\n\n"
        "[سبب الدخول|الشكوى الرئيسية]: {finding}.\n"
        "[التشخيص عند الخروج|التشخيص]: {dx}. [{dx}.|]\n\n"
        "[سير الحالة أثناء التنويم|مسار المرض]: {patient_word}[ {ptbare}|]، {age}، {narrative} {course} "
        "[بتاريخ {date} {course}|]\n"
        "[الحالة عند الخروج: مستقرة.|خرج{his_f} بحالة جيدة.|]\n\n"
        "[أدوية الخروج|العلاج عند الخروج]:\n{meds}\n\n"
        "[موعد المتابعة: {date} في عيادة {department}.|المراجعة {after_days}.|المتابعة مع {dr} في {hospital}.]\n"
        "[للتواصل: {phone}|هاتف القسم: {phone}|][ - {email}|]\n"
        "[{kin} [على علم بالخطة|رافق{his} عند الخروج].|]\n"
        "[الطبيب: {dr}|توقيع الطبيب: {dr}][ - ترخيص رقم {license}|]\n"
        "[{city}، {date}|التاريخ: {date}|]\n[رقم الحساب للاسترداد: {iban}\n||||]")


GENRES = ((0.5, "medical_report", medical_report), (0.5, "discharge_summary", discharge_summary))


def digit_script(note: Note, style: str, rng: random.Random) -> Note:
    """The note in its digit style: Arabic-Indic digits for all (`indic`) or for some values (`mixed`), except the
    Latin-script values (emails, IBANs). Character for character, so the spans keep their offsets."""
    if style == "western":
        return note
    text = note.text
    keep = [(s, e) for s, e, label in note.spans if label in _LATIN_LABELS]
    cuts = sorted({0, len(text), *[s for s, _, _ in note.spans], *[e for _, e, _ in note.spans]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        latin = any(s <= a < e for s, e in keep)
        if not latin and (style == "indic" or rng.random() < 0.5):
            piece = g.to_indic(piece)
        out.append(piece)
    note.parts, note.length = ["".join(out)], len(text)
    return note


def _in_script(c: Cast, note: Note) -> Note:
    """The note in the cast's digit style, with its digit style and country counted like families."""
    note = digit_script(note, c.digits, c.rng)
    note.families[f"DIGITS:{c.digits}"] += 1
    note.families[f"COUNTRY:{c.country}"] += 1
    return note


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS, finish=_in_script)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""

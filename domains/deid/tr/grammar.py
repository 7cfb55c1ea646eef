"""Turkish surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in Turkey.

Written from Turkish conventions, not from any corpus: dates day-first with `.` (the usual form) or `/`, "3 Mart
2021" with capitalised month names, case suffixes after an apostrophe ("2021'de", "Ankara'da", "Dr. Yılmaz'a":
the suffix stays outside the span); the national numbering plan (ten digits after the trunk 0: mobiles 05xx,
landlines by province code 2xx/3xx/4xx, grouped 3-3-2-2, "+90" without the 0, "0 (532)"); given name(s) and a
surname, the surname in capitals in forms ("Ayşe YILMAZ"), "Hanım"/"Bey" after the name and "Uzm. Dr.", "Op. Dr.",
"Doç. Dr." before it (outside the span); Turkish upper case (i -> İ, ı -> I); ages "65 yaşında", "8 aylık"; the
T.C. Kimlik No, the file and protocol numbers, the SGK follow-up number, the diploma registration number, IBAN TR.
"""

from __future__ import annotations

import random

from ..langkit import Grammar, date_grammar, digits, faker_for, weighted
from ..validators import format_iban, generate_tr_tckn, iban_check_digits

MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım",
          "Aralık")
ABBRS = ("Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara")

_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_LOWER = str.maketrans({"İ": "i", "I": "ı"})


def tr_upper(text: str) -> str:
    """Turkish capitals: i -> İ and ı -> I (Python's str.upper maps i to I)."""
    return text.translate(_UPPER).upper()


def tr_lower(text: str) -> str:
    return text.translate(_LOWER).lower()


def _render_upper(fmt: str):
    """A date format whose month name is in Turkish capitals ("3 MART 2021", "ŞUBAT")."""
    grammar = date_grammar("DATE", {"x": (1, fmt)}, MONTHS, ABBRS, ((1, "title"),))
    return lambda rng, when=None: tr_upper(grammar.draw(rng, "x", when=when)[1])


_DATES = date_grammar("DATE", {
    "dmy_dot": (38, "{d2}.{m2}.{Y}"),
    "dmy_dot_unpadded": (6, "{d}.{m}.{Y}"),
    "dmy_dot_short": (3, "{d2}.{m2}.{y2}"),
    "dmy_slash": (12, "{d2}/{m2}/{Y}"),
    "dmy_dash": (3, "{d2}-{m2}-{Y}"),
    "long": (18, "{d} {month} {Y}"),
    "long_padded": (3, "{d2} {month} {Y}"),
    "abbr": (2, "{d} {mon} {Y}"),
    "month_year": (5, "{month} {Y}"),
    "my_slash": (2, "{m2}/{Y}"),
    "iso": (2, "{Y}-{m2}-{d2}"),
    "day_month": (2, "{d} {month}"),
    "year": (5, "{Y}"),
}, MONTHS, ABBRS, ((0.9, "title"), (0.1, "lower")))
DATES = Grammar("DATE", {**_DATES.families, "long_upper": (3, _render_upper("{d} {month} {Y}"))})


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(number[i:i + size])
        i += size
    return sep.join(out)


AREA_CODES = ("212", "216", "312", "232", "224", "242", "322", "332", "352", "412", "422", "442", "462", "222",
              "258", "262", "282", "324", "342", "362", "372", "384", "414", "432", "452", "464", "488")


def _mobile(rng) -> str:
    """The 10 national digits of a mobile: 5 + operator (30-55) + 7 digits."""
    return "5" + rng.choice(("30", "31", "32", "33", "35", "36", "37", "38", "39", "41", "42", "43", "44", "45",
                             "46", "47", "48", "49", "50", "51", "52", "53", "54", "55")) + digits(rng, 7, "123456789")


def _landline(rng) -> str:
    return rng.choice(AREA_CODES) + digits(rng, 7, "2345678")


def _national(rng) -> str:
    return _mobile(rng) if rng.random() < 0.6 else _landline(rng)


PHONES = Grammar("PHONE", {
    "trunk_3322": (30, lambda rng: "0" + _group(_national(rng), (3, 3, 2, 2), " ")),
    "plain": (16, lambda rng: "0" + _national(rng)),
    "no_trunk": (6, lambda rng: _group(_national(rng), (3, 3, 2, 2), " ")),
    "paren": (10, lambda rng: (lambda n: f"0 ({n[:3]}) {_group(n[3:], (3, 2, 2), ' ')}")(_national(rng))),
    "paren_trunk": (6, lambda rng: (lambda n: f"(0{n[:3]}) {_group(n[3:], (3, 2, 2), ' ')}")(_landline(rng))),
    "plus90": (14, lambda rng: "+90 " + _group(_mobile(rng), (3, 3, 2, 2), " ")),
    "plus90_plain": (4, lambda rng: "+90" + _national(rng)),
    "dash": (4, lambda rng: "0" + _group(_national(rng), (3, 3, 4), "-")),
    "dahili": (6, lambda rng: "0" + _group(_landline(rng), (3, 3, 2, 2), " ") + rng.choice((" Dahili: ", " / ",
                                                                                          " dahili "))
               + digits(rng, 4, "123456789")),
    "call_centre": (2, lambda rng: f"444 {digits(rng, 2)} {digits(rng, 2)}"),
})


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """A Turkish person: one or two given names, a surname, sex."""
    female = rng.random() < 0.5 if female is None else female
    given = fake.first_name_female if female else fake.first_name_male
    first = given() if rng.random() < 0.8 else f"{given()} {given()}"
    return {"first": first, "last": fake.last_name(), "female": female}


NAMES = Grammar("NAME", {
    "first_last": (30, lambda rng, p: f"{p['first']} {p['last']}"),
    "first_upper_last": (16, lambda rng, p: f"{p['first']} {tr_upper(p['last'])}"),
    "upper_full": (12, lambda rng, p: tr_upper(f"{p['first']} {p['last']}")),
    "last": (8, lambda rng, p: p["last"]),
    "first": (8, lambda rng, p: p["first"].split()[0]),
    "initial_last": (6, lambda rng, p: f"{p['first'][0]}. {p['last']}"),
    "last_first": (5, lambda rng, p: f"{tr_upper(p['last'])} {p['first']}"),
    "initials": (2, lambda rng, p: "".join(f"{w[0]}." for w in f"{p['first']} {p['last']}".split())),
    "lower": (2, lambda rng, p: tr_lower(f"{p['first']} {p['last']}")),
})

TITLES_PATIENT = {True: ("Sayın ", "Bayan ", "Hasta ", "hasta "), False: ("Sayın ", "Bay ", "Hasta ", "hasta ")}
_DR = ("Dr. ", "Uzm. Dr. ", "Op. Dr. ", "Doç. Dr. ", "Prof. Dr. ", "Dr. Öğr. Üyesi ", "Asist. Dr. ", "Uz. Dr. ",
       "Dr ")
TITLES_DOCTOR = {True: _DR, False: _DR}
# written after the name: "Ayşe Hanım", "Mehmet Bey" (outside the span)
HONORIFICS = {True: (" Hanım", " hanım"), False: (" Bey", " bey")}

AGES = Grammar("AGE", {
    "yasinda": (44, lambda rng, n: f"{n} yaşında"),
    "yas": (12, lambda rng, n: f"{n} yaş"),
    "bare": (14, lambda rng, n: str(n)),
    "y": (4, lambda rng, n: f"{n} y"),
    "yasindaki": (10, lambda rng, n: f"{n} yaşındaki"),
    "aylik": (4, lambda rng, n: f"{max(2, n % 12)} aylık"),
    "upper": (2, lambda rng, n: f"{n} YAŞINDA"),
})


def _takip(rng: random.Random) -> str:
    """The SGK (MEDULA) follow-up number of a stay: a digit-letter code of six to eight characters."""
    pool = "ABCDEFGHJKLMNPRSTUVYZ0123456789"
    return digits(rng, 1, "123456789") + "".join(rng.choice(pool) for _ in range(rng.randint(5, 7)))


def _tr_iban(rng: random.Random) -> str:
    """A Turkish IBAN as banks issue them: the 5-digit bank code, a reserved 0, a 16-digit account number."""
    bban = rng.choice(("00010", "00012", "00015", "00046", "00062", "00064", "00067", "00111", "00205", "00206")) \
        + "0" + digits(rng, 16)
    return "TR" + iban_check_digits("TR", bban) + bban


IDS = {
    "tckn": (lambda rng: generate_tr_tckn(rng), "IDNUM"),
    "dosya": (lambda rng: digits(rng, rng.choice((6, 7, 8)), "123456789"), "MEDICALRECORD"),
    "protokol": (lambda rng: digits(rng, rng.choice((5, 6, 7, 9)), "123456789"), "IDNUM"),
    "takip": (_takip, "HEALTHPLAN"),
    # the doctor's diploma registration (tescil) number
    "tescil": (lambda rng: digits(rng, rng.choice((5, 6)), "123456789"), "LICENSE"),
    "iban": (lambda rng: rng.choice((format_iban, lambda v: v))(_tr_iban(rng)), "ACCOUNT"),
}

PROVINCES = ("Adana", "Adıyaman", "Afyonkarahisar", "Ağrı", "Amasya", "Ankara", "Antalya", "Artvin", "Aydın",
             "Balıkesir", "Bilecik", "Bingöl", "Bitlis", "Bolu", "Burdur", "Bursa", "Çanakkale", "Çankırı", "Çorum",
             "Denizli", "Diyarbakır", "Edirne", "Elazığ", "Erzincan", "Erzurum", "Eskişehir", "Gaziantep", "Giresun",
             "Gümüşhane", "Hakkari", "Hatay", "Isparta", "Mersin", "İstanbul", "İzmir", "Kars", "Kastamonu",
             "Kayseri", "Kırklareli", "Kırşehir", "Kocaeli", "Konya", "Kütahya", "Malatya", "Manisa", "Kahramanmaraş",
             "Mardin", "Muğla", "Muş", "Nevşehir", "Niğde", "Ordu", "Rize", "Sakarya", "Samsun", "Siirt", "Sinop",
             "Sivas", "Tekirdağ", "Tokat", "Trabzon", "Tunceli", "Şanlıurfa", "Uşak", "Van", "Yozgat", "Zonguldak",
             "Aksaray", "Bayburt", "Karaman", "Kırıkkale", "Batman", "Şırnak", "Bartın", "Ardahan", "Iğdır",
             "Yalova", "Karabük", "Kilis", "Osmaniye", "Düzce")
DISTRICTS = ("Çankaya", "Keçiören", "Yenimahalle", "Mamak", "Etimesgut", "Kadıköy", "Üsküdar", "Beşiktaş", "Şişli",
             "Bakırköy", "Fatih", "Pendik", "Kartal", "Maltepe", "Bağcılar", "Esenyurt", "Karşıyaka", "Bornova",
             "Konak", "Buca", "Nilüfer", "Osmangazi", "Yıldırım", "Seyhan", "Çukurova", "Muratpaşa", "Kepez",
             "Selçuklu", "Meram", "Melikgazi", "Tepebaşı", "Odunpazarı", "Atakum", "İlkadım", "Ortahisar", "Pamukkale",
             "Merkezefendi", "Şahinbey", "Şehitkamil", "Akdeniz", "Yenişehir", "Toroslar", "Battalgazi", "Yeşilyurt",
             "Haliliye", "Karaköprü", "Merkez", "Bodrum", "Fethiye", "Marmaris", "Alanya", "Manavgat", "İnegöl",
             "Gebze", "İzmit", "Ereğli", "Ünye", "Fatsa", "Bafra", "Tarsus", "Siverek", "Ceyhan")
STREET_WORDS = ("Atatürk", "Cumhuriyet", "İnönü", "Gazi", "Fevzi Çakmak", "Mimar Sinan", "Fatih", "Yunus Emre",
                "Mevlana", "Hürriyet", "İstiklal", "Barış", "Zafer", "Bahçelievler", "Yıldız", "Çamlık", "Gül",
                "Lale", "Menekşe", "Papatya", "Karanfil", "Akasya", "Çınar", "Kardelen", "Sakarya", "Kızılay",
                "Millet", "Namık Kemal", "Ziya Gökalp", "Mehmet Akif Ersoy", "Kazım Karabekir", "Alparslan",
                "Osmangazi",
                "Şehitler", "Kurtuluş", "Yeni", "Esentepe", "Güzelyalı", "Bağlar", "Pınarbaşı", "Yenidoğan")


def street(rng: random.Random, fake) -> tuple[str, str]:
    """(family, address line) as written in Turkey: "Cumhuriyet Mah. İnönü Cad. No: 12 D: 5"."""
    def word() -> str:
        return rng.choice(STREET_WORDS) if rng.random() < 0.7 else fake.last_name()

    mah = f"{word()} {rng.choice(('Mah.', 'Mahallesi', 'Mh.', 'Mah'))}"
    road = f"{word()} {rng.choice(('Cad.', 'Caddesi', 'Sok.', 'Sokak', 'Sk.', 'Bulvarı', 'Blv.'))}"
    no = rng.choice((f"No: {rng.randint(1, 180)}", f"No:{rng.randint(1, 180)}", f"No: {rng.randint(1, 99)}/"
                     f"{rng.randint(1, 20)}", f"No {rng.randint(1, 120)}"))
    flat = rng.choice(("", "", f" D: {rng.randint(1, 30)}", f" Daire: {rng.randint(1, 30)}",
                       f" Kat: {rng.randint(1, 9)} D: {rng.randint(1, 30)}", f"/{rng.randint(1, 20)}",
                       f" {rng.choice('ABC')} Blok D: 4"))
    family, value = weighted(rng, [(40, ("mah_road_no", f"{mah} {road} {no}{flat}")),
                                   (20, ("road_no", f"{road} {no}{flat}")),
                                   (10, ("mah_only", mah)),
                                   (10, ("mah_comma", f"{mah}, {road}, {no}")),
                                   (6, ("upper", tr_upper(f"{mah} {road} {no}"))),
                                   (6, ("site", f"{word()} Sitesi {rng.choice('ABCDE')} Blok {no}"))])
    return family, value


def town(rng: random.Random) -> str:
    return rng.choice(PROVINCES) if rng.random() < 0.6 else rng.choice(DISTRICTS)


def fake(seed: int):
    return faker_for("tr_TR", seed)


_BACK, _FRONT = "aıou", "eiöü"
_VOICELESS = "fstkçşhp"


def suffix(word: str, case: str) -> str:
    """The case ending written after an apostrophe on a proper name, by vowel harmony and consonant assimilation:
    suffix("Ankara", "loc") -> "'da", suffix("Tokat", "loc") -> "'ta", suffix("Yılmaz", "dat") -> "'a",
    suffix("Öztürk", "gen") -> "'ün". `case`: loc (-de), abl (-den), dat (-e), gen (-in). Digits read as "-de"."""
    letters = [ch for ch in tr_lower(word) if ch.isalpha()]
    vowels = [ch for ch in letters if ch in _BACK + _FRONT]
    last = vowels[-1] if vowels else "e"
    back = last in _BACK
    ends_vowel = bool(letters) and letters[-1] in _BACK + _FRONT
    hard = bool(letters) and letters[-1] in _VOICELESS
    d = "t" if hard else "d"
    a = "a" if back else "e"
    if case == "loc":
        return f"'{d}{a}"
    if case == "abl":
        return f"'{d}{a}n"
    if case == "dat":
        return f"'y{a}" if ends_vowel else f"'{a}"
    i = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[last]
    return f"'n{i}n" if ends_vowel else f"'{i}n"


__all__ = ["ABBRS", "AGES", "DATES", "DISTRICTS", "HONORIFICS", "IDS", "MONTHS", "NAMES", "PHONES", "PROVINCES",
           "TITLES_DOCTOR", "TITLES_PATIENT", "fake", "person", "street", "suffix", "town", "tr_lower",
           "tr_upper"]

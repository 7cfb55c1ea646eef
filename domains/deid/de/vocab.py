"""PHI-free German clinical vocabulary at scale: every German noun is capitalised, so a student that has seen few
nouns learns "capitalised word = name". These families give it thousands of capitalised words that are never PHI.

Written from how German clinical letters are written (general medical German, the INN list in German spelling,
common chemotherapy regimen acronyms), not from any corpus:
- `compound`: medical compounds from a modifier (organ, region, system) and a head (finding, function, value,
  procedure): "Nieren" + "insuffizienz", "Leber" + "werte", "Thorax" + "schmerz", also hyphenated
  ("Thorax-Röntgen") as letters write them;
- anatomy, findings, procedures, lab parameters with their units, drug INNs, regimens, everyday nouns of
  measurement and description ("Größe", "Abstand", "Versuch"), inflected adjectives that open a sentence
  ("Unauffällige", "Deutlicher"), lower-case and abbreviated shorthand ("bds.", "re.", "o.B.", "TEP");
- `common_noun`: general German nouns from `nouns.txt` (built by `build_nouns.py` from wngerman, filtered
  against Faker's name and place lists);
- `small_number`: numbers that are no dates or ages (cycles, grades, segments, vertebrae, scores, counts).
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

MODIFIERS = ("Nieren", "Leber", "Herz", "Lungen", "Thorax", "Blut", "Bauch", "Kopf", "Rücken", "Knie", "Hüft",
             "Schulter", "Magen", "Darm", "Gallen", "Harn", "Blasen", "Haut", "Gefäß", "Venen", "Arterien", "Hirn",
             "Nerven", "Muskel", "Knochen", "Gelenk", "Wirbel", "Brust", "Hals", "Ohr", "Augen", "Zahn",
             "Schilddrüsen", "Pankreas", "Milz", "Prostata", "Becken", "Bein", "Arm", "Fuß", "Hand", "Sprunggelenk",
             "Bandscheiben", "Lymphknoten", "Brustwirbel", "Lendenwirbel", "Halswirbel", "Schädel", "Kiefer",
             "Speiseröhren", "Dünndarm", "Dickdarm", "Enddarm", "Mastdarm", "Bronchial", "Rippen", "Zwerchfell",
             "Leisten", "Nasen", "Rachen", "Kehlkopf", "Mund", "Zungen", "Unterbauch", "Oberbauch", "Flanken",
             "Unterschenkel", "Oberschenkel", "Ellenbogen", "Handgelenk", "Finger", "Zehen", "Fersen", "Gesäß",
             "Nebennieren", "Eierstock", "Gebärmutter", "Hoden", "Mamma", "Uterus", "Kolon", "Rektum", "Sigma",
             "Duodenal", "Ösophagus", "Aorten", "Karotis", "Koronar", "Mitral", "Aortenklappen", "Trikuspidal",
             "Pleura", "Peritoneal", "Perikard", "Myokard", "Pulmonal", "Nieren­becken".replace("\u00ad", ""),
             "Gallenblasen", "Gallengangs", "Harnleiter", "Harnröhren", "Leberzell", "Stamm", "Sehnen", "Bänder",
             "Kreislauf", "Atem", "Zucker", "Fett", "Eisen", "Eiweiß", "Salz", "Wasser", "Schlaf", "Schmerz",
             "Wund", "Infekt", "Fieber", "Entzündungs", "Gerinnungs", "Elektrolyt", "Tumor", "Sauerstoff")
HEADS = ("insuffizienz", "versagen", "werte", "wert", "schmerz", "schmerzen", "funktion", "bild", "druck",
         "kontrolle", "untersuchung", "sonographie", "biopsie", "punktion", "entzündung", "tumor", "zyste", "steine",
         "infarkt", "blutung", "erguss", "ödem", "fraktur", "verletzung", "operation", "resektion", "szintigraphie",
         "größe", "umfang", "region", "bereich", "gegend", "abschnitt", "areal", "befund", "läsion", "prellung",
         "schwellung", "rötung", "beschwerden", "metastasen", "karzinom", "stauung", "verkalkung", "verengung",
         "erweiterung", "schwäche", "störung", "zeichen", "spiegel", "status", "lage", "kapsel", "gewebe",
         "drainage", "katheter", "naht", "defekt", "ausfall", "fistel", "abszess", "lähmung", "krampf", "bruch",
         "wand", "schleimhaut", "anteil", "rand", "kontur", "verdickung", "vergrößerung", "reizung", "belastung",
         "diagnostik", "therapie", "ambulanz", "station", "sprechstunde", "labor", "profil", "parameter",
         "screening", "prophylaxe", "zentrum", "konsil", "verlauf", "aufnahme", "darstellung", "mitbeteiligung")
ANATOMY = ("Abdomen", "Thorax", "Pleura", "Peritoneum", "Mediastinum", "Perikard", "Myokard", "Endokard", "Aorta",
           "Vena cava", "Pfortader", "Leber", "Milz", "Pankreas", "Gallenblase", "Niere", "Nieren", "Harnblase",
           "Prostata", "Uterus", "Ovar", "Adnexe", "Mamma", "Axilla", "Leiste", "Hüfte", "Kniegelenk", "Patella",
           "Tibia", "Fibula", "Femur", "Humerus", "Radius", "Ulna", "Klavikula", "Skapula", "Sternum", "Rippe",
           "Wirbelsäule", "Bandscheibe", "Spinalkanal", "Myelon", "Kleinhirn", "Hirnstamm", "Großhirn", "Ventrikel",
           "Stammganglien", "Thalamus", "Hypophyse", "Schilddrüse", "Trachea", "Bronchus", "Lungenflügel",
           "Oberlappen", "Mittellappen", "Unterlappen", "Zwerchfell", "Magen", "Duodenum", "Jejunum", "Ileum",
           "Zäkum", "Appendix", "Kolon", "Sigma", "Rektum", "Anus", "Ösophagus", "Kardia", "Antrum", "Pylorus",
           "Bulbus", "Papille", "Choledochus", "Ureter", "Urethra", "Nierenbecken", "Kelchsystem", "Sehne",
           "Meniskus", "Kreuzband", "Achillessehne", "Rotatorenmanschette", "Sprunggelenk", "Mittelfuß", "Vorfuß",
           "Ferse", "Handgelenk", "Daumen", "Zeigefinger", "Kopfhaut", "Stirn", "Schläfe", "Nacken", "Flanke",
           "Unterbauch", "Oberbauch", "Nabel", "Steiß", "Gesäß", "Oberschenkel", "Unterschenkel", "Wade")
FINDING_WORDS = ("Raumforderung", "Verdichtung", "Verschattung", "Infiltrat", "Erguss", "Stenose", "Okklusion",
                 "Thrombose", "Embolie", "Aneurysma", "Dissektion", "Ischämie", "Nekrose", "Fibrose", "Zirrhose",
                 "Steatose", "Hepatomegalie", "Splenomegalie", "Kardiomegalie", "Dilatation", "Hypertrophie",
                 "Atrophie", "Sklerose", "Arthrose", "Osteoporose", "Osteochondrose", "Spondylose", "Skoliose",
                 "Lordose", "Kyphose", "Protrusion", "Prolaps", "Hernie", "Divertikel", "Divertikulitis", "Polyp",
                 "Ulkus", "Erosion", "Gastritis", "Ösophagitis", "Kolitis", "Appendizitis", "Pankreatitis",
                 "Cholangitis", "Pyelonephritis", "Zystitis", "Urosepsis", "Sepsis", "Pneumonie", "Bronchitis",
                 "Atelektase", "Emphysem", "Pneumothorax", "Lungenödem", "Aszites", "Hämatom", "Kontusion",
                 "Distorsion", "Luxation", "Ruptur", "Läsion", "Metastase", "Lymphadenopathie", "Adipositas",
                 "Kachexie", "Anämie", "Thrombopenie", "Leukopenie", "Neutropenie", "Hyponatriämie",
                 "Hypokaliämie", "Hyperkaliämie", "Hypoglykämie", "Hyperglykämie", "Azidose", "Alkalose",
                 "Dehydratation", "Delir", "Demenz", "Depression", "Angststörung", "Aphasie", "Dysarthrie",
                 "Dysphagie", "Hemiparese", "Paraparese", "Ataxie", "Tremor", "Rigor", "Spastik", "Synkope",
                 "Vertigo", "Nausea", "Emesis", "Diarrhoe", "Obstipation", "Meläna", "Hämatemesis", "Dyspnoe",
                 "Orthopnoe", "Tachykardie", "Bradykardie", "Arrhythmie", "Palpitationen", "Angina pectoris",
                 "Claudicatio", "Ulcus cruris", "Erysipel", "Phlegmone", "Dekubitus", "Pruritus", "Exanthem",
                 "Urtikaria", "Ikterus", "Fieberschub", "Schüttelfrost", "Nachtschweiß", "Leistungsknick",
                 "Belastungsdyspnoe", "Ruhedyspnoe", "Inappetenz", "Gewichtsabnahme", "Schwäche", "Müdigkeit")
PROCEDURE_WORDS = ("Sonographie", "Duplexsonographie", "Echokardiographie", "Computertomographie",
                   "Magnetresonanztomographie", "Szintigraphie", "Angiographie", "Koronarangiographie",
                   "Gastroskopie", "Koloskopie", "Bronchoskopie", "Zystoskopie", "Endosonographie", "Laparoskopie",
                   "Laparotomie", "Thorakotomie", "Sternotomie", "Appendektomie", "Cholezystektomie",
                   "Hemikolektomie", "Sigmaresektion", "Gastrektomie", "Nephrektomie", "Prostatektomie",
                   "Hysterektomie", "Mastektomie", "Thyreoidektomie", "Osteosynthese", "Arthroskopie",
                   "Endoprothese", "Amputation", "Wundversorgung", "Nekrosektomie", "Hauttransplantation",
                   "Stentimplantation", "Ballondilatation", "Ablation", "Kardioversion", "Schrittmacherimplantation",
                   "Hämodialyse", "Hämofiltration", "Plasmapherese", "Transfusion", "Bluttransfusion",
                   "Punktion", "Aszitespunktion", "Pleurapunktion", "Lumbalpunktion", "Knochenmarkpunktion",
                   "Biopsie", "Stanzbiopsie", "Feinnadelpunktion", "Intubation", "Extubation", "Tracheotomie",
                   "Beatmung", "Reanimation", "Katheterisierung", "Anlage", "Drainage", "Spülung", "Infusion",
                   "Physiotherapie", "Ergotherapie", "Logopädie", "Atemtherapie", "Frühmobilisation", "Radiatio",
                   "Chemotherapie", "Immuntherapie", "Strahlentherapie", "Antikoagulation", "Schmerztherapie")
LAB = (("Natrium", "mmol/l"), ("Kalium", "mmol/l"), ("Calcium", "mmol/l"), ("Magnesium", "mmol/l"),
       ("Phosphat", "mmol/l"), ("Chlorid", "mmol/l"), ("Kreatinin", "mg/dl"), ("Harnstoff", "mg/dl"),
       ("Harnsäure", "mg/dl"), ("Bilirubin", "mg/dl"), ("Albumin", "g/l"), ("Gesamteiweiß", "g/dl"),
       ("Ferritin", "ng/ml"), ("Transferrin", "g/l"), ("Eisen", "µg/dl"), ("Troponin", "ng/l"), ("Laktat", "mmol/l"),
       ("Lipase", "U/l"), ("Amylase", "U/l"), ("Quick", "%"), ("Thrombozyten", "/nl"), ("Leukozyten", "/nl"),
       ("Erythrozyten", "/pl"), ("Hämoglobin", "g/dl"), ("Hämatokrit", "%"), ("Glukose", "mg/dl"),
       ("Cholesterin", "mg/dl"), ("Triglyzeride", "mg/dl"), ("Procalcitonin", "ng/ml"), ("Fibrinogen", "g/l"),
       ("Cortisol", "µg/dl"), ("Folsäure", "ng/ml"), ("Vitamin B12", "pg/ml"), ("Lymphozyten", "%"),
       ("Neutrophile", "%"), ("Retikulozyten", "‰"), ("Osmolalität", "mosmol/kg"), ("Ammoniak", "µmol/l"),
       ("Gamma-GT", "U/l"), ("D-Dimere", "mg/l"), ("Myoglobin", "µg/l"), ("Digitoxin", "ng/ml"),
       ("CK", "U/l"), ("CK-MB", "U/l"), ("AP", "U/l"), ("GOT", "U/l"), ("GPT", "U/l"), ("LDH", "U/l"),
       ("TSH", "mU/l"), ("fT3", "pg/ml"), ("fT4", "ng/dl"), ("PTH", "pg/ml"), ("BNP", "pg/ml"), ("CRP", "mg/l"),
       ("HbA1c", "%"), ("LDL", "mg/dl"), ("HDL", "mg/dl"), ("PSA", "ng/ml"), ("CEA", "ng/ml"), ("CA 19-9", "U/ml"))
DRUGS = ("Amoxicillin", "Ampicillin/Sulbactam", "Clindamycin", "Doxycyclin", "Levofloxacin", "Moxifloxacin",
         "Meropenem", "Vancomycin", "Linezolid", "Ceftriaxon", "Cefazolin", "Cefuroxim", "Metronidazol",
         "Cotrimoxazol", "Fosfomycin", "Nitrofurantoin", "Aciclovir", "Fluconazol", "Heparin", "Dabigatran",
         "Edoxaban", "Phenprocoumon", "Clopidogrel", "Ticagrelor", "Prasugrel", "Atorvastatin", "Rosuvastatin",
         "Ezetimib", "Lisinopril", "Enalapril", "Valsartan", "Losartan", "Hydrochlorothiazid", "Spironolacton",
         "Eplerenon", "Digitoxin", "Amiodaron", "Verapamil", "Diltiazem", "Lercanidipin", "Moxonidin", "Urapidil",
         "Doxazosin", "Tamsulosin", "Finasterid", "Omeprazol", "Esomeprazol", "Ondansetron", "Metoclopramid",
         "Domperidon", "Loperamid", "Macrogol", "Lactulose", "Natriumpicosulfat", "Budesonid", "Salbutamol",
         "Tiotropium", "Formoterol", "Montelukast", "Levetiracetam", "Valproat", "Lamotrigin", "Carbamazepin",
         "Gabapentin", "Pregabalin", "Levodopa", "Pramipexol", "Donepezil", "Memantin", "Quetiapin", "Risperidon",
         "Haloperidol", "Olanzapin", "Citalopram", "Sertralin", "Escitalopram", "Venlafaxin", "Duloxetin",
         "Amitriptylin", "Zopiclon", "Diazepam", "Midazolam", "Oxycodon", "Hydromorphon", "Morphin", "Fentanyl",
         "Tilidin/Naloxon", "Paracetamol", "Diclofenac", "Naproxen", "Etoricoxib", "Colchicin", "Febuxostat",
         "Dexamethason", "Hydrocortison", "Methylprednisolon", "Methotrexat", "Azathioprin", "Mesalazin",
         "Infliximab", "Adalimumab", "Rituximab", "Trastuzumab", "Pembrolizumab", "Nivolumab", "Cisplatin",
         "Carboplatin", "Oxaliplatin", "Docetaxel", "Paclitaxel", "Cyclophosphamid", "Doxorubicin", "Epirubicin",
         "Vincristin", "Etoposid", "Capecitabin", "Fluorouracil", "Irinotecan", "Bendamustin", "Lenalidomid",
         "Bortezomib", "Tamoxifen", "Letrozol", "Anastrozol", "Bicalutamid", "Insulin aspart", "Insulin lispro",
         "Sitagliptin", "Empagliflozin", "Dapagliflozin", "Liraglutid", "Semaglutid", "Glimepirid",
         "Kaliumchlorid", "Cholecalciferol", "Eisen(II)-sulfat", "Noradrenalin", "Dobutamin", "Propofol",
         "Sufentanil", "Ketamin", "Piritramid", "Novaminsulfon", "Butylscopolamin", "Acetylcystein",
         "Levothyroxin", "Thiamazol", "Alendronsäure", "Denosumab", "Tranexamsäure", "Vitamin K")
REGIMENS = ("CHOP", "R-CHOP", "R-CHOP-21", "Pola-R-CHP", "FOLFOX", "mFOLFOX6", "FOLFIRI", "FOLFIRINOX", "FLOT",
            "XELOX", "CAPOX", "ABVD", "BEACOPP", "BEACOPP eskaliert", "EC", "EC-T", "ddEC", "TC", "TAC", "FEC", "CMF",
            "AC", "R-Benda", "BR", "VCD", "VRd", "Dara-VRd", "DA-EPOCH-R", "R-ICE", "R-DHAP", "PEB", "TIP",
            "Gem/Cis", "Carbo/Taxol", "Cis/5-FU", "Carboplatin/Paclitaxel", "Gemcitabin/nab-Paclitaxel", "7+3",
            "HD-MTX", "Azacitidin", "Temozolomid")
EVERYDAY = ("Bereich", "Größe", "Abstand", "Versuch", "Fläche", "Umfang", "Ausmaß", "Lage", "Seite", "Höhe", "Tiefe",
            "Breite", "Länge", "Verlauf", "Zustand", "Ergebnis", "Beginn", "Ende", "Dauer", "Rahmen", "Zeitraum",
            "Wert", "Anteil", "Zunahme", "Abnahme", "Rückgang", "Anstieg", "Ausdehnung", "Richtung", "Form",
            "Kontur", "Struktur", "Menge", "Dosis", "Gabe", "Einnahme", "Pause", "Wechsel", "Umstellung",
            "Steigerung", "Reduktion", "Absetzen", "Beobachtung", "Aufklärung", "Einwilligung", "Empfehlung",
            "Rücksprache", "Vorstellung", "Wiedervorstellung", "Entlassung", "Verlegung", "Übernahme", "Aufnahme",
            "Zuweisung", "Nachsorge", "Kontrolle", "Termin", "Befund", "Bericht", "Vorbefund", "Voraufnahme",
            "Anamnese", "Fremdanamnese", "Untersuchung", "Diagnose", "Therapie", "Behandlung", "Maßnahme",
            "Versorgung", "Pflege", "Lagerung", "Mobilität", "Belastbarkeit", "Gehstrecke", "Stufen", "Treppen",
            "Rollator", "Rollstuhl", "Hilfsmittel", "Kompression", "Verband", "Pflaster", "Schiene", "Gips",
            "Orthese", "Sonde", "Port", "Zugang", "Katheter", "Drainage", "Stoma", "Sauerstoff", "Maske",
            "Brille", "Hörgerät", "Prothese", "Ernährung", "Trinkmenge", "Bilanz", "Gewicht", "Körpergröße",
            "Temperatur", "Puls", "Blutdruck", "Atmung", "Sättigung", "Ausscheidung", "Stuhlgang", "Miktion",
            "Schlaf", "Stimmung", "Antrieb", "Appetit", "Schmerzen", "Beschwerden", "Besserung", "Verschlechterung",
            "Stabilisierung", "Rezidiv", "Progress", "Remission", "Abheilung", "Wundheilung", "Narbe", "Reizlosigkeit")
ADJECTIVE_STEMS = ("unauffällig", "regelrecht", "deutlich", "leichtgradig", "mittelgradig", "hochgradig", "gering",
                   "diskret", "ausgeprägt", "beginnend", "fortgeschritten", "bekannt", "chronisch", "akut",
                   "rezidivierend", "ausgedehnt", "multipl", "vereinzelt", "klein", "groß", "normal",
                   "altersentsprechend", "postoperativ", "präoperativ", "ambulant", "stationär", "intermittierend",
                   "persistierend", "progredient", "regredient", "konstant", "rückläufig", "erhöht", "erniedrigt",
                   "eingeschränkt", "erhalten", "fraglich", "neu", "alt", "frisch", "subakut", "beidseitig",
                   "linksseitig", "rechtsseitig", "zentral", "peripher", "proximal", "distal", "symptomatisch",
                   "asymptomatisch", "kompensiert", "dekompensiert", "stabil", "instabil", "komplikationslos",
                   "zunehmend", "abnehmend", "anhaltend", "erneut", "weiter", "primär", "sekundär")
ENDINGS = ("e", "er", "es", "en", "em")
SHORTHAND = ("bds.", "li.", "re.", "o.B.", "z.A.", "Z.n.", "V.a.", "b.B.", "tgl.", "i.v.", "p.o.", "s.c.", "ggf.",
             "bzw.", "ca.", "mind.", "max.", "unauff.", "pos.", "neg.", "re.-seitig", "li.-seitig", "ED", "EZ", "AZ",
             "KG", "NaCl", "HWS", "BWS", "LWS", "ISG", "OSG", "USG", "TEP", "KHK", "pAVK", "DM", "aHT", "CNI", "COPD",
             "OSAS", "GERD", "TVT", "LAE", "HWI", "ACVB", "PCI", "DES", "TAVI", "ICD", "SM", "EF", "LA", "LV", "RV",
             "MRT", "CT", "PET-CT", "ÖGD", "ERCP", "EUS", "TEE", "TTE", "EEG", "EMG", "NLG", "KM", "i.S.", "NW", "KI",
             "MRSA", "ESBL", "VRE", "E. coli", "Staph. aureus", "Kps.", "Tbl.", "Amp.", "Trpf.", "Hub", "Btl.",
             "St.p.", "s.o.", "s.u.", "u.a.", "v.a.", "n.a.", "m.E.", "a.e.", "i.R.", "i.d.R.", "zzgl.", "insg.",
             "Pat.", "Vd.", "Diagn.", "Ther.", "Lab.", "Anam.", "Rö.", "Sono", "Echo", "Reha", "Physio", "Ergo",
             "Logo", "Onko", "Kardio", "Gastro", "Pulmo", "Nephro", "Neuro", "Uro", "Gyn", "Chir", "Ortho", "ITS",
             "IMC", "ZNA", "OP", "AWR", "Stroke Unit", "Chest Pain Unit")
# Numbers that are neither dates nor ages, in the phrases that carry them: "{n}" small, "{r}" a roman numeral.
# No bare "n/m": a month and a two-digit year ("3/19") are written that way, so only a fraction with its cue
# ("NRS 3/10", "L4/5") is taught as no date.
SMALL_NUMBERS = ("Zyklus {n}", "{n}. Zyklus", "Tag {n}", "Tag {n} nach OP", "postoperativ Tag {n}", "Grad {n}",
                 "Stufe {n}", "Stadium {r}", "Segment {n}", "LWK {n}", "BWK {n}", "HWK {n}", "L{n}/{m}", "C{n}/{m}",
                 "Th{n}", "Zahn {n}{m}", "{n}. Rippe", "{n}. Finger", "{n}. Zehe", "{n}. Ventrikel",
                 "Pflegegrad {n}", "ECOG {n}", "ASA {n}", "NRS {n}/10", "VAS {n}", "Mallampati {n}", "BI-RADS {n}",
                 "G{n}", "cT{n} cN{m} M0", "pT{n} pN{m}", "Gleason {n}+{m}", "{n} x täglich", "{n}x tgl.",
                 "{n} Tbl.", "{n} Hub", "{n} EK", "{n} FFP", "{n} Beutel", "{n} von {m}", "MMSE {n}{m}/30",
                 "Woche {n}", "{n}. Woche", "{n} Etagen", "{n} Stufen", "{n} Stockwerke", "Etage {n}", "Bett {n}",
                 "{n} Kinder", "{n} Geschwister", "{n} Schwangerschaften", "{n} Geburten", "G{n} P{m}",
                 "{n} Stunden", "{n} Minuten", "{n} Liter", "{n} l O2", "{n} x {m} cm", "{n},{m} cm", "{n} mm",
                 "{n}{m} Gy", "{n} x {m} Gy", "{n} Punkte", "Score {n}", "CHA2DS2-VASc {n}", "HAS-BLED {n}",
                 "{n}-fach", "{n}-Gefäß-KHK", "{n}. Lebensdekade")
ROMANS = ("I", "II", "III", "IV", "IIa", "IIb", "IIIa", "IIIb", "IVa", "IVb")


def compound(rng: random.Random) -> str:
    """A medical compound noun: modifier + head, written solid (most) or hyphenated."""
    mod, head = rng.choice(MODIFIERS), rng.choice(HEADS)
    if rng.random() < 0.15:
        return f"{mod}-{head[:1].upper()}{head[1:]}"
    return mod + head


def adjective(rng: random.Random) -> str:
    """An inflected adjective as it opens a sentence or an item: "Unauffällige", "Deutlicher"."""
    stem = rng.choice(ADJECTIVE_STEMS)
    return stem[:1].upper() + stem[1:] + rng.choice(ENDINGS)


@lru_cache(maxsize=1)
def common_nouns() -> tuple[str, ...]:
    """General German nouns from the committed `nouns.txt` (comment lines start with '#')."""
    text = Path(__file__).with_name("nouns.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


def lab_value(rng: random.Random) -> str:
    name, unit = rng.choice(LAB)
    value = f"{rng.randint(0, 150)},{rng.randint(0, 9)}" if rng.random() < 0.6 else str(rng.randint(1, 400))
    return f"{name} {value}{rng.choice((' ', ' ', ''))}{unit}" if rng.random() < 0.7 else f"{name} {value}"


def small_number(rng: random.Random) -> str:
    return rng.choice(SMALL_NUMBERS).format(n=rng.randint(1, 9), m=rng.randint(1, 9), r=rng.choice(ROMANS))


FAMILIES = {
    "compound": compound,
    "anatomy": lambda rng: rng.choice(ANATOMY),
    "finding": lambda rng: rng.choice(FINDING_WORDS),
    "procedure": lambda rng: rng.choice(PROCEDURE_WORDS),
    "lab": lambda rng: rng.choice(LAB)[0],
    "drug": lambda rng: rng.choice(DRUGS),
    "regimen": lambda rng: rng.choice(REGIMENS),
    "everyday": lambda rng: rng.choice(EVERYDAY),
    "adjective": adjective,
    "shorthand": lambda rng: rng.choice(SHORTHAND),
    "common_noun": lambda rng: rng.choice(common_nouns()),
}
# Weights for a noun drawn where a capitalised word stands (a list item, a decoy): mostly clinical words.
NOUN_WEIGHTS = (("compound", 22), ("anatomy", 8), ("finding", 12), ("procedure", 8), ("lab", 6), ("drug", 8),
                ("regimen", 3), ("everyday", 10), ("adjective", 5), ("shorthand", 6), ("common_noun", 12))


def noun(rng: random.Random, family: str | None = None) -> str:
    """A PHI-free capitalised word (or shorthand) of a family drawn by `NOUN_WEIGHTS`."""
    if family is None:
        total = sum(w for _, w in NOUN_WEIGHTS)
        pick = rng.random() * total
        for name, w in NOUN_WEIGHTS:
            pick -= w
            if pick < 0:
                family = name
                break
        else:
            family = NOUN_WEIGHTS[-1][0]
    return FAMILIES[family](rng)


# PHI-free sentences built on these families; capitalised nouns stand where names and places stand in other
# sentences (after "in", "aus", "nach", "von", "bei", at the start, in lists).
SENTENCES = ("{Adj} {finding} im Bereich der {anatomy}.", "{Adj} {compound} bei {finding}.",
             "Im Verlauf {compound} rückläufig.", "{compound} und {compound} unauffällig.",
             "Verlegung nach {procedure} auf die {ward}.", "Übernahme aus der {ward} zur {procedure}.",
             "Zustand nach {procedure} {short}.", "Aufnahme bei {finding} und {compound}.",
             "Bei {finding} erfolgte eine {procedure}.", "Therapie mit {drug} nach {regimen}, {num}.",
             "Im Labor {lab}, {lab}, {lab}.", "Kontrolle von {lab} und {compound} in {num}.",
             "{Adj} {noun} {short}.", "{noun}: {num}.", "Es zeigte sich kein Hinweis auf {finding}.",
             "In der {procedure} {adj} {compound}, {num}.", "{drug} wurde bei {finding} pausiert.",
             "Wiederaufnahme von {drug} {short} empfohlen.", "Keine {compound}, keine {finding}.",
             "Nach {num} {compound} {short}.", "{compound}: {adj} {noun}, {num}.",
             "Von {anatomy} bis {anatomy} {adj} {finding}.", "Aus {compound} kein Anhalt für {finding}.",
             "{regimen}, {num}, gut vertragen.", "{noun} und {noun} wurden besprochen.",
             "Mit {noun} und {noun} {short} entlassen.")
WARDS = ("Intensivstation", "Normalstation", "Notaufnahme", "Stroke Unit", "IMC", "Intermediate Care",
         "Tagesklinik", "Ambulanz", "Kardiologie", "Geriatrie", "Neurologie", "Chirurgie", "Onkologie",
         "Palliativstation", "Frührehabilitation", "Kurzzeitpflege", "Häuslichkeit", "Hausarztpraxis")


def sentence(rng: random.Random) -> str:
    """One PHI-free sentence of the families above."""
    fields = {"Adj": lambda: adjective(rng), "adj": lambda: adjective(rng).lower(),
              "finding": lambda: rng.choice(FINDING_WORDS),
              "anatomy": lambda: rng.choice(ANATOMY), "compound": lambda: compound(rng),
              "procedure": lambda: rng.choice(PROCEDURE_WORDS), "ward": lambda: rng.choice(WARDS),
              "short": lambda: rng.choice(SHORTHAND), "drug": lambda: rng.choice(DRUGS),
              "regimen": lambda: rng.choice(REGIMENS), "num": lambda: small_number(rng), "lab": lambda: lab_value(rng),
              "noun": lambda: noun(rng)}
    text = rng.choice(SENTENCES)
    for key, make in fields.items():
        while "{" + key + "}" in text:
            text = text.replace("{" + key + "}", make(), 1)
    return text


def decoy(rng: random.Random, kind: str = "person") -> str:
    """A PHI-free word for a slot where a name ("person") or a place ("place") stands, cased as a name would be
    there now and then: no gold span, so a name's context alone does not make a name."""
    word = rng.choice(WARDS) if kind == "place" and rng.random() < 0.5 else noun(rng)
    roll = rng.random()
    return word.upper() if roll < 0.1 else word

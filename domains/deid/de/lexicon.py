"""German clinical vocabulary for the synthesizer: what is never PHI (eponyms, drugs, departments, findings) and the
shapes of institution names. Written from general German clinical usage, not from any corpus."""

from __future__ import annotations

# Capitalised words that look like names or places but are clinical: eponyms, scores, signs, brand names.
EPONYMS = ("Parkinson", "Crohn", "Alzheimer", "Hodgkin", "Wilson", "Cushing", "Addison", "Basedow", "Bechterew",
           "Hashimoto", "Barrett", "Guillain-Barré", "Babinski", "Lasègue", "Murphy", "Rovsing", "Virchow",
           "Glasgow", "Apgar", "Karnofsky", "Child-Pugh", "Gleason", "Fontaine", "Dukes", "Billroth", "Doppler",
           "Holter", "Quick", "Barthel", "Sjögren", "Raynaud", "Kaposi", "Menière", "Horner", "Brugada", "Lyme",
           "Ziehl-Neelsen", "Trendelenburg", "Valsalva", "Romberg", "Tinetti", "Hoehn-Yahr", "Lown", "Forrest")
EPONYM_PHRASES = ("Morbus {e}", "{e}-Zeichen", "{e}-Score", "{e}-Reflex", "{e}-Klassifikation", "{e}-Index",
                  "{e}-Syndrom", "{e}-Test")
DRUGS = ("Ramipril", "Metoprolol", "Bisoprolol", "Torasemid", "Pantoprazol", "ASS 100", "Simvastatin", "Metformin",
         "L-Thyroxin", "Furosemid", "Candesartan", "Amlodipin", "Allopurinol", "Prednisolon", "Cefuroxim",
         "Ciprofloxacin", "Piperacillin/Tazobactam", "Metamizol", "Ibuprofen", "Enoxaparin", "Apixaban",
         "Rivaroxaban", "Insulin glargin", "Lorazepam", "Mirtazapin", "Tramadol")
BRANDS = ("Marcumar", "Xarelto", "Eliquis", "Novalgin", "Tavor", "Clexane", "Pantozol", "Dekristol", "Lasix",
          "Beloc-Zok", "Delix", "Zyloric", "Euthyrox", "Jardiance", "Entresto", "Berodual", "Spiriva")
DEPARTMENTS = ("Innere Medizin", "Kardiologie", "Gastroenterologie", "Pneumologie", "Allgemein- und Viszeralchirurgie",
               "Unfallchirurgie und Orthopädie", "Neurologie", "Urologie", "Geriatrie", "Nephrologie",
               "Hämatologie und Onkologie", "Gynäkologie und Geburtshilfe", "Anästhesiologie und Intensivmedizin",
               "Psychiatrie und Psychotherapie", "Radiologie")
DIAGNOSES = ("Akuter Myokardinfarkt (NSTEMI)", "Dekompensierte Herzinsuffizienz (NYHA III)",
             "Ambulant erworbene Pneumonie", "Vorhofflimmern, tachykard übergeleitet", "Diabetes mellitus Typ 2",
             "Arterielle Hypertonie", "Chronische Niereninsuffizienz Stadium 3", "COPD GOLD II",
             "Akute Cholezystitis bei Cholezystolithiasis", "Ischämischer Schlaganfall im Mediastromgebiet links",
             "Morbus {eponym}", "Z.n. Hüft-TEP rechts", "Harnwegsinfekt", "Exsikkose", "Anämie unklarer Genese")
FINDINGS = ("seit {n} Tagen bestehender Dyspnoe", "thorakalen Schmerzen mit Ausstrahlung in den linken Arm",
            "Fieber bis 39 °C und produktivem Husten", "zunehmender Beinödeme", "eines Sturzes im häuslichen Umfeld",
            "rechtsseitiger Oberbauchschmerzen", "akuter Verwirrtheit", "Gewichtsverlust von {n} kg",
            "Schwindel und Synkope", "Hämaturie")
EXAMS = ("Im Labor zeigten sich ein CRP von {n}{n} mg/l und eine Leukozytose von {n}{n},{n} Gpt/l.",
         "Im EKG Sinusrhythmus, HF {n}0/min, keine Erregungsrückbildungsstörungen.",
         "Röntgen-Thorax: Infiltrat im rechten Unterfeld, kein Pleuraerguss.",
         "Sonographisch zeigte sich eine Cholezystolithiasis ohne Zeichen der Cholestase.",
         "Echokardiographisch eine eingeschränkte LVEF von {n}0 %.",
         "Das cCT ergab keinen Anhalt für eine intrakranielle Blutung.",
         "Blutkulturen blieben steril.", "Das {eponym}-Zeichen war negativ.",
         "Klinisch kein Meningismus, Lasègue beidseits negativ.")
COURSE = ("Unter antibiotischer Therapie mit {drug} kam es zu einer raschen Besserung.",
          "Der stationäre Verlauf gestaltete sich komplikationslos.",
          "Wir führten eine {proc} durch, die komplikationslos verlief.",
          "Die Medikation mit {brand} wurde bei Blutungsneigung pausiert.",
          "Die Patientin wurde nach {n} Tagen in gebessertem Allgemeinzustand entlassen.",
          "Ein Konsil der {department} empfahl eine ambulante Kontrolle.",
          "Ein Morbus {eponym} konnte ausgeschlossen werden.")
PROCEDURES = ("Koronarangiographie", "laparoskopische Cholezystektomie", "Gastroskopie", "Koloskopie",
              "Pleurapunktion", "Bronchoskopie", "Kardioversion", "Lumbalpunktion")
KIN = (("Ehefrau", True), ("Ehemann", False), ("Tochter", True), ("Sohn", False), ("Schwester", True),
       ("Bruder", False), ("Lebensgefährtin", True), ("Enkel", False))

# Institution shapes: {city} a town, {saint} a saint's name, {surname} a surname.
HOSPITALS = ("Klinikum {city}", "Universitätsklinikum {city}", "Städtisches Klinikum {city}",
             "Kreiskrankenhaus {city}", "St.-{saint}-Krankenhaus", "{saint}-Hospital {city}",
             "Evangelisches Krankenhaus {city}", "Krankenhaus {city}", "Klinik {surname}", "Klinikum {city}-Nord",
             "Fachklinik {city}", "Reha-Klinik {city}", "MVZ {city}", "Marienkrankenhaus {city}",
             "Landesklinikum {city}", "Landeskrankenhaus {city}", "LKH {city}", "UKH {city}", "KH {city}",
             "Klinik für {department} des Klinikums {city}", "Abteilung für {department} des Krankenhauses {city}",
             "Krankenhaus der {order} {city}", "Klinikum {abbr}", "Bezirkskrankenhaus {city}",
             "{saint}-Klinik {city}", "Universitätsklinik für {department} {city}")
# Religious orders and charities that run hospitals, as hospital names use them.
ORDERS = ("Elisabethinen", "Barmherzigen Schwestern", "Johanniter", "Malteser", "Vinzentinerinnen", "Diakonie",
          "Franziskanerinnen", "Kreuzschwestern")
ORGANIZATIONS = ("Pflegeheim {saint}", "Seniorenresidenz {city}", "{company}", "Stadtverwaltung {city}",
                 "Universität {city}", "Sozialstation {city}", "Diakonie {city}", "Praxis {surname}")
DOMAINS = ("web.de", "gmx.de", "t-online.de", "gmail.com", "klinikum.de", "uniklinik.de")
# Telegraphic headings of German letters, followed by lists of capitalised nouns (never PHI).
HEADINGS = ("Status", "Labor", "Neurologisch", "Abdomen", "Pulmo", "Cor", "Haut", "Befund", "Sonographie",
            "Röntgen-Thorax", "Vorerkrankungen", "Nebendiagnosen", "Medikation", "Allergien", "Risikofaktoren",
            "Procedere", "Epikrise")
NOUNS = ("Sensibilität", "Motorik", "Reflexe", "Koordination", "Hirnnerven", "Bauchdecke", "Darmgeräusche",
         "Druckschmerz", "Abwehrspannung", "Vesikuläratmen", "Rasselgeräusche", "Herztöne", "Herzgeräusche",
         "Blutbildkontrolle", "Wundkontrolle", "Mobilisation", "Physiotherapie", "Ernährungsberatung", "Kostaufbau",
         "Indifferenztyp", "Sinusrhythmus", "Lagetyp", "Pleuraerguss", "Aszites", "Ödeme", "Exsikkose", "Ikterus",
         "Zyanose", "Lymphknoten", "Schilddrüse", "Nierenlager", "Wirbelsäule", "Gangbild", "Orientierung",
         "Bewusstseinslage", "Schmerzskala", "Thromboseprophylaxe", "Nikotinkarenz", "Gewichtsreduktion")
ABBREVIATED = ("M. {e}", "St. p. {proc}", "Z. n. {proc}", "V. a. {dx}", "DD {dx}", "Hkt", "Krea", "Hb", "GOT", "GPT",
               "LDH", "CRP", "TSH", "HbA1c", "BSG", "INR", "aPTT", "eGFR", "NT-proBNP")

REGIMENS = ("CHOP", "R-CHOP", "FOLFIRI", "FLOT", "ABVD", "BEACOPP", "Carboplatin/Paclitaxel", "Gemcitabin")

# Numbers that are not PHI: durations, vital signs, laboratory values, sizes, stages, doses.
DURATIONS = ("seit {n} Jahren", "vor {n} Jahren", "seit {n} Tagen", "für {n} Wochen", "nach {n} Zyklen",
             "in den letzten {n} Monaten", "seit etwa {n} Jahren", "über {n} Tage")
MEASURES = ("RR {a}/{b} mmHg", "HF {n}{n}/min", "Temp. 37,{n} °C", "SpO2 9{n} %", "Hb {n}{n},{n} g/dl",
            "Krea 1,{n} mg/dl", "CRP {n}{n} mg/l", "Leukozyten {n}{n},{n} Gpt/l", "INR {n},{n}", "BZ 1{n}{n} mg/dl",
            "BMI {n}{n},{n} kg/m²", "LVEF {n}{n} %", "Raumforderung von {n} x {n} cm", "PSA {n},{n} ng/ml",
            "NYHA II", "GCS 1{n}", "Barthel-Index {n}0 Punkte", "pT2 pN0", "Stadium III", "{n}{n} mg 1-0-1")
SENTENCES = ("Bekannte {dx} {duration}.", "Bei Aufnahme: {measure}, {measure}, {measure}.",
             "Laborchemisch: {measure}, {measure} und {measure}.", "Beschwerden {duration}.",
             "Wir begannen eine Therapie mit {drug} ({measure}).", "Nikotinabusus mit {n}{n} pack years.",
             "Keine bekannten Allergien.", "Ergänzend erfolgte eine {proc}.",
             "Kontrolle um {n}{n}.{n}5 Uhr.", "Chemotherapie nach dem {regimen}-Schema, {n}. Zyklus.",
             "{n}. Zyklus {regimen} am Vortag.", "Visite um {n}:{n}0 Uhr.",
             "Bei Verdacht auf {eponym_phrase} erfolgte eine {proc}.", "Alkohol: gelegentlich.")

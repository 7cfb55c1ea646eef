"""French clinical vocabulary for the synthesizer: what is never PHI (eponyms, drugs and their brand names, services,
hospital abbreviations, findings) and the shapes of institution names. Written from general French clinical usage,
not from any corpus."""

from __future__ import annotations

# Capitalised words that look like names or places but are clinical: eponyms of diseases, of signs, scores and
# classifications, and of devices and stains.
DISEASE_EPONYMS = ("Parkinson", "Alzheimer", "Crohn", "Basedow", "Hashimoto", "Horton", "Raynaud", "Gougerot-Sjögren",
                   "Guillain-Barré", "Kaposi", "Wolff-Parkinson-White", "Dupuytren", "Charcot-Marie-Tooth", "Barrett",
                   "Hodgkin", "Cushing", "Addison", "Wilson", "Lyme", "Bouveret", "Quincke", "Ménière", "Brugada",
                   "Paget", "Verneuil", "Biermer", "Willebrand", "Still", "Kawasaki", "Takayasu", "Waldenström")
SIGN_EPONYMS = ("Babinski", "Lasègue", "Murphy", "Mac Burney", "Romberg", "Homans", "Chvostek", "Kernig",
                "Brudzinski", "Trousseau", "Cullen", "Rovsing", "Tinel", "Phalen")
SCORES = ("Glasgow", "Apgar", "Gleason", "Child-Pugh", "Karnofsky", "Mallampati", "Ramsay", "Norton", "Killip",
          "Fontaine", "Breslow", "Wells", "Genève", "CHA2DS2-VASc", "HAS-BLED", "Braden", "MMSE", "Rankin")
TOOLS = ("Doppler", "Holter", "Swan-Ganz", "Foley", "Pfannenstiel", "Whipple", "Hartmann", "Trendelenburg",
         "Valsalva", "Seldinger", "Ziehl-Neelsen", "Gram", "Cockcroft", "Widal", "Korotkoff")
EPONYMS = DISEASE_EPONYMS + SIGN_EPONYMS + SCORES + TOOLS
# What a suspicion can be of: a disease named after someone.
EPONYM_PHRASES = ("maladie de {d}", "syndrome de {d}", "maladie de {d}")
DRUGS = ("paracétamol", "amoxicilline", "amoxicilline-acide clavulanique", "ceftriaxone", "furosémide", "bisoprolol",
         "ramipril", "amlodipine", "metformine", "enoxaparine", "apixaban", "rivaroxaban", "atorvastatine",
         "lévothyroxine", "ésoméprazole", "oméprazole", "prednisolone", "morphine", "oxycodone", "tramadol",
         "insuline glargine", "acide acétylsalicylique", "clopidogrel", "spironolactone", "allopurinol",
         "salbutamol", "lorazépam", "zopiclone", "néfopam", "phloroglucinol", "macrogol", "fluindione")
# Brand names: capitalised like surnames, never PHI.
BRANDS = ("Doliprane", "Dafalgan", "Efferalgan", "Kardégic", "Lovenox", "Previscan", "Coumadine", "Xarelto",
          "Eliquis", "Lasilix", "Inexium", "Mopral", "Augmentin", "Rocéphine", "Tahor", "Levothyrox", "Xanax",
          "Lexomil", "Spasfon", "Smecta", "Ventoline", "Seretide", "Stilnox", "Imovane", "Acupan", "Forlax",
          "Solupred", "Skenan", "Oxynorm", "Lantus", "Novorapid", "Plavix", "Aldactone", "Zyloric", "Diffu-K")
SERVICES = ("Médecine interne", "Cardiologie", "Pneumologie", "Gastro-entérologie", "Chirurgie viscérale et digestive",
            "Urologie", "Neurologie", "Gériatrie", "Néphrologie", "Hématologie clinique", "Oncologie médicale",
            "Rhumatologie", "Endocrinologie-Diabétologie", "Maladies infectieuses et tropicales",
            "Réanimation médicale", "Orthopédie-Traumatologie", "Médecine polyvalente", "Soins de suite et de "
            "réadaptation", "Unité de soins intensifs de cardiologie", "Court séjour gériatrique")
DIAGNOSES = ("Pneumopathie aiguë communautaire", "Insuffisance cardiaque décompensée", "Fibrillation atriale",
             "Embolie pulmonaire", "Pyélonéphrite aiguë", "Cholécystite aiguë lithiasique",
             "Accident vasculaire cérébral ischémique", "Exacerbation de BPCO", "Diabète de type 2 déséquilibré",
             "Hypertension artérielle", "Insuffisance rénale aiguë fonctionnelle", "Syndrome coronarien aigu",
             "Maladie de {disease}", "Chute avec traumatisme crânien", "Anémie ferriprive", "Hyponatrémie",
             "Sepsis à point de départ urinaire", "Altération de l'état général", "Occlusion sur bride")
FINDINGS = ("une dyspnée d'aggravation progressive depuis {n} jours", "une douleur thoracique constrictive",
            "une fièvre à 39 °C avec frissons", "des œdèmes des membres inférieurs",
            "une chute à domicile sans perte de connaissance", "une douleur de l'hypochondre droit",
            "une confusion d'apparition brutale", "une perte de poids de {n} kg", "des malaises à répétition",
            "une hématurie macroscopique", "une altération de l'état général", "des douleurs abdominales diffuses")
EXAMS = ("Le bilan biologique retrouvait une CRP à {n}{n} mg/l et une hyperleucocytose à {n}{n} G/l.",
         "L'ECG montrait un rythme sinusal à {n}0/min sans trouble de la repolarisation.",
         "La radiographie de thorax objectivait un foyer basal droit.",
         "L'échographie abdominale mettait en évidence une vésicule lithiasique.",
         "L'ETT retrouvait une FEVI à {n}0 %.", "Le scanner cérébral ne montrait pas de saignement.",
         "Les hémocultures sont restées stériles.", "L'ECBU était positif à E. coli multisensible.",
         "Le signe de {sign} était négatif.", "Holter ECG des 24 heures sans trouble du rythme.",
         "Le scanner thoraco-abdomino-pelvien était sans particularité.")
COURSE = ("L'évolution a été favorable sous {drug}.", "Les suites ont été simples.",
          "Une {proc} a été réalisée sans complication.", "Le {brand} a été suspendu devant un saignement digestif.",
          "Le retour à domicile a été organisé après {n} jours d'hospitalisation.",
          "Un avis spécialisé ({service}) a été sollicité, qui préconise une surveillance.",
          "Une maladie de {disease} a été écartée.", "Le patient est resté apyrétique et hémodynamiquement stable.")
PROCEDURES = ("coronarographie", "cholécystectomie sous cœlioscopie", "fibroscopie œso-gastro-duodénale",
              "coloscopie", "ponction pleurale", "fibroscopie bronchique", "cardioversion électrique",
              "ponction lombaire", "pose de PICC line", "ablation de sonde à demeure")
# A relative named at the start of a nurse's or a doctor's line: "Fille Nadia prévenue au 06 ...".
KIN_BARE = (("Fils", False), ("Fille", True), ("Épouse", True), ("Époux", False), ("Sœur", True), ("Frère", False),
            ("Belle-fille", True), ("Neveu", False))
KIN = (("son épouse", True), ("son époux", False), ("sa fille", True), ("son fils", False), ("sa sœur", True),
       ("son frère", False), ("sa compagne", True), ("sa nièce", True), ("son petit-fils", False))

# Institution shapes: {city} a town, {saint} a saint's name ("Saint-Joseph"), {surname} a person's full name.
HOSPITALS = ("Centre Hospitalier Universitaire de {city}", "CHU de {city}", "Centre Hospitalier de {city}",
             "CH de {city}", "Centre Hospitalier Régional de {city}", "CHR de {city}", "Hôpital {saint}",
             "Hôpital {surname}", "Clinique {saint}", "Clinique du {place}", "Groupe Hospitalier {surname}",
             "Hospices Civils de {city}", "Polyclinique de {city}", "Centre Hospitalier Intercommunal de {city}",
             "Hôpital privé de {city}", "Centre Hospitalier {surname}", "Institut {surname}",
             "Centre de lutte contre le cancer {surname}", "Hôpital {saint} de {city}", "Clinique de l'{place_v}",
             "Clinique des {plants}", "Polyclinique de l'{place_v}")
PLACES_VOWEL = ("Anjou", "Atlantique", "Europe", "Estuaire", "Union", "Orangerie", "Alma", "Espérance", "Ormeau")
PLACES = ("Parc", "Lac", "Val d'Ouest", "Mont-Blanc", "Pont de Chaume", "Grand Large", "Golfe", "Tonkin")
# Where a patient lives when not at home, and where people work.
RESIDENCES = ("EHPAD {saint}", "EHPAD Les {plants}", "Résidence Les {plants}", "Foyer d'accueil médicalisé de {city}",
              "Maison de retraite {saint}", "EHPAD de {city}")
ORGANIZATIONS = ("Mairie de {city}", "Université de {city}", "{company}", "CPAM de {city}", "SSIAD de {city}",
                 "La Poste", "SNCF", "Conseil départemental", "Lycée {surname}", "Collège {surname}")
PLANTS = ("Tilleuls", "Lilas", "Glycines", "Cèdres", "Peupliers", "Mimosas", "Charmilles", "Oliviers", "Acacias")
# Streets named after people, dates and places, as French streets commonly are; numbers with bis/ter.
STREET_NAMES = ("du Général de Gaulle", "Jean Jaurès", "Victor Hugo", "de la République", "Pasteur", "de la Gare",
                "du 8 Mai 1945", "du 11 Novembre", "Gambetta", "Carnot", "de la Liberté", "des Écoles",
                "Jules Ferry", "du Moulin", "de l'Église", "Émile Zola", "Voltaire", "du Château", "des Lilas",
                "Anatole France", "Paul Bert", "de Verdun", "Jean Moulin", "du Stade", "Nationale")
STREET_TYPES = ("rue", "avenue", "boulevard", "place", "allée", "chemin", "impasse", "route", "quai", "cours")
ADDRESS_MORE = ("", "", "", "", ", bât. B", ", appt 12", ", résidence Les Tilleuls", ", 3e étage")
# Countries of birth as French documents name them (Faker's list adds rarer ones).
COUNTRIES = ("Algérie", "Maroc", "Tunisie", "Portugal", "Italie", "Espagne", "Turquie", "Sénégal", "Mali",
             "Côte d'Ivoire", "Cameroun", "Roumanie", "Belgique", "Suisse", "Allemagne", "Royaume-Uni", "Chine",
             "Vietnam", "Haïti", "Comores", "Madagascar", "Pologne", "Congo", "Liban")
DOMAINS = ("orange.fr", "wanadoo.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "hotmail.fr", "yahoo.fr",
           "chu.fr", "ch.fr")
# Hospital abbreviations in running text, never PHI.
CONDITION_ACRONYMS = ("HTA", "DT2", "FA", "BPCO", "IDM", "AVC", "AIT", "EP", "TVP", "IRC", "OAP", "SCA", "SAOS",
                      "AOMI", "RGO", "IRA", "AEG", "OMI")
EXAM_ACRONYMS = ("ETT", "IRM", "TDM", "ECBU", "NFS", "EFR", "EEG", "EMG", "TEP-TDM", "FOGD", "BU", "ETO", "ECG")
ACRONYMS = CONDITION_ACRONYMS + EXAM_ACRONYMS + ("EVA", "RAD", "SSR", "EHPAD", "IDE", "SAU", "USIC", "UHCD", "HDJ",
                                                "ATCD", "RAS", "SAD", "AVK", "AOD", "HBPM", "IPP", "ARA2", "IEC")
# Numbers that are not PHI: durations, vital signs, laboratory values, sizes, stages, doses.
DURATIONS = ("depuis {n} ans", "il y a {n} ans", "depuis {n} jours", "pendant {n} semaines", "après {n} cures",
             "au cours des {n} derniers mois", "depuis environ {n} ans", "sur {n} jours")
VITALS = ("PA {a}/{b} mmHg", "FC {n}{n}/min", "T° 37,{n} °C", "SpO2 9{n} % en air ambiant", "FR {n}{n}/min",
          "IMC {n}{n},{n} kg/m²", "EVA {n}/10", "GCS 1{g}", "poids {n}{n} kg")
LABS = ("Hb {n}{n},{n} g/dl", "créatinine {n}{n} µmol/l", "CRP {n}{n} mg/l", "leucocytes {n}{n},{n} G/l", "INR {n},{n}",
        "glycémie 1,{n} g/l", "PSA {n},{n} ng/ml", "Na 1{n}{n} mmol/l", "K {n},{n} mmol/l", "DFG {n}{n} ml/min",
        "plaquettes {n}{n}{n} G/l", "BNP {n}{n}{n} pg/ml", "TSH {n},{n} mUI/l", "HbA1c {n},{n} %")
DOSES = ("{n}{n} mg matin et soir", "{n} mg/j", "{n}{n}0 mg x 3/j", "{n} g/j", "{n}000 UI/j")
SENTENCES = ("Antécédent de {dx} {duration}.", "À l'entrée : {vital}, {vital}, {vital}.",
             "Biologie : {lab}, {lab} et {lab}.", "Symptomatologie évoluant {duration}.",
             "Introduction de {drug} ({dose}).", "Tabagisme sevré, {n}{n} PA.", "Pas d'allergie connue.",
             "Réalisation d'une {proc}.", "Contrôle à {h}h{n}0.",
             "Devant la suspicion de {eponym_phrase}, une {proc} est réalisée.",
             "ATCD : {cond}, {cond}, {cond}.", "Relais HBPM-AVK, INR cible entre 2 et 3.",
             "Score de {score} à {n}.", "{exam_acr} : RAS.", "{exam_acr} réalisé(e) le lendemain : {dx}.",
             "Alcool : occasionnel.", "Poursuite du traitement par {drug}.",
             "Signe de {sign} négatif, pas de déficit sensitivo-moteur.",
             "Réévaluation à {h}h{n}0.", "Appel de l'interne de garde vers {h}h.", "Toilette faite à {h}h{n}0.")
# Discharge prescriptions as French ordonnances write them: drug, strength, dose and schedule.
MEDICATION_LINES = ("Kardégic 75 mg : 1 sachet le midi", "Doliprane 1 g : 1 cp toutes les 6 heures si douleur",
                    "Lovenox 4000 UI : 1 injection sous-cutanée le soir", "Eliquis 5 mg : 1 cp matin et soir",
                    "Lasilix 40 mg : 1 cp le matin", "Bisoprolol 2,5 mg : 1 cp le matin",
                    "Inexium 20 mg : 1 cp le soir", "Levothyrox 75 µg : 1 cp le matin à jeun",
                    "Tahor 40 mg : 1 cp le soir", "Metformine 1000 mg : 1 cp matin et soir",
                    "Augmentin 1 g : 1 cp matin, midi et soir pendant 7 jours", "Ramipril 5 mg : 1 cp le matin",
                    "Lantus : 18 UI le soir", "Forlax 10 g : 1 sachet le matin", "Imovane 7,5 mg : 1/2 cp au coucher",
                    "Xarelto 20 mg : 1 cp au dîner", "Amlodipine 5 mg : 1 cp le matin",
                    "Spasfon : 2 cp si douleur, maximum 6 par jour", "Diffu-K : 1 gélule matin et soir",
                    "Solupred 20 mg : 2 cp le matin pendant 5 jours", "Ventoline : 2 bouffées si gêne respiratoire")

"""Word lists for the offline note synthesizer (general clinical vocabulary, written for medkiln)."""

from __future__ import annotations

CHRONIC = (
    "hypertension", "type 2 diabetes mellitus", "diabetes", "hyperlipidemia", "coronary artery disease",
    "congestive heart failure", "heart failure", "atrial fibrillation", "chronic kidney disease", "COPD",
    "asthma", "hypothyroidism", "obesity", "obstructive sleep apnea", "osteoarthritis", "rheumatoid arthritis",
    "gastroesophageal reflux disease", "GERD", "depression", "anxiety", "chronic back pain", "anemia",
    "peripheral vascular disease", "cirrhosis", "HIV", "hepatitis C", "dementia", "Parkinson disease",
    "epilepsy", "migraine", "glaucoma", "benign prostatic hyperplasia", "osteoporosis", "psoriasis",
    "chronic pancreatitis", "sickle cell disease", "multiple sclerosis", "HTN", "DM2", "CAD", "CHF", "CKD",
    "afib", "hyperkalemia", "hyponatremia",
)
EVENTS = (
    "myocardial infarction", "MI", "stroke", "CVA", "TIA", "pneumonia", "deep vein thrombosis", "DVT",
    "pulmonary embolism", "PE", "appendicitis", "cholecystitis", "pancreatitis", "urinary tract infection",
    "UTI", "sepsis", "cellulitis", "kidney stones", "nephrolithiasis", "GI bleed", "upper GI bleed",
    "hip fracture", "fracture", "concussion", "seizure", "syncope", "bowel obstruction", "diverticulitis",
    "breast cancer", "colon cancer", "prostate cancer", "lung cancer", "melanoma", "lymphoma", "tuberculosis",
    "endocarditis", "meningitis", "acute kidney injury", "AKI", "C. diff colitis", "influenza", "COVID-19",
    "shingles", "pneumothorax", "pleural effusion", "pericarditis", "small bowel obstruction",
)
SYMPTOMS = (
    "chest pain", "shortness of breath", "dyspnea", "cough", "fever", "chills", "nausea", "vomiting",
    "diarrhea", "constipation", "abdominal pain", "headache", "dizziness", "lightheadedness", "palpitations",
    "fatigue", "weakness", "weight loss", "night sweats", "dysuria", "hematuria", "melena",
    "hematochezia", "hemoptysis", "orthopnea", "paroxysmal nocturnal dyspnea", "syncope", "blurred vision",
    "diplopia", "numbness", "tingling", "rash", "pruritus", "sore throat", "rhinorrhea", "wheezing",
    "confusion", "loss of consciousness", "anorexia", "back pain", "joint pain", "myalgias", "insomnia",
    "sputum production", "leg swelling", "dysphagia", "heartburn", "urinary frequency", "jaundice",
    "bleeding", "bruising", "chest tightness", "SOB", "CP", "N/V", "abd pain", "HA", "edema",
    "suicidal ideation", "hallucinations", "seizures", "tremor", "neck stiffness", "photophobia",
)
FINDINGS = (
    "cardiomegaly", "consolidation", "infiltrate", "pleural effusion", "pneumothorax", "pulmonary edema",
    "atelectasis", "focal consolidation", "mass", "nodule", "lymphadenopathy", "hepatomegaly",
    "splenomegaly", "ascites", "free air", "hydronephrosis", "fracture", "dislocation", "hemorrhage",
    "intracranial hemorrhage", "midline shift", "murmur", "gallop", "rub", "crackles", "rales", "wheezes",
    "rhonchi", "jugular venous distension", "JVD", "clubbing", "cyanosis", "pedal edema", "tenderness",
    "rebound", "guarding", "organomegaly", "effusion", "thrombus", "aneurysm", "stenosis", "leukocytosis",
    "thrombocytopenia", "elevated troponin", "ST elevation", "ST depression", "left ventricular hypertrophy",
    "pericardial effusion", "vegetation", "acute fracture", "infarct", "abscess", "hernia", "gallstones",
    "bowel wall thickening", "opacity", "air-fluid levels", "papilledema", "focal deficits", "asterixis",
)
# Problems that take a body site: "<site> <problem>" or "<problem> of/in the <site>".
SITED = ("pain", "swelling", "tenderness", "erythema", "edema", "fracture", "laceration", "mass", "ulcer",
         "numbness", "weakness", "bruising", "rash", "abscess", "consolidation", "opacity", "effusion",
         "infiltrate", "nodule", "hematoma", "cellulitis", "deformity", "stiffness", "wound")
SITES = ("left knee", "right knee", "left ankle", "right ankle", "lower back", "left shoulder", "right shoulder",
         "right lower quadrant", "left lower quadrant", "epigastric region", "right upper quadrant", "left hip",
         "right hip", "left lower lobe", "right lower lobe", "right middle lobe", "left upper lobe",
         "right upper lobe", "left lower extremity", "right lower extremity", "bilateral lower extremities",
         "left arm", "right arm", "left hand", "right forearm", "scalp", "forehead", "left breast", "neck",
         "chest wall", "abdomen", "left foot", "right great toe", "sacrum", "left eye", "right ear", "thigh",
         "left wrist", "lumbar spine", "cervical spine", "left flank", "right flank", "bilateral bases")
TESTS = (
    "CBC", "BMP", "CMP", "complete blood count", "basic metabolic panel", "chest x-ray", "CXR", "CT of the head",
    "head CT", "CT abdomen and pelvis", "CT chest", "CT angiogram", "MRI of the brain", "brain MRI",
    "MRI of the lumbar spine", "ultrasound", "renal ultrasound", "abdominal ultrasound", "echocardiogram",
    "TTE", "EKG", "ECG", "stress test", "urinalysis", "UA", "urine culture", "blood cultures", "lipid panel",
    "liver function tests", "LFTs", "TSH", "hemoglobin A1c", "troponin", "BNP", "D-dimer", "lactate",
    "coagulation studies", "INR", "colonoscopy", "endoscopy", "EGD", "biopsy", "lumbar puncture", "EEG",
    "pulmonary function tests", "PFTs", "sputum culture", "HIV test", "pregnancy test", "mammogram",
    "arterial blood gas", "ABG", "Doppler ultrasound", "lower extremity dopplers", "bone scan", "PET scan",
)
# (test, values, units): values are drawn as numbers in the range, formatted with the given decimals.
MEASURED = (
    ("hemoglobin", (6.5, 16.5, 1), ("g/dL",)), ("Hgb", (6.5, 16.5, 1), ("g/dL",)),
    ("WBC", (2.0, 25.0, 1), ("K/uL", "x10^9/L")), ("white count", (2.0, 25.0, 1), ("K/uL",)),
    ("platelets", (40, 450, 0), ("K/uL",)), ("sodium", (122, 150, 0), ("mmol/L", "mEq/L")),
    ("Na", (122, 150, 0), ("mmol/L", "mEq/L")), ("potassium", (2.8, 6.5, 1), ("mmol/L", "mEq/L")),
    ("K", (2.8, 6.5, 1), ("mEq/L",)), ("creatinine", (0.5, 6.0, 1), ("mg/dL",)), ("Cr", (0.5, 6.0, 1), ("mg/dL",)),
    ("BUN", (5, 90, 0), ("mg/dL",)), ("glucose", (50, 450, 0), ("mg/dL",)), ("troponin", (0.01, 2.5, 2), ("ng/mL",)),
    ("lactate", (0.5, 8.0, 1), ("mmol/L",)), ("INR", (0.9, 4.5, 1), ()), ("hemoglobin A1c", (5.0, 13.0, 1), ("%",)),
    ("A1c", (5.0, 13.0, 1), ("%",)), ("TSH", (0.1, 12.0, 2), ("mIU/L",)), ("BNP", (20, 3000, 0), ("pg/mL",)),
    ("ALT", (10, 400, 0), ("U/L",)), ("AST", (10, 400, 0), ("U/L",)), ("albumin", (1.8, 5.0, 1), ("g/dL",)),
    ("LDL", (40, 220, 0), ("mg/dL",)), ("heart rate", (45, 140, 0), ("bpm", "beats per minute")),
    ("HR", (45, 140, 0), ("bpm",)), ("temperature", (35.8, 40.2, 1), ("C", "degrees Celsius")),
    ("Temp", (96.0, 104.0, 1), ("F",)), ("respiratory rate", (10, 34, 0), ("breaths per minute",)),
    ("RR", (10, 34, 0), ()), ("oxygen saturation", (82, 100, 0), ("%",)), ("SpO2", (82, 100, 0), ("%",)),
    ("O2 sat", (82, 100, 0), ("%",)), ("weight", (45, 150, 1), ("kg", "lbs")), ("ejection fraction", (15, 70, 0), ("%",)),
    ("EF", (15, 70, 0), ("%",)), ("pH", (7.05, 7.55, 2), ()), ("PSA", (0.2, 30.0, 1), ("ng/mL",)),
)
BLOOD_PRESSURE = ("blood pressure", "BP")
QUALITATIVE = (("urine culture", ("positive", "negative", "no growth")), ("blood cultures", ("negative", "no growth",
               "positive")), ("pregnancy test", ("negative", "positive")), ("COVID test", ("negative", "positive")),
               ("strep test", ("negative", "positive")), ("troponin", ("negative", "positive")))
TREATMENTS = (
    "appendectomy", "cholecystectomy", "CABG", "coronary artery bypass grafting", "PCI", "cardiac catheterization",
    "stent placement", "hip replacement", "total knee arthroplasty", "knee replacement", "hysterectomy",
    "cesarean section", "tonsillectomy", "hernia repair", "colectomy", "mastectomy", "lumpectomy",
    "chemotherapy", "radiation therapy", "dialysis", "hemodialysis", "physical therapy", "occupational therapy",
    "intubation", "mechanical ventilation", "blood transfusion", "transfusion", "cardioversion",
    "pacemaker placement", "thoracentesis", "paracentesis", "ablation", "ORIF", "spinal fusion", "laminectomy",
    "bronchoscopy", "CPAP", "BiPAP", "supplemental oxygen", "IV fluids", "wound debridement", "splinting",
    "cognitive behavioral therapy", "pulmonary rehabilitation", "cardiac rehab", "thrombectomy", "TURP",
    "nephrectomy", "carotid endarterectomy", "gastric bypass", "amputation", "incision and drainage",
)
MEDICATIONS = (
    "aspirin", "metoprolol", "metoprolol succinate", "lisinopril", "losartan", "amlodipine", "atorvastatin",
    "simvastatin", "rosuvastatin", "metformin", "insulin glargine", "insulin lispro", "insulin", "glipizide",
    "furosemide", "Lasix", "hydrochlorothiazide", "HCTZ", "spironolactone", "warfarin", "Coumadin", "apixaban",
    "Eliquis", "rivaroxaban", "heparin", "enoxaparin", "Lovenox", "clopidogrel", "Plavix", "levothyroxine",
    "Synthroid", "omeprazole", "pantoprazole", "famotidine", "ondansetron", "Zofran", "acetaminophen", "Tylenol",
    "ibuprofen", "naproxen", "oxycodone", "morphine", "hydromorphone", "tramadol", "gabapentin", "prednisone",
    "methylprednisolone", "albuterol", "fluticasone", "tiotropium", "montelukast", "amoxicillin",
    "amoxicillin-clavulanate", "azithromycin", "ceftriaxone", "cefazolin", "vancomycin", "piperacillin-tazobactam",
    "ciprofloxacin", "levofloxacin", "doxycycline", "nitrofurantoin", "trimethoprim-sulfamethoxazole", "Bactrim",
    "penicillin", "sulfa drugs", "codeine", "sertraline", "fluoxetine", "citalopram", "escitalopram",
    "trazodone", "bupropion", "quetiapine", "haloperidol", "lorazepam", "alprazolam", "diazepam", "zolpidem",
    "donepezil", "levetiracetam", "phenytoin", "lamotrigine", "allopurinol", "colchicine", "tamsulosin",
    "finasteride", "digoxin", "diltiazem", "carvedilol", "hydralazine", "nitroglycerin", "potassium chloride",
    "magnesium oxide", "vitamin D", "folic acid", "ferrous sulfate", "docusate", "senna", "polyethylene glycol",
    "lactulose", "rifaximin", "methotrexate", "adalimumab", "tPA", "alteplase", "labetalol", "nicardipine",
)
ALLERGENS = ("penicillin", "sulfa drugs", "codeine", "amoxicillin", "morphine", "ciprofloxacin", "aspirin",
             "Bactrim", "cephalexin", "latex contrast")
REACTIONS = ("rash", "hives", "anaphylaxis", "nausea", "itching", "swelling", "angioedema", "GI upset")
# (dose pattern, forms): dose numbers drawn from the list.
DOSES = (("{n} mg", (1, 2, 2.5, 5, 10, 12.5, 20, 25, 40, 50, 81, 100, 125, 200, 250, 325, 400, 500, 650, 750,
                     1000)), ("{n}mg", (5, 10, 20, 40, 81, 100, 500)), ("{n} units", (4, 6, 8, 10, 12, 20, 30, 40)),
         ("{n} mcg", (25, 50, 75, 88, 100, 112, 125)), ("{n} puffs", (1, 2)), ("{n} tablets", (1, 2)),
         ("{n} g", (1, 2, 3.375, 4.5)), ("{n} mEq", (10, 20, 40)), ("{n} mg/kg", (1, 15)), ("{n} tab", (1, 2)))
ROUTES = ("PO", "po", "by mouth", "orally", "IV", "intravenously", "SC", "subcutaneously", "SQ", "IM", "topically",
          "inhaled", "via nebulizer", "PR", "sublingual", "SL", "per rectum", "intramuscularly")
FREQUENCIES = ("daily", "once daily", "twice daily", "BID", "bid", "TID", "three times a day", "QID", "q6h",
               "q8h", "q12h", "every 6 hours", "every 8 hours", "every 4 hours as needed", "q4h PRN", "PRN",
               "as needed", "at bedtime", "qHS", "QHS", "nightly", "weekly", "every morning", "qAM", "qd", "QD",
               "every other day", "with meals")
DURATIONS = ("for 7 days", "for 10 days", "for 5 days", "for 14 days", "for 2 weeks", "for 3 days",
             "x 7 days", "x7 days", "x 10 days", "for one week", "for 6 weeks", "for 1 month", "for 3 months",
             "x 5 days", "for the next 48 hours", "until follow-up")
RELATIVES = ("mother", "father", "brother", "sister", "maternal grandmother", "paternal grandfather",
             "maternal aunt", "paternal uncle", "son", "daughter", "grandmother", "grandfather", "aunt", "uncle",
             "maternal uncle", "paternal aunt", "twin brother", "half-sister")
YEARS = tuple(str(y) for y in range(1985, 2024))
WHEN = ("in {year}", "in {year}", "{k} years ago", "as a child", "{k} months ago", "last year", "in the past")

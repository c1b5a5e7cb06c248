"""Settings and word lists for places, organisations, services and staff.

Keyed by vocabulary id where they depend on one; every lookup has a fallback built from the
taxonomy label, so a new or renamed term never breaks generation.
"""

from __future__ import annotations

from pathlib import Path

LAST_REVIEWED = "2025-06-30"
YEAR_MIN, YEAR_MAX = 1995, 2025
SCHEMA_COMMENT = "# yaml-language-server: $schema=_data/case.schema.json"
ID_MAX = 64
WRAP = 96
SUMMARY_MIN, SUMMARY_MAX = 150, 450
NARRATIVE_MIN_WORDS, NARRATIVE_MAX_WORDS = 250, 400

REPO = Path(__file__).resolve().parents[2]
DEFAULT_TAXONOMY = "cases/_data/taxonomy.yaml"
VOCABULARIES = ("benefits", "sectors", "governance", "focus_areas", "themes", "evidence")

# country code → (weight, place stems, place suffixes, regions, currency, spelling)
COUNTRIES = {
    "GB": (70, ["Ash", "Brook", "Riven", "Thorn", "Elm", "Kings", "Market", "Stan", "Wood", "Hol",
                "Marl", "Brad", "Hart", "Lang", "Red", "Black", "White", "Green", "Fair", "Oak",
                "Wil", "Dun", "Bur", "Whit", "Alder", "Bright", "Cran", "Har", "Mill", "Nor",
                "Sel", "Sut", "Stow", "Ren", "Lin", "Kel", "Ox", "Sal", "Chel", "Ather", "Bex",
                "Cor", "Dar", "Eg", "Fen", "Gras", "Hal", "Ick", "Kirk", "Lud", "Mor", "Pen",
                "Quen", "Rother", "Sand", "Tad", "Ux", "Wen", "Yar", "River"],
           ["ford", "field", "ton", "ley", "bury", "wick", "ham", "by", "worth", "mouth",
            "stead", "combe", "dale", "borough", "minster", "bridge", "wood", "thorpe", "caster",
            "well", "side", "moor", "hurst", "gate", "holme"],
           ["North East and Yorkshire", "North West", "Midlands", "East of England", "London",
            "South East", "South West", "Cumbria and the North East", "Greater Manchester",
            "West Yorkshire", "South Yorkshire", "Black Country", "Cheshire and Merseyside",
            "Kent and Medway", "Sussex", "Devon", "Cornwall and the Isles of Scilly",
            "Lancashire and South Cumbria", "Norfolk and Waveney", "Thames Valley"],
           "GBP", "uk"),
    "US": (8, ["Spring", "Maple", "Cedar", "Lake", "River", "Pine", "Fair", "Oak", "Clear",
               "Green", "Silver", "Red", "Rock", "Elm", "Mill", "Granite", "Willow", "Sun",
               "Harbor", "Prairie", "Hudson", "Bay", "Stone", "Brook"],
           ["field", "ville", "wood", "dale", "ton", "port", "view", "brook", "ridge", "burg",
            "crest", "haven", "land", "side", " Falls", " Springs", " City"],
           ["California", "Oregon", "Washington", "Minnesota", "Pennsylvania", "Utah",
            "Wisconsin", "Colorado", "Georgia", "Ohio", "Texas", "Maine", "Michigan"],
           "USD", "us"),
    "DK": (4, ["Hol", "Sven", "Ny", "Frederiks", "Ring", "Vi", "Hille", "Kol", "Skov", "Sønder",
               "Nørre", "Vester", "Øster", "Roskil", "Hel", "Ker", "Ha", "Gl", "Sla"],
           ["borg", "købing", "by", "sted", "rup", "lev", "bæk", "holm", "strup", "ager", "sø"],
           ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland",
            "Region Nordjylland"],
           "DKK", "uk"),
    "NZ": (4, ["Wai", "Kai", "Roto", "Tau", "Whanga", "Mata", "Hau", "Papa", "Rua", "Ota", "Mau",
               "Kawa", "Tara", "Mana"],
           ["rua", "kura", "mata", "nui", "roa", "tea", "iti", "moana", "rangi", "hiku", "kino"],
           ["Canterbury", "Waikato", "Auckland", "Otago", "Bay of Plenty", "Wellington",
            "Northland", "Hawke's Bay", "Taranaki", "Southland"],
           "NZD", "uk"),
    "SG": (4, ["Bedok", "Tampines", "Jurong", "Woodlands", "Sengkang", "Punggol", "Yishun",
               "Bukit", "Toa Payoh", "Clementi", "Pasir Ris", "Serangoon", "Hougang", "Novena",
               "Outram", "Kallang", "Bishan", "Changi"],
           [""],
           ["Central Region", "East Region", "North Region", "North-East Region", "West Region"],
           "SGD", "uk"),
    "NL": (4, ["Zuid", "Noord", "Ooster", "Wester", "Berg", "Dor", "Hoog", "Lei", "Zand", "Veen",
               "Groen", "Alk", "Hil", "Amers", "Brede", "Del", "Ede"],
           ["dam", "dijk", "veen", "hoven", "burg", "recht", "wijk", "horst", "voort", "meer",
            "lo", "zijl"],
           ["Noord-Holland", "Zuid-Holland", "Utrecht", "Gelderland", "Noord-Brabant",
            "Limburg", "Overijssel", "Groningen", "Friesland", "Zeeland"],
           "EUR", "uk"),
    "CA": (3, ["Lake", "Bay", "Port", "Maple", "Cedar", "Pine", "North", "Spruce", "Moose",
               "Beaver", "Eagle", "Red", "Grand"],
           ["field", "ville", "wood", "ton", "view", "brook", "ridge", " Harbour", " River",
            " Falls"],
           ["Ontario", "British Columbia", "Alberta", "Quebec", "Nova Scotia", "Manitoba",
            "Saskatchewan", "New Brunswick"],
           "CAD", "us"),
    "AU": (3, ["Bel", "Wal", "Kur", "Marra", "Wool", "Bal", "Yarra", "Murra", "Coo", "Bunda",
               "Glen", "Port", "Warra", "Tarra"],
           ["ong", "ara", "gong", "burn", "ville", "ton", "ah", "ee", "field", "ina", "dale"],
           ["New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia",
            "Tasmania", "Northern Territory"],
           "AUD", "uk"),
}

# Regions that read with "the" in running text ("in the South East").
ARTICLE_REGIONS = {"North East and Yorkshire", "North West", "Midlands", "East of England", "South East",
                   "South West", "Black Country", "Thames Valley", "Northern Territory", "Central Region",
                   "East Region", "North Region", "North-East Region", "West Region", "Bay of Plenty"}

DIRECTIONS = ["North", "South", "East", "West", "Mid", "Greater", "Central", "Upper", "Lower",
              "Inner", "Outer", "Coastal"]

# sector id → (name kinds, phrase used in prose, GB member patterns, international member patterns)
SECTORS = {
    "acute": (["Acute Provider Collaborative", "Acute Hospitals Alliance", "Association of Acute Trusts",
               "Hospitals Group", "Acute Care Collaboration"],
              "acute hospital",
              ["{P} Hospitals NHS Foundation Trust", "{P} Teaching Hospitals NHS Trust",
               "University Hospitals of {P} NHS Trust", "{P} and {Q} Hospitals NHS Foundation Trust"],
              ["{P} General Hospital", "{P} Regional Hospital", "{P} University Hospital",
               "{P} Medical Centre"]),
    "mental-health": (["Mental Health Partnership", "Mental Health Provider Collaborative",
                       "Mental Health, Learning Disability and Autism Collaborative"],
                      "mental health",
                      ["{P} Partnership NHS Foundation Trust", "{P} Health and Care NHS Trust",
                       "{P} Mental Health NHS Foundation Trust"],
                      ["{P} Mental Health Services", "{P} Psychiatric Centre", "{P} Behavioural Health"]),
    "learning-disability-autism": (["Learning Disability and Autism Collaborative",
                                    "Autism and Learning Disability Partnership"],
                                   "learning disability and autism",
                                   ["{P} Care NHS Trust", "{P} Learning Disability Partnership"],
                                   ["{P} Disability Services", "{P} Autism Centre"]),
    "community": (["Community Health Partnership", "Community Services Collaborative",
                   "Community Care Alliance"],
                  "community health",
                  ["{P} Community Healthcare NHS Trust", "{P} Community Health Services CIC"],
                  ["{P} Community Health Centre", "{P} Home Care Service"]),
    "primary-care": (["GP Federation", "Primary Care Collaborative", "Primary Care Network Alliance"],
                     "general practice",
                     ["{P} GP Federation", "{P} Primary Care Network", "{P} Health Partners"],
                     ["{P} Family Medicine Group", "{P} Primary Health Organisation"]),
    "specialist": (["Specialist Services Network", "Tertiary Care Partnership",
                    "Specialised Services Collaborative"],
                   "specialist",
                   ["{P} Specialist Hospital NHS Foundation Trust",
                    "Royal {P} Orthopaedic Hospital NHS Foundation Trust", "{P} Heart and Chest Hospital"],
                   ["{P} Heart Institute", "{P} Cancer Centre", "{P} Children's Hospital"]),
    "ambulance": (["Ambulance Services Collaboration", "Urgent Care Alliance"],
                  "ambulance",
                  ["{P} Ambulance Service NHS Trust"],
                  ["{P} Emergency Medical Services"]),
    "social-care": (["Health and Care Partnership", "Integrated Care Alliance"],
                    "social care",
                    ["{P} County Council", "{P} City Council", "{P} Care Services"],
                    ["{P} Municipality", "{P} Social Services"]),
    "independent-sector": (["Elective Care Partnership", "Surgical Hub Network"],
                           "independent",
                           ["{P} Independent Treatment Centre", "{P} Surgical Hospital Ltd"],
                           ["{P} Surgical Centre", "{P} Private Clinic"]),
    "voluntary-sector": (["Community and Voluntary Sector Alliance", "Wellbeing Partnership"],
                         "voluntary sector",
                         ["{P} Mind", "{P} Carers Network", "{P} Community Trust"],
                         ["{P} Community Foundation", "{P} Carers Association"]),
    "insurer": (["Health Plan", "Integrated Health System"],
                "insurer",
                ["{P} Health Plan"],
                ["{P} Health Plan", "{P} Health Insurance Fund"]),
}
SECTOR_WEIGHTS = {"acute": 30, "mental-health": 18, "community": 14, "primary-care": 10,
                  "specialist": 5, "learning-disability-autism": 4, "social-care": 5,
                  "ambulance": 2, "voluntary-sector": 3, "independent-sector": 2, "insurer": 1}
MULTI_KINDS = ["Integrated Care Partnership", "Health and Care Alliance", "Provider Collaborative",
               "Care Collaborative", "Health Partnership"]
COUNTRY_KINDS = {
    "US": ["Health System", "Health Network", "Accountable Care Organization"],
    "DK": ["Regional Health Service", "Hospital Cluster"],
    "NZ": ["District Health Board", "Health Alliance"],
    "SG": ["Healthcare Cluster", "Regional Health System"],
    "NL": ["Care Network", "Hospital Alliance"],
    "CA": ["Health Authority", "Health Team"],
    "AU": ["Local Health District", "Health Service"],
}
GOVERNANCE_WEIGHTS = {"lead-provider": 20, "shared-leadership": 12, "provider-leadership-board": 28,
                      "integrated-delivery-system": 8, "other": 8, "not-stated": 24}
EVIDENCE_WEIGHTS = {"self-reported": 65, "independently-evaluated": 25, "peer-reviewed": 10}

SERVICES = ["stroke care", "cardiology", "orthopaedics", "ophthalmology", "dermatology", "urology",
            "gynaecology", "endoscopy", "diagnostic imaging", "pathology", "maternity care",
            "paediatrics", "respiratory care", "diabetes care", "frailty services", "cancer diagnosis",
            "elective hip and knee surgery", "cataract surgery", "ear, nose and throat care",
            "rheumatology", "neurology", "renal care", "audiology", "musculoskeletal physiotherapy",
            "wound care", "end-of-life care", "falls prevention", "urgent community response",
            "crisis mental health care", "eating disorder services", "perinatal mental health care",
            "children's mental health services", "memory assessment", "heart failure care",
            "sexual health services", "podiatry", "speech and language therapy", "dental surgery",
            "bariatric surgery", "breast surgery", "colorectal surgery", "sleep medicine"]
SPECIALISED = ["vascular surgery", "interventional radiology", "major trauma care",
               "neonatal intensive care", "paediatric surgery", "thoracic surgery",
               "hyperacute stroke care", "specialist cancer surgery", "adult secure mental health care",
               "inpatient eating disorder care", "child and adolescent inpatient care", "spinal surgery",
               "cardiac surgery", "head and neck cancer surgery", "complex pelvic surgery",
               "paediatric intensive care", "burns care", "haemophilia care"]
SCREENING = ["bowel cancer screening", "breast screening", "childhood immunisations",
             "cervical screening", "flu vaccination", "diabetic eye screening", "lung health checks",
             "blood pressure checks", "annual health checks", "hepatitis C testing",
             "antenatal booking appointments"]
GROUPS = ["people experiencing homelessness", "Gypsy, Roma and Traveller communities",
          "refugees and people seeking asylum", "older people living alone", "young carers",
          "people with severe mental illness", "coastal communities", "rural farming families",
          "people on low incomes", "minority ethnic communities", "people with a learning disability",
          "people in contact with the criminal justice system", "new parents in deprived wards",
          "people who use drugs or alcohol", "care leavers"]
SUPPLIES = ["medical devices", "clinical consumables", "orthopaedic implants", "surgical instruments",
            "medicines", "wound dressings", "personal protective equipment", "imaging equipment",
            "hearing aids", "insulin pumps", "catheters", "infusion pumps"]
BACKOFFICE = ["payroll", "procurement", "recruitment", "estates", "IT", "legal", "finance",
              "occupational health", "clinical coding", "medical records", "pharmacy distribution"]
STAFF = ["nurses", "midwives", "allied health professionals", "radiographers",
         "healthcare support workers", "resident doctors", "physician associates", "pharmacists",
         "psychologists", "paramedics", "consultants", "occupational therapists",
         "community nurses", "health visitors", "care workers", "sonographers",
         "mental health practitioners", "theatre practitioners"]
TRIGGERS = ["the pandemic forced the partners to share beds, staff and supplies",
            "a regulator's report found wide differences in care between sites",
            "waiting lists grew faster than any one provider could manage",
            "recruitment to key posts stalled across the area",
            "two small units were judged unsafe to run on their own",
            "national policy began to reward providers that collaborate",
            "local leaders agreed that competition between providers was failing patients",
            "a proposed merger was dropped in favour of a looser alliance",
            "winter pressure exposed gaps between hospital and community services",
            "financial deficits threatened services at the smaller sites",
            "patients were travelling long distances for routine follow-up",
            "clinicians lobbied for a single pathway after a serious incident review"]
CHALLENGES = ["Aligning the partners' different IT systems took longer than expected",
              "Some staff worried that joint working meant losing their local identity",
              "Payment rules that reward activity sometimes pulled against shared waiting lists",
              "Agreeing how to share savings and risks between organisations was slow",
              "Travel between sites remained a concern for patients and their families",
              "Board turnover at one partner interrupted the programme for several months",
              "Information governance rules delayed the first shared dashboards",
              "Smaller partners found it hard to release staff for joint projects",
              "Local councillors questioned changes that moved services between towns",
              "Measuring benefits was difficult because baselines differed between partners"]
NEXT_STEPS = ["extend the shared pathway to {service}", "publish joint quality dashboards every quarter",
              "bring {service} into the same arrangement", "test a joint budget for {service}",
              "involve more {staff} in clinical leadership roles", "evaluate the programme independently",
              "widen the partnership to include {sector2} providers",
              "develop a single workforce plan for {staff}",
              "agree a five-year strategy with local authorities",
              "use population health data to target {group}"]
ORG_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}

# benefit id → (action phrases, outcome measures)
# An outcome measure: (template, unit kind, low, high, direction) where unit kind is "percent",
# "money" (currency million), "count:<unit>", "days", "weeks" or "minutes"; direction -1 means
# improvement is a fall, +1 a rise.

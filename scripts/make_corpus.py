#!/usr/bin/env python3
"""Generate a synthetic corpus of valid, varied case records for benchmarks.

    python scripts/make_corpus.py --count 10000 --seed 1 --out /tmp/corpus10k
    python scripts/make_corpus.py --count 500 --seed 7 --out /tmp/c --markdown /tmp/c-md

Writes ``OUT/<id>.yaml`` for every case (each starting with the editor schema comment) and
copies the taxonomy (and the JSON Schema, when one sits beside it) into ``OUT/_data/``, so
``OUT`` works as a cases folder on its own: ``casebook validate OUT``.

With ``--markdown DIR`` it also writes one plain Markdown page per case (title, summary,
narrative) and ``DIR/index.md``: the "plain MkDocs Material build of the same Markdown"
baseline the benchmark compares against.

Reproducible: the same ``--count`` and ``--seed`` (and taxonomy) give byte-identical files.
All randomness comes from one ``random.Random(seed)``; nothing reads the clock. Vocabulary ids
(benefits, sectors, governance, focus areas, themes, evidence) are read from the taxonomy file,
so the generator keeps working when a vocabulary gains, loses or renames a term: known ids get
hand-written phrasing, unknown ones are described from their taxonomy label.

Files are written with plain string formatting (no ``yaml.dump``) for speed. Every free-text
scalar is written with ``json.dumps``, which is always a valid YAML double-quoted scalar;
summaries and narratives use block scalars of generated text that never starts a line with
whitespace.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

LAST_REVIEWED = "2025-06-30"
YEAR_MIN, YEAR_MAX = 1995, 2025
SCHEMA_COMMENT = "# yaml-language-server: $schema=_data/case.schema.json"
ID_MAX = 64
WRAP = 96
SUMMARY_MIN, SUMMARY_MAX = 150, 450
NARRATIVE_MIN_WORDS, NARRATIVE_MAX_WORDS = 250, 400

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TAXONOMY = "cases/_data/taxonomy.yaml"
VOCABULARIES = ("benefits", "sectors", "governance", "focus_areas", "themes", "evidence")


# --------------------------------------------------------------------------------------------
# Word lists. Keyed by vocabulary id where they depend on one; every lookup has a fallback
# built from the taxonomy label, so a new or renamed term never breaks generation.
# --------------------------------------------------------------------------------------------

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
BENEFITS = {
    "unwarranted-variation": (
        ["agreed common clinical pathways for {service}", "standardised {service} protocols at every site",
         "published comparable data on {service} for each site", "adopted one set of {service} guidelines",
         "set a single referral standard for {service}", "ran peer reviews of {service} across the partners",
         "built a shared dashboard comparing {service} results by site",
         "asked clinical leads to agree which {service} procedures each site would offer",
         "replaced local policies for {service} with one joint policy"],
        [("Variation in length of stay for {service} between sites", "days", 3, 9, -1),
         ("Patients treated on the agreed {service} pathway", "percent", 45, 80, 1),
         ("Sites meeting the common {service} standard", "count:sites", 2, 6, 1),
         ("Gap in {service} waiting times between the best and worst site", "weeks", 6, 30, -1),
         ("Readmissions within 30 days after {service}", "percent", 6, 18, -1)]),
    "health-inequalities": (
        ["targeted {screening} at the most deprived neighbourhoods",
         "used linked data to find patients missing out on {service}",
         "opened outreach clinics for {group}", "funded community link workers for {group}",
         "offered interpreters and longer appointments to {group}",
         "tracked waiting lists by deprivation and ethnicity",
         "moved {service} clinics into community venues closer to {group}",
         "set targets for closing the gap in {screening} between neighbourhoods",
         "trained staff to recognise the needs of {group}"],
        [("Uptake of {screening} in the most deprived fifth of neighbourhoods", "percent", 35, 70, 1),
         ("Missed appointments among patients from deprived areas", "percent", 8, 20, -1),
         ("People from under-served groups reached by the outreach programme", "count:people", 300, 9000, 1),
         ("Emergency admissions among {group}", "count:admissions", 200, 3000, -1)]),
    "efficiency-and-scale": (
        ["pooled procurement of {supplies}", "merged their {backoffice} teams",
         "bought {supplies} on joint contracts", "shared one {backoffice} service",
         "moved to a single electronic patient record", "consolidated pathology and imaging networks",
         "agreed one price list for {supplies}", "combined their {backoffice} contracts",
         "cut duplicate spending on {supplies} by standardising products"],
        [("Savings from joint procurement of {supplies}", "money", 0.4, 15, 0),
         ("Agency staffing spend", "money", 5, 60, -1),
         ("Theatre utilisation", "percent", 62, 85, 1),
         ("Cost of the shared {backoffice} service", "money", 2, 25, -1),
         ("Time to process a new starter in {backoffice}", "days", 20, 60, -1)]),
    "specialised-services": (
        ["concentrated {specialised} on fewer sites", "ran {specialised} as one service across the partners",
         "set up a hub-and-spoke network for {specialised}", "created a single on-call rota for {specialised}",
         "agreed transfer protocols so that patients needing {specialised} reach the right site first",
         "kept follow-up for {specialised} at local hospitals while surgery moved to the centre",
         "pooled consultant time for {specialised} across the partners"],
        [("Sites providing {specialised}", "count:sites", 3, 6, -1),
         ("Patients treated within the target time for {specialised}", "percent", 50, 85, 1),
         ("Procedures in {specialised} performed at the specialist centre", "count:procedures", 150, 2500, 1),
         ("Transfers out of area for {specialised}", "count:patients", 40, 600, -1)]),
    "resilience-and-capacity": (
        ["shared a single waiting list for {service}", "moved patients between sites to shorten waits",
         "opened a joint surgical hub", "set up mutual aid for beds during winter",
         "brought out-of-area placements back home", "ran a shared discharge hub",
         "agreed a joint escalation plan for periods of high demand",
         "pooled community beds so that patients leave hospital sooner",
         "created a single point of access for {service}"],
        [("Patients waiting more than 52 weeks for planned care", "count:patients", 300, 6000, -1),
         ("Out-of-area placements", "count:placements", 10, 120, -1),
         ("Bed days lost to delayed discharge", "count:bed days", 2000, 40000, -1),
         ("Patients moved to a partner's list to be treated sooner", "count:patients", 100, 4000, 0),
         ("Ambulance handover delays over an hour", "count:handovers", 100, 2500, -1)]),
    "workforce": (
        ["created a staff passport so that {staff} can move between employers",
         "ran joint recruitment for {staff}", "set up a shared bank of {staff}",
         "launched a joint training academy for {staff}", "offered rotational posts for {staff}",
         "agreed common wellbeing support for {staff}",
         "set up joint preceptorship for newly qualified {staff}",
         "agreed an honorary contract so that {staff} can work at any partner site",
         "ran a shared apprenticeship scheme for {staff}"],
        [("Vacancy rate among {staff}", "percent", 8, 20, -1),
         ("Staff turnover among {staff}", "percent", 10, 22, -1),
         ("{Staff} recruited through the joint scheme", "count:staff", 20, 600, 0),
         ("Sickness absence among {staff}", "percent", 4, 8, -1),
         ("Staff trained through the shared programme", "count:staff", 50, 3000, 1)]),
}
BENEFIT_WEIGHTS = {"efficiency-and-scale": 30, "resilience-and-capacity": 22, "workforce": 18,
                   "unwarranted-variation": 14, "specialised-services": 10, "health-inequalities": 6}

GOVERNANCE_SENTENCES = {
    "lead-provider": ["{lead} acts as lead provider, holding the contract and subcontracting the other partners.",
                      "As lead provider, {lead} carries accountability for the pathway and its budget.",
                      "The partners chose a lead provider model, with {lead} managing the money and the risk."],
    "shared-leadership": ["The partners share a chief executive and several executive posts while each keeps its own board.",
                          "A joint chair and a shared executive team lead the organisations, which remain separate bodies.",
                          "Shared leadership roles, including a group chief executive, tie the partners together."],
    "provider-leadership-board": ["Decisions are taken by a committee in common of the chairs and chief executives, and each board ratifies them.",
                                  "A provider leadership board meets monthly, with each trust delegating agreed decisions to it.",
                                  "The chief executives meet as a joint board that sets priorities and tracks delivery."],
    "integrated-delivery-system": ["One body plans, funds and provides care across hospital, community and primary settings.",
                                   "As an integrated delivery system it holds a single budget for the whole population it serves.",
                                   "Planning, funding and provision sit in one organisation, which removes the usual handoffs."],
    "other": ["The partners work through an informal alliance without a formal joint committee.",
              "A group structure links the organisations, each keeping its own licence and accounts.",
              "The arrangement is an alliance agreement renewed every few years."],
    "not-stated": ["The sources say little about how the partners govern their joint work.",
                   "Published material does not describe the governance in detail."],
}
THEME_SENTENCES = {
    "culture": "Leaders describe a change of culture, with staff now seeing colleagues at other sites as part of one team.",
    "governance": "Clear terms of reference and a simple scheme of delegation kept decisions moving.",
    "leadership": "Chief executives gave the programme visible time and backing from the start.",
    "common-purpose": "Every partner signed up to the same small set of goals, which made trade-offs easier.",
    "clinical-leadership": "Clinicians led the redesign, which gave the changes credibility with frontline staff.",
    "sustainability": "The work was framed as keeping services safe and affordable for the long term.",
    "trust-and-relationships": "Years of informal contact between the executive teams made the first joint decisions easier.",
}
FOCUS_SENTENCES = {
    "service-redesign": "Much of the effort went into redesigning where and how {service} is delivered.",
    "quality-improvement": "A shared quality improvement method gave teams a common way to test changes.",
    "workforce-development": "Joint training and leadership programmes built skills across organisational lines.",
    "data-sharing": "A shared data platform lets the partners compare activity, waits and outcomes week by week.",
}
EVIDENCE_SENTENCES = {
    "self-reported": "The results below are reported by the partners themselves and have not been independently checked.",
    "independently-evaluated": "An independent evaluation examined the programme and confirmed the main results.",
    "peer-reviewed": "The main results have been published in a peer-reviewed journal.",
}

CONTEXT_TEMPLATES = [
    "{name} brings together {n_words} {sector_phrase} organisations in {region}.",
    "{short} was formed in {year}, when {trigger}.",
    "The partners serve about {pop} people across {places}.",
    "Its members are {members}.",
    "Some clinical teams had already worked together through {prior}.",
    "Each partner remains a separate organisation with its own board and budget.",
    "The collaboration grew out of {prior} between the {sector_phrase} providers in the area.",
    "Together the partners employ around {employees} staff.",
    "Early conversations focused on {service}, where pressure on the smaller sites was greatest.",
    "{short} covers a mix of {geography}.",
]
PRIOR = ["informal clinical networks", "a joint winter plan", "a shared pathology service",
         "a regional cancer alliance", "years of mutual aid", "an earlier procurement consortium",
         "a vanguard programme", "a joint bid for transformation funding"]
GEOGRAPHY = ["market towns and rural villages", "dense urban neighbourhoods and outer suburbs",
             "coastal towns with ageing populations", "a university city and its commuter belt",
             "former industrial towns and farming country", "islands and remote communities"]
HOW_TEMPLATES = [
    "A small central team, funded by contributions from each partner, supports the work.",
    "Clinical networks for {service} and {service2} report to the joint board.",
    "A memorandum of understanding sets out the scope and is reviewed every year.",
    "Each partner nominated an executive sponsor and a clinical lead for the programme.",
    "Programme boards for {service} bring together managers, clinicians and patient representatives.",
    "The partners agreed a shared risk register and a simple way to resolve disputes.",
    "Subscriptions are scaled to each partner's turnover so that costs are shared fairly.",
    "Patient representatives from {region} sit on the programme board.",
]
WORK_TEMPLATES = [
    "The partners {action}.",
    "Early on they {action}, which built confidence for harder changes.",
    "Working as one, the organisations {action}.",
    "In {year2} the collaborative {action}.",
    "Teams also {action} and reviewed the results every month.",
    "A pilot in {place} {action} before the approach was rolled out everywhere.",
    "Clinical teams from {place} began meeting every week to review {service} cases together.",
    "Managers mapped how patients move between the partners for {service} and found several avoidable handoffs.",
    "Staff from different partners now share rotas, training days and improvement projects.",
    "Progress was slower in {service}, where the partners' pathways differed most.",
]
OUTLOOK_TEMPLATES = [
    "{challenge}.",
    "{challenge}, and the partners are still working through it.",
    "Next, the partners plan to {next}.",
    "The collaborative now intends to {next} and to {next2}.",
    "Staff surveys suggest growing support for joint working among {staff}.",
    "Commissioners in {region} have asked other providers to learn from the approach.",
    "Patients and carers helped shape the changes through listening events in {place}.",
]
LESSONS = [
    "Start with low-risk work such as {backoffice} so that staff see early gains before harder changes to {service}.",
    "Agree the governance early: a short memorandum of understanding can carry joint work for years.",
    "Shared data on {service} makes variation between sites visible and hard to ignore.",
    "Give clinicians time and authority to lead the redesign of {service}.",
    "Fund a small central team; goodwill alone does not sustain a joint programme.",
    "Involve {group} when changes affect where care is delivered.",
    "Joint workforce schemes need matching employment terms, or {staff} will not move between partners.",
    "Report savings and quality results together so that every board sees the full picture.",
    "Expect the first reconfiguration to take longer than planned, and talk to local councillors early.",
    "Keep each partner's board involved: delegated decisions still need local ownership.",
    "Build trust through small, visible wins before tackling {specialised}.",
    "Align incentives, because payment rules that reward activity can work against shared waiting lists.",
    "Measure a baseline before changing {service}, or the benefits will be hard to show.",
    "Plan for turnover among leaders by writing the purpose and the rules down.",
    "Share the gains fairly between large and small partners, or the smaller ones will drift away.",
]
SOURCE_PUBLISHERS = {
    "GB": [("NHS Providers", "nhsproviders.org"), ("The King's Fund", "www.kingsfund.org.uk"),
           ("Nuffield Trust", "www.nuffieldtrust.org.uk"), ("NHS Confederation", "www.nhsconfed.org"),
           ("The Health Foundation", "www.health.org.uk"), ("NHS England", "www.england.nhs.uk"),
           ("Hill Dickinson", "www.hilldickinson.com"), ("Care Quality Commission", "www.cqc.org.uk"),
           ("Health Service Journal", "www.hsj.co.uk")],
    "US": [("The Commonwealth Fund", "www.commonwealthfund.org"), ("Health Affairs", "www.healthaffairs.org"),
           ("American Hospital Association", "www.aha.org"),
           ("Agency for Healthcare Research and Quality", "www.ahrq.gov")],
    "DK": [("Danish Regions", "www.regioner.dk"), ("Danish Health Authority", "www.sst.dk")],
    "NZ": [("Te Whatu Ora", "www.tewhatuora.govt.nz"),
           ("Health Quality & Safety Commission", "www.hqsc.govt.nz")],
    "SG": [("Ministry of Health Singapore", "www.moh.gov.sg"), ("Centre for Health Services Research", "www.chsr.sg")],
    "NL": [("Dutch Healthcare Authority", "www.nza.nl"), ("RIVM", "www.rivm.nl")],
    "CA": [("Canadian Institute for Health Information", "www.cihi.ca"),
           ("Healthcare Excellence Canada", "www.healthcareexcellence.ca")],
    "AU": [("Australian Institute of Health and Welfare", "www.aihw.gov.au"),
           ("Deeble Institute for Health Policy Research", "ahha.asn.au")],
}
INTERNATIONAL_PUBLISHERS = [("The King's Fund", "www.kingsfund.org.uk"), ("Nuffield Trust", "www.nuffieldtrust.org.uk"),
                            ("World Health Organization", "www.who.int"), ("OECD", "www.oecd.org")]
JOURNALS = [("International Journal of Integrated Care", "10.5334/ijic.{n}"),
            ("BMJ Open", "10.1136/bmjopen-{year}-{n}"),
            ("Health Policy", "10.1016/j.healthpol.{year}.{n}"),
            ("Journal of Integrated Care", "10.1108/JICA-{year}-{n}"),
            ("BMC Health Services Research", "10.1186/s12913-{year}-{n}")]
EVALUATORS = [("RAND Europe", "www.rand.org"), ("Ipsos", "www.ipsos.com"),
              ("Strategy Unit", "www.strategyunitwm.nhs.uk"), ("National Institute for Health and Care Research", "www.nihr.ac.uk")]
SOURCE_TITLES = [
    "{name}: case study", "Realising the benefits of provider collaboration: {short}",
    "How partners in {region} {action}", "{short} annual report {year}", "Collaboration in practice: {name}",
    "Lessons from {name}", "Working together on {service}: the {short} experience",
    "{name} board papers, {month} {year}",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ROLES = ["host organisation", "partner", "founding member", "associate member", "clinical lead for {service}",
         "hosts the central team", "lead for {backoffice}"]
PERIODS = ["since {y}", "{y}-{yy}", "in the first year", "{y} to {y2}", "over two years", "by {y2}",
           "in {y}", "in {y}-{yy}"]
SMALL_WORDS = {"and", "of", "the", "for", "in", "on"}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_YAML_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(s: str) -> str:
    """A YAML scalar for ``s``: plain when unambiguous (vocabulary ids), else double-quoted."""
    if _PLAIN.fullmatch(s) and s.lower() not in _YAML_SPECIAL:
        return s
    return json.dumps(s, ensure_ascii=False)


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')


def text(s: str) -> str:
    """A YAML double-quoted scalar: any text, safely (``json.dumps`` output is valid YAML)."""
    if _NEEDS_ESCAPE.search(s):
        return json.dumps(s)  # escapes quotes, backslashes and control characters
    return '"' + s + '"'  # nothing to escape: the same as json.dumps(s, ensure_ascii=False)


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in ids) + "]"


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ā": "a", "'": ""})


def slugify(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def acronym(name: str) -> str:
    words = re.split(r"[\s,-]+", name)
    return "".join(w[0] for w in words if w and w.lower() not in SMALL_WORDS and w[0].isalpha()).upper()


# A line must not start with something Markdown would read as a list marker, heading, quote,
# table or setext underline (the narrative is Markdown; wrapping must not change its meaning).
_BAD_LINE_START = re.compile(r"[-+*#>=|`]|\d+[.)](?: |$)")


def wrap(s: str, width: int = WRAP) -> list[str]:
    """Greedy word wrap at spaces; a break is moved earlier (or, failing that, later) when the
    next line would start with a token Markdown treats specially."""
    s = " ".join(s.split())
    lines: list[str] = []
    pos, n = 0, len(s)
    while n - pos > width:
        cut = s.rfind(" ", pos, pos + width + 1)
        while cut > pos and _BAD_LINE_START.match(s, cut + 1):
            cut = s.rfind(" ", pos, cut)
        if cut <= pos:  # no safe break within the width: take the first safe one after it
            cut = s.find(" ", pos + width + 1)
            while cut != -1 and _BAD_LINE_START.match(s, cut + 1):
                cut = s.find(" ", cut + 1)
            if cut == -1:
                break
        lines.append(s[pos:cut])
        pos = cut + 1
    lines.append(s[pos:])
    return lines


def weighted_sample(rng: random.Random, items: list[str], weights: list[float], k: int) -> list[str]:
    """``k`` distinct items, drawn with probability proportional to weight."""
    items, weights = list(items), list(weights)
    out = []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights)[0]
        out.append(items.pop(i))
        weights.pop(i)
    return out


class Deck:
    """A slot that deals its items in a shuffled order, repeating only once all are used."""

    def __init__(self, rng: random.Random, items: list[str]):
        self.rng, self.items, self.pool = rng, list(items), []

    def __call__(self) -> str:
        if not self.pool:
            self.pool = self.rng.sample(self.items, len(self.items))
        return self.pool.pop()


def in_region(region: str) -> str:
    """How a region reads in running text."""
    if region in ARTICLE_REGIONS or region.endswith(" system"):
        return "the " + region
    return region


def fmt_num(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.1f}"


def words_of(n: int) -> str:
    return ORG_WORDS.get(n, str(n))


def people(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} million"
    return f"{n:,}"


def lower_first(s: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (GP, IT)."""
    first = s.split(" ", 1)[0]
    return s if len(first) > 1 and first.isupper() else s[:1].lower() + s[1:]


def sentence_case(s: str) -> str:
    return s[:1].upper() + s[1:]


def load_vocabularies(path: Path) -> dict[str, dict[str, dict]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise SystemExit(f"make_corpus: {path}: the taxonomy must be a mapping of vocabularies")
    vocab = {}
    for name in VOCABULARIES:
        entries = data.get(name) or {}
        if not isinstance(entries, dict):
            raise SystemExit(f"make_corpus: {path}: vocabulary '{name}' must be a mapping")
        vocab[name] = {str(k): (v if isinstance(v, dict) else {}) for k, v in entries.items()}
    for name in ("benefits", "sectors"):
        if not vocab[name]:
            raise SystemExit(f"make_corpus: {path}: vocabulary '{name}' is empty; cannot generate cases")
    return vocab


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


_SLOT = re.compile(r"\{(\w+)\}")
_TEMPLATES: dict[str, list[str]] = {}  # template → [literal, slot, literal, slot, ..., literal]


class Generator:
    def __init__(self, vocab: dict[str, dict[str, dict]], seed: int):
        self.rng = random.Random(seed)
        self.vocab = vocab
        self.benefit_ids = list(vocab["benefits"])
        self.benefit_w = [BENEFIT_WEIGHTS.get(b, 8) for b in self.benefit_ids]
        self.sector_ids = list(vocab["sectors"])
        self.sector_w = [SECTOR_WEIGHTS.get(s, 3) for s in self.sector_ids]
        self.gov_ids = list(vocab["governance"])
        self.gov_w = [GOVERNANCE_WEIGHTS.get(g, 8) for g in self.gov_ids]
        self.evidence_ids = list(vocab["evidence"])
        self.evidence_w = [EVIDENCE_WEIGHTS.get(e, 10) for e in self.evidence_ids]
        self.focus_ids = list(vocab["focus_areas"])
        self.theme_ids = list(vocab["themes"])
        self.country_codes = list(COUNTRIES)
        self.country_w = [COUNTRIES[c][0] for c in self.country_codes]

    # -- vocabulary-dependent phrasing, with label fallbacks ----------------------------------
    def label(self, vocabulary: str, term: str) -> str:
        return str(self.vocab[vocabulary].get(term, {}).get("label") or term.replace("-", " "))

    def sector_kinds(self, s: str) -> list[str]:
        if s in SECTORS:
            return SECTORS[s][0]
        lab = self.label("sectors", s).title()
        return [f"{lab} Collaborative", f"{lab} Partnership", f"{lab} Alliance"]

    def sector_phrase(self, s: str) -> str:
        return SECTORS[s][1] if s in SECTORS else self.label("sectors", s).lower()

    def member_patterns(self, s: str, gb: bool) -> list[str]:
        if s in SECTORS:
            return SECTORS[s][2 if gb else 3]
        return ["{P} " + self.label("sectors", s).title()]

    def benefit_actions(self, b: str) -> list[str]:
        if b in BENEFITS:
            return BENEFITS[b][0]
        lab = self.label("benefits", b).lower()
        return [f"set shared goals for {lab}", f"worked together on {lab}",
                f"agreed a joint plan for {lab} in {{service}}"]

    def benefit_measures(self, b: str) -> list[tuple]:
        if b in BENEFITS:
            return BENEFITS[b][1]
        lab = self.label("benefits", b).lower()
        return [(f"Progress measure for {lab} in {{service}}", "percent", 20, 70, 1),
                (f"Services contributing to {lab}", "count:services", 2, 20, 1)]

    # -- building blocks ---------------------------------------------------------------------
    def place(self, cc: str) -> str:
        r = self.rng
        _, stems, suffixes, *_ = COUNTRIES[cc]
        p = r.choice(stems) + r.choice(suffixes)
        if cc == "GB" and r.random() < 0.06 and p[-1] not in "aeiouy":
            p += "shire"
        return p

    def fill(self, template: str, slots: dict) -> str:
        """Fill ``{slot}`` fields; slots that are lists get a fresh random choice each time,
        callables (decks) are called, and filled values may themselves hold slots."""
        parts = _TEMPLATES.get(template)
        if parts is None:
            parts = _TEMPLATES[template] = _SLOT.split(template)
        if len(parts) == 1:
            return template
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            v = slots.get(parts[i])
            if v is None:
                v = "{" + parts[i] + "}"
            else:
                if isinstance(v, list):
                    v = self.rng.choice(v)
                elif callable(v):
                    v = v()
                v = str(v)
                if "{" in v:
                    v = self.fill(v, slots)
            out.append(v)
            out.append(parts[i + 1])
        return "".join(out)

    def base(self, index: int, width: int) -> dict:
        """Everything except ``related`` (which needs the whole corpus)."""
        r = self.rng
        cc = r.choices(self.country_codes, self.country_w)[0]
        _, _, _, regions, currency, spelling = COUNTRIES[cc]
        gb = cc == "GB"

        n_sectors = r.choices((1, 2, 3), (55, 30, 15))[0]
        sectors = weighted_sample(r, self.sector_ids, self.sector_w, n_sectors)
        primary = sectors[0]

        place = self.place(cc)
        place2 = self.place(cc)
        while place2 == place:
            place2 = self.place(cc)
        if len(sectors) > 1 and r.random() < 0.6:
            kind = r.choice(MULTI_KINDS)
        elif not gb and r.random() < 0.5:
            kind = r.choice(COUNTRY_KINDS.get(cc, MULTI_KINDS))
        else:
            kind = r.choice(self.sector_kinds(primary))
        if gb and r.random() < 0.5:
            region = f"{place} and {self.place(cc)} integrated care system"
        else:
            region = r.choice(regions)

        # Most GB provider collaboratives are recent; international systems are older.
        if gb:
            established = min(YEAR_MAX, max(YEAR_MIN, int(r.triangular(2005, 2026, 2019))))
        else:
            established = int(r.triangular(YEAR_MIN, YEAR_MAX + 1, 2010))
            established = min(YEAR_MAX, max(YEAR_MIN, established))
        population = r.choice([None, round(r.lognormvariate(13.3, 0.8), -3)])
        population = int(population) if population else None
        if population is not None and population < 1000:
            population = 1000

        if "integrated-delivery-system" in self.gov_ids and not gb and r.random() < 0.3:
            governance = "integrated-delivery-system"
        else:
            governance = r.choices(self.gov_ids, self.gov_w)[0] if self.gov_ids else None

        n_members = r.choices((2, 3, 4, 5, 6), (20, 30, 25, 15, 10))[0]
        members: list[str] = []
        tries = 0
        while len(members) < n_members and tries < 40:
            tries += 1
            s = sectors[len(members) % len(sectors)] if r.random() < 0.8 else primary
            pattern = r.choice(self.member_patterns(s, gb))
            p = place if not members and r.random() < 0.6 else self.place(cc)
            m = pattern.replace("{P}", p).replace("{Q}", self.place(cc))
            if spelling == "us":
                m = m.replace("Centre", "Center").replace("Behavioural", "Behavioral")
            if m not in members:
                members.append(m)
        roles: list[str | None] = [None] * len(members)
        if governance == "lead-provider":
            roles[0] = "lead provider"
            for i in range(1, len(members)):
                roles[i] = r.choice([None, "partner", "subcontracted provider"])
        elif r.random() < 0.3:
            roles = [self.fill(r.choice(ROLES), {"service": SERVICES, "backoffice": BACKOFFICE})
                     if r.random() < 0.7 else None for _ in members]

        roll = r.random()
        if roll < 0.45:
            stem = f"{r.choice(DIRECTIONS)} {place}"
        elif roll < 0.62:
            stem = f"{place} and {place2}"
        else:
            stem = place
        anonymised = r.random() < 0.04
        if anonymised:  # the source does not name the organisations
            article = "An" if kind[0] in "AEIOU" else "A"
            kind_lc = " ".join(w if w.isupper() else w.lower() for w in kind.split())
            name = f"{article} {kind_lc} in {in_region(region)} ({words_of(len(members))} partners)"
        else:
            name = f"{stem} {kind}"
        short_name = acronym(name) if not anonymised and r.random() < 0.8 else None
        if short_name is not None and len(short_name) < 2:
            short_name = None
        suffix = f"-{index + 1:0{width}d}"
        slug = slugify(name)
        limit = ID_MAX - len(suffix)
        if len(slug) > limit:
            cut = slug[:limit]
            slug = cut if slug[limit] == "-" else cut.rsplit("-", 1)[0]
        slug = slug.strip("-") or "case"
        case_id = slug + suffix

        n_benefits = r.choices((1, 2, 3), (45, 35, 20))[0]
        benefits = weighted_sample(r, self.benefit_ids, self.benefit_w, n_benefits)
        focus = r.sample(self.focus_ids, min(len(self.focus_ids), r.choices((0, 1, 2, 3), (15, 45, 30, 10))[0]))
        themes = r.sample(self.theme_ids, min(len(self.theme_ids), r.choices((0, 1, 2, 3), (10, 35, 35, 20))[0]))
        evidence = r.choices(self.evidence_ids, self.evidence_w)[0] if self.evidence_ids else None

        case = {
            "id": case_id, "name": name, "short_name": short_name, "country": cc, "region": region,
            "established": established, "population": population, "sectors": sectors,
            "governance": governance, "members": list(zip(members, roles)) if not anonymised else [],
            "n_partners": len(members),
            "benefits": benefits, "focus_areas": focus, "themes": themes, "evidence": evidence,
            "anonymised": anonymised, "currency": currency, "place": place, "gb": gb,
        }
        # Per-case word choices, so each case talks about its own services and staff.
        case["slots"] = {
            "service": r.sample(SERVICES, 3), "service2": r.sample(SERVICES, 2),
            "specialised": r.sample(SPECIALISED, 2), "screening": r.sample(SCREENING, 2),
            "group": r.sample(GROUPS, 2), "supplies": r.sample(SUPPLIES, 2),
            "backoffice": r.sample(BACKOFFICE, 2), "staff": r.sample(STAFF, 3),
        }
        case["sources"] = self.sources(case)
        case["outcomes"] = self.outcomes(case)
        case["lessons"] = self.lessons(case)
        case["summary"] = self.summary(case)
        case["narrative"] = self.narrative(case)
        return case

    @staticmethod
    def ref_name(case: dict) -> str:
        """The case's name as it reads mid-sentence."""
        return lower_first(case["name"]) if case["anonymised"] else case["name"]

    def sources(self, case: dict) -> list[dict]:
        r = self.rng
        cc = case["country"]
        n = r.choices((1, 2, 3), (45, 35, 20))[0]
        pubs = SOURCE_PUBLISHERS.get(cc, []) + ([] if case["gb"] else INTERNATIONAL_PUBLISHERS)
        short = case["short_name"] or self.ref_name(case)
        out: list[dict] = []
        if case["evidence"] == "peer-reviewed":
            journal, doi = r.choice(JOURNALS)
            year = r.randint(case["established"], YEAR_MAX)
            doi = doi.format(year=year, n=r.randint(1000, 99999))
            out.append({"title": f"Evaluating {self.ref_name(case)}: outcomes after "
                                 f"{r.randint(2, 6)} years of joint working",
                        "publisher": journal, "url": f"https://doi.org/{doi}", "published": str(year)})
        elif case["evidence"] == "independently-evaluated":
            who, domain = r.choice(EVALUATORS)
            year = r.randint(case["established"], YEAR_MAX)
            title = f"Independent evaluation of {self.ref_name(case)}"
            out.append({"title": title, "publisher": who,
                        "url": f"https://{domain}/publications/{slugify(title)[:80].strip('-')}",
                        "published": f"{year}-{r.randint(1, 12):02d}"})
        for pub, domain in r.sample(pubs, min(len(pubs), max(0, n - len(out)))):
            year = r.randint(case["established"], YEAR_MAX)
            title = self.fill(r.choice(SOURCE_TITLES), {
                "name": case["name"], "short": short, "region": in_region(case["region"]), "year": year,
                "month": MONTHS, "service": case["slots"]["service"],
                "action": self.fill(r.choice(self.benefit_actions(case["benefits"][0])), case["slots"]),
            })
            title = sentence_case(title)
            path = slugify(title)[:80].strip("-")
            folder = r.choice(["", "case-studies/", "reports/", "news/", "publications/", f"{year}/"])
            src = {"title": title, "publisher": pub, "url": f"https://{domain}/{folder}{path}"}
            if r.random() < 0.6:
                src["published"] = str(year) if r.random() < 0.5 else f"{year}-{r.randint(1, 12):02d}"
            out.append(src)
        return out

    def outcomes(self, case: dict) -> list[dict]:
        r = self.rng
        n = r.choices((0, 1, 2, 3, 4), (15, 30, 30, 15, 10))[0]
        out = []
        used: set = set()
        est = case["established"]
        slots = {**case["slots"], "Staff": [sentence_case(s) for s in case["slots"]["staff"]]}
        for _ in range(n):
            benefit = r.choice(case["benefits"])
            measures = self.benefit_measures(benefit)
            fresh = [m for m in measures if (m[0], benefit) not in used] or measures
            template, kind, lo, hi, direction = r.choice(fresh)
            used.add((template, benefit))
            o: dict = {"measure": sentence_case(self.fill(template, slots)), "benefit": benefit}
            expected = r.random() < 0.18
            if kind == "money":
                unit = f"{case['currency']} million"
            elif kind.startswith("count:"):
                unit = kind[6:]
            else:
                unit = kind  # percent, days, weeks
            integer = kind.startswith("count:")
            style = r.choices(("percent", "value", "baseline", "both"), (40, 25, 25, 10))[0]
            if direction == 0:
                style = "value"  # a total (savings, people recruited) has no baseline
            base = r.uniform(lo, hi)
            f = r.uniform(0.05, 0.4) if kind == "percent" else r.uniform(0.05, 0.6)
            sign = direction or 1
            value = base * (1 + sign * f)
            if integer:
                base, value = round(base), round(value)
                if value == base:
                    value = base + sign
            else:
                base, value = round(base, 1), round(value, 1)
                if value == base:
                    value = round(base + 0.1 * sign, 1)
            change = round((value - base) / base * 100) or sign
            if style in ("percent", "both"):
                o["change_percent"] = change
            if style != "percent":
                o["value"] = value
            if style in ("baseline", "both"):
                o["baseline"] = base
            if style != "percent":
                o["unit"] = unit
            y = r.randint(est, YEAR_MAX)
            y2 = min(YEAR_MAX + (3 if expected else 0), y + r.randint(1, 4))
            if r.random() < 0.75:
                o["period"] = self.fill(r.choice(PERIODS), {"y": y, "yy": f"{(y + 1) % 100:02d}", "y2": y2})
            if expected:
                o["status"] = "expected"
            elif r.random() < 0.1:
                o["status"] = "achieved"
            if r.random() < 0.6:
                o["source"] = r.randint(1, len(case["sources"]))
            out.append(o)
        return out

    @staticmethod
    def describe(o: dict) -> str:
        """One sentence reporting an outcome."""
        m = o["measure"]
        ml = lower_first(m)
        period = o.get("period") or ""
        if period[:1].isdigit():  # "2022-23" → "in 2022-23"; "2019 to 2021" → "from 2019 to 2021"
            period = ("from " if " to " in period else "in ") + period
        period = " " + period if period else ""
        unit = o.get("unit", "")
        exp = o.get("status") == "expected"

        def amount(v):
            if unit == "percent":
                return f"{fmt_num(v)}%"
            if unit.endswith(" million"):
                return f"{unit.split()[0]} {fmt_num(v)} million"
            if isinstance(v, int):
                return f"{v:,} {unit}".strip()
            return f"{fmt_num(v)} {unit}".strip()

        if "baseline" in o:
            if exp:
                return f"The partners expect {ml} to go from {amount(o['baseline'])} to {amount(o['value'])}{period}."
            verb = "fell" if o["value"] < o["baseline"] else "rose"
            return f"{m} {verb} from {amount(o['baseline'])} to {amount(o['value'])}{period}."
        if "change_percent" in o:
            c = o["change_percent"]
            word = ("fall" if c < 0 else "rise") if exp else ("fell" if c < 0 else "rose")
            if exp:
                return f"The partners expect {ml} to {word} by {fmt_num(abs(c))}%{period}."
            return f"{m} {word} by {fmt_num(abs(c))}%{period}."
        if exp:
            return f"{m} is forecast to reach {amount(o['value'])}{period}."
        return f"{m} reached {amount(o['value'])}{period}."

    def lessons(self, case: dict) -> list[str]:
        r = self.rng
        n = r.choices((1, 2, 3, 4), (25, 35, 25, 15))[0]
        return [self.fill(t, case["slots"]) for t in r.sample(LESSONS, n)]

    def summary(self, case: dict) -> str:
        r = self.rng
        name = case["name"]
        n = words_of(case["n_partners"])
        region = in_region(case["region"])
        secs = " and ".join(self.sector_phrase(s) for s in case["sectors"][:2])
        served = f"about {people(case['population'])} people" if case["population"] else "a mixed population"
        first = r.choice([
            f"{sentence_case(n)} {secs} providers in {region} have worked together since {case['established']} as {self.ref_name(case)}.",
            f"{name} brings together {n} {secs} organisations serving {served} in {region}.",
            f"Formed in {case['established']}, {self.ref_name(case)} links {n} {secs} providers across {region}.",
        ])
        parts = [first]
        acts = [self.fill(r.choice(self.benefit_actions(b)), case["slots"]) for b in case["benefits"]]
        if len(acts) == 1:
            parts.append(f"The partners {acts[0]}.")
        else:
            parts.append(f"The partners {', '.join(acts[:-1])} and {acts[-1]}.")
        if case["outcomes"]:
            parts.append(self.describe(case["outcomes"][0]))
        parts.append(r.choice([
            "Leaders credit long-standing relationships for the pace of change.",
            "The work continues alongside each partner's own plans.",
            "Staff and patient groups were involved throughout.",
            "Clinical leadership has been central to the approach.",
            "The partners see it as a first step towards deeper integration.",
        ]))
        out = parts[0]
        for p in parts[1:]:
            if len(out) + 1 + len(p) <= SUMMARY_MAX:
                out += " " + p
        fillers = Deck(r, ["The collaborative is still evolving.", "Its results are summarised below.",
                           "Partners review the programme every year.", "Each partner keeps its own board."])
        while len(out) < SUMMARY_MIN:
            out += " " + fillers()
        if len(out) > SUMMARY_MAX:  # a very long name; cut at a word boundary
            out = out[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "."
        return out

    def narrative(self, case: dict) -> str:
        r = self.rng
        short = case["short_name"] or "The collaborative"
        members = [m for m, _ in case["members"]]
        lead = members[0] if members else "The lead partner"
        secs = " and ".join(self.sector_phrase(s) for s in case["sectors"][:2])
        year2 = min(YEAR_MAX, case["established"] + r.randint(1, 5))
        deck = lambda items: Deck(r, items)  # noqa: E731
        common = {
            **case["slots"], "name": case["name"], "short": short, "region": in_region(case["region"]),
            "year": case["established"], "year2": year2, "n_words": words_of(case["n_partners"]),
            "sector_phrase": secs, "trigger": deck(TRIGGERS),
            "pop": people(case["population"] or r.randint(80, 900) * 1000),
            "places": f"{case['place']}, {self.place(case['country'])} and the surrounding area",
            "members": (", ".join(members[:-1]) + " and " + members[-1]) if len(members) > 1
            else (members[0] if members else "not named in the published sources"),
            "prior": deck(PRIOR), "employees": f"{r.randint(3, 60) * 500:,}", "geography": deck(GEOGRAPHY),
            "place": [case["place"], self.place(case["country"])],
            "challenge": deck(CHALLENGES), "sector2": [self.sector_phrase(s) for s in self.sector_ids],
            "next": deck(NEXT_STEPS), "lead": lead,
            "action": deck([a for b in case["benefits"] for a in self.benefit_actions(b)]),
        }
        common["next2"] = common["next"]

        def draw(pool: list[str], quota: int, first: list[str] | None = None) -> list[str]:
            out = list(first or [])
            words = sum(len(s.split()) for s in out)
            templates = deck(pool)
            while words < quota:
                s = sentence_case(self.fill(templates(), common))
                out.append(s)
                words += len(s.split())
            return out

        total = r.randint(NARRATIVE_MIN_WORDS + 10, NARRATIVE_MAX_WORDS - 45)
        gov = case["governance"]
        if gov in GOVERNANCE_SENTENCES:
            gov_first = [self.fill(r.choice(GOVERNANCE_SENTENCES[gov]), common)]
        elif gov:
            gov_first = [f"The partners describe their arrangement as {self.label('governance', gov).lower()}."]
        else:
            gov_first = []
        for t in case["themes"]:
            if t in THEME_SENTENCES and r.random() < 0.7:
                gov_first.append(THEME_SENTENCES[t])
        context = draw(CONTEXT_TEMPLATES[1:], int(total * 0.25), first=[self.fill(CONTEXT_TEMPLATES[0], common)])
        how = draw(HOW_TEMPLATES, int(total * 0.2), first=gov_first)
        work_first = [self.fill(FOCUS_SENTENCES[f], common) for f in case["focus_areas"] if f in FOCUS_SENTENCES]
        results = [self.describe(o) for o in case["outcomes"]]
        if case["evidence"] in EVIDENCE_SENTENCES and results:
            results.insert(0, EVIDENCE_SENTENCES[case["evidence"]])
        if case["sources"] and r.random() < 0.35:
            s = case["sources"][0]
            results.append(f"The [{s['publisher']} write-up]({s['url']}) gives more detail.")
        work = draw(WORK_TEMPLATES, int(total * 0.3), first=work_first) + results
        used = sum(len(" ".join(p).split()) for p in (context, how, work))
        outlook = draw(OUTLOOK_TEMPLATES, max(15, total - used))
        if case["short_name"] and r.random() < 0.3:
            context[0] = context[0].replace(case["name"], f"{case['name']} (_{case['short_name']}_)", 1)

        k = r.choices((2, 3, 4), (25, 40, 35))[0]
        if k == 4:
            paras = [context, how, work, outlook]
        elif k == 3:
            paras = [context + how, work, outlook]
        else:
            paras = [context + how, work + outlook]
        return "\n\n".join(" ".join(p) for p in paras)

    # -- rendering ---------------------------------------------------------------------------
    @staticmethod
    def render(case: dict) -> str:
        L = [SCHEMA_COMMENT, f"id: {scalar(case['id'])}", f"name: {text(case['name'])}"]
        if case["short_name"]:
            L.append(f"short_name: {text(case['short_name'])}")
        L.append(f"country: {scalar(case['country'])}")
        L.append(f"region: {text(case['region'])}")
        L.append(f"established: {case['established']}")
        if case["population"]:
            L.append(f"population: {case['population']}")
        L.append(f"sectors: {flow(case['sectors'])}")
        if case["governance"]:
            L.append(f"governance: {scalar(case['governance'])}")
        if case["members"]:
            L.append("members:")
            for m, role in case["members"]:
                if role:
                    L.append(f"  - name: {text(m)}")
                    L.append(f"    role: {text(role)}")
                else:
                    L.append(f"  - {text(m)}")
        L.append(f"benefits: {flow(case['benefits'])}")
        if case["focus_areas"]:
            L.append(f"focus_areas: {flow(case['focus_areas'])}")
        if case["themes"]:
            L.append(f"themes: {flow(case['themes'])}")
        L.append("summary: >-")
        L.extend("  " + line for line in wrap(case["summary"]))
        L.append("narrative: |")
        for i, para in enumerate(case["narrative"].split("\n\n")):
            if i:
                L.append("")
            L.extend("  " + line for line in wrap(para))
        if case["outcomes"]:
            L.append("outcomes:")
            for o in case["outcomes"]:
                L.append(f"  - measure: {text(o['measure'])}")
                L.append(f"    benefit: {scalar(o['benefit'])}")
                for k in ("change_percent", "value", "baseline"):
                    if k in o:
                        L.append(f"    {k}: {fmt_num(o[k])}")
                for k in ("unit", "period"):
                    if k in o:
                        L.append(f"    {k}: {text(o[k])}")
                if "status" in o:
                    L.append(f"    status: {o['status']}")
                if "source" in o:
                    L.append(f"    source: {o['source']}")
        L.append("lessons:")
        L.extend(f"  - {text(lesson)}" for lesson in case["lessons"])
        L.append("sources:")
        for s in case["sources"]:
            L.append(f"  - title: {text(s['title'])}")
            L.append(f"    publisher: {text(s['publisher'])}")
            L.append(f"    url: {s['url']}")
            if "published" in s:
                L.append(f"    published: {text(s['published'])}")
        if case["related"]:
            L.append(f"related: {flow(case['related'])}")
        if case["evidence"]:
            L.append(f"evidence: {scalar(case['evidence'])}")
        L.append(f"anonymised: {'true' if case['anonymised'] else 'false'}")
        L.append(f"last_reviewed: {LAST_REVIEWED}")
        return "\n".join(L) + "\n"

    @staticmethod
    def render_markdown(case: dict) -> str:
        title = case["name"] + (f" ({case['short_name']})" if case["short_name"] else "")
        return f"# {title}\n\n{case['summary']}\n\n{case['narrative']}\n"


def generate(count: int, seed: int, vocab: dict) -> list[dict]:
    """Build ``count`` cases (as dicts) deterministically from ``seed``."""
    gen = Generator(vocab, seed)
    width = max(3, len(str(count)))
    cases = [gen.base(i, width) for i in range(count)]
    r = gen.rng
    by_sector: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        by_sector.setdefault(c["sectors"][0], []).append(i)
    for i, c in enumerate(cases):
        k = r.choices((0, 1, 2, 3), (25, 30, 25, 20))[0] if count > 1 else 0
        related: list[str] = []
        tries = 0
        while len(related) < k and tries < 12:
            tries += 1
            pool = by_sector[c["sectors"][0]] if r.random() < 0.6 else None
            j = r.choice(pool) if pool else r.randrange(count)
            rid = cases[j]["id"]
            if j != i and rid not in related:
                related.append(rid)
        c["related"] = related
    return cases


def write_corpus(cases: list[dict], out: Path, taxonomy: Path) -> None:
    data = out / "_data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(taxonomy, data / "taxonomy.yaml")
    schema = taxonomy.with_name("case.schema.json")
    if schema.is_file():
        shutil.copyfile(schema, data / "case.schema.json")
    for c in cases:
        with open(out / f"{c['id']}.yaml", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(Generator.render(c))


def write_markdown(cases: list[dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    index = ["# Case studies", "", f"{len(cases)} synthetic provider collaboration case studies.", ""]
    for c in cases:
        with open(out / f"{c['id']}.md", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(Generator.render_markdown(c))
        index.append(f"- [{c['name']}]({c['id']}.md)")
    with open(out / "index.md", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(index) + "\n")


def _clear(folder: Path, pattern: str, force: bool, what: str) -> None:
    """Refuse to mix a new corpus with old files unless ``--force``; then delete only those."""
    if not folder.is_dir():
        return
    old = sorted(folder.glob(pattern))
    if not old:
        return
    if not force:
        raise SystemExit(f"make_corpus: {folder} already holds {len(old)} {what}; "
                         "choose an empty folder or pass --force to replace them")
    for p in old:
        p.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic, valid Casebook corpus for benchmarks.")
    ap.add_argument("--count", type=int, required=True, help="number of cases to write")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same count and seed → identical files)")
    ap.add_argument("--out", required=True, help="folder to write <id>.yaml files and _data/ into")
    ap.add_argument("--taxonomy", default=None,
                    help=f"taxonomy file to read vocabularies from (default: {DEFAULT_TAXONOMY})")
    ap.add_argument("--markdown", default=None, metavar="DIR",
                    help="also write a plain Markdown page per case and index.md into DIR")
    ap.add_argument("--force", action="store_true",
                    help="replace existing *.yaml (and, with --markdown, *.md) files in the output folders")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")

    taxonomy = Path(args.taxonomy) if args.taxonomy else Path(DEFAULT_TAXONOMY)
    if not args.taxonomy and not taxonomy.is_file():
        taxonomy = REPO / DEFAULT_TAXONOMY
    if not taxonomy.is_file():
        ap.error(f"taxonomy file not found: {taxonomy}")
    out = Path(args.out)
    if out.resolve() == taxonomy.resolve().parent.parent:
        ap.error(f"--out {out} is the folder the taxonomy belongs to; write the corpus somewhere else")
    md = Path(args.markdown) if args.markdown else None

    _clear(out, "*.yaml", args.force, ".yaml files")
    if md is not None:
        _clear(md, "*.md", args.force, ".md files")

    vocab = load_vocabularies(taxonomy)
    cases = generate(args.count, args.seed, vocab)
    write_corpus(cases, out, taxonomy)
    if md is not None:
        write_markdown(cases, md)
    print(f"make_corpus: wrote {len(cases)} cases to {out}" + (f" and Markdown pages to {md}" if md else ""),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

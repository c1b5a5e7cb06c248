"""Word lists for benefits, narrative sentences, lessons and sources."""

from __future__ import annotations

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

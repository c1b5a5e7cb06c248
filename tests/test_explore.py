"""The /explore/ listing: one row per case, paged, filter data in chunked JSON, hostile text escaped."""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from casebook.records.taxonomy import load_taxonomy
from casebook.site.explore import explore_data, explore_listing, explore_pages, render_explore, search_text

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "src" / "casebook" / "site" / "assets"
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "cases" / "_data" / "taxonomy.yaml")


def make_case(case_id, name, **extra):
    """A validated case dict with just enough in it; ``extra`` overrides any field."""
    case = {
        "id": case_id,
        "name": name,
        "short_name": None,
        "country": "GB",
        "region": None,
        "established": None,
        "population": None,
        "sectors": ["acute"],
        "governance": "not-stated",
        "members": [],
        "benefits": ["workforce"],
        "focus_areas": [],
        "themes": [],
        "summary": f"Summary of {name}.",
        "narrative": None,
        "outcomes": [],
        "lessons": [],
        "sources": [{"title": "A source", "publisher": "Someone"}],
        "related": [],
        "evidence": "self-reported",
        "anonymised": False,
        "last_reviewed": datetime.date(2024, 5, 1),
        "discrepancies": [],
    }
    case.update(extra)
    return case


def outcome(benefit):
    return {"measure": "Something", "benefit": benefit, "change_percent": -10, "value": None,
            "unit": None, "baseline": None, "period": None, "status": "achieved",
            "source": 1}


@pytest.fixture()
def cases():
    return [
        make_case("wyaat", "West Yorkshire Association of Acute Trusts", short_name="WYAAT",
                  region="West Yorkshire and Harrogate", established=2016,
                  sectors=["acute"], governance="provider-leadership-board",
                  benefits=["specialised-services", "efficiency-and-scale", "workforce"],
                  outcomes=[outcome("specialised-services")]),
        make_case("cmast", "Cheshire and Merseyside Acute and Specialist Trust Provider "
                  "Collaborative", short_name="CMAST", region="Cheshire and Merseyside",
                  established=2021, sectors=["acute", "specialist"],
                  governance="provider-leadership-board",
                  benefits=["unwarranted-variation", "resilience-and-capacity"],
                  evidence="independently-evaluated",
                  outcomes=[outcome("unwarranted-variation"),
                            outcome("resilience-and-capacity")]),
        make_case("aarhus-region", "Århus integrated care", country="DK",
                  sectors=["community", "primary-care"],
                  governance="integrated-delivery-system",
                  benefits=["health-inequalities"], evidence="peer-reviewed",
                  summary="Nurses in Malmö and Århus share one record."),
    ]


class Page(HTMLParser):
    """Collects what the assertions need from the rendered HTML block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []          # attrs of each <tr> in <tbody>
        self.cells = []         # text of each row's cells
        self.links = []         # href of each link inside a row
        self.elements = []      # (tag, attrs) of every element
        self.text = []
        self._in_body = False
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append(attrs)
            self.cells.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = []
        elif tag == "a" and self._in_body:
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.cells[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def find(self, **wanted):
        return [(t, a) for t, a in self.elements
                if all(a.get(k) == v for k, v in wanted.items())]


def parse(markdown):
    body = markdown.split("\n---\n", 1)[1]
    page = Page()
    page.feed(body)
    page.close()
    return page


def html_block(markdown):
    """The raw-HTML part of the page, as Python-Markdown will see it."""
    start = markdown.index('<section class="cb-explore-page"')
    return markdown[start:]


def test_front_matter_and_intro(cases, taxonomy):
    md = render_explore(cases, taxonomy)
    assert md.startswith('---\ntitle: "Explore all cases"\n')
    front = md.split("---\n")[1]
    assert "hide:" in front and "- toc" in front
    assert "All 3 cases" in md


def test_html_is_one_raw_block_python_markdown_passes_through(cases, taxonomy):
    md = render_explore(cases, taxonomy)
    block = html_block(md)
    # Column 0, preceded by a blank line, and no blank line inside it.
    assert md[md.index(block) - 2:md.index(block)] == "\n\n"
    assert "\n\n" not in block.rstrip("\n")
    body = md.split("\n---\n", 1)[1]
    for extensions in ([], ["attr_list", "md_in_html", "tables", "toc"]):
        out = markdown.markdown(body, extensions=extensions)
        assert out.count("<tr ") == len(cases)
        assert "<p><form" not in out and "<p><tr" not in out and "<p><section" not in out
        assert html_block(md).rstrip("\n") in out  # passed through byte for byte


def test_table_left_out_of_material_search_index(cases, taxonomy):
    block = html_block(render_explore(cases, taxonomy))
    assert block.startswith('<section class="cb-explore-page" data-search-exclude')
    # Material's search parser ends an exclusion at the first closing tag of the same name,
    # so the excluding element must not contain another <section>.
    assert block.count("<section") == 1


def test_one_row_per_case_sorted_by_name(cases, taxonomy):
    page = parse(render_explore(cases, taxonomy))
    assert len(page.rows) == 3
    names = [cells[0] for cells in page.cells]
    assert names[0].startswith("Århus") and names[1].startswith("Cheshire")
    assert page.links == ["../cases/aarhus-region/", "../cases/cmast/", "../cases/wyaat/"]


def data_rows(cases, taxonomy):
    """Each row's filter fields (f-0.json, by field name) and search text (t-0.json), by case id."""
    listing, _ = explore_listing(cases, taxonomy)
    files = explore_data(cases, taxonomy)
    fields = listing.all_fields()
    rows = [dict(zip(fields, values)) for values in json.loads(files["data/listing/explore/f-0.json"])]
    texts = json.loads(files["data/listing/explore/t-0.json"])
    return {r["id"]: {**r, "text": t} for r, t in zip(rows, texts)}


def test_row_data(cases, taxonomy):
    rows = data_rows(cases, taxonomy)
    wyaat = rows["wyaat"]
    assert wyaat["benefits"] == ["specialised-services", "efficiency-and-scale", "workforce"]
    assert wyaat["sectors"] == ["acute"]
    assert wyaat["governance"] == "provider-leadership-board"
    assert wyaat["country"] == "GB"
    assert wyaat["year"] == 2016
    assert wyaat["evidence"] == "self-reported"
    assert wyaat["outcomes"] == 1
    assert "wyaat" in wyaat["text"]
    assert "west yorkshire and harrogate" in wyaat["text"]
    assert wyaat["text"] == wyaat["text"].lower()

    cmast = rows["cmast"]
    assert cmast["sectors"] == ["acute", "specialist"]
    assert cmast["outcomes"] == 2
    assert cmast["evidence"] == "independently-evaluated"

    aarhus = rows["aarhus-region"]
    assert aarhus["year"] is None
    assert aarhus["country"] == "DK"
    # Accents are folded away so a plain-ASCII query finds the case.
    assert "malmo" in aarhus["text"] and "arhus" in aarhus["text"]


def test_cells_show_human_labels(cases, taxonomy):
    page = parse(render_explore(cases, taxonomy))
    by_name = {cells[0]: cells for cells in page.cells}
    cmast = next(c for n, c in by_name.items() if n.startswith("Cheshire"))
    assert cmast[0].endswith("(CMAST)")
    assert cmast[1] == "United Kingdom"
    assert cmast[2] == "2021"
    assert cmast[3] == "Acute hospitals, Specialist trusts"
    assert cmast[4] == "Provider leadership board"
    assert cmast[5] == "Less unwarranted variation, Resilience and capacity"
    assert cmast[6] == "Independently evaluated"
    assert cmast[7] == "2"
    aarhus = by_name["Århus integrated care"]
    assert aarhus[1] == "Denmark"
    assert aarhus[2] == "Not stated"


def test_table_structure(cases, taxonomy):
    md = render_explore(cases, taxonomy)
    page = parse(md)
    assert page.find(id="cb-table", **{"class": "cb-explore"})
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', md)
    assert headers == ["Case", "Country", "Established", "Sectors", "Governance", "Benefits",
                       "Evidence", "Outcomes"]
    assert '<caption id="cb-caption">' in md
    wrap = page.find(**{"class": "cb-table-wrap"})
    assert wrap and wrap[0][1]["tabindex"] == "0" and wrap[0][1]["role"] == "region"
    assert wrap[0][1]["aria-labelledby"] == "cb-caption"
    # A keyboard user can skip the table: the link's target comes after it.
    assert md.index('<a class="cb-skip" href="#cb-after">') < md.index("<table") < md.index('id="cb-after"')


def test_form_present_and_hidden_without_js(cases, taxonomy):
    page = parse(render_explore(cases, taxonomy))
    [(tag, form)] = page.find(id="cb-filters")
    assert tag == "form" and "hidden" in form
    assert form["role"] == "search" and form["aria-label"] == "Filter cases"
    names = {a.get("name") for t, a in page.elements if t in ("input", "select")}
    assert names >= {"benefit", "match", "sector", "governance", "country", "from", "to",
                     "evidence", "q", "sort"}
    assert page.find(id="cb-clear")[0][0] == "button"
    [(_, count)] = page.find(id="cb-count")
    assert count["role"] == "status" and count["aria-live"] == "polite"
    assert "3 of 3 cases" in "".join(page.text)
    [(_, empty)] = page.find(id="cb-empty")
    assert "hidden" in empty
    assert len([1 for t, _ in page.elements if t == "fieldset"]) >= 2


def test_every_control_has_a_label(cases, taxonomy):
    md = render_explore(cases, taxonomy)
    page = parse(md)
    label_for = {a["for"] for t, a in page.elements if t == "label" and "for" in a}
    for tag, attrs in page.elements:
        if tag == "select" or (tag == "input" and attrs.get("type") in ("number", "search")):
            assert attrs["id"] in label_for, attrs
    # Checkboxes and radios sit inside their <label>.
    assert re.search(r'<label><input type="checkbox" name="benefit" value="workforce"> '
                     r'Workforce <span class="cb-n">\(1\)</span></label>', md)
    assert md.count('name="match"') == 2


def test_options_cover_values_in_use(cases, taxonomy):
    page = parse(render_explore(cases, taxonomy))
    benefit_values = [a["value"] for t, a in page.elements if a.get("name") == "benefit"]
    # All six benefits are used by the fixture cases; taxonomy order is kept.
    assert benefit_values == [b for b in taxonomy.terms("benefits")]
    html = render_explore(cases, taxonomy)
    # Every facet is multi-choice (checkboxes), offering only values in use, with their counts.
    assert re.findall(r'name="country" value="([^"]*)"> ([^<]*) <span class="cb-n">\((\d+)\)', html) == [
        ("DK", "Denmark", "1"), ("GB", "United Kingdom", "2")]
    sectors = re.findall(r'name="sector" value="([^"]*)"', html)
    assert "specialist" in sectors and "ambulance" not in sectors
    assert re.findall(r'name="sector" value="acute"> [^<]* <span class="cb-n">\((\d+)\)', html) == ["2"]


def test_deterministic_and_order_independent(cases, taxonomy):
    first = render_explore(cases, taxonomy)
    assert render_explore(list(reversed(cases)), taxonomy) == first
    assert render_explore(cases, taxonomy) == first


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_escaped_everywhere(taxonomy, payload):
    case = make_case(
        "evil", payload, short_name=payload, region=payload, summary=payload,
        members=[{"name": payload, "role": payload}],
    )
    md = render_explore([case], taxonomy)
    assert "<script" not in md
    assert "<img" not in md
    assert "onerror=alert(1)>" not in md
    page = parse(md)
    row = page.rows[0]
    # The payload survives as text (escaped) in the cell; the search text holds its words,
    # folded (punctuation is a word separator there, so nothing in it can be markup).
    assert page.cells[0][0].startswith(payload)
    text = data_rows([case], taxonomy)["evil"]["text"]
    assert ("script alert 1 script" if "script" in payload else "img src x onerror alert 1") in text
    assert "<" not in text and '"' not in text
    # No attribute was broken out of: the row has exactly the attribute we wrote.
    assert set(row) == {"data-case"}
    # The data files write "<" as \u003c; the rows' HTML in them is escaped as on the page.
    files = explore_data([case], taxonomy)
    assert all("<" not in raw for raw in files.values())
    html_rows = json.loads(files["data/listing/explore/h-0.json"])
    assert "<script" not in html_rows[0] and "<img" not in html_rows[0]


def test_hostile_vocabulary_ids_and_country_escaped(taxonomy):
    """Validation should stop these, but the renderer must not trust that it did."""
    payload = '"><script>alert(1)</script>'
    case = make_case("x", "X", country=payload, benefits=[payload], sectors=[payload],
                     governance=payload, evidence=payload)
    md = render_explore([case], taxonomy)
    assert "<script" not in md
    row = data_rows([case], taxonomy)["x"]
    assert row["country"] == payload and row["governance"] == payload
    assert "<script" not in "".join(explore_pages([case], taxonomy).values())


def test_no_cases(taxonomy):
    md = render_explore([], taxonomy)
    page = parse(md)
    assert page.rows == []
    assert "0 of 0 cases" in "".join(page.text)


def _many(n):
    return [make_case(f"case-{i:05d}", f"Collaborative {i:05d}", short_name=f"C{i}",
                      region="Somewhere in England", established=2000 + i % 24,
                      sectors=["acute", "community"], governance="lead-provider",
                      benefits=["workforce", "efficiency-and-scale"],
                      summary="Trusts in one county pooled their staff banks. " * 4,
                      outcomes=[outcome("workforce")] * (i % 5))
            for i in range(n)]


def test_first_page_costs_the_same_at_any_size(taxonomy):
    small = explore_pages(_many(60), taxonomy)
    big = explore_pages(_many(10_000), taxonomy)
    assert len(big) == 200 and len(small) == 2
    for pages in (small, big):
        assert all(text.count("<tr data-case") <= 50 for text in pages.values())
    # Only the counts' digits and the pager's numbers differ: a few hundred bytes, not a corpus.
    assert len(big["explore.md"].encode()) - len(small["explore.md"].encode()) < 2_000
    every = [cid for text in big.values() for cid in re.findall(r'<tr data-case="([^"]+)"', text)]
    assert sorted(every) == sorted(f"case-{i:05d}" for i in range(10_000)), "the pages hold every case once"


def test_pager_links_previous_next_and_numbers(taxonomy):
    pages = explore_pages(_many(260), taxonomy)  # 6 pages
    assert sorted(pages) == ["explore.md"] + [f"explore/page/{n}.md" for n in range(2, 7)]
    first, third, last = pages["explore.md"], pages["explore/page/3.md"], pages["explore/page/6.md"]
    assert ">Previous<" not in first and 'href="../explore/page/2/" rel="next">Next</a>' in first
    assert 'href="../../../explore/page/2/" rel="prev">Previous</a>' in third
    assert 'href="../../../explore/page/4/" rel="next">Next</a>' in third
    assert 'href="../../../explore/" aria-label="Page 1">1</a>' in third
    assert 'aria-current="page" href="../../../explore/page/3/">3</a>' in third
    assert ">Next<" not in last and "Page 6 of 6" in last
    assert "<form" not in third and "Filter, sort and search them on the first page" in third


def test_search_text_ignores_punctuation_and_case():
    assert search_text("Out-of-Area placements") == search_text("out of area  placements") == "out of area placements"
    assert search_text("(BCPC)", "Dudley's") == "bcpc dudley s"


def test_search_text_folds_like_the_script():
    assert search_text("Århus", None, "  Malmö\nHealth ") == "arhus malmo health"


def test_assets_exist_and_script_is_csp_friendly():
    js = (ASSETS / "listing.js").read_text(encoding="utf-8")
    for needle in ("data-cb-listing", "replaceState", "pushState", "popstate", "f-", "t-", "h-"):
        assert needle in js
    for banned in ("eval(", "new Function", "XMLHttpRequest", "document.write", "outerHTML", "insertAdjacentHTML"):
        assert banned not in js
    # Row HTML is set only from the site's own data files or the page's own first rows.
    assert re.findall(r"innerHTML = ([\w.]+)", js) == ["this.staticView.rows", "this.staticView.after", "html"]
    assert 'credentials: "same-origin"' in js
    css = (ASSETS / "casebook.css").read_text(encoding="utf-8")
    for selector in (".cb-filters", ".cb-table-wrap", ".cb-facts", ".cb-cards", ".cb-card",
                     ".cb-chart", ".cb-chart-data", ".cb-tag", ".cb-outcomes",
                     ".cb-expected", ":focus-visible", ".cb-pages", "a.cb-skip"):
        assert selector in css


@pytest.mark.parametrize("name,short,shown", [
    ("Gesundes Kinzigtal", "Gesundes Kinzigtal", False),   # the name itself
    ("Gesundes Kinzigtal GmbH", "gesundes kinzigtal", False),  # contained, whatever the case
    ("West Yorkshire Association of Acute Trusts", "WYAAT", True),
    ("Canterbury", None, False),
])
def test_a_name_is_never_its_own_short_name(taxonomy, name, short, shown):
    md = render_explore([make_case("x", name, short_name=short)], taxonomy)
    assert ('<span class="cb-short">' in md) is shown

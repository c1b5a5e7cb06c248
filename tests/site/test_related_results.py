"""Results a benefit's page lists although they are filed under another benefit: an indicator
may name the benefits it also bears on (``related_benefits`` in the taxonomy), so the Workforce
page shows the staff banks' agency savings, which their records file under efficiency."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebook.records.taxonomy import TaxonomyError, load_taxonomy
from casebook.site.build import load_cases
from casebook.site.context import BuildContext
from casebook.site.enrich import enrich
from casebook.site.render import SiteRenderer
from casebook.site.urls import term_uri

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def renderer() -> SiteRenderer:
    tax = load_taxonomy(ROOT / "cases" / "_data" / "taxonomy.yaml")
    return SiteRenderer(enrich(load_cases(ROOT / "cases", tax).cases, tax), BuildContext(page_size=4))


def _related_section(page: str) -> str:
    start = page.find("## Related results filed under another benefit")
    return page[start:] if start >= 0 else ""


def test_workforce_page_lists_the_agency_savings_filed_under_efficiency(renderer):
    pages = renderer.term_pages("benefits", "workforce")
    related = "".join(_related_section(p) for p in pages.values())
    # Flexishift's record (cases/north-east-north-cumbria-collaborative-bank.yaml) files its
    # "over £11.5m" saving against agency use under efficiency-and-scale, indicator agency-spend.
    assert "more than £11.5m" in related
    assert "Savings against agency use since 2018/19" in related
    first = pages[term_uri("benefits", "workforce")]
    assert "each is filed under efficiency and scale" in first
    assert 'aria-label="Related results"' in first


def test_related_rows_are_paged_like_the_rest_of_the_page(renderer):
    """Eight agency-spend results, four to a page: none repeated, none lost."""
    pages = renderer.term_pages("benefits", "workforce")
    rows = []
    for page in pages.values():
        section = _related_section(page)
        rows += re.findall(r'<span class="cb-o-m">([^<]+)</span>', section)
    agency = [(c["id"], o["measure"]) for c in renderer.corpus.cases for o in c.get("outcomes") or []
              if o.get("indicator") == "agency-spend" and o["benefit"] != "workforce"]
    assert len(agency) >= 6  # four staff-bank and agency cases report it (see the records)
    assert len(rows) == len(agency)
    assert all(len(_related_section(p).split("<tr>")) - 2 <= 4 for p in pages.values())


def test_the_benefit_it_is_filed_under_does_not_list_it_twice(renderer):
    page = renderer.term_pages("benefits", "efficiency-and-scale")
    assert not any(_related_section(p) for p in page.values())


def test_unknown_related_benefit_is_a_located_taxonomy_error(tmp_path):
    text = (ROOT / "cases" / "_data" / "taxonomy.yaml").read_text(encoding="utf-8")
    bad = text.replace("related_benefits: [workforce]", "related_benefits: [staffing]")
    assert bad != text
    path = tmp_path / "taxonomy.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    assert "indicators.agency-spend" in str(info.value)
    assert "'staffing'" in str(info.value) and "workforce" in str(info.value)

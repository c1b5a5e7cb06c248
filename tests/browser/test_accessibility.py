"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on the main pages, in the light and
the dark colour scheme (Material's palette follows prefers-color-scheme), including the
/explore/ page with a filter applied and the search dialog showing results."""

from __future__ import annotations

import pytest

from browserkit import BENEFIT, CASE, benefit_pair, check_explore, describe_violations, open_context, run_axe, search

pytestmark = pytest.mark.browser

SCHEME = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module", params=list(SCHEME))
def scheme_page(request, browser):
    """One page per colour scheme, shared by the module's tests (axe only reads the page)."""
    ctx = open_context(browser, color_scheme=request.param)
    page = ctx.new_page()
    page.scheme = request.param
    yield page
    ctx.close()


def goto(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    got = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert got == SCHEME[page.scheme], f"palette is {got!r} under prefers-color-scheme: {page.scheme}"


def assert_no_violations(page, axe_source: str, what: str) -> None:
    violations = run_axe(page, axe_source)
    assert not violations, (f"axe: {len(violations)} violation(s) on {what} ({page.scheme} scheme):\n"
                            + describe_violations(violations))


@pytest.mark.parametrize("path", ["", CASE, BENEFIT, "explore/", "glossary/", "contribute/", "contribute/?case=wyaat"],
                         ids=["home", "case", "benefit", "explore", "glossary", "contribute", "contribute-edit"])
def test_page(scheme_page, base_url, axe_source, path):
    goto(scheme_page, base_url + path)
    if path.startswith("contribute/"):
        scheme_page.wait_for_selector("#cb-contribute-problems > *")
    # Open every folded data table so its contents are checked too.
    scheme_page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    assert_no_violations(scheme_page, axe_source, "/" + path)


def test_explore_with_a_filter(scheme_page, base_url, axe_source, cases_data):
    a, b = benefit_pair(cases_data)
    goto(scheme_page, base_url + "explore/")
    scheme_page.wait_for_selector("#cb-filters:not([hidden])")
    scheme_page.check(f'input[name="benefit"][value="{a}"]')
    scheme_page.check(f'input[name="benefit"][value="{b}"]')
    scheme_page.check('input[name="match"][value="all"]')
    check_explore(scheme_page, cases_data, benefit=[a, b], match="all")
    assert_no_violations(scheme_page, axe_source, "/explore/ filtered")
    # No row at all: the "no cases match" message shows.
    scheme_page.fill('input[name="q"]', "zzzz no such case")
    scheme_page.wait_for_selector("#cb-empty:not([hidden])")
    # Filling the box scrolled the form under Material's sticky header, which axe counts as
    # obscuring whatever checkbox sits beneath it; check the page as a reader arriving sees it.
    scheme_page.evaluate("() => window.scrollTo(0, 0)")
    # Back at the top, Material's "Back to top" button fades out: check once it has gone, not
    # half-faded (axe would measure its text against the page mid-transition).
    scheme_page.wait_for_function("""() => { const t = document.querySelector('.md-top');
        return !t || (t.hidden && getComputedStyle(t).opacity === '0') || t.getClientRects().length === 0; }""")
    # The header's title fades back in too (its topic switches on scroll): wait for every transition.
    scheme_page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert_no_violations(scheme_page, axe_source, "/explore/ with no match")


def test_search_results(scheme_page, base_url, axe_source):
    goto(scheme_page, base_url)
    search(scheme_page, "out of area")
    assert scheme_page.is_visible(".md-search-result__item")
    assert_no_violations(scheme_page, axe_source, "the search dialog with results")


def test_contribute_form_with_problems_shown(scheme_page, base_url, axe_source):
    """The form with repeated groups open and problems marked at their controls."""
    goto(scheme_page, base_url + "contribute/")
    scheme_page.wait_for_selector("#cb-contribute-problems > *")
    scheme_page.click("#cb-f-outcomes-add")
    scheme_page.click("#cb-f-sources-add")
    scheme_page.fill('[name="outcomes[1].change_percent"]', "12%")
    scheme_page.fill('[name="sources[1].url"]', "not an address")
    scheme_page.click("#cb-contribute-copy")  # shows every problem at its control
    scheme_page.wait_for_selector('[aria-invalid="true"]')
    assert_no_violations(scheme_page, axe_source, "/contribute/ with problems")

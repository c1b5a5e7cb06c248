"""Every main page: no sideways scrolling on a phone, no console errors, no request that
leaves 127.0.0.1 (the site makes no third-party request: no web fonts, no CDN, no analytics)."""

from __future__ import annotations

import pytest

from conftest import PAGES, open_context

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}


@pytest.fixture(scope="module")
def phone(browser):
    ctx = open_context(browser, **PHONE)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scroll_on_a_phone(phone, base_url, name):
    phone.goto(base_url + PAGES[name])
    phone.wait_for_load_state("load")
    width = phone.evaluate("""() => ({scroll: document.documentElement.scrollWidth,
        body: document.body.scrollWidth, inner: window.innerWidth,
        widest: [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                       && getComputedStyle(e).position !== 'fixed'
                       && !e.closest('.md-sidebar, .md-search, [hidden]'))
          .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className + ' right='
                           + Math.round(e.getBoundingClientRect().right))})""")
    assert width["scroll"] <= width["inner"], f"{name} scrolls sideways at 390px: {width}"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_console_errors_and_no_outside_requests(page, base_url, name):
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    # Bring lazy content (charts) into view so its requests happen too.
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    broken = page.evaluate("() => [...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
    assert not broken, f"{name}: images that did not load: {broken}"
    assert page.rec.requests, "no request was recorded"
    assert not page.rec.problems(), f"{name}: " + "\n".join(page.rec.problems())


def test_the_page_fixture_blocks_and_records_outside_requests(page, base_url):
    """The guard itself works: a request to another host is aborted and recorded."""
    page.goto(base_url)
    page.evaluate("() => fetch('https://example.org/tracker.js').catch(() => null)")
    page.wait_for_timeout(100)
    assert page.rec.blocked == ["https://example.org/tracker.js"]
    assert any("example.org" in p for p in page.rec.problems())

"""Every main page: no sideways scrolling on a phone, no console errors, no request that
leaves 127.0.0.1 (the site makes no third-party request: no web fonts, no CDN, no analytics)."""

from __future__ import annotations

import pytest

from browserkit import PAGES, open_context

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
    device = PHONE["viewport"]["width"]
    width = phone.evaluate("""device => {
        // For the message: the innermost elements whose content reaches past the device
        // width, leaving out fixed-position ones and any inside a box that scrolls or clips.
        const contained = e => {
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            const st = getComputedStyle(a);
            if (st.overflowX !== 'visible' || st.position === 'fixed') return true;
          }
          return false;
        };
        const wide = e => e.getBoundingClientRect().left + e.scrollWidth > device + 0.5
            && getComputedStyle(e).position !== 'fixed' && !contained(e);
        const out = [...document.querySelectorAll('body *')].filter(e =>
            wide(e) && ![...e.children].some(wide));
        return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                culprits: out.slice(0, 5).map(e => e.tagName.toLowerCase()
                  + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
                  + ' reaches ' + Math.round(e.getBoundingClientRect().left + e.scrollWidth) + 'px')};
    }""", device)
    # With is_mobile, Chromium widens the layout viewport (innerWidth) to fit content that
    # overflows, as phones do; so the page must also leave innerWidth at the device width.
    assert width["scroll"] <= width["inner"] and width["inner"] == device, (
        f"{name} scrolls sideways at {device}px: {width}")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_console_errors_and_no_outside_requests(page, base_url, name):
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    # Bring lazy content (charts) into view so its requests happen too: each image in turn, as a
    # jump to the bottom leaves a chart far above it outside the browser's lazy-loading distance.
    page.evaluate("""async () => {
      for (const img of [...document.images]) {
        img.scrollIntoView({block: "center"});
        await new Promise(r => setTimeout(r, 50));
      }
      window.scrollTo(0, document.body.scrollHeight);
    }""")
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
    assert "https://example.org/tracker.js" in page.rec.blocked
    assert any("example.org" in p for p in page.rec.problems())

"""Issue 21: /contribute/, the form that writes a case file, driven in Chromium.

Expectations come from outside the form: the project's own loader and validator read the YAML
the page shows (``#cb-contribute-yaml``), and the published case files in ``cases/`` are the
reference for "loads to the same data"."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import BRANCH, CASE, REPO_URL, ROOT, open_context
from casebook.records.loader import load_text
from casebook.records.taxonomy import load_taxonomy
from casebook.records.validate import validate_files

pytestmark = pytest.mark.browser

TAXONOMY = load_taxonomy(ROOT / "cases" / "_data" / "taxonomy.yaml")
CASE_IDS = sorted(p.stem for p in (ROOT / "cases").glob("*.yaml"))


def open_form(page, base_url: str, query: str = "") -> str:
    page.goto(base_url + "contribute/" + query)
    page.wait_for_selector("#cb-contribute-fields .cb-field")
    page.wait_for_function("() => document.getElementById('cb-contribute-problems').textContent.length > 0")
    return preview(page)


def preview(page) -> str:
    page.wait_for_timeout(200)  # the preview follows typing after a short pause
    return page.evaluate("() => document.getElementById('cb-contribute-yaml').textContent")


def without_path(case: dict) -> dict:
    return {k: v for k, v in case.items() if k != "_path"}


def check(folder: Path, case_id: str, text: str):
    """Validate ``text`` as ``cases/<case_id>.yaml`` beside every other case (so ``related``
    ids resolve); return (errors, the normalised case)."""
    path = folder / f"{case_id}.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_files([str(path)], TAXONOMY)
    errors = [p.format() for p in result.errors]
    return errors, (without_path(result.cases[0]) if result.cases else None)


@pytest.fixture(scope="module")
def cases_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contribute") / "cases"
    shutil.copytree(ROOT / "cases", folder)
    return folder


@pytest.fixture(scope="module")
def published(cases_copy) -> dict[str, dict]:
    """Every case as the validator reads its file in cases/."""
    result = validate_files([str(cases_copy / f"{cid}.yaml") for cid in CASE_IDS], TAXONOMY)
    assert not result.errors, [p.format() for p in result.errors]
    return {c["id"]: without_path(c) for c in result.cases}


def test_every_case_opens_in_the_form_and_its_file_loads_to_the_same_data(context, base_url, cases_copy, published):
    page = context.new_page()
    assert len(CASE_IDS) >= 30
    for cid in CASE_IDS:
        text = open_form(page, base_url, f"?case={cid}")
        assert f"\nid: {cid}\n" in text, cid
        assert page.text_content("#cb-contribute-problems").startswith("No problems found"), \
            (cid, page.text_content("#cb-contribute-problems"))
        errors, case = check(cases_copy, cid, text)
        assert errors == [], (cid, errors)
        assert case == published[cid], cid
        # Correcting an existing case opens the edit page of its file (GitHub cannot prefill it).
        assert page.get_attribute("#cb-contribute-github", "href") == f"{REPO_URL}/edit/{BRANCH}/cases/{cid}.yaml"
    assert page.rec.problems() == []
    # The form fetched one case at a time, never every case.
    assert not any(u.endswith(("/data/cases.json", "/data/outcomes.json")) for u in page.rec.requests)


def fill_new_case(page, name: str = "Harbour Valley Acute Partnership") -> None:
    page.fill('[name="name"]', name)
    page.select_option('[name="country"]', "GB")
    page.check('[name="sectors"][value="acute"]')
    page.check('[name="benefits"][value="workforce"]')
    page.fill('[name="summary"]', "Two trusts share a bank of nurses; vacancies fell.")
    page.click("#cb-f-sources-add")
    page.fill('[name="sources[1].title"]', "Annual report 2024")
    page.fill('[name="sources[1].publisher"]', "Harbour Valley NHS Trust")
    page.fill('[name="sources[1].url"]', "https://example.org/report")
    page.click("#cb-f-outcomes-add")
    page.fill('[name="outcomes[1].measure"]', "Nursing vacancies")
    page.select_option('[name="outcomes[1].benefit"]', "workforce")
    page.fill('[name="outcomes[1].change_percent"]', "-12.5")
    page.fill('[name="outcomes[1].source"]', "1")


def test_a_new_case_filled_in_from_scratch_validates(context, base_url, tmp_path):
    page = context.new_page()
    open_form(page, base_url)
    fill_new_case(page)
    text = preview(page)
    assert page.input_value('[name="id"]') == "harbour-valley-acute-partnership"  # suggested from the name
    assert page.text_content("#cb-contribute-problems").startswith("No problems found")
    errors, case = check(tmp_path, "harbour-valley-acute-partnership", text)
    assert errors == []
    assert case["outcomes"][0]["change_percent"] == -12.5 and case["outcomes"][0]["source"] == 1
    assert case["sources"][0]["url"] == "https://example.org/report"
    assert case["last_reviewed"] == dt.date.today()
    # GitHub's new-file page, with the file as its value: exactly the preview.
    href = page.get_attribute("#cb-contribute-github", "href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/new/{BRANCH}"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["filename"] == ["cases/harbour-valley-acute-partnership.yaml"]
    assert query["value"] == [text]
    assert page.rec.problems() == []


def invalid_at(page, name: str) -> str:
    """The message tied to the control ``name`` (it must be marked invalid)."""
    control = page.locator(f'[name="{name}"]').first
    assert control.get_attribute("aria-invalid") == "true", name
    ids = (control.get_attribute("aria-describedby") or "").split()
    messages = [page.text_content(f"#{i}").strip() for i in ids if page.is_visible(f"#{i}")]
    messages = [m for m in messages if m]
    assert messages, f"no visible message describes {name}"
    # The problem list above the actions links to the control.
    control_id = control.get_attribute("id")
    assert page.locator(f'#cb-contribute-problems a[href="#{control_id}"]').count() >= 1, name
    return " ".join(messages)


def test_invalid_values_are_flagged_at_their_control(context, base_url):
    page = context.new_page()
    open_form(page, base_url)
    fill_new_case(page)
    page.fill('[name="id"]', "Not An Id")
    page.fill('[name="established"]', str(dt.date.today().year + 1))
    page.fill('[name="sources[1].url"]', "javascript:alert(1)")
    page.fill('[name="outcomes[1].change_percent"]', "12%")
    page.select_option('[name="outcomes[1].benefit"]', "health-inequalities")  # not among the case's benefits
    page.fill('[name="outcomes[1].source"]', "3")  # only one source
    page.fill('[name="last_reviewed"]', "2999-01-01")
    preview(page)
    assert "lowercase" in invalid_at(page, "id")
    assert "year" in invalid_at(page, "established")
    assert "http" in invalid_at(page, "sources[1].url")
    assert "number" in invalid_at(page, "outcomes[1].change_percent")
    assert "benefits" in invalid_at(page, "outcomes[1].benefit")
    assert "1 sources" in invalid_at(page, "outcomes[1].source")
    assert "future" in invalid_at(page, "last_reviewed")
    # Following a problem's link puts the cursor in its control.
    page.click('#cb-contribute-problems a[href="#cb-f-outcomes-1-change-percent"]')
    assert page.evaluate("() => document.activeElement.name") == "outcomes[1].change_percent"
    # Fixed, the mark goes.
    page.fill('[name="outcomes[1].change_percent"]', "-12")
    preview(page)
    assert page.get_attribute('[name="outcomes[1].change_percent"]', "aria-invalid") is None


HOSTILE = [
    '<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script>", "NO", "yes", "1e3", "#",
    "a: b", "- leading dash", "2024-01-01", "line one\nline two\n\n  indented: line", "Ελληνικά 中文 العربية हिन्दी",
    "\"double\" 'single' \\back\\slash", "*[Workforce]: trap", "{: onclick=alert(1) }", "~", "null", "@at", "`tick`",
    "trailing newline\n", "&amp; &lt;b&gt;", "=HYPERLINK(\"x\")", "% percent", "0123", "true",
]


def _data_at(data, name: str):
    for part in re.findall(r"[A-Za-z_]+|\[\d+\]", name):
        data = data[int(part[1:-1]) - 1] if part.startswith("[") else data[part]
    return data


def test_hostile_text_in_every_field_stays_text_and_round_trips(context, base_url):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_form(page, base_url)
    for add in page.locator("#cb-contribute-fields .cb-add").all():  # one of every repeated group
        add.click()
    typed = {}
    controls = page.locator("#cb-contribute-fields input[type=text], #cb-contribute-fields input[type=url], "
                            "#cb-contribute-fields textarea")
    for i, control in enumerate(controls.all()):
        name = control.get_attribute("name")
        value = HOSTILE[i % len(HOSTILE)]
        if control.evaluate("e => e.tagName") == "INPUT":
            value = value.replace("\n", " ")  # a one-line box cannot hold a line break
        control.fill(value)
        typed[name] = value
    assert len(typed) >= 30
    text = preview(page)
    # Nothing typed became markup, ran, or opened a dialog.
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page.locator("#cb-contribute img, #cb-contribute script, #cb-contribute abbr").count() == 0
    assert page.evaluate("() => document.getElementById('cb-contribute-yaml').children.length") == 0
    # The project's loader reads back exactly what was typed, every value at its field path.
    doc, problems = load_text(text, "hostile.yaml")
    assert doc is not None and problems == [], [p.format() for p in problems]
    for name, value in typed.items():
        assert _data_at(doc.data, name) == value, name
    # The GitHub link carries the same text.
    href = page.get_attribute("#cb-contribute-github", "href")
    value = parse_qs(urlsplit(href).query, keep_blank_values=True).get("value")
    if value is not None:
        assert value == [text]
    else:  # too long for an address: copy first, then GitHub's empty new-file page
        assert page.get_attribute("#cb-contribute-github", "data-copy-first") == "true"
    assert page.rec.problems() == []


def test_repeated_groups_add_move_and_remove(context, base_url):
    page = context.new_page()
    open_form(page, base_url)
    for _ in range(3):
        page.click("#cb-f-lessons-add")
    for i, text in enumerate(["first", "second", "third"], start=1):
        page.fill(f'[name="lessons[{i}]"]', text)
    page.click('button[aria-label="Move up: Lesson 3"]')
    assert [page.input_value(f'[name="lessons[{i}]"]') for i in (1, 2, 3)] == ["first", "third", "second"]
    # Focus stays with the item that moved.
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Move up: Lesson 2"
    page.click('button[aria-label="Remove: Lesson 1"]')
    assert [page.input_value(f'[name="lessons[{i}]"]') for i in (1, 2)] == ["third", "second"]
    assert page.locator('[name="lessons[3]"]').count() == 0
    doc, _ = load_text(preview(page), "x.yaml")
    assert doc.data["lessons"] == ["third", "second"]


def test_the_draft_is_kept_until_cleared(context, base_url):
    page = context.new_page()
    open_form(page, base_url)
    page.fill('[name="name"]', "Draft Partnership")
    preview(page)
    page.reload()
    page.wait_for_selector('[name="name"]')
    assert page.input_value('[name="name"]') == "Draft Partnership"
    assert "restored" in page.text_content("#cb-contribute-status")
    page.click("#cb-contribute-clear")
    assert page.input_value('[name="name"]') == ""
    page.reload()
    page.wait_for_selector('[name="name"]')
    assert page.input_value('[name="name"]') == ""


def test_the_form_fits_a_phone(browser, base_url):
    ctx = open_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        open_form(page, base_url, "?case=wyaat")
        page.click("#cb-f-outcomes-add")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px phone"
        box = page.locator('[name="summary"]').bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    finally:
        ctx.close()


def test_every_case_page_suggests_an_edit_and_fetches_nothing(context, base_url):
    page = context.new_page()
    page.goto(base_url + CASE)
    page.wait_for_load_state("load")
    link = page.locator("a", has_text="Suggest an edit")
    assert link.count() == 1
    cid = CASE.strip("/").rsplit("/", 1)[-1]
    link.click()
    page.wait_for_selector('[name="id"]')
    page.wait_for_function("() => document.getElementById('cb-contribute-yaml').textContent.includes('id: ')")
    assert urlsplit(page.url).query == f"case={cid}"
    assert page.input_value('[name="id"]') == cid
    case_requests = [u for u in page.rec.requests if "/data/" in u]
    assert case_requests == [base_url + f"data/cases/{cid}.json"], case_requests


def test_copy_download_and_a_file_too_long_for_a_link(browser, base_url, tmp_path):
    ctx = open_context(browser)
    try:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
        page = ctx.new_page()
        open_form(page, base_url)
        fill_new_case(page, "Long Story Partnership")
        text = preview(page)
        page.click("#cb-contribute-copy")
        page.wait_for_function("() => document.getElementById('cb-contribute-status').textContent.includes('copied')")
        assert page.evaluate("() => navigator.clipboard.readText()") == text
        with page.expect_download() as info:
            page.click("#cb-contribute-download")
        download = info.value
        assert download.suggested_filename == "long-story-partnership.yaml"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert saved.read_text(encoding="utf-8") == text
        # Past about 8,000 characters GitHub's address would be cut: the link opens the empty
        # new-file page and copies the file first.
        page.fill('[name="narrative"]', "A long story. " * 700)
        long_text = preview(page)
        href = page.get_attribute("#cb-contribute-github", "href")
        assert href == f"{REPO_URL}/new/{BRANCH}?filename=cases/long-story-partnership.yaml"
        assert page.get_attribute("#cb-contribute-github", "data-copy-first") == "true"
        page.evaluate("() => navigator.clipboard.writeText('')")
        with ctx.expect_page() as opened:
            page.click("#cb-contribute-github")
        opened.value.close()
        page.wait_for_function("() => document.getElementById('cb-contribute-status').textContent.includes('paste')")
        assert page.evaluate("() => navigator.clipboard.readText()") == long_text
    finally:
        ctx.close()

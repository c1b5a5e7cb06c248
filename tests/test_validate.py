"""Every validation rule: the message a contributor reads, and the exact line and column."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records.loader import load_text
from casebook.records.problems import Problem
from casebook.records.validate import _Context, check_document, validate_files, validate_paths

VALID_CASE = (Path(__file__).resolve().parent / "fixtures" / "example-partnership.yaml").read_text(encoding="utf-8")

TODAY = dt.date(2025, 6, 1)
NAME = "example-partnership.yaml"


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


@pytest.fixture()
def check(tmp_path, taxonomy, write_case):
    """``check(text, name=...)`` validates one file and returns the result."""

    def run(text: str, name: str = NAME, today: dt.date = TODAY):
        path = write_case(tmp_path, name, text)
        return validate_files([str(path)], taxonomy, today=today)

    return run


def errors(result) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.text()) for p in result.errors]


def only_error(result) -> Problem:
    assert len(result.errors) == 1, [p.format() for p in result.errors]
    return result.errors[0]


def assert_error(result, line: int, col: int | None, *fragments: str) -> Problem:
    problem = only_error(result)
    assert problem.line == line, problem.format()
    if col is not None:
        assert problem.col == col, problem.format()
    for fragment in fragments:
        assert fragment in problem.text(), problem.format()
    assert not result.ok
    return problem


# -- the baseline -------------------------------------------------------------------------------


def test_valid_case_has_no_problems(check):
    result = check(VALID_CASE)
    assert result.problems == []
    assert result.ok
    (case,) = result.cases
    assert case["id"] == "example-partnership"
    assert case["governance"] == "not-stated"  # defaults filled in
    assert case["evidence"] == "self-reported"
    assert case["anonymised"] is False
    assert case["last_reviewed"] == dt.date(2024, 1, 1)
    assert case["outcomes"][0]["status"] == "achieved"


# -- fields -------------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean(check):
    result = check(edit(VALID_CASE, "summary:", "sumary:"))
    assert sorted(errors(result)) == [
        (2, 1, "missing required field 'summary' (Plain-text summary, at most 500 characters, in your own words.)"),
        (7, 1, "unknown field 'sumary' in the case (did you mean 'summary'?)"),
    ]


def test_unknown_field_inside_an_outcome(check):
    result = check(edit(VALID_CASE, "    change_percent: -10", "    change_precent: -10\n    value: 5"))
    p = assert_error(result, 11, 5, "unknown field 'change_precent' in 'outcomes[1]'", "did you mean 'change_percent'?")
    assert p.message.startswith("unknown field")


def test_missing_required_field(check):
    result = check(edit(VALID_CASE, "name: Example Partnership\n", ""))
    assert_error(result, 2, 1, "missing required field 'name'", "Full name")


def test_missing_required_field_of_a_source(check):
    result = check(edit(VALID_CASE, "    publisher: Example Publisher\n", ""))
    assert_error(result, 14, 5, "missing required field 'sources[1].publisher'")


def test_required_field_left_empty(check):
    result = check(edit(VALID_CASE, "country: GB", "country:"))
    assert_error(result, 4, 9, "'country' is empty", "ISO 3166-1")


def test_list_given_as_string(check):
    result = check(edit(VALID_CASE, "sectors: [acute]", "sectors: acute"))
    assert_error(result, 5, 10, "'sectors' must be a list", "write [acute]")


def test_empty_required_list(check):
    result = check(edit(VALID_CASE, "sectors: [acute]", "sectors: []"))
    assert_error(result, 5, 10, "'sectors' needs at least 1 item(s)")


def test_number_in_quotes(check):
    result = check(edit(VALID_CASE, "change_percent: -10", 'change_percent: "-10"'))
    assert_error(result, 11, 21, "'outcomes[1].change_percent' must be a number; got '-10'", "remove the quotes")


def test_number_with_percent_sign(check):
    result = check(edit(VALID_CASE, "change_percent: -10", "change_percent: -10%"))
    assert_error(result, 11, 21, "must be a number; got '-10%'", "write a plain number")


def test_year_with_leading_zero(check):
    result = check(edit(VALID_CASE, "summary:", "established: 012\nsummary:"))
    assert_error(result, 7, 14, "'established' must be a whole number; got '012'", "remove the leading zero: 12")


def test_year_in_quotes(check):
    result = check(edit(VALID_CASE, "summary:", 'established: "2019"\nsummary:'))
    assert_error(result, 7, 14, "'established' must be a whole number; got '2019'", "remove the quotes")


@pytest.mark.parametrize("word", ["yes", "no", "on", "off"])
def test_boolean_words_are_not_booleans(check, word):
    result = check(edit(VALID_CASE, "summary:", f"anonymised: {word}\nsummary:"))
    assert_error(result, 7, 13, f"'anonymised' must be true or false; got '{word}'", "write true or false")


def test_boolean_true_is_accepted(check):
    result = check(edit(VALID_CASE, "summary:", "anonymised: true\nsummary:"))
    assert result.ok
    assert result.cases[0]["anonymised"] is True


def test_text_given_a_list(check):
    result = check(edit(VALID_CASE, "name: Example Partnership", "name: [Example, Partnership]"))
    assert_error(result, 3, 7, "'name' must be text; got a list")


def test_text_given_a_number_becomes_text(check):
    result = check(edit(VALID_CASE, "  - title: An article about the staff bank", "  - title: 2022"))
    assert result.ok
    assert result.cases[0]["sources"][0]["title"] == "2022"


def test_value_outside_vocabulary_with_hint(check):
    result = check(edit(VALID_CASE, "benefits: [workforce]", "benefits: [workforce, workfroce]"))
    assert_error(result, 6, 23, "'benefits[2]' has unknown value 'workfroce'", "did you mean 'workforce'?")


def test_value_outside_vocabulary_lists_choices(check):
    result = check(edit(VALID_CASE, "sectors: [acute]", "sectors: [hospital]"))
    p = assert_error(result, 5, 11, "'sectors[1]' has unknown value 'hospital'", "choose one of: acute,")
    assert "mental-health" in p.hint


def test_governance_outside_vocabulary(check):
    result = check(edit(VALID_CASE, "summary:", "governance: lead_provider\nsummary:"))
    assert_error(result, 7, 13, "'governance' has unknown value 'lead_provider'", "did you mean 'lead-provider'?")


def test_outcome_status_outside_vocabulary(check):
    result = check(edit(VALID_CASE, "    source: 1", "    source: 1\n    status: projected"))
    assert_error(result, 13, 13, "'outcomes[1].status' has unknown value 'projected'", "did you mean 'expected'?")


def test_duplicate_list_items(check):
    result = check(edit(VALID_CASE, "sectors: [acute]", "sectors: [acute, community, acute]"))
    assert_error(result, 5, 29, "'sectors' lists 'acute' twice (items 1 and 3); remove one")


def test_duplicate_related_ids(check, tmp_path, write_case):
    write_case(tmp_path, "other-case.yaml", edit(VALID_CASE, "id: example-partnership", "id: other-case"))
    result = check(edit(VALID_CASE, "summary:", "related: [other-case, other-case]\nsummary:"))
    assert_error(result, 7, 23, "'related' lists 'other-case' twice (items 1 and 2)")


# -- ids ----------------------------------------------------------------------------------------


def test_id_not_matching_file_name(check):
    result = check(VALID_CASE, name="another-name.yaml")
    assert_error(result, 2, 5, "id 'example-partnership' does not match the file name 'another-name.yaml'",
                 "rename the file to example-partnership.yaml or set id: another-name")


@pytest.mark.parametrize("bad", ["Example-Partnership", "example_partnership", "example--partnership",
                                 "-example", "example-", "exämple"])
def test_bad_id_pattern(check, bad):
    result = check(edit(VALID_CASE, "id: example-partnership", f"id: {bad}"))
    assert_error(result, 2, 5, "'id' must be lowercase letters and digits joined by single hyphens",
                 f"got {bad!r}", "for example: west-yorkshire-acute-trusts")


def test_id_too_long(check):
    long_id = "a" * 65
    result = check(edit(VALID_CASE, "id: example-partnership", f"id: {long_id}"), name=f"{long_id}.yaml")
    assert_error(result, 2, 5, "at most 64 characters")


def test_id_of_64_characters_is_fine(check):
    ok_id = "a" * 64
    result = check(edit(VALID_CASE, "id: example-partnership", f"id: {ok_id}"), name=f"{ok_id}.yaml")
    assert result.ok, [p.format() for p in result.errors]


def test_duplicate_ids_across_two_files(tmp_path, taxonomy, write_case):
    first = write_case(tmp_path / "one", NAME, VALID_CASE)
    second = write_case(tmp_path / "two", NAME, "\n\n" + VALID_CASE)
    result = validate_files([str(first), str(second)], taxonomy, today=TODAY)
    (problem,) = result.errors
    assert problem.path.endswith("two/" + NAME)
    assert (problem.line, problem.col) == (4, 5)
    assert "id 'example-partnership' is already used by" in problem.message
    assert problem.message.rstrip().endswith("one/" + NAME)
    assert [c["_path"] for c in result.cases] == [result.files[0]]


def test_same_file_named_twice_is_not_a_duplicate(tmp_path, taxonomy, write_case):
    path = write_case(tmp_path, NAME, VALID_CASE)
    result, missing = validate_paths([str(path), str(tmp_path), str(tmp_path / "." / NAME)], taxonomy, today=TODAY)
    assert missing == []
    assert result.problems == []
    assert len(result.files) == 1 and len(result.cases) == 1


def test_unknown_field_with_a_line_break_in_its_name(check):
    result = check(edit(VALID_CASE, "summary:", '"sum\\nmary": x\nsummary:'))
    p = assert_error(result, 7, 1, "unknown field 'sum\\nmary' in the case")
    assert "\n" not in p.format()


def test_file_must_end_in_yaml(check):
    result = check(edit(VALID_CASE, "id: example-partnership", "id: example-partnership"),
                   name="example-partnership.yml")
    assert_error(result, 2, 1, "case files must end in .yaml", "rename it to example-partnership.yaml")


# -- related ------------------------------------------------------------------------------------


def test_related_id_that_does_not_exist(check, tmp_path, write_case):
    write_case(tmp_path, "other-case.yaml", edit(VALID_CASE, "id: example-partnership", "id: other-case"))
    result = check(edit(VALID_CASE, "summary:", "related:\n  - other-case\n  - other-cse\nsummary:"))
    assert_error(result, 9, 5, "'related' names 'other-cse', but there is no case with that id",
                 "did you mean 'other-case'?")


def test_related_to_itself(check):
    result = check(edit(VALID_CASE, "summary:", "related: [example-partnership]\nsummary:"))
    assert_error(result, 7, 11, "a case cannot be related to itself")


def test_related_to_existing_case_is_fine(check, tmp_path, write_case):
    write_case(tmp_path, "other-case.yaml", edit(VALID_CASE, "id: example-partnership", "id: other-case"))
    result = check(edit(VALID_CASE, "summary:", "related: [other-case]\nsummary:"))
    assert result.ok
    assert result.cases[0]["related"] == ["other-case"]


# -- outcomes -----------------------------------------------------------------------------------


def test_outcome_benefit_not_among_case_benefits(check):
    result = check(edit(VALID_CASE, "    benefit: workforce", "    benefit: health-inequalities"))
    assert_error(result, 10, 14, "outcome 1 is filed under 'health-inequalities', which is not one of the case's benefits",
                 "add health-inequalities to 'benefits' or choose one of: workforce")


def test_outcome_without_change_or_value(check):
    result = check(edit(VALID_CASE, "    change_percent: -10\n", ""))
    assert_error(result, 9, 5, "outcome 1 needs 'change_percent', 'change_points' or 'value'")


def test_outcome_with_value_and_baseline(check):
    result = check(edit(VALID_CASE, "    change_percent: -10\n",
                        "    value: 7\n    baseline: 73\n    unit: miles\n    status: expected\n"))
    assert result.ok
    o = result.cases[0]["outcomes"][0]
    assert (o["value"], o["baseline"], o["unit"], o["status"]) == (7, 73, "miles", "expected")


def test_outcome_baseline_without_value(check):
    result = check(edit(VALID_CASE, "    change_percent: -10\n", "    change_percent: -10\n    baseline: 73\n"))
    assert_error(result, 12, 15, "outcome 1 has a 'baseline' but no 'value'")


def test_outcome_value_without_unit_is_a_warning(check):
    result = check(edit(VALID_CASE, "    change_percent: -10\n", "    value: 7\n"))
    assert result.ok
    (warning,) = result.warnings
    assert (warning.line, warning.col, warning.severity) == (11, 12, "warning")
    assert "has a value but no 'unit'" in warning.message


def test_outcome_source_index_out_of_range(check):
    result = check(edit(VALID_CASE, "    source: 1", "    source: 2"))
    assert_error(result, 12, 13, "outcome 1 cites source 2, but the case lists 1 source(s)")


def test_outcome_source_zero(check):
    result = check(edit(VALID_CASE, "    source: 1", "    source: 0"))
    assert_error(result, 12, 13, "'outcomes[1].source' must be at least 1; got 0")


def test_outcomes_must_be_mappings(check):
    result = check(edit(VALID_CASE, "  - measure: Agency shifts\n    benefit: workforce\n    change_percent: -10\n    source: 1\n",
                        "  - fewer agency shifts\n"))
    assert_error(result, 9, 5, "'outcomes[1]' must be a mapping")


# -- text ---------------------------------------------------------------------------------------


def test_summary_too_long(check):
    result = check(edit(VALID_CASE, "summary: Two hospital trusts share a staff bank.", "summary: " + "x" * 501))
    assert_error(result, 7, 10, "'summary' is 501 characters long; the limit is 500", "put detail in 'narrative'")


def test_summary_of_500_characters_is_fine(check):
    result = check(edit(VALID_CASE, "summary: Two hospital trusts share a staff bank.", "summary: " + "x" * 500))
    assert result.ok


@pytest.mark.parametrize("field, line, col", [("summary", 7, 10), ("name", 3, 7)])
def test_script_tag_rejected(check, field, line, col):
    old = {"summary": "summary: Two hospital", "name": "name: Example"}[field]
    new = old.replace(": ", ": <script>alert(1)</script> ")
    result = check(edit(VALID_CASE, old, new))
    assert_error(result, line, col, f"'{field}' contains raw HTML ('<script>'); HTML is not allowed")


def test_script_tag_in_a_lesson(check):
    result = check(edit(VALID_CASE, "summary:", "lessons:\n  - Work together.\n  - 'Share <script>x</script>'\nsummary:"))
    assert_error(result, 9, 12, "'lessons[2]' contains raw HTML ('<script>')")


@pytest.mark.parametrize("html", ["<svg/onload=alert(1)>", "<a:b onmouseover=alert(1)>", "<IMG SRC=x onerror=alert(1)>",
                                  "<!-- hidden -->", "<b>bold</b>", "<?php echo 1 ?>"])
def test_html_variants_rejected_in_narrative(check, html):
    result = check(edit(VALID_CASE, "summary:", f"narrative: |\n  Fine first line.\n  Then {html} here.\nsummary:"))
    assert_error(result, 9, 8, "'narrative' contains raw HTML")


@pytest.mark.parametrize("text", ["a < b", "a < b and b > c", "waits fell to <3 weeks", "p<0.05", "x <= y"])
def test_less_than_in_text_allowed(check, text):
    result = check(edit(VALID_CASE, "Two hospital trusts share a staff bank.", f"'{text}'"))
    assert result.ok, [p.format() for p in result.errors]
    assert result.cases[0]["summary"] == text


def test_markdown_javascript_link_rejected_at_its_line(check):
    narrative = ("narrative: |\n"
                 "  The trusts merged their banks.\n"
                 "\n"
                 "  Read [the report](javascript:alert(1)) for more.\n")
    result = check(edit(VALID_CASE, "summary:", narrative + "summary:"))
    assert_error(result, 10, 21, "'narrative' links to 'javascript:alert(1)'", "links must be full http:// or https:// addresses",
                 "javascript:")


@pytest.mark.parametrize("link, line, col", [
    ("[x](JavaScript:alert(1))", 8, 11),
    ("[x]( javascript:alert(1))", 8, 12),
    ("[x](<javascript:alert(1)>)", 8, 11),
    ("[x](data:text/html,hi)", 8, 11),
    ("[x](file:///etc/passwd)", 8, 11),
    ("[x](/relative)", 8, 11),
    ("[x](#anchor)", 8, 11),
    ("[x][r]\n\n  [r]: javascript:alert(1)", 10, 8),
])
def test_non_http_links_rejected(check, link, line, col):
    result = check(edit(VALID_CASE, "summary:", f"narrative: |\n  See {link}\nsummary:"))
    p = only_error(result)
    assert (p.line, p.col) == (line, col), p.format()  # where the link target stands in the file
    if link.startswith("[x](<"):  # an angle-bracket target reads as raw HTML: rejected either way
        assert "contains raw HTML ('<javascript:alert(1)>')" in p.message
    else:
        assert "links must be full http:// or https:// addresses" in p.message


def test_reference_definition_rejected_at_its_line(check):
    narrative = "narrative: |\n  See [the report][r].\n\n  [r]: javascript:alert(1)\n"
    result = check(edit(VALID_CASE, "summary:", narrative + "summary:"))
    assert_error(result, 10, 8, "links to 'javascript:alert(1)'")


def test_image_in_narrative_rejected(check):
    narrative = "narrative: >-\n  A chart:\n  ![chart](https://example.org/chart.png)\n"
    result = check(edit(VALID_CASE, "summary:", narrative + "summary:"))
    assert_error(result, 9, 3, "'narrative' contains an image; images are not supported", "link to the page instead")


def test_http_links_in_narrative_allowed(check):
    narrative = ("narrative: |\n"
                 "  See [the report](https://example.org/report \"Report\") and\n"
                 "  [the page](http://example.org/page), or <https://example.org/auto>.\n")
    result = check(edit(VALID_CASE, "summary:", narrative + "summary:"))
    assert result.ok, [p.format() for p in result.errors]
    assert "[the report](https://example.org/report" in result.cases[0]["narrative"]


def test_todo_placeholder_rejected(check):
    result = check(edit(VALID_CASE, "Two hospital trusts share a staff bank.", "TODO one-paragraph summary"))
    assert_error(result, 7, 10, "'summary' still holds the template placeholder: 'TODO one-paragraph summary'",
                 "replace the TODO")


@pytest.mark.parametrize("old, new, line, col, label", [
    ("country: GB", "country: TODO", 4, 10, "country"),
    ("benefits: [workforce]", "benefits: [TODO]", 6, 12, "benefits[1]"),
])
def test_todo_placeholder_in_coded_fields(check, old, new, line, col, label):
    result = check(edit(VALID_CASE, old, new))
    assert any((p.line, p.col) == (line, col) and f"'{label}' still holds the template placeholder" in p.message
               for p in result.errors), [p.format() for p in result.errors]


def test_spanish_todo_is_not_a_placeholder(check):
    result = check(edit(VALID_CASE, "Two hospital trusts share a staff bank.", "Todos Santos trusts share a staff bank."))
    assert result.ok


def test_empty_text(check):
    result = check(edit(VALID_CASE, "name: Example Partnership", "name: '  '"))
    assert_error(result, 3, 7, "'name' is empty")


# -- dates, years, countries, urls --------------------------------------------------------------


def test_last_reviewed_in_the_future(check):
    result = check(edit(VALID_CASE, "last_reviewed: 2024-01-01", "last_reviewed: 2025-06-02"))
    assert_error(result, 18, 16, "'last_reviewed' is in the future (2025-06-02)", "today is 2025-06-01")


def test_last_reviewed_today_is_fine(check):
    result = check(edit(VALID_CASE, "last_reviewed: 2024-01-01", "last_reviewed: 2025-06-01"))
    assert result.ok


def test_last_reviewed_not_a_real_date(check):
    result = check(edit(VALID_CASE, "last_reviewed: 2024-01-01", "last_reviewed: 2024-02-30"))
    assert_error(result, 18, 16, "'last_reviewed' is not a real date: '2024-02-30'")


@pytest.mark.parametrize("written", ["2024/01/01", "01-01-2024", "2024-1-1", "2024-01-01T10:00:00"])
def test_last_reviewed_wrong_format(check, written):
    result = check(edit(VALID_CASE, "last_reviewed: 2024-01-01", f"last_reviewed: {written}"))
    assert_error(result, 18, 16, f"'last_reviewed' must be a date written YYYY-MM-DD; got '{written}'")


# -- this round's vocabulary: change_points, statuses, qualifier, source dates and levels -------


def test_outcome_with_change_points_only(check):
    result = check(edit(VALID_CASE, "    change_percent: -10", "    change_points: -7"))
    assert result.ok and result.problems == []
    assert result.cases[0]["outcomes"][0]["change_points"] == -7


def test_outcome_with_percent_and_points_is_an_error(check):
    result = check(edit(VALID_CASE, "    change_percent: -10", "    change_percent: -10\n    change_points: -3"))
    assert_error(result, 12, 20, "outcome 1 gives both 'change_percent' and 'change_points'", "percentage points")


@pytest.mark.parametrize("status", ["expected", "target", "committed", "forecast"])
def test_statuses_that_are_not_achieved(check, status):
    result = check(edit(VALID_CASE, "    source: 1", f"    source: 1\n    status: {status}"))
    assert result.ok and result.problems == []
    assert result.cases[0]["outcomes"][0]["status"] == status


def test_qualifier_up_to(check):
    result = check(edit(VALID_CASE, "    source: 1", "    source: 1\n    qualifier: up-to"))
    assert result.ok and result.cases[0]["outcomes"][0]["qualifier"] == "up-to"


def test_indicator_agency_spend(check):
    result = check(edit(VALID_CASE, "    source: 1", "    source: 1\n    indicator: agency-spend"))
    assert result.ok and result.cases[0]["outcomes"][0]["indicator"] == "agency-spend"


def test_undated_source_without_published(check):
    result = check(edit(VALID_CASE, "    published: 2023-05", "    undated: true"))
    assert result.ok and result.problems == []
    assert result.cases[0]["sources"][0]["undated"] is True


def test_undated_source_with_published_is_an_error(check):
    result = check(edit(VALID_CASE, "    published: 2023-05", "    published: 2023-05\n    undated: true"))
    assert_error(result, 18, 14, "source 1 says 'undated: true' but also gives 'published'")


def test_source_with_neither_date_nor_undated_is_reported(check):
    from casebook.records import rules

    result = check(edit(VALID_CASE, "    published: 2023-05\n", ""))
    (problem,) = result.problems
    assert (problem.line, problem.col, problem.severity) == (14, 5, rules.UNDATED_SOURCE_SEVERITY)
    assert "source 1 has no 'published' date" in problem.message and "undated: true" in problem.hint


def test_source_evidence_level(check):
    result = check(edit(VALID_CASE, "    published: 2023-05", "    published: 2023-05\n    evidence: peer-reviewed"))
    assert result.ok and result.cases[0]["sources"][0]["evidence"] == "peer-reviewed"
    bad = check(edit(VALID_CASE, "    published: 2023-05", "    published: 2023-05\n    evidence: peer-review"))
    assert_error(bad, 18, 15, "'sources[1].evidence' has unknown value 'peer-review'", "did you mean 'peer-reviewed'?")


def test_archived_url(check):
    ok = "https://web.archive.org/web/2023/https://example.org/article"
    result = check(edit(VALID_CASE, "    published: 2023-05", f"    published: 2023-05\n    archived_url: {ok}"))
    assert result.ok and result.cases[0]["sources"][0]["archived_url"] == ok
    http = check(edit(VALID_CASE, "    published: 2023-05", "    published: 2023-05\n    archived_url: http://web.archive.org/x"))
    assert_error(http, 18, 19, "'sources[1].archived_url' must be an https:// address")
    local = check(edit(VALID_CASE, "    published: 2023-05", "    published: 2023-05\n    archived_url: https://127.0.0.1/x"))
    assert_error(local, 18, 19, "'sources[1].archived_url'", "loopback")


def test_source_published_partial_date(check):
    ok = check(VALID_CASE)
    assert ok.ok
    assert ok.cases[0]["sources"][0]["published"] == "2023-05"
    bad = check(edit(VALID_CASE, "    published: 2023-05", "    published: 2023-13"))
    assert_error(bad, 17, 16, "'sources[1].published' is not a real date: '2023-13'")


@pytest.mark.parametrize("year, ok", [(1899, False), (1900, True), (2025, True), (2026, False)])
def test_established_range(check, year, ok):
    result = check(edit(VALID_CASE, "summary:", f"established: {year}\nsummary:"))
    if ok:
        assert result.ok
        assert result.cases[0]["established"] == year
    else:
        assert_error(result, 7, 14, f"'established' must be a year from 1900 to 2025; got {year}")


def test_country_lowercase(check):
    result = check(edit(VALID_CASE, "country: GB", "country: gb"))
    assert_error(result, 4, 10, "'country' must be an ISO 3166-1 alpha-2 code such as GB; got 'gb'", "write it in capitals: GB")


def test_country_uk(check):
    result = check(edit(VALID_CASE, "country: GB", "country: UK"))
    assert_error(result, 4, 10, "got 'UK'", "the ISO 3166-1 code for the United Kingdom is GB")


def test_country_by_name(check):
    result = check(edit(VALID_CASE, "country: GB", "country: Denmark"))
    assert_error(result, 4, 10, "got 'Denmark'", "use the two-letter code: DK")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                 "ftp://example.org/x", "example.org/page", "https://", "https://exa mple.org"])
def test_bad_source_url_rejected(check, url):
    result = check(edit(VALID_CASE, "url: https://example.org/article", f"url: '{url}'"))
    assert_error(result, 16, 10, "'sources[1].url' must be a full http:// or https:// address",
                 "other schemes such as javascript: or file: are not allowed")


def test_source_without_url_is_only_a_warning(check):
    result = check(edit(VALID_CASE, "    url: https://example.org/article\n", ""))
    assert result.ok
    (warning,) = result.warnings
    assert (warning.line, warning.col) == (14, 5)
    assert "source 1 has no address (url)" in warning.message
    assert warning.format().startswith(f"{result.files[0]}:14:5: warning: ")


def test_members_as_names_and_mappings(check):
    members = "members:\n  - First Trust\n  - name: Second Trust\n    role: lead provider\nsummary:"
    result = check(edit(VALID_CASE, "summary:", members))
    assert result.ok
    assert result.cases[0]["members"] == [{"name": "First Trust", "role": None},
                                          {"name": "Second Trust", "role": "lead provider"}]
    bad = check(edit(VALID_CASE, "summary:", "members:\n  - name: Second Trust\n    rol: lead\nsummary:"))
    assert_error(bad, 9, 5, "unknown field 'rol' in 'members[1]'", "did you mean 'role'?")


# -- warnings and many problems -----------------------------------------------------------------


def test_no_outcomes_is_only_a_warning(check):
    text = VALID_CASE.split("outcomes:")[0] + "sources:" + VALID_CASE.split("sources:")[1]
    result = check(text)
    assert result.ok
    assert [(w.line, w.col, w.severity) for w in result.warnings] == [(2, 1, "warning")]
    assert "the case has no outcomes" in result.warnings[0].message
    assert len(result.cases) == 1


def test_missing_schema_line_is_only_a_warning(check):
    result = check(VALID_CASE.split("\n", 1)[1])
    assert result.ok
    (warning,) = result.warnings
    assert (warning.line, warning.col) == (1, 1)
    assert "schema comment" in warning.message
    assert "# yaml-language-server: $schema=_data/case.schema.json" in warning.hint


def test_all_problems_in_one_file_are_reported(check):
    text = edit(VALID_CASE, "country: GB", "country: gb")
    text = edit(text, "benefits: [workforce]", "benefits: [workforce, workfroce]")
    text = edit(text, "last_reviewed: 2024-01-01", "last_reviewed: 2024/01/01")
    result = check(text)
    assert [(p.line, p.col) for p in result.errors] == [(4, 10), (6, 23), (18, 16)]
    assert result.cases == []


def test_three_broken_files_all_reported(tmp_path, taxonomy, write_case):
    good = write_case(tmp_path, NAME, VALID_CASE)
    a = write_case(tmp_path, "a.yaml", "id: a\nname: [unclosed\n")  # YAML syntax error
    b = write_case(tmp_path, "b.yaml", b"id: b\nname: caf\xe9\n")  # not UTF-8
    c = write_case(tmp_path, "c.yaml", edit(VALID_CASE, "id: example-partnership", "id: c").replace("country: GB", "country: UK"))
    result = validate_files([str(p) for p in (a, b, good, c)], taxonomy, today=TODAY)
    by_file = {}
    for p in result.errors:
        by_file.setdefault(p.path.rsplit("/", 1)[-1], []).append(p)
    assert sorted(by_file) == ["a.yaml", "b.yaml", "c.yaml"]
    assert by_file["a.yaml"][0].message.startswith("YAML syntax error")
    assert (by_file["b.yaml"][0].line, by_file["b.yaml"][0].col) == (2, 10)
    assert "not valid UTF-8" in by_file["b.yaml"][0].message
    assert (by_file["c.yaml"][0].line, by_file["c.yaml"][0].col) == (4, 10)
    assert [c["id"] for c in result.cases] == ["example-partnership"]


def test_problems_are_sorted_by_file_and_position(tmp_path, taxonomy, write_case):
    z = write_case(tmp_path, "z.yaml", "id: z\ncountry: uk\n")
    a = write_case(tmp_path, "a.yaml", "id: a\nsectors: acute\n")
    result = validate_files([str(z), str(a)], taxonomy, today=TODAY)
    keys = [(p.path, p.line, p.col) for p in result.problems]
    assert keys == sorted(keys)


def test_check_document_directly(taxonomy):
    doc, problems = load_text(VALID_CASE, NAME)
    assert problems == []
    case, problems = check_document(doc, _Context(taxonomy, TODAY))
    assert problems == []
    assert case["id"] == "example-partnership"


# -- the message format -------------------------------------------------------------------------


def test_problem_formats():
    p = Problem("cases/x.yaml", 3, 7, "'country' must be an ISO code", hint="write GB")
    assert p.format() == "cases/x.yaml:3:7: error: 'country' must be an ISO code (write GB)"
    gh = Problem("cases/a,b:c.yaml", 3, 7, "100% wrong\nreally").format_github()
    assert gh == "::error file=cases/a%2Cb%3Ac.yaml,line=3,col=7::100%25 wrong%0Areally"
    w = Problem("x.yaml", 1, 1, "no outcomes", severity="warning")
    assert w.format() == "x.yaml:1:1: warning: no outcomes"
    assert not w.is_error


# -- garbled input never escapes as an exception (property tests) -------------------------------

FORMAT = re.compile(r"^(?P<path>[^\n]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (error|warning): \S")
NOISE = [":", "-", "[", "]", "{", '"', "'", "\t", "&", "*", "\n", "!", "|", ">", "#", "%", "@", "`", ",", "?",
         " ", "  ", "\x00", "\x85", "\u2028", "\ufeff", "---\n", "&a ", "*a", "!!python/object ", "<script>", "TODO"]


def _check_problems(problems, path):
    for p in problems:
        assert p.path == path
        assert isinstance(p.line, int) and p.line >= 1
        assert isinstance(p.col, int) and p.col >= 1
        assert p.message
        assert FORMAT.match(p.format()), p.format()
        assert "\n" not in p.format() and "\r" not in p.format(), "one problem, one line"


def _validate_text(tmp_path, taxonomy, text, name=NAME):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
    result = validate_files([str(path)], taxonomy, today=TODAY)
    _check_problems(result.problems, result.files[0])
    # the document's own loader agrees: a problem or a document, never both missing
    doc, problems = load_text(text, name)
    _check_problems(problems, name)
    assert (doc is None) == bool(problems)
    if doc is None:
        assert not result.ok
    lines = len(re.split(r"\r\n|\r|\n", text))
    for p in result.problems:
        assert p.line <= lines + 1, p.format()
    return result


@st.composite
def mutated_case(draw):
    text = VALID_CASE
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "insert", "duplicate"]))
        if action == "delete":
            end = min(len(text), pos + draw(st.integers(1, 12)))
            text = text[:pos] + text[end:]
        elif action == "insert":
            text = text[:pos] + draw(st.sampled_from(NOISE)) + text[pos:]
        else:
            end = min(len(text), pos + draw(st.integers(1, 40)))
            text = text[:pos] + text[pos:end] + text[pos:]
    return text


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(text=mutated_case())
def test_mutated_case_never_raises(tmp_path, taxonomy, text):
    _validate_text(tmp_path, taxonomy, text)


@PROPERTY
@given(text=st.lists(st.sampled_from(NOISE + list("abc: 019\u00e9")), max_size=120).map("".join))
def test_yaml_noise_never_raises(tmp_path, taxonomy, text):
    _validate_text(tmp_path, taxonomy, text)


@PROPERTY
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_random_text_never_raises(tmp_path, taxonomy, text):
    _validate_text(tmp_path, taxonomy, text)


@PROPERTY
@given(value=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
       field=st.sampled_from(["name", "summary", "country", "sectors", "last_reviewed", "established",
                              "narrative", "related", "anonymised", "population"]))
def test_any_field_value_never_raises(tmp_path, taxonomy, value, field):
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = VALID_CASE.replace("summary:", f"{field}: {quoted}\nsummary:") if field != "summary" else \
        VALID_CASE.replace("summary: Two hospital trusts share a staff bank.", f"summary: {quoted}")
    _validate_text(tmp_path, taxonomy, text)


def test_validates_many_files(tmp_path, taxonomy, write_case):
    """Speed is measured by scripts/benchmark.py (validate at N cases), not asserted here."""
    paths = [write_case(tmp_path, f"case-{i}.yaml", edit(VALID_CASE, "id: example-partnership", f"id: case-{i}"))
             for i in range(200)]
    result = validate_files([str(p) for p in paths], taxonomy, today=TODAY)
    assert result.ok and len(result.cases) == 200


def test_missing_sourcing_details_are_warnings(check):
    """An outcome of a case with several sources says which one, where, and what it measures;
    a case says when it was added. Missing any of these warns and never fails."""
    text = VALID_CASE.replace("added: 2024-01-01\n", "").replace(
        "    url: https://example.org/article\n",
        "    url: https://example.org/article\n  - title: A second report\n    publisher: Another Publisher\n").replace(
        "    source: 1\n", "")
    result = check(text)
    assert result.ok
    messages = [p.message for p in result.warnings]
    assert any("does not say which source" in m for m in messages)
    assert any("has no 'locator'" in m for m in messages)
    assert any("has no 'indicator'" in m for m in messages)
    assert any("no 'added' date" in m for m in messages)

"""Glossary abbreviations become tooltips in text, never inside tags, code or existing abbr."""

from casebook.site.abbreviations import Abbreviator, parse_definitions


def test_definitions_are_read_from_abbr_lines():
    text = "Intro\n\n*[ICS]: Integrated care system\n*[NHS]: National Health Service\nnot *[X]: inline\n"
    assert parse_definitions(text) == {"ICS": "Integrated care system", "NHS": "National Health Service"}


def test_text_is_wrapped_but_tags_code_and_words_are_not():
    a = Abbreviator({"NHS": "National Health Service", "ICS": 'Integrated "care" <system>'})
    html = ('<p title="NHS">The NHS and ICS</p><code>NHS</code><pre>ICS</pre>'
            '<abbr title="x">NHS</abbr> NHS-England NHSE')
    out = a.apply(html)
    assert out.count('<abbr title="National Health Service">NHS</abbr>') == 1
    assert '<abbr title="Integrated &quot;care&quot; &lt;system&gt;">ICS</abbr></p>' in out
    assert '<p title="NHS">' in out and "<code>NHS</code>" in out and "<pre>ICS</pre>" in out
    assert 'title="x">NHS</abbr>' in out and "NHS-England" in out and "NHSE" in out


def test_no_definitions_leaves_the_page_alone():
    assert Abbreviator({}).apply("<p>NHS</p>") == "<p>NHS</p>"

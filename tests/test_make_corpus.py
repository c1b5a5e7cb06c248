"""The synthetic corpus generator (scripts/make_corpus.py): valid, reproducible, varied."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.records.taxonomy import load_taxonomy
from casebook.records.validate import validate_paths

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "make_corpus.py"
TAXONOMY = REPO / "cases" / "_data" / "taxonomy.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema=_data/case.schema.json\n"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _load_script()


def run(out: Path, count: int = 50, seed: int = 7, *extra: str) -> None:
    argv = ["--count", str(count), "--seed", str(seed), "--out", str(out), "--taxonomy", str(TAXONOMY), *extra]
    assert make_corpus.main(argv) == 0


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def load_cases(folder: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    run(out / "cases", 50, 7, "--markdown", str(out / "md"))
    return out


def test_generated_cases_validate_without_errors(corpus):
    cases = corpus / "cases"
    taxonomy = load_taxonomy(cases / "_data" / "taxonomy.yaml")
    result, missing = validate_paths([str(cases)], taxonomy)
    assert not missing
    assert len(result.files) == 50
    assert result.errors == [], "\n".join(p.format() for p in result.errors[:20])
    assert len(result.cases) == 50


def test_folder_stands_alone(corpus):
    cases = corpus / "cases"
    assert (cases / "_data" / "taxonomy.yaml").read_bytes() == TAXONOMY.read_bytes()
    for path in cases.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(SCHEMA_LINE), path.name
        assert yaml.safe_load(text)["id"] == path.stem


def test_same_seed_gives_identical_bytes(tmp_path):
    run(tmp_path / "a", 50, 11, "--markdown", str(tmp_path / "a-md"))
    run(tmp_path / "b", 50, 11, "--markdown", str(tmp_path / "b-md"))
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert len(a) >= 51 and a == b
    assert snapshot(tmp_path / "a-md") == snapshot(tmp_path / "b-md")


def test_different_seeds_differ(tmp_path):
    run(tmp_path / "a", 50, 1)
    run(tmp_path / "b", 50, 2)
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert set(a) != set(b)  # ids are built from generated names
    assert {k: v for k, v in a.items() if k.endswith(".yaml")} != {k: v for k, v in b.items() if k.endswith(".yaml")}


def test_related_ids_exist_and_are_never_self(corpus):
    cases = load_cases(corpus / "cases")
    ids = set(cases)
    n_related = 0
    for cid, case in cases.items():
        related = case.get("related") or []
        assert len(related) <= 3 and len(set(related)) == len(related)
        assert cid not in related
        assert set(related) <= ids
        n_related += len(related)
    assert n_related > 20


def test_ids_unique_and_well_formed(tmp_path):
    vocab = make_corpus.load_vocabularies(TAXONOMY)
    cases = make_corpus.generate(2000, 3, vocab)
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) and len(i) <= 64 for i in ids)


def test_records_follow_the_brief(corpus):
    taxonomy = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    cases = load_cases(corpus / "cases")
    for cid, c in cases.items():
        assert 150 <= len(" ".join(c["summary"].split())) <= 450, cid
        assert 1 <= len(c["sectors"]) <= 3 and set(c["sectors"]) <= set(taxonomy["sectors"])
        assert 1 <= len(c["benefits"]) <= 3 and set(c["benefits"]) <= set(taxonomy["benefits"])
        assert c["governance"] in taxonomy["governance"]
        assert c["evidence"] in taxonomy["evidence"]
        assert set(c.get("focus_areas") or []) <= set(taxonomy["focus_areas"])
        assert set(c.get("themes") or []) <= set(taxonomy["themes"])
        assert 1995 <= c["established"] <= 2025
        assert str(c["last_reviewed"]) == "2025-06-30"
        if not c["anonymised"]:
            assert 2 <= len(c["members"]) <= 6
        paragraphs = c["narrative"].strip().split("\n\n")
        assert 2 <= len(paragraphs) <= 4, cid
        assert 220 <= len(c["narrative"].split()) <= 450, cid
        assert "{" not in c["narrative"] and "{" not in c["summary"], cid
        assert len(c.get("outcomes") or []) <= 4
        for o in c.get("outcomes") or []:
            assert o["benefit"] in c["benefits"]
            assert "change_percent" in o or "value" in o
            if "value" in o:
                assert o.get("unit")
        assert 1 <= len(c["lessons"]) <= 4
        assert 1 <= len(c["sources"]) <= 3
        assert all(s["url"].startswith("https://") and s["title"] and s["publisher"] for s in c["sources"])


def test_corpus_is_varied():
    vocab = make_corpus.load_vocabularies(TAXONOMY)
    cases = make_corpus.generate(1000, 5, vocab)
    countries = [c["country"] for c in cases]
    assert countries.count("GB") > len(cases) / 2
    assert {"US", "DK", "NZ", "SG", "NL", "CA", "AU"} <= set(countries)
    benefit_counts = sorted((sum(b in c["benefits"] for c in cases) for b in vocab["benefits"]), reverse=True)
    assert benefit_counts[0] > 2 * benefit_counts[-1]  # skewed, not uniform
    outcomes = [o for c in cases for o in c["outcomes"]]
    assert any(o.get("status") == "expected" for o in outcomes)
    assert any("change_percent" in o for o in outcomes) and any("baseline" in o for o in outcomes)
    assert {c["evidence"] for c in cases} == set(vocab["evidence"])
    assert len({c["short_name"] for c in cases if c["short_name"]}) > 100
    assert len({c["summary"] for c in cases}) == len(cases)
    words = {w for c in cases for w in c["narrative"].lower().split()}
    assert len(words) > 2000


def test_vocabularies_come_from_the_taxonomy(tmp_path):
    data = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    data["benefits"]["digital-maturity"] = {"label": "Digital maturity", "description": "Shared digital systems.",
                                            "colour": "#123456"}
    first_sector = next(iter(data["sectors"]))
    del data["sectors"][first_sector]
    data["sectors"]["hospice"] = {"label": "Hospices", "description": "End-of-life care providers."}
    data["governance"] = {"joint-venture": {"label": "Joint venture", "description": "A jointly owned company."},
                          "no": {"label": "No", "description": "An id YAML 1.1 would read as false."}}
    taxonomy_path = tmp_path / "taxonomy.yaml"
    taxonomy_path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = tmp_path / "cases"
    assert make_corpus.main(["--count", "150", "--seed", "3", "--out", str(out), "--taxonomy", str(taxonomy_path)]) == 0
    result, _ = validate_paths([str(out)], load_taxonomy(out / "_data" / "taxonomy.yaml"))
    assert result.errors == [], "\n".join(p.format() for p in result.errors[:20])
    cases = load_cases(out).values()
    assert any("digital-maturity" in c["benefits"] for c in cases)
    assert any("hospice" in c["sectors"] for c in cases)
    assert not any(first_sector in c["sectors"] for c in cases)
    assert {c["governance"] for c in cases} == {"joint-venture", "no"}


def test_markdown_baseline(corpus):
    md = corpus / "md"
    pages = sorted(p for p in md.glob("*.md") if p.name != "index.md")
    assert len(pages) == 50
    index = (md / "index.md").read_text(encoding="utf-8")
    cases = load_cases(corpus / "cases")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        case = cases[page.stem]
        assert text.startswith(f"# {case['name']}")
        assert " ".join(case["summary"].split()) in text
        assert 250 <= len(text.split()) <= 550
        assert f"]({page.name})" in index


def test_refuses_to_mix_with_existing_files(tmp_path):
    out = tmp_path / "cases"
    run(out, 5, 1)
    with pytest.raises(SystemExit):
        make_corpus.main(["--count", "3", "--seed", "2", "--out", str(out), "--taxonomy", str(TAXONOMY)])
    assert make_corpus.main(["--count", "3", "--seed", "2", "--out", str(out), "--taxonomy", str(TAXONOMY),
                             "--force"]) == 0
    assert len(list(out.glob("*.yaml"))) == 3


def test_command_line(tmp_path):
    out = tmp_path / "cases"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--count", "3", "--seed", "9", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.glob("*.yaml"))) == 3

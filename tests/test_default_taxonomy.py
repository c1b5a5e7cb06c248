"""The taxonomy shipped in the package (used when a casebook has none of its own) is this
casebook's own, so a new casebook starts with the same vocabularies."""

from pathlib import Path

from casebook.records.project import PACKAGED_TAXONOMY, taxonomy_for

ROOT = Path(__file__).resolve().parents[1]


def test_packaged_taxonomy_is_the_casebook_taxonomy():
    assert PACKAGED_TAXONOMY.read_bytes() == (ROOT / "cases" / "_data" / "taxonomy.yaml").read_bytes(), (
        "copy cases/_data/taxonomy.yaml to src/casebook/records/default_taxonomy.yaml")


def test_a_casebook_without_a_taxonomy_uses_the_packaged_one(tmp_path):
    (tmp_path / "cases").mkdir()
    assert taxonomy_for(tmp_path / "cases") == PACKAGED_TAXONOMY
    own = tmp_path / "cases" / "_data" / "taxonomy.yaml"
    own.parent.mkdir()
    own.write_text("benefits: {}\n")
    assert taxonomy_for(tmp_path / "cases") == own

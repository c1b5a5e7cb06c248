"""Issue 21 in built sites: the repository's identity comes from the environment, a local build
names no repository and no address, and every case page links "Suggest an edit" to the form."""

from __future__ import annotations

import json
import re

import sitekit


def test_a_local_build_names_no_repository_or_address(real_build):
    site = real_build.site
    contribute = real_build.read("contribute/index.html")
    assert 'data-repo=""' in contribute and "<script src" not in contribute.split('<article', 1)[1].split("</article>")[0]
    cases = json.loads(real_build.read("data/cases.json"))["cases"]
    for case in cases:
        page = real_build.read(f"cases/{case['id']}/index.html")
        assert f'href="../../contribute/?case={case["id"]}"' in page, case["id"]
        assert "Edit this record on GitHub" not in page and 'rel="canonical"' not in page, case["id"]
        assert json.loads(real_build.read(f"data/cases/{case['id']}.json"))["id"] == case["id"]
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "casebook" + "-uk" not in text, path
        assert not re.search(r'href="https://github\.com/[^"]*/(edit|blob)/', text), path


def test_the_identity_comes_from_the_environment(tmp_path):
    project = sitekit.copy_sample(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n +edit_url: .*", "\n      branch: !ENV [CASEBOOK_BRANCH, main]", text)
    text = ('site_url: !ENV [CASEBOOK_SITE_URL, ""]\nrepo_url: !ENV [CASEBOOK_REPO_URL, ""]\n'
            'edit_uri: !ENV [CASEBOOK_EDIT_URI, ""]\n' + text)
    config.write_text(text, encoding="utf-8")
    repo, site_url = "https://git.example.org/owner/fork", "https://owner.example.org/fork/"
    build = sitekit.run_build(project, tmp_path / "site", env={
        "CASEBOOK_REPO_URL": repo, "CASEBOOK_BRANCH": "trunk", "CASEBOOK_SITE_URL": site_url,
        "CASEBOOK_EDIT_URI": "edit/trunk/content/"}).check()
    page = build.read("cases/northfield-acute-alliance/index.html")
    assert f'href="{repo}/edit/trunk/cases/northfield-acute-alliance.yaml"' in page
    assert f'<link rel="canonical" href="{site_url}cases/northfield-acute-alliance/">' in page
    contribute = build.read("contribute/index.html")
    assert f'data-repo="{repo}"' in contribute and 'data-branch="trunk"' in contribute
    assert "propose it on GitHub" in contribute

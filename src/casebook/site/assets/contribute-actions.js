/* Casebook contribute form, part 4: what to do with the file.
 *
 * Copy it, download it as <id>.yaml, or, when the site knows its repository, propose it on
 * GitHub: a new case opens GitHub's new-file page with the file filled in
 * ({repo}/new/{branch}?filename=cases/<id>.yaml&value=<YAML>); a correction opens the edit page
 * of that case's file, which GitHub cannot fill in, so the file is copied first. A file too long
 * for an address is copied too, and GitHub's new-file page opens empty for pasting. */
(function () {
  "use strict";

  var URL_LIMIT = 8000;
  var ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function fileId(s) { return typeof s.record.id === "string" && ID_RE.test(s.record.id) ? s.record.id : "new-case"; }

  function copyText(text, pre) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(pre); });
    }
    return Promise.resolve(fallback(pre));
  }

  function fallback(pre) {
    try {
      var range = document.createRange();
      range.selectNodeContents(pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  /* Where "Propose on GitHub" goes, and whether the file must be copied first. */
  function github(settings, s) {
    var id = fileId(s);
    var file = "cases/" + id + ".yaml";
    if (s.editing && s.published && s.record.id === s.editing) {
      return { href: settings.repo + "/edit/" + encodeURI(settings.branch) + "/" + file, copy: true,
        note: "GitHub's edit page cannot be filled in from here: following the link copies the file; "
          + "in GitHub's editor select everything and paste." };
    }
    var base = settings.repo + "/new/" + encodeURI(settings.branch) + "?filename=" + file;
    var full = base + "&value=" + encodeURIComponent(s.yaml);
    if (full.length <= URL_LIMIT) {
      return { href: full, copy: false, note: "Opens GitHub with the new file filled in, ready to propose." };
    }
    return { href: base, copy: true, note: "The file is too long to send in a link: following the link copies "
      + "it; paste it into GitHub's editor." };
  }

  function refresh(el, s) {
    var settings = window.CasebookContributeForm.settings;
    if (!el.github) return;
    var g = github(settings, s);
    el.github.setAttribute("href", g.href);
    el.github.setAttribute("data-copy-first", g.copy ? "true" : "false");
    el.github.textContent = g.copy ? "Copy and open GitHub" : "Propose on GitHub";
    el.githubNote.textContent = g.note;
  }

  function wire(el, state, reset) {
    function say(text) { el.status.textContent = text; }
    el.copy.addEventListener("click", function () {
      var s = state();
      s.showAll();
      copyText(s.yaml, el.yaml).then(function (ok) {
        say(ok ? "The file is copied." : "Copying failed: select the file below and copy it.");
      });
    });
    el.download.addEventListener("click", function () {
      var s = state();
      s.showAll();
      var url = URL.createObjectURL(new Blob([s.yaml], { type: "application/yaml" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = fileId(s) + ".yaml";
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      say("Downloaded " + fileId(s) + ".yaml.");
    });
    if (el.github) {
      el.github.addEventListener("click", function () {
        var s = state();
        if (el.github.getAttribute("data-copy-first") === "true") {
          copyText(s.yaml, el.yaml).then(function (ok) {
            say(ok ? "The file is copied: paste it into GitHub's editor." : "Copying failed: copy the file below by hand.");
          });
        }
      });
    }
    el.clear.addEventListener("click", reset);
  }

  window.CasebookContributeActions = { wire: wire, refresh: refresh };
})();

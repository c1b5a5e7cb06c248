/*
 * Casebook: small helps for readers, on every page.
 *
 * - The access date of a "Cite this case" block is the reader's today.
 * - Printing opens every <details> (chart data tables) and prints link addresses.
 *
 * Plain ES2017, no libraries, no network requests. (The header search is assets/search.js.)
 */
(function () {
  "use strict";

  /* ---------------------------------------------------------------- citation, print */
  function accessDates() {
    var now = new Date();
    var today = now.toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    var iso = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
    document.querySelectorAll(".cb-access-date").forEach(function (el) {
      el.textContent = today;
      el.setAttribute("data-cb-filled", "");
    });
    // BibTeX's urldate: the reader's date, on a line shown only once it is known.
    document.querySelectorAll(".cb-access-iso").forEach(function (el) { el.textContent = iso; });
    document.querySelectorAll(".cb-access-line").forEach(function (el) { el.hidden = false; });
  }

  /* Copy buttons beside each citation format: hidden in the page, shown once they can work. */
  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }
  /* The BibTeX download carries the reader's access date too: with the script, the link saves
   * the entry shown on the page (urldate filled in); without it, the file as built. */
  function bibDownloads() {
    document.querySelectorAll(".cb-cite a[download][href$='.bib']").forEach(function (a) {
      var pre = a.closest(".cb-cite").querySelector("pre.cb-cite-bib");
      if (!pre || a.hasAttribute("data-cb-ready") || !window.Blob || !window.URL) return;
      a.setAttribute("data-cb-ready", "");
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var url = URL.createObjectURL(new Blob([pre.textContent.replace(/\s+$/, "") + "\n"],
          {type: "application/x-bibtex"}));
        var save = document.createElement("a");
        save.href = url;
        save.download = a.getAttribute("href").split("/").pop();
        document.body.appendChild(save);
        save.click();
        document.body.removeChild(save);
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      });
    });
  }

  function copyButtons() {
    document.querySelectorAll("button.cb-copy[data-cb-copy]").forEach(function (button) {
      var row = button.closest(".cb-cite-row");
      var target = row ? row.firstElementChild : null;
      if (!target || button.hasAttribute("data-cb-ready")) return;
      button.setAttribute("data-cb-ready", "");
      button.hidden = false;
      button.addEventListener("click", function () {
        var section = button.closest(".cb-cite");
        var status = section ? section.querySelector(".cb-copy-status") : null;
        var what = (button.getAttribute("aria-label") || "").replace(/^Copy /, "");
        var text = target.textContent.replace(/\s+$/, "") + "\n";
        copyText(text).then(function () {
          button.textContent = "Copied";
          if (status) status.textContent = "Copied " + what + " to the clipboard.";
          window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
        }, function () {
          if (status) status.textContent = "Could not copy: select the text and copy it instead.";
        });
      });
    });
  }

  var opened = [];
  function beforePrint() {
    document.querySelectorAll(".md-content details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      if (a.textContent.trim() === a.href) return;
      a.setAttribute("data-cb-print-href", a.href);
    });
  }
  function afterPrint() {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  }

  function init() {
    accessDates();
    copyButtons();
    bibDownloads();
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.CasebookListing.onPage(init);  // listing.js, loaded first
})();

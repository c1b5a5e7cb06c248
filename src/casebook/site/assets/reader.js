/*
 * Casebook: small helps for readers, on every page.
 *
 * - Collapsible filters: any element with `data-cb-collapsible` (the /explore/ form; the
 *   /outcomes/ form can opt in the same way) gets a "Filters" button that, on a small screen,
 *   folds the filters away and says how many are active. Children marked `data-cb-keep` (the
 *   result count) stay visible; controls marked `data-cb-nofilter` (sort order, any/all) are
 *   not counted. On a wide screen the button is hidden by CSS and nothing is folded.
 * - "Did you mean": when Material's search finds nothing, words one edit away from a word in
 *   a page title (names and short names of cases) are offered, with the pages they name.
 * - The access date of a "Cite this case" block is the reader's today.
 * - Printing opens every <details> (chart data tables) and prints link addresses.
 *
 * Plain ES2017, no libraries, no network requests except the site's own search index.
 */
(function () {
  "use strict";

  /* ---------------------------------------------------------------- collapsible filters */
  function activeFilters(box) {
    var n = 0;
    box.querySelectorAll("input, select").forEach(function (el) {
      if (!el.name || el.closest("[data-cb-nofilter]") || el.hasAttribute("data-cb-nofilter")) return;
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) n += 1; }
      else if (el.value.trim() !== "") n += 1;
    });
    return n;
  }

  function collapsible(box, i) {
    if (box.querySelector(":scope > .cb-collapse-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cb-button cb-collapse-toggle";
    if (!box.id) box.id = "cb-collapsible-" + i;
    button.setAttribute("aria-controls", box.id);
    box.setAttribute("data-cb-collapsed", "");
    function label() {
      var n = activeFilters(box);
      var open = !box.hasAttribute("data-cb-collapsed");
      button.textContent = (open ? "Hide filters" : "Filters") + (n ? " (" + n + " active)" : "");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      box.toggleAttribute("data-cb-collapsed");
      label();
    });
    var later = function () { window.setTimeout(label, 0); };
    ["input", "change", "click", "reset"].forEach(function (t) { box.addEventListener(t, later); });
    window.addEventListener("popstate", later);
    box.insertBefore(button, box.firstChild);
    label();
  }

  /* ---------------------------------------------------------------- did you mean */
  var vocabulary = null; // lower-case word -> {word, pages: [{title, location}]}

  function siteBase() {
    var el = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function loadVocabulary() {
    if (vocabulary) return Promise.resolve(vocabulary);
    var url = new URL("search/search_index.json", siteBase());
    return fetch(url.href).then(function (r) { return r.json(); }).then(function (index) {
      vocabulary = {};
      index.docs.forEach(function (doc) {
        if (doc.location.indexOf("#") >= 0 || !doc.title) return;
        var title = doc.title.replace(/<[^>]*>/g, "");
        title.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
          if (w.length < 4) return;
          var key = w.toLowerCase();
          var entry = vocabulary[key] || (vocabulary[key] = {word: w, pages: []});
          var seen = entry.pages.some(function (p) { return p.location === doc.location; });
          if (!seen && entry.pages.length < 5) entry.pages.push({title: title, location: doc.location});
        });
      });
      return vocabulary;
    });
  }

  /* Optimal string alignment distance, at most 1 (one insertion, deletion, substitution
   * or swap of neighbours). */
  function withinOne(a, b) {
    if (a === b) return false;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1)
        || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function suggest(query, vocab) {
    var fixes = [];
    query.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
      var key = w.toLowerCase();
      if (key.length < 4 || vocab[key]) return;
      Object.keys(vocab).forEach(function (k) { if (withinOne(key, k)) fixes.push(vocab[k]); });
    });
    return fixes.slice(0, 3);
  }

  var pending = null; // the query whose suggestions are being worked out
  function showSuggestions(input, meta, list) {
    var query = input.value.trim();
    if (pending === query) return;
    pending = query;
    loadVocabulary().then(function (vocab) {
      pending = null;
      if (input.value.trim() !== query || meta.textContent.indexOf("Did you mean") >= 0) return;
      if (list.querySelector(".md-search-result__item:not(.cb-suggestion)")) return;
      var fixes = suggest(query, vocab);
      if (!fixes.length) return;
      meta.textContent = "No exact match. Did you mean ";
      fixes.forEach(function (fix, i) {
        var a = document.createElement("a");
        a.href = "#";
        a.className = "cb-didyoumean";
        a.textContent = fix.word;
        a.addEventListener("click", function (ev) {
          ev.preventDefault();
          input.value = fix.word;
          input.dispatchEvent(new Event("input", {bubbles: true}));
          input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "n"}));
          input.focus();
        });
        if (i) meta.appendChild(document.createTextNode(" or "));
        meta.appendChild(a);
      });
      meta.appendChild(document.createTextNode("?"));
      var base = siteBase();
      fixes.forEach(function (fix) {
        fix.pages.forEach(function (p) {
          var li = document.createElement("li");
          li.className = "md-search-result__item cb-suggestion";
          var a = document.createElement("a");
          a.className = "md-search-result__link";
          a.href = new URL(p.location, base).href;
          var article = document.createElement("article");
          article.className = "md-search-result__article md-typeset";
          var h = document.createElement("h1");
          h.textContent = p.title;
          article.appendChild(h);
          a.appendChild(article);
          li.appendChild(a);
          list.appendChild(li);
        });
      });
    }).catch(function () { /* no index: nothing to suggest */ });
  }

  function watchSearch() {
    var input = document.querySelector("input.md-search__input");
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !meta || !list || !window.MutationObserver) return;
    new MutationObserver(function () {
      var none = list.children.length === 0 && input.value.trim().length >= 4
        && meta.textContent.indexOf("Did you mean") < 0;
      if (none) showSuggestions(input, meta, list);
    }).observe(meta, {childList: true, characterData: true, subtree: true});
  }

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
    document.querySelectorAll("[data-cb-collapsible]").forEach(collapsible);
    accessDates();
    copyButtons();
    bibDownloads();
    watchSearch();
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  // Material's instant navigation replaces the page without a load event.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

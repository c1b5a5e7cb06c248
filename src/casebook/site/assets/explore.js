/*
 * Casebook: filters for the /explore/ table.
 *
 * The page works without this script: it is a plain table of every case, and the filter
 * form ships with the `hidden` attribute. This script reveals the form and filters, sorts
 * and counts the rows from their data-* attributes. Filter state lives in the query string
 * so a filtered view can be bookmarked, shared and reached again with the back button.
 *
 * Plain ES2017, no libraries, no network requests, no inline handlers, no eval: it runs
 * under a strict Content-Security-Policy.
 *
 * URL parameters: benefit (repeatable), match (any|all), sector, governance, country,
 * from, to, evidence, text, sort. The text box is named "q" like a search box, but its URL
 * parameter is "text": Material for MkDocs opens its own search dialog for any page loaded
 * with ?q=, which would cover the table and then strip the parameter from the URL.
 */
(function () {
  "use strict";

  var PARAMS = ["benefit", "match", "sector", "governance", "country", "from", "to",
    "evidence", "text", "sort"];
  var SELECTS = ["sector", "governance", "country", "evidence"];
  // Wait this long after the last keystroke before filtering: one pass over 10,000 rows per
  // pause in typing, not per character.
  var TYPING_DELAY = 150;

  var current = null; // the controller of the explore page on screen, if any

  /* The one folding rule (filtering.js, as casebook/site/text.py fold()). */
  var fold = window.CasebookFilters.fold;

  function words(s) {
    return s ? s.split(" ").filter(Boolean) : [];
  }

  function year(s) {
    // Only plain years count; anything else is treated as "no bound" rather than an error.
    var v = String(s == null ? "" : s).trim();
    return /^\d{1,4}$/.test(v) ? parseInt(v, 10) : null;
  }

  function Controller(table, form) {
    this.table = table;
    this.form = form;
    this.tbody = table.tBodies[0];
    this.count = document.getElementById("cb-count");
    this.empty = document.getElementById("cb-empty");
    this.clear = document.getElementById("cb-clear");
    this.text = form.elements.namedItem("q");
    this.sortSelect = form.elements.namedItem("sort");
    this.timer = 0;
    this.sortedBy = "name"; // the rows are written in name order
    this.shownCount = -1;

    // Read every row's attributes once; filtering then only touches `hidden`, in one pass of
    // writes with no reads in between, so the browser lays out once per change.
    var rows = this.tbody ? Array.prototype.slice.call(this.tbody.rows) : [];
    this.records = rows.map(function (tr, i) {
      var d = tr.dataset;
      return {
        el: tr,
        index: i,
        benefits: words(d.benefits),
        sectors: words(d.sectors),
        governance: d.governance || "",
        country: d.country || "",
        year: year(d.established),
        evidence: d.evidence || "",
        outcomes: parseInt(d.outcomes, 10) || 0,
        text: d.text || "",
        shown: !tr.hidden
      };
    });
    this.total = this.records.length;
    this.benefitBoxes = Array.prototype.slice.call(
      form.querySelectorAll('input[type="checkbox"][name="benefit"]'));
    this.matchRadios = Array.prototype.slice.call(
      form.querySelectorAll('input[type="radio"][name="match"]'));

    this.bind();
    this.setControls(this.fromURL());
    this.apply(this.readControls());
    form.hidden = false;
  }

  Controller.prototype.defaults = function () {
    return { benefit: [], match: "any", sector: "", governance: "", country: "", from: null,
      to: null, evidence: "", text: "", sort: "name" };
  };

  /* State from the query string, keeping only values the form can show. */
  Controller.prototype.fromURL = function () {
    var p = new URLSearchParams(window.location.search);
    var s = this.defaults();
    var known = this.benefitBoxes.map(function (b) { return b.value; });
    s.benefit = p.getAll("benefit").filter(function (v, i, all) {
      return known.indexOf(v) >= 0 && all.indexOf(v) === i;
    });
    s.match = p.get("match") === "all" ? "all" : "any";
    var form = this.form;
    SELECTS.concat(["sort"]).forEach(function (name) {
      var v = p.get(name);
      var select = form.elements.namedItem(name);
      if (v !== null && select && Array.prototype.some.call(select.options, function (o) {
        return o.value === v;
      })) {
        s[name] = v;
      }
    });
    s.from = year(p.get("from"));
    s.to = year(p.get("to"));
    s.text = (p.get("text") || "").slice(0, 200);
    return s;
  };

  Controller.prototype.setControls = function (s) {
    this.benefitBoxes.forEach(function (b) { b.checked = s.benefit.indexOf(b.value) >= 0; });
    this.matchRadios.forEach(function (r) { r.checked = r.value === s.match; });
    var els = this.form.elements;
    SELECTS.concat(["sort"]).forEach(function (name) {
      var select = els.namedItem(name);
      if (select) select.value = s[name];
    });
    els.namedItem("from").value = s.from === null ? "" : String(s.from);
    els.namedItem("to").value = s.to === null ? "" : String(s.to);
    this.text.value = s.text;
  };

  Controller.prototype.readControls = function () {
    var s = this.defaults();
    var els = this.form.elements;
    s.benefit = this.benefitBoxes.filter(function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    this.matchRadios.forEach(function (r) { if (r.checked) s.match = r.value; });
    SELECTS.concat(["sort"]).forEach(function (name) {
      var select = els.namedItem(name);
      if (select) s[name] = select.value;
    });
    if (!s.sort) s.sort = "name";
    s.from = year(els.namedItem("from").value);
    s.to = year(els.namedItem("to").value);
    s.text = this.text.value;
    return s;
  };

  /* The query string for a state; defaults are left out so a clean page has a clean URL.
   * Parameters that are not ours (e.g. Material's ?h= highlight) are kept. */
  Controller.prototype.toQuery = function (s) {
    var p = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) { p.delete(name); });
    s.benefit.forEach(function (b) { p.append("benefit", b); });
    if (s.benefit.length && s.match !== "any") p.set("match", s.match);
    SELECTS.forEach(function (name) { if (s[name]) p.set(name, s[name]); });
    if (s.from !== null) p.set("from", String(s.from));
    if (s.to !== null) p.set("to", String(s.to));
    if (s.text.trim()) p.set("text", s.text.trim());
    if (s.sort !== "name") p.set("sort", s.sort);
    var q = p.toString();
    return q ? "?" + q : "";
  };

  /* Write the state to the URL: push for deliberate, discrete changes (each is a step the
   * back button can undo), replace while typing (no history entry per keystroke). */
  Controller.prototype.remember = function (s, push) {
    var url = window.location.pathname + this.toQuery(s) + window.location.hash;
    var now = window.location.pathname + window.location.search + window.location.hash;
    if (url === now) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(window.history.state, "", url);
  };

  Controller.prototype.matches = function (r, s, text) {
    if (s.benefit.length) {
      var has = function (b) { return r.benefits.indexOf(b) >= 0; };
      if (s.match === "all" ? !s.benefit.every(has) : !s.benefit.some(has)) return false;
    }
    if (s.sector && r.sectors.indexOf(s.sector) < 0) return false;
    if (s.governance && r.governance !== s.governance) return false;
    if (s.country && r.country !== s.country) return false;
    if (s.evidence && r.evidence !== s.evidence) return false;
    if (s.from !== null || s.to !== null) {
      // A case without a year cannot be shown to fall in a range, so a range hides it.
      if (r.year === null) return false;
      var lo = s.from === null ? -Infinity : s.from;
      var hi = s.to === null ? Infinity : s.to;
      if (lo > hi) { var t = lo; lo = hi; hi = t; } // "2021 to 2016" means the same years
      if (r.year < lo || r.year > hi) return false;
    }
    if (text && r.text.indexOf(text) < 0) return false;
    return true;
  };

  Controller.prototype.sortRows = function (key) {
    if (key === this.sortedBy || !this.tbody) return;
    var recs = this.records.slice();
    var byIndex = function (a, b) { return a.index - b.index; };
    var cmp = byIndex;
    if (key === "newest" || key === "oldest") {
      var dir = key === "newest" ? -1 : 1;
      cmp = function (a, b) {
        // Cases without a year go last either way: they are not "oldest" or "newest".
        if (a.year === null || b.year === null) {
          return (a.year === null) - (b.year === null) || byIndex(a, b);
        }
        return dir * (a.year - b.year) || byIndex(a, b);
      };
    } else if (key === "outcomes") {
      cmp = function (a, b) { return b.outcomes - a.outcomes || byIndex(a, b); };
    }
    recs.sort(cmp);
    // One fragment, one insertion: the rows move in a single DOM write.
    var frag = document.createDocumentFragment();
    recs.forEach(function (r) { frag.appendChild(r.el); });
    this.tbody.appendChild(frag);
    this.sortedBy = key;
    var th = this.table.tHead ? this.table.tHead.rows[0].cells : [];
    var col = { name: 0, newest: 2, oldest: 2, outcomes: 7 }[key];
    var dirName = { name: "ascending", newest: "descending", oldest: "ascending",
      outcomes: "descending" }[key];
    Array.prototype.forEach.call(th, function (cell, i) {
      if (i === col) cell.setAttribute("aria-sort", dirName);
      else cell.removeAttribute("aria-sort");
    });
  };

  Controller.prototype.apply = function (s) {
    var text = fold(s.text);
    var shown = 0;
    var self = this;
    this.records.forEach(function (r) {
      var ok = self.matches(r, s, text);
      if (ok) shown += 1;
      if (ok !== r.shown) {
        r.el.hidden = !ok;
        r.shown = ok;
      }
    });
    this.sortRows(s.sort);
    if (shown !== this.shownCount) {
      // Only touch the live region when the number changes, so screen readers are not
      // re-told the same count on every keystroke.
      this.count.textContent = shown + " of " + this.total + (this.total === 1 ? " case" : " cases");
      this.shownCount = shown;
    }
    if (this.empty) this.empty.hidden = shown !== 0 || this.total === 0;
  };

  Controller.prototype.update = function (push) {
    window.clearTimeout(this.timer);
    this.timer = 0;
    var s = this.readControls();
    this.apply(s);
    this.remember(s, push);
  };

  Controller.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("input", function (ev) {
      var t = ev.target;
      if (t.type === "search" || t.type === "text" || t.type === "number") {
        window.clearTimeout(self.timer);
        self.timer = window.setTimeout(function () { self.update(false); }, TYPING_DELAY);
      }
    });
    this.form.addEventListener("change", function (ev) {
      var t = ev.target;
      // A number box fires "change" on blur or Enter after its "input" events; the URL was
      // already replaced while typing, so do not add a history entry for it.
      var typed = t.type === "search" || t.type === "text" || t.type === "number";
      self.update(!typed);
    });
    // Enter in a text box would submit (and reload) the page; filter at once instead.
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.update(false);
    });
    if (this.clear) {
      this.clear.addEventListener("click", function () {
        self.setControls(self.defaults());
        self.update(true);
      });
    }
  };

  /* Back/forward: put the controls back to what the URL says and filter, without writing a
   * new history entry. */
  Controller.prototype.restore = function () {
    window.clearTimeout(this.timer);
    this.setControls(this.fromURL());
    this.apply(this.readControls());
  };

  function init() {
    var table = document.getElementById("cb-table");
    var form = document.getElementById("cb-filters");
    if (!table || !form) {
      current = null;
      return;
    }
    if (current && current.table === table) return; // same page, already wired up
    current = new Controller(table, form);
  }

  window.addEventListener("popstate", function () {
    if (current && document.body.contains(current.table)) current.restore();
  });

  // Material's instant navigation swaps pages without reloading and announces each one on
  // its document$ observable; without it, run once when the document is ready.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * Casebook: filters for the /outcomes/ table (one row per measured outcome).
 *
 * Without this script the page is a plain table of every outcome and the form stays hidden.
 * The script reveals the form, then filters, sorts and counts the rows from their data-*
 * attributes, and shows them a page at a time (PAGE rows, then "Show more"), so that tens
 * of thousands of rows never have to be laid out at once. State lives in the query string.
 *
 * URL parameters: indicator, benefit, sector, country, status, evidence, text, sort, and
 * shown (how many rows are on screen). The text box is named "q" but its parameter is "text":
 * Material opens its search dialog for any page loaded with ?q=.
 *
 * Plain ES2017, no libraries, no network requests, no inline handlers, no eval.
 */
(function () {
  "use strict";

  var SELECTS = ["indicator", "benefit", "sector", "country", "status", "evidence"];
  var PARAMS = SELECTS.concat(["text", "sort", "shown"]);
  var PAGE = 200;
  var TYPING_DELAY = 150;
  var current = null;

  /* The one folding rule (filtering.js, as casebook/site/text.py fold()). */
  var fold = window.CasebookFilters.fold;

  function Controller(table, form) {
    this.table = table;
    this.form = form;
    this.tbody = table.tBodies[0];
    this.count = document.getElementById("cb-o-count");
    this.empty = document.getElementById("cb-o-empty");
    this.pager = document.getElementById("cb-o-pager");
    this.more = document.getElementById("cb-o-more");
    this.clear = document.getElementById("cb-o-clear");
    this.text = form.elements.namedItem("q");
    this.timer = 0;
    this.sortedBy = "case";
    this.limit = PAGE;
    var rows = this.tbody ? Array.prototype.slice.call(this.tbody.rows) : [];
    this.records = rows.map(function (tr, i) {
      var d = tr.dataset;
      var change = d.change === "" || d.change == null ? null : parseFloat(d.change);
      // Searchable text: the case as shown, the measure and its period (not the cells' labels).
      var c = tr.cells;
      var part = function (sel) { var e = tr.querySelector(sel); return e ? e.textContent : ""; };
      var text = fold([c[0] ? c[0].textContent : "", part(".cb-o-m"), part(".cb-o-pv")].join(" "));
      var ind = tr.querySelector(".cb-o-ind");
      return {
        el: tr, index: i, indicator: d.indicator || "", benefit: d.benefit || "",
        sectors: (d.sectors || "").split(" "), country: d.country || "", status: d.status || "",
        evidence: d.evidence || "", change: isNaN(change) ? null : change, text: text,
        indicatorLabel: ind ? ind.textContent : "", shown: !tr.hidden
      };
    });
    this.total = this.records.length;
    this.bind();
    this.setControls(this.fromURL());
    this.apply(this.readControls());
    form.hidden = false;
  }

  Controller.prototype.defaults = function () {
    return { indicator: "", benefit: "", sector: "", country: "", status: "", evidence: "",
      text: "", sort: "case" };
  };

  Controller.prototype.fromURL = function () {
    var p = new URLSearchParams(window.location.search);
    var s = this.defaults();
    var form = this.form;
    SELECTS.concat(["sort"]).forEach(function (name) {
      var v = p.get(name);
      var select = form.elements.namedItem(name);
      if (v !== null && select && Array.prototype.some.call(select.options, function (o) {
        return o.value === v;
      })) s[name] = v;
    });
    s.text = (p.get("text") || "").slice(0, 200);
    var shown = parseInt(p.get("shown"), 10);
    this.limit = shown > PAGE ? Math.ceil(shown / PAGE) * PAGE : PAGE;
    return s;
  };

  Controller.prototype.setControls = function (s) {
    var els = this.form.elements;
    SELECTS.concat(["sort"]).forEach(function (name) { els.namedItem(name).value = s[name]; });
    this.text.value = s.text;
  };

  Controller.prototype.readControls = function () {
    var s = this.defaults();
    var els = this.form.elements;
    SELECTS.concat(["sort"]).forEach(function (name) { s[name] = els.namedItem(name).value; });
    if (!s.sort) s.sort = "case";
    s.text = this.text.value;
    return s;
  };

  Controller.prototype.toQuery = function (s) {
    var p = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) { p.delete(name); });
    SELECTS.forEach(function (name) { if (s[name]) p.set(name, s[name]); });
    if (s.text.trim()) p.set("text", s.text.trim());
    if (s.sort !== "case") p.set("sort", s.sort);
    if (this.limit > PAGE) p.set("shown", String(this.limit));
    var q = p.toString();
    return q ? "?" + q : "";
  };

  Controller.prototype.remember = function (s, push) {
    var url = window.location.pathname + this.toQuery(s) + window.location.hash;
    var now = window.location.pathname + window.location.search + window.location.hash;
    if (url === now) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(window.history.state, "", url);
  };

  Controller.prototype.matches = function (r, s, text) {
    if (s.indicator && r.indicator !== s.indicator) return false;
    if (s.benefit && r.benefit !== s.benefit) return false;
    if (s.sector && r.sectors.indexOf(s.sector) < 0) return false;
    if (s.country && r.country !== s.country) return false;
    if (s.status && r.status !== s.status) return false;
    if (s.evidence && r.evidence !== s.evidence) return false;
    if (text && r.text.indexOf(text) < 0) return false;
    return true;
  };

  /* Order of the records for a sort key; results without a % change go last. */
  Controller.prototype.ordered = function (key) {
    var recs = this.records.slice();
    var byIndex = function (a, b) { return a.index - b.index; };
    if (key === "fall" || key === "rise") {
      var dir = key === "fall" ? 1 : -1;
      recs.sort(function (a, b) {
        if (a.change === null || b.change === null) {
          return (a.change === null) - (b.change === null) || byIndex(a, b);
        }
        return dir * (a.change - b.change) || byIndex(a, b);
      });
    } else if (key === "indicator") {
      recs.sort(function (a, b) {
        var an = a.indicator === "none", bn = b.indicator === "none";
        return an - bn || a.indicatorLabel.localeCompare(b.indicatorLabel) || byIndex(a, b);
      });
    } else {
      recs.sort(byIndex);
    }
    return recs;
  };

  /* Sorting reorders the records only; apply() then moves the rows on screen (a page of
   * them at most) into that order, so a sort never moves tens of thousands of rows. */
  Controller.prototype.sortRows = function (key) {
    if (key === this.sortedBy || !this.tbody) return;
    this.records = this.ordered(key);
    this.sortedBy = key;
    // Columns by their class (site/outcome_table.py): the indicator is a line of the measure cell.
    var colClass = { "case": "cb-h-case", fall: "cb-h-result", rise: "cb-h-result",
      indicator: "cb-h-measure" }[key];
    var dirName = { "case": "ascending", fall: "ascending", rise: "descending",
      indicator: "ascending" }[key];
    var th = this.table.tHead ? this.table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(th, function (cell) {
      if (cell.classList.contains(colClass)) cell.setAttribute("aria-sort", dirName);
      else cell.removeAttribute("aria-sort");
    });
  };

  Controller.prototype.apply = function (s) {
    this.sortRows(s.sort);
    var text = fold(s.text);
    var matched = 0;
    var limit = this.limit;
    var self = this;
    var page = [];
    // Reads and decisions first, then the writes: hidden flips and one move of the rows shown.
    this.records.forEach(function (r) {
      var ok = self.matches(r, s, text);
      if (ok) matched += 1;
      var show = ok && matched <= limit;
      if (show) page.push(r);
      if (show !== r.shown) {
        r.el.hidden = !show;
        r.shown = show;
      }
    });
    if (this.tbody && page.length) {
      var frag = document.createDocumentFragment();
      page.forEach(function (r) { frag.appendChild(r.el); });
      this.tbody.insertBefore(frag, this.tbody.firstChild);
    }
    var onScreen = Math.min(matched, limit);
    var msg = matched + " of " + this.total + (this.total === 1 ? " outcome" : " outcomes");
    if (onScreen < matched) msg += " (first " + onScreen + " shown)";
    if (this.count.textContent !== msg) this.count.textContent = msg;
    this.matched = matched;
    if (this.empty) this.empty.hidden = matched !== 0 || this.total === 0;
    if (this.pager) {
      this.pager.hidden = onScreen >= matched;
      this.more.textContent = "Show " + Math.min(PAGE, matched - onScreen) + " more";
    }
  };

  Controller.prototype.update = function (push, keepLimit) {
    window.clearTimeout(this.timer);
    this.timer = 0;
    if (!keepLimit) this.limit = PAGE;
    var s = this.readControls();
    this.apply(s);
    this.remember(s, push);
  };

  Controller.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("input", function (ev) {
      if (ev.target.type === "search") {
        window.clearTimeout(self.timer);
        self.timer = window.setTimeout(function () { self.update(false); }, TYPING_DELAY);
      }
    });
    this.form.addEventListener("change", function (ev) {
      self.update(ev.target.type !== "search");
    });
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.update(false);
    });
    this.clear.addEventListener("click", function () {
      self.setControls(self.defaults());
      self.update(true);
    });
    this.more.addEventListener("click", function () {
      self.limit += PAGE;
      self.update(false, true);
    });
  };

  Controller.prototype.restore = function () {
    window.clearTimeout(this.timer);
    this.setControls(this.fromURL());
    this.apply(this.readControls());
  };

  function init() {
    var table = document.getElementById("cb-o-table");
    var form = document.getElementById("cb-o-filters");
    if (!table || !form) {
      current = null;
      return;
    }
    if (current && current.table === table) return;
    current = new Controller(table, form);
  }

  window.addEventListener("popstate", function () {
    if (current && document.body.contains(current.table)) current.restore();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * Casebook: the /compare/ page. Two to four cases side by side, chosen in the URL
 * (?cases=a,b,c). The list of every case (plain links without this script) becomes a
 * picker; the comparison is built from /data/cases.json and /data/outcomes.json.
 *
 * Every value from the data is written with textContent, never as HTML.
 * Plain ES2017, no libraries, same-origin requests only, no inline handlers, no eval.
 */
(function () {
  "use strict";

  /* Where a case page is, as the page says (data-case-href on #cb-compare: "../cases/ID/", or
   * "cases/ID.html" when the site does not use directory URLs). */
  var caseHrefTemplate = "../cases/ID/";
  function caseHref(id) { return caseHrefTemplate.replace("ID", encodeURIComponent(id)); }

  var data = null; // {cases: {id: case}, outcomes: {id: [row]}} once loaded

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function chosenFromURL(known, max) {
    var p = new URLSearchParams(window.location.search);
    var raw = (p.get("cases") || "").split(",").concat(p.getAll("case"));
    var out = [];
    raw.forEach(function (v) {
      v = v.trim();
      if (v && known[v] && out.indexOf(v) < 0 && out.length < max) out.push(v);
    });
    return out;
  }

  function load(root) {
    if (data) return Promise.resolve(data);
    var get = function (url) {
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    };
    return Promise.all([get(root.dataset.cases), get(root.dataset.outcomes)]).then(function (res) {
      var cases = {};
      res[0].cases.forEach(function (c) { cases[c.id] = c; });
      var outcomes = {};
      res[1].outcomes.forEach(function (o) { (outcomes[o.case_id] = outcomes[o.case_id] || []).push(o); });
      data = { cases: cases, outcomes: outcomes };
      return data;
    });
  }

  function Page(root, list, labels) {
    this.root = root;
    this.list = list;
    this.labels = labels;
    this.max = parseInt(root.dataset.max, 10) || 4;
    this.known = {};
    this.names = {};
    this.boxes = [];
    var self = this;
    Array.prototype.forEach.call(list.querySelectorAll("li[data-case]"), function (li) {
      var id = li.dataset.case;
      var link = li.querySelector("a");
      self.known[id] = true;
      self.names[id] = link ? link.textContent : id;
      var box = el("input", null, { type: "checkbox", value: id, id: "cb-cmp-" + id });
      var label = el("label", self.names[id], { "for": "cb-cmp-" + id });
      li.insertBefore(label, li.firstChild);
      li.insertBefore(box, label);
      if (link) {
        link.textContent = "read";
        link.setAttribute("aria-label", "Read " + self.names[id]);
      }
      self.boxes.push(box);
    });
    list.classList.add("cb-compare-picker");
    var heading = document.getElementById("cb-compare-choose");
    if (heading) heading.textContent = "Choose two to four cases";
    this.status = el("p", "", { "class": "cb-count", role: "status", "aria-live": "polite", id: "cb-compare-status" });
    this.out = el("div", null, { id: "cb-compare-out" });
    root.appendChild(this.status);
    root.appendChild(this.out);
    list.addEventListener("change", function () { self.changed(); });
    window.addEventListener("popstate", function () { self.show(chosenFromURL(self.known, self.max)); });
    this.show(chosenFromURL(this.known, this.max));
  }

  Page.prototype.changed = function () {
    // Keep the order cases were chosen in: earlier choices stay in their columns.
    var ticked = this.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var ids = (this.chosen || []).filter(function (id) { return ticked.indexOf(id) >= 0; });
    ticked.forEach(function (id) { if (ids.indexOf(id) < 0) ids.push(id); });
    var p = new URLSearchParams(window.location.search);
    p.delete("case");
    if (ids.length) p.set("cases", ids.join(","));
    else p.delete("cases");
    var q = p.toString().replace(/%2C/g, ",");
    window.history.pushState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    this.show(ids);
  };

  Page.prototype.show = function (ids) {
    this.chosen = ids.slice();
    var full = ids.length >= this.max;
    this.boxes.forEach(function (b) {
      b.checked = ids.indexOf(b.value) >= 0;
      b.disabled = full && !b.checked;
    });
    this.out.textContent = "";
    if (ids.length < 2) {
      this.status.textContent = ids.length === 1
        ? "1 case chosen: " + this.names[ids[0]] + ". Choose at least one more to compare."
        : "No cases chosen yet. Choose two to four cases from the list below.";
      return;
    }
    this.status.textContent = ids.length + " cases compared" + (full ? " (the most at once; untick one to swap)" : "") + ".";
    var self = this;
    load(this.root).then(function (d) { self.render(ids, d); }).catch(function (err) {
      self.status.textContent = "The case data could not be loaded (" + err.message + ").";
    });
  };

  Page.prototype.label = function (vocab, id) {
    var v = this.labels[vocab] || {};
    return v[id] || id;
  };

  Page.prototype.table = function (caption, ids, d) {
    var table = el("table", null, { "class": "cb-compare-table" });
    table.appendChild(el("caption", caption));
    var head = el("tr");
    head.appendChild(el("th", "", { scope: "col" }));
    ids.forEach(function (id) {
      var th = el("th", null, { scope: "col", "data-short": d.cases[id].short_name || d.cases[id].name });
      th.appendChild(el("a", d.cases[id].name, { href: caseHref(id) }));
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    table.appendChild(el("tbody"));
    return table;
  };

  Page.prototype.row = function (table, name, cells) {
    var tr = el("tr");
    tr.appendChild(el("th", name, { scope: "row" }));
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    cells.forEach(function (c, i) {
      // On a phone the columns stack; each value then names its case (casebook.css).
      var td = el("td", null, { "data-label": heads[i + 1] ? heads[i + 1].getAttribute("data-short") : "" });
      if (Array.isArray(c)) {
        if (!c.length) td.textContent = "—";
        else {
          var ul = el("ul");
          c.forEach(function (item) { ul.appendChild(el("li", item)); });
          td.appendChild(ul);
        }
      } else td.textContent = c == null || c === "" ? "—" : String(c);
      tr.appendChild(td);
    });
    table.tBodies[0].appendChild(tr);
  };

  Page.prototype.facts = function (ids, d) {
    var self = this;
    var cs = ids.map(function (id) { return d.cases[id]; });
    var t = this.table("Key facts", ids, d);
    var map = function (f) { return cs.map(f); };
    this.row(t, "Country", map(function (c) { return self.label("countries", c.country); }));
    this.row(t, "Region", map(function (c) { return c.region; }));
    this.row(t, "Established", map(function (c) { return c.established; }));
    this.row(t, "Status", map(function (c) {
      var s = c.status || "active";
      return s === "active" ? "Active" : s.charAt(0).toUpperCase() + s.slice(1) + (c.status_year ? " (" + c.status_year + ")" : "");
    }));
    this.row(t, "Population served", map(function (c) { return c.population ? "about " + c.population.toLocaleString("en-GB") : ""; }));
    this.row(t, "Sectors", map(function (c) { return (c.sectors || []).map(function (s) { return self.label("sectors", s); }); }));
    this.row(t, "Governance", map(function (c) { return self.label("governance", c.governance || "not-stated"); }));
    this.row(t, "Benefits", map(function (c) { return (c.benefits || []).map(function (b) { return self.label("benefits", b); }); }));
    this.row(t, "Members", map(function (c) { return (c.members || []).length || ""; }));
    this.row(t, "Evidence", map(function (c) { return self.label("evidence", c.evidence || "self-reported"); }));
    // Achieved results only: targets, commitments and forecasts are not measured outcomes.
    this.row(t, "Measured outcomes", map(function (c) {
      return (d.outcomes[c.id] || []).filter(function (o) { return o.status === "achieved"; }).length;
    }));
    return t;
  };

  Page.prototype.outcomes = function (ids, d) {
    var self = this;
    var indicators = {};
    ids.forEach(function (id) {
      (d.outcomes[id] || []).forEach(function (o) { indicators[o.indicator || ""] = true; });
    });
    var keys = Object.keys(indicators).sort(function (a, b) {
      if (!a || !b) return (!a) - (!b);
      return self.label("indicators", a).localeCompare(self.label("indicators", b));
    });
    var t = this.table("Outcomes by indicator", ids, d);
    keys.forEach(function (key) {
      self.row(t, key ? self.label("indicators", key) : "Other outcomes (no indicator yet)", ids.map(function (id) {
        return (d.outcomes[id] || []).filter(function (o) { return (o.indicator || "") === key; }).map(function (o) {
          var text = o.measure + ": " + o.result;
          if (o.period) text += " (" + o.period + ")";
          // Anything but an achieved result (expected, target, committed, forecast) says so.
          if (o.status && o.status !== "achieved") text += ", " + self.label("outcome_status", o.status).toLowerCase() + " (not achieved)";
          return text;
        });
      }));
    });
    if (!keys.length) self.row(t, "Outcomes", ids.map(function () { return []; }));
    return t;
  };

  Page.prototype.wrap = function (table, label) {
    var div = el("div", null, { "class": "cb-table-wrap", tabindex: "0", role: "region", "aria-label": label });
    div.appendChild(table);
    return div;
  };

  Page.prototype.render = function (ids, d) {
    ids = ids.filter(function (id) { return d.cases[id]; });
    this.out.textContent = "";
    this.out.appendChild(el("h2", "Key facts", { id: "cb-compare-facts" }));
    this.out.appendChild(this.wrap(this.facts(ids, d), "Key facts compared"));
    this.out.appendChild(el("h2", "Outcomes by indicator", { id: "cb-compare-outcomes" }));
    this.out.appendChild(el("p", "Each row is one indicator: results in the same row measure the same kind of thing, "
      + "though periods and definitions can still differ. Results without an indicator are in the last row."));
    this.out.appendChild(this.wrap(this.outcomes(ids, d), "Outcomes compared"));
  };

  /* On /explore/: a "compare" checkbox in each case's row and a link to the comparison of
   * the ticked cases (two to four). */
  function initExplore(table) {
    if (table.dataset.compare) return;
    table.dataset.compare = "1";
    var max = 4;
    var boxes = [];
    var wrap = table.closest(".cb-table-wrap") || table;
    var bar = el("div", null, { "class": "cb-compare-bar" });
    var note = el("p", "Tick two to four cases to compare them side by side.", { id: "cb-compare-note", "class": "cb-count", role: "status", "aria-live": "polite" });
    var compareHref = table.dataset.compareHref || "../compare/";
    var link = el("a", "Compare ticked cases", { id: "cb-compare-link", "class": "cb-button", href: compareHref });
    bar.appendChild(note);
    bar.appendChild(link);
    wrap.parentNode.insertBefore(bar, wrap);
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var a = tr.cells[0] && tr.cells[0].querySelector("a[href]");
      var m = a && /cases\/([^/.]+)(?:\/|\.html)$/.exec(a.getAttribute("href"));
      if (!m) return;
      var box = el("input", null, { type: "checkbox", value: m[1], "class": "cb-compare-box", "aria-label": "Compare " + a.textContent });
      tr.cells[0].insertBefore(box, tr.cells[0].firstChild);
      boxes.push(box);
    });
    var update = function () {
      var ids = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      boxes.forEach(function (b) { b.disabled = ids.length >= max && !b.checked; });
      link.setAttribute("href", compareHref + (ids.length ? "?cases=" + ids.join(",") : ""));
      link.textContent = ids.length >= 2 ? "Compare " + ids.length + " ticked cases" : "Compare ticked cases";
      note.textContent = ids.length < 2 ? "Tick two to four cases to compare them side by side (" + ids.length + " ticked)."
        : ids.length + " cases ticked" + (ids.length >= max ? " (the most at once)." : ".");
    };
    table.addEventListener("change", function (ev) {
      if (ev.target.classList && ev.target.classList.contains("cb-compare-box")) update();
    });
  }

  function init() {
    var table = document.getElementById("cb-table");
    if (table && table.tBodies.length) initExplore(table);
    var root = document.getElementById("cb-compare");
    var list = document.getElementById("cb-compare-list");
    var labels = document.getElementById("cb-compare-labels");
    if (!root || !list || root.dataset.ready) return;
    if (root.dataset.caseHref) caseHrefTemplate = root.dataset.caseHref;
    root.dataset.ready = "1";
    new Page(root, list, labels ? JSON.parse(labels.textContent) : {});
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * Casebook: the /compare/ page, and the "compare" choice on /explore/.
 *
 * /compare/: two to four cases side by side, chosen in the URL (?cases=a,b,c). Only the chosen
 * cases' data is fetched (/data/cases/<id>.json: the record and its outcome rows). Cases are
 * found by name: the first time the reader types, the /explore/ listing's name data is fetched
 * (data/listing/explore/f-<k>.json; id, name and short name are its first three fields).
 *
 * /explore/: a "Choose cases to compare" button puts a checkbox in each row (only then: a row
 * is otherwise one tab stop) and a link to the comparison of the ticked cases. Rows carry
 * their case id (data-case); ticks survive filtering, sorting and paging.
 *
 * Every value from the data is written with textContent, never as HTML.
 * Plain ES2017, no libraries, same-origin requests only, no inline handlers, no eval.
 */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_FOUND = 12;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status === 404 ? "no such case" : "status " + r.status);
      return r.json();
    });
  }

  function fold(s) {
    return window.CasebookListing ? window.CasebookListing.fold(s) : String(s || "").toLowerCase();
  }

  function chosenFromURL(max) {
    var p = new URLSearchParams(window.location.search);
    var raw = (p.get("cases") || "").split(",").concat(p.getAll("case"));
    var out = [];
    raw.forEach(function (v) {
      v = v.trim();
      if (ID.test(v) && out.indexOf(v) < 0 && out.length < max) out.push(v);
    });
    return out;
  }

  function Page(root, labels) {
    this.root = root;
    this.labels = labels;
    this.max = parseInt(root.dataset.max, 10) || 4;
    this.cases = {}; // id -> {case, outcomes} once fetched
    this.failed = {};
    this.names = null; // [[id, name, short]] once fetched
    this.chosen = [];
    this.chosenList = document.getElementById("cb-compare-chosen");
    this.foundList = document.getElementById("cb-compare-found");
    this.query = document.getElementById("cb-compare-q");
    this.status = el("p", "", { "class": "cb-count", role: "status", "aria-live": "polite", id: "cb-compare-status" });
    this.out = el("div", null, { id: "cb-compare-out" });
    root.insertBefore(this.status, root.firstChild);
    root.appendChild(this.out);
    root.hidden = false;
    var self = this;
    this.query.addEventListener("input", function () { self.find(); });
    root.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box.classList || !box.classList.contains("cb-compare-pick")) return;
      var ids = self.chosen.filter(function (id) { return id !== box.value; });
      if (box.checked && ids.length < self.max) ids.push(box.value);
      self.choose(ids);
    });
    window.addEventListener("popstate", function () { self.show(chosenFromURL(self.max)); });
    this.show(chosenFromURL(this.max));
  }

  Page.prototype.caseHref = function (id) {
    return this.root.dataset.caseHref.replace("ID", encodeURIComponent(id));
  };

  Page.prototype.choose = function (ids) {
    var p = new URLSearchParams(window.location.search);
    p.delete("case");
    if (ids.length) p.set("cases", ids.join(","));
    else p.delete("cases");
    var q = p.toString().replace(/%2C/g, ",");
    window.history.pushState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    this.show(ids);
    this.find();
  };

  Page.prototype.loadNames = function () {
    if (this.namesLoading) return this.namesLoading;
    var base = new URL(this.root.dataset.names, window.location.href);
    var self = this;
    var chunks = parseInt(this.root.dataset.namesChunks, 10) || 1;
    var parts = [];
    for (var k = 0; k < chunks; k += 1) parts.push(getJSON(new URL("f-" + k + ".json", base).href));
    this.namesLoading = Promise.all(parts).then(function (all) {
      self.names = [];
      all.forEach(function (rows) {
        rows.forEach(function (row) { self.names.push([row[0], row[1], row[2], fold(row[1] + " " + (row[2] || ""))]); });
      });
      return self.names;
    });
    return this.namesLoading;
  };

  Page.prototype.pickItem = function (id, name) {
    var li = el("li");
    var box = el("input", null, { type: "checkbox", value: id, id: "cb-cmp-" + id, "class": "cb-compare-pick" });
    box.checked = this.chosen.indexOf(id) >= 0;
    box.disabled = !box.checked && this.chosen.length >= this.max;
    li.appendChild(box);
    li.appendChild(el("label", name, { "for": "cb-cmp-" + id }));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("a", "read", { href: this.caseHref(id), "aria-label": "Read " + name }));
    return li;
  };

  Page.prototype.find = function () {
    var q = fold(this.query.value);
    var self = this;
    if (!q) { this.foundList.textContent = ""; return; }
    this.loadNames().then(function (names) {
      if (fold(self.query.value) !== q) return;
      self.foundList.textContent = "";
      var hits = names.filter(function (n) { return n[3].indexOf(q) >= 0; });
      hits.slice(0, MAX_FOUND).forEach(function (n) {
        self.foundList.appendChild(self.pickItem(n[0], n[1] + (n[2] && n[1].indexOf(n[2]) < 0 ? " (" + n[2] + ")" : "")));
      });
      var more = hits.length > MAX_FOUND ? " (the first " + MAX_FOUND + " shown; type more of the name)" : "";
      document.getElementById("cb-compare-hint").textContent = hits.length
        ? hits.length + (hits.length === 1 ? " case matches" : " cases match") + more + "."
        : "No case name matches. Try part of the name or its short form.";
    });
  };

  Page.prototype.show = function (ids) {
    this.chosen = ids.slice();
    var self = this;
    this.out.textContent = "";
    Promise.all(ids.map(function (id) {
      if (self.cases[id]) return self.cases[id];
      return getJSON(self.root.dataset.caseData.replace("ID", id)).then(function (d) {
        self.cases[id] = d;
        return d;
      }).catch(function () { self.failed[id] = true; return null; });
    })).then(function () {
      if (self.chosen.join(",") !== ids.join(",")) return;
      var found = ids.filter(function (id) { return self.cases[id]; });
      var missing = ids.filter(function (id) { return !self.cases[id]; });
      self.chosenList.textContent = "";
      found.forEach(function (id) { self.chosenList.appendChild(self.pickItem(id, self.cases[id].case.name)); });
      var note = missing.length ? " No case has the id " + missing.join(", ") + "." : "";
      if (found.length < 2) {
        self.status.textContent = (found.length === 1
          ? "1 case chosen: " + self.cases[found[0]].case.name + ". Find at least one more to compare."
          : "No cases chosen yet. Find two to four cases by name below.") + note;
        return;
      }
      var full = found.length >= self.max;
      self.status.textContent = found.length + " cases compared" + (full ? " (the most at once; untick one to swap)" : "") + "." + note;
      self.render(found);
    });
  };

  Page.prototype.label = function (vocab, id) {
    var v = this.labels[vocab] || {};
    return v[id] || id;
  };

  Page.prototype.table = function (caption, ids) {
    var self = this;
    var table = el("table", null, { "class": "cb-compare-table" });
    table.appendChild(el("caption", caption));
    var head = el("tr");
    head.appendChild(el("th", "", { scope: "col" }));
    ids.forEach(function (id) {
      var th = el("th", null, { scope: "col", "data-short": self.cases[id].case.short_name || self.cases[id].case.name });
      th.appendChild(el("a", self.cases[id].case.name, { href: self.caseHref(id) }));
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

  Page.prototype.facts = function (ids) {
    var self = this;
    var cs = ids.map(function (id) { return self.cases[id]; });
    var t = this.table("Key facts", ids);
    var map = function (f) { return cs.map(function (d) { return f(d.case, d.outcomes); }); };
    this.row(t, "Country", map(function (c) { return self.label("countries", c.country); }));
    this.row(t, "Region", map(function (c) { return c.region; }));
    this.row(t, "Established", map(function (c) { return c.established; }));
    this.row(t, "Status", map(function (c) {
      var s = c.status || "active";
      return s === "active" ? "Active" : s.charAt(0).toUpperCase() + s.slice(1) + (c.status_year ? " (" + c.status_year + ")" : "");
    }));
    this.row(t, "Population served", map(function (c) { return c.population ? "about " + c.population.toLocaleString("en-GB") : ""; }));
    this.row(t, "Sectors", map(function (c) { return (c.sectors || []).map(function (s) { return self.label("sectors", s); }); }));
    this.row(t, "Governance", map(function (c) { return self.label("governance", c.governance); }));
    this.row(t, "Benefits", map(function (c) { return (c.benefits || []).map(function (b) { return self.label("benefits", b); }); }));
    this.row(t, "Members", map(function (c) { return (c.members || []).length || ""; }));
    this.row(t, "Evidence", map(function (c) { return self.label("evidence", c.evidence); }));
    // Achieved results only: targets, commitments and forecasts are not measured outcomes.
    this.row(t, "Measured outcomes", map(function (c, outcomes) {
      return outcomes.filter(function (o) { return o.status === "achieved"; }).length;
    }));
    return t;
  };

  Page.prototype.outcomes = function (ids) {
    var self = this;
    var indicators = {};
    ids.forEach(function (id) {
      self.cases[id].outcomes.forEach(function (o) { indicators[o.indicator || ""] = true; });
    });
    var keys = Object.keys(indicators).sort(function (a, b) {
      if (!a || !b) return (!a) - (!b);
      return self.label("indicators", a).localeCompare(self.label("indicators", b));
    });
    var t = this.table("Outcomes by indicator", ids);
    keys.forEach(function (key) {
      self.row(t, key ? self.label("indicators", key) : "Other outcomes", ids.map(function (id) {
        return self.cases[id].outcomes.filter(function (o) { return (o.indicator || "") === key; }).map(function (o) {
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

  Page.prototype.render = function (ids) {
    this.out.textContent = "";
    this.out.appendChild(el("h2", "Key facts", { id: "cb-compare-facts" }));
    this.out.appendChild(this.wrap(this.facts(ids), "Key facts compared"));
    this.out.appendChild(el("h2", "Outcomes by indicator", { id: "cb-compare-outcomes" }));
    this.out.appendChild(el("p", "Each row is one indicator: results in the same row measure the same kind of thing, "
      + "though periods and definitions can still differ. Results without an indicator are in the last row."));
    this.out.appendChild(this.wrap(this.outcomes(ids), "Outcomes compared"));
  };

  /* ---------------------------------------------------------------- on /explore/ */
  function initExplore(table) {
    if (table.dataset.compare) return;
    table.dataset.compare = "1";
    var max = 4;
    var ticked = [];
    var names = {};
    var on = false;
    var wrap = table.closest(".cb-table-wrap") || table;
    var anchor = wrap.previousElementSibling && wrap.previousElementSibling.classList.contains("cb-skip")
      ? wrap.previousElementSibling : wrap;
    var compareHref = table.dataset.compareHref || "../compare/";
    var bar = el("div", null, { "class": "cb-compare-bar" });
    var toggle = el("button", "Choose cases to compare", { type: "button", "class": "cb-button", "aria-pressed": "false" });
    var note = el("p", "", { id: "cb-compare-note", "class": "cb-count", role: "status", "aria-live": "polite" });
    var link = el("a", "Compare ticked cases", { id: "cb-compare-link", "class": "cb-button", href: compareHref, hidden: "" });
    bar.appendChild(toggle);
    bar.appendChild(note);
    bar.appendChild(link);
    anchor.parentNode.insertBefore(bar, anchor);

    var refresh = function () {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
        var id = tr.getAttribute("data-case");
        var cell = tr.cells[0];
        var box = cell && cell.querySelector(".cb-compare-box");
        if (!on || !id) { if (box) box.remove(); return; }
        var a = cell.querySelector("a[href]");
        names[id] = a ? a.textContent : id;
        if (!box) {
          box = el("input", null, { type: "checkbox", value: id, "class": "cb-compare-box", "aria-label": "Compare " + names[id] });
          cell.insertBefore(box, cell.firstChild);
        }
        box.checked = ticked.indexOf(id) >= 0;
        box.disabled = ticked.length >= max && !box.checked;
      });
      link.hidden = !on;
      link.setAttribute("href", compareHref + (ticked.length ? "?cases=" + ticked.join(",") : ""));
      link.textContent = ticked.length >= 2 ? "Compare " + ticked.length + " ticked cases" : "Compare ticked cases";
      note.textContent = !on ? "" : ticked.length < 2
        ? "Tick two to four cases to compare them side by side (" + ticked.length + " ticked)."
        : ticked.length + " cases ticked" + (ticked.length >= max ? " (the most at once)." : ".");
    };
    toggle.addEventListener("click", function () {
      on = !on;
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "Stop choosing cases" : "Choose cases to compare";
      refresh();
    });
    table.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box.classList || !box.classList.contains("cb-compare-box")) return;
      ticked = ticked.filter(function (id) { return id !== box.value; });
      if (box.checked) ticked.push(box.value);
      refresh();
    });
    table.addEventListener("cb:rows", refresh);
  }

  function init() {
    var table = document.getElementById("cb-table");
    if (table && table.tBodies.length) initExplore(table);
    var root = document.getElementById("cb-compare");
    var labels = document.getElementById("cb-compare-labels");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    new Page(root, labels ? JSON.parse(labels.textContent) : {});
  }

  window.CasebookListing.onPage(init);  // listing.js, loaded first
})();

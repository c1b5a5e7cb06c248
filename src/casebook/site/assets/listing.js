/*
 * Casebook: the one filter-table controller, shared by /explore/ and /outcomes/.
 *
 * Without this script each listing is a plain table of one page of rows (at most the page
 * size), with numbered pages linked below it, and the filter form keeps its `hidden`
 * attribute. This script reveals the form (every facet multi-choice; counts computed at build
 * time) and, only once the reader uses it, fetches the listing's compact data in chunks
 * (casebook/site/listing.py writes them):
 *   f-<k>.json  each row's filter and sort fields (fields named in the form's config),
 *   t-<k>.json  each row's folded search text (fetched only for a text search),
 *   h-<k>.json  the rows' HTML, one file per static page (fetched only for rows shown).
 * It then filters, sorts and pages over all rows and shows one page of the result.
 *
 * State lives in the query string: every facet as repeated parameters (?country=DK&country=SE),
 * match (any|all), from, to, text, sort and page, so a view can be bookmarked, shared and
 * reached again with the back button. The text box is named "q" but its parameter is "text":
 * Material opens its own search dialog for any page loaded with ?q=.
 *
 * On a phone the form folds behind a "Filters (n active)" button; the count stays in view,
 * and after a change the page scrolls to it. Sorting by size of change is offered only
 * within one indicator.
 *
 * Plain ES2017, no libraries, same-origin requests only, no inline handlers, no eval. Row HTML
 * comes from the site's own build (escaped there), never from the reader's input.
 */
(function () {
  "use strict";

  var TYPING_DELAY = 150;
  var current = null;

  /* The one folding rule, as casebook/site/text.py fold(): accents dropped, lower case, every
   * run of characters that are not letters or digits one space. */
  function fold(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function year(s) {
    var v = String(s == null ? "" : s).trim();
    return /^\d{1,4}$/.test(v) ? parseInt(v, 10) : null;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function Listing(form) {
    var self = this;
    this.form = form;
    this.cfg = JSON.parse(form.getAttribute("data-cb-listing"));
    var p = form.id.replace(/-filters$/, "");
    this.table = document.getElementById(p + "-table");
    this.tbody = this.table.tBodies[0];
    this.caption = this.table.caption;
    this.count = document.getElementById(p + "-count");
    this.empty = document.getElementById(p + "-empty");
    this.after = document.getElementById(p + "-after");
    this.clear = document.getElementById(p + "-clear");
    this.text = form.elements.namedItem("q");
    this.sortSelect = form.elements.namedItem("sort");
    this.base = new URL(this.cfg.data, window.location.href);
    this.field = {};
    this.cfg.fields.forEach(function (f, i) { self.field[f] = i; });
    this.choices = Array.prototype.map.call(form.querySelectorAll("[data-cb-choice]"), function (fs) {
      return { name: fs.getAttribute("data-cb-choice"), field: fs.getAttribute("data-cb-field"),
        boxes: Array.prototype.slice.call(fs.querySelectorAll('input[type="checkbox"]')),
        radios: Array.prototype.slice.call(fs.querySelectorAll('input[name="match"]')) };
    });
    var range = form.querySelector("[data-cb-range]");
    this.rangeField = range ? range.getAttribute("data-cb-range") : null;
    this.pages = {}; // h-chunk number -> [row html]
    this.rows = null; // [[field values]] once loaded
    this.texts = null; // [folded text] once loaded
    this.loading = {};
    this.seq = 0;
    this.timer = 0;
    this.staticView = { rows: this.tbody.innerHTML, after: this.after ? this.after.innerHTML : "",
      caption: this.caption ? this.caption.textContent : "" };
    this.isStatic = true;
    this.chartsLink = el("p", { "class": "cb-charts-link", hidden: "" });
    var wrap = this.table.closest(".cb-table-wrap");
    var skip = wrap && wrap.previousElementSibling && wrap.previousElementSibling.classList.contains("cb-skip")
      ? wrap.previousElementSibling : wrap;
    if (skip) skip.parentNode.insertBefore(this.chartsLink, skip);
    this.collapsible();
    this.bind();
    var s = this.fromURL();
    this.setControls(s);
    form.hidden = false;
    this.show(s, false);
  }

  Listing.prototype.defaults = function () {
    var s = { choices: {}, match: "any", from: null, to: null, text: "", sort: this.sortSelect.options[0].value, page: 1 };
    this.choices.forEach(function (c) { s.choices[c.name] = []; });
    return s;
  };

  Listing.prototype.fromURL = function () {
    var q = new URLSearchParams(window.location.search);
    var s = this.defaults();
    this.choices.forEach(function (c) {
      var known = c.boxes.map(function (b) { return b.value; });
      s.choices[c.name] = q.getAll(c.name).filter(function (v, i, all) {
        return known.indexOf(v) >= 0 && all.indexOf(v) === i;
      });
    });
    s.match = q.get("match") === "all" ? "all" : "any";
    var sort = q.get("sort");
    if (sort && this.cfg.sorts[sort]) s.sort = sort;
    if (this.rangeField) { s.from = year(q.get("from")); s.to = year(q.get("to")); }
    s.text = (q.get("text") || "").slice(0, 200);
    var page = parseInt(q.get("page"), 10);
    s.page = page > 1 ? page : 1;
    return s;
  };

  Listing.prototype.setControls = function (s) {
    this.choices.forEach(function (c) {
      c.boxes.forEach(function (b) { b.checked = s.choices[c.name].indexOf(b.value) >= 0; });
      c.radios.forEach(function (r) { r.checked = r.value === s.match; });
    });
    var els = this.form.elements;
    if (this.rangeField) {
      els.namedItem("from").value = s.from === null ? "" : String(s.from);
      els.namedItem("to").value = s.to === null ? "" : String(s.to);
    }
    this.text.value = s.text;
    this.sortSelect.value = s.sort;
    this.offerSorts(s);
  };

  Listing.prototype.readControls = function () {
    var s = this.defaults();
    this.choices.forEach(function (c) {
      s.choices[c.name] = c.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      c.radios.forEach(function (r) { if (r.checked) s.match = r.value; });
    });
    var els = this.form.elements;
    if (this.rangeField) {
      s.from = year(els.namedItem("from").value);
      s.to = year(els.namedItem("to").value);
    }
    s.text = this.text.value;
    s.sort = this.sortSelect.value || s.sort;
    return s;
  };

  /* A sort that compares sizes of change applies within one indicator only. */
  Listing.prototype.sortApplies = function (s, value) {
    var sort = this.cfg.sorts[value];
    if (!sort) return false;
    var within = sort[3];
    return !within || (s.choices[within] || []).length === 1;
  };

  Listing.prototype.offerSorts = function (s) {
    var self = this;
    Array.prototype.forEach.call(this.sortSelect.options, function (o) {
      o.disabled = !self.sortApplies(s, o.value);
    });
  };

  Listing.prototype.active = function (s) {
    var n = 0;
    this.choices.forEach(function (c) { n += s.choices[c.name].length; });
    if (s.from !== null) n += 1;
    if (s.to !== null) n += 1;
    if (s.text.trim()) n += 1;
    return n;
  };

  Listing.prototype.toQuery = function (s) {
    var q = new URLSearchParams(window.location.search);
    var names = this.choices.map(function (c) { return c.name; }).concat(["match", "from", "to", "text", "sort", "page"]);
    names.forEach(function (n) { q.delete(n); });
    var matchable = false;
    this.choices.forEach(function (c) {
      s.choices[c.name].forEach(function (v) { q.append(c.name, v); });
      if (c.radios.length && s.choices[c.name].length) matchable = true;
    });
    if (matchable && s.match !== "any") q.set("match", s.match);
    if (s.from !== null) q.set("from", String(s.from));
    if (s.to !== null) q.set("to", String(s.to));
    if (s.text.trim()) q.set("text", s.text.trim());
    if (s.sort !== this.defaults().sort) q.set("sort", s.sort);
    if (s.page > 1) q.set("page", String(s.page));
    var str = q.toString();
    return str ? "?" + str : "";
  };

  Listing.prototype.remember = function (s, push) {
    var url = window.location.pathname + this.toQuery(s) + window.location.hash;
    var now = window.location.pathname + window.location.search + window.location.hash;
    if (url === now) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(window.history.state, "", url);
  };

  /* -------------------------------------------------------------- data, fetched on use */
  Listing.prototype.load = function (withText) {
    var self = this;
    var chunks = Math.max(1, Math.ceil(this.cfg.total / this.cfg.chunk));
    var get = function (kind) {
      if (!self.loading[kind]) {
        var parts = [];
        for (var k = 0; k < chunks; k += 1) parts.push(getJSON(new URL(kind + "-" + k + ".json", self.base).href));
        self.loading[kind] = Promise.all(parts).then(function (all) { return [].concat.apply([], all); });
        self.loading[kind].catch(function () { self.loading[kind] = null; });
      }
      return self.loading[kind];
    };
    var wanted = [get("f").then(function (rows) { self.rows = rows; })];
    if (withText) wanted.push(get("t").then(function (texts) { self.texts = texts; }));
    return Promise.all(wanted);
  };

  Listing.prototype.pageHTML = function (indexes) {
    var self = this;
    var size = this.cfg.page;
    var need = {};
    indexes.forEach(function (i) { need[Math.floor(i / size)] = true; });
    return Promise.all(Object.keys(need).map(function (k) {
      if (self.pages[k]) return self.pages[k];
      var url = new URL("h-" + k + ".json", self.base).href;
      return getJSON(url).then(function (rows) { self.pages[k] = rows; return rows; });
    })).then(function () {
      return indexes.map(function (i) { return self.pages[Math.floor(i / size)][i % size]; }).join("");
    });
  };

  /* -------------------------------------------------------------- filter, sort, page */
  Listing.prototype.matching = function (s) {
    var self = this;
    var tests = [];
    this.choices.forEach(function (c) {
      var want = s.choices[c.name];
      if (!want.length) return;
      var f = self.field[c.field];
      var all = c.radios.length && s.match === "all";
      tests.push(function (row) {
        var v = row[f];
        if (Array.isArray(v)) {
          return all ? want.every(function (w) { return v.indexOf(w) >= 0; })
            : want.some(function (w) { return v.indexOf(w) >= 0; });
        }
        return want.indexOf(v) >= 0;
      });
    });
    if (this.rangeField && (s.from !== null || s.to !== null)) {
      var yf = this.field[this.rangeField];
      var lo = s.from === null ? -Infinity : s.from;
      var hi = s.to === null ? Infinity : s.to;
      if (lo > hi) { var t = lo; lo = hi; hi = t; } // "2021 to 2016" means the same years
      // A row without a year cannot be shown to fall in a range, so a range hides it.
      tests.push(function (row) { var y = row[yf]; return y !== null && y >= lo && y <= hi; });
    }
    var text = fold(s.text);
    var texts = this.texts;
    var out = [];
    var rows = this.rows;
    for (var i = 0; i < rows.length; i += 1) {
      var ok = true;
      for (var j = 0; j < tests.length && ok; j += 1) ok = tests[j](rows[i]);
      if (ok && text && texts[i].indexOf(text) < 0) ok = false;
      if (ok) out.push(i);
    }
    var sort = this.sortApplies(s, s.sort) ? this.cfg.sorts[s.sort] : null;
    if (sort && sort[0]) {
      var sf = this.field[sort[0]];
      var dir = sort[1] ? -1 : 1;
      out.sort(function (a, b) {
        var x = rows[a][sf], y = rows[b][sf];
        // Rows without the value go last either way: they are neither first nor last.
        if (x === null || y === null) return (x === null) - (y === null) || a - b;
        return (x < y ? -dir : x > y ? dir : 0) || a - b;
      });
    }
    return out;
  };

  Listing.prototype.isDefault = function (s) {
    return this.active(s) === 0 && s.sort === this.defaults().sort && s.page === 1;
  };

  /* Show state s: the static first page when nothing is chosen, else the result from the data. */
  Listing.prototype.show = function (s, moved) {
    var self = this;
    var seq = ++this.seq;
    this.offerSorts(s);
    this.label(s);
    this.chartLink(s);
    if (this.isDefault(s)) {
      if (!this.isStatic) {
        this.tbody.innerHTML = this.staticView.rows;
        if (this.after) this.after.innerHTML = this.staticView.after;
        if (this.caption) this.caption.textContent = this.staticView.caption;
        this.isStatic = true;
        this.rowsChanged();
      }
      this.setCount(this.cfg.total, this.cfg.total);
      this.markSort(s);
      if (this.empty) this.empty.hidden = true;
      return Promise.resolve();
    }
    if (!this.rows || (s.text.trim() && !this.texts)) this.setBusy(true);
    return this.load(Boolean(s.text.trim())).then(function () {
      if (seq !== self.seq) return null;
      var found = self.matching(s);
      var size = self.cfg.page;
      var pages = Math.max(1, Math.ceil(found.length / size));
      var page = Math.min(s.page, pages);
      var shown = found.slice((page - 1) * size, page * size);
      return self.pageHTML(shown).then(function (html) {
        if (seq !== self.seq) return;
        self.setBusy(false);
        self.tbody.innerHTML = html;
        self.isStatic = false;
        self.setCount(found.length, self.cfg.total);
        if (self.caption) {
          self.caption.textContent = self.cfg.caption + " (" + found.length.toLocaleString("en-GB") + " of "
            + self.cfg.total.toLocaleString("en-GB") + " match" + (pages > 1 ? ", page " + page + " of " + pages : "") + ")";
        }
        if (self.empty) self.empty.hidden = found.length !== 0 || self.cfg.total === 0;
        self.pager(s, page, pages);
        self.markSort(s);
        self.rowsChanged();
        if (moved) self.reveal();
      });
    }).catch(function (err) {
      self.setBusy(false);
      self.count.textContent = "The data could not be loaded (" + err.message + "). The table shows the first page.";
    });
  };

  Listing.prototype.setBusy = function (on) {
    this.table.setAttribute("aria-busy", on ? "true" : "false");
  };

  Listing.prototype.setCount = function (n, total) {
    var nouns = this.cfg.noun;
    var msg = n.toLocaleString("en-GB") + " of " + total.toLocaleString("en-GB") + " " + (total === 1 ? nouns[0] : nouns[1]);
    // Only touch the live region when the text changes, so screen readers are not re-told it.
    if (this.count.textContent !== msg) this.count.textContent = msg;
  };

  Listing.prototype.markSort = function (s) {
    var sort = this.sortApplies(s, s.sort) ? this.cfg.sorts[s.sort] : this.cfg.sorts[this.defaults().sort];
    var col = sort[2];
    var dir = sort[1] ? "descending" : "ascending";
    var th = this.table.tHead ? this.table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(th, function (cell, i) {
      if (i === col) cell.setAttribute("aria-sort", dir);
      else cell.removeAttribute("aria-sort");
    });
  };

  Listing.prototype.rowsChanged = function () {
    this.table.dispatchEvent(new CustomEvent("cb:rows", { bubbles: true }));
  };

  /* After a discrete change, bring the count (and the rows under it) into view: on a phone the
   * rows are otherwise below the fold and nothing visible would change. */
  Listing.prototype.reveal = function () {
    var box = this.count.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) this.count.scrollIntoView({ block: "start" });
  };

  /* "Charts for this indicator" beside the rows when exactly one charted value is chosen. */
  Listing.prototype.chartLink = function (s) {
    var links = this.cfg.links || {};
    var shown = false;
    var self = this;
    Object.keys(links).forEach(function (name) {
      var chosen = s.choices[name] || [];
      var href = chosen.length === 1 ? links[name][chosen[0]] : null;
      if (href && !shown) {
        self.chartsLink.textContent = "";
        self.chartsLink.appendChild(el("a", { href: href }, self.cfg.linkText));
        shown = true;
      }
    });
    this.chartsLink.hidden = !shown;
  };

  Listing.prototype.pager = function (s, page, pages) {
    if (!this.after) return;
    this.after.textContent = "";
    if (pages <= 1) return;
    var self = this;
    var nav = el("nav", { "class": "cb-pages", "aria-label": "Pages of the result" });
    var ul = el("ul");
    var item = function (n, text, attrs) {
      var li = el("li");
      var st = Object.assign({}, s, { page: n });
      var a = el("a", Object.assign({ href: window.location.pathname + self.toQuery(st) }, attrs || {}), text);
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        self.goTo(n);
      });
      li.appendChild(a);
      ul.appendChild(li);
    };
    if (page > 1) item(page - 1, "Previous", { rel: "prev" });
    var nums = {};
    [1, pages, page - 2, page - 1, page, page + 1, page + 2].forEach(function (n) { if (n >= 1 && n <= pages) nums[n] = true; });
    var last = 0;
    Object.keys(nums).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      if (n > last + 1) ul.appendChild(el("li", { "class": "cb-pager-gap", "aria-hidden": "true" }, "…"));
      item(n, String(n), n === page ? { "aria-current": "page" } : { "aria-label": "Page " + n });
      last = n;
    });
    if (page < pages) item(page + 1, "Next", { rel: "next" });
    nav.appendChild(ul);
    nav.appendChild(el("p", { "class": "cb-pages-of" }, "Page " + page + " of " + pages));
    this.after.appendChild(nav);
  };

  Listing.prototype.goTo = function (n) {
    var s = this.readControls();
    s.page = n;
    this.remember(s, true);
    var self = this;
    this.show(s, false).then(function () {
      self.count.focus({ preventScroll: true });
      self.count.scrollIntoView({ block: "start" });
    });
  };

  Listing.prototype.update = function (push, moved) {
    window.clearTimeout(this.timer);
    this.timer = 0;
    var s = this.readControls();
    this.remember(s, push);
    return this.show(s, moved);
  };

  /* -------------------------------------------------------------- folding on a phone */
  Listing.prototype.collapsible = function () {
    var form = this.form;
    if (!form.hasAttribute("data-cb-collapsible") || form.querySelector(":scope > .cb-collapse-toggle")) return;
    var button = el("button", { type: "button", "class": "cb-button cb-collapse-toggle", "aria-controls": form.id });
    form.setAttribute("data-cb-collapsed", "");
    form.insertBefore(button, form.firstChild);
    this.toggle = button;
    var self = this;
    button.addEventListener("click", function () {
      form.toggleAttribute("data-cb-collapsed");
      self.label(self.readControls());
    });
  };

  Listing.prototype.label = function (s) {
    if (!this.toggle) return;
    var n = this.active(s);
    var open = !this.form.hasAttribute("data-cb-collapsed");
    this.toggle.textContent = (open ? "Hide filters" : "Filters") + (n ? " (" + n + " active)" : "");
    this.toggle.setAttribute("aria-expanded", open ? "true" : "false");
  };

  Listing.prototype.bind = function () {
    var self = this;
    var typed = function (t) { return t.type === "search" || t.type === "text" || t.type === "number"; };
    // The data is fetched when the reader first reaches for the form, so it is usually
    // there by the time a choice is made.
    var prefetch = function () {
      self.form.removeEventListener("focusin", prefetch);
      self.form.removeEventListener("pointerdown", prefetch);
      self.load(false).catch(function () { /* retried on the change itself */ });
    };
    this.form.addEventListener("focusin", prefetch);
    this.form.addEventListener("pointerdown", prefetch);
    this.form.addEventListener("input", function (ev) {
      if (typed(ev.target)) {
        window.clearTimeout(self.timer);
        self.timer = window.setTimeout(function () { self.update(false, false); }, TYPING_DELAY);
      }
    });
    this.form.addEventListener("change", function (ev) {
      // A typed box fires "change" on blur or Enter after its "input" events: no new history entry.
      var t = ev.target;
      if (t === self.sortSelect || !typed(t)) self.update(true, true);
      else self.update(false, false);
    });
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.update(false, true);
    });
    if (this.clear) {
      this.clear.addEventListener("click", function () {
        self.setControls(self.defaults());
        self.update(true, true);
      });
    }
  };

  Listing.prototype.restore = function () {
    window.clearTimeout(this.timer);
    var s = this.fromURL();
    this.setControls(s);
    this.show(s, false);
  };

  function init() {
    var form = document.querySelector("form[data-cb-listing]");
    if (!form) { current = null; return; }
    if (current && current.form === form) return; // same page, already wired up
    current = new Listing(form);
  }

  /* Run ``fn`` for every page the reader sees. Material's instant navigation swaps pages without
   * reloading and announces each one on its document$ observable; without it, run once when the
   * document is ready. Shared with compare.js and reader.js, which load after this script. */
  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  window.CasebookListing = { fold: fold, onPage: onPage };

  window.addEventListener("popstate", function () {
    if (current && document.body.contains(current.form)) current.restore();
  });

  onPage(init);
})();

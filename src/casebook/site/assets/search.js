/*
 * Casebook: the header search box, on Pagefind's index (/pagefind/, written by the build or by
 * `casebook index`).
 *
 * - Nothing is fetched until the reader focuses the box or types: then pagefind.js, and per
 *   query only the index chunks and fragments Pagefind needs.
 * - `/` (or `s`) focuses the box from anywhere; arrow keys move through the results; Escape
 *   closes. Each result is its title, one line (region · year · evidence level) and a short
 *   snippet; ten at a time.
 * - Facet filters (kind, benefit, sector, governance, country, evidence) with counts beside the
 *   results narrow them at once; several values of one facet mean "any of them".
 * - "Did you mean": when a word of the query matches nothing (Pagefind then matches a shorter
 *   stem, or nothing), words one edit away in the site's names (pagefind/casebook-words.json,
 *   fetched only then) are offered, and the results for the first are shown.
 * - Everything the index returns is shown as text: titles, lines and filter labels through
 *   textContent, snippets rebuilt from Pagefind's excerpt keeping only its <mark>s.
 *
 * Plain ES2017, no libraries.
 */
(function () {
  "use strict";

  var PAGE = 10;
  var FACETS = [["kind", "Page"], ["benefit", "Benefit"], ["sector", "Sector"],
    ["governance", "Governance model"], ["country", "Country"], ["evidence", "Evidence"]];
  var RANKING = {termSimilarity: 4, metaWeights: {title: 5, tags: 8}};

  var ui = null;          // the elements
  var engine = null;      // Promise of the Pagefind module
  // Wait this long after a keystroke before searching: long enough that a fast typist's word is
  // one search, short enough not to be felt (Pagefind's own chunks make a repeat search cheap).
  var DEBOUNCE_MS = 60;
  var words = null;       // Promise of the "did you mean" vocabulary
  var facetValues = null; // Promise of every filter's values (casebook-facets.json)
  var knownFacets = {};   // ... and those values once loaded: {filter: [value, ...]}
  var filterIndex = null; // Promise of Pagefind's filter index, loaded after the first results
  var chosen = {};        // facet -> [values]
  var current = null;     // {query, results, shown}
  var serial = 0;         // the latest search; older answers are dropped
  var timer = null;

  function siteBase() {
    var el = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function pagefind() {
    if (!engine) {
      var url = new URL("pagefind/pagefind.js", siteBase()).href;
      // The filter index grows with the corpus (about 150 KB at 10,000 cases), so it is not
      // loaded here but after the first results (see refreshFacets); a query naming a facet
      // value is recognised meanwhile from the small list of values beside the index.
      engine = Promise.all([
        import(url).then(function (pf) {
          return pf.options({excerptLength: 16, ranking: RANKING}).then(function () { return pf; });
        }),
        facetNames()
      ]).then(function (both) { return both[0]; });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function facetNames() {
    if (!facetValues) {
      facetValues = fetch(new URL("pagefind/casebook-facets.json", siteBase()).href)
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (v) { knownFacets = v || {}; return knownFacets; });
    }
    return facetValues;
  }

  /* The filter index, loaded once, after the first results are on screen; then the search is
   * run again (its chunks are cached) for the counts beside the results. */
  function refreshFacets(q, run) {
    pagefind().then(function (pf) {
      if (!filterIndex) filterIndex = pf.filters();
      return filterIndex.then(function () {
        return run === serial ? pf.search(q, {filters: filters()}) : null;
      });
    }).then(function (r) {
      if (r && run === serial) showFacets(r.filters || {});
    }).catch(function () { filterIndex = null; });
  }

  function vocabulary() {
    if (!words) {
      words = fetch(new URL("pagefind/casebook-words.json", siteBase()).href)
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; });
    }
    return words;
  }

  /* ------------------------------------------------------------------ text helpers */
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function queryWords(q) {
    return q.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 4; });
  }

  /* Optimal string alignment distance of exactly 1 (insertion, deletion, substitution or a
   * swap of neighbours). */
  function withinOne(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1)
        || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* A query word is matched when a highlighted word shares its stem: all but its last two
   * letters ("agency" ~ "agencies"), accents folded. */
  function matched(word, marks) {
    var w = fold(word);
    var stem = w.slice(0, Math.max(3, w.length - 2));
    return marks.some(function (m) {
      var k = fold(m);
      return k.indexOf(stem) === 0 || (w.indexOf(k) === 0 && k.length >= w.length - 2);
    });
  }

  /* Pagefind's excerpt as DOM nodes: text, and its <mark>s; any other markup becomes text.
   * The excerpt is parsed in an inert document, so nothing in it runs or loads. */
  function snippet(excerpt) {
    var doc = new DOMParser().parseFromString("<body>" + excerpt + "</body>", "text/html");
    var out = document.createDocumentFragment();
    doc.body.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        out.appendChild(m);
      } else {
        out.appendChild(document.createTextNode(n.textContent));
      }
    });
    return out;
  }

  function marksOf(excerpt) {
    var doc = new DOMParser().parseFromString("<body>" + excerpt + "</body>", "text/html");
    return Array.prototype.map.call(doc.querySelectorAll("mark"), function (m) {
      return m.textContent.replace(/[^\p{L}\p{N}-]+/gu, "");
    });
  }

  /* ------------------------------------------------------------------ rendering */
  function resultItem(data, suggestion) {
    var li = document.createElement("li");
    li.className = "md-search-result__item" + (suggestion ? " cb-suggestion" : "");
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = (data.meta && data.meta.title) || data.url;
    h.title = h.textContent;
    article.appendChild(h);
    var kind = data.filters && data.filters.kind && data.filters.kind[0];
    var line = [kind, data.meta && data.meta.line].filter(Boolean).join(" · ");
    if (line) {
      var p = document.createElement("p");
      p.className = "cb-search-line";
      p.textContent = line;
      article.appendChild(p);
    }
    var t = document.createElement("p");
    t.className = "md-search-result__teaser";
    t.appendChild(snippet(data.excerpt || ""));
    article.appendChild(t);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function showMore(run) {
    var state = current;
    var next = state.results.slice(state.shown, state.shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (state !== current || run !== serial) return;
      all.forEach(function (d) { ui.list.appendChild(resultItem(d, state.suggestion)); });
      state.shown += next.length;
      ui.more.hidden = state.shown >= state.results.length;
    });
  }

  function facetBox(name, label, counts) {
    var values = Object.keys(counts || {}).filter(function (v) {
      return counts[v] > 0 || (chosen[name] || []).indexOf(v) >= 0;
    }).sort();
    if (!values.length) return null;
    var fs = document.createElement("fieldset");
    fs.className = "cb-search-facet";
    var legend = document.createElement("legend");
    legend.textContent = label;
    fs.appendChild(legend);
    values.forEach(function (v) {
      var lab = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = v;
      box.checked = (chosen[name] || []).indexOf(v) >= 0;
      box.addEventListener("change", function () {
        var list = (chosen[name] || []).filter(function (x) { return x !== v; });
        if (box.checked) list.push(v);
        if (list.length) chosen[name] = list; else delete chosen[name];
        search(ui.input.value, true);
      });
      lab.appendChild(box);
      var text = document.createElement("span");
      text.textContent = v;
      lab.appendChild(text);
      var n = document.createElement("span");
      n.className = "cb-search-count";
      n.textContent = String(counts[v] || 0);
      lab.appendChild(n);
      fs.appendChild(lab);
    });
    return fs;
  }

  function showFacets(counts) {
    var box = ui.facets;
    var focused = document.activeElement && box.contains(document.activeElement)
      ? document.activeElement.name + "\u0000" + document.activeElement.value : null;
    box.textContent = "";
    FACETS.forEach(function (f) {
      var fs = facetBox(f[0], f[1], counts[f[0]]);
      if (fs) box.appendChild(fs);
    });
    box.hidden = !box.children.length;
    if (focused) {
      box.querySelectorAll("input").forEach(function (el) {
        if (el.name + "\u0000" + el.value === focused) el.focus();
      });
    }
  }

  function filters() {
    var out = {};
    Object.keys(chosen).forEach(function (k) { out[k] = {any: chosen[k].slice()}; });
    return out;
  }

  function say(text) { ui.meta.textContent = text; }

  function counted(n) { return n === 1 ? "1 matching page" : n + " matching pages"; }

  /* ------------------------------------------------------------------ searching */
  function didYouMean(query, run) {
    return vocabulary().then(function (vocab) {
      if (run !== serial) return false;
      var known = {};
      vocab.forEach(function (w) { known[fold(w)] = w; });
      var fixed = query, changed = [];
      queryWords(query).forEach(function (w) {
        var key = fold(w);
        if (known[key]) return;
        var fix = vocab.find(function (v) { return withinOne(key, fold(v)); });
        if (fix) { fixed = fixed.replace(w, fix); changed.push(fix); }
      });
      if (!changed.length) return false;
      return pagefind().then(function (pf) { return pf.search(fixed, {filters: filters()}); }).then(function (r) {
        if (run !== serial || !r || !r.results.length) return false;
        ui.meta.textContent = "No exact match. Did you mean ";
        var a = document.createElement("a");
        a.href = "#";
        a.className = "cb-didyoumean";
        a.textContent = fixed;
        a.addEventListener("click", function (ev) {
          ev.preventDefault();
          ui.input.value = fixed;
          ui.input.focus();
          search(fixed, true);
        });
        ui.meta.appendChild(a);
        ui.meta.appendChild(document.createTextNode("? Results for it:"));
        current = {query: fixed, results: r.results, shown: 0, suggestion: true};
        showFacets(r.filters || {});
        refreshFacets(fixed, run);
        return showMore(run).then(function () { return true; });
      });
    });
  }

  /* A query that names a facet value ("lead provider", "workforce") puts the pages filed under
   * it first, in Pagefind's order, then the rest: Pagefind's prefix matching would otherwise let
   * "Provider leadership board" cases in among the lead-provider ones. */
  function facetFirst(pf, q, r) {
    if (!r) return r;
    var key = fold(q).replace(/\s+/g, " ");
    var hit = null;
    FACETS.forEach(function (f) {
      (knownFacets[f[0]] || []).forEach(function (v) {
        if (!hit && f[0] !== "kind" && fold(v) === key && !(chosen[f[0]] || []).length) hit = [f[0], v];
      });
    });
    if (!hit) return r;
    var narrowed = filters();
    narrowed[hit[0]] = {any: [hit[1]]};
    return pf.search(q, {filters: narrowed}).then(function (tagged) {
      if (!tagged) return r;
      var first = {};
      tagged.results.forEach(function (x) { first[x.id] = true; });
      var rest = r.results.filter(function (x) { return !first[x.id]; });
      var results = tagged.results.concat(rest);
      return Object.assign({}, r, {results: results});
    });
  }

  function search(query, now) {
    window.clearTimeout(timer);
    var q = query.trim();
    var run = ++serial;
    if (!q) {
      current = null;
      ui.list.textContent = "";
      ui.more.hidden = true;
      ui.facets.hidden = true;
      say("Type to search every case and page. Press / to search from anywhere.");
      return;
    }
    timer = window.setTimeout(function () {
      pagefind().then(function (pf) {
        return pf.search(q, {filters: filters()}).then(function (r) { return facetFirst(pf, q, r); });
      }).then(function (r) {
        if (run !== serial || !r) return;
        var first = r.results.slice(0, PAGE);
        return Promise.all(first.map(function (x) { return x.data(); })).then(function (data) {
          if (run !== serial) return;
          var marks = [];
          data.forEach(function (d) { marks = marks.concat(marksOf(d.excerpt || "")); });
          var missing = queryWords(q).some(function (w) { return !matched(w, marks); });
          var fallback = missing ? didYouMean(q, run) : Promise.resolve(false);
          return fallback.then(function (suggested) {
            if (suggested || run !== serial) return;
            ui.list.textContent = "";
            current = {query: q, results: r.results, shown: first.length, suggestion: false};
            data.forEach(function (d) { ui.list.appendChild(resultItem(d, false)); });
            ui.more.hidden = current.shown >= r.results.length;
            showFacets(r.filters || {});
            say(r.results.length ? counted(r.results.length) : "No matching pages");
            refreshFacets(q, run);
          });
        });
      }).catch(function () {
        if (run === serial) say("Search is not available on this copy of the site.");
      });
    }, now ? 0 : DEBOUNCE_MS);
    if (now) ui.list.textContent = "";
  }

  /* ------------------------------------------------------------------ opening, keys */
  function open() {
    if (!ui.toggle.checked) ui.toggle.checked = true;
    pagefind();
  }

  function close() {
    ui.toggle.checked = false;
    ui.input.blur();
  }

  function links() { return Array.prototype.slice.call(ui.list.querySelectorAll("a.md-search-result__link")); }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var active = document.activeElement;
    var inside = active && ui.root.contains(active);
    if (!inside) {
      if ((ev.key === "/" || ev.key === "s" || ev.key === "S") && !typing(active)) {
        ev.preventDefault();
        open();
        ui.input.focus();
        ui.input.select();
      }
      return;
    }
    if (ev.key === "Escape") {
      ev.preventDefault();
      close();
      return;
    }
    var all = links();
    var at = all.indexOf(active);
    if (ev.key === "ArrowDown" && (active === ui.input || at >= 0)) {
      ev.preventDefault();
      if (all[at + 1]) all[at + 1].focus();
    } else if (ev.key === "ArrowUp" && at >= 0) {
      ev.preventDefault();
      (at > 0 ? all[at - 1] : ui.input).focus();
    }
  }

  function init() {
    var root = document.querySelector(".cb-search");
    var toggle = document.getElementById("__search");
    if (!root || !toggle || root.hasAttribute("data-cb-ready")) return;
    root.setAttribute("data-cb-ready", "");
    ui = {root: root, toggle: toggle, form: root.querySelector("form"),
      input: root.querySelector(".md-search__input"), meta: root.querySelector(".md-search-result__meta"),
      list: root.querySelector(".md-search-result__list"), facets: root.querySelector(".cb-search-facets"),
      more: root.querySelector(".cb-search-more")};
    ui.input.addEventListener("focus", open);
    ui.input.addEventListener("input", function () { search(ui.input.value, false); });
    // Opened by the header's magnifier (a phone): focus the box once it is shown (the theme
    // may still be fading it in), so that typing goes to it and not to Material's shortcuts.
    toggle.addEventListener("change", function () {
      if (!toggle.checked) return;
      [0, 100, 300].forEach(function (ms) {
        window.setTimeout(function () { if (toggle.checked && document.activeElement !== ui.input) ui.input.focus(); }, ms);
      });
    });
    ui.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = links()[0];
      if (first) window.location.href = first.href;
    });
    ui.form.addEventListener("reset", function () {
      chosen = {};
      window.setTimeout(function () { search("", true); ui.input.focus(); }, 0);
    });
    ui.more.addEventListener("click", function () { if (current) showMore(serial); });
    document.addEventListener("keydown", onKey, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

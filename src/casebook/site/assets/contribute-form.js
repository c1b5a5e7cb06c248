/* Casebook contribute form, part 2: the page.
 *
 * Builds every control from the form description (#cb-contribute-form, generated from the
 * record's one definition); each control's name is the field path validation messages use
 * (`summary`, `outcomes[1].measure`). Checks the record while the contributor types against
 * the published JSON Schema (Ajv, vendored) plus the cross-field rules the description lists,
 * shows the YAML file in #cb-contribute-yaml, keeps the draft in localStorage, and offers
 * copy, download and (when the site knows its repository) "Propose on GitHub".
 * Contributor text only ever reaches the page as textContent or a control's value. */
(function () {
  "use strict";

  var root = document.getElementById("cb-contribute");
  var C = window.CasebookContribute;
  if (!root || !C) return;
  var settings = { schema: root.getAttribute("data-schema"), caseData: root.getAttribute("data-case-data"),
    repo: (root.getAttribute("data-repo") || "").replace(/\/+$/, ""), branch: root.getAttribute("data-branch") || "main" };
  var desc = { fields: [] };
  var ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var URL_LIMIT = 8000;  // GitHub and browsers cut longer addresses
  var editing = new URLSearchParams(window.location.search).get("case");
  if (editing && !ID_RE.test(editing)) editing = null;
  var STORE = "casebook-contribute:" + (editing || "new");

  var draft = {};
  var touched = {};
  var showAll = false;
  var schemaCheck = null;
  var published = null;  // the case as loaded, when correcting one
  var el = {};
  var timer = 0;
  var dirty = false;  // saved to localStorage only once the contributor has changed something

  // -- small helpers -------------------------------------------------------------------------
  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function pathName(path) {
    var out = "";
    path.forEach(function (p) { out += typeof p === "number" ? "[" + (p + 1) + "]" : (out ? "." + p : p); });
    return out;
  }
  function domId(name) { return "cb-f-" + name.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, ""); }
  function get(path) {
    var v = draft;
    for (var i = 0; i < path.length && v !== undefined && v !== null; i += 1) v = v[path[i]];
    return v;
  }
  function set(path, value) {
    var v = draft;
    for (var i = 0; i < path.length - 1; i += 1) {
      if (v[path[i]] === undefined || v[path[i]] === null) v[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      v = v[path[i]];
    }
    v[path[path.length - 1]] = value;
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function slug(text) {
    var s = String(text || "").normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/&/g, " and ");
    s = s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (s.length > 64) s = s.slice(0, 64).replace(/-[^-]*$/, "");
    return s;
  }
  function status(text) { el.status.textContent = text; }

  // -- controls ------------------------------------------------------------------------------
  function labelText(f, text) { return text + (f.required ? " (required)" : ""); }

  function helpAndError(wrap, name, help) {
    var ids = [];
    if (help) {
      wrap.appendChild(make("p", { "class": "cb-help", id: domId(name) + "-help" }, help));
      ids.push(domId(name) + "-help");
    }
    var err = make("p", { "class": "cb-error", id: domId(name) + "-error", hidden: "" });
    wrap.appendChild(err);
    ids.push(err.id);  // the message is empty until there is a problem
    return ids;
  }

  function input(f, path, label) {
    var name = pathName(path);
    var wrap = make("div", { "class": "cb-field" });
    var id = domId(name);
    wrap.appendChild(make("label", { "for": id }, labelText(f, label)));
    var v = get(path);
    var control;
    if (f.widget === "choice") {
      control = make("select", { id: id, name: name });
      var first = f.required ? "Choose…" : f.default !== undefined ? "Not given (" + f.default + ")" : "Not given";
      control.appendChild(make("option", { value: "" }, first));
      f.choices.forEach(function (c) { control.appendChild(make("option", { value: c[0] }, c[1])); });
      control.value = v === undefined ? "" : v;
    } else if (f.widget === "textarea") {
      control = make("textarea", { id: id, name: name, rows: f.markdown ? 10 : 3 });
      control.value = v === undefined ? "" : v;
    } else {
      var type = f.widget === "url" ? "url" : "text";
      control = make("input", { id: id, name: name, type: type, autocomplete: "off",
        inputmode: f.widget === "number" ? (f.integer ? "numeric" : "decimal") : undefined,
        placeholder: f.placeholder, spellcheck: f.widget === "id" || f.widget === "url" ? "false" : undefined,
        autocapitalize: f.widget === "id" ? "none" : undefined });
      control.value = v === undefined ? "" : v;
    }
    if (f.required) control.setAttribute("aria-required", "true");
    control.setAttribute("data-path", JSON.stringify(path));
    control.setAttribute("data-control", name);
    wrap.appendChild(control);
    var ids = helpAndError(wrap, name, f.help);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    return wrap;
  }

  function checkbox(f, path, label) {
    var name = pathName(path);
    var wrap = make("div", { "class": "cb-field cb-field-check" });
    var control = make("input", { type: "checkbox", id: domId(name), name: name, "data-path": JSON.stringify(path),
      "data-control": name });
    control.checked = get(path) === true;
    var lab = make("label", { "for": domId(name) });
    lab.appendChild(control);
    lab.appendChild(document.createTextNode(" " + label));
    wrap.appendChild(lab);
    var ids = helpAndError(wrap, name, f.help);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    return wrap;
  }

  function choices(f, path) {
    var name = pathName(path);
    var chosen = get(path) || [];
    var set_ = make("fieldset", { "class": "cb-field cb-choices", id: domId(name) + "-group" });
    set_.appendChild(make("legend", {}, labelText(f, f.label)));
    var ids = helpAndError(set_, name, f.help);
    var box = make("div", { "class": "cb-checks" });
    f.item.choices.forEach(function (c, i) {
      var id = domId(name) + "-" + i;
      var control = make("input", { type: "checkbox", id: id, name: name, value: c[0],
        "data-path": JSON.stringify(path), "data-choice": "1", "data-control": name,
        "aria-describedby": ids.join(" ") || undefined });
      control.checked = chosen.indexOf(c[0]) >= 0;
      var lab = make("label", { "for": id });
      lab.appendChild(control);
      lab.appendChild(document.createTextNode(" " + c[1]));
      box.appendChild(lab);
    });
    set_.insertBefore(box, set_.querySelector(".cb-error"));
    return set_;
  }

  function opButton(text, label, op, path, index, disabled) {
    return make("button", { type: "button", "class": "cb-op", "data-op": op, "data-path": JSON.stringify(path),
      "data-index": String(index), "aria-label": label, disabled: disabled ? "" : undefined }, text);
  }

  function list(f, path) {
    var name = pathName(path);
    var items = get(path) || [];
    var set_ = make("fieldset", { "class": "cb-field cb-list", id: domId(name) + "-list" });
    set_.appendChild(make("legend", {}, labelText(f, f.label)));
    helpAndError(set_, name, f.help);
    var ol = make("ol", { "class": "cb-items" });
    items.forEach(function (item, i) {
      var li = make("li", { "class": "cb-item" });
      var itemPath = path.concat([i]);
      var what = f.itemLabel + " " + (i + 1);
      if (f.item.widget === "group") {
        var box = make("fieldset", { "class": "cb-group" });
        box.appendChild(make("legend", {}, what));
        f.item.fields.forEach(function (child) { box.appendChild(control(child, itemPath.concat([child.name]))); });
        li.appendChild(box);
      } else {
        li.appendChild(input(f.item, itemPath, what));
      }
      var ops = make("div", { "class": "cb-ops" });
      // Each name starts with the button's visible text (WCAG 2.5.3) and says which item.
      ops.appendChild(opButton("Move up", "Move up: " + what, "up", path, i, i === 0));
      ops.appendChild(opButton("Move down", "Move down: " + what, "down", path, i, i === items.length - 1));
      ops.appendChild(opButton("Remove", "Remove: " + what, "remove", path, i, false));
      li.appendChild(ops);
      ol.appendChild(li);
    });
    set_.appendChild(ol);
    set_.appendChild(make("button", { type: "button", "class": "cb-op cb-add", "data-op": "add", id: domId(name) + "-add",
      "data-path": JSON.stringify(path), "data-control": name, "aria-describedby": domId(name) + "-error" },
      "Add " + f.itemLabel.toLowerCase()));
    return set_;
  }

  function control(f, path) {
    if (f.widget === "list") return list(f, path);
    if (f.widget === "choices") return choices(f, path);
    if (f.widget === "boolean") return checkbox(f, path, f.label);
    return input(f, path, f.label);
  }

  function renderForm() {
    el.form.textContent = "";
    desc.fields.forEach(function (f) { el.form.appendChild(control(f, [f.name])); });
  }

  function fieldAt(path) {
    var f = { widget: "group", fields: desc.fields };
    for (var i = 0; i < path.length && f; i += 1) {
      if (typeof path[i] === "number") { f = f.item; continue; }
      var fields = f.fields || [];
      f = null;
      for (var j = 0; j < fields.length; j += 1) if (fields[j].name === path[i]) f = fields[j];
    }
    return f;
  }

  // -- events --------------------------------------------------------------------------------
  function onInput(event) {
    var t = event.target;
    var raw = t.getAttribute && t.getAttribute("data-path");
    if (!raw) return;
    var path = JSON.parse(raw);
    if (t.getAttribute("data-choice")) {
      var now = (get(path) || []).filter(function (v) { return v !== t.value; });
      if (t.checked) now.push(t.value);
      set(path, now);
    } else if (t.type === "checkbox") {
      set(path, t.checked);
    } else {
      set(path, t.value);
      if (path.length === 1) suggestId(path[0], t.value);
    }
    touched[pathName(path)] = true;
    dirty = true;
    schedule();
  }

  function suggestId(changed, text) {
    desc.fields.forEach(function (f) {
      if (f.slugFrom !== changed || editing) return;
      var current = get([f.name]);
      if (current && current !== el.suggested) return;
      el.suggested = slug(text);
      set([f.name], el.suggested);
      var box = el.form.querySelector('[data-control="' + f.name + '"]');
      if (box) box.value = el.suggested;
    });
  }

  function onClick(event) {
    var t = event.target.closest ? event.target.closest("button[data-op]") : null;
    if (!t) return;
    var path = JSON.parse(t.getAttribute("data-path"));
    var f = fieldAt(path);
    var items = (get(path) || []).slice();
    var i = Number(t.getAttribute("data-index"));
    var op = t.getAttribute("data-op");
    var focus = null;
    if (op === "add") { items.push(f.item.widget === "group" ? {} : ""); focus = { index: items.length - 1 }; }
    if (op === "remove") { items.splice(i, 1); focus = items.length ? { index: Math.min(i, items.length - 1), op: "remove" } : { add: true }; }
    if (op === "up" && i > 0) { items.splice(i - 1, 0, items.splice(i, 1)[0]); focus = { index: i - 1, op: "up" }; }
    if (op === "down" && i < items.length - 1) { items.splice(i + 1, 0, items.splice(i, 1)[0]); focus = { index: i + 1, op: "down" }; }
    set(path, items);
    dirty = true;
    var old = document.getElementById(domId(pathName(path)) + "-list");
    var fresh = list(f, path);
    old.parentNode.replaceChild(fresh, old);
    update();
    var target = null;
    if (focus && focus.add) target = fresh.querySelector(".cb-add");
    else if (focus && focus.op && focus.op !== "remove") target = fresh.querySelectorAll(".cb-items > li")[focus.index].querySelector('[data-op="' + focus.op + '"]');
    if (!target || target.disabled) {
      var li = focus ? fresh.querySelectorAll(".cb-items > li")[focus.index] : null;
      target = li ? li.querySelector("input, select, textarea") : fresh.querySelector(".cb-add");
    }
    if (target) target.focus();
    status(op === "add" ? f.itemLabel + " " + items.length + " added." : op === "remove" ? f.itemLabel + " removed." : f.itemLabel + " moved.");
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 120);
  }

  // For the other parts (checks, actions), which read the description and settings from here.
  window.CasebookContributeForm = { fieldAt: fieldAt, pathName: pathName, domId: domId, get: get, set: set,
    make: make, desc: desc, settings: settings };

  // -- start ---------------------------------------------------------------------------------
  function skeleton() {
    el.status = make("p", { id: "cb-contribute-status", role: "status", "aria-live": "polite" });
    el.form = make("form", { id: "cb-contribute-fields", "class": "cb-contribute-form", novalidate: "",
      "aria-label": "The case" });
    el.problemsBox = make("div", { id: "cb-contribute-problems", "class": "cb-problems", tabindex: "-1" });
    el.actions = make("div", { "class": "cb-contribute-actions" });
    el.copy = make("button", { type: "button", "class": "cb-action", id: "cb-contribute-copy" }, "Copy the file");
    el.download = make("button", { type: "button", "class": "cb-action", id: "cb-contribute-download" }, "Download");
    el.actions.appendChild(el.copy);
    el.actions.appendChild(el.download);
    if (settings.repo) {
      el.github = make("a", { "class": "cb-action", id: "cb-contribute-github", href: settings.repo,
        target: "_blank", rel: "noopener" }, "Propose on GitHub");
      el.actions.appendChild(el.github);
      el.githubNote = make("p", { "class": "cb-help", id: "cb-contribute-github-note" });
    }
    el.clear = make("button", { type: "button", "class": "cb-action", id: "cb-contribute-clear" }, "Clear draft");
    el.actions.appendChild(el.clear);
    el.yaml = make("pre", { id: "cb-contribute-yaml", "class": "cb-yaml", tabindex: "0",
      "aria-labelledby": "cb-contribute-yaml-title" });
    root.appendChild(el.status);
    root.appendChild(el.form);
    root.appendChild(el.problemsBox);
    root.appendChild(el.actions);
    if (el.githubNote) root.appendChild(el.githubNote);
    root.appendChild(make("h2", { id: "cb-contribute-yaml-title" }, "The file"));
    root.appendChild(el.yaml);
  }

  function newDraft() {
    var d = {};
    desc.fields.forEach(function (f) { if (f.widget === "date" && f.required) d[f.name] = today(); });
    return d;
  }

  function restore() {
    try {
      var saved = window.localStorage.getItem(STORE);
      if (saved) return JSON.parse(saved);
    } catch (e) { /* storage unavailable or unreadable: start afresh */ }
    return null;
  }

  function begin(schema) {
    if (schema && window.ajv2020) {
      try {
        var Ajv = window.ajv2020.default || window.ajv2020;
        var ajv = new Ajv({ allErrors: true, strict: false });
        window.CasebookContributeCheck.formats(ajv);
        schemaCheck = ajv.compile(schema);
      } catch (e) { schemaCheck = null; }
    }
    var saved = restore();
    if (saved) {
      draft = saved;
      dirty = true;
      status("Your draft from this browser is restored. Clear draft to start again.");
    } else if (editing) {
      status(published ? "Loaded the published case " + editing + ". Correct what needs correcting."
        : "There is no published case " + editing + "; the form starts a new case.");
    }
    if (!schemaCheck) {
      status("The full checks could not be loaded, so only some problems are shown here; "
        + "casebook validate checks the file completely.");
    }
    renderForm();
    update();
  }

  function start() {
    skeleton();
    root.addEventListener("input", onInput);
    root.addEventListener("change", onInput);
    root.addEventListener("click", onClick);
    window.CasebookContributeActions.wire(el, function () { return state(); }, reset);
    var schema = fetch(settings.schema).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    var form = fetch(root.getAttribute("data-form")).then(function (r) { return r.json(); });
    var data = editing ? fetch(settings.caseData.replace("ID", editing))
      .then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; }) : Promise.resolve(null);
    Promise.all([schema, data, form]).then(function (got) {
      desc = got[2];
      window.CasebookContributeForm.desc = desc;
      published = got[1];
      draft = published ? C.draftFrom(desc, published) : newDraft();
      if (published) showAll = true;
      begin(got[0]);
    });
  }

  function reset() {
    try { window.localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
    draft = published ? C.draftFrom(desc, published) : newDraft();
    touched = {};
    dirty = false;
    showAll = Boolean(published);
    el.suggested = undefined;
    renderForm();
    update();
    status("Draft cleared.");
  }

  function state() {
    var rec = C.record(desc, draft);
    return { record: rec, yaml: C.yaml(desc, rec), editing: editing, published: published,
      showAll: function () { showAll = true; update(); } };
  }

  function update() {
    window.clearTimeout(timer);
    var s = state();
    el.yaml.textContent = s.yaml;
    var problems = window.CasebookContributeCheck.problems(desc, s.record, schemaCheck);
    window.CasebookContributeCheck.show(el, problems, touched, showAll);
    window.CasebookContributeActions.refresh(el, s);
    if (dirty) {
      try { window.localStorage.setItem(STORE, JSON.stringify(draft)); } catch (e) { /* storage full or off */ }
    }
  }

  start();  // loaded by contribute.js after the page
})();

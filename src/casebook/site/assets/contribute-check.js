/* Casebook contribute form, part 3: the checks while typing.
 *
 * The record is checked against the published JSON Schema by Ajv (the schema is generated from
 * the same field definitions as the validator), plus what a schema cannot say: real dates not in
 * the future, years up to this one, text that is only spaces, and the cross-field rules the form
 * description lists (an outcome's benefit among the case's benefits, its source within the
 * sources). Each problem is tied to its control (aria-invalid, a message in aria-describedby)
 * and listed above the actions with a link to the control. */
(function () {
  "use strict";

  function F() { return window.CasebookContributeForm; }

  function realDate(s) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    if (!m) return false;
    var y = Number(m[1]);
    var mo = m[2] ? Number(m[2]) : 1;
    var d = m[3] ? Number(m[3]) : 1;
    var date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function formats(ajv) {
    ajv.addFormat("uri", { type: "string", validate: function (s) {
      try { return Boolean(new URL(s).host); } catch (e) { return false; }
    } });
    ajv.addFormat("date", { type: "string", validate: realDate });
  }

  function number(n) { return Math.abs(n) >= 10000 ? n.toLocaleString("en-GB") : String(n); }

  function message(f, e) {
    var p = e.params || {};
    switch (e.keyword) {
      case "required": return "is required";
      case "minLength": return "is empty";
      case "maxLength": return "is too long: at most " + p.limit + " characters";
      case "minItems": return "needs at least " + p.limit + " (" + (f && f.itemLabel ? f.itemLabel.toLowerCase() : "item") + ")";
      case "minimum": return "must be at least " + number(p.limit);
      case "maximum": return "must be at most " + number(p.limit);
      case "enum": return "must be one of the listed values";
      case "not": return "is reserved for a page the site generates; choose another";
      case "format": return f && f.widget === "date" ? "is not a real date" : "must be a full http:// or https:// address";
      case "type":
        if (p.type === "integer") return "must be a whole number, such as 2019";
        if (p.type === "number") return "must be a number, such as -36 or 4.6 (put the unit under Unit)";
        return "must be " + p.type;
      case "pattern":
        if (f && f.widget === "url") {
          return /^\^https:/.test(p.pattern || "") ? "must be an https:// address" : "must be a full http:// or https:// address";
        }
        if (f && f.widget === "date") return "must be a date written " + f.placeholder;
        return "must be lowercase letters and digits joined by single hyphens, such as west-yorkshire-acute-trusts";
      default: return e.message || "is not valid";
    }
  }

  function ajvPath(e) {
    return e.instancePath.split("/").slice(1).map(function (s) {
      s = s.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^\d+$/.test(s) ? Number(s) : s;
    });
  }

  function fromAjv(e) {
    var path = ajvPath(e);
    // A member is a name or a mapping: only the branch that matches what was written speaks.
    if (e.keyword === "oneOf" || /\/oneOf\/0\//.test(e.schemaPath)) return null;
    if (e.keyword === "required" && /\/anyOf\//.test(e.schemaPath)) return null;
    var f = F().fieldAt(path);
    if (e.keyword === "anyOf") {
      var one = f && f.atLeastOne;
      if (!one) return null;
      var names = one.map(function (n) { return F().fieldAt(path.concat([n])).label; });
      return { path: path.concat([one[0]]), message: "give " + names.join(" or ") + " (or both)" };
    }
    if (e.keyword === "required") {
      path = path.concat([e.params.missingProperty]);
      f = F().fieldAt(path);
    }
    return { path: path, message: message(f, e) };
  }

  function walk(fields, obj, path, fn) {
    if (!obj || typeof obj !== "object") return;
    fields.forEach(function (f) {
      if (!Object.prototype.hasOwnProperty.call(obj, f.name)) return;
      var v = obj[f.name];
      var p = path.concat([f.name]);
      fn(f, v, p);
      if (f.widget === "list" && Array.isArray(v)) {
        v.forEach(function (item, i) {
          if (f.item.widget === "group") walk(f.item.fields, item, p.concat([i]), fn);
          else fn(f.item, item, p.concat([i]));
        });
      }
    });
  }

  function extra(desc, rec, out) {
    var now = today();
    walk(desc.fields, rec, [], function (f, v, p) {
      if (typeof v === "string" && v !== "" && !v.trim() && ["text", "textarea", "url", "id"].indexOf(f.widget) >= 0) {
        out.push({ path: p, message: "holds only spaces" });
      }
      if (f.widget === "date" && typeof v === "string" && f.notFuture && realDate(v) && v > now.slice(0, v.length)) {
        out.push({ path: p, message: "is in the future; today is " + now });
      }
      if (f.widget === "date" && typeof v === "string" && f.partial && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) && !realDate(v)) {
        out.push({ path: p, message: "is not a real date" });
      }
      if (f.year && typeof v === "number" && v > new Date().getFullYear()) {
        out.push({ path: p, message: "must be a year from 1900 to " + new Date().getFullYear() });
      }
    });
    (desc.rules || []).forEach(function (rule) {
      var items = rec[rule.list];
      if (!Array.isArray(items)) return;
      items.forEach(function (item, i) {
        var v = item && typeof item === "object" ? item[rule.field] : undefined;
        if (v === undefined) return;
        var p = [rule.list, i, rule.field];
        var target = F().fieldAt([rule.among || rule.countOf]);
        if (rule.among && Array.isArray(rec[rule.among]) && rec[rule.among].indexOf(v) < 0) {
          out.push({ path: p, message: "is not one of the case's " + target.label.toLowerCase()
            + "; tick it there or choose another" });
        }
        if (rule.countOf && typeof v === "number") {
          var n = Array.isArray(rec[rule.countOf]) ? rec[rule.countOf].length : 0;
          if (v > n) out.push({ path: p, message: "is " + v + ", but the case lists " + n + " " + target.label.toLowerCase() });
        }
      });
    });
  }

  function problems(desc, rec, check) {
    var out = [];
    if (check) {
      check(rec);
      (check.errors || []).forEach(function (e) { var p = fromAjv(e); if (p) out.push(p); });
    }
    extra(desc, rec, out);
    var seen = {};
    return out.filter(function (p) {
      var key = F().pathName(p.path) + "\n" + p.message;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  /* What readers see: "Outcome 2, Measure". */
  function human(path) {
    var parts = [];
    for (var i = 0; i < path.length; i += 1) {
      var f = F().fieldAt(path.slice(0, i + 1));
      if (typeof path[i] === "number") {
        var list = F().fieldAt(path.slice(0, i));
        parts[parts.length - 1] = (list ? list.itemLabel : "Item") + " " + (path[i] + 1);
      } else {
        parts.push(f ? f.label : String(path[i]));
      }
    }
    return parts.join(", ") || "The case";
  }

  /* The controls a problem belongs to: its own, or the nearest one above it. */
  function controlsFor(form, path) {
    for (var n = path.length; n > 0; n -= 1) {
      var name = F().pathName(path.slice(0, n));
      var found = form.querySelectorAll('[data-control="' + CSS.escape(name) + '"]');
      if (found.length) return { name: name, controls: Array.prototype.slice.call(found) };
    }
    return null;
  }

  function show(el, list, touched, showAll) {
    var form = el.form;
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (c) { c.removeAttribute("aria-invalid"); });
    Array.prototype.forEach.call(form.querySelectorAll(".cb-error"), function (m) { m.textContent = ""; m.hidden = true; });
    var make = F().make;
    var box = el.problemsBox;
    box.textContent = "";
    var shown = {};
    var items = [];
    list.forEach(function (p) {
      var at = controlsFor(form, p.path);
      if (!at) return;
      var first = at.controls[0];
      items.push({ text: human(p.path) + ": " + p.message, target: first, name: at.name });
      if (shown[at.name] || !(showAll || touched[at.name] || touched[F().pathName(p.path)])) return;
      shown[at.name] = true;
      var msg = document.getElementById(F().domId(at.name) + "-error");
      if (msg) { msg.textContent = p.message.charAt(0).toUpperCase() + p.message.slice(1) + "."; msg.hidden = false; }
      at.controls.forEach(function (c) { if (c.tagName !== "BUTTON") c.setAttribute("aria-invalid", "true"); });
    });
    if (!items.length) {
      box.appendChild(make("p", { "class": "cb-ok" }, "No problems found: the file below is ready to propose."));
      return;
    }
    box.appendChild(make("h2", { id: "cb-contribute-problems-title" },
      items.length === 1 ? "1 thing to fix" : items.length + " things to fix"));
    var ul = make("ul", { "aria-labelledby": "cb-contribute-problems-title" });
    items.forEach(function (item) {
      var li = make("li");
      var a = make("a", { href: "#" + item.target.id }, item.text);
      a.addEventListener("click", function (event) {
        event.preventDefault();
        touched[item.name] = true;
        item.target.focus();
      });
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  window.CasebookContributeCheck = { formats: formats, problems: problems, show: show };
})();

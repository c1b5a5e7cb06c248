/* Casebook contribute form, part 1: the record and its file.
 *
 * Pure functions over the form description (records/form.py, generated from the one
 * definition of a case): the draft (what was typed, as strings) → the record (numbers parsed,
 * empty optional values left out, in the record's field order) → the YAML text of the file
 * `casebook new` would write. Text is written so the project's loader reads back exactly what
 * was typed: double-quoted (JSON escapes are YAML escapes), or a literal block for several
 * lines. Nothing here touches the page. */
(function () {
  "use strict";

  var INTEGER = /^[-+]?\d+$/;
  var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  var PLAIN_TERM = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  // Words YAML 1.1 readers take for booleans or null: never written plain.
  var YAML_WORDS = { y: 1, n: 1, yes: 1, no: 1, on: 1, off: 1, "true": 1, "false": 1, "null": 1 };
  // Escaped in quoted text: characters YAML readers refuse or read as line breaks, and the
  // invisible ones (so the preview shows them).
  var ESCAPE = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]/g;
  var NOT_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]/;
  var HEADER = [
    "# yaml-language-server: $schema=_data/case.schema.json",
    "#",
    "# A Casebook case, written by the contribute form. Check it with",
    "#     casebook validate cases/ID.yaml",
    "# Every field is described in CONTRIBUTING.md; allowed values live in cases/_data/taxonomy.yaml.",
  ];

  function isEmpty(v) {
    return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  }

  /* One field's value in the record, or undefined to leave it out. */
  function value(f, v) {
    switch (f.widget) {
      case "number": {
        if (typeof v === "number") return v;
        if (isEmpty(v)) return undefined;
        var t = String(v).trim();
        if (t === "") return v;  // only spaces: kept, so the check says it is not a number
        if ((f.integer ? INTEGER : NUMBER).test(t)) {
          var n = Number(t);
          if (!f.integer || Number.isSafeInteger(n)) return n;
        }
        return String(v);
      }
      case "boolean":
        if (v === true) return true;
        return v === false && f.default !== false ? false : undefined;
      case "choices":
        return isEmpty(v) ? undefined : v.slice();
      case "list": {
        if (isEmpty(v)) return undefined;
        return v.map(function (item) {
          var out = value(f.item, item);
          if (out !== undefined) return out;
          return f.item.widget === "group" ? {} : "";
        });
      }
      case "group":
        return group(f, v);
      default:
        return isEmpty(v) ? undefined : String(v);
    }
  }

  function group(f, v) {
    if (v === null || typeof v !== "object") return isEmpty(v) ? undefined : v;
    var out = {};
    var keys = 0;
    f.fields.forEach(function (child) {
      var got = value(child, v[child.name]);
      if (got !== undefined) { out[child.name] = got; keys += 1; }
    });
    if (keys === 0) return undefined;
    // A member with only a name is written as the name alone, as people write it by hand.
    if (f.short && keys === 1 && typeof out[f.short] === "string") return out[f.short];
    return out;
  }

  /* The record: every field of the description, in its order, empty ones left out. */
  function record(desc, draft) {
    return group({ fields: desc.fields }, draft || {}) || {};
  }

  function quoted(s) {
    return JSON.stringify(s).replace(ESCAPE, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /* A literal block (`|`) for text of several lines, or null when quoting is safer. */
  function literal(s, indent) {
    if (s.indexOf("\n") < 0 || NOT_IN_BLOCK.test(s)) return null;
    var lines = s.split("\n");
    var trailing = 0;
    while (lines.length && lines[lines.length - 1] === "") { lines.pop(); trailing += 1; }
    if (!lines.length || /^[ \t]/.test(lines[0])) return null;
    if (lines.some(function (l) { return l !== "" && /^[ \t]*$/.test(l); }) || /^\t/m.test(s)) return null;
    var pad = new Array(indent + 1).join(" ");
    var head = trailing === 0 ? "|-" : trailing === 1 ? "|" : "|+";
    var body = lines.map(function (l) { return l === "" ? "" : pad + l; });
    for (var i = 1; i < trailing; i += 1) body.push("");
    return [head].concat(body);
  }

  /* A scalar as YAML: [first line text, more lines...]. */
  function scalar(f, v, indent) {
    if (typeof v === "number" || typeof v === "boolean") return [String(v)];
    var s = String(v);
    if ((f.widget === "choice" || f.widget === "id") && PLAIN_TERM.test(s) && !YAML_WORDS[s]) return [s];
    return literal(s, indent) || [quoted(s)];
  }

  function fieldFor(list) { return list.item; }

  function entries(f, v, indent) {
    /* Lines for `name: value` at `indent`. */
    var pad = new Array(indent + 1).join(" ");
    var key = pad + f.name + ":";
    if (f.widget === "list" || f.widget === "choices") {
      var lines = [key];
      v.forEach(function (item) { lines = lines.concat(listItem(fieldFor(f), item, indent + 2)); });
      return lines;
    }
    if (f.widget === "group" && v !== null && typeof v === "object") {
      return [key].concat(mapping(f.fields, v, indent + 2));
    }
    var s = scalar(f, v, indent + 2);
    return [key + " " + s[0]].concat(s.slice(1));
  }

  function mapping(fields, obj, indent) {
    var lines = [];
    fields.forEach(function (child) {
      if (Object.prototype.hasOwnProperty.call(obj, child.name)) lines = lines.concat(entries(child, obj[child.name], indent));
    });
    return lines;
  }

  function listItem(f, v, indent) {
    var pad = new Array(indent + 1).join(" ");
    if (f.widget === "group" && v !== null && typeof v === "object") {
      var lines = mapping(f.fields, v, indent + 2);
      if (!lines.length) return [pad + "- {}"];
      lines[0] = pad + "- " + lines[0].slice(indent + 2);
      return lines;
    }
    var s = scalar(f, v, indent + 2);
    return [pad + "- " + s[0]].concat(s.slice(1));
  }

  /* The first sentence of a field's help, as a one-line comment. */
  function comment(help) {
    var text = String(help || "").split("\n")[0];
    var cut = text.search(/[.;:] /);
    return "# " + (text.length > 90 && cut > 0 ? text.slice(0, cut + 1) : text);
  }

  /* The YAML file of a record. */
  function yaml(desc, rec) {
    var id = typeof rec.id === "string" && PLAIN_TERM.test(rec.id) ? rec.id : "ID";
    var out = HEADER.map(function (l) { return l.replace("ID", id); });
    desc.fields.forEach(function (f) {
      if (!Object.prototype.hasOwnProperty.call(rec, f.name)) return;
      out.push("");
      out.push(comment(f.help));
      out = out.concat(entries(f, rec[f.name], 0));
    });
    return out.join("\n") + "\n";
  }

  /* The draft of a published case (its JSON): every value as the form holds it. */
  function draftOf(f, v) {
    if (v === undefined || v === null) return undefined;
    switch (f.widget) {
      case "number": return typeof v === "number" ? String(v) : String(v);
      case "boolean": return v === true ? true : v === false ? false : undefined;
      case "choices": return Array.isArray(v) ? v.map(String) : undefined;
      case "list":
        return Array.isArray(v) ? v.map(function (item) { return draftOf(f.item, item); }) : undefined;
      case "group": {
        var out = {};
        if (typeof v !== "object") {
          if (f.short) out[f.short] = String(v);
          return out;
        }
        f.fields.forEach(function (child) {
          var got = draftOf(child, v[child.name]);
          if (got !== undefined) out[child.name] = got;
        });
        return out;
      }
      default: return String(v);
    }
  }

  function draftFrom(desc, data) {
    return draftOf({ widget: "group", fields: desc.fields }, data || {}) || {};
  }

  window.CasebookContribute = { record: record, yaml: yaml, draftFrom: draftFrom, quoted: quoted };
})();

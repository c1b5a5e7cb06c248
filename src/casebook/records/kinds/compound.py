"""Kinds that hold other values: lists, mappings, and members (a name or a mapping)."""

from __future__ import annotations

from ..problems import did_you_mean, show
from ..spec import OUTCOME, SOURCE, Field
from ..textcheck import check_text
from .base import Kind


class ListKind(Kind):
    name = "list"

    def check(self, c, f, value, path):
        if value is None:
            value = []
        if not isinstance(value, list):
            example = f"[{value}]" if isinstance(value, str) and "\n" not in value else "[first, second]"
            c.error(path, f"'{c.label(path)}' must be a list", f"write {show(example, 40)[1:-1]}, or one '- item' per line")
            return None
        if len(value) < f.min_items:
            c.error(path, f"'{c.label(path)}' needs at least {f.min_items} item(s)", f.items.description if f.items else None)
            return None
        out, seen = [], {}
        unique = f.items.kind in ("term", "case-ref", "country")
        for i, item in enumerate(value):
            checked = c.check(f.items, item, path + (i,))
            if checked is None:
                continue
            if unique:
                if checked in seen:
                    c.error(path + (i,), f"'{c.label(path)}' lists {show(checked)} twice "
                                         f"(items {seen[checked] + 1} and {i + 1}); remove one")
                    continue
                seen[checked] = i
            out.append(checked)
        return out

    def schema(self, f, s):
        out = {"type": "array", "items": s.convert(f.items)}
        if f.min_items:
            out["minItems"] = f.min_items
        return out

    def form(self, f, s):
        item = s.convert(f.items)
        # A list of vocabulary terms is a set of tick boxes; any other list a repeated group.
        widget = "choices" if item.get("widget") == "choice" else "list"
        return {"widget": widget, "item": item, "minItems": f.min_items}


class MappingKind(Kind):
    name = "mapping"

    def check(self, c, f, value, path):
        if not isinstance(value, dict):
            c.error(path, f"'{c.label(path)}' must be a mapping of 'field: value' lines")
            return None
        spec = f.field_map()
        out: dict = {}
        ok = True
        for key in value:
            if key not in spec:
                where = "the case" if not path else f"'{c.label(path)}'"
                c.error(path + (key,), f"unknown field {show(key)} in {where}", did_you_mean(key, list(spec)), key=True)
                ok = False
        for child in f.fields:
            raw = value.get(child.name)
            cpath = path + (child.name,)
            if raw is None or (isinstance(raw, str) and not raw.strip() and child.kind not in ("text", "markdown")):
                if child.required:
                    if child.name in value:
                        c.error(cpath, f"'{c.label(cpath)}' is empty", child.description)
                    else:
                        c.error(path, f"missing required field '{c.label(cpath)}'", child.description)
                    ok = False
                out[child.name] = [] if child.kind == "list" else child.default
                continue
            checked = c.check(child, raw, cpath)
            ok = ok and checked is not None
            out[child.name] = checked
        return out if ok else None

    def schema(self, f, s):
        out = {
            "type": "object",
            "properties": {child.name: s.convert(child) for child in f.fields},
            "required": [child.name for child in f.fields if child.required],
            "additionalProperties": False,
        }
        if f.fields is OUTCOME:
            out["anyOf"] = [{"required": ["change_percent"]}, {"required": ["change_points"]}, {"required": ["value"]}]
            out["not"] = {"required": ["change_percent", "change_points"]}
        if f.fields is SOURCE:  # undated: true and a published date contradict each other
            out["not"] = {"required": ["undated", "published"], "properties": {"undated": {"const": True}}}
        return out

    def form(self, f, s):
        out: dict = {"widget": "group", "fields": [s.convert(child) for child in f.fields]}
        # "At least one of these fields", read from the schema's own anyOf, so the two never differ.
        one_of = [r["required"][0] for r in self.schema(f, s).get("anyOf", []) if len(r.get("required", ())) == 1]
        if one_of:
            out["atLeastOne"] = one_of
        return out


class MemberKind(Kind):
    """A member organisation: its name as text, or a mapping of ``fields``."""

    name = "member"

    def check(self, c, f, value, path):
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            text = check_text(c, Field("name", "text", ""), value, path)
            return None if text is None else {"name": text, "role": None}
        if isinstance(value, dict):
            return MappingKind().check(c, f, value, path)
        c.error(path, f"'{c.label(path)}' must be an organisation name or a mapping with 'name' and 'role'")
        return None

    def schema(self, f, s):
        return {"oneOf": [{"type": "string", "minLength": 1},
                          s.convert(Field("", "mapping", f.description, fields=f.fields))]}

    def form(self, f, s):
        # Written back as the plain name when only the first field is filled in.
        return {"widget": "group", "fields": [s.convert(child) for child in f.fields], "short": f.fields[0].name}

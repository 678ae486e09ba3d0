#!/usr/bin/env python3
"""Derives the field table the generator uses from Talos's published config JSON schema.

Talos writes machine-config keys in the order of its Go structs, and refuses keys it does not
know. The schema lists struct fields in that order, so this table (field names, nested types and
which values are lists or maps) is all the generator needs. Run it when adding a Talos version:

    tools/derive-config-fields.py ../shared/reference/schemas/talos-v1.12-config.schema.json \
        src/main/resources/dev/talosrehearsal/machineconfig/talos-fields-v1.12.json

The schemas are siderolabs/talos's (MPL-2.0); the table holds field names only.
"""
import json
import sys


def child(prop, owner, name, inline):
    """Returns [type, container] for one schema property."""
    if "$ref" in prop:
        return [prop["$ref"].split("/")[-1], ""]
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        items = prop["items"]
        if "$ref" in items:
            return [items["$ref"].split("/")[-1], "list"]
        if items.get("type") == "object" and "properties" in items:
            key = owner + "#" + name
            inline[key] = items
            return [key, "list"]
        return [None, "list"]
    if prop.get("type") == "object":
        if "properties" in prop:
            key = owner + "#" + name
            inline[key] = prop
            return [key, ""]
        pattern = (prop.get("patternProperties") or {}).get(".*")
        extra = prop.get("additionalProperties")
        value = pattern if isinstance(pattern, dict) else extra if isinstance(extra, dict) else None
        if value is not None and "$ref" in value:
            return [value["$ref"].split("/")[-1], "map"]
        return [None, "map"]
    return [None, ""]


def main(src, dst):
    schema = json.load(open(src))
    defs = schema["$defs"]
    types = {}
    pending = dict(defs)
    while pending:
        name, definition = pending.popitem()
        inline = {}
        fields = [[prop] + child(spec, name, prop, inline) for prop, spec in definition.get("properties", {}).items()]
        types[name] = fields
        pending.update({k: v for k, v in inline.items() if k not in types})
    documents = {}
    for entry in schema.get("oneOf", []):
        name = entry["$ref"].split("/")[-1]
        props = defs[name].get("properties", {})
        kind = (props.get("kind") or {}).get("enum", [None])[0]
        documents["v1alpha1" if name == "v1alpha1.Config" else kind] = name
    out = {"source": src.split("/")[-1], "documents": dict(sorted(documents.items())),
           "types": dict(sorted(types.items()))}
    with open(dst, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"), sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

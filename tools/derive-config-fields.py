#!/usr/bin/env python3
"""Derives the field table the generator uses from Talos's published config JSON schema.

Talos writes machine-config keys in the order of its Go structs, and refuses keys it does not
know. The schema lists struct fields in that order, so this table (field names, nested types and
which values are lists or maps) is all the generator needs. Run it when adding a Talos version:

    tools/derive-config-fields.py ../shared/reference/schemas/talos-v1.12-config.schema.json \
        src/main/resources/dev/talosrehearsal/machineconfig/talos-fields-v1.12.json \
        --accepted-from ../shared/reference/schemas/talos-v1.11-config.schema.json

tools/derive-all-config-fields.sh derives every table the generator ships, each with its chain of older schemas.

From v1.12 Talos's schema hides deprecated v1alpha1 fields (`docgen:nodoc`: machine.network.*,
machine.registries, machine.time, features.rbac, install.extraKernelArgs, ...) that its Go structs
still decode and accept. `--accepted-from OLDER_SCHEMA` puts them back, each after the field that
preceded it in the older schema, listed under "deprecated" so lint can say so. It may be given more
than once, newest first (v1.11's schema already hides machine.disks, which v1.8's lists); the newest older schema
comes first because it is the nearest to the new release's Go structs (v1.14's hides v1alpha1's apiServer, whose
extraArgs take a string or a list of strings since v1.13: restored from v1.11's schema alone they took strings only). Check every name it
prints against pkg/machinery/config/types/v1alpha1/v1alpha1_types.go of the new release before
committing: a field really removed from the structs must not come back.

The schemas are siderolabs/talos's (MPL-2.0); the table holds field names only.
"""
import json
import re
import sys

# Kinds whose schema spelling differs from the kind Talos registers and decodes. Talos v1.14.0-rc.1's
# UnattendedInstallConfigV1Alpha1 is annotated `schemaMeta: v1alpha1/UnattendedInstall`, so the schema's
# kind enum says "UnattendedInstall", while pkg/machinery/config/types/runtime/unattended_install.go
# registers (and its generator writes) "UnattendedInstallConfig". The table keys documents by the kind
# Talos decodes.
KIND_ERRATA = {"UnattendedInstall": "UnattendedInstallConfig",
               # v1.8.4 to v1.14.0-rc.1: schemaMeta v1alpha1/KubeSpanEndpoints, registered as KubespanEndpointsKind,
               # "KubeSpanEndpointsConfig" (pkg/machinery/config/types/network/kubespan_endpoints.go)
               "KubeSpanEndpoints": "KubeSpanEndpointsConfig"}

# Documents Talos registers and decodes that its published schemas leave out, from the release that added them:
# ImageVerificationConfig (pkg/machinery/config/types/security/image_verification.go, the same structs from v1.13.0
# to v1.14.0-rc.1; a real talconfig's patch carries one). Each: (first minor, kind, type, {type: fields}).
MISSING_DOCUMENTS = [
    ((1, 13), "ImageVerificationConfig", "security.ImageVerificationConfigV1Alpha1", {
        "security.ImageVerificationConfigV1Alpha1": [["apiVersion", None, "", ""], ["kind", None, "", ""],
                                                     ["rules", "security.ImageVerificationRuleV1Alpha1", "list", "object"]],
        "security.ImageVerificationRuleV1Alpha1": [["image", None, "", "string"], ["skip", None, "", "boolean"],
                                                   ["deny", None, "", "boolean"],
                                                   ["keyless", "security.ImageKeylessVerifierV1Alpha1", "", "object"],
                                                   ["publicKey", "security.ImagePublicKeyVerifierV1Alpha1", "", "object"]],
        "security.ImageKeylessVerifierV1Alpha1": [["issuer", None, "", "string"], ["subject", None, "", "string"],
                                                  ["subjectRegex", None, "", "string"]],
        "security.ImagePublicKeyVerifierV1Alpha1": [["certificate", None, "", "string"]],
    }),
]

# Deprecated v1alpha1 fields that no schema since v1.8 lists (`docgen:nodoc` already there) and that the Go structs of
# every release from v1.8.4 to v1.14.0-rc.1 still decode (pkg/machinery/config/types/v1alpha1/v1alpha1_types.go):
# real talconfigs carry them (allowSchedulingOnMasters, install.bootloader). Each goes after the field that precedes
# it in the struct; all are scalars (Go *bool and string).
HIDDEN_IN_EVERY_SCHEMA = [
    ("v1alpha1.Config", "persist", "debug", "boolean"),
    ("v1alpha1.ClusterConfig", "allowSchedulingOnMasters", "adminKubeconfig", "boolean"),
    ("v1alpha1.InstallConfig", "bootloader", "extensions", "boolean"),
    ("v1alpha1.EtcdConfig", "subnet", "extraArgs", "string"),
    ("v1alpha1.Device", "cidr", "addresses", "string"),
    ("v1alpha1.Vlan", "cidr", "addresses", "string"),
]

# Values whose YAML shape the schema misstates because their Go type decodes itself (UnmarshalYAML): the schema
# describes the struct, Talos reads something else. v1alpha1.Endpoint wraps a url.URL and reads a string
# ("udp://host:6051/"), in every release from v1.8.4 to v1.14.0-rc.1 (pkg/machinery/config/types/v1alpha1/
# v1alpha1_types.go, Endpoint.UnmarshalYAML); the schema calls it an object with no properties. Each entry:
# (type, field, kind), applied to every table that has the field.
SHAPE_ERRATA = [
    ("v1alpha1.LoggingDestination", "endpoint", "string"),
]


def kind_of(spec, defs):
    """What shape a value must have for Talos's YAML decoder: a scalar type, "object", "array", or "" (not checked)."""
    if "$ref" in spec:
        target = defs.get(spec["$ref"].split("/")[-1], {})
        return "object" if target.get("type") == "object" or "properties" in target else ""
    kind = spec.get("type")
    return kind if kind in ("string", "integer", "number", "boolean", "object", "array") else ""


def child(prop, owner, name, inline, defs):
    """Returns [type, container, kind] for one schema property: kind is what each element (list, map) or the value must be."""
    if "$ref" in prop:
        return [prop["$ref"].split("/")[-1], "", kind_of(prop, defs)]
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        items = prop["items"]
        if "$ref" in items:
            return [items["$ref"].split("/")[-1], "list", kind_of(items, defs)]
        if items.get("type") == "object" and "properties" in items:
            key = owner + "#" + name
            inline[key] = items
            return [key, "list", "object"]
        return [None, "list", kind_of(items, defs)]
    if prop.get("type") == "object":
        if "properties" in prop:
            key = owner + "#" + name
            inline[key] = prop
            return [key, "", "object"]
        pattern = (prop.get("patternProperties") or {}).get(".*")
        extra = prop.get("additionalProperties")
        value = pattern if isinstance(pattern, dict) else extra if isinstance(extra, dict) else None
        if value is not None and "$ref" in value:
            return [value["$ref"].split("/")[-1], "map", kind_of(value, defs)]
        return [None, "map", kind_of(value, defs) if value is not None else ""]
    return [None, "", kind_of(prop, defs)]


def fields_of(schema):
    """Every type of the schema (inline object types included) as {name: [[field, type, container], ...]}."""
    defs = schema["$defs"]
    types = {}
    pending = dict(defs)
    while pending:
        name, definition = pending.popitem()
        inline = {}
        fields = [[prop] + child(spec, name, prop, inline, defs) for prop, spec in definition.get("properties", {}).items()]
        types[name] = fields
        pending.update({k: v for k, v in inline.items() if k not in types})
    return types


def restore_hidden(types, older):
    """Adds the v1alpha1 fields and types of `older` that `types` lacks; returns their dotted names.

    Only v1alpha1: the hiding is the v1alpha1 document's deprecation. Other documents really change
    between releases (v1.13's block.MountSpec replaced readOnly with secure), so nothing comes back there.
    """
    restored = []
    for name, old_fields in older.items():
        if not name.startswith("v1alpha1."):
            continue
        if name not in types:
            types[name] = [list(f) for f in old_fields]
            restored.append(name)
            continue
        fields = types[name]
        for i, field in enumerate(old_fields):
            if any(f[0] == field[0] for f in fields):
                continue
            previous = next((j for j in range(len(fields)) if i > 0 and fields[j][0] == old_fields[i - 1][0]), None)
            fields.insert(0 if previous is None else previous + 1, list(field))
            restored.append(name + "." + field[0])
    return restored


def restore_hidden_everywhere(types):
    """Adds HIDDEN_IN_EVERY_SCHEMA's fields the table lacks; returns their dotted names."""
    restored = []
    for owner, field, after, kind in HIDDEN_IN_EVERY_SCHEMA:
        fields = types.get(owner)
        if fields is None or any(f[0] == field for f in fields):
            continue
        previous = next((j for j in range(len(fields)) if fields[j][0] == after), len(fields) - 1)
        fields.insert(previous + 1, [field, None, "", kind])
        restored.append(owner + "." + field)
    return restored


def apply_shape_errata(types):
    """Sets SHAPE_ERRATA's kinds where the table has the field."""
    for owner, field, kind in SHAPE_ERRATA:
        for f in types.get(owner, []):
            if f[0] == field:
                f[3] = kind


def main(src, dst, accepted_from=()):
    schema = json.load(open(src))
    defs = schema["$defs"]
    types = fields_of(schema)
    deprecated = []
    for older in accepted_from:
        restored = restore_hidden(types, fields_of(json.load(open(older))))
        deprecated += [name for name in restored if name not in deprecated]
        for name in restored:
            print("restored from", older.split("/")[-1], "(check it is still in the Go structs):", name, file=sys.stderr)
    for name in restore_hidden_everywhere(types):
        if name not in deprecated:
            deprecated.append(name)
    apply_shape_errata(types)
    documents = {}
    for entry in schema.get("oneOf", []):
        name = entry["$ref"].split("/")[-1]
        props = defs[name].get("properties", {})
        kind = (props.get("kind") or {}).get("enum", [None])[0]
        kind = KIND_ERRATA.get(kind, kind)
        documents["v1alpha1" if name == "v1alpha1.Config" else kind] = name
    minor = tuple(int(x) for x in re.search(r"talos-v(\d+)\.(\d+)-", src.split("/")[-1]).groups())
    for since, kind, type_name, added in MISSING_DOCUMENTS:
        if minor >= since and kind not in documents:
            documents[kind] = type_name
            for name, fields in added.items():
                types.setdefault(name, [list(f) for f in fields])
    out = {"source": src.split("/")[-1], "documents": dict(sorted(documents.items())),
           "types": dict(sorted(types.items()))}
    if accepted_from:
        out["acceptedFrom"] = [a.split("/")[-1] for a in accepted_from]
    if deprecated:
        out["deprecated"] = sorted(deprecated)
    with open(dst, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"), sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    older = []
    while "--accepted-from" in args:
        i = args.index("--accepted-from")
        older.append(args[i + 1])
        del args[i:i + 2]
    main(args[0], args[1], older)

#!/usr/bin/env python3
"""Derives, from Talos's v1alpha1_types.go, the Go field name -> YAML key table that talhelper's Go templates need.

talhelper renders Go templates in node labels, annotations and patches with the node's v1alpha1 config as data,
so a template names Go fields (`.MachineConfig.MachineInstall.InstallImage`), not YAML keys (machine.install.image).
Run it when adding a Talos version:

    git --git-dir=<mirror of siderolabs/talos> show v1.13.0:pkg/machinery/config/types/v1alpha1/v1alpha1_types.go \
        > /tmp/v1alpha1_types.go
    tools/derive-go-field-names.py /tmp/v1alpha1_types.go \
        src/main/resources/dev/talosrehearsal/machineconfig/v1alpha1-go-fields.json v1.13.0

The output holds field and type names only: {"source": ..., "types": {GoType: {GoField: [yamlKey, struct GoType or
null, declared Go type]}}, "named": {GoType: underlying Go type}}, "named" for the non-struct types the file
declares. A declared type ("*NetworkConfig", "[]string", "map[string]string", or a named one through "named") gives
a field the config leaves out its Go zero value as a template prints it ("<nil>", "[]", "map[]").
"""
import json
import re
import sys

STRUCT = re.compile(r"^type (\w+) struct \{")
NAMED = re.compile(r"^type (\w+) (?:= )?([^\s{]+)$")
FIELD = re.compile(r"^\t(\w+)\s+([^\s`]+)\s+`yaml:\"([^\",]*)")


def main(src, dst, tag):
    types = {}
    named = {}
    current = None
    for line in open(src):
        n = NAMED.match(line.rstrip("\n"))
        if n and current is None:
            named[n.group(1)] = n.group(2)
            continue
        m = STRUCT.match(line)
        if m:
            current = types.setdefault(m.group(1), {})
            continue
        if line.startswith("}"):
            current = None
            continue
        if current is None:
            continue
        f = FIELD.match(line)
        if f and f.group(3) not in ("", "-"):
            go_type = re.sub(r"^[\[\]*]+|^map\[[^\]]*\][*]?", "", f.group(2))
            current[f.group(1)] = [f.group(3), go_type, f.group(2)]
    for fields in types.values():
        for entry in fields.values():
            if entry[1] not in types:
                entry[1] = None
    out = {"source": "pkg/machinery/config/types/v1alpha1/v1alpha1_types.go at " + tag,
           "types": {k: v for k, v in sorted(types.items()) if v},
           "named": dict(sorted(named.items()))}
    with open(dst, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])

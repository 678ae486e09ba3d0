#!/usr/bin/env bash
# Derives every field table the generator ships from Talos's published config schemas (tools/derive-config-fields.py),
# each release restoring the v1alpha1 fields its schema hides from the older schemas, newest first.
# Usage: tools/derive-all-config-fields.sh [SCHEMA_DIR]   (default ../shared/reference/schemas)
set -euo pipefail
cd "$(dirname "$0")/.."
schemas=${1:-../shared/reference/schemas}
out=src/main/resources/dev/talosrehearsal/machineconfig
derive() { tools/derive-config-fields.py "$schemas/talos-$1-config.schema.json" "$out/talos-fields-$1.json" "${@:2}"; }
from() { for v in "$@"; do printf -- '--accepted-from\n%s\n' "$schemas/talos-$v-config.schema.json"; done; }
derive v1.8
mapfile -t chain < <(from v1.8);                      derive v1.11 "${chain[@]}"
mapfile -t chain < <(from v1.11 v1.8);                derive v1.12 "${chain[@]}"
mapfile -t chain < <(from v1.12 v1.11 v1.8);          derive v1.13 "${chain[@]}"
mapfile -t chain < <(from v1.13 v1.12 v1.11 v1.8);    derive v1.14 "${chain[@]}"

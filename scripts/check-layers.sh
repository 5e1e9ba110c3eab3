#!/usr/bin/env bash
# The layers run core → server → workbench → CLI and shell; nothing lower may depend on anything
# higher, nor on what belongs higher up (the README's "Layout" lists what each crate may use).
# This asks cargo's own dependency tree and fails on the first crate that reaches too far.
set -euo pipefail
cd "$(dirname "$0")/.."

forbidden() {
  local crate="$1"; shift
  local found
  found="$(cargo tree --locked -p "$crate" -e normal --prefix none 2>/dev/null | awk '{print $1}' | sort -u |
    grep -xE "$(IFS='|'; echo "$*")" || true)"
  if [ -n "$found" ]; then
    echo "check-layers: $crate depends on $(echo "$found" | tr '\n' ' ')— that belongs to a higher layer" >&2
    exit 1
  fi
}

forbidden qimen-core qimen-server qimen-workbench axum rusqlite keyring tauri
forbidden qimen-server qimen-workbench rusqlite keyring tauri
forbidden qimen-workbench tauri
echo "check-layers: core → server → workbench → CLI and shell, nothing lower reaches higher"

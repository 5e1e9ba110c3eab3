#!/usr/bin/env bash
# The IPC surface is generated and checked in: the TypeScript types (ui/src/api/bindings) from the Rust
# types by ts-rs, and the UI's command functions (ui/src/api/commands.ts) and the window's capability
# (src-tauri/capabilities/default.json) from the one contract list (src-tauri/commands/contract.rs).
# This check regenerates them and fails when the checked-in files differ, so a Rust change can never
# leave the UI compiling against stale types or calling a command that is not granted.
#
#   scripts/check-bindings.sh           check (make test runs this)
#   scripts/check-bindings.sh --write   regenerate ui/src/api/bindings from scratch (then commit it)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
checked_in="$root/ui/src/api/bindings"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Nested, so that a type whose `export_to` climbs out of the export folder still lands inside $tmp,
# where it is caught below instead of being written somewhere on the machine.
out="$tmp/a/b/c/bindings"
mkdir -p "$out"
if ! (cd "$root" && TS_RS_EXPORT_DIR="$out" cargo test --quiet -p qimen-core -p qimen-server -p qimen-workbench --lib export_bindings) >"$tmp/cargo.log" 2>&1; then
    cat "$tmp/cargo.log"
    echo "check-bindings: generating the bindings failed (output above)" >&2
    exit 1
fi

stray="$(cd "$tmp" && find . -type f -name '*.ts' ! -path './a/b/c/bindings/*')"
if [ -n "$stray" ]; then
    echo "check-bindings: these types were written outside the export folder:" >&2
    echo "$stray" >&2
    echo "Use #[ts(export)] without export_to: .cargo/config.toml already points ts-rs at ui/src/api/bindings." >&2
    exit 1
fi

if [ "${1:-}" = "--write" ]; then
    (cd "$root" && QIMEN_WRITE_CONTRACT=1 cargo test --quiet -p qimen-workbench-app --features tauri/custom-protocol --lib contract_render)
    rm -rf "$checked_in"
    mkdir -p "$(dirname "$checked_in")"
    cp -R "$out" "$checked_in"
    echo "check-bindings: regenerated $(find "$checked_in" -type f | wc -l) files in ui/src/api/bindings"
    exit 0
fi

if [ ! -d "$checked_in" ] || ! diff -r "$checked_in" "$out" >"$tmp/bindings.diff"; then
    cat "$tmp/bindings.diff" 2>/dev/null || true
    echo "check-bindings: ui/src/api/bindings is stale (differences above)." >&2
    echo "Regenerate with scripts/check-bindings.sh --write and commit the result." >&2
    exit 1
fi
if ! (cd "$root" && cargo test --quiet -p qimen-workbench-app --features tauri/custom-protocol --lib contract_render) >"$tmp/contract.log" 2>&1; then
    cat "$tmp/contract.log"
    echo "check-bindings: the files generated from the IPC contract are stale (output above)" >&2
    exit 1
fi
echo "check-bindings: ui/src/api/bindings is up to date ($(find "$checked_in" -type f | wc -l) files)"

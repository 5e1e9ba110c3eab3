#!/usr/bin/env bash
# Makes sure cargo, rustfmt and clippy are present before a build or a test run.
# On a machine without them it installs Debian's packages non-interactively.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

missing=()
have cargo || missing+=(cargo rustc)
if have cargo; then
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(rust-clippy)
fi
have cc || missing+=(build-essential)
have pkg-config || missing+=(pkg-config)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if have rustup && have cargo; then
  # A rustup toolchain: add the components it lacks.
  for c in "${missing[@]}"; do
    case "$c" in
      rustfmt) rustup component add rustfmt ;;
      rust-clippy) rustup component add clippy ;;
    esac
  done
  filtered=()
  for c in "${missing[@]}"; do
    case "$c" in rustfmt|rust-clippy) ;; *) filtered+=("$c") ;; esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
  [ ${#missing[@]} -eq 0 ] && exit 0
fi

if have apt-get; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Please install the Rust toolchain (https://rustup.rs) with rustfmt and clippy, then run again." >&2
  echo "missing: ${missing[*]}" >&2
  exit 1
fi

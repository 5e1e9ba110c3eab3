#!/usr/bin/env bash
# Public TOP SDKs, installed unmodified from PyPI and npm, call the local gateway through a capture
# proxy, and `qimen diagnose --request-file` judges each request exactly as they put it on the wire:
# plain calls must be answered with success and diagnosed valid; probes (an empty parameter, the
# clock in UTC) must either pass too or show exactly the documented finding (tests/sdk-clients/
# run_matrix.py). Then the same calls go through `qimen relay serve` to the gateway, and the relay's
# JSON line for each must say `valid` for the plain calls (and name the same finding for the probes).
# Prints two tables; exits non-zero on any failure.
#
#   scripts/sdk-clients.sh       (or: make sdk-clients)
#
# The SDKs go into target/sdk-clients/ (a virtual environment and a node_modules, pinned by
# tests/sdk-clients/requirements.txt and package-lock.json); the captures and their diagnoses stay
# in target/sdk-clients/captures/. Needs Python 3 with venv, Node.js 20+ and npm, and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO="${CARGO:-cargo}"
# The test scripts import a helper from the work tree: keep bytecode caches out of it.
export PYTHONDONTWRITEBYTECODE=1
here="tests/sdk-clients"
work="target/sdk-clients"
started=$(date +%s)

for tool in python3 node npm "$CARGO"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "sdk-clients: $tool is needed" >&2; exit 1; }
done

# The Python SDKs, reinstalled when the pins change.
mkdir -p "$work"
if ! cmp -s "$here/requirements.txt" "$work/py/installed-requirements.txt" 2>/dev/null; then
  rm -rf "$work/py"
  python3 -m venv "$work/py" || {
    echo "sdk-clients: python3 cannot create a virtual environment (Debian: apt-get install python3-venv)" >&2
    exit 1
  }
  "$work/py/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$work/py/installed-requirements.txt"
fi

# The npm SDKs, from the lock file, reinstalled when it changes. npm runs no install scripts here.
if ! cmp -s "$here/package-lock.json" "$work/node/installed-lock.json" 2>/dev/null; then
  rm -rf "$work/node"
  mkdir -p "$work/node"
  cp "$here/package.json" "$here/package-lock.json" "$work/node/"
  (cd "$work/node" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  cp "$here/package-lock.json" "$work/node/installed-lock.json"
fi

"$CARGO" build --quiet --locked -p qimen-cli
# Where cargo put it: its own target folder unless CARGO_TARGET_DIR names another.
qimen="${CARGO_TARGET_DIR:-target}/debug/qimen"

run_dir="$(mktemp -d)"
gateway_pid=""
proxy_pid=""
relay_pid=""
cleanup() {
  local pid
  for pid in "$relay_pid" "$proxy_pid" "$gateway_pid"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The gateway on a free port of 127.0.0.1; its banner's first line names the address.
"$qimen" gateway serve --port 0 >"$run_dir/gateway.out" 2>&1 &
gateway_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(head -n 1 "$run_dir/gateway.out" | sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p')"
  [ -n "$port" ] && break
  kill -0 "$gateway_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "sdk-clients: the gateway did not start:" >&2
  cat "$run_dir/gateway.out" >&2
  exit 1
fi

# The proxy on the same port of [::1]: the gateway answers only to its own Host names, and the proxy
# changes nothing, so the SDKs call http://[::1]:PORT, a name the gateway accepts as its own.
rm -rf "$work/captures"
python3 "$here/capture_proxy.py" --listen "[::1]:$port" --upstream "http://127.0.0.1:$port" \
  --out "$work/captures" --port-file "$run_dir/proxy.port" &
proxy_pid=$!
for _ in $(seq 1 100); do
  [ -s "$run_dir/proxy.port" ] && break
  kill -0 "$proxy_pid" 2>/dev/null || break
  sleep 0.1
done
if [ ! -s "$run_dir/proxy.port" ]; then
  echo "sdk-clients: the capture proxy did not start on [::1]:$port" >&2
  exit 1
fi

echo "gateway http://127.0.0.1:$port, capture proxy http://[::1]:$port"
status=0
python3 "$here/run_matrix.py" --base-url "http://[::1]:$port" --captures "$work/captures" \
  --qimen "$qimen" --python "$work/py/bin/python" --node-modules "$work/node/node_modules" || status=$?

# The relay on a free port, diagnosing with the test app's secret (from the environment, never an
# argument), one JSON line per exchange in relay.jsonl.
relay_log="$work/relay.jsonl"
: >"$relay_log"
app_secret="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["app"]["secret"])' \
  "$here/calls.json")"
QIMEN_APP_SECRET="$app_secret" "$qimen" relay serve --port 0 --upstream "http://127.0.0.1:$port" \
  --log "$relay_log" 2>"$run_dir/relay.err" &
relay_pid=$!
relay_port=""
for _ in $(seq 1 300); do
  relay_port="$(sed -n 's|^relay listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$run_dir/relay.err")"
  [ -n "$relay_port" ] && break
  kill -0 "$relay_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$relay_port" ]; then
  echo "sdk-clients: the relay did not start:" >&2
  cat "$run_dir/relay.err" >&2
  exit 1
fi
echo
echo "the same calls through the relay http://127.0.0.1:$relay_port -> gateway http://127.0.0.1:$port"
python3 "$here/run_matrix.py" --base-url "http://127.0.0.1:$relay_port" --captures "$work/captures" \
  --relay-log "$relay_log" --qimen "$qimen" --python "$work/py/bin/python" \
  --node-modules "$work/node/node_modules" || status=$?
echo "sdk-clients: $(( $(date +%s) - started )) s in all"
exit "$status"

#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring, so the tests
# of the real Secret Service never see or change the user's own keyring.
#
#   scripts/with-test-keyring.sh cargo test -p qimen-workbench --test secrets_keyring
#
# The keyring files go to a temporary XDG_DATA_HOME that is removed afterwards. HOME is left alone:
# cargo and rustup find their toolchain through it, and gnome-keyring keeps its files under
# XDG_DATA_HOME anyway. The command sees QIMEN_REAL_KEYRING=1, which turns the real-keyring tests on.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool is missing; on Debian/Ubuntu: sudo apt-get install dbus gnome-keyring libsecret-1-dev" >&2
        exit 2
    fi
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/qimen-keyring.XXXXXX")"
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
mkdir -p "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
export QIMEN_REAL_KEYRING=1
# A desktop session's bus must not leak in: the private one below is the only bus the command sees.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

# Inside the private bus: start gnome-keyring with only the Secret Service, create and unlock its
# login keyring with a throwaway password, wait until the service answers on the bus, then run.
dbus-run-session -- sh -c '
    printf "%s" "qimen-throwaway" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
            | grep -q "boolean true"; do
        tries=$((tries + 1))
        if [ "$tries" -ge 50 ]; then
            echo "gnome-keyring did not start its Secret Service within 5 seconds" >&2
            exit 1
        fi
        sleep 0.1
    done
    exec "$@"
' with-test-keyring "$@"

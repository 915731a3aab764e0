#!/usr/bin/env bash
# Runs every benchmark in a release build and prints one table, each beside its baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)"
swift build -c release --product kiosk-bench >/dev/null
swift build -c release --product kiosk >/dev/null
KIOSK_BIN="$bin/kiosk" "$bin/kiosk-bench" "$@"

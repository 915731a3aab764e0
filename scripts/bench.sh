#!/usr/bin/env bash
# Runs every benchmark in a release build and prints one table, each beside its baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built as `make release` builds the kiosk: the Swift runtime and Foundation linked in.
release=(-c release --static-swift-stdlib)
# The flows count fsyncs with strace.
bash scripts/apt-install.sh strace
bin="$(swift build "${release[@]}" --show-bin-path)"
swift build "${release[@]}" --product kiosk-bench >/dev/null
swift build "${release[@]}" --product kiosk >/dev/null
KIOSK_BIN="$bin/kiosk" "$bin/kiosk-bench" "$@"

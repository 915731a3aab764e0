#!/usr/bin/env bash
# Counts the instructions of a simulated day with callgrind (repeatable, unlike a timer) and
# prints the functions that cost the most, inclusive and self: where a flow's CPU goes above
# SQLite. `scripts/profile.sh [CUSTOMERS]` (default 300); the full profile stays in
# var/profile/callgrind.out for callgrind_annotate or kcachegrind.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/apt-install.sh valgrind
customers="${1:-300}"
release=(-c release --static-swift-stdlib)
swift build "${release[@]}" --product kiosk >/dev/null
bin="$(swift build "${release[@]}" --show-bin-path)"
out=var/profile
rm -rf "$out" && mkdir -p "$out"
# Text receipts, as the bench's flows: a copy of the fixtures that prints text only.
cp -r fixtures "$out/fixtures"
awk -F, -v OFS=, 'NR > 1 { $NF = "text" } { print }' fixtures/terminals.csv > "$out/fixtures/terminals.csv"
ledger="${TMPDIR:-/dev/shm}/kiosk-profile-$$.sqlite"
trap 'rm -f "$ledger" "$ledger-wal" "$ledger-shm"' EXIT
# Valgrind cannot read the Swift toolchain's DWARF: it profiles a copy without it, named by
# the symbol table, and the names are demangled afterwards.
objcopy --strip-debug "$bin/kiosk" "$out/kiosk"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" --dump-instr=no \
  "$out/kiosk" simulate --fixtures "$out/fixtures" --store lw-haneda-t3 --arrivals 450 --customers "$customers" \
  --seed 7 --ledger "$ledger" --receipts "$out/receipts" >"$out/day.txt" 2>"$out/valgrind.txt"
grep -E "customers per second|journal" "$out/day.txt"
echo "Instructions, inclusive (top 25):"
callgrind_annotate --inclusive=yes "$out/callgrind.out" 2>/dev/null | swift demangle --simplified | sed -n '/^Ir/,$p' | head -28 | cut -c1-160
echo "Instructions, self (top 25):"
callgrind_annotate "$out/callgrind.out" 2>/dev/null | swift demangle --simplified | sed -n '/^Ir/,$p' | head -28 | cut -c1-160

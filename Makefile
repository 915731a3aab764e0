# Conbini Kiosk — the two commands: `make run` and `make test`.
SWIFT   ?= swift
LEDGER  ?= var/ledger.sqlite
ARGS    ?=
# The kiosk ships as one binary: the Swift runtime and Foundation linked in, which also
# keeps its memory and start-up small.
RELEASE := -c release --static-swift-stdlib

.PHONY: run test bench deps build release clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE)

# Opens the kiosk full screen on the default ledger and the sample fixtures.
# A new demo ledger gets the staff member Demo, PIN 2468 (see the README).
run: release
	@mkdir -p var
	@bin=$$($(SWIFT) build $(RELEASE) --show-bin-path); \
	  test -f $(LEDGER) || echo 2468 | $$bin/kiosk staff add --name Demo --ledger $(LEDGER) >/dev/null; \
	  $$bin/kiosk run --ledger $(LEDGER) --fixtures fixtures $(ARGS)

# Unit, frame, ledger, receipt, end-to-end (tmux) and crash tests.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks: speed and memory goals, each beside its baseline. Never part of `make test`.
bench: release
	bash scripts/bench.sh

clean:
	rm -rf .build

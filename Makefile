# Conbini Kiosk — the two commands: `make run` and `make test`.
SWIFT   ?= swift
LEDGER  ?= var/ledger.sqlite
ARGS    ?=
# The kiosk ships as one binary: the Swift runtime and Foundation linked in, which also
# keeps its memory and start-up small.
RELEASE := -c release --static-swift-stdlib

.PHONY: run test bench deps build release clean hq hq-stop

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

# The head office on this machine: PostgreSQL under var/hq on 127.0.0.1:$(HQ_PG_PORT), and
# `kiosk hq serve` on 127.0.0.1:$(HQ_PORT). Prints both URLs; `make hq-stop` stops both.
HQ_PG_PORT ?= 5433
HQ_PORT    ?= 8480
hq: build
	@mkdir -p var
	@url=$$(bash scripts/hq-postgres.sh start var/hq $(HQ_PG_PORT)) || exit 1; \
	  bin=$$($(SWIFT) build --show-bin-path); \
	  if [ -f var/hq/serve.pid ] && kill -0 $$(cat var/hq/serve.pid) 2>/dev/null; then \
	    echo "HQ is already serving (process $$(cat var/hq/serve.pid))."; \
	  else \
	    nohup $$bin/kiosk hq serve --db "$$url" --listen 127.0.0.1:$(HQ_PORT) > var/hq/serve.log 2>&1 & \
	    echo $$! > var/hq/serve.pid; \
	    for i in $$(seq 1 100); do grep -q "HQ is serving" var/hq/serve.log && break; \
	      kill -0 $$(cat var/hq/serve.pid) 2>/dev/null || { cat var/hq/serve.log >&2; exit 1; }; sleep 0.1; done; \
	  fi; \
	  echo "HQ service:  http://127.0.0.1:$(HQ_PORT)"; \
	  echo "HQ database: $$url"

hq-stop:
	@if [ -f var/hq/serve.pid ]; then kill $$(cat var/hq/serve.pid) 2>/dev/null || true; rm -f var/hq/serve.pid; fi
	@bash scripts/hq-postgres.sh stop var/hq
	@echo "HQ stopped (its data stays in var/hq)."

clean:
	rm -rf .build

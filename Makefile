# smokegate — make demo · make test · make validate-examples
# Each target installs what it needs from Debian when it is missing (apt-get, with sudo when not root).

SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: build (libcurl, libxml2); tests: xmllint, a JSON Schema validator, cmark-gfm (GitHub's Markdown,
# which renders summary.md in its tests), openssl (certificates made
# at test time), the real PostgreSQL and Redis the database checks are tested against; dig (the reference for how
# DNS records read) and python3-venv for the DNS and gRPC test servers' packages from PyPI (scripts/test-python); for
# the tools in scripts/test-tools (docs/test-tools.md): Prometheus with promtool, the Pushgateway, headless Chromium
# with a font for its screenshots, curl, and, for Debian's /usr/bin/python3 that runs those tools, the DevTools
# websocket client and the Prometheus text parser.
BUILD_PACKAGES := libcurl4-openssl-dev libxml2-dev pkg-config
TEST_TOOL_PACKAGES := prometheus prometheus-pushgateway chromium fonts-dejavu-core curl python3 python3-websocket \
	python3-prometheus-client
TEST_PACKAGES := libxml2-utils python3-jsonschema cmark-gfm openssl postgresql redis-server bind9-dnsutils python3-venv $(TEST_TOOL_PACKAGES)

.PHONY: all build demo test deps test-deps validate-examples demo-suite clean bench bench-serve fuzz comparison-power history-size history-build-cost history-cli-cost

all: build

## Install a package list when any of it is missing.
define apt_install
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_PACKAGES))
	@scripts/test-python >/dev/null

build: deps
	$(SWIFT) build

## The embedded demo: blue and green shops on loopback, checks/demo.yml against both, reports in reports/.
demo: build
	$$($(SWIFT) build --show-bin-path)/smokegate demo

## Unit, integration and end-to-end tests against real sockets, a real PostgreSQL and a real Redis, which
## scripts/with-test-services starts on free loopback ports and stops afterwards, even when tests fail.
test: test-deps
	$(SWIFT) build --build-tests
	scripts/with-test-services scripts/run-tests

## Fuzzes the config loader for FUZZ_SECONDS (make test does 15 s); SMOKEGATE_FUZZ_SEED=N replays a session.
FUZZ_SECONDS ?= 600
fuzz: deps
	$(SWIFT) build --build-tests
	SMOKEGATE_FUZZ_SECONDS=$(FUZZ_SECONDS) $(SWIFT) test --skip-build --filter ConfigFuzzTests

## Every example suite in checks/ must validate as shipped, as a directory and one by one (make test proves it too).
validate-examples: build
	bin=$$($(SWIFT) build --show-bin-path)/smokegate; $$bin validate checks/ && for f in checks/*.yml; do $$bin validate $$f || exit 1; done

## Regenerates the demo suites built into the binary from checks/demo.yml and checks/cutover.yml.
demo-suite:
	scripts/embed-demo-suite

## Benchmarks of issue 7 against hey, wrk, blackbox_exporter and curl on a release build (.build-release):
## ~13 min, mostly a 10-minute watch (BENCH_WATCH_SECONDS shortens it). Writes docs/benchmarks.md, reports/bench.json.
## Installs the neutral targets (nginx, redis-server), the peers (hey, wrk, blackbox_exporter, curl) and ip/tc for a netem delay.
bench: deps
	$(call apt_install,nginx-light hey wrk prometheus-blackbox-exporter curl iproute2 python3 redis-server)
	SWIFT=$(SWIFT) scripts/bench/run
	$(MAKE) bench-serve

## serve for 13 minutes (3 minutes of warm-up): 1 000 targets every 10 s plus 20 every 250 ms on a release build;
## CPU share, RSS drift, /metrics scrape time. BENCH_SERVE_SECONDS shortens the measured span. Writes docs/bench-serve.md.
BENCH_SERVE_SECONDS ?= 600
bench-serve: deps
	$(SWIFT) build -c release --scratch-path .build-release --product smokegate
	python3 scripts/bench/serve.py .build-release/release/smokegate --seconds $(BENCH_SERVE_SECONDS) --out reports --doc docs/bench-serve.md

## How often the comparison decides right against real servers: identical pairs (promote rate), a regression of
## the slowest 5 % (rollback rate), too few samples (hold). COMPARISON_RUNS sets the identical-pair runs (default 40).
COMPARISON_RUNS ?= 40
comparison-power: build
	python3 scripts/bench/comparison_power.py $$($(SWIFT) build --show-bin-path)/smokegate --identical-runs $(COMPARISON_RUNS) --out reports

## History (issue 15): the database size for 1 000 serve targets over 30 simulated days and the time to record a
## run, in SQLite and PostgreSQL (docs/history.md). A release build; HISTORY_SIZE_ARGS="TARGETS DAYS RUNS" resizes.
# What --history adds to one `smokegate run` (30 checks x 2 environments), SQLite and the test PostgreSQL.
history-cli-cost: build test-deps
	scripts/with-test-services scripts/bench/history-cli-cost

history-size: test-deps
	SWIFT=$(SWIFT) scripts/bench/history-size $(HISTORY_SIZE_ARGS)

## What sql-kit + sqlite-kit + postgres-kit and GRDB would each add to a clean build (the choice in docs/history.md).
history-build-cost: deps
	$(call apt_install,libsqlite3-dev time)
	SWIFT=$(SWIFT) scripts/bench/history-sql-layer-build-cost

clean:
	rm -rf .build reports/*.xml reports/*.json reports/cutover

# smokegate — make demo · make test · make validate-examples
# Each target installs what it needs from Debian when it is missing (apt-get, with sudo when not root).

SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: build (libcurl, libxml2), test tools (xmllint, a JSON Schema validator).
BUILD_PACKAGES := libcurl4-openssl-dev libxml2-dev pkg-config
TEST_PACKAGES := libxml2-utils python3-jsonschema

.PHONY: all build demo test deps test-deps validate-examples demo-suite clean

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

build: deps
	$(SWIFT) build

## The embedded demo: blue and green shops on loopback, checks/demo.yml against both, reports in reports/.
demo: build
	$$($(SWIFT) build --show-bin-path)/smokegate demo

## Unit, integration and end-to-end tests against real sockets; services that tests need are required.
TIMING_TESTS := TimingAccuracyTests|delayedResponseIsMeasuredInTheServerPhase

# Timing-accuracy tests run alone first: on 2 cores, parallel suites would add their own scheduling delays.
test: test-deps
	$(SWIFT) build --build-tests
	export SMOKEGATE_REQUIRE_SERVICES=1 \
	  SMOKEGATE_BIN="$$($(SWIFT) build --show-bin-path)/smokegate" \
	  SMOKEGATE_PYTHON="$$(scripts/find-python-jsonschema)"; \
	$(SWIFT) test --skip-build --filter "$(TIMING_TESTS)" && \
	$(SWIFT) test --skip-build --skip "$(TIMING_TESTS)"

## Every example suite in checks/ must validate.
validate-examples: build
	$$($(SWIFT) build --show-bin-path)/smokegate validate checks/ --var demo_blue_url=http://127.0.0.1:1 --var demo_green_url=http://127.0.0.1:2

## Regenerates the demo suite built into the binary from checks/demo.yml.
demo-suite:
	scripts/embed-demo-suite

clean:
	rm -rf .build reports/*.xml reports/*.json

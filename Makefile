# bulletind — make run | make test | make bench | make fuzz | make lint
#
# Every target installs what is missing first (Debian packages through apt-get), so a fresh
# machine needs only the Swift 6 toolchain and this checkout.

SWIFT        ?= swift
# Debian packages the build and the tests need; checked with dpkg, installed when missing.
APT_PACKAGES ?= ca-certificates pkg-config libxml2-dev zlib1g-dev poppler-utils libcurl4-openssl-dev libssl-dev libsqlite3-dev
# Commands the tests call (the shared scorer is Python).
COMMANDS     ?= python3
# What `make bench` adds: a local nginx and the curl CLI to compare the fetcher with.
BENCH_PACKAGES ?= nginx-light curl
FUZZ_SECONDS ?= 600
BENCH_MB     ?= 10
BENCH_RUNS   ?= 7
BENCH_VERSIONS ?= 10000
BENCH_DAEMON_RUNS ?= 5
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN  := .build/release/bulletind
EXAMPLES     := $(sort $(wildcard Examples/bulletins/*.txt Examples/bulletins/*.html))

.PHONY: all deps build run install test bench fuzz fuzz-build lint format clean

all: build

deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: no Swift toolchain on PATH (Swift 6 is needed)" >&2; exit 1; }
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for c in $(COMMANDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product bulletind

# `run` starts the daemon on bundled example bulletins (our own writing) served by a local web
# server, shows the first snapshots, publishes a revised report and shows the indicator change and
# the alerts it queued (Examples/demo/run.sh; state in .run-state).
run: build
	@BIN=$(RELEASE_BIN) STATE=.run-state sh Examples/demo/run.sh

# `install` puts the binary, its man page, the systemd unit and the example config (unless one is
# there already) in place. DESTDIR stages a package; PREFIX moves the binary.
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL_SUDO := $(if $(DESTDIR),,$(SUDO))
install: build
	$(SWIFT) package plugin --allow-writing-to-package-directory generate-manual --configuration release
	$(INSTALL_SUDO) install -D -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/bulletind
	$(INSTALL_SUDO) install -D -m 0644 .build/plugins/GenerateManual/outputs/bulletind/bulletind.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man1/bulletind.1
	sed 's#/usr/local/bin/#$(PREFIX)/bin/#g' systemd/bulletind.service > .build/bulletind.service
	$(INSTALL_SUDO) install -D -m 0644 .build/bulletind.service $(DESTDIR)/etc/systemd/system/bulletind.service
	@if [ -e $(DESTDIR)/etc/bulletind/bulletind.yaml ]; then \
	  echo "kept the existing $(DESTDIR)/etc/bulletind/bulletind.yaml"; \
	else \
	  $(INSTALL_SUDO) install -D -m 0644 etc/bulletind/bulletind.yaml $(DESTDIR)/etc/bulletind/bulletind.yaml; \
	fi
	@echo "installed; edit /etc/bulletind/bulletind.yaml, then: systemctl daemon-reload && systemctl enable --now bulletind"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	.build/debug/ParserFuzz Tests/Fuzz/corpus Tests/Fixtures Examples/bulletins

bench: deps $(URLWATCH)
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  [ -x /usr/sbin/nginx ] && [ -x /usr/bin/curl ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; }; \
	fi
	$(SWIFT) build -c release --product ParserBenchmark
	$(SWIFT) build -c release --product FetchBenchmark
	$(SWIFT) build -c release --product StoreBenchmark
	$(SWIFT) build -c release --product DaemonBenchmark
	$(SWIFT) build -c release --product bulletind
	.build/release/ParserBenchmark --megabytes $(BENCH_MB) --runs $(BENCH_RUNS) $(wildcard Examples/bulletins/*.txt)
	.build/release/FetchBenchmark --runs $(BENCH_RUNS)
	.build/release/StoreBenchmark --versions $(BENCH_VERSIONS) $(wildcard Examples/bulletins/*.txt)
	.build/release/DaemonBenchmark --runs $(BENCH_DAEMON_RUNS) --urlwatch $(URLWATCH) $(wildcard Examples/bulletins/*.txt)

# urlwatch 2.29 from PyPI, in a virtualenv of its own, for the daemon benchmark to compare with.
URLWATCH := .build/bench-venv/bin/urlwatch
$(URLWATCH):
	python3 -m venv .build/bench-venv || { $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv .build/bench-venv; }
	.build/bench-venv/bin/pip install -q urlwatch==2.29

# libFuzzer on the parser; new crashing inputs land in fuzz-artifacts/, to become regression
# inputs in Tests/Fuzz/corpus (which `make test` replays).
fuzz-build: deps
	$(SWIFT) build -c release --sanitize=fuzzer --product ParserFuzz --scratch-path .build-fuzz \
	  -Xswiftc -parse-as-library -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

fuzz: fuzz-build
	@mkdir -p .build-fuzz/corpus fuzz-artifacts
	cp -n Tests/Fuzz/corpus/* $(EXAMPLES) .build-fuzz/corpus/ 2>/dev/null || true
	SWIFT_BACKTRACE=enable=no .build-fuzz/release/ParserFuzz .build-fuzz/corpus \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	  -print_final_stats=1 -artifact_prefix=fuzz-artifacts/

lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks

format:
	$(SWIFT) format -i -r Sources Tests Benchmarks

clean:
	rm -rf .build .build-fuzz fuzz-artifacts

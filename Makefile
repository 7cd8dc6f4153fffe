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
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN  := .build/release/bulletind
EXAMPLES     := $(sort $(wildcard Examples/bulletins/*.txt Examples/bulletins/*.html))

.PHONY: all deps build run test bench fuzz fuzz-build lint format clean

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

# Until the daemon lands, `run` parses the bundled example bulletins (our own writing), stores
# the 2024 work report and its revision as two versions of one source in a fresh state directory
# (.run-state), and shows the snapshot, the indicators that changed and the events queued.
RUN_STATE := .run-state
run: build
	@for f in $(EXAMPLES); do \
	  echo; echo "== $$f"; $(RELEASE_BIN) parse "$$f" || exit 1; \
	done
	@rm -rf $(RUN_STATE)
	@echo; echo "== snapshots: the report, then its revision, into $(RUN_STATE)"
	$(RELEASE_BIN) ingest --state $(RUN_STATE) --region 河西市 hexi-report \
	  Examples/bulletins/hexi-2024-work-report.txt Examples/bulletins/hexi-2024-work-report-revised.txt
	$(RELEASE_BIN) history --state $(RUN_STATE) hexi-report
	@echo; echo "== what changed"
	$(RELEASE_BIN) diff --state $(RUN_STATE) hexi-report
	@echo; echo "== events queued for notification"
	$(RELEASE_BIN) events --state $(RUN_STATE) --source hexi-report
	$(RELEASE_BIN) verify --state $(RUN_STATE)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	.build/debug/ParserFuzz Tests/Fuzz/corpus Tests/Fixtures Examples/bulletins

bench: deps
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  [ -x /usr/sbin/nginx ] && [ -x /usr/bin/curl ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; }; \
	fi
	$(SWIFT) build -c release --product ParserBenchmark
	$(SWIFT) build -c release --product FetchBenchmark
	$(SWIFT) build -c release --product StoreBenchmark
	.build/release/ParserBenchmark --megabytes $(BENCH_MB) --runs $(BENCH_RUNS) $(wildcard Examples/bulletins/*.txt)
	.build/release/FetchBenchmark --runs $(BENCH_RUNS)
	.build/release/StoreBenchmark --versions $(BENCH_VERSIONS) $(wildcard Examples/bulletins/*.txt)

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

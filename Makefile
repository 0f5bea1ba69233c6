# kinhphi — the two quick-start commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
SYSTEM_PACKAGES := libxlsxwriter-dev zlib1g-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/kinhphi
YEAR ?= 2022
# `make install` puts the release build in $(PREFIX)/bin and the report templates in
# $(PREFIX)/share/kinhphi/Templates, where the program looks for them (DESTDIR for packaging).
PREFIX ?= /usr/local

.PHONY: deps build demo test check-imports golden bench bench-web fuzz format lint clean install uninstall serve browser-test recalc-check

# Installs the system packages libxlsxwriter needs, only when one is missing.
deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build

# The main job on the sample workspace: check every year (the sample's 2023 has one error finding on
# purpose, so check's exit status 1 is expected here), then write the year's settlement workbook and JSON.
demo: build
	@mkdir -p out
	@$(BIN) check SampleData/chiem-hoa || test $$? -eq 1  # 1 = error findings, shown above
	$(BIN) settle SampleData/chiem-hoa --year $(YEAR) -o out/quyet-toan-$(YEAR).xlsx
	$(BIN) settle SampleData/chiem-hoa --year $(YEAR) --json out/quyet-toan-$(YEAR).json
	@echo "→ out/quyet-toan-$(YEAR).xlsx, out/quyet-toan-$(YEAR).json"

# Builds the binary first: the CLI tests run it on SampleData. Every target's imports are checked
# against Package.swift first (scripts/check-imports.py; the compiler's own check misses some).
test: build check-imports
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Fails on an import of a module a target does not declare (and proves it catches a planted one).
check-imports:
	python3 scripts/check-imports.py --self-test
	python3 scripts/check-imports.py

# Every workbook scripts/render-workbooks.sh writes from SampleData, opened by LibreOffice with a full
# recalculation: each formula's cached value must be what LibreOffice computes (needs libreoffice-calc;
# not part of CI, which does not install it). --self-test proves a wrong cached đồng is caught.
recalc-check: build
	scripts/render-workbooks.sh out/render
	python3 scripts/recalc-check.py --self-test out/render/xlsx/*.xlsx

# The workspace as a web page (kinhphi serve) on the sample data: open http://127.0.0.1:8080/.
serve: build
	$(BIN) serve SampleData/chiem-hoa --port $(or $(PORT),8080)

# The page in headless Chromium (Debian's chromium, chromium-driver, python3-selenium; .ci/run installs
# them): dashboard, a malformed upload, a good one confirmed, the workbook downloaded and read back.
# SCREENSHOTS=docs/web also saves a picture of each page.
browser-test: build
	/usr/bin/python3 Tests/Browser/web_test.py --kinhphi $(BIN) $(if $(SCREENSHOTS),--screenshots $(SCREENSHOTS))

# Rewrites the golden workbook parts from the current code; review `git diff Tests/` before committing.
golden: build
	KINHPHI_UPDATE_GOLDEN=1 $(SWIFT) test --filter GoldenWorkbookTests
	@git status --short Tests/SettlementReportsTests/Golden

# The benchmark suite: release builds, W1–W4 and the bare-writer floor, one table (docs/performance.md),
# then `kinhphi serve` under wrk (bench-web).
bench: deps
	Benchmarks/run.sh
	Benchmarks/web/run.sh

# `kinhphi serve` on the sample and on a 1M-payment workspace, each page under wrk (Debian's wrk):
# latency percentiles and requests/s against the issue's targets (docs/performance.md).
bench-web: deps
	Benchmarks/web/run.sh

install: deps
	$(SWIFT) build -c release --product kinhphi
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/kinhphi/Templates"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/kinhphi" "$(DESTDIR)$(PREFIX)/bin/kinhphi"
	install -m 644 Templates/*.yaml "$(DESTDIR)$(PREFIX)/share/kinhphi/Templates/"
	@echo "→ $(DESTDIR)$(PREFIX)/bin/kinhphi (templates in $(DESTDIR)$(PREFIX)/share/kinhphi/Templates)"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/kinhphi"
	rm -rf "$(DESTDIR)$(PREFIX)/share/kinhphi"

# The long fuzz run (docs/fuzzing.md): the seeded driver of Tests/FuzzTests for FUZZ_MINUTES (default 30),
# every reader, a new seed per chunk; prints inputs, crashes and hangs per reader. libFuzzer: Fuzz/run-libfuzzer.sh.
fuzz: deps
	Fuzz/long-run.sh

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(SWIFT) format lint -r Sources Tests Package.swift

clean:
	rm -rf .build out

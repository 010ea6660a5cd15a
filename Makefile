# policy-tracker: set-up, build, run and test.
#   make run   install what is missing, build (release), run the main job on the shipped data
#   make test  install what is missing, run every test (Swift, luacheck)
#   make example  build and run Examples/StatusChanges (an app on the public API) on the shipped data
#   make docs  build the DocC archives of PolicyKit and PolicyLua (warnings are errors)
#   make public-api  count the libraries' public declarations; fail on one undocumented or uncurated
#   make screenshot  render matrix.html with headless Chromium to screenshots/ (PNG and PDF)
#   make xlsx-check  open matrix.xlsx and status.xlsx with LibreOffice headless: PDF and PNG in screenshots/

SWIFT        ?= swift
APT_PACKAGES := liblua5.4-dev pkg-config lua5.4 lua-check zlib1g-dev
PY_MODULES   := jsonschema yaml openpyxl
RELEASE_BIN  := .build/release/policy-tracker

.PHONY: all setup build run test public-api lint-lua lint-lua-boundary docs example clean screenshot xlsx-check bench-build bench-quick bench tsan fuzz

all: build

# Installs the Debian packages and Python modules that are missing; silent when nothing is.
setup:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
	@python3 -c 'import jsonschema, yaml, openpyxl' 2>/dev/null || { \
	  echo "installing: python jsonschema pyyaml openpyxl"; \
	  python3 -m pip install --quiet jsonschema pyyaml openpyxl; }

build: setup
	$(SWIFT) build -c release --product policy-tracker

run: build
	$(RELEASE_BIN) check
	$(RELEASE_BIN) matrix; status=$$?; [ $$status -le 1 ] || exit $$status
	$(RELEASE_BIN) matrix --format html --output matrix.html; [ $$? -le 1 ]
	@echo "wrote $(CURDIR)/matrix.html (open it in a browser; make screenshot renders it to screenshots/)"
	$(RELEASE_BIN) status; status=$$?; [ $$status -le 1 ] || exit $$status

# Renders matrix.html with headless Chromium (Debian's chromium, installed when missing) to
# screenshots/matrix-desktop.png (1400 px wide), matrix-phone.png (390 px) and matrix.pdf (A4 landscape).
screenshot: build
	@command -v chromium >/dev/null 2>&1 || { \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "installing: chromium"; \
	  $$sudo apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null || exit 1; }
	$(RELEASE_BIN) matrix --format html --output matrix.html; [ $$? -le 1 ]
	@mkdir -p screenshots
	scripts/screenshot.sh matrix.html screenshots
	@echo "wrote screenshots/matrix-desktop.png, screenshots/matrix-phone.png and screenshots/matrix.pdf"

# Writes matrix.xlsx and status.xlsx, converts them with LibreOffice headless (Debian's
# libreoffice-calc, installed when missing) to PDF and renders each first page with pdftoppm to
# screenshots/matrix-xlsx-1.png and screenshots/status-xlsx-1.png. Not part of make test.
xlsx-check: build
	@command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "installing: libreoffice-calc poppler-utils"; \
	  $$sudo apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends libreoffice-calc poppler-utils >/dev/null || exit 1; }
	$(RELEASE_BIN) matrix --format xlsx --output matrix.xlsx; [ $$? -le 1 ]
	$(RELEASE_BIN) status --format xlsx --output status.xlsx; [ $$? -le 1 ]
	scripts/xlsx-check.sh matrix.xlsx screenshots
	scripts/xlsx-check.sh status.xlsx screenshots

# Benchmarks (release build; see BENCHMARKS.md). bench-quick takes a few minutes and prints,
# among its output, "host/interpreter ratio: X.XX", "speed-up 1->2 workers: X.XX" and
# "public call/interpreter ratio: X.XX".
bench-build: setup
	$(SWIFT) build -c release --product policy-tracker
	$(SWIFT) build -c release --product policy-bench

bench-quick: bench-build
	scripts/bench.sh quick

bench: bench-build
	scripts/bench.sh 10 100 1000 5000

test: setup lint-lua lint-lua-boundary docs public-api
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory example

# The example app (a package of its own that depends on this one by path, public API only):
# built in .build-example, run on the shipped data for P6 and P7; its output and matrix checked.
EXAMPLE_OUT := .build-example/out
example: setup
	cd Examples/StatusChanges && $(SWIFT) build --scratch-path ../../.build-example
	@rm -rf $(EXAMPLE_OUT) && mkdir -p $(EXAMPLE_OUT)
	.build-example/debug/StatusChanges . P6 P7 $(EXAMPLE_OUT) > $(EXAMPLE_OUT)/stdout.txt
	@grep -q "instruments changed status" $(EXAMPLE_OUT)/stdout.txt
	@python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); assert m["schema_version"] >= 1 and m["periods"] and m["partners"], m.keys()' $(EXAMPLE_OUT)/matrix.json
	@grep -q "</html>" $(EXAMPLE_OUT)/matrix.html
	@echo "example: $$(grep "changed status" $(EXAMPLE_OUT)/stdout.txt)"

# The DocC catalogues of the libraries (swift-docc-plugin); any warning fails the build.
# Archives: .build/plugins/Swift-DocC/outputs/PolicyKit.doccarchive, PolicyLua.doccarchive, PolicyWorkbook.doccarchive.
docs: setup
	$(SWIFT) package generate-documentation --target PolicyKit --target PolicyLua --target PolicyWorkbook --warnings-as-errors
	@for article in policykit/instrumentfileformat policykit/theprogressmatrix policykit/thestandardrules policykit/thereportingcompleteness policykit/evaluationresults policykit/editionsanddiff policylua/thesandbox policylua/callingluafromswift; do \
	  archive=$$(echo $$article | sed 's#/.*##; s#policykit#PolicyKit#; s#policylua#PolicyLua#'); \
	  test -f .build/plugins/Swift-DocC/outputs/$$archive.doccarchive/data/documentation/$$article.json \
	    || { echo "docs: the article $$article is missing from the archive"; exit 1; }; \
	done

# The libraries' public declarations counted from their symbol graphs; fails when one has no
# documentation comment or a public type is in no DocC topic group (--list lists them).
public-api: setup
	scripts/public-api.sh --check

lint-lua: setup
	cd plugins && luacheck --quiet --no-color .

# Only Sources/PolicyLua/Runtime/LuaState.swift calls Lua's C API (DESIGN.md "The Lua boundary").
lint-lua-boundary:
	scripts/lint-lua-boundary.sh

# The time budget's stress suite (thousands of short calls on 2 threads with a tiny budget)
# under ThreadSanitizer (a separate build folder). Only that suite: ThreadSanitizer delivers a
# signal when the thread next enters an intercepted function, so a script that loops without
# allocating (`while true do end`) is never stopped under it; the stress suite's calls allocate.
TSAN_TESTS := TimeBudgetStressTests
tsan: setup
	TSAN_OPTIONS="halt_on_error=1" $(SWIFT) test --sanitize=thread --scratch-path .build/tsan --filter '$(TSAN_TESTS)'

# The libFuzzer targets (Sources/fuzz-loader, Sources/fuzz-plugin-results), FUZZ_SECONDS each
# (not part of make test). A crash leaves its input in .build/fuzz/artifacts/: copy it to
# Tests/Fuzz/<target>/ (replayed by make test) and fix the cause.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address
FUZZ_BIN = $(shell $(SWIFT) build --scratch-path .build/fuzz --show-bin-path)
fuzz: setup
	$(SWIFT) build --scratch-path .build/fuzz --product fuzz-loader $(FUZZ_FLAGS)
	$(SWIFT) build --scratch-path .build/fuzz --product fuzz-plugin-results $(FUZZ_FLAGS)
	@mkdir -p .build/fuzz/corpus/loader .build/fuzz/corpus/plugin-results .build/fuzz/artifacts
	@for file in instruments/*.yaml Tests/PolicyKitTests/Fixtures/invalid/*/*.yaml; do \
	  cp "$$file" ".build/fuzz/corpus/loader/$$(echo "$$file" | tr / _)"; done
	$(FUZZ_BIN)/fuzz-loader -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 \
	  -artifact_prefix=.build/fuzz/artifacts/loader- .build/fuzz/corpus/loader Tests/Fuzz/loader
	$(FUZZ_BIN)/fuzz-plugin-results -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 \
	  -artifact_prefix=.build/fuzz/artifacts/plugin-results- .build/fuzz/corpus/plugin-results Tests/Fuzz/plugin-results

clean:
	rm -rf .build

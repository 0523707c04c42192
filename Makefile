# motion-export: `make` builds and converts samples/ into every format; `make test` runs the tests.
SHARED_DIR ?= ../shared
AKN_XSD ?= $(SHARED_DIR)/reference/akn30/akomantoso30.xsd
export SHARED_DIR AKN_XSD

CARGO ?= cargo
# Where cargo puts the binary: $(CARGO_TARGET_DIR) when set, else target/.
BIN := $(or $(CARGO_TARGET_DIR),target)/release/motion-export
OUT ?= out
# Reproducible dates for motions that state none.
SOURCE_DATE_EPOCH ?= 0
export SOURCE_DATE_EPOCH

# The SARIF 2.1.0 JSON schema the report tests validate against, from the npm registry.
SARIF_SCHEMA ?= $(CURDIR)/target/test-schemas/sarif-2.1.0.json
SARIF_NPM := @microsoft/jest-sarif@1.0.0-beta.0
export SARIF_SCHEMA

# The Nu Html Checker the HTML tests run (`html::html_passes_the_nu_html_checker`), and for
# `make test-browser` axe-core and puppeteer-core (which drives Debian's Chromium; it downloads no
# browser), all from the npm registry, into HTML_TOOLS; Java runs the checker.
HTML_TOOLS ?= $(CURDIR)/target/html-tools
VNU_JAR := $(HTML_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
VNU_NPM := vnu-jar@26.9.27
BROWSER_NPM := axe-core@4.14.1 puppeteer-core@24.43.1
export VNU_JAR

# A font without Cyrillic, for the missing-glyph test (`pdf.rs`), from fonts-dejavu-extra.
MATH_FONT := /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf

# Debian packages the tests use, by the command each provides.
TOOLS := xmllint:libxml2-utils pdftotext:poppler-utils pdffonts:poppler-utils pdftoppm:poppler-utils qpdf:qpdf valgrind:valgrind parallel:parallel

.PHONY: build-deps api-docs snapshot all build samples test lib-alone test-office office-deps test-browser browser-deps deps check bench bench-peer docs clean fuzz fuzz-corpus

all: samples

build: build-deps
	$(CARGO) build --release --locked

# What the program needs besides Rust, installed when missing (apt-get; sudo when not root): `check`
# validates Akoma Ntoso against XSDs with libxml2 (the `schema` feature, on in the command), which
# it opens at run time (`libxml2.so.2`; no headers or bindings are needed to build). Without dpkg
# (not Debian or Ubuntu), install the same with the system's package manager.
BUILD_PACKAGES := libxml2
build-deps:
	@command -v dpkg >/dev/null 2>&1 || exit 0; \
	missing=""; for p in $(BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing what the build needs:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } \
	  || { echo "cannot install$$missing: install them (libxml2) and run make again"; exit 1; }; \
	fi

samples: build
	$(BIN) convert samples/ -o $(OUT) --format xml,pdf,docx,html

# The page images shown in the README: the seed motion's cover and second page, from our PDF and
# from our DOCX as LibreOffice lays it out (installs LibreOffice as `make test-office` does), and
# its HTML in Chromium at a phone's width and a desktop's.
DOCS_SEED := B9-0146-2021_EN
docs: samples office-deps browser-deps
	rm -rf target/docs-office && soffice --headless --convert-to pdf --outdir target/docs-office $(OUT)/$(DOCS_SEED).docx >/dev/null
	for n in 1 2; do \
	  pdftoppm -png -r 50 -f $$n -l $$n -singlefile $(OUT)/$(DOCS_SEED).pdf docs/pdf-page-$$n; \
	  pdftoppm -png -r 50 -f $$n -l $$n -singlefile target/docs-office/$(DOCS_SEED).pdf docs/docx-page-$$n; \
	done
	NODE_PATH=$(HTML_TOOLS)/node_modules node tests/browser/check.js shots $(OUT)/$(DOCS_SEED).html docs

# Chromium (Debian's) and the npm tools that drive it and check the pages' accessibility.
browser-deps: deps
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@test -d $(HTML_TOOLS)/node_modules/axe-core -a -d $(HTML_TOOLS)/node_modules/puppeteer-core \
	  || npm install --silent --no-audit --no-fund --prefix $(HTML_TOOLS) $(VNU_NPM) $(BROWSER_NPM)

# Every sample's HTML (samples/ and samples/languages/) opened in headless Chromium: no WCAG 2.1
# AA violation by axe-core's rules, no request outside the file.
test-browser: build browser-deps
	rm -rf $(OUT)/browser
	$(BIN) convert -q --format html -o $(OUT)/browser samples/
	NODE_PATH=$(HTML_TOOLS)/node_modules node tests/browser/check.js axe $$(find $(OUT)/browser -name '*.html' | sort)

# Every output the tool makes of samples/, the corpus, the body fixtures and the bench's
# generated batch, into SNAPSHOT: run before and after a change that must not change
# behaviour, then `diff -r` the two folders.
SNAPSHOT ?= target/snapshot
BENCH_BATCH := $(CURDIR)/target/bench-batch
snapshot: build
	rm -rf $(SNAPSHOT) && mkdir -p $(SNAPSHOT)
	MOTION_EXPORT_WRITE_BATCH=$(BENCH_BATCH) $(CARGO) bench --locked --bench throughput >/dev/null
	for src in samples $(SHARED_DIR)/corpus/ep tests/fixtures/body_shapes $(BENCH_BATCH); do \
	  name=$$(basename $$src); \
	  $(BIN) convert --force --format xml,pdf,docx,html -o $(SNAPSHOT)/$$name $$src >/dev/null 2>&1; \
	  $(BIN) check --report-format json $$src > $(SNAPSHOT)/$$name.check.json 2>/dev/null; \
	  NO_COLOR=1 $(BIN) check $$src 2>&1 | sed "s/ in [0-9.]* s (.*)//" > $(SNAPSHOT)/$$name.check.txt; \
	  (cd $(SNAPSHOT) && $(abspath $(BIN)) check $$name --report-format json > $$name.xml-check.json) 2>/dev/null; \
	  for f in $$src/*.txt; do $(BIN) dump $$f > $(SNAPSHOT)/$$name.$$(basename $$f).dump.json 2>/dev/null; done; \
	done; true

check: build
	$(BIN) check samples/

test: deps lib-alone api-docs
	$(CARGO) test --release --locked --workspace

# The library's documentation builds without a warning (every public item documented, links
# resolve); its examples run as doc tests in `cargo test`.
api-docs:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --lib --locked

# The library without its default features (`cli`, `pdf`, `docx`): the reader, validator and AKN
# exporter, which a service can embed. Its unit tests pass and it pulls in at most
# LIB_MAX_PACKAGES packages (`cargo tree -e normal`, itself included).
LIB_MAX_PACKAGES := 25
lib-alone:
	$(CARGO) test --release --locked --lib --no-default-features
	@n=$$($(CARGO) tree --locked -e normal --no-default-features --prefix none | sed 's/ (\*)//' | sort -u | wc -l); \
	echo "the library alone: $$n packages (at most $(LIB_MAX_PACKAGES))"; test $$n -le $(LIB_MAX_PACKAGES)

bench: build
	$(CARGO) bench --locked --bench throughput

# The comparison with the peer bluebell-akn 5.0 and its Rust extension (issue 18): installs both
# from PyPI into target/bench-peer/venv (needs the network; not part of `make test`), converts
# 1,000 copies of the seed with each, and prints docs/s and the ratios against the targets.
bench-peer: build
	benches/peer/peer.sh $(BIN)

# The DOCX tests read the documents with python-docx and audit them with openxml-audit.
PY_DEPS := python-docx==1.2.0 openxml-audit==0.8.0

# LibreOffice, the face the DOCX names (Times New Roman's metrics: Liberation Serif, which
# fontconfig substitutes for it) and the hyphenation patterns of the EU languages Debian has.
OFFICE_PACKAGES := libreoffice-writer-nogui fonts-liberation2 $(foreach l,bg cs da de el en-gb en-us es et fr hr hu it lt lv nl pl pt-pt ro sk sl sv,hyphen-$(l))

# `make test` plus the LibreOffice round trip of every DOCX: every word back, and as many pages
# as the PDF; and of compare's DOCX redlines: both versions' words shown, each in order (both
# tests' names start with libreoffice_reads_every_word; installs LibreOffice; large).
test-office: deps office-deps
	MOTION_EXPORT_OFFICE=1 $(CARGO) test --release --locked --test testsuite libreoffice_reads_every_word -- --nocapture

# LibreOffice, Liberation and the hyphenation patterns, when missing (apt-get; sudo when not root).
office-deps:
	@missing=""; for p in $(OFFICE_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

# Installs what the build and the tests need when missing (apt-get; sudo when not root; pip).
deps: build-deps
	@missing=""; for t in $(TOOLS); do cmd=$${t%%:*}; pkg=$${t##*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@test -f $(MATH_FONT) || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-dejavu-extra >/dev/null; }
	@python3 -c "import docx, openxml_audit" 2>/dev/null || python3 -m pip install --quiet $(PY_DEPS)
	@command -v java >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }
	@test -f "$(VNU_JAR)" || npm install --silent --no-audit --no-fund --prefix $(HTML_TOOLS) $(VNU_NPM) \
	  || { echo "cannot install the Nu Html Checker ($(VNU_NPM)) with npm"; exit 1; }
	@test -f "$(SARIF_SCHEMA)" || { mkdir -p $(dir $(SARIF_SCHEMA)) && cd $(dir $(SARIF_SCHEMA)) \
	  && npm pack --silent $(SARIF_NPM) >/dev/null 2>&1 && tar xzf microsoft-jest-sarif-*.tgz \
	  && mv package/lib/schemas/sarif-2.1.0-rtm.5.json $(SARIF_SCHEMA) && rm -rf package microsoft-jest-sarif-*.tgz; } \
	  || { echo "cannot fetch the SARIF schema ($(SARIF_NPM)) with npm"; exit 1; }
	@test -f "$(AKN_XSD)" || { echo "AKN_XSD=$(AKN_XSD) not found: put ../shared beside the checkout or set AKN_XSD (see README)"; exit 1; }

# Fuzzing (see FUZZING.md): each target in turn for FUZZ_SECONDS, one process each. cargo-fuzz
# needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
FUZZ_SECONDS ?= 60
# One name per fuzz/fuzz_targets/<name>.rs.
FUZZ_TARGETS ?= read_bytes mutate_motion export_model check_xml render_text
FUZZ_SANITIZER ?= address
# -len_control=0: try long inputs from the start (a slow target otherwise stays at a few bytes).
FUZZ_FLAGS ?= -timeout=30 -len_control=0 -print_final_stats=1

fuzz: build fuzz-corpus
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run --sanitizer $(FUZZ_SANITIZER) $$t corpus/$$t \
	    -- -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS)) || exit 1; \
	done

# The seed corpus in fuzz/corpus/ (not committed): fuzz/seeds/<target>/, the samples for
# read_bytes, and for mutate_motion one byte per embedded sample (that sample, unedited).
fuzz-corpus:
	for t in $(FUZZ_TARGETS); do mkdir -p fuzz/corpus/$$t; \
	  if [ -d fuzz/seeds/$$t ]; then cp fuzz/seeds/$$t/* fuzz/corpus/$$t/; fi; \
	done
	mkdir -p fuzz/corpus/read_bytes fuzz/corpus/mutate_motion fuzz/corpus/render_text
	cp samples/*.txt samples/languages/*.txt fuzz/corpus/read_bytes/
	cp samples/*.txt fuzz/corpus/render_text/
	for i in $$(seq 0 27); do printf "\\$$(printf %03o $$i)" > fuzz/corpus/mutate_motion/sample-$$i; done
	mkdir -p fuzz/corpus/check_xml
	$(BIN) convert -q --format xml -o fuzz/corpus/check_xml samples/ || true
	rm -f fuzz/corpus/check_xml/.motion-export.manifest.json
	cp $(SHARED_DIR)/reference/akn30/example-motion.xml fuzz/corpus/check_xml/ 2>/dev/null || true

clean:
	$(CARGO) clean
	rm -rf $(OUT)

# ddor2csv — build, test and demo.
#
#   make demo      install what is missing, build, convert the bundled report
#   make check     install what is missing, build, run every test
#   make asan      the test suite under AddressSanitizer + UBSan
#   make valgrind  memcheck on the demo conversion
#   make bench     speed and memory against pdftotext, one report and an archive
#   make sweep     convert SWEEP_COUNT (320) made-up layouts, cairo- and
#                  LibreOffice-made, and score every dataset against its truth
#   make fixtures  regenerate the test PDFs from their ground truth
#   make install   PREFIX=/usr/local (binary and man page)

VERSION  := 0.1.0
PREFIX   ?= /usr/local
BUILD    ?= build
CC       ?= cc
PKGS     := poppler-glib libpcre2-8 cairo sqlite3 xlsxwriter
OPT      ?= -O2 -g
# make Q= shows the full compiler commands
Q        ?= @
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DDDOR_VERSION='"$(VERSION)"'
CFLAGS   += -std=c11 -Wall -Wextra -Werror $(OPT)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
ISO_JSON ?= /usr/share/iso-codes/json

LIB_SRC  := $(sort $(wildcard extract/*.c parse/*.c emit/*.c explain/*.c convert/*.c archive/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
GEN_SRC  := $(sort $(wildcard fixtures/gen/*.c))

LIB_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/parse/iso3166.gen.o
CLI_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(CLI_SRC))
TEST_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRC))
GEN_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(GEN_SRC))

BIN      := $(BUILD)/ddor2csv
# The same program with its fault switch on, for the tests of worker
# isolation only (cli/fault.h); it is never installed.
FAULTS_BIN := $(BUILD)/ddor2csv-faults
FAULTS_OBJ := $(filter-out $(BUILD)/cli/fault.o,$(CLI_OBJ)) $(BUILD)/faults/cli/fault.o
TESTBIN  := $(BUILD)/ddor2csv-tests
GENBIN   := $(BUILD)/ddor-fixture-gen
# The layout sweep's scorer; its matching (SWEEP_OBJ) is linked into the
# test binary too, which tests it.
SCOREBIN := $(BUILD)/ddor-sweep-score
SWEEP_OBJ := $(BUILD)/tests/sweep/scoring.o
DEMO_PDF := fixtures/reports/weekly-1.pdf

.PHONY: all deps demo check test asan valgrind bench bench-run sweep sweep-run fixtures install clean
all: $(BIN)

deps:
	@sh scripts/install-deps

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

# ISO 3166 country names come from Debian's iso-codes, turned into C at build time.
$(BUILD)/parse/iso3166.gen.c: scripts/iso3166-to-c.awk $(ISO_JSON)/iso_3166-1.json $(ISO_JSON)/iso_3166-2.json
	@mkdir -p $(dir $@)
	awk -f scripts/iso3166-to-c.awk $(ISO_JSON)/iso_3166-1.json $(ISO_JSON)/iso_3166-2.json > $@.tmp && mv $@.tmp $@

$(BUILD)/parse/iso3166.gen.o: $(BUILD)/parse/iso3166.gen.c
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Iparse -c $< -o $@

$(BIN): $(LIB_OBJ) $(CLI_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/faults/cli/fault.o: cli/fault.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (faults on)"
	$(Q)$(CC) $(CPPFLAGS) -DDDOR_FAULTS $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(FAULTS_BIN): $(LIB_OBJ) $(FAULTS_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The tests read the JSON the program writes with json-glib, a reader that
# is not the program's own (tests/json_strict.h); only the test binary
# links it.  Set on the objects, not on the binary: a target's variables
# reach its prerequisites, and the library objects must not change.
TEST_JSON := json-glib-1.0
$(TEST_OBJ): PKG_CFLAGS += $(shell pkg-config --cflags $(TEST_JSON) 2>/dev/null)

# The byte form of results and the escaping of diagnostics are the pieces
# of cli/ tested in-process.
$(TESTBIN): $(LIB_OBJ) $(TEST_OBJ) $(BUILD)/cli/result_codec.o $(BUILD)/cli/line_escape.o $(SWEEP_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs $(TEST_JSON)) -lcunit

$(GENBIN): $(GEN_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(shell pkg-config --libs cairo glib-2.0) -lcsv -lm

$(GEN_OBJ): PKG_CFLAGS += $(shell pkg-config --cflags cairo glib-2.0 2>/dev/null)

demo: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) -o ddor-csv $(DEMO_PDF)
	@sh scripts/demo-summary ddor-csv

check: deps
	@$(MAKE) --no-print-directory test

test: $(BIN) $(FAULTS_BIN) $(TESTBIN)
	DDOR2CSV=$(BIN) DDOR2CSV_FAULTS=$(FAULTS_BIN) ./$(TESTBIN)

asan:
	@LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 DDOR2CSV_SANITIZED=1 \
	$(MAKE) --no-print-directory BUILD=build-asan OPT='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' test

# Memcheck on the demo (its CSV, workbook and database), and on a report
# with an unparsed line drawn with --explain; a worker's errors fail its
# input, so they fail the run too.
VALGRIND := valgrind --error-exitcode=1 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --suppressions=scripts/valgrind.supp
valgrind: $(BIN)
	$(VALGRIND) ./$(BIN) -q --force --format csv,xlsx,sqlite -o $(BUILD)/valgrind-out $(DEMO_PDF)
	$(VALGRIND) ./$(BIN) -q --force -o $(BUILD)/valgrind-out \
	    --explain $(BUILD)/valgrind-pages fixtures/flawed/reports/unparsed-line.pdf

# The benchmark's inputs are generated, not committed: 200 reports of mixed
# editions and layouts, and one report of 5,000 declined rows.
BENCH_DIR     := $(BUILD)/bench
BENCH_ARCHIVE := $(BENCH_DIR)/archive
BENCH_BIG     := $(BENCH_DIR)/big-5000.pdf
MEASURE       := $(BUILD)/measure

$(MEASURE): bench/measure.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS) -o $@ $<

$(BENCH_ARCHIVE)/.generated: $(GENBIN)
	rm -rf $(BENCH_ARCHIVE)
	mkdir -p $(BENCH_ARCHIVE)
	$(GENBIN) archive $(BENCH_ARCHIVE) 200 1
	@touch $@

$(BENCH_BIG): $(GENBIN)
	@mkdir -p $(dir $@)
	$(GENBIN) big-report $@ 5000

bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: $(BIN) $(MEASURE) $(BENCH_ARCHIVE)/.generated $(BENCH_BIG)
	@sh bench/run $(BIN) $(MEASURE) $(DEMO_PDF) $(BENCH_BIG) $(BENCH_ARCHIVE)

# The layout sweep: made-up reports in layouts drawn across the generator's
# whole range, cairo- and LibreOffice-made (install-deps sweep adds
# LibreOffice), converted and scored into $(SWEEP_DIR); tests/sweep/run
# prints the table and the failing layouts, and fails when any fails.
SWEEP_COUNT ?= 320
SWEEP_SEED  ?= 1
SWEEP_JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
SWEEP_DIR   := $(BUILD)/sweep

$(SCOREBIN): $(BUILD)/tests/sweep/score.o $(SWEEP_OBJ) $(BUILD)/tests/fuzz/csv_read.o \
	     $(BUILD)/tests/testkit.o $(LIB_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

sweep:
	@sh scripts/install-deps sweep
	@$(MAKE) --no-print-directory sweep-run

sweep-run: $(BIN) $(GENBIN) $(SCOREBIN)
	@SWEEP_SCORE=$(SCOREBIN) sh tests/sweep/run $(GENBIN) $(BIN) $(SWEEP_DIR) \
	    $(SWEEP_COUNT) $(SWEEP_SEED) $(SWEEP_JOBS)

fixtures: $(GENBIN)
	sh fixtures/make-fixtures $(GENBIN)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ddor2csv
	install -m 644 doc/ddor2csv.1 $(DESTDIR)$(PREFIX)/share/man/man1/ddor2csv.1

clean:
	rm -rf build build-asan ddor-csv

# Fuzzing targets (make fuzz, make fuzz-short) live with their sources.
-include tests/fuzz/fuzz.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(BUILD)/faults/cli/fault.d $(TEST_OBJ:.o=.d) $(GEN_OBJ:.o=.d)
-include $(SWEEP_OBJ:.o=.d) $(BUILD)/tests/sweep/score.d

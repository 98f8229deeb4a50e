# Fuzzing with libFuzzer (included by the top Makefile).
#
#   make fuzz FUZZ_SECONDS=N   each target for N seconds (default 300)
#   make fuzz-short            each target for 30 seconds (CI)
#   make fuzz-seeds            the seed corpus, from fixtures/reports/*.pdf
#   make fuzz-coverage         line coverage of the code under test by the
#                              corpus so far (llvm-cov)
#
# Targets: parser (synthetic pages -> parse -> checks -> datasets) and csv
# (the CSV writer's round trip through libcsv).  Poppler is not fuzzed: the
# parser fuzzer links extract/lines.c only.  Fuzzers are built by clang in
# $(FUZZ_BUILD); the working corpus is kept in $(FUZZ_BUILD)/corpus/<target>,
# crashing inputs land in $(FUZZ_BUILD)/crashes/<target>; once fixed, they
# are kept in tests/fuzz/regressions/<target>/, which the test suite
# replays.  The target logic (tests/fuzz/*_target.c) is linked into the
# test binary too.

FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := parser csv
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)

# The logic shared by the fuzzers and the test binary.
FUZZ_LOGIC   := page_codec csv_read parser_target csv_target
FUZZ_LOGIC_SRC := $(FUZZ_LOGIC:%=tests/fuzz/%.c)

# What each fuzzer links: the stages under test, the logic, its entry point.
FUZZ_PARSER_SRC := extract/lines.c $(sort $(wildcard parse/*.c emit/*.c)) \
                   $(FUZZ_LOGIC_SRC) tests/fuzz/parser_fuzzer.c
FUZZ_CSV_SRC    := emit/csv_writer.c emit/jsonl_cells.c emit/json_text.c emit/utf8_clean.c tests/fuzz/csv_read.c tests/fuzz/csv_target.c \
                   tests/fuzz/csv_fuzzer.c
FUZZ_PARSER_OBJ := $(FUZZ_PARSER_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/parse/iso3166.gen.o
FUZZ_CSV_OBJ    := $(FUZZ_CSV_SRC:%.c=$(FUZZ_BUILD)/%.o)

FUZZ_SEEDS   := $(BUILD)/fuzz-seeds
FUZZ_PDFS    := $(sort $(wildcard fixtures/reports/*.pdf))
SEED_TOOL    := $(BUILD)/pdf-to-seed

.PHONY: fuzz fuzz-short fuzz-build fuzz-seeds fuzz-coverage fuzz-clean

fuzz: fuzz-build fuzz-seeds
	@rc=0; for t in $(FUZZ_TARGETS); do \
	    sh tests/fuzz/run-fuzzer $$t $(FUZZ_SECONDS) $(FUZZ_BUILD) $(FUZZ_SEEDS) || rc=1; \
	done; exit $$rc

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%-fuzzer)

# Entry points get the fuzzer's main; everything else only its coverage.
$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/parse/iso3166.gen.o: $(BUILD)/parse/iso3166.gen.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -Iparse -c $< -o $@

# emit/ holds the workbook and database writers too, which the parser
# target does not call but links.
$(FUZZ_BUILD)/parser-fuzzer: $(FUZZ_PARSER_OBJ)
	@echo "  LINK  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(shell pkg-config --libs libpcre2-8 sqlite3 xlsxwriter) -lcsv

$(FUZZ_BUILD)/csv-fuzzer: $(FUZZ_CSV_OBJ)
	@echo "  LINK  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ -lcsv

# Seeds: the fixture reports' pages for the parser (hand-made seeds of
# both targets are in tests/fuzz/seeds/<target>/).
fuzz-seeds: $(FUZZ_PDFS:fixtures/reports/%.pdf=$(FUZZ_SEEDS)/parser/%.txt)
	@mkdir -p $(FUZZ_TARGETS:%=$(FUZZ_SEEDS)/%)

$(SEED_TOOL): $(LIB_OBJ) $(BUILD)/tests/fuzz/pdf-to-seed.o $(BUILD)/tests/fuzz/page_codec.o
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(FUZZ_SEEDS)/parser/%.txt: fixtures/reports/%.pdf $(SEED_TOOL)
	@mkdir -p $(dir $@)
	./$(SEED_TOOL) $< $(dir $@)

# Coverage: the same fuzzers built with clang's source-based coverage
# instead of the sanitizers, replaying the corpus and the seeds.
FUZZ_COV     := $(FUZZ_BUILD)/cov
FUZZ_COV_CFLAGS := -std=c11 -O1 -g -fprofile-instr-generate -fcoverage-mapping

$(FUZZ_COV)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  COVCC $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_COV_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -Iparse -MMD -MP -c $< -o $@

$(FUZZ_COV)/parser-fuzzer: $(FUZZ_PARSER_SRC:%.c=$(FUZZ_COV)/%.o) $(FUZZ_COV)/$(BUILD)/parse/iso3166.gen.o
	$(Q)$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(shell pkg-config --libs libpcre2-8) -lcsv

$(FUZZ_COV)/csv-fuzzer: $(FUZZ_CSV_SRC:%.c=$(FUZZ_COV)/%.o)
	$(Q)$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -fsanitize=fuzzer -o $@ $^ -lcsv

fuzz-coverage: $(FUZZ_TARGETS:%=$(FUZZ_COV)/%-fuzzer) fuzz-seeds
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	    LLVM_PROFILE_FILE=$(FUZZ_COV)/$$t.profraw $(FUZZ_COV)/$$t-fuzzer -runs=0 \
	        $(FUZZ_BUILD)/corpus/$$t $(FUZZ_SEEDS)/$$t tests/fuzz/seeds/$$t >/dev/null 2>&1 || exit 1; \
	    llvm-profdata merge -o $(FUZZ_COV)/$$t.profdata $(FUZZ_COV)/$$t.profraw || exit 1; \
	    echo "coverage of $$t ($$(ls $(FUZZ_BUILD)/corpus/$$t | wc -l) corpus files):"; \
	    llvm-cov report $(FUZZ_COV)/$$t-fuzzer -instr-profile=$(FUZZ_COV)/$$t.profdata \
	        -ignore-filename-regex='tests/|$(BUILD)/'; \
	done

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

clean: fuzz-clean

# The test binary replays regressions through the same logic.
$(TESTBIN): $(FUZZ_LOGIC_SRC:%.c=$(BUILD)/%.o)

-include $(FUZZ_LOGIC_SRC:%.c=$(BUILD)/%.d) $(BUILD)/tests/fuzz/pdf-to-seed.d
-include $(FUZZ_PARSER_OBJ:.o=.d) $(FUZZ_CSV_OBJ:.o=.d)
-include $(patsubst $(FUZZ_BUILD)/%.o,$(FUZZ_COV)/%.d,$(FUZZ_PARSER_OBJ) $(FUZZ_CSV_OBJ))

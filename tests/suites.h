/* Every CUnit suite of the test binary; each test file defines one or more
 * of these and tests/main.c calls them all. */
#ifndef DDOR_TEST_SUITES_H
#define DDOR_TEST_SUITES_H

void suite_extract(void);    /* tests/test_extract.c: words and lines from PDFs */
void suite_cells(void);      /* tests/test_cells.c: state, date, country, crime */
void suite_layout(void);     /* tests/test_layout.c: lines, headers, rows, page breaks */
void suite_cell_links(void); /* tests/test_cell_links.c: one cell or two, header words */
void suite_emit(void);       /* tests/test_emit.c: CSV quoting, guard, ids, summaries */
void suite_schema(void);     /* tests/test_schema.c: the one schema, tables, formats */
void suite_fixtures(void);   /* tests/test_fixtures.c: every fixture end to end */
void suite_names(void);     /* tests/test_names.c: UTF-8, safe report ids, escaping */
void suite_odd_names(void); /* tests/test_odd_names.c: odd file names end to end */
void suite_errors(void);     /* tests/test_errors.c: bad input */
void suite_bad_inputs(void); /* tests/test_bad_inputs.c: the bad-input corpus, resource bounds */
void suite_codec(void);      /* tests/test_codec.c: results as bytes */
void suite_input(void);      /* tests/test_input.c: reading an input once */
void suite_fuzz_regressions(void); /* tests/test_fuzz_regressions.c: fuzz inputs replayed */
void suite_package(void);    /* tests/test_package.c: datapackage.json, JSON Lines */
void suite_workbook(void);   /* tests/test_workbook.c: the workbook read back, limits */
void suite_database(void);   /* tests/test_database.c: --format sqlite, read back */
void suite_archive(void);    /* tests/test_archive.c: folders, workers, cache */
void suite_archive_folder(void); /* tests/test_archive_folder.c: adding, editions, --remove, --fresh */
void suite_archive_writers(void); /* tests/test_archive_writers.c: one writer, planted links, full disk */
void suite_archive_formats(void); /* tests/test_archive_formats.c: formats switched, stale files taken away */
void suite_interrupted(void); /* tests/test_interrupted.c: runs killed at any moment */
void suite_signals(void);    /* tests/test_signals.c: workers waited for, stopped by signals */
void suite_checks(void);     /* tests/test_checks.c: flawed fixtures, each check */
void suite_explain(void);    /* tests/test_explain.c: page images, index.html */
void suite_explain_paths(void); /* tests/test_explain_paths.c: links planted in --explain */
void suite_sweep_score(void); /* tests/test_sweep_score.c: the layout sweep's scorer */
void suite_sweep(void);      /* tests/test_sweep.c: the committed sweep layouts */

#endif

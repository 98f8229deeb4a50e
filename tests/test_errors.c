/*
 * Bad input: each gives one line "ddor2csv: FILE: reason" on stderr, exit
 * status 1, a reports.csv row with status error and the reason, no stray
 * temporary files, and the other inputs of the run still converted.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expect_failure.h"
#include "suites.h"
#include "testkit.h"

static void test_empty(void) { expect_failure(NULL, "fixtures/bad/empty.pdf", "empty file"); }
static void test_not_pdf(void) { expect_failure(NULL, "fixtures/bad/not-a-pdf.pdf", "not a PDF"); }
static void test_truncated(void) { expect_failure(NULL, "fixtures/bad/truncated.pdf", "truncated or damaged PDF"); }
static void test_encrypted(void) { expect_failure(NULL, "fixtures/bad/encrypted.pdf", "encrypted"); }
static void test_no_text(void) { expect_failure(NULL, "fixtures/bad/no-text.pdf", "no text layer (scanned?)"); }
static void test_not_ddor(void)
{
    expect_failure(NULL, "fixtures/bad/not-a-ddor.pdf", "not a Declined Detainer Outcome Report");
}
static void test_missing(void)
{
    expect_failure(NULL, "fixtures/bad/no-such-file.pdf", "cannot read file: No such file or directory");
}

/* A bad input among good ones: the good ones are converted all the same. */
static void test_bad_among_good(void)
{
    char *dir = tk_tempdir();
    const char *argv[] = { "-q", "-o", dir, "fixtures/reports/weekly-3-a4.pdf",
                           "fixtures/bad/truncated.pdf",
                           "fixtures/reports/weekly-2-landscape.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 1);
    CU_ASSERT_STRING_EQUAL(err ? err : "",
                           "ddor2csv: fixtures/bad/truncated.pdf: truncated or damaged PDF\n");
    char path[512];
    tk_csv got, want3, want2;
    snprintf(path, sizeof path, "%s/declined_detainers.csv", dir);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &got), 0);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read("fixtures/expected/weekly-3-a4/declined_detainers.csv", &want3), 0);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read("fixtures/expected/weekly-2-landscape/declined_detainers.csv", &want2), 0);
    CU_ASSERT_EQUAL(got.nrows, want3.nrows + want2.nrows - 1);
    tk_csv_free(&got);
    tk_csv_free(&want3);
    tk_csv_free(&want2);

    snprintf(path, sizeof path, "%s/reports.csv", dir);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &got), 0);
    /* The failed input is not added: the two reports, in period order. */
    CU_ASSERT_EQUAL_FATAL(got.nrows, 3);
    int status = tk_csv_col(&got, "status"), src = tk_csv_col(&got, "source_file");
    CU_ASSERT_STRING_EQUAL(got.rows[1][status], "ok");
    CU_ASSERT_STRING_EQUAL(got.rows[2][status], "ok");
    CU_ASSERT_STRING_EQUAL(got.rows[1][src], "fixtures/reports/weekly-2-landscape.pdf");
    CU_ASSERT_STRING_EQUAL(got.rows[2][src], "fixtures/reports/weekly-3-a4.pdf");
    tk_csv_free(&got);
    expect_clean_folder(dir);
    free(err);
    tk_rmtree(dir);
    free(dir);
}

/* An output folder that cannot be written: a clear error, exit 1, and the
 * datasets already there are left as they were. */
static void test_unwritable_outdir(void)
{
    char *dir = tk_tempdir();
    char file[512], out[600];
    snprintf(file, sizeof file, "%s/plain-file", dir);
    FILE *f = fopen(file, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("not a folder\n", f);
    fclose(f);
    snprintf(out, sizeof out, "%s/sub", file);
    const char *argv[] = { "-q", "-o", out, "fixtures/reports/weekly-3-a4.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 1);
    char prefix[700];
    snprintf(prefix, sizeof prefix, "ddor2csv: %s: ", out);
    CU_ASSERT(err && strncmp(err, prefix, strlen(prefix)) == 0);
    CU_ASSERT(err && strchr(err, '\n') == err + strlen(err) - 1);   /* one line */
    free(err);

    /* previous datasets survive a failed run */
    const char *good[] = { "-q", "-o", dir, "fixtures/reports/weekly-3-a4.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(good, NULL, NULL), 0);
    char reports[600];
    snprintf(reports, sizeof reports, "%s/reports.csv", dir);
    char *before = tk_slurp(reports, NULL);
    const char *missing_only[] = { "-q", "-o", file, "fixtures/reports/weekly-3-a4.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(missing_only, NULL, NULL), 1);
    char *after = tk_slurp(reports, NULL);
    CU_ASSERT(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);
    tk_rmtree(dir);
    free(dir);
}

void suite_errors(void)
{
    CU_pSuite s = CU_add_suite("bad input", NULL, NULL);
    CU_add_test(s, "empty file", test_empty);
    CU_add_test(s, "not a PDF", test_not_pdf);
    CU_add_test(s, "truncated PDF", test_truncated);
    CU_add_test(s, "encrypted PDF", test_encrypted);
    CU_add_test(s, "no text layer", test_no_text);
    CU_add_test(s, "not a DDOR", test_not_ddor);
    CU_add_test(s, "missing file", test_missing);
    CU_add_test(s, "a bad input among good ones", test_bad_among_good);
    CU_add_test(s, "unwritable output folder", test_unwritable_outdir);
}

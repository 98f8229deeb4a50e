/*
 * Bad input: each gives one line "ddor2csv: FILE: reason" on stderr, exit
 * status 1, a reports.csv row with status error and the reason, no stray
 * temporary files, and the other inputs of the run still converted.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "testkit.h"

/* A cache entry is named by the 64 hex digits of a digest; beside them is
 * the index of the inputs' digests, "files". */
static int is_cache_entry(const char *name)
{
    return strlen(name) == 64 && strspn(name, "0123456789abcdef") == 64;
}

/* Only the datasets, their description and the cache of results, no
 * temporary file left behind in either. */
static void assert_clean_folder(const char *dir)
{
    DIR *d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t n = strlen(e->d_name);
        int cache = strcmp(e->d_name, ".ddor2csv-cache") == 0;
        int dataset = (e->d_name[0] != '.' && n > 4 && !strcmp(e->d_name + n - 4, ".csv")) ||
                      !strcmp(e->d_name, "datapackage.json");
        if (!dataset && !cache)
            fprintf(stderr, "\n  stray file %s/%s\n", dir, e->d_name);
        CU_ASSERT(dataset || cache);
        if (!cache)
            continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        DIR *c = opendir(sub);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        struct dirent *f;
        while ((f = readdir(c))) {
            if (!strcmp(f->d_name, ".") || !strcmp(f->d_name, ".."))
                continue;
            int ours = is_cache_entry(f->d_name) || !strcmp(f->d_name, "files");
            if (!ours)
                fprintf(stderr, "\n  stray file %s/%s\n", sub, f->d_name);
            CU_ASSERT(ours);
        }
        closedir(c);
    }
    closedir(d);
}

static void expect_error(const char *file, const char *reason)
{
    char *dir = tk_tempdir();
    const char *argv[] = { "-q", "-o", dir, file, NULL };
    char *err = NULL;
    int rc = tk_run(argv, NULL, &err);
    CU_ASSERT_EQUAL(rc, 1);
    char want[512];
    snprintf(want, sizeof want, "ddor2csv: %s: %s\n", file, reason);
    if (!err || strcmp(err, want) != 0)
        fprintf(stderr, "\n  want: %s  got:  %s", want, err ? err : "(nothing)\n");
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);

    char path[512];
    snprintf(path, sizeof path, "%s/reports.csv", dir);
    tk_csv csv;
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &csv), 0);
    CU_ASSERT_EQUAL(csv.nrows, 2);
    if (csv.nrows == 2) {
        CU_ASSERT_STRING_EQUAL(csv.rows[1][tk_csv_col(&csv, "status")], "error");
        CU_ASSERT_STRING_EQUAL(csv.rows[1][tk_csv_col(&csv, "message")], reason);
        CU_ASSERT_STRING_EQUAL(csv.rows[1][tk_csv_col(&csv, "source_file")], file);
    }
    tk_csv_free(&csv);
    snprintf(path, sizeof path, "%s/declined_detainers.csv", dir);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &csv), 0);
    CU_ASSERT_EQUAL(csv.nrows, 1);              /* the header alone */
    tk_csv_free(&csv);
    assert_clean_folder(dir);
    free(err);
    tk_rmtree(dir);
    free(dir);
}

static void test_empty(void) { expect_error("fixtures/bad/empty.pdf", "empty file"); }
static void test_not_pdf(void) { expect_error("fixtures/bad/not-a-pdf.pdf", "not a PDF"); }
static void test_truncated(void) { expect_error("fixtures/bad/truncated.pdf", "truncated or damaged PDF"); }
static void test_encrypted(void) { expect_error("fixtures/bad/encrypted.pdf", "encrypted"); }
static void test_no_text(void) { expect_error("fixtures/bad/no-text.pdf", "no text layer (scanned?)"); }
static void test_not_ddor(void)
{
    expect_error("fixtures/bad/not-a-ddor.pdf", "not a Declined Detainer Outcome Report");
}
static void test_missing(void)
{
    expect_error("fixtures/bad/no-such-file.pdf", "cannot read file: No such file or directory");
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
    CU_ASSERT_EQUAL_FATAL(got.nrows, 4);
    int status = tk_csv_col(&got, "status");
    CU_ASSERT_STRING_EQUAL(got.rows[1][status], "ok");
    CU_ASSERT_STRING_EQUAL(got.rows[2][status], "error");
    CU_ASSERT_STRING_EQUAL(got.rows[3][status], "ok");
    tk_csv_free(&got);
    assert_clean_folder(dir);
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

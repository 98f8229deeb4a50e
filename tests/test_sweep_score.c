/*
 * The scorer of the layout sweep (tests/sweep/scoring.c): rows matched
 * as multisets of exact strings, whatever the quoting, through quoted
 * commas, quotes and line breaks; a missing dataset as no rows; and the
 * lines ddor-sweep-score prints for two folders.
 */
#define _XOPEN_SOURCE 700     /* open_memstream */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../emit/emit.h"
#include "sweep/scoring.h"
#include "suites.h"
#include "testkit.h"

static char *scratch;

static int setup(void)
{
    scratch = tk_tempdir();
    return scratch ? 0 : 1;
}

static int cleanup(void)
{
    tk_rmtree(scratch);
    free(scratch);
    return 0;
}

/* Writes TEXT to SCRATCH/NAME and returns the path (malloc'd). */
static char *put(const char *name, const char *text)
{
    char *path = tk_path(scratch, name);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Scores GOT against EXPECTED, both CSV texts; asserts the counts. */
static void check_match(const char *expected, const char *got, long want_expected,
                        long want_extracted, long want_matched)
{
    char *e = put("expected.csv", expected), *g = put("got.csv", got);
    sweep_counts n;
    CU_ASSERT_EQUAL(sweep_match_file(e, g, &n), 0);
    CU_ASSERT_EQUAL(n.expected, want_expected);
    CU_ASSERT_EQUAL(n.extracted, want_extracted);
    CU_ASSERT_EQUAL(n.matched, want_matched);
    free(e);
    free(g);
}

static void test_multiset(void)
{
    const char *expected = "a,b\n1,x\n1,x\n2,y\n";
    check_match(expected, expected, 3, 3, 3);
    /* a duplicated row counts twice: once extracted, it matches once;
     * three times, twice */
    check_match(expected, "a,b\n2,y\n1,x\n", 3, 2, 2);
    check_match(expected, "a,b\n1,x\n1,x\n1,x\n", 3, 3, 2);
    /* order does not matter, extra rows do not match */
    check_match(expected, "a,b\n3,z\n2,y\n1,x\n2,y\n1,x\n", 3, 5, 3);
    check_match(expected, "a,b\n", 3, 0, 0);
    check_match("a,b\n", "a,b\n9,9\n", 0, 1, 0);
}

static void test_fields_as_strings(void)
{
    /* A comma, a quote and a line break inside a quoted field. */
    const char *expected = "a,b\n\"x, \"\"y\"\"\nz\",1\nplain,2\n";
    /* Quoting a field that needs none changes nothing ... */
    check_match(expected, "a,b\n\"x, \"\"y\"\"\nz\",\"1\"\n\"plain\",2\n", 2, 2, 2);
    /* ... but every byte of a field counts: a space for the line break,
     * a trailing space, a number written otherwise. */
    check_match(expected, "a,b\n\"x, \"\"y\"\" z\",1\nplain ,2\n", 2, 2, 0);
    check_match(expected, "a,b\n\"x, \"\"y\"\"\nz\",01\nplain,2\n", 2, 2, 1);
    /* Fields are not run together: "ab","" is not "a","b". */
    check_match("a,b\nab,\n", "a,b\na,b\n", 1, 1, 0);
    /* A row with a field more or less is another row. */
    check_match("a,b\n1,2\n", "a,b\n1,2,\n1\n", 1, 2, 0);
}

static void test_missing_and_broken_files(void)
{
    char *e = put("expected.csv", "a,b\n1,2\n");
    char *missing = tk_path(scratch, "no-such.csv");
    sweep_counts n;
    /* nothing extracted: no rows, and no error */
    CU_ASSERT_EQUAL(sweep_match_file(e, missing, &n), 0);
    CU_ASSERT(n.expected == 1 && n.extracted == 0 && n.matched == 0);
    char *empty = put("empty.csv", "");
    CU_ASSERT_EQUAL(sweep_match_file(e, empty, &n), 0);
    CU_ASSERT(n.expected == 1 && n.extracted == 0 && n.matched == 0);
    /* nothing to compare with: an error */
    CU_ASSERT_EQUAL(sweep_match_file(missing, e, &n), -1);
    /* not CSV: an error, not a score */
    char *broken = put("broken.csv", "a,b\n\"1,2\n");
    CU_ASSERT_EQUAL(sweep_match_file(e, broken, &n), -1);
    char *stray = put("stray.csv", "a,b\n1\"x,2\n");
    CU_ASSERT_EQUAL(sweep_match_file(e, stray, &n), -1);
    free(e);
    free(missing);
    free(empty);
    free(broken);
    free(stray);
}

static void test_other_header(void)
{
    /* The same data rows under other column names: nothing matches. */
    check_match("a,b\n1,2\n", "a,c\n1,2\n", 1, 1, 0);
    check_match("a,b\n1,2\n", "b,a\n1,2\n", 1, 1, 0);
}

/* Writes every dataset into SCRATCH/DIR: ROWS as the data of
 * declined_detainers, REPORT as the one row of reports.csv, one fixed row
 * in each of the others. */
static void put_datasets(const char *dir, const char *rows, const char *report)
{
    char name[256], text[1024];
    char *path = tk_path(scratch, dir);
    CU_ASSERT_EQUAL_FATAL(mkdir(path, 0777), 0);
    free(path);
    for (int i = 0; emit_dataset_names[i]; i++) {
        const char *ds = emit_dataset_names[i];
        if (strcmp(ds, "reports") == 0)
            snprintf(text, sizeof text, "report_id,status,declined_stated,declined_rows,message\n%s\n",
                     report);
        else if (strcmp(ds, "declined_detainers") == 0)
            snprintf(text, sizeof text, "report_id,row,county\n%s", rows);
        else
            snprintf(text, sizeof text, "report_id,value\n2017-02-11,%s\n", ds);
        snprintf(name, sizeof name, "%s/%s.csv", dir, ds);
        free(put(name, text));
    }
}

/* Runs sweep_score_dirs on SCRATCH/EXPECTED and SCRATCH/GOT; returns its
 * output (malloc'd), *rc its result. */
static char *score(const char *expected, const char *got, int *rc)
{
    char *e = tk_path(scratch, expected), *g = tk_path(scratch, got);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    *rc = sweep_score_dirs(out, e, g);
    fclose(out);
    free(e);
    free(g);
    return text;
}

static void test_score_folders(void)
{
    const char *rows = "2017-02-11,1,Travis County\n2017-02-11,2,\"Miami-Dade, FL\"\n";
    put_datasets("want", rows, "2017-02-11,ok,2,2,");
    put_datasets("same", rows, "2017-02-11,ok,2,2,");
    /* one row lost and one misread; a message with a tab and a line break */
    put_datasets("worse", "2017-02-11,1,Travis\n",
                 "2017-02-11,warning,2,1,\"declined count:\treport states 2,\n1 rows extracted\"");

    int rc;
    char *text = score("want", "same", &rc);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(text,
        "dataset\treports\t1\t1\t1\n"
        "dataset\tdeclined_detainers\t2\t2\t2\n"
        "dataset\ttop_jurisdictions\t1\t1\t1\n"
        "dataset\tpolicy_jurisdictions\t1\t1\t1\n"
        "dataset\tcrime_summary\t1\t1\t1\n"
        "dataset\tcountry_summary\t1\t1\t1\n"
        "report\tok\t2\t2\t\n");
    free(text);

    text = score("want", "worse", &rc);
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_STRING_EQUAL(text,
        "dataset\treports\t1\t1\t0\n"
        "dataset\tdeclined_detainers\t2\t1\t0\n"
        "dataset\ttop_jurisdictions\t1\t1\t1\n"
        "dataset\tpolicy_jurisdictions\t1\t1\t1\n"
        "dataset\tcrime_summary\t1\t1\t1\n"
        "dataset\tcountry_summary\t1\t1\t1\n"
        "report\twarning\t2\t1\tdeclined count: report states 2, 1 rows extracted\n");
    free(text);

    /* Nothing written at all: every dataset empty, no report line. */
    text = score("want", "no-such-folder", &rc);
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_PTR_NOT_NULL(text);
    CU_ASSERT(text && strstr(text, "dataset\tdeclined_detainers\t2\t0\t0\n") != NULL);
    CU_ASSERT(text && strstr(text, "report\t") == NULL);
    free(text);

    /* An expected folder without its datasets is no score. */
    text = score("no-such-folder", "same", &rc);
    CU_ASSERT_EQUAL(rc, -1);
    free(text);
}

void suite_sweep_score(void)
{
    CU_pSuite s = CU_add_suite("layout sweep scorer", setup, cleanup);
    CU_add_test(s, "rows matched as a multiset", test_multiset);
    CU_add_test(s, "fields compared as strings", test_fields_as_strings);
    CU_add_test(s, "missing and broken files", test_missing_and_broken_files);
    CU_add_test(s, "another header matches nothing", test_other_header);
    CU_add_test(s, "two folders scored", test_score_folders);
}

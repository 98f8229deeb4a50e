/*
 * The output folder as an archive of reports, end to end: a run adds its
 * inputs' reports to those the folder holds and writes every dataset from
 * all of them; the same bytes are one report however often given; two
 * PDFs of one period are editions of one report; --remove and --fresh
 * take reports out; a failed input changes nothing; a run that adds and
 * removes nothing writes nothing; and a run over ten thousand inputs it
 * knows already is quick.
 *
 * tests/test_archive_writers.c has the other half: one writer at a time,
 * links planted in the folder, a full disk.
 */
#define _XOPEN_SOURCE 700     /* realpath */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "archive_folder.h"
#include "output_folder.h"
#include "suites.h"
#include "testkit.h"

/* The PDF copies (<sha256>.pdf) kept in DIR's archive folder. */
static int kept_copies(const char *dir)
{
    char *state = tk_path(dir, ".ddor2csv");
    DIR *d = opendir(state);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strlen(e->d_name) == 64 + 4 && strcmp(e->d_name + 64, ".pdf") == 0;
    if (d)
        closedir(d);
    free(state);
    return n;
}

/* ---- Adding ----------------------------------------------------------- */

static void test_runs_add(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *all = tk_path(dir, "all");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W1, W2T, NULL), 0);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W3, NULL), 0);
    af_assert_column(out, "report_id", "2017-01-28|2017-02-04|2017-02-11");
    af_assert_column(out, "added", "1|2|3");
    af_assert_column(out, "source_file", W1 "|" W2T "|" W3);
    CU_ASSERT_EQUAL(kept_copies(out), 3);

    /* Two runs make what one run of all three makes, byte for byte. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", all, W1, W2T, W3, NULL), 0);
    CU_ASSERT(af_same_output(out, all));
    free(out);
    free(all);
    tk_rmtree(dir);
    free(dir);
}

/* Reports are in period order whatever order they were added in; a list
 * on standard input (find ... -newer last-run | ddor2csv -o out -) adds
 * to the folder like any other input. */
static void test_period_order_and_list(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W3, NULL), 0);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W1, NULL), 0);
    af_assert_column(out, "report_id", "2017-01-28|2017-02-11");
    af_assert_column(out, "added", "2|1");

    CU_ASSERT_EQUAL(af_run_input(W2T "\n\n", NULL, "-q", "-o", out, "-", NULL), 0);
    af_assert_column(out, "report_id", "2017-01-28|2017-02-04|2017-02-11");
    af_assert_column(out, "added", "2|3|1");
    af_assert_column(out, "source_file", W1 "|" W2T "|" W3);

    /* The rows follow the reports, in the same order. */
    tk_csv csv;
    char *rows = tk_path(out, "declined_detainers.csv");
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(rows, &csv), 0);
    const char *last = "";
    int reports = 0;
    for (size_t r = 1; r < csv.nrows; r++) {
        if (strcmp(csv.rows[r][0], last) != 0) {
            CU_ASSERT(strcmp(csv.rows[r][0], last) > 0);
            reports++;
        }
        last = csv.rows[r][0];
    }
    CU_ASSERT_EQUAL(reports, 3);
    tk_csv_free(&csv);
    free(rows);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* ---- The same bytes, one report --------------------------------------- */

static void test_duplicates(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *copy = tk_path(dir, "copy.pdf");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W2T, W2T, NULL), 0);
    af_assert_column(out, "report_id", "2017-02-04");
    af_assert_column(out, "source_file", W2T);
    CU_ASSERT_EQUAL(kept_copies(out), 1);

    /* Given again, and under another name: nothing to add, so nothing is
     * written, not even the same bytes again. */
    char *before = folder_snapshot(out, 1);
    char *err = NULL;
    CU_ASSERT_EQUAL(af_run(&err, "-o", out, W2T, NULL), 0);
    CU_ASSERT(err && strstr(err, "1 report converted (1 unchanged), 0 added"));
    free(err);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, dir, "copy.pdf"), 0);
    CU_ASSERT_EQUAL(af_run(&err, "-o", out, copy, W2T, NULL), 0);
    CU_ASSERT(err && strstr(err, "2 reports converted (2 unchanged), 0 added"));
    free(err);
    char *after = folder_snapshot(out, 1);
    if (strcmp(before, after) != 0)
        fprintf(stderr, "\n  before:\n%s  after:\n%s", before, after);
    CU_ASSERT_STRING_EQUAL(after, before);
    af_assert_column(out, "source_file", W2T);
    free(before);
    free(after);
    free(copy);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Editions of one period ------------------------------------------- */

/* The two fixtures of 2017-02-04 carry the same PDF date (both made
 * 2017-03-27T09:00), so which is current is decided by the order they
 * were added, whether or not the program reads the PDFs' dates. */
static void test_editions(void)
{
    char *dir = tk_tempdir();
    char *ab = tk_path(dir, "ab"), *ba = tk_path(dir, "ba"), *split = tk_path(dir, "split");

    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", ab, W2T, W2L, NULL), 0);
    af_assert_column(ab, "report_id", "2017-02-04|2017-02-04-2");
    af_assert_column(ab, "source_file", W2T "|" W2L);
    af_assert_column(ab, "superseded_by", "2017-02-04-2|");

    /* The other order: the other PDF is the current edition. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", ba, W2L, W2T, NULL), 0);
    af_assert_column(ba, "source_file", W2L "|" W2T);
    af_assert_column(ba, "report_id", "2017-02-04|2017-02-04-2");
    af_assert_column(ba, "superseded_by", "2017-02-04-2|");

    /* Added by two runs: as by one. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", split, W2T, NULL), 0);
    af_assert_column(split, "superseded_by", "");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", split, W2L, NULL), 0);
    CU_ASSERT(af_same_output(split, ab));

    /* Ids are kept: with the first edition gone the second is still
     * "-2", and the first, added again, is the latest edition now. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", split, "--remove", "2017-02-04", NULL), 0);
    af_assert_column(split, "report_id", "2017-02-04-2");
    af_assert_column(split, "superseded_by", "");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", split, W2T, NULL), 0);
    af_assert_column(split, "source_file", W2L "|" W2T);
    af_assert_column(split, "report_id", "2017-02-04-2|2017-02-04");
    af_assert_column(split, "added", "2|3");
    af_assert_column(split, "superseded_by", "2017-02-04|");
    free(ab);
    free(ba);
    free(split);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Taking reports out ----------------------------------------------- */

static void test_remove(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *only = tk_path(dir, "only");
    /* The same file by another name than the one it was added as. */
    char *w3 = realpath(W3, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w3);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W1, W2T, NULL), 0);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W3, NULL), 0);

    /* By report id: its copy goes too. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, "--remove", "2017-02-04", NULL), 0);
    af_assert_column(out, "report_id", "2017-01-28|2017-02-11");
    af_assert_column(out, "added", "1|3");
    CU_ASSERT_EQUAL(kept_copies(out), 2);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", only, W1, W3, NULL), 0);
    /* The rows are those of the two left (reports.csv differs from a
     * run of just them by its "added" column). */
    char *got = tk_path(out, "declined_detainers.csv");
    char *want = tk_path(only, "declined_detainers.csv");
    CU_ASSERT(tk_same_file(want, got));
    free(got);
    free(want);

    /* By file: W3 was added two runs ago, as a relative name. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, "--remove", w3, NULL), 0);
    af_assert_column(out, "report_id", "2017-01-28");

    /* A name that matches nothing: nothing changes, even the removal
     * given with it. */
    char *before = folder_snapshot(out, 1), *err = NULL;
    CU_ASSERT_EQUAL(af_run(&err, "-o", out, "--remove", W1, "--remove", "2017-13-01", NULL), 1);
    char line[1024];
    snprintf(line, sizeof line, "ddor2csv: 2017-13-01: no such report in %s\n", out);
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    free(err);
    /* Nor does a file the archive does not hold. */
    CU_ASSERT_EQUAL(af_run(&err, "-q", "-o", out, "--remove", W2L, NULL), 1);
    snprintf(line, sizeof line, "ddor2csv: %s: no such report in %s\n", W2L, out);
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    free(err);
    char *after = folder_snapshot(out, 1);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(before);
    free(after);

    /* By the name it was added as: the archive is empty, its datasets
     * header lines only. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, "--remove", W1, NULL), 0);
    af_assert_column(out, "report_id", "");
    CU_ASSERT_EQUAL(kept_copies(out), 0);
    char *rows = tk_path(out, "declined_detainers.csv");
    tk_csv csv;
    CU_ASSERT_EQUAL(tk_csv_read(rows, &csv), 0);
    CU_ASSERT_EQUAL(csv.nrows, 1);
    tk_csv_free(&csv);
    free(rows);

    /* Numbers are not reused: the next report added is the fourth. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, w3, NULL), 0);
    af_assert_column(out, "added", "4");
    free(w3);
    free(only);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

static void test_fresh(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *alone = tk_path(dir, "alone");
    char *missing = tk_path(dir, "wekly-3.pdf");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W1, W2T, NULL), 0);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, "--fresh", W3, W2T, NULL), 0);
    af_assert_column(out, "report_id", "2017-02-04|2017-02-11");
    af_assert_column(out, "added", "2|1");
    CU_ASSERT_EQUAL(kept_copies(out), 2);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", alone, W3, W2T, NULL), 0);
    CU_ASSERT(af_same_output(out, alone));

    /* --fresh with nothing but a mistyped name starts nothing over. */
    char *before = folder_snapshot(out, 1), *err = NULL;
    CU_ASSERT_EQUAL(af_run(&err, "-q", "-o", out, "--fresh", missing, NULL), 1);
    CU_ASSERT(af_one_line(err));
    free(err);
    char *after = folder_snapshot(out, 1);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(before);
    free(after);
    free(missing);
    free(alone);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Failed inputs ---------------------------------------------------- */

/* A run of nothing but inputs that fail (a mistyped name, a FIFO,
 * /dev/zero, a folder without PDFs) changes nothing in the folder: one
 * line for each on standard error, exit status 1. */
static void test_failed_inputs_change_nothing(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *typo = tk_path(dir, "weekly-1.pfd");
    char *fifo = tk_path(dir, "pipe.pdf"), *empty = tk_path(dir, "empty");
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(empty, 0777), 0);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W2T, NULL), 0);
    char *before = folder_snapshot(out, 1);

    char *err = NULL, line[1024];
    CU_ASSERT_EQUAL(af_run(&err, "-q", "-o", out, typo, NULL), 1);
    snprintf(line, sizeof line, "ddor2csv: %s: cannot read file: No such file or directory\n",
             typo);
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    free(err);

    double t0 = tk_now();
    CU_ASSERT_EQUAL(af_run(&err, "-q", "-o", out, fifo, "/dev/zero", empty, NULL), 1);
    CU_ASSERT(tk_now() - t0 < 10);
    char want[4096];
    snprintf(want, sizeof want,
             "ddor2csv: %s: no PDF files in folder\n"
             "ddor2csv: %s: not a regular file\n"
             "ddor2csv: /dev/zero: not a regular file\n", empty, fifo);
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);
    free(err);

    char *after = folder_snapshot(out, 1);
    if (strcmp(before, after) != 0)
        fprintf(stderr, "\n  before:\n%s  after:\n%s", before, after);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(before);
    free(after);
    free(empty);
    free(fifo);
    free(typo);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Scale ------------------------------------------------------------ */

#define MANY 10000

/* Seconds a run of MANY inputs may take: generous, and more so under the
 * sanitizers. */
static double bound(double seconds)
{
    return getenv("DDOR2CSV_SANITIZED") ? 4 * seconds : seconds;
}

/* Ten thousand inputs the archive knows (hard links to two reports, so
 * that each is known by its file's identity) need no worker and no
 * reading; ten thousand missing ones are refused as fast. */
static void test_ten_thousand(void)
{
    char *dir = tk_tempdir();
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out");
    char *a = tk_path(in, "a.pdf"), *b = tk_path(in, "b.pdf");
    CU_ASSERT_EQUAL_FATAL(mkdir(in, 0777), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, in, "a.pdf"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W3, in, "b.pdf"), 0);
    size_t cap = (size_t)MANY * (strlen(in) + 32), len = 0;
    char *list = malloc(cap), *missing = malloc(cap);
    size_t mlen = 0;
    CU_ASSERT_FATAL(list && missing);
    for (int i = 0; i < MANY; i++) {
        char name[64];
        snprintf(name, sizeof name, "%c%05d.pdf", i % 2 ? 'b' : 'a', i);
        char *link_path = tk_path(in, name);
        CU_ASSERT_EQUAL_FATAL(link(i % 2 ? b : a, link_path), 0);
        len += (size_t)snprintf(list + len, cap - len, "%s\n", link_path);
        mlen += (size_t)snprintf(missing + mlen, cap - mlen, "%s/gone/%05d.pdf\n", dir, i);
        free(link_path);
    }
    /* A digest is remembered only for a file whose times have settled;
     * linking changed them. */
    tk_sleep(2.1);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, a, b, NULL), 0);

    char *err = NULL;
    double t0 = tk_now();
    CU_ASSERT_EQUAL(af_run_input(list, &err, "-o", out, "-", NULL), 0);
    double known = tk_now() - t0;
    CU_ASSERT(err && strstr(err, "10000 reports converted (10000 unchanged), 0 added"));
    free(err);
    af_assert_column(out, "report_id", "2017-02-04|2017-02-11");

    t0 = tk_now();
    CU_ASSERT_EQUAL(af_run_input(missing, &err, "-q", "-o", out, "-", NULL), 1);
    double gone = tk_now() - t0;
    size_t lines = 0;
    for (const char *p = err ? err : ""; (p = strchr(p, '\n')); p++)
        lines++;
    CU_ASSERT_EQUAL(lines, MANY);
    free(err);
    fprintf(stderr, "\n  %d known inputs: %.2f s; %d missing: %.2f s\n", MANY, known,
            MANY, gone);
    CU_ASSERT(known < bound(5));
    CU_ASSERT(gone < bound(2));
    free(list);
    free(missing);
    free(a);
    free(b);
    free(in);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

void suite_archive_folder(void)
{
    CU_pSuite s = CU_add_suite("archive folder: adding and taking out", NULL, NULL);
    CU_add_test(s, "a run adds to the reports of earlier runs", test_runs_add);
    CU_add_test(s, "period order; a list on stdin adds", test_period_order_and_list);
    CU_add_test(s, "the same bytes are one report; nothing new, nothing written",
                test_duplicates);
    CU_add_test(s, "two editions of one period", test_editions);
    CU_add_test(s, "--remove by id, by file, by name; an unknown name", test_remove);
    CU_add_test(s, "--fresh", test_fresh);
    CU_add_test(s, "failed inputs change nothing", test_failed_inputs_change_nothing);
    CU_add_test(s, "ten thousand known inputs, ten thousand missing ones",
                test_ten_thousand);
}
